import type { AppContext } from '../../../core/context.js';
import { AppError, notFound } from '../../../core/http/errors.js';
import type { Locale } from '../../../core/i18n/locales.js';
import {
  averageOfCorridors,
  corridorAverage,
  distanceTo,
  moneyKept,
  parseCorridor,
  rankServices,
  round,
  sdgStatus,
  SDG_FLAG_PCT,
  SDG_TARGET_PCT,
  smartAverage,
} from './domain/costs.js';
import { costKey } from './messages.js';
import { area, areas, corridorCosts, corridorQuotes, corridorValues, costPeriods, COST_SERIES, COST_SOURCES, countries, FLOW_SERIES, FLOW_SOURCE, FLOW_YEAR, quotedCorridors, sources, type CorridorRow } from './store.js';

/**
 * What the public pages read: a corridor's costs over time, the services of a corridor for an amount, and SDG 10.c.1
 * for a receiving country, a region and the world. Answers are the API's (snake_case), built from the store's rows
 * with the pure rules of `domain/costs.ts`.
 */

const isEnglishName = (locale: Locale) => locale === 'en' || locale === 'fr';
const nameOf = (locale: Locale, code: string, es: string | null, en: string | null) => (isEnglishName(locale) ? en : es) ?? code;
const pct = (n: number | null) => (n === null ? null : round(n, 4));
const money = (n: number) => round(n, 2);

function corridorCode(raw: string) {
  const c = parseCorridor(raw);
  if (!c) throw new AppError('validation_failed', [{ path: 'corridor', key: costKey('unknown_corridor'), params: { value: raw } }]);
  return c;
}

async function sourceList(ctx: AppContext, ids: readonly string[], locale: Locale) {
  return (await sources(ctx.db, ids)).map((s) => ({ id: s.id, title: isEnglishName(locale) ? s.titleEn : s.titleEs, publisher: s.publisher, licence: s.licence, vintage: s.vintage, url: s.url }));
}

const flowLabel = (locale: Locale) =>
  locale === 'es' || locale === 'pt' ? 'Estimación de 2017 (Banco Mundial-KNOMAD), no un flujo declarado' : 'Estimate for 2017 (World Bank-KNOMAD), not a reported flow';

/** One corridor's line in a list: the cost of sending US$200, its SDG status, and what a cost of 3 % would leave. */
function corridorLine(r: CorridorRow, locale: Locale) {
  return {
    corridor: `${r.sending}-${r.receiving}`,
    sending: { code: r.sending, name: nameOf(locale, r.sending, r.sendingNameEs, r.sendingNameEn) },
    receiving: { code: r.receiving, name: nameOf(locale, r.receiving, r.receivingNameEs, r.receivingNameEn) },
    period: r.period,
    cost_pct_200: pct(r.cost200)!,
    cost_pct_500: pct(r.cost500),
    providers: r.providers,
    status: sdgStatus(r.cost200),
    flow_usd_million: r.flow,
    money_kept_usd_million: r.flow === null ? null : round(moneyKept(r.flow, r.cost200), 3),
  };
}
export type CorridorLine = ReturnType<typeof corridorLine>;

/** Corridors with their latest cost; optionally of one sending or receiving country. */
export async function listCorridors(ctx: AppContext, q: { sending?: string; receiving?: string }, locale: Locale) {
  const [list, quoted] = await Promise.all([corridorCosts(ctx.db, q), quotedCorridors(ctx.db)]);
  const services = new Map(quoted.map((x) => [`${x.sending}-${x.receiving}`, x.services]));
  return {
    target_pct: SDG_TARGET_PCT,
    flag_pct: SDG_FLAG_PCT,
    items: list.map((r) => ({ ...corridorLine(r, locale), quoted_services: services.get(`${r.sending}-${r.receiving}`) ?? 0 })),
  };
}

