import type { MessageKey } from '../../app/i18n';

/** The administration's sections, for its index page and its section navigation. */
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

export function visibleAdmin(can: (p: string) => boolean): AdminEntry[] {
  return ADMIN_ENTRIES.filter((e) => can(e.permission));
}

/** The starting roles a user can be given in the user form. */
export const ROLE_IDS = ['admin', 'national_coordinator', 'local_officer', 'case_worker', 'case_supervisor', 'analyst', 'viewer', 'association', 'committee_member'] as const;
