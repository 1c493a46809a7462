import { and, eq, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Executor } from '../../../core/db/engine.js';
import { rmServiceQuotes } from './schema.js';

/**
 * Queries of the cost-of-sending sub-area. The RPW corridor averages and the bilateral remittance estimates are
 * public statistics that the evidence module loads into `ev_values` (unit `ou` = receiving country, `partner` =
 * sending country); they are read here with plain SQL, nothing of evidence's code.
 */

const rows = async <T>(db: Executor, query: SQL): Promise<T[]> => rowsOf<T>(await db.execute(query));

/** Series of a corridor, by data element id (RPW publishes them per quarter). */
export const COST_SERIES = {
  cost200: 'rpw_mean_cost_200_pct',
  cost500: 'rpw_mean_cost_500_pct',
  fxMargin200: 'rpw_fx_margin_200_pct',
  fxMargin500: 'rpw_fx_margin_500_pct',
  providers: 'rpw_providers',
  officialCost200: 'rpw_cost_200_pct',
} as const;
export const FLOW_SERIES = 'bilateral_remittances_2017';
export const FLOW_YEAR = '2017';
export const COST_SOURCES = ['rpw_2025q1', 'rpw_databank_2020q3'] as const;
export const FLOW_SOURCE = 'wb_bilateral_remittances_2017';

export interface Country {
  code: string;
  nameEs: string;
  nameEn: string;
  path: string;
}

/** Every country (and territory) of the org-unit tree. */
export function countries(db: Executor): Promise<Country[]> {
  return rows<Country>(db, sql`SELECT code, name_es AS "nameEs", name_en AS "nameEn", path FROM org_units WHERE kind = 'country'`);
}

export interface Area extends Country {
  kind: string;
}

/** Countries and regions by code (one query for a corridor's two ends). */
export async function areas(db: Executor, codes: readonly string[]): Promise<Map<string, Area>> {
  const list = await rows<Area>(
    db,
    sql`SELECT code, name_es AS "nameEs", name_en AS "nameEn", path, kind FROM org_units
        WHERE code IN (${sql.join(codes.map((c) => sql`${c}`), sql`, `)}) AND kind IN ('country', 'region')`,
  );
  return new Map(list.map((a) => [a.code, a]));
}

export const area = async (db: Executor, code: string) => (await areas(db, [code])).get(code);

/** Quarters with corridor averages, oldest first. */
export async function costPeriods(db: Executor): Promise<string[]> {
  const list = await rows<{ pe: string }>(db, sql`SELECT DISTINCT pe FROM ev_values WHERE de = ${COST_SERIES.cost200} ORDER BY pe`);
  return list.map((r) => r.pe);
}

export interface SeriesValue {
  de: string;
  pe: string;
  value: number;
}

/** Every RPW value of one corridor, and its bilateral flow estimate. */
export function corridorValues(db: Executor, sending: string, receiving: string): Promise<SeriesValue[]> {
  const des = [...Object.values(COST_SERIES), FLOW_SERIES];
  return rows<SeriesValue>(
    db,
    sql`SELECT de, pe, value FROM ev_values
        WHERE ou = ${receiving} AND partner = ${sending} AND sex = 'T' AND disagg = ''
          AND de IN (${sql.join(des.map((d) => sql`${d}`), sql`, `)})
        ORDER BY pe`,
  );
}

export interface CorridorRow {
  sending: string;
  receiving: string;
  period: string;
  cost200: number;
  cost500: number | null;
  providers: number | null;
  flow: number | null;
  sendingNameEs: string | null;
  sendingNameEn: string | null;
  receivingNameEs: string | null;
  receivingNameEn: string | null;
  receivingPath: string | null;
}

/**
 * Corridors with their cost of sending US$200: in `period`, or each corridor's latest quarter when none is given;
 * optionally only those whose receiving country lies under `withinPath`, or of one sending / receiving country.
 */
