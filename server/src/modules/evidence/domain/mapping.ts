import { cellText, columnLetter, type Cell, type Table } from '../../../core/files/table.js';
import { detectDecimalSeparator, parseNumber, type DecimalSeparator } from '../../../core/files/numbers.js';
import { orgUnitCodeIndex } from '../../../core/geo/codes.js';
import { parsePeriodText, periodType, type PeriodType } from './periods.js';

/**
 * How the columns of an uploaded table map to the indicator store, as chosen in the import wizard, and the pure
 * check of every row against it. Nothing here touches the database: the caller passes what exists.
 */
export interface ImportMapping {
  sheet?: string;
  headerRow?: number;
  /** `long`: one value per row. `wide`: one row per org unit (and data element), one column per period. */
  layout: 'long' | 'wide';
  orgUnit: { column: string; within?: string; kind?: 'country' | 'division' | 'municipality' } | { code: string };
  dataElement: { column: string } | { id: string };
  /** Long layout only. */
  period?: { column: string } | { code: string };
  /** Long layout: the value column. */
  value?: string;
  /** Wide layout: the columns whose headers are periods (all columns not otherwise mapped when absent). */
  valueColumns?: string[];
  /** Other columns kept as disaggregations; a disaggregation named `sex` maps to the sex dimension. */
  disaggregations?: { column: string; name: string }[];
  decimal?: 'auto' | DecimalSeparator;
}

export interface KnownUnit {
  code: string;
  nameEs: string;
  nameEn: string;
  path: string;
  kind: string;
  /** Its other codes (ISO 3166-2, statistics office, P-code): a row may name the unit by any of them. */
  codes?: readonly string[];
}

export interface KnownDataElement {
  id: string;
  nameEs: string;
  nameEn: string;
  periodType: PeriodType;
  importable: boolean;
}

export type ImportProblemKey =
  | 'unknown_column'
  | 'unknown_org_unit'
  | 'ambiguous_org_unit'
  | 'outside_scope'
  | 'unknown_period'
  | 'period_type'
  | 'not_a_number'
  | 'unknown_data_element'
  | 'not_importable'
  | 'duplicate_row'
  | 'conflicts_existing'
  | 'bad_sex'
  | 'too_many_values'
  | 'no_values';

export interface ImportProblem {
  /** Row number in the file (0 for the mapping itself). */
  row: number;
  /** Header of the column, and its letter. */
  column: string;
  columnLetter: string;
  key: ImportProblemKey;
  params: Record<string, string | number>;
}

export interface ParsedValue {
  row: number;
  de: string;
  ou: string;
  ouPath: string;
  pe: string;
  sex: 'T' | 'M' | 'F';
  disagg: string;
  value: number;
}

export interface MappingResult {
  values: ParsedValue[];
  problems: ImportProblem[];
  /** Rows whose value cell is empty or a "no data" mark: skipped, not an error. */
  empty: number;
  decimal: DecimalSeparator;
  /** Rows with at least one problem. */
  rejectedRows: number;
}

export const MAX_VALUES = 200_000;

export const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();

const SEX: Record<string, 'T' | 'M' | 'F'> = {
  t: 'T', total: 'T', ambos: 'T', 'ambos sexos': 'T', both: 'T', all: 'T',
  m: 'M', h: 'M', male: 'M', males: 'M', men: 'M', man: 'M', hombre: 'M', hombres: 'M', masculino: 'M', varones: 'M', homens: 'M', hommes: 'M',
  f: 'F', female: 'F', females: 'F', women: 'F', woman: 'F', mujer: 'F', mujeres: 'F', femenino: 'F', mulheres: 'F', femmes: 'F',
};

