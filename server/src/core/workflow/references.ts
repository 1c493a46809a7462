import { sql } from 'drizzle-orm';
import type { Executor } from '../db/engine.js';
import { referenceCounters } from './schema.js';

/**
 * The next number of a series in a year (1, 2, ...), for references such as RN-2026-00041 or P-2026-0007. One row
 * per series and year, incremented by an upsert: the row lock serialises writers, and a transaction that rolls back
 * gives its number back. Call it inside the transaction that writes the record.
 */
export async function nextReferenceNumber(tx: Executor, series: string, year: number): Promise<number> {
  const [row] = await tx
    .insert(referenceCounters)
    .values({ series, year, last: 1 })
    .onConflictDoUpdate({ target: [referenceCounters.series, referenceCounters.year], set: { last: sql`${referenceCounters.last} + 1` } })
    .returning({ last: referenceCounters.last });
  return row!.last;
}

/** `PREFIX-YYYY-NNNN`: the reference format of the workflow records (the number padded to `digits`). */
export const formatReference = (prefix: string, year: number, n: number, digits: number) => `${prefix}-${year}-${String(n).padStart(digits, '0')}`;
