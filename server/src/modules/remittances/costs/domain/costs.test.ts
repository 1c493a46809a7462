import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  averageOfCorridors,
  checkCostInput,
  corridorAverage,
  costOf,
  familySavings,
  fxMarginPct,
  MAX_AMOUNT,
  moneyKept,
  parseCorridor,
  rankServices,
  sdgStatus,
  smartAverage,
  totalCostPct,
  weightedMean,
  type CostInput,
} from './costs.js';

const amount = fc.double({ min: 1, max: MAX_AMOUNT, noNaN: true });
const rate = fc.double({ min: 0.01, max: 100_000, noNaN: true });
/** A valid transfer: a fee up to the amount, a consumer rate at or below the interbank rate. */
const transfer = fc
  .record({ amount, feeShare: fc.double({ min: 0, max: 1, noNaN: true }), interbankRate: rate, discount: fc.double({ min: 0, max: 0.5, noNaN: true }) })
  .map(({ amount, feeShare, interbankRate, discount }): CostInput => ({ amount, fee: amount * feeShare, interbankRate, consumerRate: interbankRate * (1 - discount) }));

describe('cost of one transfer (RPW formulas)', () => {
  it('matches a worked example: US$200, US$5 fee, 17.0 MXN given for an interbank 17.5', () => {
    const c = costOf({ amount: 200, fee: 5, consumerRate: 17, interbankRate: 17.5 });
    expect(c.fxMarginPct).toBeCloseTo((0.5 / 17.5) * 100, 10); // 2.857 %
    expect(c.totalCostPct).toBeCloseTo(2.5 + 2.857142857, 6); // 5.357 %
    expect(c.amountReceived).toBe(3400);
    expect(c.totalPaid).toBe(205);
    expect(c.fxCost).toBeCloseTo(5.714285714, 6);
  });
  it('"no fee" is not "no cost": a zero fee with a worse rate still costs the margin', () => {
    const c = costOf({ amount: 300, fee: 0, consumerRate: 7.5, interbankRate: 7.8 });
    expect(c.totalCostPct).toBeGreaterThan(0);
    expect(c.totalCostPct).toBeCloseTo(c.fxMarginPct, 10);
  });
  it('total cost = fee share + FX margin, and received = amount × rate (property)', () => {
    fc.assert(
      fc.property(transfer, (t) => {
        expect(checkCostInput(t)).toEqual([]);
        const c = costOf(t);
        expect(c.totalCostPct).toBeCloseTo(c.feePct + c.fxMarginPct, 6);
        expect(c.amountReceived).toBeCloseTo(t.amount * t.consumerRate, 6);
        expect(c.totalCostPct).toBeGreaterThanOrEqual(-1e-9);
        // the cost in money is what the sender pays beyond what the family gets, valued at the interbank rate
        expect(c.totalPaid - c.amountReceived / t.interbankRate).toBeCloseTo((c.totalCostPct / 100) * t.amount, 4);
      }),
    );
  });
  it('a higher fee or a worse rate never lowers the cost (property)', () => {
    fc.assert(
      fc.property(transfer, fc.double({ min: 0, max: 10, noNaN: true }), fc.double({ min: 0.5, max: 1, noNaN: true }), (t, extraFee, worse) => {
        expect(totalCostPct({ ...t, fee: t.fee + extraFee })).toBeGreaterThanOrEqual(totalCostPct(t) - 1e-9);
        expect(totalCostPct({ ...t, consumerRate: t.consumerRate * worse })).toBeGreaterThanOrEqual(totalCostPct(t) - 1e-9);
      }),
    );
  });
  it('the FX margin is zero at the interbank rate and scale-free (property)', () => {
    fc.assert(
      fc.property(rate, fc.double({ min: 0.001, max: 1000, noNaN: true }), (r, k) => {
        expect(fxMarginPct(r, r)).toBe(0);
        expect(fxMarginPct(r * 0.97 * k, r * k)).toBeCloseTo(3, 8);
      }),
    );
  });
});

describe('bad input: a message per field', () => {
  it.each([
    [{ amount: 0, fee: 1, consumerRate: 1, interbankRate: 1 }, [{ field: 'amount', key: 'not_positive' }]],
    [{ amount: -20, fee: 1, consumerRate: 1, interbankRate: 1 }, [{ field: 'amount', key: 'not_positive' }]],
    [{ amount: 2e6, fee: 1, consumerRate: 1, interbankRate: 1 }, [{ field: 'amount', key: 'too_large', params: { max: MAX_AMOUNT } }]],
    [{ amount: 100, fee: -1, consumerRate: 1, interbankRate: 1 }, [{ field: 'fee', key: 'negative' }]],
    [{ amount: 100, fee: 150, consumerRate: 1, interbankRate: 1 }, [{ field: 'fee', key: 'fee_above_amount' }]],
    [{ amount: 100, fee: 1, consumerRate: 0, interbankRate: -2 }, [{ field: 'consumer_rate', key: 'not_positive' }, { field: 'interbank_rate', key: 'not_positive' }]],
    [{ amount: 100, fee: 0, consumerRate: 18, interbankRate: 17 }, [{ field: 'consumer_rate', key: 'negative_cost' }]],
    [{ amount: Number.NaN, fee: 0, consumerRate: 1, interbankRate: 1 }, [{ field: 'amount', key: 'not_positive' }]],
  ])('%o', (input, problems) => {
    expect(checkCostInput(input)).toEqual(problems);
  });
  it('a consumer rate above the interbank rate is accepted while the fee keeps the cost at zero or more', () => {
    expect(checkCostInput({ amount: 100, fee: 5, consumerRate: 17.1, interbankRate: 17 })).toEqual([]);
  });
  it('refuses exactly the inputs whose cost would be negative (property)', () => {
    fc.assert(
      fc.property(amount, fc.double({ min: 0, max: 50, noNaN: true }), rate, rate, (a, f, c, i) => {
        const input = { amount: a, fee: Math.min(f, a), consumerRate: c, interbankRate: i };
        const negative = checkCostInput(input).some((p) => p.key === 'negative_cost');
        expect(negative).toBe(totalCostPct(input) < 0);
      }),
    );
  });
});

