import { sql } from 'drizzle-orm';
import { index, pgTable, primaryKey, smallint, text, timestamp, unique, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { ORG_UNIT_CODE_SCHEMES } from './codes.js';

/**
 * Org units (after DHIS2): world > UN region > subregion > country > first-level division > municipality.
 * `path` holds the codes from the root, so a subtree is `path LIKE '<scope path>%'`.
 */
export const orgUnits = pgTable(
  'org_units',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    code: text('code').notNull().unique(),
    kind: text('kind', { enum: ['world', 'region', 'country', 'division', 'municipality'] }).notNull(),
    depth: smallint('depth').notNull(),
    parentId: uuid('parent_id').references((): AnyPgColumn => orgUnits.id),
    path: text('path').notNull(),
    nameEs: text('name_es').notNull(),
    nameEn: text('name_en').notNull(),
    iso2: text('iso2'),
    m49: text('m49'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('org_units_path_idx').using('btree', t.path.op('text_pattern_ops')), index('org_units_parent_idx').on(t.parentId)],
);

/**
 * The other codes of an org unit besides its own `code` (see codes.ts): at most one per scheme for a unit, and a code
 * names one unit only within its scheme. Stored in capitals, as unit codes are.
 */
export const orgUnitCodes = pgTable(
  'org_unit_codes',
  {
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'cascade' }),
    scheme: text('scheme', { enum: ORG_UNIT_CODE_SCHEMES }).notNull(),
    code: text('code').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgUnitId, t.scheme] }), unique('org_unit_codes_scheme_code_key').on(t.scheme, t.code), index('org_unit_codes_code_idx').on(t.code)],
);
