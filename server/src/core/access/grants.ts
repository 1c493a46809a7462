import { sql } from 'drizzle-orm';
import type { Db } from '../db/engine.js';
import type { Grant } from '../installed-modules.js';
import type { ModuleRole } from '../module.js';
import { roleGrantsApplied, roles } from './schema.js';

/**
 * Creates the starting roles that are missing and gives each grant of the manifests to its role once: a grant already
 * recorded in `role_grants_applied` is never applied again, so a verb an administrator took away from a role stays
 * away, and a grant a new manifest adds reaches existing databases at their next start. One transaction; the table
 * lock makes two servers starting together apply each grant once.
 */
export async function applyStartingGrants(db: Db, startingRoles: readonly ModuleRole[], grants: readonly Grant[]): Promise<Grant[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`LOCK TABLE ${roleGrantsApplied} IN SHARE ROW EXCLUSIVE MODE`);
    for (const role of startingRoles) await tx.insert(roles).values({ id: role.id, permissions: [] }).onConflictDoNothing();
    const applied = new Set((await tx.select({ roleId: roleGrantsApplied.roleId, permission: roleGrantsApplied.permission }).from(roleGrantsApplied)).map(keyOf));
    const due = grants.filter((g) => !applied.has(keyOf(g)));
    if (due.length === 0) return [];
    const byRole = new Map<string, string[]>();
    for (const g of due) byRole.set(g.roleId, [...(byRole.get(g.roleId) ?? []), g.permission]);
    for (const [roleId, verbs] of byRole) {
      // Appended in the manifests' order, skipping a verb the role already holds (given by hand).
      await tx.execute(sql`
        UPDATE ${roles} SET permissions = permissions || ARRAY(
          SELECT v FROM unnest(${sql.param(verbs)}::text[]) WITH ORDINALITY AS g(v, n) WHERE NOT (v = ANY(permissions)) ORDER BY n
        ), updated_at = now()
        WHERE id = ${roleId}`);
    }
    await tx.insert(roleGrantsApplied).values(due.map((g) => ({ roleId: g.roleId, permission: g.permission })));
    return due;
  });
}

const keyOf = (g: Grant) => `${g.roleId} ${g.permission}`;
