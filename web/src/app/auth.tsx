import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, setCsrfToken, setUnauthenticatedHandler, type OrgUnitRef } from './api';

export type SessionState = 'active' | 'mfa_pending' | 'mfa_enrollment';

export interface MeUser {
  id: string;
  email: string;
  display_name: string;
  locale: string;
  role_id: string;
  permissions: string[];
  mfa_enabled: boolean;
  mfa_required: boolean;
  capture_scope: OrgUnitRef[];
  view_scope: OrgUnitRef[];
}

export interface Me {
  user: MeUser;
  session: { state: SessionState; csrf_token: string };
}

/** GET /me, or null when not signed in. Network failures are treated as "not signed in". */
export async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api.get<Me>('/me', { quiet401: true });
    setCsrfToken(me.session.csrf_token);
    return me;
  } catch {
    return null;
  }
}

interface AuthValue {
  me: Me | null;
  /** The session's state: from GET /me, or from the sign-in answer while /me is not yet known. */
  state: SessionState | null;
  /** Records the state announced by POST /auth/login. */
  setPending: (state: SessionState | null) => void;
  /** Signed in with a fully verified session. */
  active: boolean;
  can: (permission: string) => boolean;
  refresh: () => Promise<Me | null>;
  setMe: (me: Me | null) => void;
  signOut: () => Promise<void>;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ initial, children }: { initial: Me | null; children: ReactNode }) {
  const [me, setMeState] = useState<Me | null>(initial);
  const [pending, setPending] = useState<SessionState | null>(null);

  const setMe = useCallback((next: Me | null) => {
    setCsrfToken(next?.session.csrf_token ?? null);
    setMeState(next);
    if (!next) setPending(null);
  }, []);

  useEffect(() => {
    setUnauthenticatedHandler(() => setMe(null));
    return () => setUnauthenticatedHandler(null);
  }, [setMe]);

  const refresh = useCallback(async () => {
    const next = await fetchMe();
    setMe(next);
    return next;
  }, [setMe]);

  const signOut = useCallback(async () => {
    try {
      await api.post('/auth/logout');
    } finally {
      setMe(null);
    }
  }, [setMe]);

  const value = useMemo<AuthValue>(() => {
    const perms = new Set(me?.user.permissions ?? []);
    return {
      me,
      state: me?.session.state ?? pending,
      setPending,
      active: me?.session.state === 'active',
      can: (p) => me?.session.state === 'active' && perms.has(p),
      refresh,
      setMe,
      signOut,
    };
  }, [me, pending, refresh, setMe, signOut]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}
