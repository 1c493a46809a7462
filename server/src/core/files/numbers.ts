/**
 * Numbers as ministries write them: `1.234,56` and `1,234.56`, `1 234,5` (spaces, non-breaking spaces),
 * `12,5 %`, `US$ 1,200`, `(1.234)` for negatives, `1.5E+06`. Pure.
 * The decimal separator is decided once per file from all the values (`detectDecimalSeparator`): a file never mixes.
 */

export type DecimalSeparator = ',' | '.';

/** Cells that mean "no value" in statistical tables: left empty, not an error. */
const MISSING = new Set(['', '-', '--', '—', '–', '..', '...', 'n/a', 'na', 'n.a.', 'nd', 'n/d', 'n.d.', 's/d', 's.d.', 'sd', 'x', '…']);

export function isMissing(text: string): boolean {
  return MISSING.has(text.trim().toLowerCase());
}

/** Removes currency marks, percent signs, spaces of every kind and a leading plus; keeps digits, separators, signs. */
function strip(text: string): { body: string; negative: boolean } {
  let s = text.trim();
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1);
  }
  s = s.replace(/^(?:US\$|USD|U\$S|\$|€|£|Q\.?|L\.?|RD\$|C\$|S\/\.?|Bs\.?|R\$)\s*/i, '');
  s = s.replace(/\s*(?:%|USD|US\$)$/i, '');
  s = s.replace(/[\s\u00a0\u202f\u2009']/g, '');
  s = s.replace(/^[\u2212\u2013]/, '-');
  if (s.startsWith('-')) {
    negative = !negative;
    s = s.slice(1);
  } else if (s.startsWith('+')) s = s.slice(1);
  return { body: s, negative };
}

/**
 * Which separator is decimal, looking at every value of the file. Unambiguous evidence wins (`1.234,5`, `12,5`,
 * `1,234,567`); values like `1.234` alone are ambiguous and take `fallback` (a semicolon-separated file is from a
 * decimal-comma locale, so callers pass ',' for those).
 */
export function detectDecimalSeparator(values: Iterable<string>, fallback: DecimalSeparator): DecimalSeparator {
  let comma = 0;
  let dot = 0;
  for (const raw of values) {
    const { body } = strip(raw);
    if (!/^[\d.,]+(?:[eE][-+]?\d+)?$/.test(body)) continue;
    const lastComma = body.lastIndexOf(',');
    const lastDot = body.lastIndexOf('.');
    if (lastComma >= 0 && lastDot >= 0) {
      if (lastComma > lastDot) comma++;
      else dot++;
      continue;
    }
    if (/[eE]/.test(body)) {
      dot++;
      continue;
    }
    const sep = lastComma >= 0 ? ',' : lastDot >= 0 ? '.' : null;
    if (!sep) continue;
    const parts = body.split(sep);
    if (parts.length > 2) {
      // 1,234,567: repeated separator groups thousands
      if (sep === ',') dot++;
      else comma++;
      continue;
    }
    if (parts[1]!.length !== 3 || parts[0] === '0' || parts[0] === '') {
      if (sep === ',') comma++;
      else dot++;
    }
  }
  if (comma > dot) return ',';
  if (dot > comma) return '.';
  return fallback;
}

/** A number, or null when the text is not one (callers report "not a number"); `undefined` for a missing value. */
export function parseNumber(raw: unknown, decimal: DecimalSeparator): number | null | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
  if (raw === null || raw === undefined) return undefined;
  if (typeof raw !== 'string') return null;
  if (isMissing(raw)) return undefined;
  const { body, negative } = strip(raw);
  const thousands = decimal === ',' ? '.' : ',';
  const t = thousands === '.' ? '\\.' : ',';
  const d = decimal === '.' ? '\\.' : ',';
  const grouped = new RegExp(`^\\d{1,3}(?:${t}\\d{3})+(?:${d}\\d+)?$`);
  const plain = new RegExp(`^(?:\\d+(?:${d}\\d*)?|${d}\\d+)(?:[eE][-+]?\\d+)?$`);
  if (!grouped.test(body) && !plain.test(body)) return null;
  const normal = body.split(thousands).join('').replace(decimal, '.');
  const n = Number(normal);
  if (!Number.isFinite(n)) return null;
  return negative ? -n : n;
}
