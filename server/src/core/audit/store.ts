import { and, desc, eq, gte, lt, lte, sql, asc, gt, type SQL } from 'drizzle-orm';
import type { Database, Db, Executor } from '../db/engine.js';
import { rowsOf } from '../db/engine.js';
import type { AuditKey } from '../crypto.js';
import { orgUnits } from '../geo/schema.js';
import { pathWithin } from '../geo/store.js';
import { auditLog, auditSeals } from './schema.js';
import { checkLinks, checkSeals, GENESIS_HASH, sealText, storableText, type AuditContent, type SealBreak, type SealLink } from './chain.js';

export interface AuditEvent {
  actorId: string | null;
  actorLabel: string;
  action: string;
  recordType: string;
  recordId?: string | null;
  orgUnitCode?: string | null;
  ip?: string | null;
  requestId?: string | null;
  /** Names of the fields written; never values, never passwords or secrets. */
  changedFields?: string[];
}

/**
 * Appends one entry: a plain INSERT, no lock and no hash, so audited requests never wait for each other. Inside a
 * transaction, call it with the transaction so the entry and the write it records land together or not at all.
 * The database stamps the writing transaction's id (migration 0015); the sealer links the entry into the keyed
 * chain once that transaction has finished (`sealPending`).
 */
export async function appendAudit(tx: Executor, event: AuditEvent): Promise<void> {
  const text = (value: string | null | undefined) => (value == null ? null : storableText(value));
  await tx.insert(auditLog).values({
    at: new Date(),
    actorId: event.actorId,
    actorLabel: storableText(event.actorLabel),
    action: event.action,
    recordType: event.recordType,
    recordId: text(event.recordId),
    orgUnitCode: text(event.orgUnitCode),
    ip: text(event.ip),
    requestId: text(event.requestId),
    changedFields: (event.changedFields ?? []).map(storableText),
  });
}

/** Appends an entry on its own (reads of personal data, logins): one statement is its own transaction. */
export async function recordAudit(db: Db, event: AuditEvent): Promise<void> {
  await appendAudit(db, event);
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  recordType?: string;
  recordId?: string;
  from?: Date;
  to?: Date;
  before?: number;
  limit: number;
}

/** Where the reader may look: the org-unit paths of their view scope. */
export interface AuditReadScope {
  prefixes: string[];
}

export const ROOT_PATH = '/001/';

/**
 * The entries of units inside the reader's view scope. An entry with no unit (sign-ins, administration, the command
 * line) or with a code no unit has is visible only to a reader whose scope covers the root: a `recordId` filter then
 * cannot confirm that a record outside the scope exists.
 */
function withinScope(scope: AuditReadScope): SQL | undefined {
  if (scope.prefixes.includes(ROOT_PATH)) return undefined;
  return sql`EXISTS (SELECT 1 FROM ${orgUnits} WHERE ${orgUnits.code} = ${auditLog.orgUnitCode} AND ${pathWithin(orgUnits.path, scope.prefixes)})`;
}

export async function listAudit(db: Db, filter: AuditFilter, scope: AuditReadScope) {
  const conditions: SQL[] = [];
  const inScope = withinScope(scope);
  if (inScope) conditions.push(inScope);
  if (filter.actor) conditions.push(sql`${auditLog.actorLabel} ILIKE ${'%' + filter.actor.replace(/[%_\\]/g, '\\$&') + '%'}`);
  if (filter.action) conditions.push(eq(auditLog.action, filter.action));
  if (filter.recordType) conditions.push(eq(auditLog.recordType, filter.recordType));
  if (filter.recordId) conditions.push(eq(auditLog.recordId, filter.recordId));
  if (filter.from) conditions.push(gte(auditLog.at, filter.from));
  if (filter.to) conditions.push(lte(auditLog.at, filter.to));
  if (filter.before) conditions.push(lt(auditLog.seq, filter.before));
  const rows = await db
    .select()
    .from(auditLog)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(auditLog.seq))
    .limit(filter.limit + 1);
  const items = rows.slice(0, filter.limit);
  return { items, nextBefore: rows.length > filter.limit ? (items.at(-1)?.seq ?? null) : null };
}

// ---------------------------------------------------------------------------------------------
// Sealing: linking written entries into the keyed chain
// ---------------------------------------------------------------------------------------------

