import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../../core/access/actor.js';
import { appendAudit } from '../../../core/audit/store.js';
import { authorFields, type AppContext, type RequestMeta } from '../../../core/context.js';
import { rowsOf, type Executor, type Tx } from '../../../core/db/engine.js';
import { findOrgUnitByCode } from '../../../core/geo/store.js';
import { notFound } from '../../../core/http/errors.js';
import type { Locale } from '../../../core/i18n/locales.js';
import { isMember, standingOn } from './access.js';
import { linkAttachments } from './attachments.js';
import { mayTake, statusesFor, transition, type ProjectAction, type ProjectStatus, type StepOutcome } from './domain/lifecycle.js';
import { contributionProblems, replayOf } from './domain/ledger.js';
import { splitByShares, toCents } from './domain/money.js';
import { checkReport, closable } from './domain/progress.js';
import { budgetProblems, ruleFor, type ProjectType } from './domain/scheme.js';
import { sheetProblems } from './domain/scoring.js';
import { fieldProblem, idempotencyConflict, invalidInput, invalidTransition, periodReported } from './errors.js';
import { findScheme, type SchemeRow } from './schemes.js';
import { formatMoney } from './messages.js';
import type { Problem } from './domain/problems.js';
import { localName } from '../../../core/http/presenters.js';
import { rmAssociations, rmClosures, rmContributions, rmProgressReports, rmProjectEvents, rmProjectReferenceSeq, rmProjects, rmScoreSheets } from './schema.js';
import { commitmentsOf, findVisibleProject, presentProject, progressOf, type LocatedProject, type ProjectView } from './store.js';

/**
 * The steps of a co-funded project (docs/api.md). Every step runs in one transaction that locks the
 * project row, checks in this order who may take it (404 when the project is not theirs to act on), whether it is in
 * order (409), and the input against the domain rules (400); then writes the change, a history event and the audit
 * entry together.
 */

export interface ProposalInput {
  scheme_id: string;
  org_unit_code: string;
  project_type: ProjectType;
  title: string;
  description: string;
  budget: number;
  expected_beneficiaries: number;
  latitude?: number | null;
  longitude?: number | null;
  attachment_ids?: string[];
}

const who = (actor: Actor) => authorFields({ kind: 'user', actor });

/** Parameters of domain problems that are amounts of money. */
const MONEY_PARAMS: Partial<Record<Problem['key'], string>> = {
  budget_above_cap: 'max',
  contribution_beyond_commitment: 'remaining',
  spent_decreases: 'previous',
  spent_above_received: 'received',
};

/** A domain problem's amount in the caller's format with the scheme's currency, and a party by its name. */
function inWords(problem: Problem, scheme: SchemeRow, locale: Locale): Problem {
  const params = { ...problem.params };
  const money = MONEY_PARAMS[problem.key];
  if (money && typeof params[money] === 'number') params[money] = formatMoney(locale, params[money], scheme.currency);
  const party = scheme.parties.find((x) => x.key === params.party);
  if (party) params.party = localName({ nameEs: party.name_es, nameEn: party.name_en }, locale);
  return { ...problem, params };
}

export async function getProject(ctx: AppContext, actor: Actor, id: string, locale: Locale): Promise<ProjectView> {
  const r = await findVisibleProject(ctx.db, actor, id);
  if (!r) throw notFound();
  return presentProject(ctx.db, actor, r, locale);
}

/** Scheme, locality and budget of a proposal: 400 naming the field when they do not fit. */
async function checkProposal(db: Executor, input: ProposalInput, locale: Locale) {
  const scheme = await findScheme(db, input.scheme_id);
  if (!scheme) throw fieldProblem(locale, 'scheme_id', 'scheme_unknown');
  if (!scheme.active) throw fieldProblem(locale, 'scheme_id', 'scheme_retired');
  const unit = await findOrgUnitByCode(db, input.org_unit_code.trim().toUpperCase());
  if (!unit || unit.kind === 'world' || unit.kind === 'region') throw fieldProblem(locale, 'org_unit_code', 'unknown_org_unit', { value: input.org_unit_code });
  const problems = budgetProblems(scheme, input.project_type, input.budget).map((p) => inWords(p, scheme, locale));
  if (problems.length) throw invalidInput(locale, problems);
  return { scheme, unit };
}

const proposalColumns = (input: ProposalInput, orgUnitId: string) => ({
  schemeId: input.scheme_id,
  orgUnitId,
  projectType: input.project_type,
  title: input.title,
  description: input.description,
  budget: input.budget,
  expectedBeneficiaries: input.expected_beneficiaries,
  latitude: input.latitude ?? null,
  longitude: input.longitude ?? null,
});

