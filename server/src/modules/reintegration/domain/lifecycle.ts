/**
 * The life of a reintegration case, as a pure state machine:
 *
 *   registered --first plan activity--> planning --submit--> plan_submitted --approve--> active
 *                                           ^------------------return------/              |
 *   active --request closure (reason)--> closure_requested --approve--> closed            |
 *      ^------------------------------------refuse---/                                    |
 *
 * Which verb takes which step and what a given user may do now (`allowedActions`) are decided here, so the
 * services, the pages and the tests read one table. The plan is due 30 days after arrival; a case without an
 * approved plan by then is overdue (`overdue.ts`).
 */
import type { Permission } from '../../../core/access/permissions.js';

export const CASE_STATUSES = ['registered', 'planning', 'plan_submitted', 'active', 'closure_requested', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CLOSURE_REASONS = ['plan_completed', 'no_longer_eligible', 'returnee_choice', 'moved_away', 'migrated_again', 'deceased'] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

/**
 * Everything a user can do to a case. Steps that change the status (`plan`, `submit_plan`, …) and work that does
 * not (`assess`, `refer`, `follow_up`, `score`, `reassign`) share the table, so `allowedActions` answers both for the pages.
 */
export const CASE_ACTIONS = [
  'assess',
  'plan',
  'submit_plan',
  'approve_plan',
  'return_plan',
  'update_activity',
  'refer',
  'referral_update',
  'follow_up',
  'score',
  'request_closure',
  'approve_closure',
  'refuse_closure',
  'reassign',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

interface StepRule {
  from: readonly CaseStatus[];
  verb: Permission;
  /** The status after the step; `undefined` leaves it as it is. */
  to?: CaseStatus;
}

const OPEN: readonly CaseStatus[] = ['registered', 'planning', 'plan_submitted', 'active'];

const STEPS: Record<CaseAction, StepRule> = {
  assess: { from: OPEN, verb: 'cases.write' },
  // Adding, changing or removing a plan activity: the first one starts planning.
  plan: { from: ['registered', 'planning'], verb: 'cases.write', to: 'planning' },
  submit_plan: { from: ['planning'], verb: 'cases.write', to: 'plan_submitted' },
  approve_plan: { from: ['plan_submitted'], verb: 'cases.supervise', to: 'active' },
  return_plan: { from: ['plan_submitted'], verb: 'cases.supervise', to: 'planning' },
  // Progress of an approved plan's activities (status, dates, cost actually spent).
  update_activity: { from: ['active'], verb: 'cases.write' },
  // Immediate needs may be referred before the plan exists.
  refer: { from: OPEN, verb: 'cases.write' },
  // The partner's response and the outcome of an existing referral still arrive while closure is being decided.
  referral_update: { from: [...OPEN, 'closure_requested'], verb: 'cases.write' },
  follow_up: { from: ['active', 'closure_requested'], verb: 'cases.write' },
  // A sustainability score, at the plan or at a follow-up (which occasion is allowed when: domain/scoring.ts).
  score: { from: ['planning', 'plan_submitted', 'active', 'closure_requested'], verb: 'cases.write' },
  request_closure: { from: ['active'], verb: 'cases.write', to: 'closure_requested' },
  approve_closure: { from: ['closure_requested'], verb: 'cases.supervise', to: 'closed' },
  refuse_closure: { from: ['closure_requested'], verb: 'cases.supervise', to: 'active' },
  // Handing the case to another caseworker (see `canFollowCase`), at any time before it is closed.
  reassign: { from: [...OPEN, 'closure_requested'], verb: 'cases.supervise' },
};

/** The verb an action needs (scope is checked by the query that finds the case). */
export const verbFor = (action: CaseAction): Permission => STEPS[action].verb;

/** Statuses from which an action may be taken. */
export const statusesFor = (action: CaseAction): readonly CaseStatus[] => STEPS[action].from;

export type Transition = { ok: true; status: CaseStatus; changed: boolean } | { ok: false; current: CaseStatus };

/** The status after an action, or a refusal naming the current status when the action is out of order. */
export function transition(current: CaseStatus, action: CaseAction): Transition {
  const step = STEPS[action];
  if (!step.from.includes(current)) return { ok: false, current };
  const status = step.to ?? current;
  return { ok: true, status, changed: status !== current };
}

/** What someone holding `verbs` may do to a case in `status` now, in the table's order. */
export function allowedActions(status: CaseStatus, verbs: ReadonlySet<string>): CaseAction[] {
  return CASE_ACTIONS.filter((a) => STEPS[a].from.includes(status) && verbs.has(STEPS[a].verb));
}

/** Days from arrival within which the reintegration plan must be approved. */
export const PLAN_DUE_DAYS = 30;

/** The plan due date (YYYY-MM-DD): arrival plus 30 days, in calendar days. */
export function planDueDate(arrivalDate: string): string {
  const d = new Date(`${arrivalDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + PLAN_DUE_DAYS);
  return d.toISOString().slice(0, 10);
}

/**
 * Whether a user may be made a case's caseworker: they write cases (`cases.write`) and their capture scope covers
 * the case's org unit (`capturePaths` are their capture units' paths, `casePath` the case unit's).
 */
export function canFollowCase(permissions: readonly string[], capturePaths: readonly string[], casePath: string): boolean {
  return permissions.includes('cases.write') && capturePaths.some((path) => casePath.startsWith(path));
}