/** A corridor's quarters since 2011, its latest SDG status, its flow estimate and what 3 % would leave with families. */
export async function corridorDetail(ctx: AppContext, raw: string, locale: Locale) {
  const { sending, receiving } = corridorCode(raw);
  const ends = await areas(ctx.db, [sending, receiving]);
  const [from, to] = [ends.get(sending), ends.get(receiving)];
  if (!from || !to || from.kind !== 'country' || to.kind !== 'country') throw notFound();
  const [values, quotes] = await Promise.all([corridorValues(ctx.db, sending, receiving), corridorQuotes(ctx.db, sending, receiving)]);
  const at = (de: string, pe: string) => values.find((v) => v.de === de && v.pe === pe)?.value ?? null;
  const periods = [...new Set(values.filter((v) => v.de !== FLOW_SERIES).map((v) => v.pe))].sort();
  const quarters = periods.map((pe) => ({
    period: pe,
    cost_pct_200: pct(at(COST_SERIES.cost200, pe)),
    cost_pct_500: pct(at(COST_SERIES.cost500, pe)),
    fx_margin_pct_200: pct(at(COST_SERIES.fxMargin200, pe)),
    fx_margin_pct_500: pct(at(COST_SERIES.fxMargin500, pe)),
    providers: at(COST_SERIES.providers, pe),
    official_cost_pct_200: pct(at(COST_SERIES.officialCost200, pe)),
  }));
  const last = quarters.filter((q) => q.cost_pct_200 !== null).at(-1);
  const flow = values.find((v) => v.de === FLOW_SERIES)?.value ?? null;
  return {
    corridor: `${sending}-${receiving}`,
    sending: { code: sending, name: nameOf(locale, sending, from.nameEs, from.nameEn) },
    receiving: { code: receiving, name: nameOf(locale, receiving, to.nameEs, to.nameEn) },
    target_pct: SDG_TARGET_PCT,
    flag_pct: SDG_FLAG_PCT,
    quarters,
    latest: last
      ? {
          period: last.period,
          cost_pct_200: last.cost_pct_200!,
          cost_pct_500: last.cost_pct_500,
          fx_margin_pct_200: last.fx_margin_pct_200,
          providers: last.providers,
          status: sdgStatus(last.cost_pct_200!),
          above_target_pts: round(distanceTo(last.cost_pct_200!, SDG_TARGET_PCT), 4),
          above_flag_pts: round(distanceTo(last.cost_pct_200!, SDG_FLAG_PCT), 4),
        }
      : null,
    flow:
      flow === null
        ? null
        : { year: FLOW_YEAR, usd_million: flow, estimate: true, label: flowLabel(locale), money_kept_usd_million: last ? round(moneyKept(flow, last.cost_pct_200!), 3) : null },
    quotes: quotes.length ? { period: quotes[0]!.period, services: new Set(quotes.map((x) => `${x.provider}\u0000${x.product}`)).size } : null,
    sources: await sourceList(ctx, [...COST_SOURCES, FLOW_SOURCE], locale),
  };
}

/** The services of a corridor for an amount, best for the family first, with the corridor's and the smart average. */
export async function corridorServices(ctx: AppContext, raw: string, q: { amount: number; period?: string }) {
  const { sending, receiving } = corridorCode(raw);
  const quotes = await corridorQuotes(ctx.db, sending, receiving, q.period);
  const ranked = rankServices(
    quotes.map((x) => ({ ...x, consumerRate: x.exchangeRate })),
    q.amount,
  );
  return {
    corridor: `${sending}-${receiving}`,
    period: quotes[0]?.period ?? null,
    amount: q.amount,
    target_pct: SDG_TARGET_PCT,
    average_cost_pct: pct(corridorAverage(ranked)),
    smart_average_cost_pct: pct(smartAverage(ranked.map((r) => ({ totalCostPct: r.totalCostPct, rateDisclosed: r.quote.rateDisclosed })))),
    services: ranked.map((r) => ({
      provider: r.quote.provider,
      provider_type: r.quote.providerType,
      product: r.quote.product,
      quoted_amount: r.quotedAmount,
      sending_currency: r.quote.sendingCurrency,
      receiving_currency: r.quote.receivingCurrency,
      fee: r.quote.fee,
      exchange_rate: r.quote.exchangeRate,
      interbank_rate: r.quote.interbankRate,
      rate_disclosed: r.quote.rateDisclosed,
      speed: r.quote.speed,
      payout_method: r.quote.payoutMethod,
      fx_margin_pct: pct(r.fxMarginPct)!,
      total_cost_pct: pct(r.totalCostPct)!,
      total_paid: money(r.totalPaid),
      amount_received: money(r.amountReceived),
      status: sdgStatus(r.totalCostPct),
    })),
  };
}

