import { and, desc, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../core/audit/store.js';
import { authorFields, type AppContext, type RequestContext } from '../../core/context.js';
import { rowsOf, type Executor } from '../../core/db/engine.js';
import { notFound } from '../../core/http/errors.js';
import { confirmIdentity } from '../../core/access/auth.js';
import { recordHistory, type EventDetail } from '../../core/workflow/step.js';
import { roles, users } from '../../core/access/schema.js';
import { scopesOf, usersWhoCan } from '../../core/access/store.js';
import { inScope, scopePrefixes } from '../../core/access/policy.js';
import { orgUnits } from '../../core/geo/schema.js';
import { findOrgUnitByCode, pathWithin } from '../../core/geo/store.js';
import { consentsOf, findPersonInScope } from '../../core/people/store.js';
import { documentKey } from '../../core/people/rules.js';
import type { AssessmentInput } from './domain/assessments.js';
import { countryOfPath } from './domain/assessments.js';
import { NEED_CODES, proposeActivities, type Need } from './domain/grid.js';
import { allowedActions, canFollowCase, planDueDate, type CaseAction, type CaseStatus, type ClosureReason } from './domain/lifecycle.js';
import { overdueSql } from './domain/overdue.js';
import { referralBasis } from './domain/referral.js';
import {
  today,
  type ActivityInput,
  type ActivityPatch,
  type CaseInput,
  type CaseloadQuery,
  type CaseView,
  type OpenProtected,
  type ProtectedInput,
  type ReauthInput,
} from './api.js';
import { categoryExists, loadGrid } from './configuration.js';
import { invalidField, invalidTransition, problem } from './errors.js';
import { rnAssessments, rnCaseProtected, rnCases, rnFollowUps, rnPlanActivities, rnReferrals, type REFERRAL_OUTCOMES } from './schema.js';

type ReferralOutcome = (typeof REFERRAL_OUTCOMES)[number];
import { caseHistory, caseParts, findCaseInScope, listCaseload, nextReference, openCaseOf, type CaseListRow, type CaseRow } from './store.js';
import { caseWorkflow, withCase } from './workflow.js';

/**
 * The actions on a case. Each takes one request context and no language: refusals carry message keys, and the
 * routes present the answers. Each write is a step of the core's workflow (`workflow.ts`): the case row is found
 * inside the capture scope and locked, the lifecycle says whether the step is allowed now (409 otherwise), the work
 * is done, and the history event and the audit entry are written before the commit. Reads find the case inside the
 * view scope (404 outside) and are audited.
 */

const fieldsOf = (o: object) => Object.keys(o);

// --- Caseload and reading ---

export async function listCases(ctx: RequestContext, q: CaseloadQuery) {
  const prefixes = scopePrefixes(ctx.actor, 'view');
  let withinPath: string | undefined;
  if (q.org_unit) {
    const unit = await findOrgUnitByCode(ctx.db, q.org_unit.toUpperCase());
    if (!unit) throw invalidField('org_unit', 'unknown_org_unit', { value: q.org_unit });
    withinPath = unit.path;
  }
  const on = today();
  const { rows, total } = await listCaseload(ctx.db, {
    prefixes,
    status: q.status,
    overdue: q.overdue,
    withinPath,
    category: q.category,
    caseworkerId: q.caseworker === 'me' ? ctx.actor.userId : q.caseworker,
    q: q.q,
    // Document numbers are found by their blind index (an empty key, a text of no letters or digits, matches none).
    qDocumentIndex: q.q && documentKey(q.q) ? await ctx.keyring.index(ctx.db, documentKey(q.q)) : undefined,
    today: on,
    limit: q.page_size,
    offset: (q.page - 1) * q.page_size,
  });
  await recordAudit(ctx.db, { ...authorFields({ kind: 'user', actor: ctx.actor }), ...ctx.meta, action: 'reintegration.caseload_read', recordType: 'rn_case', changedFields: q.q ? ['q'] : [] });
  return { rows, on, total, page: q.page, page_size: q.page_size };
}

export async function readCase(ctx: RequestContext, caseId: string) {
  const row = await findCaseInScope(ctx.db, caseId, scopePrefixes(ctx.actor, 'view'));
  if (!row) throw notFound();
  return row;
}

/**
 * The protected fields of a case, opened (`presentSensitive` shows them). Only the reveal and the export call this,
 * after the permission and the step-up.
 */
export async function openProtected(ctx: AppContext, db: Executor, caseId: string): Promise<OpenProtected | undefined> {
  const [row] = await db.select().from(rnCaseProtected).where(eq(rnCaseProtected.caseId, caseId));
  return row ? openProtectedRow(ctx, db, row) : undefined;
}

export async function openProtectedRow(ctx: AppContext, db: Executor, row: typeof rnCaseProtected.$inferSelect): Promise<OpenProtected> {
  const open = (column: string, value: string | null) => ctx.keyring.openOrNull(db, { table: 'rn_case_protected', column, rowId: row.caseId }, value);
  const flag = (v: string | null) => (v === null ? null : v === 'true');
  return {
    psychosocialNotes: await open('psychosocial_notes', row.psychosocialNotes),
    traffickingIndication: flag(await open('trafficking_indication', row.traffickingIndication)),
    violenceIndication: flag(await open('violence_indication', row.violenceIndication)),
  };
}

async function caseView(ctx: RequestContext, row: CaseListRow, revealed = false): Promise<CaseView> {
  const parts = await caseParts(ctx.db, row.case.id);
  const opened = revealed ? await openProtected(ctx, ctx.db, row.case.id) : undefined;
  return { row, parts, opened, revealed, canReveal: ctx.actor.permissions.has('cases.protected'), allowedActions: allowedActions(row.case.status, ctx.actor.permissions) };
}

export async function getCase(ctx: RequestContext, caseId: string) {
  const row = await readCase(ctx, caseId);
  await recordAudit(ctx.db, { ...authorFields({ kind: 'user', actor: ctx.actor }), ...ctx.meta, action: 'reintegration.case_read', recordType: 'rn_case', recordId: caseId, orgUnitCode: row.orgUnitCode });
  return caseView(ctx, row);
}

/** The case as after a write, for the answer (the writer can see what they wrote). */
const reread = async (ctx: RequestContext, caseId: string) => caseView(ctx, await readCase(ctx, caseId));

export async function getHistory(ctx: RequestContext, caseId: string) {
  const row = await readCase(ctx, caseId);
  await recordAudit(ctx.db, { ...authorFields({ kind: 'user', actor: ctx.actor }), ...ctx.meta, action: 'reintegration.history_read', recordType: 'rn_case', recordId: caseId, orgUnitCode: row.orgUnitCode });
  return caseHistory(ctx.db, caseId);
}

// --- Registration at arrival ---

export async function registerCase(ctx: RequestContext, input: CaseInput) {
  const unit = await findOrgUnitByCode(ctx.db, input.org_unit.toUpperCase());
  if (!unit) throw invalidField('org_unit', 'unknown_org_unit', { value: input.org_unit });
  if (!inScope(ctx.actor, 'capture', unit.path)) throw invalidField('org_unit', 'outside_capture', { value: input.org_unit });
  const person = await findPersonInScope(ctx.db, input.person_id, scopePrefixes(ctx.actor, 'view'));
  if (!person) throw invalidField('person_id', 'unknown_person');
  if (input.arrival_date > today()) throw invalidField('arrival_date', 'arrival_in_future');
  const category = input.return_category ?? null;
  const country = countryOfPath(unit.path);
  if (category !== null && !(country && (await categoryExists(ctx.db, country, category)))) {
    throw invalidField('return_category', 'unknown_category', { value: category, country: country ?? unit.code });
  }
  const caseId = await ctx.db.transaction(async (tx) => {
    // Serialises registrations of one person, so two caseworkers cannot open two cases for them at once.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${'rn_case:' + input.person_id}))`);
    const open = await openCaseOf(tx, input.person_id);
    if (open) throw problem('conflict', 'person_id', 'open_case_exists', { reference: open.reference });
    const reference = await nextReference(tx, new Date().getUTCFullYear());
    const [created] = await tx
      .insert(rnCases)
      .values({
        reference,
        personId: input.person_id,
        orgUnitId: unit.id,
        caseworkerId: ctx.actor.userId,
        arrivalDate: input.arrival_date,
        returnedFromIso3: input.returned_from_iso3,
        returnHow: input.return_how,
        returnCategory: category,
        householdSize: input.household_size,
        immediateNeeds: [...new Set(input.immediate_needs)],
        planDueDate: planDueDate(input.arrival_date),
        createdBy: ctx.actor.userId,
      })
      .returning({ id: rnCases.id });
    await recordHistory(tx, ctx, caseWorkflow, { recordId: created!.id, orgUnitCode: unit.code, name: 'registered', from: null, to: 'registered', detail: { reference }, changedFields: fieldsOf(input) });
    return created!.id;
  });
  return reread(ctx, caseId);
}

// --- Assessments and protected fields ---

export async function addAssessment(ctx: RequestContext, caseId: string, input: AssessmentInput) {
  await withCase(ctx, caseId, 'assess', async (tx) => {
    const [row] = await tx.insert(rnAssessments).values({ caseId, kind: input.kind, answers: input.answers, assessedBy: ctx.actor.userId }).returning({ id: rnAssessments.id });
    return { result: null, event: 'assessed', detail: { kind: input.kind, assessment_id: row!.id }, changedFields: [`assessment:${input.kind}`] };
  });
  return reread(ctx, caseId);
}

/**
 * Records protected fields. Whoever works on the case may record an indication (the caseworker who hears it), but
 * only holders of `cases.protected` read them back, through `reveal`. Fields left out keep their value.
 */
export async function recordProtected(ctx: RequestContext, caseId: string, input: ProtectedInput) {
  await withCase(ctx, caseId, 'assess', async (tx) => {
    // Sealed under the case id and the column, inside the write's transaction (see `core/keys/`).
    const sealer = await ctx.keyring.sealer(tx);
    const seal = (column: string, plain: string | null) => sealer({ table: 'rn_case_protected', column, rowId: caseId }, plain);
    const flag = (v: boolean | null) => (v === null ? null : String(v));
    const values = {
      ...(input.psychosocial_notes !== undefined && { psychosocialNotes: await seal('psychosocial_notes', input.psychosocial_notes) }),
      ...(input.trafficking_indication !== undefined && { traffickingIndication: await seal('trafficking_indication', flag(input.trafficking_indication)) }),
      ...(input.violence_indication !== undefined && { violenceIndication: await seal('violence_indication', flag(input.violence_indication)) }),
      updatedBy: ctx.actor.userId,
      updatedAt: new Date(),
    };
    await tx.insert(rnCaseProtected).values({ caseId, ...values }).onConflictDoUpdate({ target: rnCaseProtected.caseId, set: values });
    return { result: null, event: 'protected_recorded', changedFields: fieldsOf(input) };
  });
  return reread(ctx, caseId);
}

/** Shows the protected fields to a holder of `cases.protected` who typed their password (or code) again. */
export async function revealProtected(ctx: RequestContext, caseId: string, proof: ReauthInput) {
  const row = await readCase(ctx, caseId);
  await confirmIdentity(ctx, ctx.meta, ctx.actor, proof, 'reveal');
  await recordAudit(ctx.db, {
    ...authorFields({ kind: 'user', actor: ctx.actor }),
    ...ctx.meta,
    action: 'reintegration.protected_reveal',
    recordType: 'rn_case',
    recordId: caseId,
    orgUnitCode: row.orgUnitCode,
    changedFields: ['psychosocial_notes', 'trafficking_indication', 'violence_indication'],
  });
  return openProtected(ctx, ctx.db, caseId);
}

/** One case with everything on it, as a file; protected fields only for holders of `cases.protected`. */
export async function exportCase(ctx: RequestContext, caseId: string, proof: ReauthInput) {
  const row = await readCase(ctx, caseId);
  await confirmIdentity(ctx, ctx.meta, ctx.actor, proof, 'export');
  const withProtected = ctx.actor.permissions.has('cases.protected');
  await recordAudit(ctx.db, { ...authorFields({ kind: 'user', actor: ctx.actor }), ...ctx.meta, action: 'reintegration.case_export', recordType: 'rn_case', recordId: caseId, orgUnitCode: row.orgUnitCode, changedFields: withProtected ? ['protected'] : [] });
  return { exportedAt: new Date(), view: await caseView(ctx, row, withProtected), history: await caseHistory(ctx.db, caseId) };
}

// --- The plan ---

/** The needs the plan answers: the latest needs assessment's, then the immediate needs noted at arrival. */
async function assessedNeeds(db: Executor, c: CaseRow): Promise<Need[]> {
  const [latest] = await db.select({ answers: rnAssessments.answers }).from(rnAssessments).where(and(eq(rnAssessments.caseId, c.id), eq(rnAssessments.kind, 'needs'))).orderBy(desc(rnAssessments.assessedAt)).limit(1);
  const assessed = ((latest?.answers as { needs?: { need: Need }[] } | undefined)?.needs ?? []).map((n) => n.need).filter((n) => (NEED_CODES as string[]).includes(n));
  return [...assessed, ...c.immediateNeeds];
}

export async function getPlan(ctx: RequestContext, caseId: string) {
  const row = await readCase(ctx, caseId);
  await recordAudit(ctx.db, { ...authorFields({ kind: 'user', actor: ctx.actor }), ...ctx.meta, action: 'reintegration.plan_read', recordType: 'rn_case', recordId: caseId, orgUnitCode: row.orgUnitCode });
  const { activities } = await caseParts(ctx.db, caseId);
  const live = activities.filter((a) => a.status !== 'cancelled');
  const proposals = proposeActivities(await assessedNeeds(ctx.db, row.case), await loadGrid(ctx.db), live);
  return { row, activities, proposals };
}

function checkDates(c: CaseRow, start: string | null | undefined, end: string | null | undefined) {
  if (start && start < c.arrivalDate) throw invalidField('start_date', 'date_before_arrival', { value: c.arrivalDate });
  if (start && end && end < start) throw invalidField('end_date', 'end_before_start');
}

export async function addActivity(ctx: RequestContext, caseId: string, input: ActivityInput) {
  const activity = await withCase(ctx, caseId, 'plan', async (tx, row) => {
    checkDates(row.case, input.start_date, input.end_date);
    const [created] = await tx
      .insert(rnPlanActivities)
      .values({ caseId, need: input.need, response: input.response, partner: input.partner, startDate: input.start_date ?? null, endDate: input.end_date ?? null, cost: input.cost ?? null, currency: input.currency ?? null, status: input.status ?? 'planned', notes: input.notes ?? null })
      .returning();
    return { result: created!, event: 'activity_added', detail: { activity_id: created!.id, need: input.need, response: input.response }, changedFields: fieldsOf(input) };
  });
  return activity;
}

async function findActivity(tx: Executor, caseId: string, activityId: string) {
  const [activity] = await tx.select().from(rnPlanActivities).where(and(eq(rnPlanActivities.id, activityId), eq(rnPlanActivities.caseId, caseId)));
  if (!activity) throw notFound();
  return activity;
}

/** Edits an activity: the whole of it while planning, its progress once the plan is approved. */
export async function updateActivity(ctx: RequestContext, caseId: string, activityId: string, patch: ActivityPatch) {
  const current = await readCase(ctx, caseId);
  const action: CaseAction = current.case.status === 'active' ? 'update_activity' : 'plan';
  const activity = await withCase(ctx, caseId, action, async (tx, row) => {
    const before = await findActivity(tx, caseId, activityId);
    if (action === 'update_activity' && (patch.need !== undefined || patch.response !== undefined)) throw invalidTransition(row.case.status);
    const start = patch.start_date !== undefined ? patch.start_date : before.startDate;
    const end = patch.end_date !== undefined ? patch.end_date : before.endDate;
    checkDates(row.case, start, end);
    const [updated] = await tx
      .update(rnPlanActivities)
      .set({
        ...(patch.need !== undefined && { need: patch.need }),
        ...(patch.response !== undefined && { response: patch.response }),
        ...(patch.partner !== undefined && { partner: patch.partner }),
        ...(patch.start_date !== undefined && { startDate: patch.start_date }),
        ...(patch.end_date !== undefined && { endDate: patch.end_date }),
        ...(patch.cost !== undefined && { cost: patch.cost }),
        ...(patch.currency !== undefined && { currency: patch.currency }),
        ...(patch.status !== undefined && { status: patch.status }),
        ...(patch.notes !== undefined && { notes: patch.notes }),
        updatedAt: new Date(),
      })
      .where(eq(rnPlanActivities.id, activityId))
      .returning();
    return { result: updated!, event: 'activity_updated', detail: { activity_id: activityId, status: updated!.status }, changedFields: fieldsOf(patch) };
  });
  return activity;
}

export async function removeActivity(ctx: RequestContext, caseId: string, activityId: string) {
  await withCase(ctx, caseId, 'plan', async (tx) => {
    await findActivity(tx, caseId, activityId);
    await tx.delete(rnPlanActivities).where(eq(rnPlanActivities.id, activityId));
    return { result: null, event: 'activity_removed', detail: { activity_id: activityId } };
  });
}

export async function submitPlan(ctx: RequestContext, caseId: string) {
  await withCase(ctx, caseId, 'submit_plan', async (tx, row) => {
    const [{ n } = { n: 0 }] = await tx.select({ n: sql<number>`count(*)::int` }).from(rnPlanActivities).where(and(eq(rnPlanActivities.caseId, caseId), sql`${rnPlanActivities.status} <> 'cancelled'`));
    if (n === 0) throw invalidTransition(row.case.status, 'plan_empty');
    return { result: null, set: { planSubmittedAt: new Date() }, detail: { activities: n } };
  });
  return reread(ctx, caseId);
}

export async function decidePlan(ctx: RequestContext, caseId: string, approve: boolean, note?: string) {
  const detail: EventDetail = note ? { note } : {};
  await withCase(ctx, caseId, approve ? 'approve_plan' : 'return_plan', async () => ({
    result: null,
    set: approve ? { planApprovedAt: new Date(), planApprovedBy: ctx.actor.userId } : { planSubmittedAt: null },
    detail,
  }));
  return reread(ctx, caseId);
}

// --- Referrals ---

export async function createReferral(ctx: RequestContext, caseId: string, input: { partner: string; service: string; override_reason?: string }) {
  const referral = await withCase(ctx, caseId, 'refer', async (tx, row) => {
    if (!row.case.personId) throw problem('conflict', 'partner', 'no_consent_erased');
    const basis = referralBasis(await consentsOf(tx, row.case.personId), {
      partner: input.partner,
      at: new Date(),
      overrideReason: input.override_reason,
      holdsOverride: ctx.actor.permissions.has('consent.override'),
    });
    if (!basis.allowed) {
      throw basis.why === 'no_consent' ? problem('conflict', 'partner', 'no_consent', { partner: input.partner }) : problem('forbidden', 'override_reason', 'override_not_permitted');
    }
    const [created] = await tx
      .insert(rnReferrals)
      .values({
        caseId,
        partner: input.partner,
        service: input.service,
        consentId: basis.basis === 'consent' ? basis.consentId : null,
        overrideReason: basis.basis === 'override' ? basis.reason : null,
        overrideBy: basis.basis === 'override' ? ctx.actor.userId : null,
        createdBy: ctx.actor.userId,
      })
      .returning();
    return { result: created!, event: basis.basis === 'override' ? 'referred_without_consent' : 'referred', detail: { referral_id: created!.id, partner: input.partner }, changedFields: fieldsOf(input) };
  });
  return referral;
}

async function findReferral(tx: Executor, caseId: string, referralId: string) {
  const [referral] = await tx.select().from(rnReferrals).where(and(eq(rnReferrals.id, referralId), eq(rnReferrals.caseId, caseId)));
  if (!referral) throw notFound();
  return referral;
}

export async function recordPartnerResponse(ctx: RequestContext, caseId: string, referralId: string, input: { response: 'accepted' | 'refused'; notes?: string }) {
  const referral = await withCase(ctx, caseId, 'referral_update', async (tx) => {
    const before = await findReferral(tx, caseId, referralId);
    if (before.partnerResponse !== null) throw problem('conflict', 'response', 'referral_answered');
    const [updated] = await tx
      .update(rnReferrals)
      .set({ partnerResponse: input.response, respondedAt: new Date(), ...(input.notes && { outcomeNotes: input.notes }) })
      .where(eq(rnReferrals.id, referralId))
      .returning();
    return { result: updated!, event: 'referral_answered', detail: { referral_id: referralId, response: input.response }, changedFields: fieldsOf(input) };
  });
  return referral;
}

export async function recordReferralOutcome(ctx: RequestContext, caseId: string, referralId: string, input: { outcome: ReferralOutcome; notes?: string }) {
  const referral = await withCase(ctx, caseId, 'referral_update', async (tx) => {
    const before = await findReferral(tx, caseId, referralId);
    if (before.partnerResponse !== 'accepted') throw problem('conflict', 'outcome', 'referral_not_accepted');
    const [updated] = await tx
      .update(rnReferrals)
      .set({ outcome: input.outcome, ...(input.notes !== undefined && { outcomeNotes: input.notes }) })
      .where(eq(rnReferrals.id, referralId))
      .returning();
    return { result: updated!, event: 'referral_outcome', detail: { referral_id: referralId, outcome: input.outcome }, changedFields: fieldsOf(input) };
  });
  return referral;
}

// --- Follow-ups ---

export async function scheduleFollowUp(ctx: RequestContext, caseId: string, scheduledOn: string) {
  const followUp = await withCase(ctx, caseId, 'follow_up', async (tx, row) => {
    if (scheduledOn < row.case.arrivalDate) throw invalidField('scheduled_on', 'date_before_arrival', { value: row.case.arrivalDate });
    const [created] = await tx.insert(rnFollowUps).values({ caseId, scheduledOn }).returning();
    return { result: created!, event: 'follow_up_scheduled', detail: { follow_up_id: created!.id, scheduled_on: scheduledOn } };
  });
  return followUp;
}

export async function recordFollowUp(ctx: RequestContext, caseId: string, followUpId: string, input: { done_on: string; channel: 'visit' | 'phone' | 'office' | 'online'; notes?: string }) {
  const followUp = await withCase(ctx, caseId, 'follow_up', async (tx, row) => {
    const [before] = await tx.select().from(rnFollowUps).where(and(eq(rnFollowUps.id, followUpId), eq(rnFollowUps.caseId, caseId)));
    if (!before) throw notFound();
    if (before.doneOn !== null) throw problem('conflict', 'done_on', 'follow_up_recorded');
    if (input.done_on < row.case.arrivalDate) throw invalidField('done_on', 'date_before_arrival', { value: row.case.arrivalDate });
    if (input.done_on > today()) throw invalidField('done_on', 'date_in_future');
    const [updated] = await tx.update(rnFollowUps).set({ doneOn: input.done_on, channel: input.channel, notes: input.notes ?? null, recordedBy: ctx.actor.userId }).where(eq(rnFollowUps.id, followUpId)).returning();
    return { result: updated!, event: 'follow_up_recorded', detail: { follow_up_id: followUpId, done_on: input.done_on }, changedFields: fieldsOf(input) };
  });
  return followUp;
}

// --- Closure ---

export async function requestClosure(ctx: RequestContext, caseId: string, reason: ClosureReason, note?: string) {
  await withCase(ctx, caseId, 'request_closure', async () => ({
    result: null,
    set: { closureReason: reason, closureNote: note ?? null, closureRequestedAt: new Date() },
    detail: { reason },
    changedFields: ['closure_reason', ...(note ? ['closure_note'] : [])],
  }));
  return reread(ctx, caseId);
}

export async function decideClosure(ctx: RequestContext, caseId: string, approve: boolean, note?: string) {
  await withCase(ctx, caseId, approve ? 'approve_closure' : 'refuse_closure', async (_tx, row) => ({
    result: null,
    // A refused closure goes back to active without a reason: the next request gives its own.
    set: approve ? { closedAt: new Date() } : { closureReason: null, closureNote: null, closureRequestedAt: null },
    detail: { reason: row.case.closureReason, ...(note && { note }) },
  }));
  return reread(ctx, caseId);
}

// --- Supervision ---

/** Hands the case to another caseworker: one who writes cases and whose capture scope covers the case's unit. */
export async function reassignCaseworker(ctx: RequestContext, caseId: string, caseworkerId: string) {
  await withCase(ctx, caseId, 'reassign', async (tx, row) => {
    const [user] = await tx.select({ active: users.active, permissions: roles.permissions }).from(users).innerJoin(roles, eq(roles.id, users.roleId)).where(eq(users.id, caseworkerId));
    const capture = (await scopesOf(tx, [caseworkerId])).get(caseworkerId)?.capture ?? [];
    if (!user?.active || !canFollowCase(user.permissions, capture.map((u) => u.path), row.orgUnitPath)) throw invalidField('caseworker_id', 'caseworker_unfit', { unit: row.orgUnitCode });
    return { result: null, event: 'reassign', set: { caseworkerId }, detail: { from: row.case.caseworkerId, to: caseworkerId }, changedFields: ['caseworker_id'] };
  });
  return reread(ctx, caseId);
}

export async function supervision(ctx: RequestContext) {
  const prefixes = scopePrefixes(ctx.actor, 'view');
  const on = today();
  const base = { prefixes, today: on, limit: 100, offset: 0 };
  const [plans, closures, overdue] = await Promise.all([
    listCaseload(ctx.db, { ...base, status: ['plan_submitted'] as CaseStatus[] }),
    listCaseload(ctx.db, { ...base, status: ['closure_requested'] as CaseStatus[] }),
    listCaseload(ctx.db, { ...base, overdue: true }),
  ]);
  const load = await ctx.db.execute(sql`
    SELECT c.caseworker_id, ${users.displayName} AS display_name, c.status, count(*)::int AS n,
           count(*) FILTER (WHERE ${overdueSql(sql`c.status`, sql`c.plan_due_date`, on)})::int AS overdue
    FROM rn_cases c
    JOIN ${orgUnits} ON ${orgUnits.id} = c.org_unit_id
    LEFT JOIN ${users} ON ${users.id} = c.caseworker_id
    WHERE c.status <> 'closed' AND ${pathWithin(orgUnits.path, prefixes)}
    GROUP BY c.caseworker_id, ${users.displayName}, c.status`);
  const byWorker = new Map<string, { caseworker: { id: string; name: string } | null; open: number; overdue: number; by_status: Record<string, number> }>();
  for (const r of rowsOf<LoadRow>(load)) {
    const key = r.caseworker_id ?? '';
    const entry = byWorker.get(key) ?? { caseworker: r.caseworker_id ? { id: r.caseworker_id, name: r.display_name ?? '' } : null, open: 0, overdue: 0, by_status: {} };
    entry.open += r.n;
    entry.overdue += r.overdue;
    entry.by_status[r.status] = r.n;
    byWorker.set(key, entry);
  }
  const caseworkers = await caseworkersIn(ctx.db, prefixes);
  await recordAudit(ctx.db, { ...authorFields({ kind: 'user', actor: ctx.actor }), ...ctx.meta, action: 'reintegration.supervision_read', recordType: 'rn_case' });
  return {
    on,
    plansWaiting: plans.rows,
    closuresWaiting: closures.rows,
    overdue: overdue.rows,
    caseload: [...byWorker.values()].sort((a, b) => b.open - a.open),
    caseworkers,
  };
}

/**
 * Who a supervisor can hand cases to: active users who write cases, with a capture unit inside the supervisor's scope
 * or containing part of it, whether or not they hold a case yet. Each comes with their capture units, so the supervisor
 * can tell which cases they can take (the reassignment itself checks the case's unit).
 */
async function caseworkersIn(db: Executor, prefixes: string[]) {
  const writers = await usersWhoCan(db, 'cases.write', { capture: prefixes });
  return writers.map((u) => ({ id: u.id, name: u.displayName, units: u.units.map((o) => ({ code: o.code, nameEs: o.nameEs, nameEn: o.nameEn })) }));
}

type LoadRow = { caseworker_id: string | null; display_name: string | null; status: string; n: number; overdue: number };