/** Resolves org units by any of their codes, or by name under `within` (and of `kind`); a name shared by two units is ambiguous. */
export function orgUnitResolver(units: KnownUnit[], within?: KnownUnit, kind?: string) {
  const byCode = orgUnitCodeIndex(units);
  const byName = new Map<string, KnownUnit[]>();
  for (const u of units) {
    if (within && !u.path.startsWith(within.path)) continue;
    if (kind && u.kind !== kind) continue;
    for (const n of new Set([fold(u.nameEs), fold(u.nameEn)])) byName.set(n, [...(byName.get(n) ?? []), u]);
  }
  return (text: string): KnownUnit | 'ambiguous' | undefined => {
    const code = byCode.get(text.trim().toUpperCase());
    if (code && (!within || code.path.startsWith(within.path))) return code;
    const named = byName.get(fold(text));
    if (!named) return code;
    if (named.length === 1) return named[0];
    // Prefer the unit highest in the tree ("Guatemala" the department over "Guatemala" the municipality).
    const depth = (u: KnownUnit) => u.path.split('/').length;
    const top = Math.min(...named.map(depth));
    const shallow = named.filter((u) => depth(u) === top);
    return shallow.length === 1 ? shallow[0] : 'ambiguous';
  };
}

export function applyMapping(
  table: Table,
  mapping: ImportMapping,
  known: { units: KnownUnit[]; dataElements: KnownDataElement[]; canCapture: (path: string) => boolean },
): MappingResult {
  const problems: ImportProblem[] = [];
  const colIndex = (name: string) => {
    const i = table.headers.findIndex((h) => h === name);
    return i >= 0 ? i : table.headers.findIndex((h) => fold(h) === fold(name));
  };
  const need = (name: string): number => {
    const i = colIndex(name);
    if (i < 0) problems.push({ row: 0, column: name, columnLetter: '', key: 'unknown_column', params: { column: name } });
    return i;
  };
  const ouCol = 'column' in mapping.orgUnit ? need(mapping.orgUnit.column) : -1;
  const deCol = 'column' in mapping.dataElement ? need(mapping.dataElement.column) : -1;
  const disaggCols = (mapping.disaggregations ?? []).map((d) => ({ ...d, index: need(d.column), isSex: fold(d.name) === 'sex' || fold(d.name) === 'sexo' }));
  let peCol = -1;
  let valueCols: { index: number; pe: string | null }[] = [];
  if (mapping.layout === 'long') {
    if (!mapping.period) problems.push({ row: 0, column: 'period', columnLetter: '', key: 'unknown_column', params: { column: 'period' } });
    else if ('column' in mapping.period) peCol = need(mapping.period.column);
    const v = mapping.value ? need(mapping.value) : -1;
    if (!mapping.value) problems.push({ row: 0, column: 'value', columnLetter: '', key: 'unknown_column', params: { column: 'value' } });
    valueCols = [{ index: v, pe: null }];
  } else {
    const used = new Set([ouCol, deCol, ...disaggCols.map((d) => d.index)]);
    const names = mapping.valueColumns ?? table.headers.filter((_, i) => !used.has(i));
    valueCols = names.map((n) => ({ index: need(n), pe: null }));
  }
  const unitsByCode = orgUnitCodeIndex(known.units);
  const within = 'column' in mapping.orgUnit && mapping.orgUnit.within ? unitsByCode.get(mapping.orgUnit.within.toUpperCase()) : undefined;
  const resolveUnit = orgUnitResolver(known.units, within, 'column' in mapping.orgUnit ? mapping.orgUnit.kind : undefined);
  const deById = new Map(known.dataElements.map((d) => [d.id.toLowerCase(), d]));
  const deByName = new Map<string, KnownDataElement>();
  for (const d of known.dataElements) for (const n of [d.nameEs, d.nameEn]) deByName.set(fold(n), d);
  const resolveDe = (text: string) => deById.get(text.trim().toLowerCase()) ?? deByName.get(fold(text));

  if (problems.length) return { values: [], problems, empty: 0, decimal: '.', rejectedRows: 0 };

  // One decimal separator for the whole file, from all the value cells.
  const decimal: DecimalSeparator =
    mapping.decimal && mapping.decimal !== 'auto'
      ? mapping.decimal
      : detectDecimalSeparator(
          (function* () {
            for (const r of table.rows) for (const v of valueCols) { const c = r.cells[v.index]; if (typeof c === 'string') yield c; }
          })(),
          table.delimiter === ';' ? ',' : '.',
        );

  const fixedDe = 'id' in mapping.dataElement ? resolveDe(mapping.dataElement.id) : undefined;
  if ('id' in mapping.dataElement && !fixedDe) problems.push({ row: 0, column: '', columnLetter: '', key: 'unknown_data_element', params: { value: mapping.dataElement.id } });
  else if (fixedDe && !fixedDe.importable) problems.push({ row: 0, column: '', columnLetter: '', key: 'not_importable', params: { value: fixedDe.id } });
  const fixedUnit = 'code' in mapping.orgUnit ? unitsByCode.get(mapping.orgUnit.code.trim().toUpperCase()) : undefined;
  if ('code' in mapping.orgUnit && !fixedUnit) problems.push({ row: 0, column: '', columnLetter: '', key: 'unknown_org_unit', params: { value: mapping.orgUnit.code } });
  else if (fixedUnit && !known.canCapture(fixedUnit.path)) problems.push({ row: 0, column: '', columnLetter: '', key: 'outside_scope', params: { value: fixedUnit.code } });
  if (problems.length) return { values: [], problems, empty: 0, decimal, rejectedRows: 0 };

  // Wide layout: the period of each value column comes from its header, once.
  const headerProblems: ImportProblem[] = [];
  if (mapping.layout === 'wide') {
    for (const v of valueCols) {
      const header = table.headers[v.index]!;
      v.pe = parsePeriodText(header, fixedDe?.periodType ?? 'month');
      if (!v.pe) headerProblems.push({ row: table.headerRow, column: header, columnLetter: columnLetter(v.index), key: 'unknown_period', params: { value: header } });
    }
  }
  problems.push(...headerProblems);

  const values: ParsedValue[] = [];
  const seen = new Map<string, number>();
  const rejected = new Set<number>();
  let empty = 0;
  const fixedPe = mapping.period && 'code' in mapping.period ? mapping.period.code : null;
  const at = (row: number, index: number, key: ImportProblemKey, params: Record<string, string | number>) => {
    problems.push({ row, column: table.headers[index] ?? '', columnLetter: index >= 0 ? columnLetter(index) : '', key, params });
    rejected.add(row);
  };

  for (const r of table.rows) {
    const text = (i: number) => cellText(r.cells[i] ?? null);
    let ok = true;
    let unit: KnownUnit | undefined = fixedUnit;
    if (ouCol >= 0) {
      const raw = text(ouCol);
      const found = resolveUnit(raw);
      if (found === 'ambiguous') { at(r.row, ouCol, 'ambiguous_org_unit', { value: raw }); ok = false; }
      else if (!found) { at(r.row, ouCol, 'unknown_org_unit', { value: raw }); ok = false; }
      else if (!known.canCapture(found.path)) { at(r.row, ouCol, 'outside_scope', { value: found.code }); ok = false; }
      else unit = found;
    }
    let de = fixedDe;
    if (deCol >= 0) {
      const raw = text(deCol);
      const found = resolveDe(raw);
      if (!found) { at(r.row, deCol, 'unknown_data_element', { value: raw }); ok = false; }
      else if (!found.importable) { at(r.row, deCol, 'not_importable', { value: found.id }); ok = false; }
      else de = found;
    }
    let sex: 'T' | 'M' | 'F' = 'T';
    const parts: string[] = [];
    for (const d of disaggCols) {
      const raw = text(d.index);
      if (d.isSex) {
        const s = SEX[fold(raw)];
        if (!s) { at(r.row, d.index, 'bad_sex', { value: raw }); ok = false; }
        else sex = s;
      } else parts.push(`${d.name.trim()}=${raw}`);
    }
    const disagg = parts.sort().join(';');
    let rowPe: string | null = fixedPe;
    if (peCol >= 0) {
      const cell: Cell = r.cells[peCol] ?? null;
      rowPe = parsePeriodText(cell, de?.periodType ?? 'month');
      if (!rowPe) { at(r.row, peCol, 'unknown_period', { value: cellText(cell) }); ok = false; }
    }
    if (rowPe && de && periodType(rowPe) !== de.periodType && peCol >= 0) {
      at(r.row, peCol, 'period_type', { value: cellText(r.cells[peCol] ?? null), expected: de.periodType });
      ok = false;
    }
    for (const v of valueCols) {
      const pe = v.pe ?? rowPe;
      const raw = r.cells[v.index] ?? null;
      const n = raw instanceof Date ? null : parseNumber(raw, decimal);
      if (n === undefined) {
        empty++;
        continue;
      }
      if (n === null) {
        at(r.row, v.index, 'not_a_number', { value: cellText(raw) });
        continue;
      }
      if (v.pe && de && periodType(v.pe) !== de.periodType) {
        at(r.row, v.index, 'period_type', { value: table.headers[v.index]!, expected: de.periodType });
        continue;
      }
      if (!ok || !unit || !de || !pe) continue;
      const key = `${de.id}|${unit.code}|${pe}|${sex}|${disagg}`;
      const first = seen.get(key);
      if (first !== undefined) {
        at(r.row, v.index, 'duplicate_row', { first });
        continue;
      }
      seen.set(key, r.row);
      values.push({ row: r.row, de: de.id, ou: unit.code, ouPath: unit.path, pe, sex, disagg, value: n });
      if (values.length > MAX_VALUES) {
        problems.push({ row: r.row, column: '', columnLetter: '', key: 'too_many_values', params: { max: MAX_VALUES } });
        return { values: [], problems, empty, decimal, rejectedRows: rejected.size };
      }
    }
  }
  if (values.length === 0 && problems.length === 0) problems.push({ row: 0, column: '', columnLetter: '', key: 'no_values', params: {} });
  // A row with a problem contributes no value at all, even if some of its cells were fine (wide layouts).
  return { values: values.filter((v) => !rejected.has(v.row)), problems, empty, decimal, rejectedRows: rejected.size };
}

