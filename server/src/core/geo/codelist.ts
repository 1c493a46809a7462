import { parse } from 'csv-parse/sync';
import { DEFAULT_FILE_LIMITS, type FileLimits } from '../files/limits.js';
import { formatMessage } from '../i18n/format.js';
import type { OrgUnitCode, OrgUnitCodeScheme } from './codes.js';

/**
 * Code lists of subnational org units (first-level divisions and municipalities) that officials import as CSV.
 *
 * Header `code,name,parent_code` plus optional `name_en` and `kind` (`division` | `municipality`); Spanish headers
 * `codigo`/`código`, `nombre`, `codigo_padre`/`código_padre` (and `nombre_en`, `tipo`) are accepted too. Optional
 * columns `iso_3166_2`, `nso_code` (`codigo_ine`) and `pcode` give a unit its other codes (codes.ts); the parent may be
 * named by any code of a unit, in the platform or in the file, and no code may name two units.
 * Comma, semicolon or tab separated (detected from the header line), UTF-8 with or without BOM.
 *
 * Pure: validates against the codes that already exist (`knownCodes`) and returns either the rows, parents
 * before children, or the errors with their line number. Callers must not import anything when `errors` is not
 * empty; `rows` then holds only the rows that are valid themselves and whose ancestors in the file are valid.
 */

export interface CodeListRow {
  code: string;
  nameEs: string;
  nameEn: string;
  parentCode: string;
  kind: 'division' | 'municipality' | null;
  /** The unit's other codes, from the `iso_3166_2`, `nso_code` and `pcode` columns; absent when it has none. */
  codes?: OrgUnitCode[];
  /** 1-based line number in the file (the header is line 1). */
  row: number;
}

export interface CodeListError {
  /** 1-based line number in the file (the header is line 1). */
  row: number;
  /** Canonical column name (`code`, `name`, `parent_code`, `name_en`, `kind`, or a code scheme), or '' for the whole file. */
  column: string;
  messageKey: CodeListMessageKey;
  params: Record<string, string | number>;
}

export const CODELIST_MAX_ROWS = 50000;

export const CODE_PATTERN = /^[A-Z0-9][A-Z0-9._-]{0,31}$/i;

export const CODELIST_MESSAGE_KEYS = [
  'codelist.missing_column',
  'codelist.empty',
  'codelist.required',
  'codelist.bad_code',
  'codelist.duplicate_code',
  'codelist.code_exists',
  'codelist.unknown_parent',
  'codelist.parent_not_allowed',
  'codelist.bad_kind',
  'codelist.cycle',
  'codelist.too_deep',
  'codelist.too_many_rows',
  'codelist.malformed_csv',
  'codelist.cell_too_long',
  'codelist.line_too_long',
  'codelist.outside_scope',
] as const;
export type CodeListMessageKey = (typeof CODELIST_MESSAGE_KEYS)[number];

type Column = 'code' | 'name' | 'parent_code' | 'name_en' | 'kind' | OrgUnitCodeScheme;
type SubKind = 'division' | 'municipality';

const REQUIRED_COLUMNS: readonly Column[] = ['code', 'name', 'parent_code'];

/** Header aliases, after normalisation (lower case, no accents, spaces and hyphens as `_`). */
const HEADER_ALIASES: Readonly<Record<string, Column>> = {
  code: 'code',
  codigo: 'code',
  name: 'name',
  name_es: 'name',
  nombre: 'name',
  nombre_es: 'name',
  parent_code: 'parent_code',
  parentcode: 'parent_code',
  parent: 'parent_code',
  codigo_padre: 'parent_code',
  padre: 'parent_code',
  name_en: 'name_en',
  nombre_en: 'name_en',
  kind: 'kind',
  tipo: 'kind',
  iso_3166_2: 'iso_3166_2',
  iso3166_2: 'iso_3166_2',
  codigo_iso: 'iso_3166_2',
  nso_code: 'nso_code',
  nso: 'nso_code',
  codigo_ine: 'nso_code',
  ine: 'nso_code',
  pcode: 'pcode',
  p_code: 'pcode',
  ocha_pcode: 'pcode',
};

