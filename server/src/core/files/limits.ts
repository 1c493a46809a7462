/**
 * Limits of every uploaded file the server reads (evidence imports, quotes files, org-unit code lists). One place,
 * so that each reader checks the same numbers while it reads, before anything large is built in memory.
 *
 * How the defaults were chosen:
 * - `fileBytes` 24 MiB: the largest import route takes a 30 MiB JSON body, which carries about 22.5 MiB of file in
 *   base64; a 250,000-row evidence release as CSV (de, ou, pe, value, ~60 bytes a row) is about 15 MiB.
 * - `uncompressedBytes` 160 MiB for all the entries of one XLSX together: the same 250,000-row release as XLSX is
 *   about 55 MiB of sheet XML plus its shared strings; a ministry's wide table (one column a year) is smaller.
 * - `compressionRatio` 200: an honest sheet inflates 5-30 times, a repetitive one up to about 100; zip bombs use the
 *   maximum deflate gives (about 1,000). Checked once an entry passed `ratioFloorBytes` (8 MiB), so small entries,
 *   however repetitive, never trip it.
 * - `cellChars` 32,767: Excel's own limit of one cell, and far above any name, code or note an import reads.
 *   `lineChars` 1 Mi characters for one CSV record: refused while parsing, before the record is built.
 * - `rows` 500,000 and `columns` 1,024: twice the largest release; Excel allows 16,384 columns but the widest table
 *   we import has one column a year since 1960. `cells` 12 million bounds rows × columns of a sparse, wide file.
 * - `parseMs` 30 s and `heapMb` 768: what one read may take in the worker before the worker is ended (a hostile file
 *   then answers 400 "too complex", the server is untouched).
 */
export interface FileLimits {
  fileBytes: number;
  uncompressedBytes: number;
  compressionRatio: number;
  ratioFloorBytes: number;
  cellChars: number;
  lineChars: number;
  rows: number;
  columns: number;
  cells: number;
  parseMs: number;
  heapMb: number;
}

export const DEFAULT_FILE_LIMITS: Readonly<FileLimits> = Object.freeze({
  fileBytes: 24 * 1024 * 1024,
  uncompressedBytes: 160 * 1024 * 1024,
  compressionRatio: 200,
  ratioFloorBytes: 8 * 1024 * 1024,
  cellChars: 32_767,
  lineChars: 1024 * 1024,
  rows: 500_000,
  columns: 1_024,
  cells: 12_000_000,
  parseMs: 30_000,
  heapMb: 768,
});

/** Which limit a file broke; each has a message in the reader's language (`core/files/messages.ts`). */
export type FileLimitKey =
  | 'file_too_large'
  | 'uncompressed_too_large'
  | 'compression_ratio'
  | 'cell_too_long'
  | 'line_too_long'
  | 'too_many_rows'
  | 'too_many_columns'
  | 'too_many_cells'
  | 'too_complex';

export const FILE_LIMIT_KEYS: readonly FileLimitKey[] = ['file_too_large', 'uncompressed_too_large', 'compression_ratio', 'cell_too_long', 'line_too_long', 'too_many_rows', 'too_many_columns', 'too_many_cells', 'too_complex'];

export const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** Tracks rows, columns and cells as a reader produces them; throws the first limit passed, with where. */
export class ShapeCounter {
  private rowCount = 0;
  private cellCount = 0;
  constructor(
    private readonly limits: FileLimits,
    private readonly fail: (key: FileLimitKey, params: Record<string, string | number>) => Error,
  ) {}

  row(rowNumber: number, width: number): void {
    this.rowCount++;
    this.cellCount += width;
    if (this.rowCount > this.limits.rows) throw this.fail('too_many_rows', { max: this.limits.rows, row: rowNumber });
    if (width > this.limits.columns) throw this.fail('too_many_columns', { max: this.limits.columns, row: rowNumber });
    if (this.cellCount > this.limits.cells) throw this.fail('too_many_cells', { max: this.limits.cells, row: rowNumber });
  }

  cell(text: string, rowNumber: number, column: string): void {
    if (text.length > this.limits.cellChars) throw this.fail('cell_too_long', { max: this.limits.cellChars, row: rowNumber, column, length: text.length });
  }
}
