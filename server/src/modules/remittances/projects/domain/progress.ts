import { fromCents, type Cents } from './money.js';
import type { Problem } from './problems.js';

/**
 * Quarterly progress of a project in execution: one report per quarter, in order; physical progress and cumulative
 * spending never go back; nobody spends more than the parties have paid in. Closure needs the last report at 100 %.
 */

export interface ProgressReport {
  period: string;
  physical_pct: number;
  spent: Cents;
}

const PERIOD = /^(\d{4})Q([1-4])$/;

/** "2026Q3" → a number that orders quarters (2026 × 4 + 2), or null when it is not a quarter. */
export function quarterIndex(period: string): number | null {
  const m = PERIOD.exec(period);
  return m ? Number(m[1]) * 4 + Number(m[2]) - 1 : null;
}

export const quarterOf = (d: Date): string => `${d.getUTCFullYear()}Q${Math.floor(d.getUTCMonth() / 3) + 1}`;

export type ReportCheck = { ok: true } | { ok: false; alreadyReported: true } | { ok: false; alreadyReported: false; problems: Problem[] };

/** Checks a new report against the earlier ones (any order), the money received so far, and today's quarter. */
export function checkReport(earlier: readonly ProgressReport[], report: ProgressReport, received: Cents, today: Date): ReportCheck {
  const index = quarterIndex(report.period);
  if (index === null) return { ok: false, alreadyReported: false, problems: [{ path: 'period', key: 'period_invalid', params: { value: report.period } }] };
  if (earlier.some((r) => r.period === report.period)) return { ok: false, alreadyReported: true };
  const problems: Problem[] = [];
  if (index > quarterIndex(quarterOf(today))!) problems.push({ path: 'period', key: 'period_in_future', params: { value: report.period } });
  const last = latest(earlier);
  if (last && index < quarterIndex(last.period)!) problems.push({ path: 'period', key: 'period_before_last', params: { value: last.period } });
  if (last && report.physical_pct < last.physical_pct) problems.push({ path: 'physical_pct', key: 'physical_pct_decreases', params: { previous: last.physical_pct } });
  if (last && report.spent < last.spent) problems.push({ path: 'spent', key: 'spent_decreases', params: { previous: fromCents(last.spent) } });
  if (report.spent > received) problems.push({ path: 'spent', key: 'spent_above_received', params: { received: fromCents(received) } });
  return problems.length ? { ok: false, alreadyReported: false, problems } : { ok: true };
}

/** The report of the latest quarter, or null. */
export function latest<T extends { period: string }>(reports: readonly T[]): T | null {
  let best: T | null = null;
  for (const r of reports) if (!best || quarterIndex(r.period)! > quarterIndex(best.period)!) best = r;
  return best;
}

/** A project can be closed when its latest report shows the work finished. */
export const closable = (reports: readonly ProgressReport[]): boolean => latest(reports)?.physical_pct === 100;