async function periodOrLatest(ctx: AppContext, period: string | undefined) {
  const periods = await costPeriods(ctx.db);
  const chosen = period ?? periods.at(-1) ?? null;
  if (period && !periods.includes(period)) {
    throw new AppError('validation_failed', [{ path: 'period', key: costKey('bad_quarter'), params: { value: period } }]);
  }
  return { periods, chosen };
}

function averages(lines: CorridorLine[]) {
  const a = averageOfCorridors(lines.map((l) => ({ costPct: l.cost_pct_200, flow: l.flow_usd_million })));
  const flows = lines.filter((l) => l.flow_usd_million !== null);
  return {
    simple_mean_pct: pct(a.simpleMeanPct),
    weighted_mean_pct: pct(a.weightedMeanPct),
    status: a.simpleMeanPct === null ? null : sdgStatus(a.simpleMeanPct),
    corridors: a.corridors,
    weighted_corridors: a.weightedCorridors,
    flagged_corridors: lines.filter((l) => l.status === 'flagged').length,
    flow_usd_million: flows.length ? round(flows.reduce((s, l) => s + l.flow_usd_million!, 0), 3) : null,
    money_kept_usd_million: flows.length ? round(flows.reduce((s, l) => s + l.money_kept_usd_million!, 0), 3) : null,
  };
}

/** SDG 10.c.1 of a receiving country: its corridors in a quarter, their simple and flow-weighted means. */
export async function countrySdg(ctx: AppContext, code: string, q: { period?: string }, locale: Locale) {
  const unit = await area(ctx.db, code.toUpperCase());
  if (!unit || unit.kind !== 'country') throw notFound();
  const { chosen } = await periodOrLatest(ctx, q.period);
  const lines = chosen ? (await corridorCosts(ctx.db, { period: chosen, receiving: unit.code })).map((r) => corridorLine(r, locale)) : [];
  return {
    country: { code: unit.code, name: nameOf(locale, unit.code, unit.nameEs, unit.nameEn) },
    period: chosen,
    target_pct: SDG_TARGET_PCT,
    flag_pct: SDG_FLAG_PCT,
    ...averages(lines),
    corridors: lines.sort((a, b) => b.cost_pct_200 - a.cost_pct_200),
    flow_label: flowLabel(locale),
    sources: await sourceList(ctx, [...COST_SOURCES, FLOW_SOURCE], locale),
  };
}

/**
 * SDG 10.c.1 over a region (default Latin America and the Caribbean, 419) and the world in a quarter: averages of
 * corridor averages, simple and weighted by the 2017 bilateral estimates; each receiving country of the region; its
 * corridors with flags above 5 %; and the money that would stay with families at 3 %.
 */
export async function regionSdg(ctx: AppContext, q: { region?: string; period?: string }, locale: Locale) {
  const region = await area(ctx.db, q.region ?? '419');
  if (!region || region.kind !== 'region') throw notFound();
  const { periods, chosen } = await periodOrLatest(ctx, q.period);
  const all = chosen ? (await corridorCosts(ctx.db, { period: chosen })).map((r) => ({ path: r.receivingPath, line: corridorLine(r, locale) })) : [];
  const inRegion = all.filter((x) => x.path?.startsWith(region.path)).map((x) => x.line);
  const byCountry = new Map<string, CorridorLine[]>();
  for (const l of inRegion) byCountry.set(l.receiving.code, [...(byCountry.get(l.receiving.code) ?? []), l]);
  const names = new Map((await countries(ctx.db)).map((c) => [c.code, nameOf(locale, c.code, c.nameEs, c.nameEn)]));
  return {
    period: chosen,
    periods,
    target_pct: SDG_TARGET_PCT,
    flag_pct: SDG_FLAG_PCT,
    region: { code: region.code, name: nameOf(locale, region.code, region.nameEs, region.nameEn), ...averages(inRegion) },
    world: { code: '001', ...averages(all.map((x) => x.line)) },
    countries: [...byCountry.entries()]
      .map(([code, lines]) => ({ code, name: names.get(code) ?? code, ...averages(lines) }))
      .sort((a, b) => (b.simple_mean_pct ?? 0) - (a.simple_mean_pct ?? 0)),
    corridors: inRegion.sort((a, b) => b.cost_pct_200 - a.cost_pct_200),
    flow_label: flowLabel(locale),
    sources: await sourceList(ctx, [...COST_SOURCES, FLOW_SOURCE], locale),
  };
}
