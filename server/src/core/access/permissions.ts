/**
 * The core's permission verbs and starting roles. Modules declare their own verbs, roles and grants in their manifest
 * (`PlatformModule`); `core/installed-modules.ts` puts the core's and theirs together at start. Roles are stored in the
 * database (administrators change their verbs); grants to starting roles are applied once each (`grants.ts`).
 */

/** A verb declared by the core or by a module (`cases.read`): checked against the declared ones at start. */
export type Permission = string;

export const CORE_PERMISSIONS = [
  'users.manage',
  'roles.manage',
  'audit.read',
  'orgunits.manage',
  'persons.read',
  'persons.write',
  'persons.export',
  'persons.erase',
  'persons.merge',
  // The one gate of protected values: the registry's document numbers (core) and the modules' protected fields.
  'cases.protected',
] as const;
export type CorePermission = (typeof CORE_PERMISSIONS)[number];

/**
 * The roles of every installation, whatever its modules. Roles of one module's work (case_worker, association...)
 * are introduced by that module's manifest.
 */
export const CORE_ROLES = ['admin', 'national_coordinator', 'local_officer', 'analyst', 'viewer'] as const;
export type CoreRole = (typeof CORE_ROLES)[number];

export const ADMIN_ROLE: CoreRole = 'admin';

/** The core's verbs given to the core's starting roles (the admin role receives every verb of the platform). */
export const CORE_GRANTS: Readonly<Partial<Record<CoreRole, readonly CorePermission[]>>> = {
  national_coordinator: ['audit.read', 'orgunits.manage', 'persons.read', 'persons.write', 'persons.export', 'persons.merge'],
  local_officer: ['persons.read', 'persons.write'],
};

/** Core roles whose members must use a second factor (modules mark theirs with `requiresMfa`). */
export const CORE_ROLES_REQUIRING_MFA: readonly CoreRole[] = ['admin'];

/** Verbs the admin role always keeps, so nobody locks the platform out of its own administration. */
export const ADMIN_ROLE_FLOOR: readonly CorePermission[] = ['users.manage', 'roles.manage'];
