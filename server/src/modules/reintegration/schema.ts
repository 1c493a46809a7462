import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../core/access/schema.js';
import { orgUnits } from '../../core/geo/schema.js';
import { consents, persons } from '../../core/people/schema.js';
import { ASSESSMENT_KINDS } from './domain/assessments.js';
import { NEED_CODES, RESPONSES } from './domain/grid.js';
import type { InstrumentDefinition } from './domain/instrument.js';
import { CASE_STATUSES, CLOSURE_REASONS } from './domain/lifecycle.js';
import { withoutApprovedPlanSql } from './domain/overdue.js';
import { OCCASIONS } from './domain/scoring.js';

/**
 * Returnee reintegration cases (issue 5). A case points at a person of the core registry; when the person is
 * erased the link becomes null and the case row stays, without personal fields, for the statistics. Tables are
 * prefixed `rn_`. Money is numeric(14,2), read as numbers.
 */

const money = (name: string) => numeric(name, { precision: 14, scale: 2, mode: 'number' });
const at = (name: string) => timestamp(name, { withTimezone: true });
const day = (name: string) => date(name, { mode: 'string' });

export const RETURN_HOW = ['voluntary', 'assisted_voluntary', 'forced'] as const;

export const rnCases = pgTable(
  'rn_cases',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    /** RN-YYYY-NNNNN, numbered per year of registration. */
    reference: text('reference').notNull().unique(),
    personId: uuid('person_id').references(() => persons.id, { onDelete: 'set null' }),
    /**
     * The person's folded name (`unaccent_fold(given_name || ' ' || family_name)`), kept by triggers (migration 0012)
     * so the caseload's name search is read from the caseload index itself. Null without a person (erased).
     */
    searchName: text('search_name'),
    /** Where the case is followed (reception centre, municipality): the scope it is read and written in. */
    orgUnitId: uuid('org_unit_id').notNull().references(() => orgUnits.id),
    caseworkerId: uuid('caseworker_id').references(() => users.id, { onDelete: 'set null' }),
    arrivalDate: day('arrival_date').notNull(),
    returnedFromIso3: text('returned_from_iso3').notNull(),
    returnHow: text('return_how', { enum: RETURN_HOW }).notNull(),
    /** A code of the country's return categories (`rn_return_categories`), where its law has them. */
    returnCategory: text('return_category'),
    householdSize: integer('household_size').notNull(),
    immediateNeeds: text('immediate_needs', { enum: NEED_CODES }).array().notNull().default(sql`'{}'::text[]`),
    status: text('status', { enum: CASE_STATUSES }).notNull().default('registered'),
    planDueDate: day('plan_due_date').notNull(),
    planSubmittedAt: at('plan_submitted_at'),
    planApprovedAt: at('plan_approved_at'),
    planApprovedBy: uuid('plan_approved_by').references(() => users.id, { onDelete: 'set null' }),
    closureReason: text('closure_reason', { enum: CLOSURE_REASONS }),
    closureNote: text('closure_note'),
    closureRequestedAt: at('closure_requested_at'),
    closedAt: at('closed_at'),
    /** Set when the person's data was erased: personal fields are gone, the row stays for the counts. */
    erasedAt: at('erased_at'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    // The caseload: scope (org unit) with status, overdue plans, caseworker and category filters, newest first.
    // Its main index, rn_cases_caseload_idx (org_unit_id, status, arrival_date) INCLUDE (the columns the caseload
    // filters and orders on, search_name too), and rn_cases_search_name_trgm_idx are hand-written in
    // 0012_case_search_name.sql: drizzle cannot declare INCLUDE nor trigram operator classes.
    index('rn_cases_overdue_idx').on(t.planDueDate).where(withoutApprovedPlanSql(sql.raw('status'))),
    index('rn_cases_caseworker_status_idx').on(t.caseworkerId, t.status),
    index('rn_cases_category_idx').on(t.returnCategory),
    index('rn_cases_person_idx').on(t.personId),
    index('rn_cases_arrival_idx').on(t.arrivalDate),
  ],
);

