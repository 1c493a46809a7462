import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../core/context.js';
import type { Executor } from '../../core/db/engine.js';
import { notFound } from '../../core/http/errors.js';
import { orgUnits } from '../../core/geo/schema.js';
import { localName } from '../../core/http/presenters.js';
import type { Locale } from '../../core/i18n/locales.js';
import { indicatorValues, loadCatalogue, provenance, type Catalogue, type Provenance } from './analytics.js';
import { SDG_10C_TARGET_PCT, STATISTICAL_AREAS, WORLD } from './domain/catalogue.js';
import { evImports, evProfileCache } from './schema.js';
import { fetchTotals, rows, textArray, type TotalRow } from './store.js';

/**
 * Country and region profiles ("living migration profiles"). Built once per unit and language from the store and
 * kept as JSON text in `ev_profile_cache`, so a request is one indexed read; any load, import, undo or indicator
 * change empties the cache. Regions aggregate their member countries (sums; ratios as sum over sum), marked computed.
 */

const provenanceFields = {
  source: z.string(),
  source_ids: z.array(z.string()),
  publisher: z.string(),
  vintage: z.string(),
  licence: z.string(),
  computed: z.boolean(),
  published: z.boolean(),
  estimate: z.boolean(),
};

export const figureSchema = z.object({
  id: z.string(),
  label: z.string(),
  value: z.number().nullable(),
  unit: z.string(),
  period: z.string().nullable(),
  target: z.number().optional(),
  note: z.string().nullable(),
  ...provenanceFields,
});

const sexSplit = z.object({ total: z.number().nullable(), male: z.number().nullable(), female: z.number().nullable() });
const partnerSchema = z.object({ iso3: z.string(), name: z.string(), m49: z.string().nullable(), total: z.number(), male: z.number().nullable(), female: z.number().nullable(), year: z.string() });

export const profileSchema = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  m49: z.string().nullable(),
  locale: z.string(),
  built_at: z.string(),
  members: z.array(z.object({ code: z.string(), name: z.string() })),
  figures: z.array(figureSchema),
  remittances: z.object({ series: z.array(z.object({ year: z.string(), received: z.number().nullable(), paid: z.number().nullable(), pct_gdp: z.number().nullable() })), ...provenanceFields }),
  stocks: z.object({ series: z.array(z.object({ year: z.string(), emigrants: sexSplit, immigrants: sexSplit })), ...provenanceFields }),
  top_destinations: z.array(partnerSchema),
  top_origins: z.array(partnerSchema),
  emigrant_map: z.object({ year: z.string(), atlas: z.literal('world-atlas/countries-50m'), items: z.array(z.object({ iso3: z.string(), m49: z.string().nullable(), value: z.number() })) }),
  bilateral_remittances: z.object({
    year: z.literal('2017'),
    label: z.string(),
    inbound: z.array(z.object({ iso3: z.string(), name: z.string(), usd_million: z.number() })),
    outbound: z.array(z.object({ iso3: z.string(), name: z.string(), usd_million: z.number() })),
    ...provenanceFields,
  }),
  corridor_costs: z.object({
    period: z.string().nullable(),
    target: z.number(),
    items: z.array(z.object({ from: z.string(), name: z.string(), cost_200_pct: z.number(), cost_500_pct: z.number().nullable(), providers: z.number().nullable() })),
    ...provenanceFields,
  }),
  data_gaps: z.array(z.object({ id: z.string(), message: z.string() })),
  sources: z.array(z.object({ id: z.string(), title: z.string(), publisher: z.string(), licence: z.string(), vintage: z.string(), url: z.string().nullable(), kind: z.string() })),
  attribution: z.string(),
});
export type Profile = z.infer<typeof profileSchema>;

export const ATTRIBUTION = {
  es: 'Fuentes: DAES de las Naciones Unidas, División de Población, International Migrant Stock 2020 (CC BY 3.0 IGO); Banco Mundial, Indicadores del Desarrollo Mundial y Remittance Prices Worldwide (CC BY 4.0); estimaciones bilaterales de remesas Banco Mundial-KNOMAD 2017; Natural Earth vía world-atlas. Los límites y nombres mostrados no implican aprobación.',
  en: 'Sources: UN DESA Population Division, International Migrant Stock 2020 (CC BY 3.0 IGO); World Bank, World Development Indicators and Remittance Prices Worldwide (CC BY 4.0); World Bank-KNOMAD bilateral remittance estimates 2017; Natural Earth via world-atlas. Boundaries and names shown do not imply endorsement.',
};
export const attributionFor = (locale: Locale) => (locale === 'es' || locale === 'pt' ? ATTRIBUTION.es : ATTRIBUTION.en);

