import { and, desc, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../core/access/actor.js';
import { inScope, scopePrefixes } from '../../core/access/policy.js';
import { appendAudit } from '../../core/audit/store.js';
import { authorFields, type AppContext, type RequestContext } from '../../core/context.js';
import { AppError, notFound, type FieldProblem } from '../../core/http/errors.js';
import { knownOrgUnits, pathWithin } from '../../core/geo/store.js';
import type { Locale } from '../../core/i18n/locales.js';
import { translate } from '../../core/i18n/messages.js';
import { applyMapping, classifyAgainstExisting, commonAncestorPath, valueKey, type ImportMapping, type ImportProblem, type KnownDataElement, type MappingResult } from './domain/mapping.js';
import { fileProblemKey } from '../../core/files/messages.js';
import { readTable } from '../../core/files/read.js';
import { cellText, TableError, type Table } from '../../core/files/table.js';
import { evidenceKey, problemPlace } from './messages.js';
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

async function tableOf(bytes: Uint8Array, mapping: ImportMapping | undefined): Promise<Table> {
  try {
    return await readTable(bytes, { sheet: mapping?.sheet, headerRow: mapping?.headerRow });
  } catch (error) {
    if (error instanceof TableError) {
      throw new AppError('validation_failed', [{ path: 'content_base64', key: fileProblemKey(error.key, 'evidence'), params: error.params }]);
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
  column_letter: string;
  code: string;
  path: string;
  message: string;
}

export function presentProblem(p: ImportProblem, locale: Locale): PresentedProblem {
  const place = problemPlace(p);
  return {
    row: p.row,
    column: p.column,
    column_letter: p.columnLetter,
    code: p.key,
    path: translate(locale, place.key, place.params),
    message: translate(locale, evidenceKey(p.key), p.params),
  };
}

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

/** What an import would do, written nothing: the file as read and, with a mapping, the values and problems. */
export async function previewImport(rc: RequestContext, input: ImportInput) {
  const table = await tableOf(decodeUpload(input), input.mapping);
  const file = {
    format: table.format,
    encoding: table.encoding,
    delimiter: table.delimiter,
    sheet: table.sheet,
    sheets: table.sheets,
    header_row: table.headerRow,
    headers: table.headers,
    row_count: table.rows.length,
    sample: table.rows.slice(0, 20).map((r) => ({ row: r.row, cells: r.cells.map(cellText) })),
  };
  if (!input.mapping) return { file, check: null };
  const c = await check(rc, rc.actor, table, input.mapping);
  const rejected = new Set(c.problems.map((p) => p.row)).size;
  return {
    file,
    check: {
      decimal: c.result.decimal,
      valid: c.fresh.length,
      unchanged: c.unchanged,
      empty: c.result.empty,
      rejected_rows: rejected,
      problems: c.problems.slice(0, 1000),
      problem_count: c.problems.length,
      values: c.fresh.slice(0, 50).map((v) => ({ row: v.row, de: v.de, ou: v.ou, pe: v.pe, sex: v.sex, disagg: v.disagg, value: v.value })),
    },
  };
}

/** The preview of an import in words, for the answer. */
export function presentPreview(preview: Awaited<ReturnType<typeof previewImport>>, locale: Locale) {
  return preview.check ? { ...preview, check: { ...preview.check, problems: preview.check.problems.map((p) => presentProblem(p, locale)) } } : preview;
}

const asFields = (problems: ImportProblem[]): FieldProblem[] =>
  problems.slice(0, 500).map((p) => ({ path: '', place: problemPlace(p), key: evidenceKey(p.key), params: p.params }));

export async function runImport(rc: RequestContext, input: ImportInput & { mapping: ImportMapping; validOnly?: boolean }) {
  const { actor, meta } = rc;
  const bytes = decodeUpload(input);
  const table = await tableOf(bytes, input.mapping);
  const c = await check(rc, actor, table, input.mapping);
  const mappingProblems = c.problems.filter((p) => p.row === 0 || p.key === 'too_many_values' || p.key === 'no_values');
  if (mappingProblems.length || (c.problems.length && !input.validOnly)) throw new AppError('validation_failed', asFields(c.problems));
  if (c.fresh.length === 0 && c.unchanged === 0) throw new AppError('validation_failed', asFields([{ row: 0, column: '', columnLetter: '', key: 'no_values', params: {} }]));
  const scopePath = commonAncestorPath(c.fresh.length ? c.fresh.map((v) => v.ouPath) : c.result.values.map((v) => v.ouPath));
  const scopeCode = scopePath.split('/').filter(Boolean).at(-1) ?? '001';
  const des = [...new Set(c.fresh.map((v) => v.de))];
  const pes = c.fresh.map((v) => v.pe).sort();
  const id = await rc.db.transaction(async (tx) => {
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
      await insertValues(tx, rc.database.engine, list.map((v) => ({ de: v.de, ou: v.ou, pe: v.pe, partner: '', sex: v.sex, disagg: v.disagg, value: v.value, computed: false })), sourceId, importId);
      await tx.update(evSources).set({ vintage: `import ${new Date().toISOString().slice(0, 10)}`, loadedAt: new Date(), rows: sql`(SELECT count(*)::int FROM ev_values WHERE source_id = ${sourceId})` }).where(eq(evSources.id, sourceId));
    }
    await invalidateProfiles(tx);
    await appendAudit(tx, { ...authorFields({ kind: 'user', actor }), ...meta, action: 'evidence.import', recordType: 'ev_import', recordId: importId, orgUnitCode: scopeCode, changedFields: ['values'] });
    return importId;
  });
  return getImport(rc, id);
}

/**
 * Imports an officer sees and may undo: those whose units all lie in their capture scope (the import's lowest common
 * unit is inside it), and their own (an officer capturing in two departments imports into both at once).
 */
const visibleTo = (actor: Actor) => sql`(${pathWithin(evImports.scopePath, scopePrefixes(actor, 'capture'))} OR ${evImports.createdBy} = ${actor.userId})`;

export async function listImports(rc: RequestContext, limit = 200): Promise<ImportRow[]> {
  return rc.db.select().from(evImports).where(visibleTo(rc.actor)).orderBy(desc(evImports.createdAt)).limit(limit);
}

export async function getImport(rc: RequestContext, id: string): Promise<ImportRow> {
  const [row] = await rc.db.select().from(evImports).where(and(eq(evImports.id, id), visibleTo(rc.actor))).limit(1);
  if (!row) throw notFound();
  return row;
}

export async function undoImport(rc: RequestContext, id: string): Promise<ImportRow> {
  const { actor, meta } = rc;
  const existing = await getImport(rc, id);
  if (existing.status === 'undone') throw new AppError('conflict');
  await rc.db.transaction(async (tx) => {
    await tx.execute(sql`DELETE FROM ev_values WHERE import_id = ${id}`);
    await tx.update(evImports).set({ status: 'undone', undoneBy: actor.userId, undoneByLabel: actor.email, undoneAt: new Date() }).where(eq(evImports.id, id));
    await invalidateProfiles(tx);
    await appendAudit(tx, { ...authorFields({ kind: 'user', actor }), ...meta, action: 'evidence.import_undo', recordType: 'ev_import', recordId: id, orgUnitCode: existing.scopeCode, changedFields: ['values', 'status'] });
  });
  return getImport(rc, id);
}
