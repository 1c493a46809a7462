import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { sendDownload } from '../../core/http/download.js';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../core/context.js';
import { requestContext } from '../../core/http/auth-hooks.js';
import { definedOnly, errorResponses, isoDate } from '../../core/http/presenters.js';
import { isLocale, type Locale } from '../../core/i18n/locales.js';
import { loadCatalogue, queryError, runAnalytics, type AnalyticsTable } from './analytics.js';
import { corridor, stockBetween } from './bilateral.js';
import { operandSchema } from './domain/indicators.js';
import type { ImportMapping } from './domain/mapping.js';
import { tableCsv, tableXlsx } from './export.js';
import { getImport, listImports, presentPreview, previewImport, runImport, undoImport, type ImportRow } from './imports.js';
import { createDataElement, createIndicator, deleteIndicator, updateIndicator, type IndicatorInput } from './manage.js';
import { attributionFor, profileJson, profileSchema } from './profiles.js';

/**
 * Routes of the evidence module. Statistics (profiles, analytics, comparisons, stocks, corridors, catalogues) are
 * public: an official without an account or a journalist can read them. Defining series and indicators, and imports,
 * need `data.import` / `indicators.manage`; imports are scoped to the capture scope (404 outside it).
 */

const list = (max: number) =>
  z
    .string()
    .max(4000)
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(z.string().max(80)).max(max));

const langQuery = { lang: z.enum(['es', 'en', 'pt', 'fr']).optional() };
const pick = (requestLocale: Locale, lang?: string): Locale => (lang && isLocale(lang) ? lang : requestLocale);

const provenanceShape = {
  source_ids: z.array(z.string()),
  source: z.string(),
  publisher: z.string(),
  vintage: z.string(),
  licence: z.string(),
  computed: z.boolean(),
  published: z.boolean(),
  estimate: z.boolean(),
};

const analyticsSchema = z.object({
  dimensions: z.object({
    dx: z.array(z.object({ id: z.string(), name: z.string(), unit: z.string(), kind: z.enum(['data_element', 'indicator']), description: z.string() })),
    ou: z.array(z.object({ code: z.string(), name: z.string(), kind: z.string() })),
    pe: z.array(z.string()),
  }),
  rows: z.array(z.object({ dx: z.string(), ou: z.string(), pe: z.string(), value: z.number(), unit: z.string(), note: z.string().nullable(), ...provenanceShape })),
  attribution: z.string(),
});

const analyticsQuery = {
  dx: list(30),
  ou: list(300),
  pe: list(200).optional(),
  sex: z.enum(['T', 'M', 'F']).optional(),
  partner: z.string().max(10).optional(),
  format: z.enum(['json', 'csv', 'xlsx']).optional(),
  ...langQuery,
};

