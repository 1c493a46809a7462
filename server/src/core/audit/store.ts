import { and, desc, eq, gte, lt, lte, sql, asc, gt, type SQL } from 'drizzle-orm';
import type { Db, Executor } from '../db/engine.js';
import { auditLog } from './schema.js';
import { checkLinks, entryHash, GENESIS_HASH, type AuditContent, type ChainCheck } from './chain.js';

/** Any value fixed for the cluster: appends take this transaction lock so the chain stays a line. */
const AUDIT_CHAIN_LOCK_KEY = 4_711_2027;

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

/** Appends one entry. Call it inside the transaction of the write it records, so both land or neither. */
export async function appendAudit(tx: Executor, event: AuditEvent): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK_KEY})`);
  const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  const content: AuditContent = {
    at: new Date(),
    actorId: event.actorId,
    actorLabel: event.actorLabel,
    action: event.action,
    recordType: event.recordType,
    recordId: event.recordId ?? null,
    orgUnitCode: event.orgUnitCode ?? null,
    ip: event.ip ?? null,
    requestId: event.requestId ?? null,
    changedFields: event.changedFields ?? [],
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  await tx.insert(auditLog).values({ ...content, prevHash, hash: entryHash(content, prevHash) });
}

/** Appends an entry in a transaction of its own (reads of personal data, logins). */
export async function recordAudit(db: Db, event: AuditEvent): Promise<void> {
  await db.transaction((tx) => appendAudit(tx, event));
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

export async function listAudit(db: Db, filter: AuditFilter) {
  const conditions: SQL[] = [];
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

/** Re-computes every hash in order, a page at a time, and reports the first broken link. */
export async function verifyAuditChain(db: Db, pageSize = 5000): Promise<Omit<ChainCheck, 'lastHash'>> {
  let after = 0;
  let prev = GENESIS_HASH;
  let checked = 0;
  for (;;) {
    const page = await db.select().from(auditLog).where(gt(auditLog.seq, after)).orderBy(asc(auditLog.seq)).limit(pageSize);
    if (page.length === 0) return { ok: true, checked, firstBrokenSeq: null };
    const result = checkLinks(page, prev);
    checked += result.checked;
    if (!result.ok) return { ok: false, checked, firstBrokenSeq: result.firstBrokenSeq };
    prev = result.lastHash;
    after = page.at(-1)!.seq;
  }
}
