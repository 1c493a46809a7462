import ExcelJS from 'exceljs';
import { toCsv } from '../../core/files/csv.js';
import type { AnalyticsTable } from './analytics.js';

/**
 * Downloads of an analytics table: the same rows as the JSON answer, one value per line, with provenance.
 * Machine-readable on purpose (stable column ids, `.` decimals, full precision) so a download parses back to the
 * same table; names are in the reader's language. CSV is UTF-8 with a BOM so spreadsheet programs read accents.
 */
export const EXPORT_COLUMNS = ['dx', 'dx_name', 'ou', 'ou_name', 'pe', 'value', 'unit', 'computed', 'published', 'estimate', 'source', 'vintage', 'licence', 'note'] as const;

export function tableRecords(table: AnalyticsTable): (string | number | boolean)[][] {
  const dxName = new Map(table.dimensions.dx.map((d) => [d.id, d.name]));
  const ouName = new Map(table.dimensions.ou.map((o) => [o.code, o.name]));
  return table.rows.map((r) => [r.dx, dxName.get(r.dx) ?? r.dx, r.ou, ouName.get(r.ou) ?? r.ou, r.pe, r.value, r.unit, r.computed, r.published, r.estimate, r.source, r.vintage, r.licence, r.note ?? '']);
}

/** Text cells that look like formulas are neutralised by the shared writer (`core/files/csv.ts`); numbers stay numbers. */
export function tableCsv(table: AnalyticsTable): string {
  return toCsv([[...EXPORT_COLUMNS], ...tableRecords(table)]);
}

export async function tableXlsx(table: AnalyticsTable, sheetName = 'data', attribution?: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'mide';
  const ws = wb.addWorksheet(sheetName);
  ws.addRow([...EXPORT_COLUMNS]);
  ws.getRow(1).font = { bold: true };
  // Values only: exceljs writes a JS string as a string cell (never a formula, whatever its first character).
  for (const r of tableRecords(table)) ws.addRow(r);
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  if (attribution) {
    const about = wb.addWorksheet('sources');
    about.addRow([attribution]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
