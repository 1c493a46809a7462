/**
 * Periods after DHIS2: `2024` (year), `2024Q1` (quarter), `202403` (month). Pure.
 * `parsePeriodText` reads what ministries write: 2024-03, 03/2024, 3/2024, mar-24, marzo 2024, Mar 2024, 2024M03,
 * 2024-Q1, T1 2024, I-2024 (trimestre), and Excel dates (a Date, or a serial number when the cell is typed).
 */

export type PeriodType = 'year' | 'quarter' | 'month';

const YEAR = /^(\d{4})$/;
const QUARTER = /^(\d{4})Q([1-4])$/;
const MONTH = /^(\d{4})(0[1-9]|1[0-2])$/;

export function periodType(pe: string): PeriodType | null {
  if (YEAR.test(pe)) return 'year';
  if (QUARTER.test(pe)) return 'quarter';
  if (MONTH.test(pe)) return 'month';
  return null;
}

export function isPeriod(pe: string): boolean {
  return periodType(pe) !== null;
}

/** The period `n` steps before (`n` > 0) or after (`n` < 0), in the period's own unit. */
export function shiftPeriod(pe: string, n: number): string {
  let m = YEAR.exec(pe);
  if (m) return String(Number(m[1]) - n);
  m = QUARTER.exec(pe);
  if (m) {
    const i = Number(m[1]) * 4 + Number(m[2]) - 1 - n;
    return `${Math.floor(i / 4)}Q${(i % 4) + 1}`;
  }
  m = MONTH.exec(pe);
  if (m) {
    const i = Number(m[1]) * 12 + Number(m[2]) - 1 - n;
    return `${Math.floor(i / 12)}${String((i % 12) + 1).padStart(2, '0')}`;
  }
  throw new Error(`not a period: ${pe}`);
}

/** Calendar year of a period. */
export const yearOf = (pe: string) => Number(pe.slice(0, 4));

/** Expands `1990..2020` (years) or `2023Q1..2024Q2` / `202301..202312` into every period between, inclusive. */
export function expandRange(from: string, to: string, max = 1000): string[] | null {
  const type = periodType(from);
  if (!type || periodType(to) !== type) return null;
  const out: string[] = [];
  let p = from;
  while (out.length <= max) {
    out.push(p);
    if (p === to) return out;
    p = shiftPeriod(p, -1);
    if (p > to && p.length === to.length && compare(p, to) > 0) return null;
  }
  return null;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Month names and abbreviations, Spanish and English (and Portuguese, French where they differ), without accents. */
const MONTHS: Record<string, number> = {};
const names: [number, string[]][] = [
  [1, ['enero', 'ene', 'january', 'jan', 'janeiro', 'janvier', 'janv']],
  [2, ['febrero', 'feb', 'february', 'fevereiro', 'fev', 'fevrier', 'fevr']],
  [3, ['marzo', 'mar', 'march', 'marco', 'mars']],
  [4, ['abril', 'abr', 'april', 'apr', 'avril', 'avr']],
  [5, ['mayo', 'may', 'maio', 'mai']],
  [6, ['junio', 'jun', 'june', 'junho', 'juin']],
  [7, ['julio', 'jul', 'july', 'julho', 'juillet', 'juil']],
  [8, ['agosto', 'ago', 'august', 'aug', 'aout']],
  [9, ['septiembre', 'setiembre', 'sep', 'sept', 'set', 'september', 'setembro', 'septembre']],
  [10, ['octubre', 'oct', 'october', 'outubro', 'out', 'octobre']],
  [11, ['noviembre', 'nov', 'november', 'novembro', 'novembre']],
  [12, ['diciembre', 'dic', 'december', 'dec', 'dezembro', 'dez', 'decembre']],
];
for (const [n, list] of names) for (const name of list) MONTHS[name] = n;

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

function year2(y: string): number {
  const n = Number(y);
  return y.length === 2 ? (n >= 70 ? 1900 + n : 2000 + n) : n;
}

const month = (y: number, m: number) => (m >= 1 && m <= 12 && y >= 1800 && y <= 2200 ? `${y}${String(m).padStart(2, '0')}` : null);
const quarter = (y: number, q: number) => (q >= 1 && q <= 4 && y >= 1800 && y <= 2200 ? `${y}Q${q}` : null);

/** Excel serial day number (1900 system) to a month period. */
function excelSerialToMonth(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 120000) return null;
  const d = new Date(Date.UTC(1899, 11, 30) + Math.round(serial) * 86400000);
  return month(d.getUTCFullYear(), d.getUTCMonth() + 1);
}

