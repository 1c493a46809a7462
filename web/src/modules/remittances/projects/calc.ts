/**
 * Arithmetic the pages show live before the server decides: the same rules as the server's domain
 * (docs/api.md): shares compared in hundredths, a budget split in cents with the remainder to the last party,
 * a sheet's weighted score = Σ(weight × score) / Σ weight.
 */

export function toCents(amount: number): number {
  return Math.round(amount * 100);
}

/** The sum of the shares in hundredths of a percent, so 33.33 + 33.33 + 33.34 is exactly 10000. */
export function sharesSumHundredths(shares: number[]): number {
  return shares.reduce((sum, s) => sum + Math.round((Number.isFinite(s) ? s : 0) * 100), 0);
}

/** Each party's part of `budget` (in the parties' order), in currency units; the parts add up to the budget. */
export function splitBudget(budget: number, shares: { party: string; pct: number }[]): { party: string; pct: number; amount: number }[] {
  const total = toCents(budget);
  let given = 0;
  return shares.map((s, i) => {
    const cents = i === shares.length - 1 ? total - given : Math.floor((total * Math.round(s.pct * 100)) / 10000);
    given += cents;
    return { ...s, amount: cents / 100 };
  });
}

/** The weighted total of one scoring sheet (0–10), or null while a criterion has no score. */
export function weightedScore(criteria: { key: string; weight: number }[], scores: Record<string, number | null>): number | null {
  let num = 0;
  let den = 0;
  for (const c of criteria) {
    const s = scores[c.key];
    if (s === null || s === undefined || !Number.isFinite(s)) return null;
    num += c.weight * s;
    den += c.weight;
  }
  return den > 0 ? num / den : null;
}

/** The decimal separator of a locale ("," in es, pt and fr; "." in en). */
export function decimalSeparator(locale: string): string {
  return new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
}

/**
 * An amount typed by a person in the page's locale: in Spanish "1.234,5" (or "1234,5"), in English "1,234.5".
 * Spaces (French groups thousands with them) are ignored. Null when it is not a number.
 */
export function parseAmount(text: string, locale: string): number | null {
  const decimal = decimalSeparator(locale);
  const group = decimal === ',' ? '.' : ',';
  const s = text.trim().replace(/[\s\u00a0\u202f]/g, '').split(group).join('').replace(decimal, '.');
  if (!/^-?\d+(\.\d+)?$/.test(s)) return null;
  return Number(s);
}

export function currentQuarter(date = new Date()): string {
  return `${date.getUTCFullYear()}Q${Math.floor(date.getUTCMonth() / 3) + 1}`;
}