const CODE_COLUMNS: readonly OrgUnitCodeScheme[] = ['iso_3166_2', 'nso_code', 'pcode'];

/** What the tree knows by a code: the unit's kind, and its own code when the key is one of its other codes. */
export type KnownCode = { kind: string; code?: string };

const KIND_ALIASES: Readonly<Record<string, SubKind>> = {
  division: 'division',
  municipality: 'municipality',
  municipio: 'municipality',
};

function normalizeHeader(value: string): string {
  return stripAccents(value.trim().toLowerCase()).replace(/[\s-]+/g, '_');
}

function stripAccents(value: string): string {
  return value.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

/** Picks the separator that occurs most often outside quotes in the first non-blank line (comma on a tie). */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
  const firstLine = text.split('\n').find((line) => line.trim().length > 0) ?? '';
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) counts[ch]++;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[',']) return '\t';
  return ',';
}

interface Entry {
  row: number;
  code: string;
  key: string;
  nameEs: string;
  nameEn: string;
  parentRaw: string;
  explicitKind: SubKind | null;
  codes: OrgUnitCode[];
  codeOk: boolean;
  parentOk: boolean;
  duplicate: boolean;
  hasError: boolean;
}

interface Resolution {
  kind: SubKind | null;
  parentCode: string;
  depth: number;
  /** The row and all its ancestors in the file are free of errors. */
  ok: boolean;
}

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

export interface CodeListOptions {
  /**
   * The existing units under which units may be added (the importer's capture scope); every unit of the file
   * hangs, through its parents in the file, from one existing unit, so checking those is enough. Absent: anywhere
   * (the command line acts as the system).
   */
  allowedParents?: ReadonlySet<string>;
  /** A set, not a function, so that the options cross to the file-reading worker. */
  limits?: FileLimits;
}

