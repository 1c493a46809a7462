import { sql, type SQL } from 'drizzle-orm';
import type { EngineName, Executor } from '../../core/db/engine.js';
import { rowsOf } from '../../core/db/engine.js';

/** Queries of the evidence module. Bulk paths use COPY (PGlite) or unnest batches (PostgreSQL), not the ORM. */

export interface StoreValue {
  de: string;
  ou: string;
  pe: string;
  partner: string;
  sex: string;
  disagg: string;
  value: number;
  computed: boolean;
}

export const textArray = (values: readonly string[]): SQL => sql`${sql.param([...values])}::text[]`;

export async function rows<T>(db: Executor, query: SQL): Promise<T[]> {
  return rowsOf<T>(await db.execute(query));
}

interface RawClient {
  query(text: string, params?: unknown[], options?: { blob?: Blob }): Promise<unknown>;
}

/** The driver's client under a drizzle database or transaction (PGlite instance/transaction, or a pg client). */
function rawClient(db: Executor): RawClient {
  return (db as unknown as { session: { client: RawClient } }).session.client;
}

const csvQuote = (s: string) => (s === '' ? '""' : s.includes('"') || s.includes(',') || s.includes('\n') || s.includes('\r') ? `"${s.replace(/"/g, '""')}"` : s);

const COLUMNS = 'de, ou, pe, partner, sex, disagg, value, source_id, computed, import_id';

/** Rows as CSV for COPY: empty strings quoted (so they stay '' and not NULL), import_id NULL when absent. */
export function valuesCsv(values: readonly StoreValue[], sourceId: string, importId: string | null): string {
  const tail = `,${csvQuote(sourceId)},`;
  const imp = importId ?? '';
  let out = '';
  const chunks: string[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    out += csvQuote(v.de) + ',' + csvQuote(v.ou) + ',' + csvQuote(v.pe) + ',' + csvQuote(v.partner) + ',' + v.sex + ',' + csvQuote(v.disagg) + ',' + v.value + tail + (v.computed ? 't,' : 'f,') + imp + '\n';
    if (out.length > 1 << 20) {
      chunks.push(out);
      out = '';
    }
  }
  chunks.push(out);
  return chunks.join('');
}

/** Inserts values in bulk inside the caller's transaction. */
export async function insertValues(db: Executor, engine: EngineName, values: readonly StoreValue[], sourceId: string, importId: string | null, table = 'ev_values'): Promise<number> {
  if (values.length === 0) return 0;
  const client = rawClient(db);
  if (engine === 'pglite') {
    const blob = new Blob([valuesCsv(values, sourceId, importId)]);
    await client.query(`COPY ${table} (${COLUMNS}) FROM '/dev/blob' WITH (FORMAT csv)`, [], { blob });
    return values.length;
  }
  const BATCH = 20_000;
  for (let i = 0; i < values.length; i += BATCH) {
    const chunk = values.slice(i, i + BATCH);
    await client.query(
      `INSERT INTO ${table} (${COLUMNS}) SELECT d, o, p, pa, s, dg, v, $8, c, $10::uuid FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::float8[], $9::bool[]) AS t(d, o, p, pa, s, dg, v, c)`,
      [chunk.map((v) => v.de), chunk.map((v) => v.ou), chunk.map((v) => v.pe), chunk.map((v) => v.partner), chunk.map((v) => v.sex), chunk.map((v) => v.disagg), chunk.map((v) => v.value), sourceId, chunk.map((v) => v.computed), importId],
    );
  }
  return values.length;
}

export interface TotalRow {
  de: string;
  ou: string;
  pe: string;
  value: number;
  source_id: string;
  computed: boolean;
}

/**
 * Values of data elements for units and periods, summed over the disaggregations of imported series
 * (one row per data element, unit and period). `pes` null: every period.
 */
export async function fetchTotals(db: Executor, q: { des: string[]; ous: string[]; pes: string[] | null; sex?: string; partner?: string }): Promise<TotalRow[]> {
  if (q.des.length === 0 || q.ous.length === 0) return [];
  return rows<TotalRow>(
    db,
    sql`SELECT de, ou, pe, sum(value)::float8 AS value, min(source_id) AS source_id, bool_or(computed) AS computed
        FROM ev_values
        WHERE de = ANY(${textArray(q.des)}) AND ou = ANY(${textArray(q.ous)}) AND partner = ${q.partner ?? ''} AND sex = ${q.sex ?? 'T'}
          ${q.pes ? sql`AND pe = ANY(${textArray(q.pes)})` : sql``}
        GROUP BY de, ou, pe`,
  );
}

/** The largest value over the partners of a bilateral series, per unit-as-partner and period. */
export async function fetchTopPartner(db: Executor, q: { de: string; ous: string[]; pes: string[] | null; sex?: string; side: 'destination' | 'origin' }): Promise<(TotalRow & { partner: string })[]> {
  if (q.ous.length === 0) return [];
  const [self, other] = q.side === 'destination' ? [sql`partner`, sql`ou`] : [sql`ou`, sql`partner`];
  return rows(
    db,
    sql`SELECT DISTINCT ON (${self}, pe) ${q.de}::text AS de, ${self} AS ou, pe, value, source_id, computed, ${other} AS partner
        FROM ev_values
        WHERE de = ${q.de} AND ${self} = ANY(${textArray(q.ous)}) AND sex = ${q.sex ?? 'T'} AND ${other} <> 'XXX'
          ${q.pes ? sql`AND pe = ANY(${textArray(q.pes)})` : sql``}
        ORDER BY ${self}, pe, value DESC`,
  );
}
