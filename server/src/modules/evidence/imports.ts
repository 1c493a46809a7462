import { and, desc, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../core/access/actor.js';
import { inScope, scopePrefixes } from '../../core/access/policy.js';
import { appendAudit } from '../../core/audit/store.js';
import { authorFields, type AppContext, type RequestMeta } from '../../core/context.js';
import { AppError, notFound, type FieldProblem } from '../../core/http/errors.js';
import { knownOrgUnits, pathWithin } from '../../core/geo/store.js';
import type { Locale } from '../../core/i18n/locales.js';
import { applyMapping, classifyAgainstExisting, commonAncestorPath, valueKey, type ImportMapping, type ImportProblem, type KnownDataElement, type MappingResult } from './domain/mapping.js';
import { fileLimitText, isFileLimitKey } from '../../core/files/messages.js';
import { readTable } from '../../core/files/read.js';
import { cellText, TableError, type Table } from '../../core/files/table.js';
import { evidenceText, problemPath } from './messages.js';
import { evDataElements, evImports, evSources } from './schema.js';
import { sha256, invalidateProfiles } from './loader.js';
import { insertValues, rows, textArray } from './store.js';

/**
 * Imports of a government's own series: read the file (CSV in any of the usual encodings and separators, or XLSX),
 * map its columns, check every row, and write the valid values with the import's id, so that undo removes exactly
 * them. Nothing is written while problems remain unless the caller asks for the valid rows only.
 */

export interface ImportInput {
  fileName: string;
  contentBase64: string;
  mapping?: ImportMapping;
}

export type ImportRow = typeof evImports.$inferSelect;

function decodeUpload(input: ImportInput): Uint8Array {
  return new Uint8Array(Buffer.from(input.contentBase64, 'base64'));
}

async function tableOf(bytes: Uint8Array, mapping: ImportMapping | undefined, locale: Locale): Promise<Table> {
  try {
    return await readTable(bytes, { sheet: mapping?.sheet, headerRow: mapping?.headerRow });
  } catch (error) {
    if (error instanceof TableError) {
      const text = isFileLimitKey(error.key) ? fileLimitText(locale, error.key, error.params) : evidenceText(locale, `file.${error.key}`, error.params);
      throw new AppError('validation_failed', [{ path: 'contentBase64', key: 'field.invalid', text }]);
    }
    throw error;
  }
}

async function knownFor(ctx: AppContext, actor: Actor) {
  const [units, des] = await Promise.all([
    knownOrgUnits(ctx.db),
    ctx.db.select({ id: evDataElements.id, nameEs: evDataElements.nameEs, nameEn: evDataElements.nameEn, periodType: evDataElements.periodType, bundled: evDataElements.bundled }).from(evDataElements),
  ]);
  const dataElements: KnownDataElement[] = des.map((d) => ({ id: d.id, nameEs: d.nameEs, nameEn: d.nameEn, periodType: d.periodType, importable: !d.bundled }));
  return { units, dataElements, canCapture: (path: string) => inScope(actor, 'capture', path) };
}

export interface PresentedProblem {
  row: number;
  column: string;
  columnLetter: string;
  code: string;
  path: string;
  message: string;
}

export const presentProblem = (p: ImportProblem, locale: Locale): PresentedProblem => ({
  row: p.row,
  column: p.column,
  columnLetter: p.columnLetter,
  code: p.key,
  path: problemPath(locale, p),
  message: evidenceText(locale, p.key, p.params),
});

interface Checked {
  table: Table;
  result: MappingResult;
  fresh: MappingResult['values'];
  unchanged: number;
  problems: ImportProblem[];
}

async function check(ctx: AppContext, actor: Actor, table: Table, mapping: ImportMapping): Promise<Checked> {
  const result = applyMapping(table, mapping, await knownFor(ctx, actor));
  let fresh = result.values;
  let unchanged = 0;
  const problems = [...result.problems];
  if (result.values.length) {
    const des = [...new Set(result.values.map((v) => v.de))];
    const ous = [...new Set(result.values.map((v) => v.ou))];
    const existingRows = await rows<{ de: string; ou: string; pe: string; sex: string; disagg: string; value: number; import_id: string | null }>(
      ctx.db,
      sql`SELECT de, ou, pe, sex, disagg, value, import_id FROM ev_values WHERE de = ANY(${textArray(des)}) AND ou = ANY(${textArray(ous)}) AND partner = ''`,
    );
    const existing = new Map(existingRows.map((r) => [valueKey(r), { value: r.value, importId: r.import_id }]));
    const c = classifyAgainstExisting(result.values, existing);
    fresh = c.fresh;
    unchanged = c.unchanged;
    problems.push(...c.conflicts);
    if (c.conflicts.length) {
      const bad = new Set(c.conflicts.map((p) => p.row));
      // Wide layouts: a row with a conflicting cell is rejected as a whole, like any other problem.
      fresh = fresh.filter((v) => !bad.has(v.row));
    }
  }
  problems.sort((a, b) => a.row - b.row || a.columnLetter.localeCompare(b.columnLetter));
  return { table, result, fresh, unchanged, problems };
}

export async function previewImport(ctx: AppContext, actor: Actor, input: ImportInput, locale: Locale) {
  const table = await tableOf(decodeUpload(input), input.mapping, locale);
  const file = {
    format: table.format,
    encoding: table.encoding,
    delimiter: table.delimiter,
    sheet: table.sheet,
    sheets: table.sheets,
    headerRow: table.headerRow,
    headers: table.headers,
    rowCount: table.rows.length,
    sample: table.rows.slice(0, 20).map((r) => ({ row: r.row, cells: r.cells.map(cellText) })),
  };
  if (!input.mapping) return { file, check: null };
  const c = await check(ctx, actor, table, input.mapping);
  const rejected = new Set(c.problems.map((p) => p.row)).size;
  return {
    file,
    check: {
      decimal: c.result.decimal,
      valid: c.fresh.length,
      unchanged: c.unchanged,
      empty: c.result.empty,
      rejectedRows: rejected,
      problems: c.problems.slice(0, 1000).map((p) => presentProblem(p, locale)),
      problemCount: c.problems.length,
      values: c.fresh.slice(0, 50).map((v) => ({ row: v.row, de: v.de, ou: v.ou, pe: v.pe, sex: v.sex, disagg: v.disagg, value: v.value })),
    },
  };
}

const asFields = (problems: ImportProblem[], locale: Locale): FieldProblem[] =>
  problems.slice(0, 500).map((p) => ({ path: problemPath('en', p), key: 'field.invalid' as const, text: evidenceText(locale, p.key, p.params) }));

export async function runImport(ctx: AppContext, actor: Actor, meta: RequestMeta, input: ImportInput & { mapping: ImportMapping; validOnly?: boolean }, locale: Locale) {
  const bytes = decodeUpload(input);
  const table = await tableOf(bytes, input.mapping, locale);
  const c = await check(ctx, actor, table, input.mapping);
  const mappingProblems = c.problems.filter((p) => p.row === 0 || p.key === 'too_many_values' || p.key === 'no_values');
  if (mappingProblems.length || (c.problems.length && !input.validOnly)) throw new AppError('validation_failed', asFields(c.problems, locale));
  if (c.fresh.length === 0 && c.unchanged === 0) throw new AppError('validation_failed', asFields([{ row: 0, column: '', columnLetter: '', key: 'no_values', params: {} }], locale));
  const scopePath = commonAncestorPath(c.fresh.length ? c.fresh.map((v) => v.ouPath) : c.result.values.map((v) => v.ouPath));
  const scopeCode = scopePath.split('/').filter(Boolean).at(-1) ?? '001';
  const des = [...new Set(c.fresh.map((v) => v.de))];
  const pes = c.fresh.map((v) => v.pe).sort();
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(evImports)
      .values({
        fileName: input.fileName,
        contentHash: sha256(bytes),
        dataElementIds: des,
        orgUnitCodes: [...new Set(c.fresh.map((v) => v.ou))].sort(),
        scopeCode,
        scopePath,
        periodMin: pes[0] ?? null,
        periodMax: pes.at(-1) ?? null,
        rowsRead: table.rows.length,
        rowsImported: c.fresh.length,
        rowsUnchanged: c.unchanged,
        rowsRejected: new Set(c.problems.map((p) => p.row)).size,
        mapping: input.mapping,
        createdBy: actor.userId,
        createdByLabel: actor.email,
      })
      .returning({ id: evImports.id });
    const importId = row!.id;
    const bySource = new Map<string, typeof c.fresh>();
    const deRows = des.length ? await tx.select({ id: evDataElements.id, sourceId: evDataElements.sourceId }).from(evDataElements).where(sql`${evDataElements.id} = ANY(${textArray(des)})`) : [];
    const sourceOf = new Map(deRows.map((d) => [d.id, d.sourceId]));
    for (const v of c.fresh) {
      const s = sourceOf.get(v.de)!;
      bySource.set(s, [...(bySource.get(s) ?? []), v]);
    }
    for (const [sourceId, list] of bySource) {
      await insertValues(tx, ctx.database.engine, list.map((v) => ({ de: v.de, ou: v.ou, pe: v.pe, partner: '', sex: v.sex, disagg: v.disagg, value: v.value, computed: false })), sourceId, importId);
      await tx.update(evSources).set({ vintage: `import ${new Date().toISOString().slice(0, 10)}`, loadedAt: new Date(), rows: sql`(SELECT count(*)::int FROM ev_values WHERE source_id = ${sourceId})` }).where(eq(evSources.id, sourceId));
    }
    await invalidateProfiles(tx);
    await appendAudit(tx, { ...authorFields({ kind: 'user', actor }), ...meta, action: 'evidence.import', recordType: 'ev_import', recordId: importId, orgUnitCode: scopeCode, changedFields: ['values'] });
    return importId;
  });
  return getImport(ctx, actor, id);
}

