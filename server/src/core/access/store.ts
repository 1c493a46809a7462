import { and, asc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { keepPlanned, type Db, type Executor } from '../db/engine.js';
import { orgUnits } from '../geo/schema.js';
import { loginThrottle, roles, sessions, userScopes, users } from './schema.js';
import type { Actor, ScopeUnit } from './actor.js';

export type UserRow = typeof users.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;

export async function listRoles(db: Executor) {
  return db.select().from(roles).orderBy(asc(roles.id));
}

export async function findUserByEmail(db: Executor, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, normaliseEmail(email))).limit(1);
  return row;
}

export async function findUserById(db: Executor, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export interface ScopeRef {
  code: string;
  nameEs: string;
  nameEn: string;
  kind: string;
  path: string;
  id: string;
}

/** Scopes of several users in one query, keyed by user id. */
export async function scopesOf(db: Executor, userIds: string[]) {
  const result = new Map<string, { capture: ScopeRef[]; view: ScopeRef[] }>();
  for (const id of userIds) result.set(id, { capture: [], view: [] });
  if (userIds.length === 0) return result;
  const rows = await db
    .select({ userId: userScopes.userId, scopeKind: userScopes.kind, id: orgUnits.id, code: orgUnits.code, nameEs: orgUnits.nameEs, nameEn: orgUnits.nameEn, kind: orgUnits.kind, path: orgUnits.path })
    .from(userScopes)
    .innerJoin(orgUnits, eq(orgUnits.id, userScopes.orgUnitId))
    .where(inArray(userScopes.userId, userIds))
    .orderBy(asc(orgUnits.path));
  for (const r of rows) result.get(r.userId)?.[r.scopeKind].push({ id: r.id, code: r.code, nameEs: r.nameEs, nameEn: r.nameEn, kind: r.kind, path: r.path });
  return result;
}

export async function replaceScopes(tx: Executor, userId: string, kind: 'capture' | 'view', orgUnitIds: string[]) {
  await tx.delete(userScopes).where(and(eq(userScopes.userId, userId), eq(userScopes.kind, kind)));
  if (orgUnitIds.length) await tx.insert(userScopes).values(orgUnitIds.map((orgUnitId) => ({ userId, orgUnitId, kind })));
}

// ---- sessions ------------------------------------------------------------------------------

export async function insertSession(db: Executor, row: typeof sessions.$inferInsert) {
  await db.insert(sessions).values(row);
}

/**
 * Records `step` as the account's last accepted second-factor step, only if it comes after the last one: false
 * means the code (or an older one) was already used. One statement, so two sign-ins racing with one code cannot
 * both pass.
 */
export async function consumeTotpStep(db: Executor, userId: string, step: number): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
    .returning({ id: users.id });
  return rows.length === 1;
}

export async function deleteSession(db: Executor, id: string) {
  await db.delete(sessions).where(eq(sessions.id, id));
}

export async function deleteSessionsOfUser(db: Executor, userId: string, exceptId?: string) {
  await db
    .delete(sessions)
    .where(exceptId ? and(eq(sessions.userId, userId), sql`${sessions.id} <> ${exceptId}`) : eq(sessions.userId, userId));
}

export async function updateSessionState(db: Executor, id: string, state: SessionRow['state'], csrfToken: string) {
  await db.update(sessions).set({ state, csrfToken }).where(eq(sessions.id, id));
}

export async function listSessions(db: Executor, userId?: string) {
  return db
    .select({ id: sessions.id, userId: sessions.userId, email: users.email, state: sessions.state, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt, ip: sessions.ip, userAgent: sessions.userAgent })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(userId ? eq(sessions.userId, userId) : undefined)
    .orderBy(sql`${sessions.lastSeenAt} DESC`);
}

/** Removes sessions past their lifetime or idle limit and throttle counters whose window has closed. */
export async function housekeeping(db: Executor, idleMinutes: number, throttleWindowMinutes: number) {
  await db.delete(sessions).where(sql`${sessions.expiresAt} < now() OR ${lt(sessions.lastSeenAt, new Date(Date.now() - idleMinutes * 60_000))}`);
  await db.delete(loginThrottle).where(lt(loginThrottle.windowStartedAt, new Date(Date.now() - throttleWindowMinutes * 60_000)));
}

/**
 * Resolves a session id to the actor behind it: one query for the session, user and role, one for the scopes.
 * Returns undefined for unknown, expired or idle sessions and for deactivated users.
 */
