import { and, asc, eq, inArray, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { rowsOf, type Executor } from '../../core/db/engine.js';
import { evSources, evValues } from './schema.js';

/**
 * The reads other modules make of evidence's public statistics, through `public.ts`: values of one series
 * between a unit and a partner (the bilateral series: `ou` the receiving country, `partner` the sending one), the
 * periods a series has, and the sources it came from. Totals only: both sexes, no other disaggregation.
 */

const totals = (v: { sex: AnyColumn; disagg: AnyColumn }) => and(eq(v.sex, 'T'), eq(v.disagg, ''))!;

/** Periods in which a data element has values, oldest first. */
export async function seriesPeriods(db: Executor, de: string): Promise<string[]> {
  const list = await db.selectDistinct({ pe: evValues.pe }).from(evValues).where(eq(evValues.de, de)).orderBy(asc(evValues.pe));
  return list.map((r) => r.pe);
}

export interface SeriesValue {
  de: string;
  pe: string;
  value: number;
}

/** Every value of some data elements between one unit and one partner, by period. */
export function pairValues(db: Executor, q: { ou: string; partner: string; des: readonly string[] }): Promise<SeriesValue[]> {
  if (q.des.length === 0) return Promise.resolve([]);
  return db
    .select({ de: evValues.de, pe: evValues.pe, value: evValues.value })
    .from(evValues)
    .where(and(eq(evValues.ou, q.ou), eq(evValues.partner, q.partner), totals(evValues), inArray(evValues.de, [...q.des])))
    .orderBy(asc(evValues.pe));
}

export interface PairValue<K extends string> {
  ou: string;
  partner: string;
  pe: string;
  value: number;
  /** The value of each companion series for the same pair: at the same period, or at the period it names. */
  alongside: Record<K, number | null>;
}

export interface LatestPairQuery<K extends string> {
  de: string;
  /** The period to read; each pair's latest period when absent. */
  period?: string;
  ou?: string;
  partner?: string;
  alongside: Record<K, { de: string; pe?: string }>;
}

/**
 * For each (unit, partner) pair with a value of `de`: that value in `period` (or the pair's latest period) and
 * the values of the companion series beside it, ordered by unit and partner. One statement.
 */
export async function latestPairValues<K extends string>(db: Executor, q: LatestPairQuery<K>): Promise<PairValue<K>[]> {
  const conditions: SQL[] = [eq(evValues.de, q.de), totals(evValues)];
  if (q.period) conditions.push(eq(evValues.pe, q.period));
  if (q.partner) conditions.push(eq(evValues.partner, q.partner));
  if (q.ou) conditions.push(eq(evValues.ou, q.ou));
  const companions = (Object.entries(q.alongside) as [K, { de: string; pe?: string }][]).map(([key, series], i) => ({ key, series, table: alias(evValues, `a${i}`) }));
  const joins = companions.map(
    ({ series, table }) =>
      sql`LEFT JOIN ${evValues} ${table} ON ${table.de} = ${series.de} AND ${table.ou} = l.ou AND ${table.partner} = l.partner AND ${table.pe} = ${series.pe ?? sql`l.pe`} AND ${totals(table)}`,
  );
  const columns = companions.map(({ table }, i) => sql`, ${table.value} AS ${sql.raw(`a${i}`)}`);
  const list = rowsOf<Record<string, unknown> & { ou: string; partner: string; pe: string; value: number }>(
    await db.execute(sql`
      WITH l AS (
        SELECT DISTINCT ON (${evValues.ou}, ${evValues.partner}) ${evValues.ou} AS ou, ${evValues.partner} AS partner, ${evValues.pe} AS pe, ${evValues.value} AS value
        FROM ${evValues} WHERE ${and(...conditions)}
        ORDER BY ${evValues.ou}, ${evValues.partner}, ${evValues.pe} DESC
      )
      SELECT l.ou, l.partner, l.pe, l.value ${sql.join(columns, sql``)}
      FROM l ${sql.join(joins, sql` `)}
      ORDER BY l.ou, l.partner`),
  );
  return list.map((r) => ({
    ou: r.ou,
    partner: r.partner,
    pe: r.pe,
    value: r.value,
    alongside: Object.fromEntries(companions.map(({ key }, i) => [key, (r[`a${i}`] as number | null) ?? null])) as Record<K, number | null>,
  }));
}

export interface SourceRef {
  id: string;
  titleEs: string;
  titleEn: string;
  publisher: string;
  licence: string;
  vintage: string;
  url: string | null;
}

/** The sources (releases) with these ids, by id. */
export function sourcesById(db: Executor, ids: readonly string[]): Promise<SourceRef[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select({ id: evSources.id, titleEs: evSources.titleEs, titleEn: evSources.titleEn, publisher: evSources.publisher, licence: evSources.licence, vintage: evSources.vintage, url: evSources.url })
    .from(evSources)
    .where(inArray(evSources.id, [...ids]))
    .orderBy(asc(evSources.id));
}
