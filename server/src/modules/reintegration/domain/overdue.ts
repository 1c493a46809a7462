/**
 * The "overdue" rule, once, for TypeScript and for SQL: a case is overdue when its plan is not approved yet
 * (registered, planning or plan submitted) and its plan due date has passed (the due day itself is not late).
 * The caseload filter, the supervision counts, the dashboard, the case answer and the partial index all read it here.
 */
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { CaseStatus } from './lifecycle.js';

/** Statuses in which the plan is not yet approved: a case in one of them past its due date is overdue. */
export const WITHOUT_APPROVED_PLAN = ['registered', 'planning', 'plan_submitted'] as const satisfies readonly CaseStatus[];

/** Overdue: no approved plan and the due date has passed (`today` and `dueDate` are YYYY-MM-DD). */
export function isOverdue(status: CaseStatus, dueDate: string, today: string): boolean {
  return (WITHOUT_APPROVED_PLAN as readonly CaseStatus[]).includes(status) && today > dueDate;
}

/** `status IN ('registered', 'planning', 'plan_submitted')`, with the statuses as literals (a partial index's predicate). */
export function withoutApprovedPlanSql(status: SQLWrapper): SQL {
  return sql`${status} IN (${sql.raw(WITHOUT_APPROVED_PLAN.map((s) => `'${s}'`).join(', '))})`;
}

/** The same rule as `isOverdue` in SQL, on a case's status and plan due date (columns or expressions). */
export function overdueSql(status: SQLWrapper, dueDate: SQLWrapper, today: string): SQL {
  return sql`(${withoutApprovedPlanSql(status)} AND ${dueDate} < ${today})`;
}
