import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { decodeText, looksLikeXlsx, type TextEncoding } from './decode.js';

/**
 * An uploaded file as a table: the header row and the data rows, each with its row number in the file (the line of
 * a CSV, the row of a spreadsheet) so errors point where the user looks. Pure (XLSX is read from memory).
 */
export type Cell = string | number | Date | null;

export interface TableRow {
  /** 1-based row number in the file or sheet. */
  row: number;
  cells: Cell[];
}

export interface Table {
  format: 'csv' | 'xlsx';
  encoding: TextEncoding | null;
  delimiter: string | null;
  sheet: string | null;
  sheets: string[];
  headerRow: number;
  headers: string[];
  rows: TableRow[];
}

export class TableError extends Error {
  constructor(readonly key: 'empty' | 'malformed' | 'no_header' | 'unknown_sheet' | 'unreadable_xlsx', readonly params: Record<string, string | number> = {}) {
    super(key);
  }
}

const DELIMITERS = [',', ';', '\t', '|'] as const;

/** Counts each candidate outside quotes on the first lines; the one that appears the same number of times (>0) wins. */
export function detectDelimiter(text: string): string {
  const lines = text.split(/\r\n|\n|\r/).filter((l) => l.trim() !== '').slice(0, 20);
  let best: { d: string; score: number } = { d: ',', score: -1 };
  for (const d of DELIMITERS) {
    const counts = lines.map((line) => {
      let n = 0;
      let quoted = false;
      for (const ch of line) {
        if (ch === '"') quoted = !quoted;
        else if (ch === d && !quoted) n++;
      }
      return n;
    });
    const withAny = counts.filter((c) => c > 0);
    if (withAny.length === 0) continue;
    // Mode of the counts among lines, weighted by how many lines agree (title lines above a table disagree).
    const freq = new Map<number, number>();
    for (const c of withAny) freq.set(c, (freq.get(c) ?? 0) + 1);
    const [count, agree] = [...freq.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]!;
    const score = agree * 1000 + count;
    if (score > best.score) best = { d, score };
  }
  return best.d;
}

const isBlank = (c: Cell) => c === null || (typeof c === 'string' && c.trim() === '');
const filled = (cells: Cell[]) => cells.filter((c) => !isBlank(c)).length;

/**
 * Header: the given row, or the first row with at least two filled cells (title lines above it are skipped).
 * Blank rows are dropped everywhere; trailing rows with at most one filled cell (notes such as "Fuente: ...",
 * "p/ cifras preliminares") are dropped at the end.
 */
function shape(format: 'csv' | 'xlsx', all: TableRow[], headerRow: number | undefined, meta: Pick<Table, 'encoding' | 'delimiter' | 'sheet' | 'sheets'>): Table {
  const rows = all.filter((r) => filled(r.cells) > 0);
  if (rows.length === 0) throw new TableError('empty');
  const header = headerRow !== undefined ? rows.find((r) => r.row === headerRow) : rows.find((r) => filled(r.cells) >= 2);
  if (!header) throw new TableError('no_header', { row: headerRow ?? 1 });
  let data = rows.filter((r) => r.row > header.row);
  while (data.length && filled(data.at(-1)!.cells) <= 1) data = data.slice(0, -1);
  const width = header.cells.length;
  const headers = header.cells.map((c, i) => {
    const t = cellText(c);
    return t || columnLetter(i);
  });
  return {
    format,
    ...meta,
    headerRow: header.row,
    headers,
    rows: data.map((r) => ({ row: r.row, cells: r.cells.length >= width ? r.cells : [...r.cells, ...Array<Cell>(width - r.cells.length).fill(null)] })),
  };
}

export function cellText(c: Cell): string {
  if (c === null) return '';
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  return String(c).trim();
}

/** A, B, ..., Z, AA, ... for column index 0, 1, ... */
export function columnLetter(index: number): string {
  let s = '';
  let n = index + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function readDelimited(bytes: Uint8Array, headerRow?: number): Table {
  const { text, encoding } = decodeText(bytes);
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') throw new TableError('empty');
  const delimiter = detectDelimiter(body);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(body, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, info: true, bom: true }) as unknown as typeof records;
  } catch (error) {
    throw new TableError('malformed', { detail: String((error as { lines?: number }).lines ?? '') });
  }
  // `info.lines` is the line where the record ends: a record spanning lines is reported at its last line.
  const all = records.map((r) => ({ row: r.info.lines, cells: r.record.map((c) => (c.trim() === '' ? null : c)) }));
  return shape('csv', all, headerRow, { encoding, delimiter, sheet: null, sheets: [] });
}

function excelCell(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (value instanceof Date) return value;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    if ('result' in value) return excelCell((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('richText' in value) return (value as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join('');
    if ('text' in value) return String((value as ExcelJS.CellHyperlinkValue).text);
    if ('error' in value) return null;
  }
  return String(value as unknown);
}

export async function readXlsx(bytes: Uint8Array, sheetName?: string, headerRow?: number): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch {
    throw new TableError('unreadable_xlsx');
  }
  const sheets = workbook.worksheets.map((w) => w.name);
  const sheet = sheetName ? workbook.getWorksheet(sheetName) : workbook.worksheets.find((w) => w.actualRowCount > 0);
  if (!sheet) {
    if (sheetName) throw new TableError('unknown_sheet', { sheet: sheetName });
    throw new TableError('empty');
  }
  const all: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = excelCell(cell.value);
    });
    for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
    all.push({ row: rowNumber, cells });
  });
  return shape('xlsx', all, headerRow, { encoding: null, delimiter: null, sheet: sheet.name, sheets });
}

/** Reads an upload: XLSX by its ZIP signature, anything else as delimited text. */
export function readTable(bytes: Uint8Array, options: { sheet?: string; headerRow?: number } = {}): Promise<Table> {
  if (looksLikeXlsx(bytes)) return readXlsx(bytes, options.sheet, options.headerRow);
  return Promise.resolve(readDelimited(bytes, options.headerRow));
}