/** What sealing and verifying need from the platform. */
export interface AuditChainContext {
  db: Db;
  database: Pick<Database, 'engine'>;
  auditKey: AuditKey;
}

/**
 * Serialises seal passes across processes (a background sealer, `mide audit verify`, a test): taken by the sealer
 * only, for the length of one pass, never by a request. Any number fixed for the cluster.
 */
const SEAL_PASS_LOCK_KEY = 47_112_028;
const SEAL_BATCH = 2000;

/**
 * Per open database: a transaction id below which every entry is known to be sealed, so that a pass reads only the
 * newer entries through the xid index. Unknown (a full scan, once) after a start or a restore.
 */
const lowWater = new WeakMap<object, number>();

function toContent(r: Record<string, unknown>): AuditContent {
  return {
    at: r.at instanceof Date ? r.at : new Date(String(r.at)),
    actorId: (r.actor_id as string | null) ?? null,
    actorLabel: String(r.actor_label),
    action: String(r.action),
    recordType: String(r.record_type),
    recordId: (r.record_id as string | null) ?? null,
    orgUnitCode: (r.org_unit_code as string | null) ?? null,
    ip: (r.ip as string | null) ?? null,
    requestId: (r.request_id as string | null) ?? null,
    changedFields: (typeof r.changed_fields === 'string' ? JSON.parse(r.changed_fields) : r.changed_fields) as string[],
  };
}

/** The end of the chain: the last seal, or before any seal the last legacy (SHA-256) entry, or the genesis. */
async function chainHead(tx: Executor): Promise<{ pos: number; hash: string }> {
  const [last] = await tx.select({ pos: auditSeals.pos, hash: auditSeals.hash }).from(auditSeals).orderBy(desc(auditSeals.pos)).limit(1);
  if (last) return { pos: Number(last.pos), hash: last.hash };
  return { pos: 0, hash: await lastLegacyHash(tx) };
}

async function lastLegacyHash(tx: Executor): Promise<string> {
  const [legacy] = await tx.select({ hash: auditLog.hash }).from(auditLog).where(sql`${auditLog.hash} IS NOT NULL`).orderBy(desc(auditLog.seq)).limit(1);
  return legacy?.hash ?? GENESIS_HASH;
}

/**
 * The first pass of a process reads every unsealed entry; it also takes those whose id no transaction of this
 * cluster has had yet (at or above `pg_snapshot_xmax`) or none at all: entries restored from a backup of another
 * cluster, whose transactions have long finished.
 *
 * One pass: links, in seq order, the entries whose writing transaction has finished (its id is below the oldest
 * transaction still running, `pg_snapshot_xmin`, read in the same statement, hence the same snapshot, as the
 * entries), so that no entry still in flight is skipped: it will be linked by a later pass, after the ones sealed
 * now. The chain's order is the order of sealing (`pos`), not `seq`, which transactions take before they commit.
 */