export function parseCodeList(
  csvText: string,
  knownCodes: ReadonlyMap<string, KnownCode>,
  options: CodeListOptions = {},
): { rows: CodeListRow[]; errors: CodeListError[] } {
  const limits = options.limits ?? DEFAULT_FILE_LIMITS;
  const errors: CodeListError[] = [];
  const text = csvText.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');

  let records: ParsedRecord[];
  try {
    records = parse(text, {
      delimiter: detectDelimiter(text),
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      // Read no further than two records past the row limit (header, and one more to know the file is longer), and no
      // record longer than the shared limit of a line.
      to: CODELIST_MAX_ROWS + 3,
      max_record_size: limits.lineChars,
    }) as unknown as ParsedRecord[];
  } catch (e) {
    if ((e as { code?: string }).code === 'CSV_MAX_RECORD_SIZE') {
      const row = (e as { lines?: number }).lines ?? 1;
      return { rows: [], errors: [{ row, column: '', messageKey: 'codelist.line_too_long', params: { max: limits.lineChars } }] };
    }
    const line = typeof (e as { lines?: unknown }).lines === 'number' ? (e as { lines: number }).lines : 1;
    return { rows: [], errors: [{ row: line, column: '', messageKey: 'codelist.malformed_csv', params: { line } }] };
  }

  // Line where each record starts: csv-parse reports the line where it ends.
  const lines = records.map((r) => ({
    cells: r.record.map((c) => c.trim()),
    row: r.info.lines - r.record.reduce((n, c) => n + (c.match(/\n/g)?.length ?? 0), 0),
  }));
  for (const l of lines) {
    const long = l.cells.findIndex((c) => c.length > limits.cellChars);
    if (long >= 0) return { rows: [], errors: [{ row: l.row, column: String(long + 1), messageKey: 'codelist.cell_too_long', params: { max: limits.cellChars } }] };
  }
  const nonBlank = lines.filter((l) => l.cells.some((c) => c.length > 0));
  const header = nonBlank[0];
  if (!header) {
    return { rows: [], errors: [{ row: 1, column: '', messageKey: 'codelist.empty', params: {} }] };
  }

  const columnIndex = new Map<Column, number>();
  header.cells.forEach((name, i) => {
    const column = HEADER_ALIASES[normalizeHeader(name)];
    if (column && !columnIndex.has(column)) columnIndex.set(column, i);
  });
  for (const column of REQUIRED_COLUMNS) {
    if (!columnIndex.has(column)) {
      errors.push({ row: header.row, column, messageKey: 'codelist.missing_column', params: { column } });
    }
  }
  if (errors.length > 0) return { rows: [], errors };

  const data = nonBlank.slice(1);
  if (data.length === 0) {
    return { rows: [], errors: [{ row: header.row, column: '', messageKey: 'codelist.empty', params: {} }] };
  }
  if (data.length > CODELIST_MAX_ROWS) {
    const first = data[CODELIST_MAX_ROWS];
    return {
      rows: [],
      errors: [
        {
          row: first?.row ?? header.row,
          column: '',
          messageKey: 'codelist.too_many_rows',
          // Reading stops one record past the limit, so a longer file's count is "more than" the maximum.
          params: { max: CODELIST_MAX_ROWS, count: records.length >= CODELIST_MAX_ROWS + 3 ? `> ${CODELIST_MAX_ROWS}` : data.length },
        },
      ],
    };
  }

  const knownUpper = new Map<string, { code: string; kind: string }>();
  for (const [code, known] of knownCodes) {
    const key = code.toUpperCase();
    if (!knownUpper.has(key)) knownUpper.set(key, { code: known.code ?? code, kind: known.kind });
  }
  const lookupKnown = (code: string): { code: string; kind: string } | undefined => {
    const exact = knownCodes.get(code);
    return exact ? { code: exact.code ?? code, kind: exact.kind } : knownUpper.get(code.toUpperCase());
  };

  const fail = (entry: Entry, column: Column, messageKey: CodeListMessageKey, params: CodeListError['params']): void => {
    entry.hasError = true;
    errors.push({ row: entry.row, column, messageKey, params });
  };

  const get = (cells: string[], column: Column): string => {
    const i = columnIndex.get(column);
    return i === undefined ? '' : (cells[i] ?? '');
  };

  const entries: Entry[] = [];
  const firstByKey = new Map<string, Entry>();
  /** Every code of the file (own and other codes of its rows), upper case, by the first row that carries it. */
  const codeOwner = new Map<string, Entry>();
  /** The file's row named by `code`, whichever of its codes that is. */
  const inFile = (code: string): Entry | undefined => firstByKey.get(code.toUpperCase()) ?? codeOwner.get(code.toUpperCase());
  for (const line of data) {
    const code = get(line.cells, 'code');
    const nameEs = get(line.cells, 'name');
    const parentRaw = get(line.cells, 'parent_code');
    const kindRaw = get(line.cells, 'kind');
    const entry: Entry = {
      row: line.row,
      code,
      key: code.toUpperCase(),
      nameEs,
      nameEn: get(line.cells, 'name_en') || nameEs,
      parentRaw,
      explicitKind: null,
      codes: [],
      codeOk: false,
      parentOk: false,
      duplicate: false,
      hasError: false,
    };
    entries.push(entry);

    if (!code) fail(entry, 'code', 'codelist.required', { column: 'code' });
    else if (!CODE_PATTERN.test(code)) fail(entry, 'code', 'codelist.bad_code', { value: code });
    else entry.codeOk = true;
    if (!nameEs) fail(entry, 'name', 'codelist.required', { column: 'name' });
    if (!parentRaw) fail(entry, 'parent_code', 'codelist.required', { column: 'parent_code' });
    else if (!CODE_PATTERN.test(parentRaw)) fail(entry, 'parent_code', 'codelist.bad_code', { value: parentRaw });
    else entry.parentOk = true;
    if (kindRaw) {
      const kind = KIND_ALIASES[stripAccents(kindRaw.toLowerCase())];
      if (kind) entry.explicitKind = kind;
      else fail(entry, 'kind', 'codelist.bad_kind', { value: kindRaw });
    }

    if (entry.codeOk) {
      const first = firstByKey.get(entry.key) ?? codeOwner.get(entry.key);
      if (first) {
        entry.duplicate = true;
        fail(entry, 'code', 'codelist.duplicate_code', { code, firstRow: first.row });
      } else {
        firstByKey.set(entry.key, entry);
        codeOwner.set(entry.key, entry);
        if (lookupKnown(code)) fail(entry, 'code', 'codelist.code_exists', { code });
      }
    }

    for (const scheme of CODE_COLUMNS) {
      const other = get(line.cells, scheme);
      if (!other) continue;
      const key = other.toUpperCase();
      if (!CODE_PATTERN.test(other)) {
        fail(entry, scheme, 'codelist.bad_code', { value: other });
        continue;
      }
      entry.codes.push({ scheme, code: key });
      // A unit may carry the same code in two schemes (its own code and its P-code); two units may not share one.
      if (key === entry.key) continue;
      const first = codeOwner.get(key);
      if (first && first !== entry) fail(entry, scheme, 'codelist.duplicate_code', { code: other, firstRow: first.row });
      else if (lookupKnown(other)) fail(entry, scheme, 'codelist.code_exists', { code: other });
      else codeOwner.set(key, entry);
    }
  }

  // Resolve kinds and depths along parent chains, iteratively (a hostile file may hold long chains).
  const resolved = new Map<Entry, Resolution>();
  const unresolved: Resolution = { kind: null, parentCode: '', depth: 0, ok: false };

  /** Kind of `entry` given its parent's kind; records the error and returns null when not allowed. */
  const childKind = (entry: Entry, parentCode: string, parentKind: string): SubKind | null => {
    switch (parentKind) {
      case 'country':
        return entry.explicitKind ?? 'division';
      case 'division':
        if (entry.explicitKind === 'division') {
          fail(entry, 'parent_code', 'codelist.too_deep', { code: parentCode });
          return null;
        }
        return 'municipality';
      case 'municipality':
        fail(entry, 'parent_code', 'codelist.too_deep', { code: parentCode });
        return null;
      default:
        fail(entry, 'parent_code', 'codelist.parent_not_allowed', { code: parentCode, kind: parentKind });
        return null;
    }
  };

  for (const start of entries) {
    if (resolved.has(start)) continue;
    const path: Entry[] = [];
    const onPath = new Set<Entry>();
    let base: Resolution = unresolved;
    let cur: Entry = start;
    for (;;) {
      const done = resolved.get(cur);
      if (done) {
        base = done;
        break;
      }
      if (onPath.has(cur)) {
        const cycle = path.splice(path.indexOf(cur));
        for (const member of cycle) {
          fail(member, 'parent_code', 'codelist.cycle', { code: member.code });
          resolved.set(member, { ...unresolved, parentCode: member.parentRaw });
        }
        base = unresolved;
        break;
      }
      if (!cur.codeOk || cur.duplicate || !cur.parentOk) {
        resolved.set(cur, { ...unresolved, parentCode: cur.parentRaw });
        base = unresolved;
        break;
      }
      const known = lookupKnown(cur.parentRaw);
      if (known) {
        if (options.allowedParents && !options.allowedParents.has(known.code)) {
          fail(cur, 'parent_code', 'codelist.outside_scope', { code: known.code });
          resolved.set(cur, { ...unresolved, parentCode: known.code });
          base = unresolved;
          break;
        }
        const kind = childKind(cur, known.code, known.kind);
        resolved.set(cur, { kind, parentCode: known.code, depth: 0, ok: kind !== null && !cur.hasError });
        base = resolved.get(cur) as Resolution;
        break;
      }
      const parent = inFile(cur.parentRaw);
      if (!parent) {
        fail(cur, 'parent_code', 'codelist.unknown_parent', { code: cur.parentRaw });
        resolved.set(cur, { ...unresolved, parentCode: cur.parentRaw });
        base = unresolved;
        break;
      }
      onPath.add(cur);
      path.push(cur);
      cur = parent;
    }
    // `path` runs from `start` up to the highest unresolved ancestor, whose parent resolved to `base`.
    for (let i = path.length - 1; i >= 0; i--) {
      const entry = path[i] as Entry;
      const parent = inFile(entry.parentRaw) as Entry;
      const kind = base.kind === null ? null : childKind(entry, parent.code, base.kind);
      base = { kind, parentCode: parent.code, depth: base.depth + 1, ok: base.ok && kind !== null && !entry.hasError };
      resolved.set(entry, base);
    }
  }

  const rows: (CodeListRow & { depth: number })[] = [];
  for (const entry of entries) {
    const r = resolved.get(entry);
    if (!r?.ok || entry.hasError || r.kind === null) continue;
    rows.push({
      code: entry.code,
      nameEs: entry.nameEs,
      nameEn: entry.nameEn,
      parentCode: r.parentCode,
      kind: r.kind,
      ...(entry.codes.length > 0 ? { codes: entry.codes } : {}),
      row: entry.row,
      depth: r.depth,
    });
  }
  rows.sort((a, b) => a.depth - b.depth || a.row - b.row);
  errors.sort((a, b) => a.row - b.row);
  return { rows: rows.map(({ depth: _depth, ...row }) => row), errors };
}

