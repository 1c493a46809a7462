import { sql } from 'drizzle-orm';
import { date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { orgUnits } from '../geo/schema.js';
import { users } from '../access/schema.js';

/** One registry of people; modules keep their own records that point here. */
export const persons = pgTable(
  'persons',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    orgUnitId: uuid('org_unit_id').notNull().references(() => orgUnits.id),
    givenName: text('given_name').notNull(),
    familyName: text('family_name').notNull(),
    birthDate: date('birth_date', { mode: 'string' }),
    sex: text('sex', { enum: ['female', 'male', 'other', 'unknown'] }).notNull().default('unknown'),
    nationalityIso3: text('nationality_iso3'),
    phone: text('phone'),
    email: text('email'),
    /** Languages the person speaks, as ISO 639-1 codes (es, en, pt, fr, ht, k'iche' as quc…). */
    languages: text('languages').array().notNull().default(sql`'{}'::text[]`),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // Hand-written in migrations (expressions drizzle cannot declare): persons_name_trgm_idx (0008, similar and
  // searched names). A trigger (0012) copies the folded name to the person's reintegration cases.
  (t) => [index('persons_org_unit_idx').on(t.orgUnitId), index('persons_birth_date_idx').on(t.birthDate)],
);

export const DOCUMENT_KINDS = ['passport', 'national_id', 'birth_certificate', 'consular_id', 'other'] as const;

/**
 * Identity documents. `number` is sealed (`core/keys/`, bound to this table and the document's id); `number_key` is
 * the blind index of the number's letters and digits in upper case (an HMAC under a key of its own), what duplicates
 * and the caseload's document search are matched on, so equal documents are found without the numbers in clear.
 */
export const personDocuments = pgTable(
  'person_documents',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    personId: uuid('person_id').notNull().references(() => persons.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: DOCUMENT_KINDS }).notNull(),
    number: text('number').notNull(),
    numberKey: text('number_key').notNull(),
    issuingCountryIso3: text('issuing_country_iso3'),
  },
  (t) => [index('person_documents_person_idx').on(t.personId), index('person_documents_number_key_idx').on(t.numberKey)],
);

/** What a consent is for: the purposes a caseworker asks about (sharing names the partner it is given for). */
export const CONSENT_PURPOSES = ['registration', 'sharing', 'follow_up', 'statistics'] as const;

export const consents = pgTable(
  'consents',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    personId: uuid('person_id').notNull().references(() => persons.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: CONSENT_PURPOSES }).notNull(),
    /** The named partner organisation a `sharing` consent is given for; null for the other purposes. */
    partner: text('partner'),
    /** What the person was told and agreed to, in the caseworker's words. */
    scope: text('scope').notNull(),
    channel: text('channel', { enum: ['in_person', 'phone', 'online', 'paper_form'] }).notNull(),
    givenAt: timestamp('given_at', { withTimezone: true }).notNull().defaultNow(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    recordedBy: uuid('recorded_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [index('consents_person_idx').on(t.personId)],
);