async function recordStep(tx: Tx, actor: Actor, meta: RequestMeta, r: { id: string; orgUnitCode: string }, step: string, statusAfter: ProjectStatus, fields: string[], note: string | null = null) {
  await tx.insert(rmProjectEvents).values({ projectId: r.id, step, statusAfter, actorId: actor.userId, note });
  await appendAudit(tx, { ...who(actor), ...meta, action: `rm_project.${step}`, recordType: 'rm_project', recordId: r.id, orgUnitCode: r.orgUnitCode, changedFields: fields });
}

/** A member of a validated association proposes a project: it starts `submitted` with a new reference. */
export async function proposeProject(ctx: AppContext, actor: Actor, meta: RequestMeta, input: ProposalInput & { association_id: string }, locale: Locale) {
  // Another association's id is as absent as one that does not exist.
  if (!(await isMember(ctx.db, actor, input.association_id))) throw notFound();
  const [association] = await ctx.db.select({ status: rmAssociations.status }).from(rmAssociations).where(eq(rmAssociations.id, input.association_id));
  if (association?.status !== 'validated') throw fieldProblem(locale, 'association_id', 'association_not_validated');
  const { unit } = await checkProposal(ctx.db, input, locale);
  const id = await ctx.db.transaction(async (tx) => {
    const [{ n }] = rowsOf<{ n: string }>(await tx.execute(sql`SELECT nextval(${rmProjectReferenceSeq.seqName}::regclass)::text AS n`)) as [{ n: string }];
    const reference = `P-${new Date().getUTCFullYear()}-${String(n).padStart(4, '0')}`;
    const [row] = await tx
      .insert(rmProjects)
      .values({ ...proposalColumns(input, unit.id), reference, associationId: input.association_id, createdBy: actor.userId })
      .returning({ id: rmProjects.id });
    await linkAttachments(tx, actor, locale, input.attachment_ids ?? [], { projectId: row!.id }, 'project', { list: 'attachment_ids' });
    await recordStep(tx, actor, meta, { id: row!.id, orgUnitCode: unit.code }, 'submit', 'submitted', Object.keys(input));
    return row!.id;
  });
  return getProject(ctx, actor, id, locale);
}

interface StepResult {
  outcome: StepOutcome;
  fields: string[];
  /** Words a person wrote for this step (missing items, reasons, the agreement's number), shown as is in the history. */
  note?: string | null;
}

/**
 * Runs one step on a project: lock, who (404), order (409), then `apply` checks the input and writes; the status
 * change, the history event and the audit entry follow in the same transaction. `replay` may end the step early with
 * nothing written (a contribution sent again).
 */
async function runStep(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  action: ProjectAction,
  locale: Locale,
  apply: (tx: Tx, r: LocatedProject) => Promise<StepResult>,
  replay?: (tx: Tx, r: LocatedProject) => Promise<boolean>,
): Promise<{ project: ProjectView; replayed: boolean }> {
  const replayed = await ctx.db.transaction(async (tx) => {
    const r = await findVisibleProject(tx, actor, id, true);
    if (!r || !mayTake(action, standingOn(actor, r))) throw notFound();
    if (replay && (await replay(tx, r))) return true;
    const current = r.project.status;
    if (!statusesFor(action).includes(current)) throw invalidTransition(locale, current);
    const result = await apply(tx, r);
    const next = transition(current, result.outcome);
    if (!next.ok) throw invalidTransition(locale, next.current);
    await tx
      .update(rmProjects)
      .set({ status: next.status, updatedAt: new Date() })
      .where(eq(rmProjects.id, id));
    await recordStep(tx, actor, meta, { id, orgUnitCode: r.orgUnitCode }, action, next.status, result.fields, result.note ?? null);
    return false;
  });
  return { project: await getProject(ctx, actor, id, locale), replayed };
}

/** Changes a returned proposal; fields left out keep their value, and the whole proposal is checked again. */
export async function editProject(ctx: AppContext, actor: Actor, meta: RequestMeta, id: string, changes: Partial<ProposalInput>, locale: Locale) {
  const { project } = await runStep(ctx, actor, meta, id, 'edit', locale, async (tx, r) => {
    const p = r.project;
    const merged: ProposalInput = {
      scheme_id: changes.scheme_id ?? p.schemeId,
      org_unit_code: changes.org_unit_code ?? r.orgUnitCode,
      project_type: changes.project_type ?? p.projectType,
      title: changes.title ?? p.title,
      description: changes.description ?? p.description,
      budget: changes.budget ?? p.budget,
      expected_beneficiaries: changes.expected_beneficiaries ?? p.expectedBeneficiaries,
      latitude: changes.latitude !== undefined ? changes.latitude : p.latitude,
      longitude: changes.longitude !== undefined ? changes.longitude : p.longitude,
    };
    const { unit } = await checkProposal(tx, merged, locale);
    await tx.update(rmProjects).set(proposalColumns(merged, unit.id)).where(eq(rmProjects.id, p.id));
    if (changes.attachment_ids) await linkAttachments(tx, actor, locale, changes.attachment_ids, { projectId: p.id }, 'project', { list: 'attachment_ids' }, { replace: true });
    return { outcome: { action: 'edit' }, fields: Object.keys(changes) };
  });
  return project;
}

