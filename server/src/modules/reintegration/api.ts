import { z } from 'zod';
import { isoDate, localName, orgUnitRefSchema } from '../../core/http/presenters.js';
import type { Locale } from '../../core/i18n/locales.js';
import { ASSESSMENT_KINDS } from './domain/assessments.js';
import { NEED_CODES, RESPONSES } from './domain/grid.js';
import { DIMENSIONS, localText, type InstrumentDefinition, type LocalisedText } from './domain/instrument.js';
import { CASE_ACTIONS, CASE_STATUSES, CLOSURE_REASONS, type CaseAction } from './domain/lifecycle.js';
import { isOverdue } from './domain/overdue.js';
import { OCCASIONS } from './domain/scoring.js';
import { ACTIVITY_STATUSES, REFERRAL_OUTCOMES, REFERRAL_RESPONSES, RETURN_HOW, type rnInstruments, type rnScores } from './schema.js';
import type { CaseListRow, CaseParts, caseHistory } from './store.js';

/** Inputs and answers of the reintegration API (JSON fields in snake_case), and the presenters that build answers. */

export const idParams = z.strictObject({ id: z.uuid() });
export const activityParams = z.strictObject({ id: z.uuid(), activity_id: z.uuid() });
export const referralParams = z.strictObject({ id: z.uuid(), referral_id: z.uuid() });
export const followUpParams = z.strictObject({ id: z.uuid(), follow_up_id: z.uuid() });

const day = z.iso.date().refine((d) => d >= '1900-01-01' && d <= '2199-12-31');
const iso3 = z.string().regex(/^[A-Z]{3}$/);
const text = (max: number) => z.string().trim().max(max);
const partner = z.string().trim().min(1).max(200);

// --- Inputs ---

export const caseloadQuery = z.strictObject({
  status: z
    .string()
    .max(200)
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(z.enum(CASE_STATUSES)).max(CASE_STATUSES.length))
    .optional(),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  org_unit: z.string().trim().min(1).max(40).optional(),
  category: z.string().trim().min(1).max(60).optional(),
  /** A caseworker's user id, or `me`. */
  caseworker: z.union([z.literal('me'), z.uuid()]).optional(),
  q: z.string().trim().min(2).max(200).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  page_size: z.coerce.number().int().min(1).max(200).default(50),
});
export type CaseloadQuery = z.infer<typeof caseloadQuery>;

export const caseBody = z.strictObject({
  person_id: z.uuid(),
  /** Code of the org unit that follows the case (reception centre, municipality), inside the capture scope. */
  org_unit: z.string().trim().min(1).max(40),
  arrival_date: day,
  returned_from_iso3: iso3,
  return_how: z.enum(RETURN_HOW),
  return_category: z.string().trim().min(1).max(60).nullable().optional(),
  household_size: z.number().int().min(1).max(50),
  immediate_needs: z.array(z.enum(NEED_CODES)).max(NEED_CODES.length).default([]),
});
export type CaseInput = z.infer<typeof caseBody>;

const activityFields = {
  need: z.enum(NEED_CODES),
  response: z.enum(RESPONSES),
  partner,
  start_date: day.nullable().optional(),
  end_date: day.nullable().optional(),
  cost: z.number().min(0).max(1_000_000_000).multipleOf(0.01).nullable().optional(),
  currency: z.string().regex(/^[A-Z]{3}$/).nullable().optional(),
  status: z.enum(ACTIVITY_STATUSES).optional(),
  notes: text(2000).nullable().optional(),
};
export const activityBody = z.strictObject(activityFields);
export type ActivityInput = z.infer<typeof activityBody>;
export const activityPatch = z.strictObject(activityFields).partial();
export type ActivityPatch = z.infer<typeof activityPatch>;

export const noteBody = z.strictObject({ note: text(2000).optional() });
export const returnBody = z.strictObject({ note: z.string().trim().min(1).max(2000) });

