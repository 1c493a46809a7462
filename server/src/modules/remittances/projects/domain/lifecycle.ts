/**
 * The life of a co-funded project, as a pure state machine (docs/api.md):
 *
 *   submitted --check(complete)--> in_review --decide(approved)--> approved --sign--> agreement_signed
 *       ^  \--check(incomplete)--> returned --resubmit--^          \--decide(rejected)--> rejected
 *   agreement_signed --first contribution--> in_execution --close--> closed
 *
 * Which verb takes which step, and what a given user may do now (`allowed_actions`), are decided here too, so the
 * routes, the pages and the tests all read one table.
 */

export const PROJECT_STATUSES = ['submitted', 'returned', 'in_review', 'approved', 'rejected', 'agreement_signed', 'in_execution', 'closed'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export const PROJECT_ACTIONS = ['edit', 'resubmit', 'check', 'score', 'decide', 'sign', 'contribute', 'report', 'close'] as const;
export type ProjectAction = (typeof PROJECT_ACTIONS)[number];

/** How the calling user stands towards one project (verbs held and scope already combined). */
export interface ProjectStanding {
  /** Member of the proposing association, holding `projects.propose`. */
  member: boolean;
  /** Holds `projects.manage` and the locality is within the capture scope. */
  manager: boolean;
  /** Holds `projects.score` and the locality is within the view scope. */
  scorer: boolean;
  /** Holds `projects.decide` and the locality is within the capture scope. */
  decider: boolean;
}

/** What the state machine needs to know about a project beyond its status. */
export interface ProjectFacts {
  status: ProjectStatus;
  scoreSheets: number;
  /** Physical progress of the latest report, or null without reports. */
  lastPhysicalPct: number | null;
  /** Some party has not yet paid all of its commitment. */
  somethingToReceive: boolean;
}

/** Outcome a step may carry: check (complete or not) and decide (approved or rejected). */
export type StepOutcome = { action: 'check'; complete: boolean } | { action: 'decide'; approved: boolean } | { action: Exclude<ProjectAction, 'check' | 'decide'> };

interface StepRule {
  from: readonly ProjectStatus[];
  who: (s: ProjectStanding) => boolean;
}

const STEPS: Record<ProjectAction, StepRule> = {
  edit: { from: ['returned'], who: (s) => s.member },
  resubmit: { from: ['returned'], who: (s) => s.member },
  check: { from: ['submitted'], who: (s) => s.manager },
  score: { from: ['in_review'], who: (s) => s.scorer },
  decide: { from: ['in_review'], who: (s) => s.decider },
  sign: { from: ['approved'], who: (s) => s.manager },
  contribute: { from: ['agreement_signed', 'in_execution'], who: (s) => s.manager },
  report: { from: ['in_execution'], who: (s) => s.manager || s.member },
  close: { from: ['in_execution'], who: (s) => s.manager },
};

/** Statuses from which an action may be taken. */
export const statusesFor = (action: ProjectAction): readonly ProjectStatus[] => STEPS[action].from;

/** Whether the standing carries the role an action needs (regardless of status). */
export const mayTake = (action: ProjectAction, standing: ProjectStanding): boolean => STEPS[action].who(standing);

export type Transition = { ok: true; status: ProjectStatus } | { ok: false; current: ProjectStatus };

/** The status after a step, or a refusal naming the current status when the step is out of order. */
export function transition(current: ProjectStatus, step: StepOutcome): Transition {
  if (!STEPS[step.action].from.includes(current)) return { ok: false, current };
  switch (step.action) {
    case 'check':
      return { ok: true, status: step.complete ? 'in_review' : 'returned' };
    case 'decide':
      return { ok: true, status: step.approved ? 'approved' : 'rejected' };
    case 'resubmit':
      return { ok: true, status: 'submitted' };
    case 'sign':
      return { ok: true, status: 'agreement_signed' };
    case 'contribute':
      return { ok: true, status: 'in_execution' };
    case 'close':
      return { ok: true, status: 'closed' };
    default:
      // edit, score and report leave the status as it is.
      return { ok: true, status: current };
  }
}

/** Conditions beyond the status: a decision needs a score sheet, closing needs the last report at 100 %. */
function ready(action: ProjectAction, facts: ProjectFacts): boolean {
  if (action === 'decide') return facts.scoreSheets > 0;
  if (action === 'close') return facts.lastPhysicalPct === 100;
  if (action === 'contribute') return facts.somethingToReceive;
  return true;
}

/** What this user may do now on this project, in the contract's order. */
export function allowedActions(standing: ProjectStanding, facts: ProjectFacts): ProjectAction[] {
  return PROJECT_ACTIONS.filter((a) => STEPS[a].from.includes(facts.status) && STEPS[a].who(standing) && ready(a, facts));
}

export const isFinal = (status: ProjectStatus) => status === 'rejected' || status === 'closed';
