import { SaxesParser } from 'saxes';
import { ShapeCounter, type FileLimitKey, type FileLimits } from './limits.js';
import type { Cell, TableRow } from './table.js';
import { ZipReader } from './zip.js';

/**
 * An XLSX workbook read as the imports need it: sheet names, and the rows of one sheet as cells (text, numbers,
 * dates). Streams each XML part through a SAX parser in 1 MiB pieces, so no part is ever one string and no
 * document tree is built; the limits of `limits.ts` are checked as cells and rows appear (a 300 MB shared string
 * stops at the archive's byte budget, a 2 MB one at the cell length, with the row and column that use it).
 * Formulas are never evaluated: a formula cell gives its cached value, as Excel showed it. Pure.
 */

export class XlsxError extends Error {
  constructor(
    readonly key: 'unreadable_xlsx' | 'unknown_sheet' | 'empty',
    readonly params: Record<string, string | number> = {},
  ) {
    super(key);
  }
}

type Attrs = Record<string, string>;
interface Handlers {
  open?: (name: string, attrs: Attrs) => void;
  close?: (name: string) => void;
  text?: (text: string) => void;
}

const local = (name: string) => name.slice(name.indexOf(':') + 1);

function parseXml(bytes: Buffer, handlers: Handlers): void {
  const parser = new SaxesParser();
  let failed: Error | undefined;
  parser.on('error', (e) => {
    failed ??= e;
  });
  if (handlers.open) parser.on('opentag', (tag) => handlers.open!(local(tag.name), tag.attributes as Attrs));
  if (handlers.close) parser.on('closetag', (tag) => handlers.close!(local(tag.name)));
  if (handlers.text) {
    parser.on('text', handlers.text);
    parser.on('cdata', handlers.text);
  }
  const decoder = new TextDecoder('utf-8');
  const step = 1024 * 1024;
  for (let at = 0; at < bytes.length && !failed; at += step) parser.write(decoder.decode(bytes.subarray(at, at + step), { stream: true }));
  if (!failed) parser.write(decoder.decode()).close();
  if (failed) throw new XlsxError('unreadable_xlsx');
}

/** Column index (0-based) of a cell reference such as `AB12`; -1 when it has none. */
function columnOf(ref: string | undefined): number {
  if (!ref) return -1;
  let n = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
    else if (c >= 97 && c <= 122) n = n * 26 + (c - 96);
    else break;
    if (n > 1_000_000) return n;
  }
  return i === 0 ? -1 : n - 1;
}

function letter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Targets of a relationships part, by id and by type (the part after the last `/`). */
function relationships(zip: ZipReader, path: string): { byId: Map<string, string>; byType: Map<string, string> } {
  const byId = new Map<string, string>();
  const byType = new Map<string, string>();
  const bytes = zip.read(path);
  if (bytes) {
    const dir = path.replace(/_rels\/[^/]*$/, '');
    parseXml(bytes, {
      open: (name, a) => {
        if (name !== 'Relationship' || !a.Target || a.TargetMode === 'External') return;
        const target = a.Target.startsWith('/') ? a.Target.slice(1) : normalise(dir + a.Target);
        if (a.Id) byId.set(a.Id, target);
        if (a.Type) byType.set(a.Type.slice(a.Type.lastIndexOf('/') + 1), target);
      },
    });
  }
  return { byId, byType };
}

function normalise(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '..') out.pop();
    else if (part !== '.' && part !== '') out.push(part);
  }
  return out.join('/');
}

const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/_.|\*./g, '');
  if (/general/i.test(bare)) return false;
  return /[dmyhs]/i.test(bare);
}