/**
 * Reads one period cell. `prefer` resolves what is ambiguous: a date (2024-03-15, 15/03/2024) means its month unless
 * the series is yearly (its year) or quarterly (its quarter). Returns null when the text is not a period.
 */
export function parsePeriodText(raw: unknown, prefer: PeriodType = 'month'): string | null {
  if (raw instanceof Date) {
    if (Number.isNaN(raw.getTime())) return null;
    return fromDate(raw.getUTCFullYear(), raw.getUTCMonth() + 1, prefer);
  }
  if (typeof raw === 'number') {
    if (Number.isInteger(raw) && raw >= 1800 && raw <= 2200) return String(raw);
    const m = excelSerialToMonth(raw);
    return m ? fromDate(Number(m.slice(0, 4)), Number(m.slice(4)), prefer) : null;
  }
  if (typeof raw !== 'string') return null;
  const s = fold(raw).replace(/\s+/g, ' ');
  if (!s) return null;
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})$/.exec(s))) return s;
  if ((m = /^(\d{4})\s*-?\s*q\s*([1-4])$/.exec(s)) || (m = /^(\d{4})\s*[-_ ]?\s*([1-4])q$/.exec(s)) || (m = /^(\d{4})\s*-?\s*t\s*([1-4])$/.exec(s))) return quarter(Number(m[1]), Number(m[2]));
  if ((m = /^(?:q|t|trim(?:estre)?\.?)\s*([1-4])\s*[-/ ]?\s*(\d{4}|\d{2})$/.exec(s))) return quarter(year2(m[2]!), Number(m[1]));
  if ((m = /^(i{1,3}|iv)\s*(?:trim(?:estre)?\.?)?\s*[-/ ]\s*(\d{4})$/.exec(s))) return quarter(Number(m[2]), ROMAN[m[1]!]!);
  if ((m = /^(\d{4})\s*m\s*(\d{1,2})$/.exec(s))) return month(Number(m[1]), Number(m[2]));
  // 2024-03, 2024/03, 2024.03, 202403, 2024-03-15 (with an optional time)
  if ((m = /^(\d{4})[-/.](\d{1,2})$/.exec(s)) || (m = /^(\d{4})(\d{2})$/.exec(s))) return month(Number(m[1]), Number(m[2]));
  if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ].*)?$/.exec(s))) return fromDate(Number(m[1]), Number(m[2]), prefer);
  // 03/2024, 3-2024, 03.2024
  if ((m = /^(\d{1,2})[-/.](\d{4})$/.exec(s))) return month(Number(m[2]), Number(m[1]));
  // 15/03/2024 (day first, as written in Latin America), 15-03-24
  if ((m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})$/.exec(s))) return fromDate(year2(m[3]!), Number(m[2]), prefer);
  // mar-24, marzo 2024, Mar.2024, marzo de 2024, 2024 marzo, 15 de marzo de 2024
  if ((m = /^(?:\d{1,2}\s*(?:de\s+)?)?([a-z]+)\.?\s*(?:de(?:l)?\s+)?[-/ .]?\s*(\d{4}|\d{2})$/.exec(s))) {
    const n = MONTHS[m[1]!];
    return n ? fromDate(year2(m[2]!), n, prefer) : null;
  }
  if ((m = /^(\d{4})\s*[-/ .]?\s*([a-z]+)\.?$/.exec(s))) {
    const n = MONTHS[m[2]!];
    return n ? fromDate(Number(m[1]), n, prefer) : null;
  }
  return null;
}

function fromDate(y: number, m: number, prefer: PeriodType): string | null {
  if (prefer === 'year') return y >= 1800 && y <= 2200 ? String(y) : null;
  if (prefer === 'quarter') return quarter(y, Math.ceil(m / 3));
  return month(y, m);
}

/** Converts a period to a coarser type (month -> quarter/year, quarter -> year); null when it cannot. */
export function toType(pe: string, type: PeriodType): string | null {
  const t = periodType(pe);
  if (t === type) return pe;
  if (type === 'year') return pe.slice(0, 4);
  if (type === 'quarter' && t === 'month') return `${pe.slice(0, 4)}Q${Math.ceil(Number(pe.slice(4)) / 3)}`;
  return null;
}
