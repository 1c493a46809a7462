import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { translate, type MessageKey } from '../i18n/messages.js';
import type { Locale } from '../i18n/locales.js';
import './types.js';

/** The core's error codes. Modules add their own reasons (`registerErrorReasons`), each with its status. */
export type CoreErrorCode =
  | 'validation_failed'
  | 'malformed_json'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'unauthenticated'
  | 'mfa_required'
  | 'forbidden'
  | 'csrf_failed'
  | 'not_found'
  | 'conflict'
  | 'invalid_transition'
  | 'too_many_attempts'
  | 'invalid_credentials'
  | 'invalid_code'
  | 'internal';

export type ErrorCode = CoreErrorCode | (string & {});

const STATUS: Record<CoreErrorCode, number> = {
  validation_failed: 400,
  malformed_json: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unauthenticated: 401,
  mfa_required: 401,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  conflict: 409,
  invalid_transition: 409,
  too_many_attempts: 429,
  invalid_credentials: 401,
  invalid_code: 401,
  internal: 500,
};

/** A module's own error code: its HTTP status; its message is the key `<module>.error.<code>` of its catalogue. */
const moduleReasons = new Map<string, { status: number; messageKey: string }>();

/** Called once per module by the composition root with the manifest's `errorReasons`. */
export function registerErrorReasons(namespace: string, reasons: Readonly<Record<string, number>>): void {
  for (const [code, status] of Object.entries(reasons)) {
    const known = moduleReasons.get(code);
    if (code in STATUS || (known && known.messageKey !== `${namespace}.error.${code}`)) {
      throw new Error(`Error code "${code}" of module "${namespace}" is already taken.`);
    }
    moduleReasons.set(code, { status, messageKey: `${namespace}.error.${code}` });
  }
}

function statusOf(code: ErrorCode): number {
  return STATUS[code as CoreErrorCode] ?? moduleReasons.get(code)?.status ?? 500;
}

function messageKeyOf(code: ErrorCode): string {
  return code in STATUS ? `error.${code}` : (moduleReasons.get(code)?.messageKey ?? 'error.internal');
}

/**
 * A message to translate later, in the language of whoever reads the answer: a core key (`field.required`) or a
 * module's (`reintegration.no_consent`). Errors carry keys, never words.
 */
export interface FieldProblem {
  path: string;
  key: MessageKey | (string & {});
  params?: Record<string, string | number>;
  /** @deprecated Already translated text: being replaced by module keys (issue 13); do not add new uses. */
  text?: string;
}

/** The one error type routes and domain functions throw; the error handler turns it into the API's error shape. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly fields: FieldProblem[] = [],
  ) {
    super(code);
    this.status = statusOf(code);
  }
}

export const notFound = () => new AppError('not_found');
export const forbidden = () => new AppError('forbidden');
export const fieldError = (path: string, key: FieldProblem['key'], params?: Record<string, string | number>) =>
  new AppError('validation_failed', [{ path, key, params }]);

export interface ErrorBody {
  error: { code: ErrorCode; message: string; fields: { path: string; message: string }[] };
  requestId: string;
}

interface ZodIssueLike {
  keyword: string;
  instancePath: string;
  message: string;
  params: Record<string, unknown>;
}

/** Maps one zod issue (as fastify-type-provider-zod reports it) to a translatable message. */
function zodIssueToProblems(issue: ZodIssueLike, context: string): FieldProblem[] {
  const base = issue.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const path = base || context;
  const p = issue.params;
  switch (issue.keyword) {
    case 'unrecognized_keys':
      return ((p.keys as string[]) ?? []).map((name) => ({
        path: base ? `${base}.${name}` : name,
        key: 'field.unknown_field' as const,
        params: { name },
      }));
    case 'invalid_type':
      return [
        p.input === undefined && /received undefined/.test(issue.message)
          ? { path, key: 'field.required' }
          : { path, key: 'field.invalid_type', params: { expected: String(p.expected ?? '') } },
      ];
    case 'too_small':
      return [
        p.origin === 'string'
          ? Number(p.minimum) <= 1
            ? { path, key: 'field.required' }
            : { path, key: 'field.too_short', params: { min: Number(p.minimum) } }
          : { path, key: 'field.too_small', params: { min: Number(p.minimum) } },
      ];
    case 'too_big':
      return [
        p.origin === 'string'
          ? { path, key: 'field.too_long', params: { max: Number(p.maximum) } }
          : { path, key: 'field.too_big', params: { max: Number(p.maximum) } },
      ];
    case 'invalid_format':
      if (p.format === 'email') return [{ path, key: 'field.invalid_email' }];
      if (p.format === 'date') return [{ path, key: 'field.invalid_date' }];
      return [{ path, key: 'field.invalid_format' }];
    case 'invalid_value':
      return [{ path, key: 'field.invalid_value', params: { options: ((p.values as unknown[]) ?? []).join(', ') } }];
    default:
      return [{ path, key: 'field.invalid' }];
  }
}

export function toErrorBody(error: AppError, locale: Locale, requestId: string): ErrorBody {
  return {
    error: {
      code: error.code,
      message: translate(locale, messageKeyOf(error.code)),
      fields: error.fields.map((f) => ({ path: f.path, message: f.text ?? translate(locale, f.key, f.params) })),
    },
    requestId,
  };
}

/** Turns anything thrown into an AppError; unknown errors become `internal` (and are logged by the caller). */
export function normaliseError(error: FastifyError | Error): AppError {
  if (error instanceof AppError) return error;
  const e = error as FastifyError;
  if (hasZodFastifySchemaValidationErrors(e)) {
    const problems = (e.validation as unknown as ZodIssueLike[]).flatMap((issue) =>
      zodIssueToProblems(issue, e.validationContext ?? 'body'),
    );
    return new AppError('validation_failed', problems);
  }
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || e.statusCode === 413) return new AppError('payload_too_large');
  if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || e.statusCode === 415) return new AppError('unsupported_media_type');
  if (e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || (e instanceof SyntaxError && e.statusCode === 400)) {
    return new AppError('malformed_json');
  }
  if (e.code === 'FST_ERR_CTP_INVALID_JSON_BODY') return new AppError('malformed_json');
  if (e.statusCode === 429) return new AppError('too_many_attempts');
  // PostgreSQL "data exception" (SQLSTATE class 22: NUL in text, value out of range, bad encoding...) is bad input.
  if (typeof e.code === 'string' && /^22[0-9A-Z]{3}$/.test(e.code)) return new AppError('validation_failed');
  if (e.statusCode === 404) return new AppError('not_found');
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) return new AppError('validation_failed');
  return new AppError('internal');
}

export function sendError(reply: FastifyReply, request: FastifyRequest, error: AppError): FastifyReply {
  return reply.status(error.status).type('application/json').send(toErrorBody(error, request.locale, request.id));
}