type Messages = Record<CodeListMessageKey, string>;

const es: Messages = {
  'codelist.missing_column':
    'Falta la columna «{column}». La primera fila debe tener los encabezados code, name y parent_code (o codigo, nombre y codigo_padre).',
  'codelist.empty': 'El archivo no tiene filas de datos. Escriba una fila por unidad debajo de la fila de encabezados.',
  'codelist.required': 'La celda de la columna «{column}» está vacía. Escriba un valor.',
  'codelist.bad_code':
    'El código «{value}» no es válido. Use hasta 32 letras sin tilde, números, puntos, guiones o guiones bajos, empezando por una letra o un número (por ejemplo GT01).',
  'codelist.duplicate_code':
    'El código «{code}» ya aparece en la fila {firstRow}. Cada unidad necesita un código distinto: corrija o borre una de las dos filas.',
  'codelist.code_exists':
    'El código «{code}» ya existe en la plataforma. Use otro código, o quite esta fila si la unidad ya está cargada.',
  'codelist.unknown_parent':
    'El código padre «{code}» no existe. Use el código de un país (por ejemplo GTM) o de una división ya importada o definida en este archivo.',
  'codelist.parent_not_allowed':
    '«{code}» es una región, no un país. Las divisiones y los municipios deben ir bajo un país (por ejemplo GTM) o bajo una división.',
  'codelist.bad_kind':
    'El tipo «{value}» no es válido. Escriba division o municipality, o deje la celda vacía para que se deduzca del código padre.',
  'codelist.cycle':
    'Los códigos padre forman un círculo: siguiendo los padres desde «{code}» se vuelve a «{code}». Corrija el código padre de estas filas.',
  'codelist.too_deep':
    'Esta unidad no puede ir bajo «{code}». Bajo un país hay como máximo dos niveles: la división va directamente bajo el país y el municipio bajo la división; un municipio no puede tener unidades debajo.',
  'codelist.too_many_rows':
    'El archivo tiene {count} filas de datos y el máximo es {max}. Divídalo en varios archivos e impórtelos uno tras otro.',
  'codelist.malformed_csv':
    'El archivo no se puede leer como CSV cerca de la línea {line} (por ejemplo, hay unas comillas sin cerrar). Revíselo y vuelva a guardarlo como CSV.',
  'codelist.cell_too_long':
    'Una celda tiene más de {max} caracteres: ningún código ni nombre es tan largo. Revise la celda indicada.',
  'codelist.line_too_long':
    'Una línea tiene más de {max} caracteres (¿unas comillas sin cerrar?). Revise la línea indicada.',
  'codelist.outside_scope':
    'No puede agregar unidades bajo «{code}»: está fuera de su ámbito de captura. Use como padre una unidad de su ámbito, o pida a un administrador que importe esta fila.',
};