export const referralBody = z.strictObject({
  partner,
  service: z.string().trim().min(1).max(300),
  /** Only with `consent.override`, when the person has not consented to sharing with this partner. */
  override_reason: text(2000).optional(),
});
export const referralResponseBody = z.strictObject({ response: z.enum(REFERRAL_RESPONSES), notes: text(2000).optional() });
export const referralOutcomeBody = z.strictObject({ outcome: z.enum(REFERRAL_OUTCOMES), notes: text(2000).optional() });

export const followUpBody = z.strictObject({ scheduled_on: day });
export const followUpRecordBody = z.strictObject({ done_on: day, channel: z.enum(['visit', 'phone', 'office', 'online']), notes: text(4000).optional() });

export const closureBody = z.strictObject({ reason: z.enum(CLOSURE_REASONS), note: text(2000).optional() });

export const protectedBody = z
  .strictObject({
    psychosocial_notes: text(8000).nullable().optional(),
    trafficking_indication: z.boolean().nullable().optional(),
    violence_indication: z.boolean().nullable().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'empty' });
export type ProtectedInput = z.infer<typeof protectedBody>;

/** Proof that the person at the keyboard is the user: the password again, or a current code of their second factor. */
export const reauthBody = z.strictObject({ password: z.string().min(1).max(1000).optional(), code: z.string().trim().regex(/^\d{6}$/).optional() });
export type ReauthInput = z.infer<typeof reauthBody>;

export const categoriesQuery = z.strictObject({ country: iso3.optional() });
export const countryParams = z.strictObject({ country: iso3 });
export const categoriesBody = z.strictObject({
  items: z.array(z.strictObject({ code: z.string().trim().regex(/^[a-z0-9_]{1,60}$/), label_es: z.string().trim().min(1).max(200), label_en: z.string().trim().min(1).max(200) })).max(100),
});
export const gridBody = z.strictObject({ entries: z.array(z.strictObject({ need: z.enum(NEED_CODES), response: z.enum(RESPONSES) })).min(1).max(500) });

export const caseworkerBody = z.strictObject({ caseworker_id: z.uuid() });

// --- Sustainability scores and the dashboard: inputs ---

export const scoreBody = z.strictObject({
  occasion: z.enum(OCCASIONS),
  /** The recorded follow-up the score belongs to (occasion `follow_up` only). */
  follow_up_id: z.uuid().optional(),
  taken_on: day,
  /** `{ item_code: option_code }` for every item of the active instrument. */
  answers: z.record(z.string().regex(/^[a-z0-9_]{1,60}$/), z.string().max(60)).refine((a) => Object.keys(a).length <= 400, { message: 'too many answers' }),
});
export type ScoreInput = z.infer<typeof scoreBody>;

/**
 * An instrument file. Its shape is checked by `domain/instrument.ts` rather than here, so a refusal names the JSON
 * path the way the file's author reads it (`dimensions[1].items[0].options`).
 */
export const instrumentBody = z.record(z.string(), z.unknown());

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
export const dashboardQuery = z.strictObject({ from: month.optional(), to: month.optional(), org_unit: z.string().trim().min(1).max(40).optional() });
export type DashboardQuery = z.infer<typeof dashboardQuery>;

// --- Answers ---

const personRef = z.object({ id: z.string(), given_name: z.string(), family_name: z.string() }).nullable();
const userRef = z.object({ id: z.string(), name: z.string() }).nullable();

export const caseSummarySchema = z.object({
  id: z.string(),
  reference: z.string(),
  person: personRef,
  org_unit: orgUnitRefSchema,
  caseworker: userRef,
  arrival_date: z.string(),
  returned_from_iso3: z.string(),
  return_how: z.enum(RETURN_HOW),
  return_category: z.string().nullable(),
  status: z.enum(CASE_STATUSES),
  plan_due_date: z.string(),
  overdue: z.boolean(),
});

/** Protected fields: always `null` here with `protected: true`; `POST …/reveal` shows them to holders of `cases.protected`. */
export const sensitiveSchema = z.object({
  psychosocial_notes: z.string().nullable(),
  trafficking_indication: z.boolean().nullable(),
  violence_indication: z.boolean().nullable(),
  protected: z.boolean(),
  can_reveal: z.boolean(),
});

