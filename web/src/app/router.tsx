import { useEffect, useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

/** A tiny router over the History API. */

const NAV_EVENT = 'mide:navigate';
let focusPending = false;

function subscribe(cb: () => void): () => void {
  window.addEventListener('popstate', cb);
  window.addEventListener(NAV_EVENT, cb);
  return () => {
    window.removeEventListener('popstate', cb);
    window.removeEventListener(NAV_EVENT, cb);
  };
}

function snapshot(): string {
  return window.location.pathname + window.location.search;
}

window.addEventListener('popstate', () => {
  focusPending = true;
});

export interface Location {
  pathname: string;
  search: URLSearchParams;
  /** pathname + search, for "come back after" links. */
  href: string;
}

export function useLocation(): Location {
  const href = useSyncExternalStore(subscribe, snapshot);
  const q = href.indexOf('?');
  return {
    pathname: q === -1 ? href : href.slice(0, q),
    search: new URLSearchParams(q === -1 ? '' : href.slice(q)),
    href,
  };
}

/** Pages with unsaved changes, each with the question to ask before they are left (see `useLeaveGuard`). */
const leaveGuards = new Set<{ question: string }>();

/** True when no page holds unsaved changes, or the user confirms leaving them. */
function mayLeave(): boolean {
  const [guard] = leaveGuards;
  return !guard || window.confirm(guard.question);
}

/**
 * Going to another address. A new entry (a link, a filter) first asks a page with unsaved changes; replacing the
 * entry does not, because only the program does that (canonical addresses, redirects, after a save).
 */
export function navigate(to: string, opts: { replace?: boolean; keepScroll?: boolean } = {}): void {
  if (!opts.replace && to !== snapshot() && !mayLeave()) return;
  if (to === snapshot()) {
    window.dispatchEvent(new Event(NAV_EVENT));
    return;
  }
  if (opts.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  if (!opts.keepScroll) {
    focusPending = true;
    window.scrollTo(0, 0);
  }
  window.dispatchEvent(new Event(NAV_EVENT));
}

/**
 * While `question` is set, leaving the page asks it first: links and forms inside the app (a confirmation dialog),
 * and reloading or closing the tab (the browser's own warning). The browser's back button is not held back.
 */
export function useLeaveGuard(question: string | null): void {
  useEffect(() => {
    if (!question) return;
    const guard = { question };
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    leaveGuards.add(guard);
    window.addEventListener('beforeunload', warn);
    return () => {
      leaveGuards.delete(guard);
      window.removeEventListener('beforeunload', warn);
    };
  }, [question]);
}

/** True once after a navigation: the page heading takes focus so screen readers announce the new page. */
export function takeFocusPending(): boolean {
  const v = focusPending;
  focusPending = false;
  return v;
}

/** Matches `/persons/:id` against a pathname; returns the parameters or null. */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const p = pattern.split('/').filter(Boolean);
  const s = pathname.replace(/\/+$/, '').split('/').filter(Boolean);
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    const seg = p[i] as string;
    const val = s[i] as string;
    if (seg.startsWith(':')) {
      try {
        params[seg.slice(1)] = decodeURIComponent(val);
      } catch {
        return null;
      }
    } else if (seg !== val) return null;
  }
  return params;
}

/** Only same-site paths are accepted as a "come back to" target. */
export function safeNext(next: string | null, fallback = '/'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/login')) return fallback;
  return next;
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string };

export function Link({ to, onClick, ...rest }: LinkProps) {
  function handle(e: MouseEvent<HTMLAnchorElement>) {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    if (rest.target && rest.target !== '_self') return;
    e.preventDefault();
    navigate(to);
  }
  return <a href={to} onClick={handle} {...rest} />;
}
