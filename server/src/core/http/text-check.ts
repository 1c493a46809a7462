import type { FastifyInstance } from 'fastify';
import { AppError, type FieldProblem } from './errors.js';

/**
 * Text the database cannot store faithfully, refused in one place for every route before any handler or query
 * sees it. PostgreSQL refuses U+0000 in `text` and in `jsonb` (a 500 on every route that wrote or searched with
 * it); a lone UTF-16 surrogate cannot be encoded as UTF-8 and would be silently replaced by U+FFFD on the way
 * to the database (the stored value would differ from the one sent). Other characters (RTL marks, combining
 * marks, emoji, U+FFFF, U+2028) are valid text and pass.
 */
export type TextProblem = 'field.nul_character' | 'field.unpaired_surrogate';

function problemOf(text: string): TextProblem | null {
  if (text.includes('\u0000')) return 'field.nul_character';
  // With the u flag a surrogate pair is one code point, so only a lone half matches.
  if (/[\uD800-\uDFFF]/u.test(text)) return 'field.unpaired_surrogate';
  return null;
}

/** Most problems reported in one answer: a hostile body may hold millions of bad strings. */
const MAX_PROBLEMS = 20;

/**
 * Walks a parsed body, query or params (iteratively: a body may nest 10,000 levels deep) and returns the fields
 * whose value or name holds such text, as dotted paths like the schema errors (`items.0.name`). `root` names the
 * part for a bad value at the top (`body` for a bare string body).
 */
export function findUnstorableText(value: unknown, root: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const stack: { value: unknown; path: string }[] = [{ value, path: '' }];
  while (stack.length > 0 && problems.length < MAX_PROBLEMS) {
    const { value: v, path } = stack.pop() as { value: unknown; path: string };
    if (typeof v === 'string') {
      const key = problemOf(v);
      if (key) problems.push({ path: path || root, key });
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], path: path ? `${path}.${i}` : String(i) });
    } else if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v as Record<string, unknown>);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [name, child] = entries[i] as [string, unknown];
        const childPath = path ? `${path}.${name}` : name;
        const key = problemOf(name);
        // A bad field name is reported with the name made printable, never echoed raw.
        if (key) problems.push({ path: path ? `${path}.${printable(name)}` : printable(name), key });
        else stack.push({ value: child, path: childPath });
      }
    }
  }
  return problems;
}

function printable(name: string): string {
  return name.replaceAll('\u0000', '\\u0000').replace(/[\uD800-\uDFFF]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Registers the check as a preValidation hook: after the access checks of onRequest (someone without access learns
 * nothing) and after the body is parsed, before the schema validates it, so public routes (sign-in) are covered
 * too and the answer is the usual 400 with the field, in the request language.
 */
export function registerTextCheck(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    const problems = [
      ...findUnstorableText(request.params, 'params'),
      ...findUnstorableText(request.query, 'query'),
      ...findUnstorableText(request.body, 'body'),
    ];
    if (problems.length > 0) throw new AppError('validation_failed', problems.slice(0, MAX_PROBLEMS));
  });
}
