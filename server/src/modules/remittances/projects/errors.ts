import { AppError } from '../../../core/http/errors.js';
import type { Locale } from '../../../core/i18n/locales.js';
import type { ProjectStatus } from './domain/lifecycle.js';
import type { Problem } from './domain/problems.js';
import { projectText, type ProjectMessageKey } from './messages.js';

/** The module's answers to bad input and refused steps, worded in the caller's language. */

export function invalidInput(locale: Locale, problems: readonly Problem<ProjectMessageKey>[]): AppError {
  return new AppError(
    'validation_failed',
    problems.map((p) => ({ path: p.path, key: 'field.invalid', text: projectText(locale, p.key, p.params) })),
  );
}

export const fieldProblem = (locale: Locale, path: string, key: ProjectMessageKey, params?: Record<string, string | number>) => invalidInput(locale, [{ path, key, params }]);

/** 409: a step out of order, naming the current status (or why the step is not ready yet). */
export function invalidTransition(locale: Locale, current: ProjectStatus, why?: ProjectMessageKey): AppError {
  const text = why ? projectText(locale, why) : projectText(locale, 'invalid_transition', { status: projectText(locale, `status.${current}`) });
  return new AppError('invalid_transition', [{ path: 'status', key: 'field.invalid', text }]);
}

export const idempotencyConflict = (locale: Locale, key: string) =>
  new AppError('idempotency_conflict', [{ path: 'idempotency_key', key: 'field.invalid', text: projectText(locale, 'idempotency_conflict', { value: key }) }]);

export const periodReported = (locale: Locale, period: string) =>
  new AppError('period_reported', [{ path: 'period', key: 'field.invalid', text: projectText(locale, 'period_reported', { value: period }) }]);