/** For each style index of the workbook, whether its number format shows a date. */
function dateStyles(zip: ZipReader, path: string | undefined): boolean[] {
  const bytes = path ? zip.read(path) : undefined;
  if (!bytes) return [];
  const custom = new Map<number, boolean>();
  const styles: boolean[] = [];
  let inCellXfs = false;
  parseXml(bytes, {
    open: (name, a) => {
      if (name === 'numFmt') custom.set(Number(a.numFmtId), isDateFormat(a.formatCode ?? ''));
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
        const id = Number(a.numFmtId ?? 0);
        styles.push(custom.get(id) ?? BUILT_IN_DATE_FORMATS.has(id));
      }
    },
    close: (name) => {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return styles;
}

/** The shared strings; those longer than a cell may be are kept as their length only (refused where a cell uses them). */
function sharedStrings(zip: ZipReader, path: string | undefined, limits: FileLimits): (string | number)[] {
  const bytes = path ? zip.read(path) : undefined;
  if (!bytes) return [];
  const out: (string | number)[] = [];
  let current: string[] = [];
  let length = 0;
  let inT = false;
  let skip = 0; // phonetic runs (<rPh>) are not part of the text
  parseXml(bytes, {
    open: (name) => {
      if (name === 'si') {
        current = [];
        length = 0;
      } else if (name === 't') inT = true;
      else if (name === 'rPh') skip++;
    },
    close: (name) => {
      if (name === 't') inT = false;
      else if (name === 'rPh') skip--;
      else if (name === 'si') out.push(length > limits.cellChars ? length : current.join(''));
    },
    text: (text) => {
      if (!inT || skip > 0) return;
      length += text.length;
      if (length <= limits.cellChars) current.push(text);
      else current = [];
    },
  });
  return out;
}

export interface XlsxSheet {
  name: string;
  rows: TableRow[];
}

/** Excel's serial day number to a date (UTC), in the 1900 or the 1904 system. */
function excelDate(serial: number, date1904: boolean): Date {
  const days = date1904 ? serial + 1462 : serial;
  return new Date(Math.round((days - 25569) * 86_400_000));
}

/** Reads the workbook; the rows of the named sheet, or of the first sheet that has any value. */
export function readXlsxSheet(bytes: Uint8Array, limits: FileLimits, sheetName: string | undefined, fail: (key: FileLimitKey, params: Record<string, string | number>) => Error): { sheet: XlsxSheet; sheets: string[] } {
  const zip = new ZipReader(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), limits);
  const root = relationships(zip, '_rels/.rels');
  const workbookPath = root.byType.get('officeDocument') ?? 'xl/workbook.xml';
  const workbookBytes = zip.read(workbookPath);
  if (!workbookBytes) throw new XlsxError('unreadable_xlsx');
  const declared: { name: string; rid: string }[] = [];
  let date1904 = false;
  parseXml(workbookBytes, {
    open: (name, a) => {
      if (name === 'sheet') declared.push({ name: a.name ?? '', rid: a['r:id'] ?? Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1] ?? '' });
      else if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
    },
  });
  const rels = relationships(zip, workbookPath.replace(/([^/]*)$/, '_rels/$1.rels'));
  const sheets = declared.map((s) => s.name);
  const strings = sharedStrings(zip, rels.byType.get('sharedStrings'), limits);
  const dates = dateStyles(zip, rels.byType.get('styles'));
  const read = (entry: { name: string; rid: string }) => {
    const path = rels.byId.get(entry.rid);
    const data = path ? zip.read(path) : undefined;
    if (!data) throw new XlsxError('unreadable_xlsx');
    return { name: entry.name, rows: sheetRows(data, strings, dates, date1904, limits, fail) };
  };
  if (sheetName !== undefined) {
    const entry = declared.find((s) => s.name === sheetName);
    if (!entry) throw new XlsxError('unknown_sheet', { sheet: sheetName });
    return { sheet: read(entry), sheets };
  }
  for (const entry of declared) {
    const sheet = read(entry);
    if (sheet.rows.length > 0) return { sheet, sheets };
  }
  throw new XlsxError('empty');
}

function sheetRows(bytes: Buffer, strings: (string | number)[], dates: boolean[], date1904: boolean, limits: FileLimits, fail: (key: FileLimitKey, params: Record<string, string | number>) => Error): TableRow[] {
  const counter = new ShapeCounter(limits, fail);
  const rows: TableRow[] = [];
  let rowNumber = 0;
  let cells: Cell[] = [];
  let any = false;
  let col = -1;
  let type = 'n';
  let style = 0;
  let value: string[] = [];
  let valueLength = 0;
  let collect: 'v' | 'is' | null = null;
  let inIsT = false;
  let skip = 0;
  const where = () => letter(col);
  parseXml(bytes, {
    open: (name, a) => {
      if (name === 'row') {
        rowNumber = a.r ? Number(a.r) : rowNumber + 1;
        if (!Number.isInteger(rowNumber) || rowNumber < 1) throw new XlsxError('unreadable_xlsx');
        cells = [];
        any = false;
        col = -1;
      } else if (name === 'c') {
        const at = columnOf(a.r);
        col = at >= 0 ? at : col + 1;
        if (col >= limits.columns) throw fail('too_many_columns', { max: limits.columns, row: rowNumber });
        type = a.t ?? 'n';
        style = Number(a.s ?? 0);
        value = [];
        valueLength = 0;
        collect = null;
      } else if (name === 'v') collect = 'v';
      else if (name === 'is') collect = 'is';
      else if (name === 't' && collect === 'is') inIsT = true;
      else if (name === 'rPh') skip++;
    },
    text: (text) => {
      if (!(collect === 'v' || (collect === 'is' && inIsT)) || skip > 0) return;
      valueLength += text.length;
      if (valueLength > limits.cellChars) throw fail('cell_too_long', { max: limits.cellChars, row: rowNumber, column: where(), length: valueLength });
      value.push(text);
    },
    close: (name) => {
      if (name === 'v' && collect === 'v') collect = null;
      else if (name === 't') inIsT = false;
      else if (name === 'rPh') skip--;
      else if (name === 'c') {
        const cell = cellValue(value.join(''), type, style);
        if (cell !== null) {
          cells[col] = cell;
          any = true;
        }
      } else if (name === 'row') {
        if (any) {
          for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
          counter.row(rowNumber, cells.length);
          rows.push({ row: rowNumber, cells });
        }
      }
    },
  });
  return rows;

  function cellValue(raw: string, t: string, s: number): Cell {
    switch (t) {
      case 's': {
        if (raw === '') return null;
        const shared = strings[Number(raw)];
        if (shared === undefined) throw new XlsxError('unreadable_xlsx');
        if (typeof shared === 'number') throw fail('cell_too_long', { max: limits.cellChars, row: rowNumber, column: where(), length: shared });
        return shared;
      }
      case 'inlineStr':
      case 'str':
        return raw;
      case 'b':
        return raw === '1' || raw === 'true' ? 'true' : 'false';
      case 'e':
        return null;
      case 'd': {
        const d = new Date(raw);
        return Number.isNaN(d.getTime()) ? raw : d;
      }
      default: {
        if (raw === '') return null;
        const n = Number(raw);
        if (!Number.isFinite(n)) return raw;
        return dates[s] ? excelDate(n, date1904) : n;
      }
    }
  }
}