/** Return categories of a country's law (configurable; the seeded ones are examples, marked as such). */
export const rnReturnCategories = pgTable(
  'rn_return_categories',
  {
    countryIso3: text('country_iso3').notNull(),
    code: text('code').notNull(),
    labelEs: text('label_es').notNull(),
    labelEn: text('label_en').notNull(),
    position: integer('position').notNull(),
    example: boolean('example').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.countryIso3, t.code] })],
);

/** The response grid: which responses the plan proposes for each need, in order. Seeded with mide's default. */
export const rnResponseGrid = pgTable(
  'rn_response_grid',
  {
    need: text('need', { enum: NEED_CODES }).notNull(),
    response: text('response', { enum: RESPONSES }).notNull(),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.need, t.response] })],
);

export const rnAssessments = pgTable(
  'rn_assessments',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    caseId: uuid('case_id').notNull().references(() => rnCases.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ASSESSMENT_KINDS }).notNull(),
    /** Validated by the kind's zod schema (domain/assessments.ts); `{}` once the person is erased. */
    answers: jsonb('answers').$type<Record<string, unknown>>().notNull(),
    assessedBy: uuid('assessed_by').references(() => users.id, { onDelete: 'set null' }),
    assessedAt: at('assessed_at').notNull().defaultNow(),
  },
  (t) => [index('rn_assessments_case_idx').on(t.caseId, t.kind, t.assessedAt)],
);

/**
 * Fields that need `cases.protected` to be read (and the password again to be shown): kept in their own table so
 * no query of the case can return them by accident. Each value is sealed (`core/keys/`: AES-256-GCM under a data
 * key, bound to this table, its column and the case id); the indications are sealed `true` / `false`. Null is no
 * value recorded.
 */