// One round trip: session, user, role and both scopes (aggregated), since this runs on every request.
// Prepared once per database handle, so PostgreSQL plans it once.
const scopeJson = (kind: 'capture' | 'view') => sql<ScopeUnit[]>`coalesce((
    SELECT json_agg(json_build_object('id', o.id, 'code', o.code, 'path', o.path, 'kind', o.kind, 'nameEs', o.name_es, 'nameEn', o.name_en) ORDER BY o.path)
    FROM ${userScopes} us JOIN ${orgUnits} o ON o.id = us.org_unit_id
    WHERE us.user_id = ${users.id} AND us.kind = ${kind}), '[]'::json)`;
const actorQueries = new WeakMap<Db, ReturnType<typeof prepareActorQuery>>();
function prepareActorQuery(db: Db) {
  const query = db
    .select({ session: sessions, user: users, permissions: roles.permissions, capture: scopeJson('capture'), view: scopeJson('view') })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(roles, eq(roles.id, users.roleId))
    .where(eq(sessions.id, sql.placeholder('sessionId')))
    .limit(1)
    .prepare('mide_load_actor');
  // PGlite would plan it on every request otherwise (its values: the scope kinds, the hex session id, the limit).
  keepPlanned(db, 'mide_load_actor', query.getQuery().sql);
  return query;
}

/** How stale `last_seen_at` may get before a request refreshes it: a tenth of the idle limit, at most a minute. */
export function touchAfterMs(idleMinutes: number): number {
  return Math.min((idleMinutes * 60_000) / 10, 60_000);
}

export async function loadActor(db: Db, sessionId: string, idleMinutes: number): Promise<Actor | undefined> {
  let query = actorQueries.get(db);
  if (!query) actorQueries.set(db, (query = prepareActorQuery(db)));
  const [row] = await query.execute({ sessionId });
  if (!row) return undefined;
  const now = Date.now();
  const idleSince = now - row.session.lastSeenAt.getTime();
  if (!row.user.active || row.session.expiresAt.getTime() <= now || idleSince > idleMinutes * 60_000) {
    await deleteSession(db, sessionId);
    return undefined;
  }
  // Touch once the last touch is older than a tenth of the idle limit (at most a minute): a session in use never
  // reaches the limit, even a short one, and most requests write nothing.
  if (idleSince > touchAfterMs(idleMinutes)) await db.update(sessions).set({ lastSeenAt: new Date(now) }).where(eq(sessions.id, sessionId));
  return {
    userId: row.user.id,
    email: row.user.email,
    displayName: row.user.displayName,
    roleId: row.user.roleId,
    locale: row.user.locale,
    // Verbs written by the role editor, which takes only declared ones; a verb of a module since removed grants nothing.
    permissions: new Set(row.permissions),
    captureScope: row.capture,
    viewScope: row.view,
    mfaEnabled: row.user.totpEnabledAt !== null,
    sessionId,
    sessionState: row.session.state,
    csrfToken: row.session.csrfToken,
  };
}

// ---- login throttling ------------------------------------------------------------------------

export interface ThrottleRule {
  limit: number;
  windowMinutes: number;
}

export async function isThrottled(db: Db, key: string, rule: ThrottleRule): Promise<boolean> {
  const [row] = await db.select().from(loginThrottle).where(eq(loginThrottle.key, key)).limit(1);
  if (!row) return false;
  const windowOpen = Date.now() - row.windowStartedAt.getTime() < rule.windowMinutes * 60_000;
  return windowOpen && row.failures >= rule.limit;
}

export async function recordFailure(db: Db, key: string, rule: ThrottleRule): Promise<void> {
  // A failure after the window has passed starts a new window.
  await db
    .insert(loginThrottle)
    .values({ key, failures: 1, windowStartedAt: new Date() })
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: {
        failures: sql`CASE WHEN ${loginThrottle.windowStartedAt} < now() - make_interval(mins => ${rule.windowMinutes}) THEN 1 ELSE ${loginThrottle.failures} + 1 END`,
        windowStartedAt: sql`CASE WHEN ${loginThrottle.windowStartedAt} < now() - make_interval(mins => ${rule.windowMinutes}) THEN now() ELSE ${loginThrottle.windowStartedAt} END`,
      },
    });
}

export async function clearFailures(db: Db, key: string): Promise<void> {
  await db.delete(loginThrottle).where(eq(loginThrottle.key, key));
}
