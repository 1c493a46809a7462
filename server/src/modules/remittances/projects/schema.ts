import { sql } from 'drizzle-orm';
import { boolean, customType, type AnyPgColumn, date, doublePrecision, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../../core/access/schema.js';
import { orgUnits } from '../../../core/geo/schema.js';
import { persons } from '../../../core/people/schema.js';
import { PROJECT_STATUSES } from './domain/lifecycle.js';
import { PROJECT_TYPES, type SchemeCriterion, type SchemeParty, type SchemeRule } from './domain/scheme.js';

/**
 * Co-funded community projects (collective remittances, after Mexico's 3x1): migrant associations propose projects
 * in their home localities under a funding scheme; a committee scores them; each party of the scheme puts in its
 * share. Tables are prefixed `rm_`. Money is numeric(14,2), read as numbers.
 */

const money = (name: string) => numeric(name, { precision: 14, scale: 2, mode: 'number' });

/** Files stored in the database, so a backup carries them (≤ 5 MB each, checked before insert). */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (value instanceof Uint8Array ? value : Buffer.from(value as string)),
});

export const ATTACHMENT_PURPOSES = ['registration', 'project', 'minutes', 'agreement', 'progress', 'closure'] as const;
export type AttachmentPurpose = (typeof ATTACHMENT_PURPOSES)[number];

/** Registration documents, project files, minutes, agreements and photos. Unlinked ones are their uploader's only. */
export const rmAttachments = pgTable(
  'rm_attachments',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    fileName: text('file_name').notNull(),
    contentType: text('content_type', { enum: ['application/pdf', 'image/jpeg', 'image/png'] }).notNull(),
    size: integer('size').notNull(),
    data: bytea('data').notNull(),
    /** What the file is for, set when it is linked; it is then visible to whoever sees that association or project. */
    purpose: text('purpose', { enum: ATTACHMENT_PURPOSES }),
    associationId: uuid('association_id').references((): AnyPgColumn => rmAssociations.id),
    projectId: uuid('project_id').references((): AnyPgColumn => rmProjects.id),
    uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('rm_attachments_project_idx').on(t.projectId), index('rm_attachments_association_idx').on(t.associationId)],
);

/** Migrant associations (hometown clubs). The contact is a person of the core registry, so erasure reaches it. */
export const rmAssociations = pgTable('rm_associations', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  name: text('name').notNull(),
  /** The country of residence, as an org unit (its code is the ISO3). */
  residenceOrgUnitId: uuid('residence_org_unit_id')
    .notNull()
    .references(() => orgUnits.id),
  residenceCity: text('residence_city').notNull(),
  membersCount: integer('members_count').notNull(),
  contactPersonId: uuid('contact_person_id').references(() => persons.id, { onDelete: 'set null' }),
  registrationDocumentId: uuid('registration_document_id').references(() => rmAttachments.id),
  status: text('status', { enum: ['pending', 'validated', 'rejected'] }).notNull().default('pending'),
  validatedAt: timestamp('validated_at', { withTimezone: true }),
  validatedBy: uuid('validated_by').references(() => users.id, { onDelete: 'set null' }),
  rejectionReason: text('rejection_reason'),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Users who act for an association (its representatives on the platform). */
export const rmAssociationMembers = pgTable(
  'rm_association_members',
  {
    associationId: uuid('association_id')
      .notNull()
      .references(() => rmAssociations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.associationId, t.userId] }), index('rm_association_members_user_idx').on(t.userId)],
);

