import { describe, expect, it } from 'vitest';
import { currentQuarter, decimalSeparator, parseAmount, sharesSumHundredths, splitBudget, weightedScore } from './calc';

describe('the money split of a project', () => {
  it('splits a budget in cents, the remainder to the last party, and the parts add up to the budget', () => {
    const parts = splitBudget(100, [
      { party: 'migrants', pct: 33.33 },
      { party: 'municipality', pct: 33.33 },
      { party: 'state', pct: 33.34 },
    ]);
    expect(parts.map((p) => p.amount)).toEqual([33.33, 33.33, 33.34]);
    expect(parts.reduce((s, p) => s + Math.round(p.amount * 100), 0)).toBe(10000);
  });

  it('never loses a cent on awkward amounts', () => {
    const parts = splitBudget(1000.01, [
      { party: 'a', pct: 25 },
      { party: 'b', pct: 25 },
      { party: 'c', pct: 50 },
    ]);
    expect(parts.map((p) => p.amount)).toEqual([250, 250, 500.01]);
  });

  it('compares shares in hundredths, so 33.33 + 33.33 + 33.34 is exactly 100 %', () => {
    expect(sharesSumHundredths([33.33, 33.33, 33.34])).toBe(10000);
    expect(sharesSumHundredths([50, Number.NaN, 25])).toBe(7500);
  });

  it('weighs a sheet, and has no total while a criterion has no score', () => {
    const criteria = [
      { key: 'impact', weight: 3 },
      { key: 'cost', weight: 1 },
    ];
    expect(weightedScore(criteria, { impact: 8, cost: 4 })).toBe(7);
    expect(weightedScore(criteria, { impact: 8, cost: null })).toBeNull();
  });
});

describe('amounts typed in the reader’s locale', () => {
  it('reads Spanish, English and French numbers', () => {
    expect(decimalSeparator('es')).toBe(',');
    expect(parseAmount('1.234,5', 'es')).toBe(1234.5);
    expect(parseAmount('1,234.5', 'en-GB')).toBe(1234.5);
    expect(parseAmount('1 234,5', 'fr')).toBe(1234.5);
    expect(parseAmount('12abc', 'es')).toBeNull();
  });

  it('names the quarter of a date', () => {
    expect(currentQuarter(new Date(Date.UTC(2026, 10, 30)))).toBe('2026Q4');
  });
});
