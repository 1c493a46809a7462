import { AppError, type ProblemParams } from '../../../core/http/errors.js';
import { invalidTransition as refusedStep, type TransitionMessages } from '../../../core/workflow/step.js';
import type { ProjectStatus } from './domain/lifecycle.js';
import { projectKey, type ProjectMessageKey } from './messages.js';

/** The module's answers to bad input and refused steps, as keys of its catalogue (worded when the answer is written). */

/** A broken rule at a field; its parameters may be worded later (an amount in the reader's format). */
export interface ProjectProblem {
  path: string;
  key: ProjectMessageKey;
  params?: ProblemParams;
}

export function invalidInput(problems: readonly ProjectProblem[]): AppError {
  return new AppError(
    'validation_failed',
    problems.map((p) => ({ path: p.path, key: projectKey(p.key), params: p.params })),
  );
}

export const fieldProblem = (path: string, key: ProjectMessageKey, params?: ProblemParams) => invalidInput([{ path, key, params }]);

export const projectTransitionMessages: TransitionMessages<ProjectStatus> = {
  invalidTransition: projectKey('invalid_transition'),
  status: (status) => projectKey(`status.${status}`),
};

/** 409: a step out of order, naming the current status (or why the step is not ready yet). */
export const invalidTransition = (current: ProjectStatus, why?: ProjectMessageKey): AppError => refusedStep(projectTransitionMessages, current, why && projectKey(why));

/** 409 `invalid_transition` for a record without a workflow status to name (an association already decided). */
export const refusedWithoutStatus = (why: ProjectMessageKey): AppError => new AppError('invalid_transition', [{ path: 'status', key: projectKey(why) }]);

export const idempotencyConflict = (key: string) => new AppError('idempotency_conflict', [{ path: 'idempotency_key', key: projectKey('idempotency_conflict'), params: { value: key } }]);

export const periodReported = (period: string) => new AppError('period_reported', [{ path: 'period', key: projectKey('period_reported'), params: { value: period } }]);
