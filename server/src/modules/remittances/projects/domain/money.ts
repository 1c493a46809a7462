/**
 * Money in whole cents. JSON carries numbers with at most 2 decimals; every sum and comparison is made in integer
 * cents so that 0.1 + 0.2 never decides whether a party has paid its share.
 */

export type Cents = number;

export const toCents = (amount: number): Cents => Math.round(amount * 100);
export const fromCents = (cents: Cents): number => cents / 100;

/** True when a number has at most two decimals (within floating-point noise). */
export const hasAtMostTwoDecimals = (n: number): boolean => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6;

/** A percentage in hundredths of a point (25.5 % → 2550): shares are compared and multiplied in these. */
export const toHundredths = (pct: number): number => Math.round(pct * 100);

export interface Share {
  party: string;
  pct: number;
}

/**
 * Splits a budget by shares, each party's part rounded down to the cent and the remainder going to the last party,
 * so the parts always add up to the budget exactly. Shares must sum to 100 % (see scheme.ts).
 */
export function splitByShares(budget: Cents, shares: readonly Share[]): { party: string; pct: number; committed: Cents }[] {
  let assigned = 0n;
  const total = BigInt(budget);
  return shares.map((share, i) => {
    const last = i === shares.length - 1;
    const part = last ? total - assigned : (total * BigInt(toHundredths(share.pct))) / 10_000n;
    assigned += part;
    return { party: share.party, pct: share.pct, committed: Number(part) };
  });
}