const en: Messages = {
  'codelist.missing_column':
    'The column “{column}” is missing. The first row must have the headers code, name and parent_code (or codigo, nombre and codigo_padre).',
  'codelist.empty': 'The file has no data rows. Write one row per unit below the header row.',
  'codelist.required': 'The “{column}” cell is empty. Enter a value.',
  'codelist.bad_code':
    'The code “{value}” is not valid. Use up to 32 unaccented letters, digits, dots, hyphens or underscores, starting with a letter or digit (for example GT01).',
  'codelist.duplicate_code':
    'The code “{code}” already appears in row {firstRow}. Each unit needs its own code: correct or delete one of the two rows.',
  'codelist.code_exists':
    'The code “{code}” already exists in the platform. Use another code, or remove this row if the unit is already loaded.',
  'codelist.unknown_parent':
    'The parent code “{code}” does not exist. Use the code of a country (for example GTM) or of a division already imported or defined in this file.',
  'codelist.parent_not_allowed':
    '“{code}” is a region, not a country. Divisions and municipalities must go under a country (for example GTM) or under a division.',
  'codelist.bad_kind':
    'The kind “{value}” is not valid. Write division or municipality, or leave the cell empty so that it is inferred from the parent code.',
  'codelist.cycle':
    'The parent codes go round in a circle: following the parents from “{code}” leads back to “{code}”. Correct the parent code of these rows.',
  'codelist.too_deep':
    'This unit cannot go under “{code}”. A country has at most two levels below it: a division goes directly under the country and a municipality under a division; a municipality cannot have units below it.',
  'codelist.too_many_rows':
    'The file has {count} data rows and the maximum is {max}. Split it into several files and import them one after another.',
  'codelist.malformed_csv':
    'The file cannot be read as CSV near line {line} (for example, a quote is not closed). Check it and save it again as CSV.',
  'codelist.cell_too_long':
    'A cell has more than {max} characters: no code or name is that long. Check the cell shown.',
  'codelist.line_too_long':
    'A line has more than {max} characters (an unclosed quote?). Check the line shown.',
  'codelist.outside_scope':
    'You cannot add units under “{code}”: it is outside your capture scope. Use a parent inside your scope, or ask an administrator to import this row.',
};