const assessmentSchema = z.object({ id: z.string(), kind: z.enum(ASSESSMENT_KINDS), answers: z.record(z.string(), z.unknown()), assessed_at: z.string() });
export const activitySchema = z.object({
  id: z.string(),
  need: z.enum(NEED_CODES),
  response: z.enum(RESPONSES),
  partner: z.string(),
  start_date: z.string().nullable(),
  end_date: z.string().nullable(),
  cost: z.number().nullable(),
  currency: z.string().nullable(),
  status: z.enum(ACTIVITY_STATUSES),
  notes: z.string().nullable(),
});
export const referralSchema = z.object({
  id: z.string(),
  partner: z.string(),
  service: z.string(),
  basis: z.enum(['consent', 'override']),
  consent_id: z.string().nullable(),
  override_reason: z.string().nullable(),
  partner_response: z.enum(REFERRAL_RESPONSES).nullable(),
  responded_at: z.string().nullable(),
  outcome: z.enum(REFERRAL_OUTCOMES).nullable(),
  outcome_notes: z.string().nullable(),
  created_at: z.string(),
});
export const followUpSchema = z.object({ id: z.string(), scheduled_on: z.string(), done_on: z.string().nullable(), channel: z.string().nullable(), notes: z.string().nullable() });

export const caseSchema = caseSummarySchema.extend({
  household_size: z.number(),
  immediate_needs: z.array(z.enum(NEED_CODES)),
  plan_submitted_at: z.string().nullable(),
  plan_approved_at: z.string().nullable(),
  closure_reason: z.enum(CLOSURE_REASONS).nullable(),
  closure_note: z.string().nullable(),
  closure_requested_at: z.string().nullable(),
  closed_at: z.string().nullable(),
  erased: z.boolean(),
  allowed_actions: z.array(z.enum(CASE_ACTIONS)),
  sensitive: sensitiveSchema,
  assessments: z.array(assessmentSchema),
  activities: z.array(activitySchema),
  referrals: z.array(referralSchema),
  follow_ups: z.array(followUpSchema),
});

export const caseloadSchema = z.object({ items: z.array(caseSummarySchema), total: z.number(), page: z.number(), page_size: z.number() });

export const planSchema = z.object({
  status: z.enum(CASE_STATUSES),
  plan_due_date: z.string(),
  overdue: z.boolean(),
  activities: z.array(activitySchema),
  /** Responses the grid proposes for the assessed needs (latest needs assessment and immediate needs), not yet planned. */
  proposals: z.array(z.object({ need: z.enum(NEED_CODES), response: z.enum(RESPONSES) })),
});

export const historySchema = z.object({
  items: z.array(z.object({ at: z.string(), actor: z.string(), action: z.string(), from_status: z.enum(CASE_STATUSES).nullable(), to_status: z.enum(CASE_STATUSES).nullable(), detail: z.record(z.string(), z.union([z.string(), z.number(), z.null()])) })),
});

export const categorySchema = z.object({ country_iso3: z.string(), code: z.string(), label: z.string(), label_es: z.string(), label_en: z.string(), example: z.boolean() });
export const gridSchema = z.object({ entries: z.array(z.object({ need: z.enum(NEED_CODES), response: z.enum(RESPONSES) })) });

export const supervisionSchema = z.object({
  plans_waiting: z.array(caseSummarySchema),
  closures_waiting: z.array(caseSummarySchema),
  overdue: z.array(caseSummarySchema),
  caseload: z.array(z.object({ caseworker: userRef, open: z.number(), overdue: z.number(), by_status: z.record(z.string(), z.number()) })),
  /** Who cases can be handed to, with the units they capture in. */
  caseworkers: z.array(z.object({ id: z.string(), name: z.string(), units: z.array(z.object({ code: z.string(), name: z.string() })) })),
});

export const exportSchema = z.object({ exported_at: z.string(), case: caseSchema.omit({ allowed_actions: true }), history: historySchema.shape.items });