export function corridorCosts(db: Executor, filter: { period?: string; withinPath?: string; sending?: string; receiving?: string } = {}): Promise<CorridorRow[]> {
  const conditions = [sql`de = ${COST_SERIES.cost200}`, sql`sex = 'T'`, sql`disagg = ''`];
  if (filter.period) conditions.push(sql`pe = ${filter.period}`);
  if (filter.sending) conditions.push(sql`partner = ${filter.sending}`);
  if (filter.receiving) conditions.push(sql`ou = ${filter.receiving}`);
  const at = (alias: string, de: string, pe: SQL) =>
    sql`LEFT JOIN ev_values ${sql.raw(alias)} ON ${sql.raw(alias)}.de = ${de} AND ${sql.raw(alias)}.ou = l.ou AND ${sql.raw(alias)}.partner = l.partner AND ${sql.raw(alias)}.pe = ${pe} AND ${sql.raw(alias)}.sex = 'T' AND ${sql.raw(alias)}.disagg = ''`;
  return rows<CorridorRow>(
    db,
    sql`WITH l AS (
          SELECT DISTINCT ON (ou, partner) ou, partner, pe, value
          FROM ev_values WHERE ${sql.join(conditions, sql` AND `)}
          ORDER BY ou, partner, pe DESC
        )
        SELECT l.partner AS sending, l.ou AS receiving, l.pe AS period, l.value AS "cost200",
               c5.value AS "cost500", pr.value AS providers, fl.value AS flow,
               s.name_es AS "sendingNameEs", s.name_en AS "sendingNameEn",
               r.name_es AS "receivingNameEs", r.name_en AS "receivingNameEn", r.path AS "receivingPath"
        FROM l
        ${at('c5', COST_SERIES.cost500, sql`l.pe`)}
        ${at('pr', COST_SERIES.providers, sql`l.pe`)}
        ${at('fl', FLOW_SERIES, sql`${FLOW_YEAR}`)}
        LEFT JOIN org_units s ON s.code = l.partner
        LEFT JOIN org_units r ON r.code = l.ou
        ${filter.withinPath ? sql`WHERE r.path LIKE ${filter.withinPath.replace(/[%_\\]/g, '\\$&') + '%'}` : sql``}
        ORDER BY l.ou, l.partner`,
  );
}

export interface SourceRow {
  id: string;
  titleEs: string;
  titleEn: string;
  publisher: string;
  licence: string;
  vintage: string;
  url: string | null;
}

export function sources(db: Executor, ids: readonly string[]): Promise<SourceRow[]> {
  return rows<SourceRow>(
    db,
    sql`SELECT id, title_es AS "titleEs", title_en AS "titleEn", publisher, licence, vintage, url FROM ev_sources
        WHERE id IN (${sql.join(ids.map((i) => sql`${i}`), sql`, `)}) ORDER BY id`,
  );
}

// ---- service quotes

export type QuoteRow = typeof rmServiceQuotes.$inferSelect;

/** The quotes of a corridor in its latest quarter with quotes (or in `period`). */
export async function corridorQuotes(db: Executor, sending: string, receiving: string, period?: string): Promise<QuoteRow[]> {
  const corridor = and(eq(rmServiceQuotes.sendingCountry, sending), eq(rmServiceQuotes.receivingCountry, receiving));
  const pe = period ? sql`${period}` : sql`(SELECT max(period) FROM rm_service_quotes WHERE sending_country = ${sending} AND receiving_country = ${receiving})`;
  return db.select().from(rmServiceQuotes).where(and(corridor, sql`${rmServiceQuotes.period} = ${pe}`));
}

/** Quote counts per corridor and quarter (to tell the page where services can be compared). */
export function quotedCorridors(db: Executor): Promise<{ sending: string; receiving: string; period: string; services: number }[]> {
  return rows(
    db,
    sql`SELECT DISTINCT ON (sending_country, receiving_country) sending_country AS sending, receiving_country AS receiving, period,
               count(DISTINCT (provider, product))::int AS services
        FROM rm_service_quotes GROUP BY sending_country, receiving_country, period
        ORDER BY sending_country, receiving_country, period DESC`,
  );
}
