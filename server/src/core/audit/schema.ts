import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only log. Since migration 0015 an entry is written with no hash and no lock: `xid` is the id of the
 * transaction that wrote it (so the sealer knows when that transaction has finished), and the chain lives in
 * `audit_seals`. Entries written before 0015 keep their plain SHA-256 link in `prev_hash`/`hash`.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: uuid('actor_id'),
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    recordType: text('record_type').notNull(),
    recordId: text('record_id'),
    orgUnitCode: text('org_unit_code'),
    ip: text('ip'),
    requestId: text('request_id'),
    changedFields: jsonb('changed_fields').$type<string[]>().notNull(),
    /** Legacy (before 0015) links only. */
    prevHash: text('prev_hash'),
    hash: text('hash'),
    /** The writing transaction's id (xid8 as a number): set by the database, never by the caller. */
    xid: bigint('xid', { mode: 'number' }).default(sql`(pg_current_xact_id()::text)::bigint`),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at),
    index('audit_log_record_idx').on(t.recordType, t.recordId),
    index('audit_log_actor_idx').on(t.actorId),
    index('audit_log_xid_idx').on(t.xid),
  ],
);

/**
 * The keyed chain, insert-only: one row per sealed entry, in the order the sealer linked them (`pos`, 1, 2, ...).
 * `hash` is HMAC-SHA256 under the audit key of the entry, its position and `prev_hash` (chain.ts, sealText).
 */
export const auditSeals = pgTable('audit_seals', {
  pos: bigint('pos', { mode: 'number' }).primaryKey(),
  seq: bigint('seq', { mode: 'number' })
    .notNull()
    .unique()
    .references(() => auditLog.seq),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
  sealedAt: timestamp('sealed_at', { withTimezone: true }).notNull().defaultNow(),
});
