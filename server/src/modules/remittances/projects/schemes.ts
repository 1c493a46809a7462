import { asc, eq } from 'drizzle-orm';
import { appendAudit } from '../../../core/audit/store.js';
import { authorFields, type AppContext, type Author, type RequestContext, type RequestMeta } from '../../../core/context.js';
import type { Executor } from '../../../core/db/engine.js';
import { notFound } from '../../../core/http/errors.js';
import { isoDate } from '../../../core/http/presenters.js';
import { schemeProblems, type SchemeCriterion, type SchemeParty, type SchemeRule } from './domain/scheme.js';
import { fieldProblem, invalidInput } from './errors.js';
import { rmSchemes } from './schema.js';

/** Funding schemes: public reads (the criteria are published), definitions by `schemes.manage`. */

export type SchemeRow = typeof rmSchemes.$inferSelect;

export interface SchemeInput {
  code: string;
  name: string;
  currency: string;
  parties: SchemeParty[];
  rules: SchemeRule[];
  criteria: SchemeCriterion[];
  min_score: number;
}

export const presentScheme = (s: SchemeRow) => ({
  id: s.id,
  code: s.code,
  name: s.name,
  currency: s.currency,
  parties: s.parties,
  rules: s.rules,
  criteria: s.criteria,
  min_score: s.minScore,
  active: s.active,
  created_at: isoDate(s.createdAt)!,
});

export const listSchemes = (db: Executor) => db.select().from(rmSchemes).orderBy(asc(rmSchemes.createdAt), asc(rmSchemes.code));

export async function findScheme(db: Executor, id: string): Promise<SchemeRow | undefined> {
  const [row] = await db.select().from(rmSchemes).where(eq(rmSchemes.id, id)).limit(1);
  return row;
}

export async function getScheme(db: Executor, id: string): Promise<SchemeRow> {
  const row = await findScheme(db, id);
  if (!row) throw notFound();
  return row;
}

/** Stores a scheme whose rules hold (shares sum to 100 %, keys known and unique, caps and weights positive). */
export async function createScheme(ctx: RequestContext, input: SchemeInput): Promise<SchemeRow> {
  const row = await storeScheme(ctx, { kind: 'user', actor: ctx.actor }, ctx.meta, input);
  if (!row) throw fieldProblem('code', 'scheme_code_exists', { value: input.code });
  return row;
}

/** As createScheme, but a scheme with the same code already there is not an error: the answer is null. */
export async function storeScheme(ctx: AppContext, author: Author, meta: RequestMeta, input: SchemeInput): Promise<SchemeRow | null> {
  const problems = schemeProblems(input);
  if (problems.length) throw invalidInput(problems);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(rmSchemes)
      .values({
        code: input.code,
        name: input.name,
        currency: input.currency,
        parties: input.parties,
        rules: input.rules,
        criteria: input.criteria,
        minScore: input.min_score,
        createdBy: author.kind === 'user' ? author.actor.userId : null,
      })
      .onConflictDoNothing({ target: rmSchemes.code })
      .returning();
    if (!row) return null;
    await appendAudit(tx, { ...authorFields(author), ...meta, action: 'rm_scheme.create', recordType: 'rm_scheme', recordId: row.id, changedFields: Object.keys(input) });
    return row;
  });
}

/** A retired scheme keeps its projects but takes no new ones. */
export async function retireScheme(ctx: RequestContext, id: string): Promise<SchemeRow> {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.update(rmSchemes).set({ active: false }).where(eq(rmSchemes.id, id)).returning();
    if (!row) throw notFound();
    await appendAudit(tx, { ...authorFields({ kind: 'user', actor: ctx.actor }), ...ctx.meta, action: 'rm_scheme.retire', recordType: 'rm_scheme', recordId: id, changedFields: ['active'] });
    return row;
  });
}
