import { parse } from 'csv-parse/sync';
import { decodeText, looksLikeXlsx, type TextEncoding } from './decode.js';
import { DEFAULT_FILE_LIMITS, mib, ShapeCounter, type FileLimitKey, type FileLimits } from './limits.js';
import type { SharedFileKey } from './messages.js';
import { readXlsxSheet, XlsxError } from './xlsx.js';
import { ZipError } from './zip.js';

/**
 * An uploaded file as a table: the header row and the data rows, each with its row number in the file (the line of
 * a CSV, the row of a spreadsheet) so errors point where the user looks. Pure (XLSX is read from memory); the
 * server reads uploads through `read.ts`, which runs this in a worker thread. Every limit of `limits.ts` is checked
 * while reading: a file that passes one is refused with the limit's key, and the row and column when it is a cell.
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

export type TableErrorKey = 'empty' | 'malformed' | 'no_header' | 'unknown_sheet' | 'unreadable_xlsx' | SharedFileKey;

export class TableError extends Error {
  constructor(
    readonly key: TableErrorKey,
    readonly params: Record<string, string | number> = {},
  ) {
    super(key);
  }
}

const limitError = (key: FileLimitKey, params: Record<string, string | number>) => new TableError(key, params);

const DELIMITERS = [',', ';', '\t', '|'] as const;

/** Counts each candidate outside quotes on the first lines; the one that appears the same number of times (>0) wins. */
export function detectDelimiter(text: string): string {
  const lines = text
    .slice(0, 64 * 1024)
    .split(/\r\n|\n|\r/).filter((l) => l.trim() !== '').slice(0, 20);
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
  if (data.length === 0) throw new TableError('no_rows', { row: header.row });
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

function checkSize(bytes: Uint8Array, limits: FileLimits): void {
  if (bytes.byteLength > limits.fileBytes) throw new TableError('file_too_large', { size: mib(bytes.byteLength), max: mib(limits.fileBytes) });
}

/** Files that are certainly not a table, by their first bytes: refused by name rather than read as Windows-1252. */
const BINARY_SIGNATURES: [string, number[]][] = [
  ['PNG', [0x89, 0x50, 0x4e, 0x47]],
  ['JPEG', [0xff, 0xd8, 0xff]],
  ['GIF', [0x47, 0x49, 0x46, 0x38]],
  ['PDF', [0x25, 0x50, 0x44, 0x46]],
  ['ZIP', [0x50, 0x4b, 0x05, 0x06]],
  ['XLS (Excel 97-2003)', [0xd0, 0xcf, 0x11, 0xe0]],
  ['gzip', [0x1f, 0x8b]],
];

/** The kind of binary file these bytes are, or null for text. Text has no NUL and few control characters. */
function binaryKind(bytes: Uint8Array, text: string, encoding: TextEncoding): string | null {
  for (const [kind, sig] of BINARY_SIGNATURES) if (sig.every((b, i) => bytes[i] === b)) return kind;
  const head = text.slice(0, 64 * 1024);
  let control = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if (c === 0 && !encoding.startsWith('utf-16')) return 'binary';
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || (c >= 0x7f && c < 0xa0) || c === 0xfffd) control++;
  }
  return control > head.length / 100 ? 'binary' : null;
}

export function readDelimited(bytes: Uint8Array, headerRow?: number, limits: FileLimits = DEFAULT_FILE_LIMITS): Table {
  checkSize(bytes, limits);
  const { text, encoding } = decodeText(bytes);
  const binary = binaryKind(bytes, text, encoding);
  if (binary) throw new TableError('not_text', { kind: binary });
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') throw new TableError('empty');
  const delimiter = detectDelimiter(body);
  // Without quotes every line is one record: count lines first, so a million-row file is refused in milliseconds
  // rather than after parsing half a million records.
  if (!body.includes('"')) {
    let lines = 0;
    for (let at = body.indexOf('\n'); at !== -1; at = body.indexOf('\n', at + 1)) if (++lines > limits.rows) throw new TableError('too_many_rows', { max: limits.rows, row: lines });
  }
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // `to` stops reading one record past the row limit; `max_record_size` stops a record (a line, or lines inside
    // an unclosed quote) longer than `lineChars` before it is built.
    records = parse(body, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, info: true, bom: true, to: limits.rows + 1, max_record_size: limits.lineChars }) as unknown as typeof records;
  } catch (error) {
    const e = error as { code?: string; lines?: number; column?: number };
    if (e.code === 'CSV_MAX_RECORD_SIZE') throw new TableError('line_too_long', { max: limits.lineChars, row: e.lines ?? 0 });
    throw new TableError('malformed', { detail: String(e.lines ?? '') });
  }
  if (records.length > limits.rows) throw new TableError('too_many_rows', { max: limits.rows, row: records.at(-1)!.info.lines });
  const counter = new ShapeCounter(limits, limitError);
  // `info.lines` is the line where the record ends: a record spanning lines is reported at its last line.
  const all = records.map((r) => {
    counter.row(r.info.lines, r.record.length);
    r.record.forEach((c, i) => counter.cell(c, r.info.lines, columnLetter(i)));
    return { row: r.info.lines, cells: r.record.map((c) => (c.trim() === '' ? null : c)) };
  });
  return shape('csv', all, headerRow, { encoding, delimiter, sheet: null, sheets: [] });
}

export function readXlsx(bytes: Uint8Array, sheetName?: string, headerRow?: number, limits: FileLimits = DEFAULT_FILE_LIMITS): Table {
  checkSize(bytes, limits);
  try {
    const { sheet, sheets } = readXlsxSheet(bytes, limits, sheetName, limitError);
    return shape('xlsx', sheet.rows, headerRow, { encoding: null, delimiter: null, sheet: sheet.name, sheets });
  } catch (error) {
    if (error instanceof XlsxError) throw new TableError(error.key, error.params);
    if (error instanceof ZipError) throw new TableError(error.key === 'unreadable' ? 'unreadable_xlsx' : error.key, error.params);
    throw error;
  }
}

export interface ReadOptions {
  sheet?: string;
  headerRow?: number;
}

/** Reads an upload on the calling thread: XLSX by its ZIP signature, anything else as delimited text. */
export function parseTable(bytes: Uint8Array, options: ReadOptions = {}, limits: FileLimits = DEFAULT_FILE_LIMITS): Table {
  if (looksLikeXlsx(bytes)) return readXlsx(bytes, options.sheet, options.headerRow, limits);
  return readDelimited(bytes, options.headerRow, limits);
}