export async function resubmitProject(ctx: AppContext, actor: Actor, meta: RequestMeta, id: string, locale: Locale) {
  const { project } = await runStep(ctx, actor, meta, id, 'resubmit', locale, async () => ({ outcome: { action: 'resubmit' }, fields: ['status'] }));
  return project;
}

export async function checkProject(ctx: AppContext, actor: Actor, meta: RequestMeta, id: string, input: { complete: boolean; missing?: string[]; note?: string | null }, locale: Locale) {
  const missing = (input.missing ?? []).map((m) => m.trim()).filter(Boolean);
  const { project } = await runStep(ctx, actor, meta, id, 'check', locale, async (tx, r) => {
    if (!input.complete && missing.length === 0) throw fieldProblem(locale, 'missing', 'missing_required');
    await tx
      .update(rmProjects)
      .set({ checkComplete: input.complete, checkMissing: input.complete ? [] : missing, checkNote: input.note?.trim() || null, checkedBy: actor.userId, checkedAt: new Date() })
      .where(eq(rmProjects.id, r.project.id));
    return { outcome: { action: 'check', complete: input.complete }, fields: ['check_complete', 'check_missing', 'check_note'], note: input.complete ? input.note?.trim() || null : missing.join('; ') };
  });
  return project;
}

export async function scoreProject(ctx: AppContext, actor: Actor, meta: RequestMeta, id: string, input: { scores: { criterion: string; score: number; comment?: string | null }[] }, locale: Locale) {
  const { project } = await runStep(ctx, actor, meta, id, 'score', locale, async (tx, r) => {
    const problems = sheetProblems(r.scheme.criteria, input.scores);
    if (problems.length) throw invalidInput(locale, problems);
    const scores = input.scores.map((s) => ({ criterion: s.criterion, score: s.score, comment: s.comment?.trim() || null }));
    await tx
      .insert(rmScoreSheets)
      .values({ projectId: r.project.id, memberId: actor.userId, scores })
      .onConflictDoUpdate({ target: [rmScoreSheets.projectId, rmScoreSheets.memberId], set: { scores, at: new Date() } });
    return { outcome: { action: 'score' }, fields: ['scores'] };
  });
  return project;
}

export async function decideProject(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  id: string,
  input: { decision: 'approved' | 'rejected'; reasons: string; minutes: string; minutes_attachment_id?: string | null },
  locale: Locale,
) {
  const { project } = await runStep(ctx, actor, meta, id, 'decide', locale, async (tx, r) => {
    const [sheets] = await tx.select({ n: sql<number>`count(*)::int` }).from(rmScoreSheets).where(eq(rmScoreSheets.projectId, r.project.id));
    if (!sheets?.n) throw invalidTransition(locale, r.project.status, 'decision_needs_scores');
    const approved = input.decision === 'approved';
    // Approval fixes what each party owes: its share of the budget in cents, the remainder to the last party.
    const shares = ruleFor(r.scheme, r.project.projectType)?.shares ?? [];
    const commitments = approved ? splitByShares(toCents(r.project.budget), shares).map((c) => ({ party: c.party, share_pct: c.pct, committed: c.committed })) : [];
    if (input.minutes_attachment_id) await linkAttachments(tx, actor, locale, [input.minutes_attachment_id], { projectId: r.project.id }, 'minutes', { one: 'minutes_attachment_id' });
    await tx
      .update(rmProjects)
      .set({ decision: input.decision, decisionReasons: input.reasons, decisionMinutes: input.minutes, minutesAttachmentId: input.minutes_attachment_id ?? null, decidedBy: actor.userId, decidedAt: new Date(), commitments })
      .where(eq(rmProjects.id, r.project.id));
    return { outcome: { action: 'decide', approved }, fields: ['decision', 'reasons', 'minutes', ...(approved ? ['commitments'] : [])], note: input.reasons };
  });
  return project;
}

export async function signAgreement(ctx: AppContext, actor: Actor, meta: RequestMeta, id: string, input: { agreement_number: string; signed_on: string; attachment_id?: string | null }, locale: Locale) {
  const { project } = await runStep(ctx, actor, meta, id, 'sign', locale, async (tx, r) => {
    if (input.attachment_id) await linkAttachments(tx, actor, locale, [input.attachment_id], { projectId: r.project.id }, 'agreement', { one: 'attachment_id' });
    await tx
      .update(rmProjects)
      .set({ agreementNumber: input.agreement_number, agreementSignedOn: input.signed_on, agreementAttachmentId: input.attachment_id ?? null, agreementBy: actor.userId })
      .where(eq(rmProjects.id, r.project.id));
    return { outcome: { action: 'sign' }, fields: ['agreement_number', 'signed_on', ...(input.attachment_id ? ['attachment_id'] : [])], note: input.agreement_number };
  });
  return project;
}

