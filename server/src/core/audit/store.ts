import { and, desc, eq, gte, lt, lte, sql, asc, gt, type SQL } from 'drizzle-orm';
import type { Db, Executor } from '../db/engine.js';
import { auditLog } from './schema.js';
import { canonicalHead, checkLinks, GENESIS_HASH, storableText, type AuditContent, type ChainCheck } from './chain.js';

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
 * Appends one entry in one statement (the database function audit_append, migration 0013, takes the chain's
 * advisory lock so the chain stays a line, reads the last hash and inserts). Inside a transaction, call it with the transaction so the entry and the write it records land
 * together or not at all; the lock is then held until that transaction ends.
 */
export async function appendAudit(tx: Executor, event: AuditEvent): Promise<void> {
  const text = (value: string | null | undefined) => (value == null ? null : storableText(value));
  const content: AuditContent = {
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
  };
  await tx.execute(sql`SELECT audit_append(${content.at.toISOString()}::timestamptz, ${content.actorId}::uuid, ${content.actorLabel}, ${content.action},
    ${content.recordType}, ${content.recordId}, ${content.orgUnitCode}, ${content.ip}, ${content.requestId},
    ${JSON.stringify(content.changedFields)}::jsonb, ${canonicalHead(content)})`);
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