/** Funding schemes as data; parties, rules and criteria are checked by domain/scheme.ts before they are stored. */
export const rmSchemes = pgTable('rm_schemes', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  currency: text('currency').notNull(),
  parties: jsonb('parties').$type<SchemeParty[]>().notNull(),
  rules: jsonb('rules').$type<SchemeRule[]>().notNull(),
  criteria: jsonb('criteria').$type<SchemeCriterion[]>().notNull(),
  minScore: numeric('min_score', { precision: 4, scale: 2, mode: 'number' }).notNull(),
  active: boolean('active').notNull().default(true),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export interface CommitmentRow {
  party: string;
  share_pct: number;
  /** In cents. */
  committed: number;
}

export const rmProjects = pgTable(
  'rm_projects',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    reference: text('reference').notNull().unique(),
    associationId: uuid('association_id')
      .notNull()
      .references(() => rmAssociations.id),
    schemeId: uuid('scheme_id')
      .notNull()
      .references(() => rmSchemes.id),
    /** The locality the project is built in: scope checks read its path. */
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    projectType: text('project_type', { enum: PROJECT_TYPES }).notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    budget: money('budget').notNull(),
    expectedBeneficiaries: integer('expected_beneficiaries').notNull(),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    status: text('status', { enum: PROJECT_STATUSES }).notNull().default('submitted'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    // Completeness check.
    checkComplete: boolean('check_complete'),
    checkMissing: jsonb('check_missing').$type<string[]>(),
    checkNote: text('check_note'),
    checkedBy: uuid('checked_by').references(() => users.id, { onDelete: 'set null' }),
    checkedAt: timestamp('checked_at', { withTimezone: true }),
    // Committee decision.
    decision: text('decision', { enum: ['approved', 'rejected'] }),
    decisionReasons: text('decision_reasons'),
    decisionMinutes: text('decision_minutes'),
    minutesAttachmentId: uuid('minutes_attachment_id').references(() => rmAttachments.id),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** Fixed at approval: each party's share of the budget in cents (domain/money.ts splitByShares). */
    commitments: jsonb('commitments').$type<CommitmentRow[]>().notNull().default([]),
    // Agreement.
    agreementNumber: text('agreement_number'),
    agreementSignedOn: date('agreement_signed_on', { mode: 'string' }),
    agreementAttachmentId: uuid('agreement_attachment_id').references(() => rmAttachments.id),
    agreementBy: uuid('agreement_by').references(() => users.id, { onDelete: 'set null' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('rm_projects_association_idx').on(t.associationId), index('rm_projects_org_unit_idx').on(t.orgUnitId), index('rm_projects_status_idx').on(t.status)],
);

/** The project's history: every step with who took it and the status it left. */
export const rmProjectEvents = pgTable(
  'rm_project_events',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    projectId: uuid('project_id')
      .notNull()
      .references(() => rmProjects.id, { onDelete: 'cascade' }),
    step: text('step').notNull(),
    statusAfter: text('status_after', { enum: PROJECT_STATUSES }).notNull(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    note: text('note'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('rm_project_events_project_idx').on(t.projectId, t.at)],
);

/** One committee member's sheet for one project, replaced until the decision. */
export const rmScoreSheets = pgTable(
  'rm_score_sheets',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => rmProjects.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id')
      .notNull()
      .references(() => users.id),
    scores: jsonb('scores').$type<{ criterion: string; score: number; comment: string | null }[]>().notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.memberId] })],
);

/** The ledger: money each party paid in. The idempotency key makes a retried entry a no-op. */
export const rmContributions = pgTable(
  'rm_contributions',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    projectId: uuid('project_id')
      .notNull()
      .references(() => rmProjects.id, { onDelete: 'cascade' }),
    party: text('party').notNull(),
    amount: money('amount').notNull(),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    reference: text('reference').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id, { onDelete: 'set null' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('rm_contributions_idempotency_uq').on(t.projectId, t.idempotencyKey)],
);

/** Quarterly progress: physical % and cumulative spending. One per quarter. */
export const rmProgressReports = pgTable(
  'rm_progress_reports',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    projectId: uuid('project_id')
      .notNull()
      .references(() => rmProjects.id, { onDelete: 'cascade' }),
    period: text('period').notNull(),
    physicalPct: numeric('physical_pct', { precision: 5, scale: 2, mode: 'number' }).notNull(),
    spent: money('spent').notNull(),
    narrative: text('narrative').notNull(),
    photoIds: jsonb('photo_ids').$type<string[]>().notNull().default([]),
    reportedBy: uuid('reported_by').references(() => users.id, { onDelete: 'set null' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('rm_progress_reports_period_uq').on(t.projectId, t.period)],
);

/** Outcomes recorded when the project is closed. */
export const rmClosures = pgTable('rm_closures', {
  projectId: uuid('project_id')
    .primaryKey()
    .references(() => rmProjects.id, { onDelete: 'cascade' }),
  beneficiaries: integer('beneficiaries').notNull(),
  jobsCreated: integer('jobs_created').notNull(),
  outcome: text('outcome').notNull(),
  photoIds: jsonb('photo_ids').$type<string[]>().notNull().default([]),
  closedBy: uuid('closed_by').references(() => users.id, { onDelete: 'set null' }),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
});