export interface ContributionInput {
  party: string;
  amount: number;
  received_on: string;
  reference: string;
  idempotency_key: string;
}

/** Records money a party paid in. The same idempotency key with the same content is answered without writing. */
export async function recordContribution(ctx: AppContext, actor: Actor, meta: RequestMeta, id: string, input: ContributionInput, locale: Locale) {
  const content = { party: input.party, amount: toCents(input.amount), received_on: input.received_on, reference: input.reference };
  return runStep(
    ctx,
    actor,
    meta,
    id,
    'contribute',
    locale,
    async (tx, r) => {
      const problems = contributionProblems(await commitmentsOf(tx, r.project), content);
      if (problems.length) throw invalidInput(locale, problems.map((p) => inWords(p, r.scheme, locale)));
      await tx.insert(rmContributions).values({
        projectId: r.project.id,
        party: input.party,
        amount: input.amount,
        receivedOn: input.received_on,
        reference: input.reference,
        idempotencyKey: input.idempotency_key,
        recordedBy: actor.userId,
      });
      return { outcome: { action: 'contribute' }, fields: ['party', 'amount', 'received_on', 'reference'] };
    },
    async (tx, r) => {
      const [existing] = await tx
        .select()
        .from(rmContributions)
        .where(and(eq(rmContributions.projectId, r.project.id), eq(rmContributions.idempotencyKey, input.idempotency_key)));
      if (!existing) return false;
      const before = { party: existing.party, amount: toCents(existing.amount), received_on: existing.receivedOn, reference: existing.reference };
      if (replayOf(before, content) === 'conflict') throw idempotencyConflict(locale, input.idempotency_key);
      return true;
    },
  );
}

export interface ProgressInput {
  period: string;
  physical_pct: number;
  spent: number;
  narrative: string;
  photo_ids?: string[];
}

/** A quarterly report, by an officer or by a member of the association. */
export async function reportProgress(ctx: AppContext, actor: Actor, meta: RequestMeta, id: string, input: ProgressInput, locale: Locale) {
  const { project } = await runStep(ctx, actor, meta, id, 'report', locale, async (tx, r) => {
    const earlier = (await progressOf(tx, r.project.id)).map((x) => ({ period: x.period, physical_pct: x.physicalPct, spent: toCents(x.spent) }));
    const received = (await commitmentsOf(tx, r.project)).reduce((sum, c) => sum + c.received, 0);
    const check = checkReport(earlier, { period: input.period, physical_pct: input.physical_pct, spent: toCents(input.spent) }, received, new Date());
    if (!check.ok && check.alreadyReported) throw periodReported(locale, input.period);
    if (!check.ok) throw invalidInput(locale, check.problems.map((p) => inWords(p, r.scheme, locale)));
    const photoIds = input.photo_ids ?? [];
    await linkAttachments(tx, actor, locale, photoIds, { projectId: r.project.id }, 'progress', { list: 'photo_ids' });
    await tx.insert(rmProgressReports).values({ projectId: r.project.id, period: input.period, physicalPct: input.physical_pct, spent: input.spent, narrative: input.narrative, photoIds, reportedBy: actor.userId });
    return { outcome: { action: 'report' }, fields: Object.keys(input) };
  });
  return project;
}

export async function closeProject(ctx: AppContext, actor: Actor, meta: RequestMeta, id: string, input: { beneficiaries: number; jobs_created: number; outcome: string; photo_ids?: string[] }, locale: Locale) {
  const { project } = await runStep(ctx, actor, meta, id, 'close', locale, async (tx, r) => {
    const reports = (await progressOf(tx, r.project.id)).map((x) => ({ period: x.period, physical_pct: x.physicalPct, spent: toCents(x.spent) }));
    if (!closable(reports)) throw invalidTransition(locale, r.project.status, 'close_needs_full_progress');
    const photoIds = input.photo_ids ?? [];
    await linkAttachments(tx, actor, locale, photoIds, { projectId: r.project.id }, 'closure', { list: 'photo_ids' });
    await tx.insert(rmClosures).values({ projectId: r.project.id, beneficiaries: input.beneficiaries, jobsCreated: input.jobs_created, outcome: input.outcome, photoIds, closedBy: actor.userId });
    return { outcome: { action: 'close' }, fields: Object.keys(input) };
  });
  return project;
}
