import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatNumber } from './format';
import { formatMoney, formatPct, formatQuarter } from '../modules/remittances/costs/format';

// Intl separates some groups and units with narrow or no-break spaces: compare with plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('numbers for the reader’s locale', () => {
  it('groups four-digit numbers too, with each locale’s separators', () => {
    expect(plain(formatNumber(1234.5, 'es'))).toBe('1.234,5');
    expect(formatNumber(1234.5, 'en-GB')).toBe('1,234.5');
    expect(plain(formatNumber(1234.5, 'fr'))).toBe('1 234,5');
  });

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

describe('dates for the reader’s locale', () => {
  it('shows a calendar date without a time-zone shift', () => {
    expect(formatDate('1990-04-05', 'es')).toBe('5 de abril de 1990');
    expect(formatDate('1990-04-05', 'en-GB')).toBe('5 April 1990');
  });

  it('leaves empty and unreadable values alone', () => {
    expect(formatDate('', 'es')).toBe('');
    expect(formatDate('not a date', 'es')).toBe('not a date');
    expect(formatDateTime(null, 'es')).toBe('');
  });
});