/**
 * Imports an officer sees and may undo: those whose units all lie in their capture scope (the import's lowest common
 * unit is inside it), and their own (an officer capturing in two departments imports into both at once).
 */
const visibleTo = (actor: Actor) => sql`(${pathWithin(evImports.scopePath, scopePrefixes(actor, 'capture'))} OR ${evImports.createdBy} = ${actor.userId})`;

export async function listImports(ctx: AppContext, actor: Actor, limit = 200): Promise<ImportRow[]> {
  return ctx.db.select().from(evImports).where(visibleTo(actor)).orderBy(desc(evImports.createdAt)).limit(limit);
}

export async function getImport(ctx: AppContext, actor: Actor, id: string): Promise<ImportRow> {
  const [row] = await ctx.db.select().from(evImports).where(and(eq(evImports.id, id), visibleTo(actor))).limit(1);
  if (!row) throw notFound();
  return row;
}

export async function undoImport(ctx: AppContext, actor: Actor, meta: RequestMeta, id: string): Promise<ImportRow> {
  const existing = await getImport(ctx, actor, id);
  if (existing.status === 'undone') throw new AppError('conflict');
  await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`DELETE FROM ev_values WHERE import_id = ${id}`);
    await tx.update(evImports).set({ status: 'undone', undoneBy: actor.userId, undoneByLabel: actor.email, undoneAt: new Date() }).where(eq(evImports.id, id));
    await invalidateProfiles(tx);
    await appendAudit(tx, { ...authorFields({ kind: 'user', actor }), ...meta, action: 'evidence.import_undo', recordType: 'ev_import', recordId: id, orgUnitCode: existing.scopeCode, changedFields: ['values', 'status'] });
  });
  return getImport(ctx, actor, id);
}