const share = z.number().min(0).max(1);
const dimensionScores = { economic: share, social: share, psychosocial: share, composite: share };

export const instrumentSummarySchema = z.object({ id: z.string(), code: z.string(), version: z.string(), name: z.string(), active: z.boolean(), loaded_at: z.string(), items_count: z.number() });
export const instrumentListSchema = z.object({ items: z.array(instrumentSummarySchema) });
export const instrumentSchema = instrumentSummarySchema.omit({ items_count: true }).extend({
  description: z.string().nullable(),
  threshold: share,
  dimensions: z.array(
    z.object({
      code: z.enum(DIMENSIONS),
      weight: z.number(),
      items: z.array(z.object({ code: z.string(), weight: z.number(), question: z.string(), options: z.array(z.object({ code: z.string(), score: share, label: z.string() })) })),
    }),
  ),
});

export const scoreSchema = z.object({
  id: z.string(),
  occasion: z.enum(OCCASIONS),
  follow_up_id: z.string().nullable(),
  taken_on: z.string(),
  instrument: z.object({ id: z.string(), code: z.string(), version: z.string(), name: z.string() }),
  ...dimensionScores,
  sustainable: z.boolean(),
  threshold: share,
  /** `{}` once the person's data was erased (the numbers stay). */
  answers: z.record(z.string(), z.string()),
});
export const scoresSchema = z.object({
  items: z.array(scoreSchema),
  /** The last score minus the first of the same instrument; null with fewer than two. */
  change: z.object({ from_taken_on: z.string(), to_taken_on: z.string(), economic: z.number(), social: z.number(), psychosocial: z.number(), composite: z.number() }).nullable(),
});

const scoreMeans = z.object({ returnees: z.number(), economic: share.nullable(), social: share.nullable(), psychosocial: share.nullable(), composite: share.nullable(), share_sustainable: share.nullable() });
export const dashboardSchema = z.object({
  from: z.string(),
  to: z.string(),
  org_unit: orgUnitRefSchema.nullable(),
  arrivals_by_month: z.array(z.object({ month: z.string(), returned_from_iso3: z.string(), return_how: z.enum(RETURN_HOW), count: z.number() })),
  cases_by_status: z.array(z.object({ status: z.enum(CASE_STATUSES), count: z.number() })),
  overdue_plans: z.number(),
  referrals_by_partner: z.array(z.object({ partner: z.string(), partner_response: z.enum(REFERRAL_RESPONSES).nullable(), outcome: z.enum(REFERRAL_OUTCOMES).nullable(), count: z.number() })),
  closure_reasons: z.array(z.object({ reason: z.enum(CLOSURE_REASONS), count: z.number() })),
  scores: z.object({
    instrument: z.object({ id: z.string(), code: z.string(), version: z.string(), name: z.string(), threshold: share }).nullable(),
    by_org_unit: z.array(scoreMeans.extend({ org_unit: orgUnitRefSchema })),
    by_period: z.array(scoreMeans.extend({ period: z.string() })),
    total: scoreMeans,
  }),
});

// --- Presenters ---

export const today = () => new Date().toISOString().slice(0, 10);

export function presentSummary(r: CaseListRow, locale: Locale, on = today()): z.infer<typeof caseSummarySchema> {
  const c = r.case;
  return {
    id: c.id,
    reference: c.reference,
    person: c.personId && r.personGivenName !== null ? { id: c.personId, given_name: r.personGivenName, family_name: r.personFamilyName ?? '' } : null,
    org_unit: { code: r.orgUnitCode, name: localName({ nameEs: r.orgUnitNameEs, nameEn: r.orgUnitNameEn }, locale), kind: r.orgUnitKind },
    caseworker: c.caseworkerId ? { id: c.caseworkerId, name: r.caseworkerName ?? '' } : null,
    arrival_date: c.arrivalDate,
    returned_from_iso3: c.returnedFromIso3,
    return_how: c.returnHow,
    return_category: c.returnCategory,
    status: c.status,
    plan_due_date: c.planDueDate,
    overdue: isOverdue(c.status, c.planDueDate, on),
  };
}

