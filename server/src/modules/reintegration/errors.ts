import { AppError, type ErrorCode, type ProblemParams } from '../../core/http/errors.js';
import { invalidTransition as refusedStep, type TransitionMessages } from '../../core/workflow/step.js';
import type { CaseStatus } from './domain/lifecycle.js';
import { reintegrationKey, type ReintegrationMessageKey } from './messages.js';

/** The module's refusals, as keys of its catalogue pinned to the field they concern (worded when the answer is written). */

export function problem(code: ErrorCode, path: string, key: ReintegrationMessageKey, params?: ProblemParams): AppError {
  return new AppError(code, [{ path, key: reintegrationKey(key), params }]);
}

/** 400: bad input, naming the field. */
export const invalidField = (path: string, key: ReintegrationMessageKey, params?: ProblemParams) => problem('validation_failed', path, key, params);

export const caseTransitionMessages: TransitionMessages<CaseStatus> = {
  invalidTransition: reintegrationKey('invalid_transition'),
  status: (status) => reintegrationKey(`status.${status}`),
};

/** 409: a step out of order, naming the case's current status (or why the step is not ready). */
export const invalidTransition = (current: CaseStatus, why?: ReintegrationMessageKey): AppError => refusedStep(caseTransitionMessages, current, why && reintegrationKey(why));