const L = (locale: Locale, es: string, en: string) => (locale === 'es' || locale === 'pt' ? es : en);

interface Area {
  code: string;
  nameEs: string;
  nameEn: string;
  kind: string;
  path: string;
  m49: string | null;
}

async function areas(db: Executor): Promise<Map<string, Area>> {
  const list = await db
    .select({ code: orgUnits.code, nameEs: orgUnits.nameEs, nameEn: orgUnits.nameEn, kind: orgUnits.kind, path: orgUnits.path, m49: orgUnits.m49 })
    .from(orgUnits)
    .where(sql`${orgUnits.kind} IN ('world', 'region', 'country')`);
  return new Map(list.map((a) => [a.code, a]));
}

const latest = (list: TotalRow[]) => list.reduce<TotalRow | undefined>((best, r) => (!best || r.pe > best.pe ? r : best), undefined);

export async function buildProfile(db: Executor, code: string, locale: Locale): Promise<Profile> {
  const all = await areas(db);
  const unit = all.get(code);
  if (!unit) throw notFound();
  const cat = await loadCatalogue(db);
  const isCountry = unit.kind === 'country';
  const memberAreas = isCountry ? [] : [...all.values()].filter((a) => a.kind === 'country' && a.path.startsWith(unit.path));
  const memberCodes = [...memberAreas.map((a) => a.code), ...Object.entries(STATISTICAL_AREAS).filter(([, parent]) => all.get(parent)?.path.startsWith(unit.path)).map(([c]) => c)];
  const name = (c: string) => {
    const a = all.get(c);
    return a ? localName(a, locale) : c === 'XXX' ? L(locale, 'Origen desconocido', 'Unknown origin') : c === 'CHI' ? L(locale, 'Islas del Canal', 'Channel Islands') : c === 'XKX' ? 'Kosovo' : c;
  };
  const prov = (sourceIds: string[], computed: boolean, published = false): Provenance => provenance(cat, sourceIds, computed, published, locale);

  const des = ['emigrants', 'immigrants', 'remittances_received_usd', 'remittances_paid_usd', 'population', 'net_migration', 'remittance_cost_to_pct', 'gdp_usd'];
  const [totals, male, female] = await Promise.all([
    fetchTotals(db, { des, ous: [code], pes: null }),
    fetchTotals(db, { des: ['emigrants', 'immigrants'], ous: [code], pes: null, sex: 'M' }),
    fetchTotals(db, { des: ['emigrants', 'immigrants'], ous: [code], pes: null, sex: 'F' }),
  ]);
  const series = (de: string, list = totals) => list.filter((r) => r.de === de).sort((a, b) => (a.pe < b.pe ? -1 : 1));
  const indicator = async (id: string, pes: string[] | null) => {
    const ind = cat.indicators.get(id);
    return ind ? indicatorValues(db, cat, ind, [code], pes, locale) : [];
  };
  const pctGdp = await indicator('remittances_pct_gdp', null);
  const pctByYear = new Map(pctGdp.map((r) => [r.pe, r]));

  const figures: Profile['figures'] = [];
  const fig = (id: string, label: string, r: { value: number; pe: string; sourceIds: string[]; computed: boolean; published?: boolean } | undefined, unit: string, extra: { target?: number; note?: string | null } = {}) => {
    figures.push({
      id,
      label,
      value: r?.value ?? null,
      unit,
      period: r?.pe ?? null,
      note: extra.note ?? null,
      ...(extra.target !== undefined ? { target: extra.target } : {}),
      ...(r ? prov(r.sourceIds, r.computed, r.published ?? false) : prov([], false)),
    });
  };
  const fromTotal = (r: TotalRow | undefined) => (r ? { value: r.value, pe: r.pe, sourceIds: [r.source_id], computed: r.computed || !isCountry } : undefined);
  const emi = latest(series('emigrants'));
  const imm = latest(series('immigrants'));
  const rec = latest(series('remittances_received_usd'));
  fig('emigrants_total', L(locale, 'Emigrantes', 'Emigrants'), fromTotal(emi), 'persons');
  fig('immigrants_total', L(locale, 'Inmigrantes', 'Immigrants'), fromTotal(imm), 'persons');
  fig('remittances_received_usd', L(locale, 'Remesas recibidas', 'Remittances received'), fromTotal(rec), 'usd');
  const pct = (rec && pctByYear.get(rec.pe)) ?? pctGdp.reduce<(typeof pctGdp)[number] | undefined>((b, r) => (!b || r.pe > b.pe ? r : b), undefined);
  fig('remittances_received_pct_gdp', L(locale, 'Remesas recibidas (% del PIB)', 'Remittances received (% of GDP)'), pct ? { value: pct.value, pe: pct.pe, sourceIds: pct.source_ids, computed: pct.computed, published: pct.published } : undefined, 'pct', {
    note: pct ? (pct.published ? L(locale, 'Razón publicada por el Banco Mundial (BX.TRF.PWKR.DT.GD.ZS).', 'Ratio as published by the World Bank (BX.TRF.PWKR.DT.GD.ZS).') : L(locale, 'Calculado: remesas / PIB del mismo año.', 'Computed: remittances / GDP of the same year.')) : null,
  });
  fig('remittances_paid_usd', L(locale, 'Remesas pagadas', 'Remittances paid'), fromTotal(latest(series('remittances_paid_usd'))), 'usd');
  fig('remittance_cost_pct', L(locale, 'Costo promedio de enviar US$200 al país', 'Average cost of sending US$200 to the country'), fromTotal(latest(series('remittance_cost_to_pct'))), 'pct', {
    target: SDG_10C_TARGET_PCT,
    note: L(locale, 'Meta 10.c de los ODS: menos del 3 %.', 'SDG target 10.c: below 3 %.'),
  });
  fig('population', L(locale, 'Población', 'Population'), fromTotal(latest(series('population'))), 'persons');
  fig('net_migration', L(locale, 'Migración neta', 'Net migration'), fromTotal(latest(series('net_migration'))), 'persons');
  for (const [id, label] of [
    ['emigrants_per_1000', L(locale, 'Emigrantes por cada 1.000 habitantes', 'Emigrants per 1,000 inhabitants')],
    ['immigrants_pct_population', L(locale, 'Inmigrantes (% de la población)', 'Immigrants (% of population)')],
    ['female_share_emigrants', L(locale, 'Mujeres entre los emigrantes (%)', 'Women among emigrants (%)')],
  ] as const) {
    const v = emi ? (await indicator(id, [emi.pe]))[0] : undefined;
    fig(id, label, v ? { value: v.value, pe: v.pe, sourceIds: v.source_ids, computed: true } : undefined, cat.indicators.get(id)?.unit ?? 'pct');
  }

  // Charts: remittances 1990 to the latest year; stocks by sex 1990-2020.
  const received = new Map(series('remittances_received_usd').map((r) => [r.pe, r.value]));
  const paid = new Map(series('remittances_paid_usd').map((r) => [r.pe, r.value]));
  const years = [...new Set([...received.keys(), ...paid.keys()])].filter((y) => y >= '1990').sort();
  const remSources = [...new Set(series('remittances_received_usd').map((r) => r.source_id))];
  const stockYears = [...new Set(series('emigrants').concat(series('immigrants')).map((r) => r.pe))].sort();
  const get = (list: TotalRow[], de: string, pe: string) => list.find((r) => r.de === de && r.pe === pe)?.value ?? null;
  const split = (de: string, pe: string) => ({ total: get(totals, de, pe), male: get(male, de, pe), female: get(female, de, pe) });

  // Bilateral stocks of the latest year: where the unit's emigrants live, and where its immigrants come from.
  const stockYear = emi?.pe ?? '2020';
  const members = isCountry ? [code] : memberCodes;
  const everyone = code === WORLD;
  const bilateral = async (side: 'destination' | 'origin') => {
    const [self, other] = side === 'destination' ? ['partner', 'ou'] : ['ou', 'partner'];
    return rows<{ code: string; sex: string; value: number }>(
      db,
      sql`SELECT ${sql.raw(other)} AS code, sex, sum(value)::float8 AS value FROM ev_values
          WHERE de = 'migrant_stock' AND pe = ${stockYear} ${everyone ? sql`` : sql`AND ${sql.raw(self)} = ANY(${textArray(members)})`}
          GROUP BY 1, 2`,
    );
  };
  const partners = (list: { code: string; sex: string; value: number }[]) => {
    const by = new Map<string, { total: number; male: number | null; female: number | null }>();
    for (const r of list) {
      const e = by.get(r.code) ?? { total: 0, male: null, female: null };
      if (r.sex === 'T') e.total = r.value;
      else if (r.sex === 'M') e.male = r.value;
      else e.female = r.value;
      by.set(r.code, e);
    }
    return [...by.entries()].sort((a, b) => b[1].total - a[1].total).map(([c, v]) => ({ iso3: c, name: name(c), m49: all.get(c)?.m49 ?? null, ...v, year: stockYear }));
  };
  const destinations = partners(await bilateral('destination'));
  const origins = partners(await bilateral('origin'));

  // Bilateral remittance estimates (2017): inbound (senders to the unit) and outbound.
  const remit = async (side: 'in' | 'out') => {
    const [self, other] = side === 'in' ? ['ou', 'partner'] : ['partner', 'ou'];
    return rows<{ code: string; value: number }>(
      db,
      sql`SELECT ${sql.raw(other)} AS code, sum(value)::float8 AS value FROM ev_values
          WHERE de = 'bilateral_remittances_2017' AND ${sql.raw(other)} <> '001'
          ${everyone ? sql`` : sql`AND ${sql.raw(self)} = ANY(${textArray(members)})`}
          GROUP BY 1 ORDER BY 2 DESC LIMIT 10`,
    );
  };
  const [inbound, outbound] = await Promise.all([remit('in'), remit('out')]);

  // Remittance prices: corridors into the country, latest quarter of the newest RPW release.
  const costRows = isCountry
    ? await rows<{ de: string; partner: string; pe: string; value: number }>(
        db,
        sql`SELECT de, partner, pe, value FROM ev_values
            WHERE de IN ('rpw_mean_cost_200_pct', 'rpw_mean_cost_500_pct', 'rpw_providers') AND ou = ${code}
              AND pe = (SELECT max(pe) FROM ev_values WHERE de = 'rpw_mean_cost_200_pct' AND ou = ${code})`,
      )
    : [];
  const costPeriod = costRows[0]?.pe ?? null;
  const costBy = new Map<string, { cost_200_pct: number; cost_500_pct: number | null; providers: number | null }>();
  for (const r of costRows) {
    const e = costBy.get(r.partner) ?? { cost_200_pct: NaN, cost_500_pct: null, providers: null };
    if (r.de === 'rpw_mean_cost_200_pct') e.cost_200_pct = r.value;
    else if (r.de === 'rpw_mean_cost_500_pct') e.cost_500_pct = r.value;
    else e.providers = r.value;
    costBy.set(r.partner, e);
  }

  // Data gaps: what is missing or old.
  const gaps: Profile['data_gaps'] = [];
  const gap = (id: string, es: string, en: string) => gaps.push({ id, message: L(locale, es, en) });
  const latestYear = (de: string) => latest(series(de))?.pe;
  if (!rec) gap('remittances_missing', 'No hay datos de remesas recibidas para esta unidad.', 'No data on remittances received for this unit.');
  else if (rec.pe < '2022') gap('remittances_old', `El dato más reciente de remesas recibidas es de ${rec.pe}.`, `The latest remittances figure is from ${rec.pe}.`);
  if (!latestYear('gdp_usd')) gap('gdp_missing', 'No hay datos de PIB: no se puede calcular remesas como % del PIB.', 'No GDP data: remittances as % of GDP cannot be computed.');
  if (!emi) gap('stocks_missing', 'No hay datos de stock de migrantes para esta unidad.', 'No migrant stock data for this unit.');
  gap('stocks_2020', 'Los stocks de migrantes son de la revisión 2020 de la ONU (último año 2020); la revisión 2024 no está incluida.', 'Migrant stocks come from the UN 2020 revision (latest year 2020); the 2024 revision is not bundled.');
  gap('bilateral_remittances_2017', 'Las remesas bilaterales son estimaciones de 2017, no flujos declarados.', 'Bilateral remittances are 2017 estimates, not reported flows.');
  const cost = latestYear('remittance_cost_to_pct');
  if (isCountry && !cost && costBy.size === 0) gap('cost_missing', 'No hay datos del costo de enviar remesas a este país.', 'No data on the cost of sending remittances to this country.');
  else if (isCountry && cost && cost < '2021') gap('cost_old', `El costo promedio nacional más reciente es de ${cost}.`, `The latest national average cost is from ${cost}.`);
  if (!isCountry) gap('costs_not_aggregated', 'Los costos de envío no se agregan por región: vea cada país.', 'Sending costs are not aggregated by region: see each country.');
  const [{ n: imports } = { n: 0 }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(evImports)
    .where(and(eq(evImports.status, 'imported'), sql`${evImports.scopePath} LIKE ${unit.path + '%'}`));
  if (isCountry && imports === 0) gap('no_national_series', 'No se han importado series nacionales ni subnacionales (por ejemplo remesas mensuales por departamento).', 'No national or subnational series have been imported (for example monthly remittances by department).');

  const usedSources = new Set<string>([...figures.flatMap((f) => f.source_ids), ...remSources, 'undesa_ims_2020', 'wb_bilateral_remittances_2017', ...(costBy.size ? ['rpw_2025q1'] : [])]);
  return {
    code,
    name: localName(unit, locale),
    kind: unit.kind,
    m49: unit.m49,
    locale,
    built_at: new Date().toISOString(),
    members: memberAreas.map((a) => ({ code: a.code, name: localName(a, locale) })),
    figures,
    remittances: { series: years.map((y) => ({ year: y, received: received.get(y) ?? null, paid: paid.get(y) ?? null, pct_gdp: pctByYear.get(y)?.value ?? null })), ...prov(remSources.length ? remSources : ['wdi_2024_05'], !isCountry) },
    stocks: { series: stockYears.map((y) => ({ year: y, emigrants: split('emigrants', y), immigrants: split('immigrants', y) })), ...prov(['undesa_ims_2020'], true) },
    top_destinations: destinations.slice(0, 10),
    top_origins: origins.slice(0, 10),
    emigrant_map: { year: stockYear, atlas: 'world-atlas/countries-50m', items: destinations.map((d) => ({ iso3: d.iso3, m49: d.m49, value: d.total })) },
    bilateral_remittances: {
      year: '2017',
      label: L(locale, 'Estimaciones (Banco Mundial-KNOMAD, asignación Ratha-Shaw), no flujos declarados', 'Estimates (World Bank-KNOMAD, Ratha-Shaw allocation), not reported flows'),
      inbound: inbound.map((r) => ({ iso3: r.code, name: name(r.code), usd_million: r.value })),
      outbound: outbound.map((r) => ({ iso3: r.code, name: name(r.code), usd_million: r.value })),
      ...prov(['wb_bilateral_remittances_2017'], !isCountry),
    },
    corridor_costs: {
      period: costPeriod,
      target: SDG_10C_TARGET_PCT,
      items: [...costBy.entries()].filter(([, v]) => Number.isFinite(v.cost_200_pct)).sort((a, b) => a[1].cost_200_pct - b[1].cost_200_pct).map(([from, v]) => ({ from, name: name(from), ...v })),
      ...prov(['rpw_2025q1'], false),
    },
    data_gaps: gaps,
    sources: [...usedSources].map((id) => cat.sources.get(id)).filter((s) => !!s).map((s) => ({ id: s.id, title: L(locale, s.titleEs, s.titleEn), publisher: s.publisher, licence: s.licence, vintage: s.vintage, url: s.url, kind: s.kind })),
    attribution: attributionFor(locale),
  };
}

/**
 * The embedded engine belongs to one process (the data-folder lock), so that process may also keep the profiles in
 * memory: every write that empties the table cache empties this one too (`invalidateProfiles`). With PostgreSQL,
 * several processes share the database, and each request reads the table (one primary-key read).
 */
const memory = new Map<string, string>();
let generation = 0;
export function forgetProfilesInMemory(): void {
  generation++;
  memory.clear();
}

/** The profile as JSON text: from the cache, or built and stored. */
export async function profileJson(ctx: AppContext, code: string, locale: Locale): Promise<string> {
  const inMemory = ctx.database.engine === 'pglite';
  const key = `${code}|${locale}`;
  if (inMemory) {
    const cached = memory.get(key);
    if (cached) return cached;
  }
  const started = generation;
  const body = await profileFromTable(ctx, code, locale);
  // Not kept when data changed while it was being built (it may predate the change).
  if (inMemory && started === generation) {
    if (memory.size > 2000) memory.clear();
    memory.set(key, body);
  }
  return body;
}

async function profileFromTable(ctx: AppContext, code: string, locale: Locale): Promise<string> {
  const [hit] = await ctx.db.select({ body: evProfileCache.body }).from(evProfileCache).where(and(eq(evProfileCache.code, code), eq(evProfileCache.locale, locale))).limit(1);
  if (hit) return hit.body;
  const body = JSON.stringify(await buildProfile(ctx.db, code, locale));
  await ctx.db.insert(evProfileCache).values({ code, locale, body }).onConflictDoNothing();
  return body;
}

export type { Catalogue };
