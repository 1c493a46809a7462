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
  'data.read',
  'data.import',
  'indicators.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_IDS = ['admin', 'national_coordinator', 'local_officer', 'case_worker', 'analyst', 'viewer'] as const;
export type RoleId = (typeof ROLE_IDS)[number];

export const STARTING_ROLES: Record<RoleId, readonly Permission[]> = {
  admin: PERMISSIONS,
  national_coordinator: ['audit.read', 'orgunits.manage', 'persons.read', 'persons.write', 'persons.export', 'data.read', 'data.import'],
  local_officer: ['persons.read', 'persons.write', 'data.read', 'data.import'],
  case_worker: ['persons.read', 'persons.write', 'persons.export', 'data.read'],
  analyst: ['data.read', 'data.import', 'indicators.manage'],
  viewer: ['data.read'],
};

/** Roles whose members must use a second factor. */
export const ROLES_REQUIRING_MFA: readonly string[] = ['admin'];

/** Verbs the admin role always keeps, so nobody locks the platform out of its own administration. */
export const ADMIN_ROLE_FLOOR: readonly Permission[] = ['users.manage', 'roles.manage'];

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}