const pt: Messages = {
  'codelist.missing_column':
    'Falta a coluna «{column}». A primeira linha deve ter os cabeçalhos code, name e parent_code (ou codigo, nombre e codigo_padre).',
  'codelist.empty': 'O arquivo não tem linhas de dados. Escreva uma linha por unidade abaixo da linha de cabeçalhos.',
  'codelist.required': 'A célula da coluna «{column}» está vazia. Preencha um valor.',
  'codelist.bad_code':
    'O código «{value}» não é válido. Use até 32 letras sem acento, números, pontos, hifens ou sublinhados, começando por uma letra ou um número (por exemplo GT01).',
  'codelist.duplicate_code':
    'O código «{code}» já aparece na linha {firstRow}. Cada unidade precisa de um código diferente: corrija ou apague uma das duas linhas.',
  'codelist.code_exists':
    'O código «{code}» já existe na plataforma. Use outro código ou retire esta linha se a unidade já estiver carregada.',
  'codelist.unknown_parent':
    'O código pai «{code}» não existe. Use o código de um país (por exemplo GTM) ou de uma divisão já importada ou definida neste arquivo.',
  'codelist.parent_not_allowed':
    '«{code}» é uma região, não um país. Divisões e municípios devem ficar sob um país (por exemplo GTM) ou sob uma divisão.',
  'codelist.bad_kind':
    'O tipo «{value}» não é válido. Escreva division ou municipality, ou deixe a célula vazia para que seja deduzido do código pai.',
  'codelist.cycle':
    'Os códigos pai formam um círculo: seguindo os pais a partir de «{code}» volta-se a «{code}». Corrija o código pai destas linhas.',
  'codelist.too_deep':
    'Esta unidade não pode ficar sob «{code}». Um país tem no máximo dois níveis abaixo dele: a divisão fica diretamente sob o país e o município sob a divisão; um município não pode ter unidades abaixo.',
  'codelist.too_many_rows':
    'O arquivo tem {count} linhas de dados e o máximo é {max}. Divida-o em vários arquivos e importe-os um após o outro.',
  'codelist.malformed_csv':
    'O arquivo não pode ser lido como CSV perto da linha {line} (por exemplo, há aspas não fechadas). Verifique-o e salve-o novamente como CSV.',
  'codelist.cell_too_long':
    'Uma célula tem mais de {max} caracteres: nenhum código ou nome é tão longo. Verifique a célula indicada.',
  'codelist.line_too_long':
    'Uma linha tem mais de {max} caracteres (aspas não fechadas?). Verifique a linha indicada.',
  'codelist.outside_scope':
    'Você não pode adicionar unidades sob «{code}»: está fora do seu âmbito de captura. Use como pai uma unidade do seu âmbito ou peça a um administrador que importe esta linha.',
};

