/**
 * The cost of sending money, the way the World Bank's Remittance Prices Worldwide (RPW) computes it. Pure.
 *
 * A sender hands over `amount + fee` (both in the sending currency); the family receives `amount × consumer rate`
 * (in the receiving currency). The provider earns twice: the fee, and the gap between the interbank rate and the
 * rate it gives the customer (the FX margin), which costs `amount × FX margin` in the sending currency. So a
 * "no fee" service still costs money when its rate is worse than the interbank rate.
 */

/** SDG 10.c: remittance costs at 3 % or less by 2030, and no corridor above 5 %. */
export const SDG_TARGET_PCT = 3;
export const SDG_FLAG_PCT = 5;
/** Above this an amount is a typing mistake, not a remittance. */
export const MAX_AMOUNT = 1_000_000;
/** Exchange rates run from about 0.3 (KWD per USD) to about 100,000 (IRR per USD); more is a typing mistake. */
export const MAX_RATE = 1_000_000;

export interface CostInput {
  /** What the family should get, in the sending currency, before conversion. */
  amount: number;
  /** Fee charged to the sender, in the sending currency. */
  fee: number;
  /** Units of receiving currency per unit of sending currency that the provider gives. */
  consumerRate: number;
  /** The same rate between banks (mid-market), the reference for the margin. */
  interbankRate: number;
}

export type CostField = 'amount' | 'fee' | 'consumer_rate' | 'interbank_rate';
export type CostProblemKey = 'not_positive' | 'negative' | 'too_large' | 'fee_above_amount' | 'negative_cost';
export interface CostProblem {
  field: CostField;
  key: CostProblemKey;
  params?: Record<string, number>;
}

export interface Cost {
  /** (interbank − consumer) / interbank, in %. Negative when the provider gives more than the interbank rate. */
  fxMarginPct: number;
  /** (fee + amount × FX margin) / amount, in %. */
  totalCostPct: number;
  /** The fee as a share of the amount, in %. */
  feePct: number;
  /** What the FX margin costs, in the sending currency. */
  fxCost: number;
  /** What the sender pays: amount + fee (sending currency). */
  totalPaid: number;
  /** What the family receives: amount × consumer rate (receiving currency). */
  amountReceived: number;
}

const finite = (n: number) => typeof n === 'number' && Number.isFinite(n);

/** An amount of money sent (once, or every month): positive and not absurd. */
export function checkAmount(amount: number): Omit<CostProblem, 'field'> | null {
  if (!finite(amount) || amount <= 0) return { key: 'not_positive' };
  if (amount > MAX_AMOUNT) return { key: 'too_large', params: { max: MAX_AMOUNT } };
  return null;
}

/** Every problem of the input, per field; empty when the cost can be computed. */
export function checkCostInput(i: CostInput): CostProblem[] {
  const problems: CostProblem[] = [];
  const amount = checkAmount(i.amount);
  if (amount) problems.push({ field: 'amount', ...amount });
  if (!finite(i.fee) || i.fee < 0) problems.push({ field: 'fee', key: 'negative' });
  else if (i.fee > MAX_AMOUNT) problems.push({ field: 'fee', key: 'too_large', params: { max: MAX_AMOUNT } });
  else if (finite(i.amount) && i.amount > 0 && i.fee > i.amount) problems.push({ field: 'fee', key: 'fee_above_amount' });
  for (const [field, rate] of [['consumer_rate', i.consumerRate], ['interbank_rate', i.interbankRate]] as const) {
    if (!finite(rate) || rate <= 0) problems.push({ field, key: 'not_positive' });
    else if (rate > MAX_RATE) problems.push({ field, key: 'too_large', params: { max: MAX_RATE } });
  }
  if (problems.length === 0 && totalCostPct(i) < 0) problems.push({ field: 'consumer_rate', key: 'negative_cost' });
  return problems;
}

export const fxMarginPct = (consumerRate: number, interbankRate: number) => ((interbankRate - consumerRate) / interbankRate) * 100;

export const totalCostPct = (i: CostInput) => ((i.fee + i.amount * (fxMarginPct(i.consumerRate, i.interbankRate) / 100)) / i.amount) * 100;

export const amountReceived = (amount: number, consumerRate: number) => amount * consumerRate;

/** The cost of one transfer; call `checkCostInput` first (this does not validate). */
export function costOf(i: CostInput): Cost {
  const margin = fxMarginPct(i.consumerRate, i.interbankRate);
  return {
    fxMarginPct: margin,
    totalCostPct: totalCostPct(i),
    feePct: (i.fee / i.amount) * 100,
    fxCost: i.amount * (margin / 100),
    totalPaid: i.amount + i.fee,
    amountReceived: amountReceived(i.amount, i.consumerRate),
  };
}