export const rnCaseProtected = pgTable('rn_case_protected', {
  caseId: uuid('case_id').primaryKey().references(() => rnCases.id, { onDelete: 'cascade' }),
  psychosocialNotes: text('psychosocial_notes'),
  traffickingIndication: text('trafficking_indication'),
  violenceIndication: text('violence_indication'),
  updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

export const ACTIVITY_STATUSES = ['planned', 'in_progress', 'done', 'cancelled'] as const;

export const rnPlanActivities = pgTable(
  'rn_plan_activities',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    caseId: uuid('case_id').notNull().references(() => rnCases.id, { onDelete: 'cascade' }),
    need: text('need', { enum: NEED_CODES }).notNull(),
    response: text('response', { enum: RESPONSES }).notNull(),
    /** The responsible partner organisation. */
    partner: text('partner').notNull(),
    startDate: day('start_date'),
    endDate: day('end_date'),
    /** Planned cost, in the currency of the country (`currency`, ISO 4217). */
    cost: money('cost'),
    currency: text('currency'),
    status: text('status', { enum: ACTIVITY_STATUSES }).notNull().default('planned'),
    notes: text('notes'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [index('rn_plan_activities_case_idx').on(t.caseId)],
);

export const REFERRAL_RESPONSES = ['accepted', 'refused'] as const;
export const REFERRAL_OUTCOMES = ['service_provided', 'partially_provided', 'not_provided', 'returnee_declined'] as const;

export const rnReferrals = pgTable(
  'rn_referrals',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    caseId: uuid('case_id').notNull().references(() => rnCases.id, { onDelete: 'cascade' }),
    partner: text('partner').notNull(),
    service: text('service').notNull(),
    /** The sharing consent that allowed it; null when a user with `consent.override` gave a reason instead. */
    consentId: uuid('consent_id').references(() => consents.id, { onDelete: 'set null' }),
    overrideReason: text('override_reason'),
    overrideBy: uuid('override_by').references(() => users.id, { onDelete: 'set null' }),
    partnerResponse: text('partner_response', { enum: REFERRAL_RESPONSES }),
    respondedAt: at('responded_at'),
    outcome: text('outcome', { enum: REFERRAL_OUTCOMES }),
    outcomeNotes: text('outcome_notes'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('rn_referrals_case_idx').on(t.caseId), index('rn_referrals_partner_idx').on(t.partner)],
);

export const rnFollowUps = pgTable(
  'rn_follow_ups',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    caseId: uuid('case_id').notNull().references(() => rnCases.id, { onDelete: 'cascade' }),
    scheduledOn: day('scheduled_on').notNull(),
    doneOn: day('done_on'),
    channel: text('channel', { enum: ['visit', 'phone', 'office', 'online'] }),
    notes: text('notes'),
    recordedBy: uuid('recorded_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('rn_follow_ups_case_idx').on(t.caseId, t.scheduledOn)],
);

/** The case's history: every transition and every piece of work on it, in order (the audit log has the who and where too). */
export const rnCaseEvents = pgTable(
  'rn_case_events',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    caseId: uuid('case_id').notNull().references(() => rnCases.id, { onDelete: 'cascade' }),
    at: at('at').notNull().defaultNow(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    fromStatus: text('from_status', { enum: CASE_STATUSES }),
    toStatus: text('to_status', { enum: CASE_STATUSES }),
    /** Codes and ids only (closure reason, activity id, partner): free text stays in its own table. */
    detail: jsonb('detail').$type<Record<string, string | number | null>>().notNull().default(sql`'{}'::jsonb`),
  },
  (t) => [index('rn_case_events_case_idx').on(t.caseId, t.at)],
);

/**
 * Versions of the sustainability survey (`domain/instrument.ts`). The definition is kept whole, as loaded, so a score
 * can always be read against the version that produced it; exactly one version is active (the partial unique index).
 */
export const rnInstruments = pgTable(
  'rn_instruments',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    code: text('code').notNull(),
    version: text('version').notNull(),
    definition: jsonb('definition').$type<InstrumentDefinition>().notNull(),
    active: boolean('active').notNull().default(false),
    /** Null for the version seeded from the bundled file. */
    loadedBy: uuid('loaded_by').references(() => users.id, { onDelete: 'set null' }),
    loadedAt: at('loaded_at').notNull().defaultNow(),
  },
  (t) => [unique('rn_instruments_code_version_key').on(t.code, t.version), uniqueIndex('rn_instruments_one_active_idx').on(t.active).where(sql`active`)],
);

const score = (name: string) => numeric(name, { precision: 5, scale: 4, mode: 'number' });

/** Sustainability scores of a case, at the plan and at follow-ups. The numbers outlive the answers (erasure, retention). */
export const rnScores = pgTable(
  'rn_scores',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    caseId: uuid('case_id').notNull().references(() => rnCases.id, { onDelete: 'cascade' }),
    instrumentId: uuid('instrument_id').notNull().references(() => rnInstruments.id),
    occasion: text('occasion', { enum: OCCASIONS }).notNull(),
    followUpId: uuid('follow_up_id').references(() => rnFollowUps.id, { onDelete: 'set null' }),
    takenOn: day('taken_on').notNull(),
    /** `{ item_code: option_code }`; `{}` once the person is erased or the retention period has passed. */
    answers: jsonb('answers').$type<Record<string, string>>().notNull(),
    economic: score('economic').notNull(),
    social: score('social').notNull(),
    psychosocial: score('psychosocial').notNull(),
    composite: score('composite').notNull(),
    sustainable: boolean('sustainable').notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('rn_scores_case_idx').on(t.caseId, t.takenOn),
    uniqueIndex('rn_scores_follow_up_idx').on(t.followUpId),
    // The dashboard reads the active instrument's scores of a period.
    index('rn_scores_instrument_taken_idx').on(t.instrumentId, t.takenOn),
  ],
);
