import { sql } from 'drizzle-orm';
import { boolean, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../core/access/schema.js';

/**
 * Evidence: an indicator store after DHIS2. Sources (with vintage and licence) -> data elements (one release of one
 * series each) -> values keyed by data element, org unit, period and disaggregations. Indicators are formulas over
 * data elements, stored as data. Tables are prefixed `ev_`.
 */

/** One release of a publisher's data (a bundled file, or a national series an officer imports). */
export const evSources = pgTable('ev_sources', {
  id: text('id').primaryKey(),
  titleEs: text('title_es').notNull(),
  titleEn: text('title_en').notNull(),
  publisher: text('publisher').notNull(),
  licence: text('licence').notNull(),
  /** The release: "2020 revision", "May 2024 pull", or the import date for national series. */
  vintage: text('vintage').notNull(),
  url: text('url'),
  /** published | estimate (modelled figures the interface must label) | national (imported by an officer). */
  kind: text('kind', { enum: ['published', 'estimate', 'national'] }).notNull(),
  /** Bundled file this source is loaded from, its SHA-256 and how many values it gave. */
  fileName: text('file_name'),
  contentHash: text('content_hash'),
  rows: integer('rows').notNull().default(0),
  loadedAt: timestamp('loaded_at', { withTimezone: true }),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A raw series. `sourceId` is the one release it holds: ratios over data elements never mix vintages silently. */
export const evDataElements = pgTable('ev_data_elements', {
  id: text('id').primaryKey(),
  nameEs: text('name_es').notNull(),
  nameEn: text('name_en').notNull(),
  descriptionEs: text('description_es').notNull().default(''),
  descriptionEn: text('description_en').notNull().default(''),
  /** persons | usd | usd_million | pct | number | per_1000 | index */
  unit: text('unit').notNull(),
  periodType: text('period_type', { enum: ['year', 'quarter', 'month'] }).notNull(),
  /** `sum`: values add up over org units (regional totals are computed); `none`: they do not (rates, %). */
  aggregation: text('aggregation', { enum: ['sum', 'none'] }).notNull(),
  /** Values carry a counterpart area (origin, sender): `partner` in the values table. */
  bilateral: boolean('bilateral').notNull().default(false),
  bySex: boolean('by_sex').notNull().default(false),
  /** Source code in the publisher's catalogue (e.g. BX.TRF.PWKR.CD.DT). */
  code: text('code'),
  sourceId: text('source_id')
    .notNull()
    .references(() => evSources.id),
  bundled: boolean('bundled').notNull().default(false),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Values. `ou` is an org unit code, or a statistical area with no org unit (`XXX` unknown origin, `CHI` Channel
 * Islands, `XKX` Kosovo in World Bank data); `pe` is `2020`, `2020Q1` or `202003`; `partner` the counterpart area of a
 * bilateral series ('' otherwise); `sex` T, M or F; `disagg` the other disaggregations of an imported series as
 * `name=value;name=value` ('' none). `computed`: derived here (sums over areas), not published as such.
 */
export const evValues = pgTable(
  'ev_values',
  {
    de: text('de').notNull(),
    ou: text('ou').notNull(),
    pe: text('pe').notNull(),
    partner: text('partner').notNull().default(''),
    sex: text('sex').notNull().default('T'),
    disagg: text('disagg').notNull().default(''),
    value: doublePrecision('value').notNull(),
    sourceId: text('source_id').notNull(),
    computed: boolean('computed').notNull().default(false),
    importId: uuid('import_id'),
  },
  (t) => [
    primaryKey({ columns: [t.de, t.ou, t.pe, t.partner, t.sex, t.disagg] }),
    index('ev_values_partner_idx').on(t.de, t.partner, t.pe),
    index('ev_values_import_idx').on(t.importId).where(sql`${t.importId} IS NOT NULL`),
  ],
);

/**
 * An indicator: (numerator / denominator) x factor + constant over data elements. Operands are JSON
 * `{de, sex?, partner?, lag?, reduce?}` (see domain/indicators.ts). `publishedDe`: a data element where the source
 * publishes the same ratio; its value is shown instead of the computed one where it exists.
 */
export const evIndicators = pgTable('ev_indicators', {
  id: text('id').primaryKey(),
  nameEs: text('name_es').notNull(),
  nameEn: text('name_en').notNull(),
  descriptionEs: text('description_es').notNull().default(''),
  descriptionEn: text('description_en').notNull().default(''),
  numerator: jsonb('numerator').notNull(),
  denominator: jsonb('denominator'),
  factor: doublePrecision('factor').notNull().default(1),
  constant: doublePrecision('constant').notNull().default(0),
  unit: text('unit').notNull(),
  decimals: integer('decimals').notNull().default(2),
  publishedDe: text('published_de').references(() => evDataElements.id),
  bundled: boolean('bundled').notNull().default(false),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One import of a government's file: who, when, what; its values carry `import_id` so undo removes exactly them. */
export const evImports = pgTable(
  'ev_imports',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    fileName: text('file_name').notNull(),
    contentHash: text('content_hash').notNull(),
    dataElementIds: text('data_element_ids').array().notNull(),
    orgUnitCodes: text('org_unit_codes').array().notNull(),
    /** The lowest org unit containing every row's unit: whoever captures there sees and undoes the import. */
    scopeCode: text('scope_code').notNull(),
    scopePath: text('scope_path').notNull(),
    periodMin: text('period_min'),
    periodMax: text('period_max'),
    rowsRead: integer('rows_read').notNull(),
    rowsImported: integer('rows_imported').notNull(),
    rowsUnchanged: integer('rows_unchanged').notNull(),
    rowsRejected: integer('rows_rejected').notNull(),
    mapping: jsonb('mapping').notNull(),
    status: text('status', { enum: ['imported', 'undone'] }).notNull().default('imported'),
    createdBy: uuid('created_by').references(() => users.id),
    createdByLabel: text('created_by_label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    undoneBy: uuid('undone_by').references(() => users.id),
    undoneByLabel: text('undone_by_label'),
    undoneAt: timestamp('undone_at', { withTimezone: true }),
  },
  (t) => [index('ev_imports_scope_idx').using('btree', t.scopePath.op('text_pattern_ops')), index('ev_imports_created_idx').on(t.createdAt)],
);

/** Profiles built once and served as stored JSON text; emptied whenever data or indicators change. */
export const evProfileCache = pgTable(
  'ev_profile_cache',
  {
    code: text('code').notNull(),
    locale: text('locale').notNull(),
    body: text('body').notNull(),
    builtAt: timestamp('built_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.code, t.locale] })],
);