export const round = (n: number, decimals: number) => {
  const f = 10 ** decimals;
  return Math.round((n + Number.EPSILON * Math.sign(n)) * f) / f;
};

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** Σ value × weight / Σ weight over the items that have a positive weight; null when none has. */
export function weightedMean(items: readonly { value: number; weight: number | null }[]): number | null {
  const weighted = items.filter((x): x is { value: number; weight: number } => x.weight !== null && x.weight > 0);
  const total = weighted.reduce((a, x) => a + x.weight, 0);
  if (total === 0) return null;
  return weighted.reduce((a, x) => a + x.value * x.weight, 0) / total;
}

/** A corridor's average: the mean over its services. */
export const corridorAverage = (services: readonly { totalCostPct: number }[]) => mean(services.map((s) => s.totalCostPct));

/** RPW's "smart" average: the mean of the three cheapest services that disclose their rate; null with fewer than three. */
export function smartAverage(services: readonly { totalCostPct: number; rateDisclosed: boolean }[]): number | null {
  const cheapest = services
    .filter((s) => s.rateDisclosed)
    .map((s) => s.totalCostPct)
    .sort((a, b) => a - b)
    .slice(0, 3);
  return cheapest.length === 3 ? mean(cheapest) : null;
}

export interface CorridorCost {
  /** Cost of sending US$200, % (SDG 10.c.1 is measured at US$200). */
  costPct: number;
  /** Bilateral remittance flow, the weight (US$ million); null when not estimated. */
  flow: number | null;
}

/** Regional or global averages: the mean of corridor averages, and the same weighted by bilateral flows. */
export function averageOfCorridors(corridors: readonly CorridorCost[]) {
  return {
    simpleMeanPct: mean(corridors.map((c) => c.costPct)),
    weightedMeanPct: weightedMean(corridors.map((c) => ({ value: c.costPct, weight: c.flow }))),
    corridors: corridors.length,
    weightedCorridors: corridors.filter((c) => c.flow !== null && c.flow > 0).length,
  };
}

export type SdgStatus = 'target_met' | 'above_target' | 'flagged';

/** SDG 10.c.1: at or below 3 % the target is met; above 5 % the corridor is flagged. */
export function sdgStatus(costPct: number): SdgStatus {
  if (costPct <= SDG_TARGET_PCT) return 'target_met';
  if (costPct > SDG_FLAG_PCT) return 'flagged';
  return 'above_target';
}

/** Percentage points between a cost and a threshold; negative when below it. */
export const distanceTo = (costPct: number, thresholdPct: number) => costPct - thresholdPct;

/** What a family sending `monthly` every month pays in a year now, and what it would pay at 3 %. */
export function familySavings(monthly: number, costPct: number) {
  const annualSent = 12 * monthly;
  const annualCostNow = (annualSent * costPct) / 100;
  const annualCostAtTarget = (annualSent * SDG_TARGET_PCT) / 100;
  return { annualSent, annualCostNow, annualCostAtTarget, annualSaving: Math.max(0, annualCostNow - annualCostAtTarget) };
}

/** Money that would stay with families if a flow cost 3 %: flow × (cost − 3 %), never negative. Same unit as `flow`. */
export const moneyKept = (annualFlow: number, costPct: number) => Math.max(0, (annualFlow * (costPct - SDG_TARGET_PCT)) / 100);

export interface ServiceQuote {
  provider: string;
  product: string;
  amountSent: number;
  fee: number;
  consumerRate: number;
  interbankRate: number;
  rateDisclosed: boolean;
}

/**
 * The services of a corridor for `amount`, sorted by what the family receives (more first, then the cheaper).
 * Fees are quoted for a given amount; each service's fee is taken from its quote for the amount nearest to the
 * one asked (`quotedAmount` says which), as fees are flat over a band in practice.
 */
export function rankServices<Q extends ServiceQuote>(quotes: readonly Q[], amount: number) {
  const nearest = new Map<string, Q>();
  for (const q of quotes) {
    const key = `${q.provider}\u0000${q.product}`;
    const best = nearest.get(key);
    if (!best || Math.abs(q.amountSent - amount) < Math.abs(best.amountSent - amount)) nearest.set(key, q);
  }
  return [...nearest.values()]
    .map((quote) => ({ quote, quotedAmount: quote.amountSent, ...costOf({ amount, fee: quote.fee, consumerRate: quote.consumerRate, interbankRate: quote.interbankRate }) }))
    .sort((a, b) => b.amountReceived - a.amountReceived || a.totalCostPct - b.totalCostPct || a.quote.provider.localeCompare(b.quote.provider));
}

/** A quarter as RPW names it: 2025Q1. */
export const isQuarter = (s: string) => /^(19|20)\d{2}Q[1-4]$/.test(s);

/** `USA-MEX`: sending country, then receiving country (ISO 3166 alpha-3). */
export function parseCorridor(code: string): { sending: string; receiving: string } | null {
  const m = /^([A-Z]{3})-([A-Z]{3})$/.exec(code.trim().toUpperCase());
  if (!m || m[1] === m[2]) return null;
  return { sending: m[1]!, receiving: m[2]! };
}