const fr: Messages = {
  'codelist.missing_column':
    'La colonne « {column} » est absente. La première ligne doit contenir les en-têtes code, name et parent_code (ou codigo, nombre et codigo_padre).',
  'codelist.empty': 'Le fichier ne contient aucune ligne de données. Écrivez une ligne par unité sous la ligne des en-têtes.',
  'codelist.required': 'La cellule de la colonne « {column} » est vide. Saisissez une valeur.',
  'codelist.bad_code':
    'Le code « {value} » n’est pas valide. Utilisez jusqu’à 32 lettres sans accent, chiffres, points, tirets ou tirets bas, en commençant par une lettre ou un chiffre (par exemple GT01).',
  'codelist.duplicate_code':
    'Le code « {code} » figure déjà à la ligne {firstRow}. Chaque unité doit avoir son propre code : corrigez ou supprimez l’une des deux lignes.',
  'codelist.code_exists':
    'Le code « {code} » existe déjà dans la plateforme. Utilisez un autre code, ou retirez cette ligne si l’unité est déjà chargée.',
  'codelist.unknown_parent':
    'Le code parent « {code} » n’existe pas. Utilisez le code d’un pays (par exemple GTM) ou d’une division déjà importée ou définie dans ce fichier.',
  'codelist.parent_not_allowed':
    '« {code} » est une région, pas un pays. Les divisions et les municipalités doivent être placées sous un pays (par exemple GTM) ou sous une division.',
  'codelist.bad_kind':
    'Le type « {value} » n’est pas valide. Écrivez division ou municipality, ou laissez la cellule vide pour qu’il soit déduit du code parent.',
  'codelist.cycle':
    'Les codes parents forment une boucle : en suivant les parents depuis « {code} », on revient à « {code} ». Corrigez le code parent de ces lignes.',
  'codelist.too_deep':
    'Cette unité ne peut pas être placée sous « {code} ». Un pays compte au plus deux niveaux : la division directement sous le pays, la municipalité sous la division ; une municipalité ne peut pas avoir d’unités en dessous.',
  'codelist.too_many_rows':
    'Le fichier contient {count} lignes de données et le maximum est de {max}. Divisez-le en plusieurs fichiers et importez-les l’un après l’autre.',
  'codelist.malformed_csv':
    'Le fichier ne peut pas être lu comme CSV près de la ligne {line} (par exemple, un guillemet n’est pas fermé). Vérifiez-le et enregistrez-le de nouveau au format CSV.',
  'codelist.cell_too_long':
    'Une cellule compte plus de {max} caractères : aucun code ni nom n’est aussi long. Vérifiez la cellule indiquée.',
  'codelist.line_too_long':
    'Une ligne compte plus de {max} caractères (un guillemet non fermé ?). Vérifiez la ligne indiquée.',
  'codelist.outside_scope':
    'Vous ne pouvez pas ajouter d’unités sous « {code} » : elle est hors de votre périmètre de saisie. Choisissez un parent dans votre périmètre, ou demandez à un administrateur d’importer cette ligne.',
};

/** Message templates with `{param}` placeholders, Spanish first. */
export const codeListMessages: Record<'es' | 'en' | 'pt' | 'fr', Record<string, string>> = { es, en, pt, fr };

/** The same messages as the core's catalogue `codelist` (`codelist.missing_column` is its key `missing_column`). */
const unprefixed = (messages: Record<string, string>) => Object.fromEntries(Object.entries(messages).map(([key, text]) => [key.replace(/^codelist\./, ''), text]));
export const codeListCatalogue = { es: unprefixed(es), en: unprefixed(en), pt: unprefixed(pt), fr: unprefixed(fr) };

/** Fills a code-list error's template in the given language (the core's one formatter). */
export function formatCodeListError(error: CodeListError, locale: 'es' | 'en' | 'pt' | 'fr' = 'es'): string {
  const template = codeListMessages[locale][error.messageKey] ?? codeListMessages.es[error.messageKey] ?? error.messageKey;
  return formatMessage(locale, template, error.params);
}
