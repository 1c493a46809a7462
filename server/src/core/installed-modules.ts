import { getTableName, isTable } from 'drizzle-orm';
import type { ModuleRole, PlatformModule } from './module.js';
import { ADMIN_ROLE, CORE_GRANTS, CORE_PERMISSIONS, CORE_ROLES, CORE_ROLES_REQUIRING_MFA, type Permission } from './access/permissions.js';
import type { PersonalDataHolder } from './people/privacy-registry.js';
import type { SealedTable } from './keys/sealed.js';
import { peopleSealed } from './people/privacy.js';

/** One verb given to one starting role, applied once (`access/grants.ts`). */
export interface Grant {
  roleId: string;
  permission: Permission;
}

/** A manifest that contradicts itself or another: the platform does not start. */
export class ManifestError extends Error {
  override name = 'ManifestError';
}

/**
 * What the core knows of the modules of this installation, read from their manifests once at start and checked:
 * ids and API prefixes unique, verbs declared once, grants naming declared roles and verbs, table prefixes honoured.
 * The core iterates this, never a module.
 */
export class InstalledModules {
  readonly list: readonly PlatformModule[];
  /** Every verb of the platform: the core's, then each module's. */
  readonly permissions: readonly Permission[];
  /** Every starting role: the core's, then those the modules introduce. */
  readonly roles: readonly ModuleRole[];
  /** Every grant to a starting role, the admin role's (every verb) included, in the order they are applied. */
  readonly grants: readonly Grant[];
  private readonly known: ReadonlySet<string>;

  constructor(modules: readonly PlatformModule[]) {
    this.list = modules;
    const owner = new Map<string, string>(CORE_PERMISSIONS.map((verb) => [verb, 'the core']));
    const ids = new Set<string>();
    const prefixes = new Set<string>();
    const roles: ModuleRole[] = CORE_ROLES.map((id) => ({ id, requiresMfa: CORE_ROLES_REQUIRING_MFA.includes(id) }));
    for (const m of modules) {
      // Underscores, not dashes: the id prefixes its tables (`field_visits_items`) and names its migrations table.
      if (!/^[a-z][a-z0-9_]*$/.test(m.id)) throw new ManifestError(`Module id "${m.id}" must be lower-case letters, digits and underscores.`);
      if (ids.has(m.id)) throw new ManifestError(`Two modules have the id "${m.id}".`);
      ids.add(m.id);
      if (!/^[a-z][a-z0-9-]*$/.test(m.apiPrefix) || prefixes.has(m.apiPrefix)) throw new ManifestError(`Module "${m.id}": its API prefix "${m.apiPrefix}" is not a single free path segment.`);
      prefixes.add(m.apiPrefix);
      for (const verb of m.permissions) {
        const taken = owner.get(verb);
        if (taken) throw new ManifestError(`Module "${m.id}" declares the verb "${verb}", already declared by ${taken === 'the core' ? taken : `module "${taken}"`}.`);
        owner.set(verb, m.id);
      }
      for (const role of m.roles ?? []) {
        if (roles.some((r) => r.id === role.id)) throw new ManifestError(`Module "${m.id}" introduces the role "${role.id}", which already exists.`);
        roles.push(role);
      }
      checkTables(m);
    }
    this.permissions = [...owner.keys()];
    this.known = new Set(this.permissions);
    this.roles = roles;

    const grants: Grant[] = this.permissions.map((permission) => ({ roleId: ADMIN_ROLE, permission }));
    // A grant belongs to the verb's owner: the core grants its verbs to its roles; a module grants its own verbs to
    // any starting role, and the core's verbs to the roles it introduces.
    const add = (granter: string, roleId: string, verbs: readonly string[]) => {
      const source = granter === 'the core' ? 'The core' : `Module "${granter}"`;
      const role = roles.find((r) => r.id === roleId);
      if (!role) throw new ManifestError(`${source} grants verbs to the role "${roleId}", which neither the core nor a module declares.`);
      const ownRole = granter === 'the core' ? (CORE_ROLES as readonly string[]).includes(roleId) : modules.find((m) => m.id === granter)?.roles?.some((r) => r.id === roleId) === true;
      for (const permission of verbs) {
        const verbOwner = owner.get(permission);
        if (!verbOwner) throw new ManifestError(`${source} grants the verb "${permission}" to "${roleId}", but no module declares it.`);
        if (verbOwner !== granter && !(verbOwner === 'the core' && ownRole)) {
          throw new ManifestError(`${source} grants "${permission}" to "${roleId}": a module grants its own verbs, and the core's only to the roles it introduces.`);
        }
        if (!grants.some((g) => g.roleId === roleId && g.permission === permission)) grants.push({ roleId, permission });
      }
    };
    for (const [roleId, verbs] of Object.entries(CORE_GRANTS)) add('the core', roleId, verbs);
    for (const m of modules) for (const [roleId, verbs] of Object.entries(m.grants)) add(m.id, roleId, verbs);
    this.grants = grants;
  }

  isPermission(verb: string): boolean {
    return this.known.has(verb);
  }

  requiresMfa(roleId: string): boolean {
    return this.roles.some((r) => r.id === roleId && r.requiresMfa === true);
  }

  /** The verbs a starting role is given at its creation (for tests and the documentation of roles). */
  startingVerbs(roleId: string): ReadonlySet<Permission> {
    return new Set(this.grants.filter((g) => g.roleId === roleId).map((g) => g.permission));
  }

  /** Every table holding sealed values: the persons registry's and the modules'. */
  sealedTables(): SealedTable[] {
    return [...peopleSealed, ...this.list.flatMap((m) => m.sealed ?? [])];
  }

  /** Every module's personal data; the registry's own holder is added by `people/service.ts`. */
  privacyHolders(): PersonalDataHolder[] {
    return this.list.map((m) => m.privacy).filter((p): p is PersonalDataHolder => p !== null);
  }

  /** The names of the modules' tables. */
  tableNames(): string[] {
    return this.list.flatMap(tableNamesOf);
  }
}

function tableNamesOf(m: PlatformModule): string[] {
  return Object.values(m.tables).filter(isTable).map((table) => getTableName(table));
}

function checkTables(m: PlatformModule): void {
  for (const name of tableNamesOf(m)) {
    if (!m.tablePrefixes.some((prefix) => name.startsWith(prefix))) {
      throw new ManifestError(`Module "${m.id}": its table "${name}" does not start with one of its prefixes (${m.tablePrefixes.join(', ')}).`);
    }
  }
}
