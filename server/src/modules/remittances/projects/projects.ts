import { and, eq, sql } from 'drizzle-orm';
import type { RequestContext } from '../../../core/context.js';
import type { Executor } from '../../../core/db/engine.js';
import { findOrgUnitByCode } from '../../../core/geo/store.js';
import { notFound, type ProblemParams } from '../../../core/http/errors.js';
import { localName } from '../../../core/http/presenters.js';
import { formatReference, nextReferenceNumber } from '../../../core/workflow/references.js';
import { recordHistory } from '../../../core/workflow/step.js';
import { isMember } from './access.js';
import { linkAttachments } from './attachments.js';
import type { ProjectType } from './domain/scheme.js';
import { contributionProblems, replayOf } from './domain/ledger.js';
import { splitByShares, toCents } from './domain/money.js';
import { checkReport, closable } from './domain/progress.js';
import { budgetProblems, ruleFor } from './domain/scheme.js';
import { sheetProblems } from './domain/scoring.js';
import type { Problem } from './domain/problems.js';
import { fieldProblem, idempotencyConflict, invalidInput, invalidTransition, periodReported, type ProjectProblem } from './errors.js';
import { formatMoney } from './messages.js';
import { findScheme, type SchemeRow } from './schemes.js';
import { rmAssociations, rmClosures, rmContributions, rmProgressReports, rmProjects, rmScoreSheets } from './schema.js';
import { commitmentsOf, findVisibleProject, loadProject, progressOf, type ProjectFile } from './store.js';
import { projectWorkflow, statusAfter, withProject } from './workflow.js';

/**
 * The steps of a co-funded project (docs/api.md). Each takes one request context and no language: refusals carry
 * message keys, and the routes present the answers. Every step is a step of the core's workflow (`workflow.ts`): one
 * transaction that locks the project row, checks in this order who may take it (404 when the project is not theirs
 * to act on), whether it is in order (409), and the input against the domain rules (400); then writes the change,
 * a history event and the audit entry together.
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

/** Parameters of domain problems that are amounts of money. */
const MONEY_PARAMS: Partial<Record<Problem['key'], string>> = {
  budget_above_cap: 'max',
  contribution_beyond_commitment: 'remaining',
  spent_decreases: 'previous',
  spent_above_received: 'received',
};

/**
 * A domain problem whose amounts and party are worded when the answer is written: the amount in the reader's format
 * with the scheme's currency, the party by its name in the reader's language.
 */
function inWords(problem: Problem, scheme: SchemeRow): ProjectProblem {
  const params: Record<string, ProblemParams[string]> = { ...problem.params };
  const money = MONEY_PARAMS[problem.key];
  const amount = money ? problem.params?.[money] : undefined;
  if (money && typeof amount === 'number') params[money] = (locale) => formatMoney(locale, amount, scheme.currency);
  const party = scheme.parties.find((x) => x.key === problem.params?.party);
  if (party) params.party = (locale) => localName({ nameEs: party.name_es, nameEn: party.name_en }, locale);
  return { ...problem, params };
}

export async function getProject(ctx: RequestContext, id: string): Promise<ProjectFile> {
  const r = await findVisibleProject(ctx.db, ctx.actor, id);
  if (!r) throw notFound();
  return loadProject(ctx.db, ctx.actor, r);
}

