import { AppError, type ErrorCode } from '../../core/http/errors.js';
import type { Locale } from '../../core/i18n/locales.js';
import type { CaseStatus } from './domain/lifecycle.js';
import { reintegrationText, type ReintegrationMessageKey } from './messages.js';

/** The module's refusals, worded in the caller's language and pinned to the field they concern. */

export function problem(code: ErrorCode, locale: Locale, path: string, key: ReintegrationMessageKey, params?: Record<string, string | number>): AppError {
  return new AppError(code, [{ path, key: 'field.invalid', text: reintegrationText(locale, key, params) }]);
}

/** 400: bad input, naming the field. */
export const invalidField = (locale: Locale, path: string, key: ReintegrationMessageKey, params?: Record<string, string | number>) => problem('validation_failed', locale, path, key, params);

/** 409: a step out of order, naming the case's current status (or why the step is not ready). */
export function invalidTransition(locale: Locale, current: CaseStatus, why?: ReintegrationMessageKey): AppError {
  const text = why ? reintegrationText(locale, why) : reintegrationText(locale, 'invalid_transition', { status: reintegrationText(locale, `status.${current}`) });
  return new AppError('invalid_transition', [{ path: 'status', key: 'field.invalid', text }]);
}
