import { and, eq, or, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../../core/access/actor.js';
import { can, inScope, scopePrefixes } from '../../../core/access/policy.js';
import type { Executor } from '../../../core/db/engine.js';
import { orgUnits } from '../../../core/geo/schema.js';
import { pathWithin } from '../../../core/geo/store.js';
import type { ProjectStanding } from './domain/lifecycle.js';
import { rmAssociationMembers, rmProjects } from './schema.js';

/**
 * Who sees what (docs/api.md). Association members (`projects.propose`) see their associations'
 * projects wherever they are; officers, committee members and coordinators see the projects whose locality is within
 * their view scope. Anything else is absent (404). Conditions are SQL, so nothing out of scope is ever read.
 */

/** The verbs that let a user follow projects by locality. */
const FOLLOWS_LOCALITIES = ['projects.manage', 'projects.score', 'projects.decide'] as const;

export const followsLocalities = (actor: Actor) => FOLLOWS_LOCALITIES.some((v) => can(actor, v));

/** The caller belongs to the association (and holds the verb to act for it). */
export function isMemberSql(actor: Actor, associationId: SQL | typeof rmProjects.associationId): SQL {
  if (!can(actor, 'projects.propose')) return sql`false`;
  return sql`exists (select 1 from ${rmAssociationMembers} where ${rmAssociationMembers.associationId} = ${associationId} and ${rmAssociationMembers.userId} = ${actor.userId})`;
}

/** Projects the actor may see; the query must join `org_units` on the project's locality. */
export function projectVisibleSql(actor: Actor): SQL {
  const byLocality = followsLocalities(actor) ? pathWithin(orgUnits.path, scopePrefixes(actor, 'view')) : sql`false`;
  return or(isMemberSql(actor, rmProjects.associationId), byLocality)!;
}

export async function isMember(db: Executor, actor: Actor, associationId: string): Promise<boolean> {
  if (!can(actor, 'projects.propose')) return false;
  const [row] = await db
    .select({ one: sql`1` })
    .from(rmAssociationMembers)
    .where(and(eq(rmAssociationMembers.associationId, associationId), eq(rmAssociationMembers.userId, actor.userId)))
    .limit(1);
  return !!row;
}

/** How the actor stands towards a project they can see: its locality's path and their membership decide. */
export function standingOn(actor: Actor, project: { orgUnitPath: string; member: boolean }): ProjectStanding {
  return {
    member: project.member,
    manager: can(actor, 'projects.manage') && inScope(actor, 'capture', project.orgUnitPath),
    scorer: can(actor, 'projects.score') && inScope(actor, 'view', project.orgUnitPath),
    decider: can(actor, 'projects.decide') && inScope(actor, 'capture', project.orgUnitPath),
  };
}