describe('averages', () => {
  const services = [
    { totalCostPct: 2, rateDisclosed: true },
    { totalCostPct: 8, rateDisclosed: true },
    { totalCostPct: 1, rateDisclosed: false },
    { totalCostPct: 4, rateDisclosed: true },
    { totalCostPct: 6, rateDisclosed: true },
  ];
  it('corridor average is the mean over services; smart average the three cheapest that disclose their rate', () => {
    expect(corridorAverage(services)).toBe(21 / 5);
    expect(smartAverage(services)).toBe(4); // 2, 4, 6 (1 % hides its rate)
    expect(smartAverage(services.slice(0, 3))).toBeNull(); // only two disclose
    expect(corridorAverage([])).toBeNull();
  });
  it('the smart average is never above the mean of the disclosing services (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ totalCostPct: fc.double({ min: 0, max: 30, noNaN: true }), rateDisclosed: fc.constant(true) }), { minLength: 3, maxLength: 40 }), (list) => {
        expect(smartAverage(list)!).toBeLessThanOrEqual(corridorAverage(list)! + 1e-9);
      }),
    );
  });
  it('regional averages: mean of corridor averages, and weighted by flows (corridors without a flow left out of the weighted one)', () => {
    const r = averageOfCorridors([
      { costPct: 4, flow: 300 },
      { costPct: 8, flow: 100 },
      { costPct: 6, flow: null },
    ]);
    expect(r).toEqual({ simpleMeanPct: 6, weightedMeanPct: 5, corridors: 3, weightedCorridors: 2 });
  });
  it('a weighted mean lies between the smallest and the largest value, and equal weights give the plain mean (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 50, noNaN: true }), { minLength: 1, maxLength: 30 }), fc.array(fc.double({ min: 0.01, max: 1e5, noNaN: true }), { minLength: 30, maxLength: 30 }), (values, weights) => {
        const w = weightedMean(values.map((value, i) => ({ value, weight: weights[i]! })))!;
        expect(w).toBeGreaterThanOrEqual(Math.min(...values) - 1e-9);
        expect(w).toBeLessThanOrEqual(Math.max(...values) + 1e-9);
        expect(weightedMean(values.map((value) => ({ value, weight: 7 })))!).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 9);
      }),
    );
  });
});

describe('SDG 10.c.1 and savings', () => {
  it.each([
    [2.5, 'target_met'],
    [3, 'target_met'],
    [4.98, 'above_target'],
    [5, 'above_target'],
    [5.01, 'flagged'],
  ] as const)('%d %% is %s', (cost, status) => {
    expect(sdgStatus(cost)).toBe(status);
  });
  it('a family sending 200 a month at 6 % pays 144 a year, 72 at 3 %: it would keep 72', () => {
    expect(familySavings(200, 6)).toEqual({ annualSent: 2400, annualCostNow: 144, annualCostAtTarget: 72, annualSaving: 72 });
  });
  it('money kept is the flow times the gap to 3 %, never negative (property)', () => {
    expect(moneyKept(30_019, 4.98)).toBeCloseTo(594.3762, 4);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e5, noNaN: true }), fc.double({ min: 0, max: 40, noNaN: true }), (flow, cost) => {
        const kept = moneyKept(flow, cost);
        expect(kept).toBeGreaterThanOrEqual(0);
        if (cost <= 3) expect(kept).toBe(0);
        else expect(kept).toBeCloseTo((flow * (cost - 3)) / 100, 6);
        expect(familySavings(flow, cost).annualSaving).toBeCloseTo(12 * moneyKept(flow, cost), 4);
      }),
    );
  });
});

describe('services of a corridor', () => {
  const q = (provider: string, amountSent: number, fee: number, consumerRate: number) => ({ provider, product: 'cuenta', amountSent, fee, consumerRate, interbankRate: 18, rateDisclosed: true });
  it('sorts by what the family receives, taking each service’s fee for the amount nearest to the one asked', () => {
    const ranked = rankServices([q('A', 200, 0, 17.2), q('B', 200, 4, 17.9), q('B', 500, 6, 17.9), q('C', 200, 10, 18)], 300);
    expect(ranked.map((r) => [r.quote.provider, r.quotedAmount, r.amountReceived])).toEqual([
      ['C', 200, 5400],
      ['B', 200, 5370],
      ['A', 200, 5160],
    ]);
    expect(rankServices([q('B', 200, 4, 17.9), q('B', 500, 6, 17.9)], 450)[0]!.quotedAmount).toBe(500);
  });
});

describe('corridor codes', () => {
  it('reads USA-MEX, in any case, and refuses the rest', () => {
    expect(parseCorridor('usa-mex')).toEqual({ sending: 'USA', receiving: 'MEX' });
    expect(parseCorridor('USA-USA')).toBeNull();
    expect(parseCorridor('USA_MEX')).toBeNull();
    expect(parseCorridor('US-MX')).toBeNull();
  });
});