/** The protected fields opened (they are sealed at rest: `openProtected` in cases.ts). */
export interface OpenProtected {
  psychosocialNotes: string | null;
  traffickingIndication: boolean | null;
  violenceIndication: boolean | null;
}

/** The protected fields: values only when `revealed` (after the password again); otherwise null with the marker. */
export function presentSensitive(row: OpenProtected | undefined, revealed: boolean, canReveal: boolean): z.infer<typeof sensitiveSchema> {
  return {
    psychosocial_notes: revealed ? (row?.psychosocialNotes ?? null) : null,
    trafficking_indication: revealed ? (row?.traffickingIndication ?? null) : null,
    violence_indication: revealed ? (row?.violenceIndication ?? null) : null,
    protected: !revealed,
    can_reveal: canReveal,
  };
}

export const presentActivity = (a: CaseParts['activities'][number]): z.infer<typeof activitySchema> => ({
  id: a.id,
  need: a.need,
  response: a.response,
  partner: a.partner,
  start_date: a.startDate,
  end_date: a.endDate,
  cost: a.cost,
  currency: a.currency,
  status: a.status,
  notes: a.notes,
});

export const presentReferral = (r: CaseParts['referrals'][number]): z.infer<typeof referralSchema> => ({
  id: r.id,
  partner: r.partner,
  service: r.service,
  basis: r.overrideReason !== null ? 'override' : 'consent',
  consent_id: r.consentId,
  override_reason: r.overrideReason,
  partner_response: r.partnerResponse,
  responded_at: isoDate(r.respondedAt),
  outcome: r.outcome,
  outcome_notes: r.outcomeNotes,
  created_at: isoDate(r.createdAt)!,
});

export const presentFollowUp = (f: CaseParts['followUps'][number]): z.infer<typeof followUpSchema> => ({ id: f.id, scheduled_on: f.scheduledOn, done_on: f.doneOn, channel: f.channel, notes: f.notes });

/** A case with everything its answer shows: its parts, its protected fields when revealed, what the reader may do now. */
export interface CaseView {
  row: CaseListRow;
  parts: CaseParts;
  /** The protected fields opened, when the step-up allowed it; otherwise they are masked. */
  opened?: OpenProtected;
  revealed: boolean;
  canReveal: boolean;
  allowedActions: CaseAction[];
}

export function presentCase({ row: r, parts, opened, revealed, canReveal, allowedActions: allowed }: CaseView, locale: Locale): z.infer<typeof caseSchema> {
  const c = r.case;
  const sensitive = presentSensitive(opened, revealed, canReveal);
  return {
    ...presentSummary(r, locale),
    household_size: c.householdSize,
    immediate_needs: c.immediateNeeds,
    plan_submitted_at: isoDate(c.planSubmittedAt),
    plan_approved_at: isoDate(c.planApprovedAt),
    closure_reason: c.closureReason,
    closure_note: c.closureNote,
    closure_requested_at: isoDate(c.closureRequestedAt),
    closed_at: isoDate(c.closedAt),
    erased: c.erasedAt !== null,
    allowed_actions: allowed,
    sensitive,
    assessments: parts.assessments.map((a) => ({ id: a.id, kind: a.kind, answers: a.answers, assessed_at: isoDate(a.assessedAt)! })),
    activities: parts.activities.map(presentActivity),
    referrals: parts.referrals.map(presentReferral),
    follow_ups: parts.followUps.map(presentFollowUp),
  };
}

export const presentHistory = (events: Awaited<ReturnType<typeof caseHistory>>): z.infer<typeof historySchema>['items'] =>
  events.map((e) => ({ at: isoDate(e.at)!, actor: e.actorLabel, action: e.action, from_status: e.fromStatus, to_status: e.toStatus, detail: e.detail }));

export const presentCaseload = (page: { rows: CaseListRow[]; on: string; total: number; page: number; page_size: number }, locale: Locale): z.infer<typeof caseloadSchema> => ({
  items: page.rows.map((r) => presentSummary(r, locale, page.on)),
  total: page.total,
  page: page.page,
  page_size: page.page_size,
});