/** Values already in the store for the same keys: equal ones are "unchanged"; different ones conflict. */
export function classifyAgainstExisting(
  values: ParsedValue[],
  existing: Map<string, { value: number; importId: string | null }>,
): { fresh: ParsedValue[]; unchanged: number; conflicts: ImportProblem[] } {
  const fresh: ParsedValue[] = [];
  const conflicts: ImportProblem[] = [];
  let unchanged = 0;
  for (const v of values) {
    const e = existing.get(valueKey(v));
    if (!e) fresh.push(v);
    else if (Math.abs(e.value - v.value) <= 1e-9 * Math.max(1, Math.abs(v.value))) unchanged++;
    else conflicts.push({ row: v.row, column: '', columnLetter: '', key: 'conflicts_existing', params: { value: e.value, import: e.importId ?? '-' } });
  }
  return { fresh, unchanged, conflicts };
}

export const valueKey = (v: { de: string; ou: string; pe: string; sex: string; disagg: string }) => `${v.de}|${v.ou}|${v.pe}|${v.sex}|${v.disagg}`;

/** The lowest unit whose subtree holds every path (the import's scope). */
export function commonAncestorPath(paths: string[]): string {
  if (paths.length === 0) return '/';
  let prefix = paths[0]!.split('/').filter(Boolean);
  for (const p of paths.slice(1)) {
    const parts = p.split('/').filter(Boolean);
    let i = 0;
    while (i < prefix.length && i < parts.length && prefix[i] === parts[i]) i++;
    prefix = prefix.slice(0, i);
  }
  return prefix.length ? `/${prefix.join('/')}/` : '/';
}
