import { formatNumber } from '../../../app/format';

/** Figures of the cost pages, formatted for the reader's locale. */

/** 4,98 % */
export const formatPct = (value: number, locale: string, decimals = 2) => formatNumber(value / 100, locale, { style: 'percent', minimumFractionDigits: decimals, maximumFractionDigits: decimals });

/** 1,98 (percentage points, always with the same decimals as the costs) */
export const formatPoints = (value: number, locale: string) => formatNumber(Math.abs(value), locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** US$ 200 or MX$ 3.400,50: a currency by its ISO code; whole amounts without cents. */
export function formatMoney(value: number, currency: string, locale: string, decimals = Number.isInteger(value) ? 0 : 2): string {
  try {
    return formatNumber(value, locale, { style: 'currency', currency, minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  } catch {
    return `${formatNumber(value, locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals })} ${currency}`;
  }
}

/** 2025Q1 -> "2025 T1" in Spanish, "2025 Q1" in English (the letter comes from the catalogue). */
export const formatQuarter = (period: string, letter: string) => period.replace(/^(\d{4})Q([1-4])$/, `$1 ${letter}$2`);

/** US$ million, as money: 594,4 millones de US$ -> formatted compactly with one decimal. */
export const formatUsdMillion = (value: number, locale: string) => formatNumber(value, locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
