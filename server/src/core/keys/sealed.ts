import { sql, type SQL } from 'drizzle-orm';
import { appendAudit } from '../audit/store.js';
import { authorFields, type AppContext, type Author } from '../context.js';
import { sealedKeyId } from '../crypto.js';
import { rowsOf, type Executor } from '../db/engine.js';
import type { Keyring } from './keyring.js';
import { KEY_PURPOSES } from './schema.js';

/**
 * A table holding sealed values: its id column (bound into each value's associated data), its sealed text columns,
 * and optionally a blind index kept beside one of them. Core and each module declare theirs (the persons registry in
 * `people/privacy.ts`, a module in its `PlatformModule.sealed`), so the start-up encryption of clear values and
 * `mide keys rotate` cover every protected value without knowing the modules' tables.
 */
export interface SealedTable {
  table: string;
  idColumn: string;
  columns: string[];
  index?: { of: string; column: string; normalise: (plain: string) => string };
}

const BATCH = 500;
const id = (name: string) => sql.identifier(name);

/** The rows of a table in id order, a batch at a time (keyset pagination, inside the caller's transaction). */
async function* batches(tx: Executor, spec: SealedTable, where = sql`true`) {
  let after: string | null = null;
  for (;;) {
    const cols = sql.join([sql`${id(spec.idColumn)}::text AS "__id"`, ...spec.columns.map((c) => id(c))], sql`, `);
    const rows: Record<string, string | null>[] = rowsOf<Record<string, string | null>>(
      await tx.execute(sql`SELECT ${cols} FROM ${id(spec.table)} WHERE (${where}) ${after ? sql`AND ${id(spec.idColumn)} > ${after}::uuid` : sql``} ORDER BY ${id(spec.idColumn)} LIMIT ${BATCH}`),
    );
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1]!.__id!;
  }
}

/**
 * Writes a batch of rows' sealed columns (and blind indexes) back in one statement: the values are sealed here, then
 * `UPDATE … FROM unnest(…)` sets them, one round trip per batch rather than per row.
 */
async function writeRows(tx: Executor, keyring: Keyring, spec: SealedTable, rows: { id: string; plain: Record<string, string | null> }[]): Promise<void> {
  if (rows.length === 0) return;
  const ids = rows.map((r) => r.id);
  const columns: SQL[] = [sql`unnest(${sql.param(ids)}::uuid[]) AS "__id"`];
  const sets: SQL[] = [];
  const seal = await keyring.sealer(tx);
  for (const c of spec.columns) {
    const sealed = rows.map((r) => seal({ table: spec.table, column: c, rowId: r.id }, r.plain[c] ?? null));
    columns.push(sql`unnest(${sql.param(sealed)}::text[]) AS ${id(c)}`);
    sets.push(sql`${id(c)} = v.${id(c)}`);
  }
  if (spec.index) {
    const { of, column, normalise } = spec.index;
    const index = await keyring.indexer(tx);
    const indexes = rows.map((r) => (r.plain[of] == null ? null : index(normalise(r.plain[of]!))));
    columns.push(sql`unnest(${sql.param(indexes)}::text[]) AS ${id(column)}`);
    sets.push(sql`${id(column)} = coalesce(v.${id(column)}, t.${id(column)})`);
  }
  await tx.execute(sql`UPDATE ${id(spec.table)} AS t SET ${sql.join(sets, sql`, `)} FROM (SELECT ${sql.join(columns, sql`, `)}) AS v WHERE t.${id(spec.idColumn)} = v."__id"`);
}

/**
 * Seals values still in clear text (rows written before migration 0017, or restored from an older backup): run at
 * every start, idempotent (a sealed value is recognised by its exact shape), all in one transaction. SQL cannot do
 * this itself: it does not have the key.
 */
export async function sealClearValues(ctx: AppContext, tables: SealedTable[]): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    let sealed = 0;
    for (const spec of tables) {
      // A cheap filter in SQL (no value of the sealed shape's prefix); the exact shape is checked below.
      const clear = sql.join(spec.columns.map((c) => sql`(${id(c)} IS NOT NULL AND ${id(c)} !~ '^v1\\.[0-9a-f-]{36}\\.')`), sql` OR `);
      // One sequential scan to find out whether there is anything to do: the usual answer at a start is no.
      const [any] = rowsOf<{ found: boolean }>(await tx.execute(sql`SELECT EXISTS (SELECT 1 FROM ${id(spec.table)} WHERE ${clear}) AS found`));
      if (!any?.found) continue;
      for await (const rows of batches(tx, spec, clear)) {
        const opened = [];
        for (const row of rows) {
          const plain: Record<string, string | null> = {};
          for (const c of spec.columns) {
            const v = row[c] ?? null;
            plain[c] = v === null || sealedKeyId(v) === null ? v : await ctx.keyring.open(tx, { table: spec.table, column: c, rowId: row.__id! }, v);
          }
          opened.push({ id: row.__id!, plain });
        }
        await writeRows(tx, ctx.keyring, spec, opened);
        sealed += opened.length;
      }
    }
    if (sealed > 0) await appendAudit(tx, { ...authorFields({ kind: 'system' }), action: 'keys.sealed_clear_values', recordType: 'crypto_key', changedFields: [`rows:${sealed}`] });
    return sealed;
  });
}

export interface RotationResult {
  retired: string[];
  created: string[];
  values: number;
}

/**
 * `mide keys rotate`: new keys become active for every purpose, every sealed value is opened and sealed again under
 * the new value key and every blind index recomputed under the new index key, and the old keys are retired, in one
 * transaction (all or nothing: a rotation that fails half-way leaves every value under the old keys). Retiring the
 * old keys first takes their row locks, so writers still sealing under them finish before the values are read.
 */
export async function rotateKeys(ctx: AppContext, author: Author, tables: SealedTable[]): Promise<RotationResult> {
  const result = await ctx.db.transaction(async (tx) => {
    // Retired keys still open their values (read by id); a KEK that does not open them fails the whole rotation.
    const old = rowsOf<{ id: string }>(await tx.execute(sql`UPDATE crypto_keys SET retired_at = now() WHERE retired_at IS NULL RETURNING id::text AS id`));
    const created: string[] = [];
    for (const purpose of KEY_PURPOSES) created.push((await ctx.keyring.active(tx, purpose)).id);
    let values = 0;
    for (const spec of tables) {
      const any = sql.join(spec.columns.map((c) => sql`${id(c)} IS NOT NULL`), sql` OR `);
      for await (const rows of batches(tx, spec, any)) {
        const opened = [];
        for (const row of rows) {
          const plain: Record<string, string | null> = {};
          for (const c of spec.columns) plain[c] = await ctx.keyring.openOrNull(tx, { table: spec.table, column: c, rowId: row.__id! }, row[c] ?? null);
          opened.push({ id: row.__id!, plain });
          values += spec.columns.filter((c) => plain[c] !== null).length;
        }
        await writeRows(tx, ctx.keyring, spec, opened);
      }
    }
    await appendAudit(tx, {
      ...authorFields(author),
      action: 'keys.rotate',
      recordType: 'crypto_key',
      recordId: created[0] ?? null,
      changedFields: [...created.map((k) => `active:${k}`), ...old.map((k) => `retired:${k.id}`), `values:${values}`],
    });
    return { retired: old.map((k) => k.id), created, values };
  });
  ctx.keyring.forget();
  return result;
}

