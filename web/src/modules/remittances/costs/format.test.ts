import { describe, expect, it } from 'vitest';
import { formatMoney, formatPct, formatQuarter } from './format';

// Intl separates some groups and units with narrow or no-break spaces: compare with plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('the cost pages’ numbers', () => {
  it('writes percentages and money as the cost pages do', () => {
    expect(plain(formatPct(4.98, 'es'))).toBe('4,98 %');
    expect(formatPct(4.98, 'en-GB')).toBe('4.98%');
    expect(plain(formatMoney(200, 'USD', 'en-GB'))).toBe('US$200');
    expect(plain(formatMoney(3400.5, 'MXN', 'es'))).toBe('3.400,50 MXN');
  });

  it('falls back to the code when the currency is unknown to Intl', () => {
    expect(plain(formatMoney(12, 'X1', 'es'))).toBe('12 X1');
  });

  it('writes a quarter with the catalogue’s letter', () => {
    expect(formatQuarter('2025Q1', 'T')).toBe('2025 T1');
    expect(formatQuarter('2025', 'T')).toBe('2025');
  });
});
