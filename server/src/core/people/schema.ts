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
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('persons_org_unit_idx').on(t.orgUnitId)],
);

export const consents = pgTable(
  'consents',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    personId: uuid('person_id').notNull().references(() => persons.id, { onDelete: 'cascade' }),
    purpose: text('purpose').notNull(),
    scope: text('scope').notNull(),
    channel: text('channel', { enum: ['in_person', 'phone', 'online', 'paper_form'] }).notNull(),
    givenAt: timestamp('given_at', { withTimezone: true }).notNull().defaultNow(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    recordedBy: uuid('recorded_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [index('consents_person_idx').on(t.personId)],
);
