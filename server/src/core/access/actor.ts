import type { Permission } from './permissions.js';

export interface ScopeUnit {
  id: string;
  code: string;
  path: string;
  kind: string;
  nameEs: string;
  nameEn: string;
}

/** Who is asking: a signed-in user with their role's verbs and their two scopes. */
export interface Actor {
  userId: string;
  email: string;
  displayName: string;
  roleId: string;
  locale: string;
  permissions: ReadonlySet<Permission>;
  captureScope: ScopeUnit[];
  viewScope: ScopeUnit[];
  mfaEnabled: boolean;
  sessionId: string;
  sessionState: 'mfa_pending' | 'mfa_enrollment' | 'active';
  csrfToken: string;
}

/** The command line acts as the system, with no scope limits; its audit entries say so. */
export const SYSTEM_ACTOR_LABEL = 'system (command line)';
