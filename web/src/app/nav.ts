import type { MessageKey } from './i18n';

/**
 * The single list of main-navigation entries. A module switches itself on by setting `built: true`
 * when its pages exist; an entry is shown only when built and the user holds one of `anyOf`.
 */
export interface NavEntry {
  id: string;
  path: string;
  label: MessageKey;
  description: MessageKey;
  built: boolean;
  anyOf: string[];
  /** shown to everyone, signed in or not */
  public?: boolean;
}

export const NAV_ENTRIES: NavEntry[] = [
  // Public: profiles, comparisons and corridors need no sign-in; the national-data pages check their own permissions.
  { id: 'evidence', path: '/evidence', label: 'nav.evidence', description: 'nav.evidence.description', built: true, anyOf: ['data.read'], public: true },
  { id: 'policy', path: '/policy', label: 'nav.policy', description: 'nav.policy.description', built: false, anyOf: ['data.read'] },
  { id: 'learning', path: '/learning', label: 'nav.learning', description: 'nav.learning.description', built: false, anyOf: ['data.read'] },
  { id: 'labour', path: '/labour', label: 'nav.labour', description: 'nav.labour.description', built: false, anyOf: ['persons.read'] },
  { id: 'diaspora', path: '/diaspora', label: 'nav.diaspora', description: 'nav.diaspora.description', built: false, anyOf: ['persons.read'] },
  { id: 'reintegration', path: '/reintegration', label: 'nav.reintegration', description: 'nav.reintegration.description', built: true, anyOf: ['cases.read'] },
  { id: 'remittances', path: '/remittances', label: 'nav.remittances', description: 'nav.remittances.description', built: true, anyOf: ['data.read'], public: true },
  { id: 'persons', path: '/persons', label: 'nav.persons', description: 'nav.persons.description', built: true, anyOf: ['persons.read'] },
  {
    id: 'admin',
    path: '/admin',
    label: 'nav.admin',
    description: 'nav.admin.description',
    built: true,
    anyOf: ['users.manage', 'roles.manage', 'audit.read', 'orgunits.manage'],
  },
];

export interface AdminEntry {
  id: string;
  path: string;
  label: MessageKey;
  description: MessageKey;
  permission: string;
}

export const ADMIN_ENTRIES: AdminEntry[] = [
  { id: 'users', path: '/admin/users', label: 'admin.nav.users', description: 'admin.nav.users.description', permission: 'users.manage' },
  { id: 'roles', path: '/admin/roles', label: 'admin.nav.roles', description: 'admin.nav.roles.description', permission: 'roles.manage' },
  { id: 'sessions', path: '/admin/sessions', label: 'admin.nav.sessions', description: 'admin.nav.sessions.description', permission: 'users.manage' },
  { id: 'audit', path: '/admin/audit', label: 'admin.nav.audit', description: 'admin.nav.audit.description', permission: 'audit.read' },
  { id: 'orgUnits', path: '/admin/org-units', label: 'admin.nav.orgUnits', description: 'admin.nav.orgUnits.description', permission: 'orgunits.manage' },
];

export function visibleNav(can: (p: string) => boolean): NavEntry[] {
  return NAV_ENTRIES.filter((e) => e.built && (e.public === true || e.anyOf.some(can)));
}

export function visibleAdmin(can: (p: string) => boolean): AdminEntry[] {
  return ADMIN_ENTRIES.filter((e) => can(e.permission));
}

/** The seven themes of IOM's regional strategy, for the home page. */
export const THEMES: MessageKey[] = ['theme.t1', 'theme.t2', 'theme.t3', 'theme.t4', 'theme.t5', 'theme.t6', 'theme.t7'];

export const ROLE_IDS = ['admin', 'national_coordinator', 'local_officer', 'case_worker', 'case_supervisor', 'analyst', 'viewer', 'association', 'committee_member'] as const;