/** Scheme, locality and budget of a proposal: 400 naming the field when they do not fit. */
async function checkProposal(db: Executor, input: ProposalInput) {
  const scheme = await findScheme(db, input.scheme_id);
  if (!scheme) throw fieldProblem('scheme_id', 'scheme_unknown');
  if (!scheme.active) throw fieldProblem('scheme_id', 'scheme_retired');
  const unit = await findOrgUnitByCode(db, input.org_unit_code.trim().toUpperCase());
  if (!unit || unit.kind === 'world' || unit.kind === 'region') throw fieldProblem('org_unit_code', 'unknown_org_unit', { value: input.org_unit_code });
  const problems = budgetProblems(scheme, input.project_type, input.budget).map((p) => inWords(p, scheme));
  if (problems.length) throw invalidInput(problems);
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

/** A member of a validated association proposes a project: it starts `submitted` with a new reference. */
export async function proposeProject(ctx: RequestContext, input: ProposalInput & { association_id: string }) {
  // Another association's id is as absent as one that does not exist.
  if (!(await isMember(ctx.db, ctx.actor, input.association_id))) throw notFound();
  const [association] = await ctx.db.select({ status: rmAssociations.status }).from(rmAssociations).where(eq(rmAssociations.id, input.association_id));
  if (association?.status !== 'validated') throw fieldProblem('association_id', 'association_not_validated');
  const { unit } = await checkProposal(ctx.db, input);
  const id = await ctx.db.transaction(async (tx) => {
    const year = new Date().getUTCFullYear();
    const reference = formatReference('P', year, await nextReferenceNumber(tx, 'rm_project', year), 4);
    const [row] = await tx
      .insert(rmProjects)
      .values({ ...proposalColumns(input, unit.id), reference, associationId: input.association_id, createdBy: ctx.actor.userId })
      .returning({ id: rmProjects.id });
    await linkAttachments(tx, ctx.actor, input.attachment_ids ?? [], { projectId: row!.id }, 'project', { list: 'attachment_ids' });
    await recordHistory(tx, ctx, projectWorkflow, { recordId: row!.id, orgUnitCode: unit.code, name: 'submit', from: null, to: 'submitted', changedFields: Object.keys(input) });
    return row!.id;
  });
  return getProject(ctx, id);
}

/** Changes a returned proposal; fields left out keep their value, and the whole proposal is checked again. */
export async function editProject(ctx: RequestContext, id: string, changes: Partial<ProposalInput>) {
  await withProject(ctx, id, 'edit', async (tx, r) => {
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
    const { unit } = await checkProposal(tx, merged);
    await tx.update(rmProjects).set(proposalColumns(merged, unit.id)).where(eq(rmProjects.id, p.id));
    if (changes.attachment_ids) await linkAttachments(tx, ctx.actor, changes.attachment_ids, { projectId: p.id }, 'project', { list: 'attachment_ids' }, { replace: true });
    return { result: null, changedFields: Object.keys(changes) };
  });
  return getProject(ctx, id);
}

export async function resubmitProject(ctx: RequestContext, id: string) {
  await withProject(ctx, id, 'resubmit', async () => ({ result: null, changedFields: ['status'] }));
  return getProject(ctx, id);
}

export async function checkProject(ctx: RequestContext, id: string, input: { complete: boolean; missing?: string[]; note?: string | null }) {
  const missing = (input.missing ?? []).map((m) => m.trim()).filter(Boolean);
  await withProject(ctx, id, 'check', async (tx, r) => {
    if (!input.complete && missing.length === 0) throw fieldProblem('missing', 'missing_required');
    await tx
      .update(rmProjects)
      .set({ checkComplete: input.complete, checkMissing: input.complete ? [] : missing, checkNote: input.note?.trim() || null, checkedBy: ctx.actor.userId, checkedAt: new Date() })
      .where(eq(rmProjects.id, r.project.id));
    return {
      result: null,
      to: statusAfter(r.project.status, { action: 'check', complete: input.complete }),
      changedFields: ['check_complete', 'check_missing', 'check_note'],
      note: input.complete ? input.note?.trim() || null : missing.join('; '),
    };
  });
  return getProject(ctx, id);
}

export async function scoreProject(ctx: RequestContext, id: string, input: { scores: { criterion: string; score: number; comment?: string | null }[] }) {
  await withProject(ctx, id, 'score', async (tx, r) => {
    const problems = sheetProblems(r.scheme.criteria, input.scores);
    if (problems.length) throw invalidInput(problems);
    const scores = input.scores.map((s) => ({ criterion: s.criterion, score: s.score, comment: s.comment?.trim() || null }));
    await tx
      .insert(rmScoreSheets)
      .values({ projectId: r.project.id, memberId: ctx.actor.userId, scores })
      .onConflictDoUpdate({ target: [rmScoreSheets.projectId, rmScoreSheets.memberId], set: { scores, at: new Date() } });
    return { result: null, changedFields: ['scores'] };
  });
  return getProject(ctx, id);
}

export async function decideProject(ctx: RequestContext, id: string, input: { decision: 'approved' | 'rejected'; reasons: string; minutes: string; minutes_attachment_id?: string | null }) {
  await withProject(ctx, id, 'decide', async (tx, r) => {
    const [sheets] = await tx.select({ n: sql<number>`count(*)::int` }).from(rmScoreSheets).where(eq(rmScoreSheets.projectId, r.project.id));
    if (!sheets?.n) throw invalidTransition(r.project.status, 'decision_needs_scores');
    const approved = input.decision === 'approved';
    // Approval fixes what each party owes: its share of the budget in cents, the remainder to the last party.
    const shares = ruleFor(r.scheme, r.project.projectType)?.shares ?? [];
    const commitments = approved ? splitByShares(toCents(r.project.budget), shares).map((c) => ({ party: c.party, share_pct: c.pct, committed: c.committed })) : [];
    if (input.minutes_attachment_id) await linkAttachments(tx, ctx.actor, [input.minutes_attachment_id], { projectId: r.project.id }, 'minutes', { one: 'minutes_attachment_id' });
    await tx
      .update(rmProjects)
      .set({ decision: input.decision, decisionReasons: input.reasons, decisionMinutes: input.minutes, minutesAttachmentId: input.minutes_attachment_id ?? null, decidedBy: ctx.actor.userId, decidedAt: new Date(), commitments })
      .where(eq(rmProjects.id, r.project.id));
    return {
      result: null,
      to: statusAfter(r.project.status, { action: 'decide', approved }),
      changedFields: ['decision', 'reasons', 'minutes', ...(approved ? ['commitments'] : [])],
      note: input.reasons,
    };
  });
  return getProject(ctx, id);
}

export async function signAgreement(ctx: RequestContext, id: string, input: { agreement_number: string; signed_on: string; attachment_id?: string | null }) {
  await withProject(ctx, id, 'sign', async (tx, r) => {
    if (input.attachment_id) await linkAttachments(tx, ctx.actor, [input.attachment_id], { projectId: r.project.id }, 'agreement', { one: 'attachment_id' });
    await tx
      .update(rmProjects)
      .set({ agreementNumber: input.agreement_number, agreementSignedOn: input.signed_on, agreementAttachmentId: input.attachment_id ?? null, agreementBy: ctx.actor.userId })
      .where(eq(rmProjects.id, r.project.id));
    return { result: null, changedFields: ['agreement_number', 'signed_on', ...(input.attachment_id ? ['attachment_id'] : [])], note: input.agreement_number };
  });
  return getProject(ctx, id);
}

export interface ContributionInput {
  party: string;
  amount: number;
  received_on: string;
  reference: string;
  idempotency_key: string;
}

/** Records money a party paid in. The same idempotency key with the same content is answered without writing. */
export async function recordContribution(ctx: RequestContext, id: string, input: ContributionInput): Promise<{ project: ProjectFile; replayed: boolean }> {
  const content = { party: input.party, amount: toCents(input.amount), received_on: input.received_on, reference: input.reference };
  const replayed = await withProject(
    ctx,
    id,
    'contribute',
    async (tx, r) => {
      const problems = contributionProblems(await commitmentsOf(tx, r.project), content);
      if (problems.length) throw invalidInput(problems.map((p) => inWords(p, r.scheme)));
      await tx.insert(rmContributions).values({
        projectId: r.project.id,
        party: input.party,
        amount: input.amount,
        receivedOn: input.received_on,
        reference: input.reference,
        idempotencyKey: input.idempotency_key,
        recordedBy: ctx.actor.userId,
      });
      return { result: false, changedFields: ['party', 'amount', 'received_on', 'reference'] };
    },
    {
      async replay(tx, r) {
        const [existing] = await tx
          .select()
          .from(rmContributions)
          .where(and(eq(rmContributions.projectId, r.project.id), eq(rmContributions.idempotencyKey, input.idempotency_key)));
        if (!existing) return undefined;
        const before = { party: existing.party, amount: toCents(existing.amount), received_on: existing.receivedOn, reference: existing.reference };
        if (replayOf(before, content) === 'conflict') throw idempotencyConflict(input.idempotency_key);
        return true;
      },
    },
  );
  return { project: await getProject(ctx, id), replayed };
}

export interface ProgressInput {
  period: string;
  physical_pct: number;
  spent: number;
  narrative: string;
  photo_ids?: string[];
}

/** A quarterly report, by an officer or by a member of the association. */
export async function reportProgress(ctx: RequestContext, id: string, input: ProgressInput) {
  await withProject(ctx, id, 'report', async (tx, r) => {
    const earlier = (await progressOf(tx, r.project.id)).map((x) => ({ period: x.period, physical_pct: x.physicalPct, spent: toCents(x.spent) }));
    const received = (await commitmentsOf(tx, r.project)).reduce((sum, c) => sum + c.received, 0);
    const check = checkReport(earlier, { period: input.period, physical_pct: input.physical_pct, spent: toCents(input.spent) }, received, new Date());
    if (!check.ok && check.alreadyReported) throw periodReported(input.period);
    if (!check.ok) throw invalidInput(check.problems.map((p) => inWords(p, r.scheme)));
    const photoIds = input.photo_ids ?? [];
    await linkAttachments(tx, ctx.actor, photoIds, { projectId: r.project.id }, 'progress', { list: 'photo_ids' });
    await tx.insert(rmProgressReports).values({ projectId: r.project.id, period: input.period, physicalPct: input.physical_pct, spent: input.spent, narrative: input.narrative, photoIds, reportedBy: ctx.actor.userId });
    return { result: null, changedFields: Object.keys(input) };
  });
  return getProject(ctx, id);
}

export async function closeProject(ctx: RequestContext, id: string, input: { beneficiaries: number; jobs_created: number; outcome: string; photo_ids?: string[] }) {
  await withProject(ctx, id, 'close', async (tx, r) => {
    const reports = (await progressOf(tx, r.project.id)).map((x) => ({ period: x.period, physical_pct: x.physicalPct, spent: toCents(x.spent) }));
    if (!closable(reports)) throw invalidTransition(r.project.status, 'close_needs_full_progress');
    const photoIds = input.photo_ids ?? [];
    await linkAttachments(tx, ctx.actor, photoIds, { projectId: r.project.id }, 'closure', { list: 'photo_ids' });
    await tx.insert(rmClosures).values({ projectId: r.project.id, beneficiaries: input.beneficiaries, jobsCreated: input.jobs_created, outcome: input.outcome, photoIds, closedBy: ctx.actor.userId });
    return { result: null, changedFields: Object.keys(input) };
  });
  return getProject(ctx, id);
}
