/**
 * Permission verbs and the starting roles. Roles are stored in the database (administrators can change
 * their verbs); this file is the catalogue of verbs that exist and the roles seeded at first start.
 * A module adds its verbs here.
 */
export const PERMISSIONS = [
  'users.manage',
  'roles.manage',
  'audit.read',
  'orgunits.manage',
  'persons.read',
  'persons.write',
  'persons.export',
  'persons.erase',
  'persons.merge',
  'data.read',
  'data.import',
  'indicators.manage',
  'remittances.quotes',
  'schemes.manage',
  'projects.propose',
  'projects.manage',
  'projects.score',
  'projects.decide',
  'cases.read',
  'cases.write',
  'cases.supervise',
  'cases.protected',
  'consent.override',
  'reintegration.configure',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_IDS = ['admin', 'national_coordinator', 'local_officer', 'case_worker', 'case_supervisor', 'analyst', 'viewer', 'association', 'committee_member'] as const;
export type RoleId = (typeof ROLE_IDS)[number];

export const STARTING_ROLES: Record<RoleId, readonly Permission[]> = {
  admin: PERMISSIONS,
  national_coordinator: [
    'audit.read',
    'orgunits.manage',
    'persons.read',
    'persons.write',
    'persons.export',
    'persons.merge',
    'data.read',
    'data.import',
    'remittances.quotes',
    'schemes.manage',
    'projects.manage',
    'projects.decide',
  ],
  local_officer: ['persons.read', 'persons.write', 'data.read', 'data.import', 'projects.manage'],
  case_worker: ['persons.read', 'persons.write', 'persons.export', 'data.read', 'cases.read', 'cases.write'],
  // Supervises caseworkers: approves reintegration plans and closures, sees protected fields, merges duplicate persons.
  case_supervisor: [
    'persons.read',
    'persons.write',
    'persons.export',
    'persons.merge',
    'data.read',
    'cases.read',
    'cases.write',
    'cases.supervise',
    'cases.protected',
    'consent.override',
  ],
  analyst: ['data.read', 'data.import', 'indicators.manage', 'remittances.quotes'],
  viewer: ['data.read'],
  // A representative of a migrant association (hometown club): registers the association and proposes its projects.
  association: ['data.read', 'projects.propose'],
  // A member of a co-funding validation committee: scores the projects in their view scope.
  committee_member: ['data.read', 'projects.score'],
};

/** Roles whose members must use a second factor. */
export const ROLES_REQUIRING_MFA: readonly string[] = ['admin'];

/** Verbs the admin role always keeps, so nobody locks the platform out of its own administration. */
export const ADMIN_ROLE_FLOOR: readonly Permission[] = ['users.manage', 'roles.manage'];

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}
