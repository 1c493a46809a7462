import { formatNumber } from '../../app/format';

/**
 * Values of the evidence module, formatted for the reader's locale with their unit always shown
 * (1.234,5 in Spanish, 1,234.5 in English). Units are those of the data elements:
 * persons | usd | usd_million | pct | number | per_1000 | index.
 */

export type Unit = 'persons' | 'usd' | 'usd_million' | 'pct' | 'number' | 'per_1000' | 'index' | string;

/** A full value, as in a table cell: every digit that matters, grouped. */
export function formatFull(value: number | null | undefined, unit: Unit, locale: string, decimals?: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  switch (unit) {
    case 'persons':
      return formatNumber(value, locale, { maximumFractionDigits: decimals ?? 0 });
    case 'number':
      // Imported national series (amounts in local currency, for example) keep their cents.
      return formatNumber(value, locale, { maximumFractionDigits: decimals ?? 2 });
    case 'usd':
      return formatNumber(value, locale, { style: 'currency', currency: 'USD', currencyDisplay: 'symbol', maximumFractionDigits: decimals ?? 0 });
    case 'usd_million':
      return formatNumber(value, locale, { maximumFractionDigits: decimals ?? 1, minimumFractionDigits: decimals ?? 1 });
    case 'pct':
      return formatNumber(value / 100, locale, { style: 'percent', maximumFractionDigits: decimals ?? 2, minimumFractionDigits: decimals ?? 1 });
    default:
      return formatNumber(value, locale, { maximumFractionDigits: decimals ?? 2 });
  }
}

/** A headline value: short and readable ("3,9 mil millones US$", "US$3.9 billion", "19,1 %", "1,2 millones"). */
export function formatHeadline(value: number | null | undefined, unit: Unit, locale: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  const big = Math.abs(value) >= 1e6;
  switch (unit) {
    case 'persons':
    case 'number':
      return big
        ? formatNumber(value, locale, { notation: 'compact', compactDisplay: 'long', maximumFractionDigits: 2 })
        : formatNumber(value, locale, { maximumFractionDigits: 0 });
    case 'usd': {
      if (!big) return formatNumber(value, locale, { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
      // Intl abbreviates compact currencies ("18,2 mil M US$"): write the long words and put the symbol where the
      // locale puts it ("18,2 mil millones US$", "US$18.2 billion").
      const words = formatNumber(value, locale, { notation: 'compact', compactDisplay: 'long', maximumFractionDigits: Math.abs(value) >= 1e10 ? 1 : 2 });
      const parts = new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD' }).formatToParts(1);
      const symbol = parts.find((p) => p.type === 'currency')?.value ?? 'US$';
      const first = parts.findIndex((p) => p.type === 'currency') < parts.findIndex((p) => p.type === 'integer');
      const gap = parts.some((p) => p.type === 'literal') ? '\u00a0' : '';
      return first ? `${symbol}${gap}${words}` : `${words}${gap || '\u00a0'}${symbol}`;
    }
    case 'usd_million':
      return formatHeadline(value * 1e6, 'usd', locale);
    case 'pct':
      return formatNumber(value / 100, locale, { style: 'percent', maximumFractionDigits: 1, minimumFractionDigits: 1 });
    default:
      return formatNumber(value, locale, { maximumFractionDigits: 2 });
  }
}

/** A short axis label (compact notation): "4 mil M", "4B". */
export function formatAxis(value: number, unit: Unit, locale: string): string {
  if (unit === 'pct') return formatNumber(value / 100, locale, { style: 'percent', maximumFractionDigits: 1 });
  const v = unit === 'usd_million' ? value * 1e6 : value;
  return formatNumber(v, locale, { notation: 'compact', maximumFractionDigits: 1 });
}

/** A year or a quarter ("2020", "2020Q1" -> "2020 T1" / "2020 Q1"). */
export function formatPeriod(pe: string | null | undefined, quarterLetter: string): string {
  if (!pe) return '';
  const q = /^(\d{4})Q([1-4])$/.exec(pe);
  if (q) return `${q[1]} ${quarterLetter}${q[2]}`;
  const m = /^(\d{4})(\d{2})$/.exec(pe);
  if (m) return `${m[1]}-${m[2]}`;
  return pe;
}

// ---------- CSV ----------

export type Cell = string | number | null | undefined;

/**
 * Text that a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, tab, carriage return first: OWASP's list)
 * gets a leading single quote and quotes, as the server's CSV writer does (`server/src/core/files/csv.ts`); numbers
 * are values and stay as they are (`-4.35`).
 */
function csvCell(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (/^[=+\-@\t\r]/.test(v)) return `"'${v.replace(/"/g, '""')}"`;
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/**
 * A CSV of the same numbers a table shows. Numbers are written unformatted (dot decimals, no grouping) so any
 * program reads them; a byte-order mark lets spreadsheet programs recognise UTF-8.
 */
export function toCsv(header: string[], rows: Cell[][]): string {
  return `\uFEFF${[header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** A safe file name from parts: "perfil-GTM-remesas.csv". */
export function fileName(...parts: string[]): string {
  return parts
    .map((p) =>
      p
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/[^A-Za-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')
        .toLowerCase(),
    )
    .filter(Boolean)
    .join('-');
}
