import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { appendAudit, recordAudit } from '../../core/audit/store.js';
import { authorFields, type AppContext, type Author, type RequestContext, type RequestMeta } from '../../core/context.js';
import type { Executor } from '../../core/db/engine.js';
import { AppError, notFound, type FieldProblem } from '../../core/http/errors.js';
import { itemsOf, parseInstrument, type InstrumentDefinition, type InstrumentProblem, type InstrumentRule, type LocalisedText } from './domain/instrument.js';
import { occasionRefusal, scoreAnswers, scoreChange, type AnswerProblem } from './domain/scoring.js';
import { today, type ScoreInput, type ScoreRow } from './api.js';
import { readCase } from './cases.js';
import { withCase } from './workflow.js';
import { invalidField, invalidTransition, problem } from './errors.js';
import { reintegrationKey } from './messages.js';
import { rnFollowUps, rnInstruments, rnScores } from './schema.js';
import type { CaseRow } from './store.js';
import bundledFile from './instruments/mide-sustainability-1.json' with { type: 'json' };

/**
 * Sustainability scores: the survey instruments (versions loaded from files, one active) and the scores taken on a
 * case with the active one. A score is a case action (`score` in the state machine), so it runs through `withCase`
 * like every other piece of work: the case locked in the capture scope, a history event and an audit entry.
 */

// --- Instruments ---

/** mide's own default instrument, shipped with the code (checked when first used: a broken file stops the start). */
export function bundledInstrument(): InstrumentDefinition {
  const parsed = parseInstrument(bundledFile);
  if (!parsed.ok) throw new Error(`instruments/mide-sustainability-1.json: ${parsed.problems.map((p) => `${p.path}: ${p.issue.message}`).join('; ')}`);
  return parsed.definition;
}