/** The case file of an export: the case as its answer shows it (without what the reader may do now) and its history. */
export function presentExport(file: { exportedAt: Date; view: CaseView; history: Awaited<ReturnType<typeof caseHistory>> }, locale: Locale): z.infer<typeof exportSchema> {
  const { allowed_actions: _omit, ...exported } = presentCase(file.view, locale);
  return { exported_at: file.exportedAt.toISOString(), case: exported, history: presentHistory(file.history) };
}

export const presentPlan = (plan: { row: CaseListRow; activities: CaseParts['activities']; proposals: z.infer<typeof planSchema>['proposals'] }, on = today()): z.infer<typeof planSchema> => ({
  status: plan.row.case.status,
  plan_due_date: plan.row.case.planDueDate,
  overdue: isOverdue(plan.row.case.status, plan.row.case.planDueDate, on),
  activities: plan.activities.map(presentActivity),
  proposals: plan.proposals,
});

interface SupervisionView {
  on: string;
  plansWaiting: CaseListRow[];
  closuresWaiting: CaseListRow[];
  overdue: CaseListRow[];
  caseload: z.infer<typeof supervisionSchema>['caseload'];
  caseworkers: { id: string; name: string; units: { code: string; nameEs: string; nameEn: string }[] }[];
}

export function presentSupervision(s: SupervisionView, locale: Locale): z.infer<typeof supervisionSchema> {
  const present = (rows: CaseListRow[]) => rows.map((r) => presentSummary(r, locale, s.on));
  return {
    plans_waiting: present(s.plansWaiting),
    closures_waiting: present(s.closuresWaiting),
    overdue: present(s.overdue),
    caseload: s.caseload,
    caseworkers: s.caseworkers.map((w) => ({ id: w.id, name: w.name, units: w.units.map((u) => ({ code: u.code, name: localName(u, locale) })) })),
  };
}

export type InstrumentRow = typeof rnInstruments.$inferSelect;

export function presentInstrumentSummary(row: InstrumentRow, locale: Locale): z.infer<typeof instrumentSummarySchema> {
  const def = row.definition;
  return { id: row.id, code: row.code, version: row.version, name: localText(def.name, locale), active: row.active, loaded_at: isoDate(row.loadedAt)!, items_count: def.dimensions.reduce((n, d) => n + d.items.length, 0) };
}

/** The instrument with every text in the reader's language; weights as given in the file. */
export function presentInstrument(row: InstrumentRow, locale: Locale): z.infer<typeof instrumentSchema> {
  const def: InstrumentDefinition = row.definition;
  const { items_count: _count, ...summary } = presentInstrumentSummary(row, locale);
  return {
    ...summary,
    description: def.description ? localText(def.description, locale) : null,
    threshold: def.threshold,
    dimensions: def.dimensions.map((d) => ({
      code: d.code,
      weight: d.weight,
      items: d.items.map((item) => ({ code: item.code, weight: item.weight, question: localText(item.question, locale), options: item.options.map((o) => ({ code: o.code, score: o.score, label: localText(o.label, locale) })) })),
    })),
  };
}

/** A score with what the reader needs of the instrument that produced it. */
export interface ScoreRow {
  score: typeof rnScores.$inferSelect;
  instrument: { id: string; code: string; version: string; name: LocalisedText; threshold: number };
}

export const presentScore = ({ score: s, instrument: i }: ScoreRow, locale: Locale): z.infer<typeof scoreSchema> => ({
  id: s.id,
  occasion: s.occasion,
  follow_up_id: s.followUpId,
  taken_on: s.takenOn,
  instrument: { id: i.id, code: i.code, version: i.version, name: localText(i.name, locale) },
  economic: s.economic,
  social: s.social,
  psychosocial: s.psychosocial,
  composite: s.composite,
  sustainable: s.sustainable,
  threshold: i.threshold,
  answers: s.answers,
});
