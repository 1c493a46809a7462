import { sql } from 'drizzle-orm';
import type { AppContext } from '../../core/context.js';
import type { Executor } from '../../core/db/engine.js';
import { orgUnits } from '../../core/geo/schema.js';
import { localName } from '../../core/http/presenters.js';
import type { Locale } from '../../core/i18n/locales.js';
import { loadCatalogue, provenance, queryError } from './analytics.js';
import { SDG_10C_TARGET_PCT, STATISTICAL_AREAS, WORLD } from './domain/catalogue.js';
import { rows, textArray } from './store.js';

/** Bilateral questions: the stock from one area in another, and the corridor between two countries. */

interface Side {
  code: string;
  name: string;
  /** Member codes to match; null matches every area (the world). */
  members: string[] | null;
}

async function side(db: Executor, raw: string, path: string, locale: Locale): Promise<Side> {
  const code = raw.trim().toUpperCase();
  if (code === WORLD) return { code, name: locale === 'es' || locale === 'pt' ? 'Mundo' : 'World', members: null };
  if (code === 'XXX' || STATISTICAL_AREAS[code]) return { code, name: code, members: [code] };
  const [unit] = await db.select({ code: orgUnits.code, nameEs: orgUnits.nameEs, nameEn: orgUnits.nameEn, kind: orgUnits.kind, path: orgUnits.path }).from(orgUnits).where(sql`${orgUnits.code} = ${code}`).limit(1);
  if (!unit || (unit.kind !== 'country' && unit.kind !== 'region')) throw queryError(path, 'unknown_area', { value: raw });
  if (unit.kind === 'country') return { code, name: localName(unit, locale), members: [code] };
  const members = await db.select({ code: orgUnits.code }).from(orgUnits).where(sql`${orgUnits.kind} = 'country' AND ${orgUnits.path} LIKE ${unit.path + '%'}`);
  const stat = Object.entries(STATISTICAL_AREAS).filter(([, parent]) => members.some((m) => m.code === parent) || parent === code).map(([c]) => c);
  return { code, name: localName(unit, locale), members: [...members.map((m) => m.code), ...stat] };
}

const match = (column: 'ou' | 'partner', s: Side) => (s.members ? sql`AND ${sql.raw(column)} = ANY(${textArray(s.members)})` : sql``);

export async function stockBetween(ctx: AppContext, q: { origin: string; destination: string; year?: string }, locale: Locale) {
  const [origin, destination] = await Promise.all([side(ctx.db, q.origin, 'origin', locale), side(ctx.db, q.destination, 'destination', locale)]);
  const list = await rows<{ pe: string; sex: string; value: number }>(
    ctx.db,
    sql`SELECT pe, sex, sum(value)::float8 AS value FROM ev_values
        WHERE de = 'migrant_stock' ${match('partner', origin)} ${match('ou', destination)}
        GROUP BY pe, sex ORDER BY pe`,
  );
  const years = [...new Set(list.map((r) => r.pe))];
  const at = (pe: string) => {
    const v = (sex: string) => list.find((r) => r.pe === pe && r.sex === sex)?.value ?? null;
    return { year: pe, total: v('T'), male: v('M'), female: v('F') };
  };
  const year = q.year ?? years.at(-1) ?? '2020';
  const cat = await loadCatalogue(ctx.db);
  const computed = (origin.members?.length ?? 2) > 1 || (destination.members?.length ?? 2) > 1;
  const found = years.includes(year) ? at(year) : { year, total: null, male: null, female: null };
  return {
    origin: { code: origin.code, name: origin.name },
    destination: { code: destination.code, name: destination.name },
    ...found,
    series: years.map(at),
    unit: 'persons',
    ...provenance(cat, ['undesa_ims_2020'], computed, false, locale),
  };
}

export async function corridor(ctx: AppContext, q: { origin: string; destination: string }, locale: Locale) {
  const stock = await stockBetween(ctx, q, locale);
  const o = stock.origin.code;
  const d = stock.destination.code;
  const cat = await loadCatalogue(ctx.db);
  // Remittances flow the other way: sent from the destination (partner) to the origin (unit).
  const flows = await rows<{ de: string; pe: string; value: number }>(
    ctx.db,
    sql`SELECT de, pe, value FROM ev_values
        WHERE ou = ${o} AND partner = ${d} AND sex = 'T'
          AND de IN ('bilateral_remittances_2017', 'bilateral_stock_2017', 'rpw_cost_200_pct', 'rpw_mean_cost_200_pct', 'rpw_mean_cost_500_pct', 'rpw_fx_margin_200_pct', 'rpw_providers')
        ORDER BY de, pe`,
  );
  const of = (de: string) => flows.filter((f) => f.de === de);
  const remit = of('bilateral_remittances_2017')[0];
  const wbStock = of('bilateral_stock_2017')[0];
  const quarters = [...new Set(flows.filter((f) => f.de.startsWith('rpw_')).map((f) => f.pe))].sort();
  const val = (de: string, pe: string) => flows.find((f) => f.de === de && f.pe === pe)?.value ?? null;
  return {
    origin: stock.origin,
    destination: stock.destination,
    stock: { series: stock.series, unit: 'persons', ...provenance(cat, ['undesa_ims_2020'], stock.computed, false, locale) },
    remittance_estimate: {
      year: '2017',
      usd_million: remit?.value ?? null,
      migrant_stock_2017: wbStock?.value ?? null,
      label: locale === 'es' || locale === 'pt' ? 'Estimación (Banco Mundial-KNOMAD), no un flujo declarado' : 'Estimate (World Bank-KNOMAD), not a reported flow',
      ...provenance(cat, ['wb_bilateral_remittances_2017'], false, false, locale),
    },
    cost: {
      target: SDG_10C_TARGET_PCT,
      series: quarters.map((pe) => ({
        period: pe,
        official_200_pct: val('rpw_cost_200_pct', pe),
        mean_200_pct: val('rpw_mean_cost_200_pct', pe),
        mean_500_pct: val('rpw_mean_cost_500_pct', pe),
        fx_margin_200_pct: val('rpw_fx_margin_200_pct', pe),
        providers: val('rpw_providers', pe),
      })),
      ...provenance(cat, ['rpw_databank_2020q3', 'rpw_2025q1'], false, false, locale),
    },
  };
}
