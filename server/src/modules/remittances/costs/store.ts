import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Executor } from '../../../core/db/engine.js';
import { orgUnits } from '../../../core/geo/schema.js';
import { latestPairValues, pairValues, seriesPeriods, sourcesById, type SeriesValue, type SourceRef } from '../../evidence/public.js';
import { rmServiceQuotes } from './schema.js';

/**
 * Queries of the cost-of-sending sub-area. The RPW corridor averages and the bilateral remittance estimates are
 * public statistics that the evidence module loads (unit = receiving country, partner = sending country); they are
 * read through evidence's public interface, not copied: one store of public figures.
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

const countryColumns = { code: orgUnits.code, nameEs: orgUnits.nameEs, nameEn: orgUnits.nameEn, path: orgUnits.path };

/** Every country (and territory) of the org-unit tree. */
export function countries(db: Executor): Promise<Country[]> {
  return db.select(countryColumns).from(orgUnits).where(eq(orgUnits.kind, 'country'));
}

export interface Area extends Country {
  kind: string;
}

/** Countries and regions by code (one query for a corridor's two ends). */
export async function areas(db: Executor, codes: readonly string[]): Promise<Map<string, Area>> {
  if (codes.length === 0) return new Map();
  const list = await db
    .select({ ...countryColumns, kind: orgUnits.kind })
    .from(orgUnits)
    .where(and(inArray(orgUnits.code, [...codes]), inArray(orgUnits.kind, ['country', 'region'])));
  return new Map(list.map((a) => [a.code, a]));
}

export const area = async (db: Executor, code: string) => (await areas(db, [code])).get(code);

/** Quarters with corridor averages, oldest first. */
export const costPeriods = (db: Executor): Promise<string[]> => seriesPeriods(db, COST_SERIES.cost200);

export type { SeriesValue };

/** Every RPW value of one corridor, and its bilateral flow estimate. */
export function corridorValues(db: Executor, sending: string, receiving: string): Promise<SeriesValue[]> {
  return pairValues(db, { ou: receiving, partner: sending, des: [...Object.values(COST_SERIES), FLOW_SERIES] });
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
 * optionally of one sending / receiving country. Ordered by receiving, then sending country.
 */
export async function corridorCosts(db: Executor, filter: { period?: string; sending?: string; receiving?: string } = {}): Promise<CorridorRow[]> {
  const lines = await latestPairValues(db, {
    de: COST_SERIES.cost200,
    period: filter.period,
    ou: filter.receiving,
    partner: filter.sending,
    alongside: { cost500: { de: COST_SERIES.cost500 }, providers: { de: COST_SERIES.providers }, flow: { de: FLOW_SERIES, pe: FLOW_YEAR } },
  });
  const codes = [...new Set(lines.flatMap((l) => [l.ou, l.partner]))];
  const units = new Map((codes.length ? await db.select(countryColumns).from(orgUnits).where(inArray(orgUnits.code, codes)) : []).map((u) => [u.code, u]));
  return lines.map((l) => {
    const sending = units.get(l.partner);
    const receiving = units.get(l.ou);
    return {
      sending: l.partner,
      receiving: l.ou,
      period: l.pe,
      cost200: l.value,
      cost500: l.alongside.cost500,
      providers: l.alongside.providers,
      flow: l.alongside.flow,
      sendingNameEs: sending?.nameEs ?? null,
      sendingNameEn: sending?.nameEn ?? null,
      receivingNameEs: receiving?.nameEs ?? null,
      receivingNameEn: receiving?.nameEn ?? null,
      receivingPath: receiving?.path ?? null,
    };
  });
}

export type SourceRow = SourceRef;

export const sources = (db: Executor, ids: readonly string[]): Promise<SourceRow[]> => sourcesById(db, ids);

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
