/**
 * The one CSV writer of the server (analytics downloads and any other export). Every text cell that a spreadsheet
 * would take for a formula (it starts with `=`, `+`, `-`, `@`, a tab or a carriage return: OWASP's list for CSV
 * injection) is written with a leading single quote and quoted, so Excel and LibreOffice show it as text and never
 * run it (`=HYPERLINK(...)`, `+cmd|...`). Numbers are values, not text: `-4.35` stays a number. Pure.
 */
export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (FORMULA_START.test(value)) return `"'${value.replace(/"/g, '""')}"`;
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Rows to CSV text: comma separated, CRLF line ends, and a byte-order mark so spreadsheet programs read UTF-8. */
export function toCsv(rows: readonly (readonly CsvValue[])[]): string {
  return '\uFEFF' + rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