async function sealOnce(ctx: AuditChainContext, batch: number): Promise<{ sealed: number; more: boolean }> {
  const key = ctx.database as object;
  return ctx.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${SEAL_PASS_LOCK_KEY}::bigint)`);
    const head = await chainHead(tx);
    const low = lowWater.get(key);
    const rows = rowsOf<Record<string, unknown>>(
      await tx.execute(sql`
        WITH h AS (SELECT (pg_snapshot_xmin(pg_current_snapshot())::text)::bigint AS horizon, (pg_snapshot_xmax(pg_current_snapshot())::text)::bigint AS top)
        SELECT h.horizon, e.* FROM h LEFT JOIN LATERAL (
          SELECT a.seq, a.at, a.actor_id, a.actor_label, a.action, a.record_type, a.record_id, a.org_unit_code, a.ip, a.request_id, a.changed_fields
          FROM audit_log a
          WHERE a.hash IS NULL
            AND ${low === undefined ? sql`(a.xid < h.horizon OR a.xid >= h.top OR a.xid IS NULL)` : sql`a.xid >= ${low} AND a.xid < h.horizon`}
            AND NOT EXISTS (SELECT 1 FROM audit_seals s WHERE s.seq = a.seq)
          ORDER BY a.seq
          LIMIT ${batch}
        ) e ON true`),
    );
    const horizon = Number(rows[0]!.horizon);
    const entries = rows.filter((r) => r.seq !== null && r.seq !== undefined);
    let pos = head.pos;
    let prev = head.hash;
    const seals = entries.map((r) => {
      const seq = Number(r.seq);
      pos += 1;
      const hash = ctx.auditKey.mac(sealText(pos, seq, toContent(r), prev));
      const seal = { pos, seq, prevHash: prev, hash };
      prev = hash;
      return seal;
    });
    for (let i = 0; i < seals.length; i += 500) await tx.insert(auditSeals).values(seals.slice(i, i + 500));
    const more = entries.length >= batch;
    // Only a pass that saw every finished entry may move the mark; the next one reads from there.
    if (!more) lowWater.set(key, low === undefined ? horizon : Math.max(low, horizon));
    return { sealed: seals.length, more };
  });
}

/**
 * Links every entry whose transaction has finished into the keyed chain (the background sealer calls it every
 * MIDE_AUDIT_SEAL_MS; `mide audit verify` and tests call it directly). Returns how many entries it linked.
 */
export async function sealPending(ctx: AuditChainContext, batch = SEAL_BATCH): Promise<{ sealed: number }> {
  let sealed = 0;
  for (;;) {
    const pass = await sealOnce(ctx, batch);
    sealed += pass.sealed;
    if (!pass.more) return { sealed };
  }
}

/** Entries written and committed but not yet linked into the chain. */
export async function pendingCount(db: Executor): Promise<number> {
  const [row] = rowsOf<{ n: number | string }>(
    await db.execute(sql`SELECT count(*) AS n FROM audit_log a WHERE a.hash IS NULL AND NOT EXISTS (SELECT 1 FROM audit_seals s WHERE s.seq = a.seq)`),
  );
  return Number(row?.n ?? 0);
}

// ---------------------------------------------------------------------------------------------
// Verifying and anchoring
// ---------------------------------------------------------------------------------------------

/** The head of the chain, to be kept outside the database (`mide audit anchor`). */
export interface AuditAnchor {
  pos: number;
  seq: number;
  hash: string;
  sealedAt: string;
}

export type AuditBreak = SealBreak | 'legacy_link' | 'anchor_missing' | 'anchor_mismatch';

export interface AuditVerification {
  ok: boolean;
  /** Entries whose link was re-computed and found intact (legacy SHA-256 ones and sealed ones). */
  checked: number;
  /** The entry (seq) at the first broken link, and the chain position for a seal. */
  firstBrokenSeq: number | null;
  firstBrokenPos: number | null;
  reason: AuditBreak | null;
  /** Entries written and committed, not yet linked (they are sealed within a moment by the running server). */
  pending: number;
  head: AuditAnchor | null;
  /** Whether the anchor given was found as it was kept (null when none was given). */
  anchorOk: boolean | null;
}

export async function currentAnchor(db: Executor): Promise<AuditAnchor | null> {
  const [last] = await db.select().from(auditSeals).orderBy(desc(auditSeals.pos)).limit(1);
  return last ? { pos: Number(last.pos), seq: Number(last.seq), hash: last.hash, sealedAt: last.sealedAt.toISOString() } : null;
}

/**
 * Re-computes the chain, a page at a time: the legacy SHA-256 entries in seq order, then every seal in position
 * order against the entry it seals, with the audit key. With an anchor kept earlier, also checks that the chain
 * still holds it: a removed tail or a rewritten chain before it no longer does.
 */
export async function verifyAuditChain(ctx: Pick<AuditChainContext, 'db' | 'auditKey'>, options: { pageSize?: number; anchor?: AuditAnchor } = {}): Promise<AuditVerification> {
  const pageSize = options.pageSize ?? 5000;
  const db = ctx.db;
  const pending = await pendingCount(db);
  const result = (r: Partial<AuditVerification> & { checked: number }, head: AuditAnchor | null, anchorOk: boolean | null): AuditVerification => ({
    ok: true,
    firstBrokenSeq: null,
    firstBrokenPos: null,
    reason: null,
    pending,
    head,
    anchorOk,
    ...r,
  });

  // Entries written before the keyed chain.
  let after = 0;
  let prev = GENESIS_HASH;
  let checked = 0;
  for (;;) {
    const page = await db
      .select()
      .from(auditLog)
      .where(and(gt(auditLog.seq, after), sql`${auditLog.hash} IS NOT NULL`))
      .orderBy(asc(auditLog.seq))
      .limit(pageSize);
    if (page.length === 0) break;
    const links = checkLinks(page.map((e) => ({ ...e, prevHash: e.prevHash!, hash: e.hash! })), prev);
    checked += links.checked;
    if (!links.ok) return result({ ok: false, checked, firstBrokenSeq: links.firstBrokenSeq, reason: 'legacy_link' }, null, null);
    prev = links.lastHash;
    after = page.at(-1)!.seq;
  }

  // The keyed seals.
  let start = { pos: 0, hash: prev };
  let head: AuditAnchor | null = null;
  let anchorSeen: AuditAnchor | null = null;
  for (;;) {
    const page = rowsOf<Record<string, unknown>>(
      await db.execute(sql`
        SELECT s.pos, s.seq AS seal_seq, s.prev_hash, s.hash, s.sealed_at, a.seq, a.at, a.actor_id, a.actor_label, a.action, a.record_type, a.record_id,
               a.org_unit_code, a.ip, a.request_id, a.changed_fields
        FROM audit_seals s LEFT JOIN audit_log a ON a.seq = s.seq
        WHERE s.pos > ${start.pos}
        ORDER BY s.pos
        LIMIT ${pageSize}`),
    );
    if (page.length === 0) break;
    const seals: SealLink[] = page.map((r) => ({
      pos: Number(r.pos),
      seq: Number(r.seal_seq),
      prevHash: String(r.prev_hash),
      hash: String(r.hash),
      entry: r.seq === null || r.seq === undefined ? null : toContent(r),
    }));
    const walk = checkSeals(seals, start, (text) => ctx.auditKey.mac(text));
    checked += walk.checked;
    if (!walk.ok) return result({ ok: false, checked, firstBrokenSeq: walk.firstBrokenSeq, firstBrokenPos: walk.firstBrokenPos, reason: walk.reason }, null, options.anchor ? false : null);
    const last = page.at(-1)!;
    head = { pos: Number(last.pos), seq: Number(last.seal_seq), hash: String(last.hash), sealedAt: new Date(last.sealed_at as string | Date).toISOString() };
    if (options.anchor) {
      const kept = page.find((r) => Number(r.pos) === options.anchor!.pos);
      if (kept) anchorSeen = { pos: Number(kept.pos), seq: Number(kept.seal_seq), hash: String(kept.hash), sealedAt: new Date(kept.sealed_at as string | Date).toISOString() };
    }
    start = { pos: walk.lastPos, hash: walk.lastHash };
  }

  if (options.anchor) {
    const a = options.anchor;
    if (!anchorSeen) return result({ ok: false, checked, reason: 'anchor_missing', firstBrokenPos: a.pos, firstBrokenSeq: a.seq }, head, false);
    if (anchorSeen.hash !== a.hash || anchorSeen.seq !== a.seq) return result({ ok: false, checked, reason: 'anchor_mismatch', firstBrokenPos: a.pos, firstBrokenSeq: anchorSeen.seq }, head, false);
    return result({ checked }, head, true);
  }
  return result({ checked }, head, null);
}

// ---------------------------------------------------------------------------------------------
// Who can rewrite the log
// ---------------------------------------------------------------------------------------------

/**
 * Whether the role the server connects as could rewrite the audit objects: a superuser, the owner of audit_log or
 * audit_seals (who can switch their triggers off), or one granted UPDATE, DELETE or TRUNCATE on them. Always true on
 * the embedded engine, whose one role is a superuser.
 */
export async function roleCanRewriteAudit(db: Executor): Promise<boolean> {
  const [row] = rowsOf<{ can: boolean }>(
    await db.execute(sql`
      SELECT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
          OR EXISTS (SELECT 1 FROM pg_class c WHERE c.relname IN ('audit_log', 'audit_seals') AND c.relnamespace = 'public'::regnamespace
                     AND pg_has_role(current_user, c.relowner, 'USAGE'))
          OR has_table_privilege(current_user, 'public.audit_log', 'UPDATE, DELETE, TRUNCATE')
          OR has_table_privilege(current_user, 'public.audit_seals', 'UPDATE, DELETE, TRUNCATE') AS can`),
  );
  return row?.can === true;
}