/** Loads and activations are serialised, so "exactly one active" never races. */
const lockInstruments = (tx: Executor) => tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('rn_instruments'))`);

/** Seeds the bundled instrument if that version is not there yet; it becomes active only when none is. */
export async function seedInstrument(tx: Executor): Promise<void> {
  const def = bundledInstrument();
  await lockInstruments(tx);
  const [existing] = await tx.select({ id: rnInstruments.id }).from(rnInstruments).where(and(eq(rnInstruments.code, def.code), eq(rnInstruments.version, def.version)));
  if (existing) return;
  const [active] = await tx.select({ id: rnInstruments.id }).from(rnInstruments).where(eq(rnInstruments.active, true));
  await tx.insert(rnInstruments).values({ code: def.code, version: def.version, definition: def, active: !active });
}

export async function listInstruments(ctx: AppContext) {
  return ctx.db.select().from(rnInstruments).orderBy(asc(rnInstruments.code), desc(rnInstruments.loadedAt));
}

export async function getInstrument(ctx: AppContext, id: string) {
  const [row] = await ctx.db.select().from(rnInstruments).where(eq(rnInstruments.id, id));
  if (!row) throw notFound();
  return row;
}

async function activeInstrumentRow(db: Executor) {
  const [row] = await db.select().from(rnInstruments).where(eq(rnInstruments.active, true));
  return row;
}

export async function getActiveInstrument(ctx: AppContext) {
  const row = await activeInstrumentRow(ctx.db);
  if (!row) throw notFound();
  return row;
}

/** Zod's issue about a definition, as a message key at its JSON path. */
function definitionProblems({ path, issue }: InstrumentProblem): FieldProblem[] {
  const at = path || 'body';
  switch (issue.code) {
    case 'custom': {
      const { rule, value } = issue.params as { rule: InstrumentRule; value: string };
      return [{ path: at, key: reintegrationKey(rule), params: { value } }];
    }
    case 'unrecognized_keys':
      return issue.keys.map((name) => ({ path: path ? `${path}.${name}` : name, key: 'field.unknown_field', params: { name } }));
    case 'invalid_type':
      return [/received undefined/.test(issue.message) ? { path: at, key: 'field.required' } : { path: at, key: 'field.invalid_type', params: { expected: issue.expected } }];
    case 'too_small':
      return [issue.origin === 'string' ? { path: at, key: 'field.required' } : { path: at, key: 'field.too_small', params: { min: Number(issue.minimum) } }];
    case 'too_big':
      return [issue.origin === 'string' ? { path: at, key: 'field.too_long', params: { max: Number(issue.maximum) } } : { path: at, key: 'field.too_big', params: { max: Number(issue.maximum) } }];
    case 'invalid_format':
      return [{ path: at, key: 'field.invalid_format' }];
    case 'invalid_value':
      return [{ path: at, key: 'field.invalid_value', params: { options: issue.values.map(String).join(', ') } }];
    default:
      return [{ path: at, key: 'field.invalid' }];
  }
}

/** Loads a new version from its file (through the page and API, or `mide reintegration instrument`); it becomes the active one. */
export async function loadInstrument(ctx: AppContext, author: Author, meta: RequestMeta, body: unknown) {
  const parsed = parseInstrument(body);
  if (!parsed.ok) throw new AppError('validation_failed', parsed.problems.flatMap((p) => definitionProblems(p)));
  const def = parsed.definition;
  const row = await ctx.db.transaction(async (tx) => {
    await lockInstruments(tx);
    const [existing] = await tx.select({ id: rnInstruments.id }).from(rnInstruments).where(and(eq(rnInstruments.code, def.code), eq(rnInstruments.version, def.version)));
    if (existing) throw problem('conflict', 'version', 'instrument_exists', { code: def.code, version: def.version });
    await tx.update(rnInstruments).set({ active: false }).where(eq(rnInstruments.active, true));
    const loadedBy = author.kind === 'user' ? author.actor.userId : null;
    const [created] = await tx.insert(rnInstruments).values({ code: def.code, version: def.version, definition: def, active: true, loadedBy }).returning();
    await appendAudit(tx, {
      ...authorFields(author),
      ...meta,
      action: 'reintegration.instrument_load',
      recordType: 'rn_instrument',
      recordId: created!.id,
      changedFields: [`${def.code}@${def.version}`, `items:${itemsOf(def).length}`],
    });
    return created!;
  });
  return row;
}

export async function activateInstrument(ctx: RequestContext, id: string) {
  const row = await ctx.db.transaction(async (tx) => {
    await lockInstruments(tx);
    const [target] = await tx.select().from(rnInstruments).where(eq(rnInstruments.id, id));
    if (!target) throw notFound();
    await tx.update(rnInstruments).set({ active: false }).where(eq(rnInstruments.active, true));
    const [activated] = await tx.update(rnInstruments).set({ active: true }).where(eq(rnInstruments.id, id)).returning();
    await appendAudit(tx, { ...authorFields({ kind: 'user', actor: ctx.actor }), ...ctx.meta, action: 'reintegration.instrument_activate', recordType: 'rn_instrument', recordId: id, changedFields: [`${target.code}@${target.version}`] });
    return activated!;
  });
  return row;
}

// --- Scores of a case ---

/** Scores with the name and threshold of their instrument, oldest first. */
function selectScores(db: Executor) {
  return db
    .select({
      score: rnScores,
      instrument: {
        id: rnInstruments.id,
        code: rnInstruments.code,
        version: rnInstruments.version,
        name: sql<LocalisedText>`${rnInstruments.definition} -> 'name'`,
        threshold: sql<number>`(${rnInstruments.definition} ->> 'threshold')::float8`,
      },
    })
    .from(rnScores)
    .innerJoin(rnInstruments, eq(rnInstruments.id, rnScores.instrumentId));
}

export async function listScores(ctx: RequestContext, caseId: string) {
  const row = await readCase(ctx, caseId);
  await recordAudit(ctx.db, { ...authorFields({ kind: 'user', actor: ctx.actor }), ...ctx.meta, action: 'reintegration.scores_read', recordType: 'rn_case', recordId: caseId, orgUnitCode: row.orgUnitCode });
  const rows: ScoreRow[] = await selectScores(ctx.db).where(eq(rnScores.caseId, caseId)).orderBy(asc(rnScores.takenOn), asc(rnScores.createdAt));
  const change = scoreChange(rows.map(({ score: s }) => ({ instrumentId: s.instrumentId, takenOn: s.takenOn, economic: s.economic, social: s.social, psychosocial: s.psychosocial, composite: s.composite })));
  return { rows, change };
}

/** What the occasion rules need to know about the case and the named follow-up (400 when it is not the case's). */
async function occasionContext(tx: Executor, c: CaseRow, followUpId: string | undefined) {
  const [planScore] = await tx.select({ id: rnScores.id }).from(rnScores).where(and(eq(rnScores.caseId, c.id), eq(rnScores.occasion, 'plan'))).limit(1);
  if (!followUpId) return { status: c.status, hasPlanScore: !!planScore };
  const [followUp] = await tx.select({ doneOn: rnFollowUps.doneOn }).from(rnFollowUps).where(and(eq(rnFollowUps.id, followUpId), eq(rnFollowUps.caseId, c.id)));
  if (!followUp) throw invalidField('follow_up_id', 'unknown_follow_up');
  const [scored] = await tx.select({ id: rnScores.id }).from(rnScores).where(eq(rnScores.followUpId, followUpId)).limit(1);
  return { status: c.status, hasPlanScore: !!planScore, followUp: { recorded: followUp.doneOn !== null, scored: !!scored } };
}

function answersError(def: InstrumentDefinition, answers: Record<string, string>, problems: AnswerProblem[]): AppError {
  const options = new Map(itemsOf(def).map((item) => [item.code, item.options.map((o) => o.code).join(', ')]));
  return new AppError(
    'validation_failed',
    problems.map(({ item, why }): FieldProblem => ({
      path: `answers.${item}`,
      ...(why === 'missing'
        ? { key: reintegrationKey('answer_missing') }
        : why === 'unknown_item'
          ? { key: reintegrationKey('answer_unknown_item'), params: { value: item } }
          : { key: reintegrationKey('answer_unknown_option'), params: { value: answers[item] ?? '', options: options.get(item) ?? '' } }),
    })),
  );
}

/** Takes a score with the active instrument: checks the occasion, scores the answers, keeps both. */
export async function recordScore(ctx: RequestContext, caseId: string, input: ScoreInput): Promise<ScoreRow> {
  if (input.occasion === 'follow_up' && !input.follow_up_id) throw invalidField('follow_up_id', 'follow_up_required');
  if (input.occasion === 'plan' && input.follow_up_id) throw invalidField('follow_up_id', 'follow_up_not_for_plan');
  if (input.taken_on > today()) throw invalidField('taken_on', 'date_in_future');
  const scoreId = await withCase(ctx, caseId, 'score', async (tx, row) => {
    const refusal = occasionRefusal(input.occasion, await occasionContext(tx, row.case, input.follow_up_id));
    if (refusal) throw invalidTransition(row.case.status, refusal);
    if (input.taken_on < row.case.arrivalDate) throw invalidField('taken_on', 'date_before_arrival', { value: row.case.arrivalDate });
    const instrument = await activeInstrumentRow(tx);
    if (!instrument) throw invalidTransition(row.case.status, 'no_active_instrument');
    const scored = scoreAnswers(instrument.definition, input.answers);
    if (!scored.ok) throw answersError(instrument.definition, input.answers, scored.problems);
    const { scores } = scored;
    const [created] = await tx
      .insert(rnScores)
      .values({ caseId, instrumentId: instrument.id, occasion: input.occasion, followUpId: input.follow_up_id ?? null, takenOn: input.taken_on, answers: input.answers, ...scores, recordedBy: ctx.actor.userId })
      .returning({ id: rnScores.id });
    return {
      result: created!.id,
      detail: { occasion: input.occasion, instrument: `${instrument.code}@${instrument.version}`, composite: scores.composite, score_id: created!.id },
      changedFields: [`score:${input.occasion}`],
    };
  });
  const [row] = await selectScores(ctx.db).where(eq(rnScores.id, scoreId));
  return row!;
}