async function sendTable(reply: FastifyReply, table: AnalyticsTable, format: 'json' | 'csv' | 'xlsx' | undefined, name: string, locale: Locale) {
  const attribution = attributionFor(locale);
  if (format === 'csv') {
    return sendDownload(reply, { fileName: `${name}.csv`, contentType: 'text/csv; charset=utf-8', body: tableCsv(table) });
  }
  if (format === 'xlsx') {
    return sendDownload(reply, { fileName: `${name}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: await tableXlsx(table, 'data', attribution) });
  }
  return { ...table, attribution };
}

const stockSchema = z.object({ year: z.string(), total: z.number().nullable(), male: z.number().nullable(), female: z.number().nullable() });
const areaSchema = z.object({ code: z.string(), name: z.string() });

const mappingSchema = z.strictObject({
  sheet: z.string().max(200).optional(),
  header_row: z.number().int().min(1).max(1_000_000).optional(),
  layout: z.enum(['long', 'wide']),
  org_unit: z.union([
    z.strictObject({ column: z.string().min(1).max(200), within: z.string().max(40).optional(), kind: z.enum(['country', 'division', 'municipality']).optional() }),
    z.strictObject({ code: z.string().min(1).max(40) }),
  ]),
  data_element: z.union([z.strictObject({ column: z.string().min(1).max(200) }), z.strictObject({ id: z.string().min(1).max(80) })]),
  period: z.union([z.strictObject({ column: z.string().min(1).max(200) }), z.strictObject({ code: z.string().min(4).max(8) })]).optional(),
  value: z.string().min(1).max(200).optional(),
  value_columns: z.array(z.string().max(200)).max(2000).optional(),
  disaggregations: z.array(z.strictObject({ column: z.string().min(1).max(200), name: z.string().min(1).max(60) })).max(10).optional(),
  decimal: z.enum(['auto', ',', '.']).optional(),
});
type MappingBody = z.infer<typeof mappingSchema>;

/** The wire's mapping to the one the import reads (and keeps with the import). */
const importMapping = (m: MappingBody): ImportMapping =>
  definedOnly({
    sheet: m.sheet,
    headerRow: m.header_row,
    layout: m.layout,
    orgUnit: m.org_unit,
    dataElement: m.data_element,
    period: m.period,
    value: m.value,
    valueColumns: m.value_columns,
    disaggregations: m.disaggregations,
    decimal: m.decimal,
  });
/** A kept mapping as the API shows it. */
const presentMapping = (m: ImportMapping): MappingBody =>
  definedOnly({
    sheet: m.sheet,
    header_row: m.headerRow,
    layout: m.layout,
    org_unit: m.orgUnit,
    data_element: m.dataElement,
    period: m.period,
    value: m.value,
    value_columns: m.valueColumns,
    disaggregations: m.disaggregations,
    decimal: m.decimal,
  });

const uploadBody = {
  file_name: z.string().trim().min(1).max(300),
  content_base64: z.string().min(1).max(28_000_000),
};

const problemSchema = z.object({ row: z.number(), column: z.string(), column_letter: z.string(), code: z.string(), path: z.string(), message: z.string() });

const importSchema = z.object({
  id: z.string(),
  file_name: z.string(),
  content_hash: z.string(),
  data_element_ids: z.array(z.string()),
  org_unit_codes: z.array(z.string()),
  scope_code: z.string(),
  period_min: z.string().nullable(),
  period_max: z.string().nullable(),
  rows_read: z.number(),
  rows_imported: z.number(),
  rows_unchanged: z.number(),
  rows_rejected: z.number(),
  mapping: mappingSchema,
  status: z.enum(['imported', 'undone']),
  created_by: z.string(),
  created_at: z.string(),
  undone_by: z.string().nullable(),
  undone_at: z.string().nullable(),
});
const presentImport = (r: ImportRow) => ({
  id: r.id,
  file_name: r.fileName,
  content_hash: r.contentHash,
  data_element_ids: r.dataElementIds,
  org_unit_codes: r.orgUnitCodes,
  scope_code: r.scopeCode,
  period_min: r.periodMin,
  period_max: r.periodMax,
  rows_read: r.rowsRead,
  rows_imported: r.rowsImported,
  rows_unchanged: r.rowsUnchanged,
  rows_rejected: r.rowsRejected,
  mapping: presentMapping(r.mapping as ImportMapping),
  status: r.status,
  created_by: r.createdByLabel,
  created_at: isoDate(r.createdAt)!,
  undone_by: r.undoneByLabel,
  undone_at: isoDate(r.undoneAt),
});

const dataElementSchema = z.object({
  id: z.string(),
  name: z.string(),
  name_es: z.string(),
  name_en: z.string(),
  description: z.string(),
  unit: z.string(),
  period_type: z.string(),
  aggregation: z.string(),
  bilateral: z.boolean(),
  by_sex: z.boolean(),
  code: z.string().nullable(),
  source_id: z.string(),
  bundled: z.boolean(),
  importable: z.boolean(),
});
const indicatorSchema = z.object({
  id: z.string(),
  name: z.string(),
  name_es: z.string(),
  name_en: z.string(),
  description: z.string(),
  numerator: operandSchema,
  denominator: operandSchema.nullable(),
  factor: z.number(),
  constant: z.number(),
  unit: z.string(),
  decimals: z.number(),
  published_de: z.string().nullable(),
  bundled: z.boolean(),
});
const indicatorBody = {
  name_es: z.string().trim().min(1).max(300),
  name_en: z.string().trim().max(300).optional(),
  description_es: z.string().max(2000).optional(),
  description_en: z.string().max(2000).optional(),
  numerator: operandSchema,
  denominator: operandSchema.nullable().optional(),
  factor: z.number().finite().optional(),
  constant: z.number().finite().optional(),
  unit: z.string().trim().min(1).max(40),
  decimals: z.number().int().min(0).max(6).optional(),
  published_de: z.string().max(80).nullable().optional(),
};
const indicatorFields = z.strictObject(indicatorBody);
type IndicatorBody = z.infer<typeof indicatorFields>;

/** The wire's indicator fields to the action's, only those sent (a PATCH changes what it names). */
function indicatorInput(b: IndicatorBody): Omit<IndicatorInput, 'id'>;
function indicatorInput(b: Partial<IndicatorBody>): Partial<Omit<IndicatorInput, 'id'>>;
function indicatorInput(b: Partial<IndicatorBody>): Partial<Omit<IndicatorInput, 'id'>> {
  return definedOnly({
    nameEs: b.name_es,
    nameEn: b.name_en,
    descriptionEs: b.description_es,
    descriptionEn: b.description_en,
    numerator: b.numerator,
    denominator: b.denominator,
    factor: b.factor,
    constant: b.constant,
    unit: b.unit,
    decimals: b.decimals,
    publishedDe: b.published_de,
  });
}
const isEs = (l: Locale) => l === 'es' || l === 'pt';
type IndicatorRowLike = Parameters<typeof presentIndicatorRaw>[0];
function presentIndicatorRaw(i: { id: string; nameEs: string; nameEn: string; descriptionEs: string; descriptionEn: string; numerator: unknown; denominator: unknown; factor: number; constant: number; unit: string; decimals: number; publishedDe: string | null; bundled: boolean }, locale: Locale) {
  return {
    id: i.id,
    name: isEs(locale) ? i.nameEs : i.nameEn,
    name_es: i.nameEs,
    name_en: i.nameEn,
    description: isEs(locale) ? i.descriptionEs : i.descriptionEn,
    numerator: i.numerator as z.infer<typeof operandSchema>,
    denominator: (i.denominator ?? null) as z.infer<typeof operandSchema> | null,
    factor: i.factor,
    constant: i.constant,
    unit: i.unit,
    decimals: i.decimals,
    published_de: i.publishedDe,
    bundled: i.bundled,
  };
}
const presentIndicator = (i: IndicatorRowLike, locale: Locale) => presentIndicatorRaw(i, locale);
function presentDataElement(
  d: { id: string; nameEs: string; nameEn: string; descriptionEs: string; descriptionEn: string; unit: string; periodType: string; aggregation: string; bilateral: boolean; bySex: boolean; code: string | null; sourceId: string; bundled: boolean },
  locale: Locale,
) {
  return {
    id: d.id,
    name: isEs(locale) ? d.nameEs : d.nameEn,
    name_es: d.nameEs,
    name_en: d.nameEn,
    description: isEs(locale) ? d.descriptionEs : d.descriptionEn,
    unit: d.unit,
    period_type: d.periodType,
    aggregation: d.aggregation,
    bilateral: d.bilateral,
    by_sex: d.bySex,
    code: d.code,
    source_id: d.sourceId,
    bundled: d.bundled,
    importable: !d.bundled,
  };
}

export const evidenceRoutes =
  (ctx: AppContext): FastifyPluginAsync =>
  async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const tags = ['evidence'];

    app.get(
      '/sources',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'Sources: every release of data with its licence, vintage and load state',
          querystring: z.strictObject(langQuery),
          response: { 200: z.object({ items: z.array(z.object({ id: z.string(), title: z.string(), publisher: z.string(), licence: z.string(), vintage: z.string(), url: z.string().nullable(), kind: z.string(), file_name: z.string().nullable(), content_hash: z.string().nullable(), rows: z.number(), loaded_at: z.string().nullable() })), attribution: z.string() }), ...errorResponses },
        },
      },
      async (request) => {
        const locale = pick(request.locale, request.query.lang);
        const cat = await loadCatalogue(ctx.db);
        return {
          items: [...cat.sources.values()].map((s) => ({ id: s.id, title: isEs(locale) ? s.titleEs : s.titleEn, publisher: s.publisher, licence: s.licence, vintage: s.vintage, url: s.url, kind: s.kind, file_name: s.fileName, content_hash: s.contentHash, rows: s.rows, loaded_at: isoDate(s.loadedAt) })),
          attribution: attributionFor(locale),
        };
      },
    );

    app.get(
      '/data-elements',
      { config: { access: 'public' }, schema: { tags, summary: 'Data elements (raw series) of the indicator store', querystring: z.strictObject(langQuery), response: { 200: z.object({ items: z.array(dataElementSchema) }), ...errorResponses } } },
      async (request) => {
        const locale = pick(request.locale, request.query.lang);
        const cat = await loadCatalogue(ctx.db);
        return { items: [...cat.dataElements.values()].map((d) => presentDataElement(d, locale)) };
      },
    );

    app.post(
      '/data-elements',
      {
        config: { permission: 'data.import' },
        schema: {
          tags,
          summary: 'Define a national series before importing it (e.g. monthly remittances by department)',
          body: z.strictObject({
            id: z.string().trim().regex(/^[a-z][a-z0-9_]{2,59}$/),
            name_es: z.string().trim().min(1).max(300),
            name_en: z.string().trim().max(300).optional(),
            description_es: z.string().max(2000).optional(),
            description_en: z.string().max(2000).optional(),
            unit: z.string().trim().min(1).max(40),
            period_type: z.enum(['year', 'quarter', 'month']),
            aggregation: z.enum(['sum', 'none']),
            publisher: z.string().trim().min(1).max(300),
            licence: z.string().trim().max(200).optional(),
            url: z.url().max(500).nullable().optional(),
          }),
          response: { 201: dataElementSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const b = request.body;
        const input = definedOnly({
          id: b.id,
          nameEs: b.name_es,
          nameEn: b.name_en,
          descriptionEs: b.description_es,
          descriptionEn: b.description_en,
          unit: b.unit,
          periodType: b.period_type,
          aggregation: b.aggregation,
          publisher: b.publisher,
          licence: b.licence,
          url: b.url,
        });
        const d = await createDataElement(requestContext(ctx, request), input);
        return reply.status(201).send(presentDataElement(d, request.locale));
      },
    );

    app.get(
      '/indicators',
      { config: { access: 'public' }, schema: { tags, summary: 'Indicators: numerator / denominator x factor over data elements', querystring: z.strictObject(langQuery), response: { 200: z.object({ items: z.array(indicatorSchema) }), ...errorResponses } } },
      async (request) => {
        const locale = pick(request.locale, request.query.lang);
        const cat = await loadCatalogue(ctx.db);
        return { items: [...cat.indicators.values()].map((i) => presentIndicator(i, locale)) };
      },
    );

    app.post(
      '/indicators',
      {
        config: { permission: 'indicators.manage' },
        schema: { tags, summary: 'Define an indicator (stored as data)', body: z.strictObject({ id: z.string().trim().regex(/^[a-z][a-z0-9_]{2,59}$/), ...indicatorBody }), response: { 201: indicatorSchema, ...errorResponses } },
      },
      async (request, reply) => {
        const input = { id: request.body.id, ...indicatorInput(request.body) };
        return reply.status(201).send(presentIndicator(await createIndicator(requestContext(ctx, request), input), request.locale));
      },
    );

    app.patch(
      '/indicators/:id',
      {
        config: { permission: 'indicators.manage' },
        schema: { tags, summary: 'Change an indicator defined by an analyst (bundled ones are read-only)', params: z.object({ id: z.string().max(80) }), body: indicatorFields.partial(), response: { 200: indicatorSchema, ...errorResponses, 409: errorResponses[400] } },
      },
      async (request) => presentIndicator(await updateIndicator(requestContext(ctx, request), request.params.id, indicatorInput(request.body)), request.locale),
    );

    app.delete(
      '/indicators/:id',
      { config: { permission: 'indicators.manage' }, schema: { tags, summary: 'Delete an indicator defined by an analyst', params: z.object({ id: z.string().max(80) }), response: { 204: z.null(), ...errorResponses, 409: errorResponses[400] } } },
      async (request, reply) => {
        await deleteIndicator(requestContext(ctx, request), request.params.id);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/analytics',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'Values of data elements and indicators by org unit and period, with provenance (JSON, or CSV / XLSX with format=)',
          description:
            'dx: data element or indicator ids; ou: org unit codes (`GTM`, `419`, `GTM:children` for the units below); pe: periods (`2020`, `2020Q1`, `202003`) or ranges (`1990..2022`); all comma separated. Without pe, every period. format=csv|xlsx downloads the same rows.',
          querystring: z.strictObject(analyticsQuery),
          response: { 200: analyticsSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const q = request.query;
        const locale = pick(request.locale, q.lang);
        const table = await runAnalytics(ctx, { dx: q.dx, ou: q.ou, pe: q.pe, sex: q.sex, partner: q.partner }, locale);
        return sendTable(reply, table, q.format, 'mide-analytics', locale);
      },
    );

    app.get(
      '/compare',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'Compare 2 to 8 countries (or regions) side by side on chosen indicators (JSON, CSV or XLSX)',
          querystring: z.strictObject(analyticsQuery),
          response: { 200: analyticsSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const q = request.query;
        const locale = pick(request.locale, q.lang);
        if (q.ou.length < 2 || q.ou.length > 8 || q.ou.some((o) => o.includes(':'))) throw queryError('ou', 'compare_count');
        const table = await runAnalytics(ctx, { dx: q.dx, ou: q.ou, pe: q.pe, sex: q.sex, partner: q.partner }, locale);
        return sendTable(reply, table, q.format, `mide-compare-${q.ou.join('-')}`, locale);
      },
    );

    app.get(
      '/profiles/:code',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'Migration profile of a country (ISO3) or region (M49: 419, 013, 029, 005, 001)',
          params: z.object({ code: z.string().min(3).max(3).regex(/^[A-Za-z0-9]{3}$/) }),
          querystring: z.strictObject(langQuery),
          response: { 200: profileSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const locale = pick(request.locale, request.query.lang);
        const body = await profileJson(ctx, request.params.code.toUpperCase(), locale);
        // Stored JSON text: sent as it is, not serialised again.
        return reply.type('application/json; charset=utf-8').serializer((p) => p as string).send(body as never);
      },
    );

    app.get(
      '/stocks',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'Migrant stock from an origin living in a destination (countries, regions or 001), by sex',
          querystring: z.strictObject({ origin: z.string().min(3).max(3), destination: z.string().min(3).max(3), year: z.string().regex(/^\d{4}$/).optional(), ...langQuery }),
          response: { 200: stockSchema.extend({ origin: areaSchema, destination: areaSchema, series: z.array(stockSchema), unit: z.string(), ...provenanceShape }), ...errorResponses },
        },
      },
      async (request) => stockBetween(ctx, request.query, pick(request.locale, request.query.lang)),
    );

    app.get(
      '/corridors',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'A corridor from origin to destination: migrant stock by sex over time, remittance estimate (2017), cost trend',
          querystring: z.strictObject({ origin: z.string().min(3).max(3), destination: z.string().min(3).max(3), ...langQuery }),
          response: {
            200: z.object({
              origin: areaSchema,
              destination: areaSchema,
              stock: z.object({ series: z.array(stockSchema), unit: z.string(), ...provenanceShape }),
              remittance_estimate: z.object({ year: z.string(), usd_million: z.number().nullable(), migrant_stock_2017: z.number().nullable(), label: z.string(), ...provenanceShape }),
              cost: z.object({
                target: z.number(),
                series: z.array(z.object({ period: z.string(), official_200_pct: z.number().nullable(), mean_200_pct: z.number().nullable(), mean_500_pct: z.number().nullable(), fx_margin_200_pct: z.number().nullable(), providers: z.number().nullable() })),
                ...provenanceShape,
              }),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => corridor(ctx, request.query, pick(request.locale, request.query.lang)),
    );

    app.post(
      '/imports/preview',
      {
        config: { permission: 'data.import' },
        bodyLimit: 30 * 1024 * 1024,
        schema: {
          tags,
          summary: 'Read an uploaded CSV or XLSX (base64) and, with a mapping, check every row; writes nothing',
          body: z.strictObject({ ...uploadBody, mapping: mappingSchema.optional() }),
          response: {
            200: z.object({
              file: z.object({ format: z.string(), encoding: z.string().nullable(), delimiter: z.string().nullable(), sheet: z.string().nullable(), sheets: z.array(z.string()), header_row: z.number(), headers: z.array(z.string()), row_count: z.number(), sample: z.array(z.object({ row: z.number(), cells: z.array(z.string()) })) }),
              check: z
                .object({
                  decimal: z.string(),
                  valid: z.number(),
                  unchanged: z.number(),
                  empty: z.number(),
                  rejected_rows: z.number(),
                  problem_count: z.number(),
                  problems: z.array(problemSchema),
                  values: z.array(z.object({ row: z.number(), de: z.string(), ou: z.string(), pe: z.string(), sex: z.string(), disagg: z.string(), value: z.number() })),
                })
                .nullable(),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const { file_name: fileName, content_base64: contentBase64, mapping } = request.body;
        return presentPreview(await previewImport(requestContext(ctx, request), { fileName, contentBase64, mapping: mapping && importMapping(mapping) }), request.locale);
      },
    );

    app.post(
      '/imports',
      {
        config: { permission: 'data.import' },
        bodyLimit: 30 * 1024 * 1024,
        schema: {
          tags,
          summary: 'Import the values of an uploaded file; refused while any row has a problem unless valid_only is true',
          body: z.strictObject({ ...uploadBody, mapping: mappingSchema, valid_only: z.boolean().optional() }),
          response: { 201: importSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const { file_name: fileName, content_base64: contentBase64, mapping, valid_only: validOnly } = request.body;
        const input = { fileName, contentBase64, mapping: importMapping(mapping), validOnly };
        return reply.status(201).send(presentImport(await runImport(requestContext(ctx, request), input)));
      },
    );

    app.get(
      '/imports',
      { config: { permission: 'data.import' }, schema: { tags, summary: 'Imports into my capture scope: who, when, what', response: { 200: z.object({ items: z.array(importSchema) }), ...errorResponses } } },
      async (request) => ({ items: (await listImports(requestContext(ctx, request))).map(presentImport) }),
    );

    app.get(
      '/imports/:id',
      { config: { permission: 'data.import' }, schema: { tags, summary: 'One import (404 outside my capture scope)', params: z.object({ id: z.uuid() }), response: { 200: importSchema, ...errorResponses } } },
      async (request) => presentImport(await getImport(requestContext(ctx, request), request.params.id)),
    );

    app.post(
      '/imports/:id/undo',
      { config: { permission: 'data.import' }, schema: { tags, summary: 'Undo an import: remove exactly its values', params: z.object({ id: z.uuid() }), response: { 200: importSchema, ...errorResponses, 409: errorResponses[400] } } },
      async (request) => presentImport(await undoImport(requestContext(ctx, request), request.params.id)),
    );
  };
