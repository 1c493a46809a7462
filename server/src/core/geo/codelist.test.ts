import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CODELIST_MAX_ROWS,
  CODELIST_MESSAGE_KEYS,
  codeListMessages,
  detectDelimiter,
  formatCodeListError,
  parseCodeList,
  type CodeListError,
  type CodeListRow,
  type KnownCode,
} from './codelist.js';

const known: ReadonlyMap<string, { kind: string }> = new Map([
  ['001', { kind: 'world' }],
  ['019', { kind: 'region' }],
  ['419', { kind: 'region' }],
  ['013', { kind: 'region' }],
  ['GTM', { kind: 'country' }],
  ['SLV', { kind: 'country' }],
  ['HND', { kind: 'country' }],
  ['SV01', { kind: 'division' }],
  ['SV0101', { kind: 'municipality' }],
]);

const GT_DEPARTMENTS = [
  'Guatemala',
  'El Progreso',
  'Sacatepéquez',
  'Chimaltenango',
  'Escuintla',
  'Santa Rosa',
  'Sololá',
  'Totonicapán',
  'Quetzaltenango',
  'Suchitepéquez',
  'Retalhuleu',
  'San Marcos',
  'Huehuetenango',
  'Quiché',
  'Baja Verapaz',
  'Alta Verapaz',
  'Petén',
  'Izabal',
  'Zacapa',
  'Chiquimula',
  'Jalapa',
  'Jutiapa',
];

const GT_MUNICIPALITIES: [string, string, string][] = [
  ['GT0101', 'Guatemala', 'GT01'],
  ['GT0108', 'Mixco', 'GT01'],
  ['GT0115', 'Villa Nueva', 'GT01'],
  ['GT0301', 'Antigua Guatemala', 'GT03'],
  ['GT0901', 'Quetzaltenango', 'GT09'],
  ['GT1301', 'Huehuetenango', 'GT13'],
  ['GT1601', 'Cobán', 'GT16'],
  ['GT1701', 'Flores', 'GT17'],
];

function guatemalaLines(): string[] {
  const departments = GT_DEPARTMENTS.map(
    (name, i) => `GT${String(i + 1).padStart(2, '0')},${name},GTM,Department of ${name},division`,
  );
  const municipalities = GT_MUNICIPALITIES.map(([code, name, parent]) => `${code},"${name}",${parent},,`);
  return [...departments, ...municipalities];
}

function only(errors: CodeListError[]): Pick<CodeListError, 'row' | 'column' | 'messageKey' | 'params'> {
  expect(errors).toHaveLength(1);
  return errors[0] as CodeListError;
}

function expectParentsFirst(rows: CodeListRow[], knownCodes: ReadonlyMap<string, unknown>): void {
  const seen = new Set<string>();
  for (const r of rows) {
    expect(knownCodes.has(r.parentCode) || seen.has(r.parentCode), `${r.code} after its parent ${r.parentCode}`).toBe(true);
    seen.add(r.code);
  }
}

describe('parseCodeList: valid files', () => {
  it('reads Guatemalan departments and municipalities', () => {
    const csv = ['code,name,parent_code,name_en,kind', ...guatemalaLines()].join('\n') + '\n';
    const { rows, errors } = parseCodeList(csv, known);
    expect(errors).toEqual([]);
    expect(rows).toHaveLength(22 + GT_MUNICIPALITIES.length);
    expect(rows[0]).toEqual({
      code: 'GT01',
      nameEs: 'Guatemala',
      nameEn: 'Department of Guatemala',
      parentCode: 'GTM',
      kind: 'division',
      row: 2,
    });
    const coban = rows.find((r) => r.code === 'GT1601');
    expect(coban).toEqual({ code: 'GT1601', nameEs: 'Cobán', nameEn: 'Cobán', parentCode: 'GT16', kind: 'municipality', row: 30 });
    expect(rows.filter((r) => r.kind === 'division')).toHaveLength(22);
    expectParentsFirst(rows, known);
  });

  it('reads a semicolon-separated file with BOM, CRLF, Spanish headers and blank lines', () => {
    const csv =
      '\uFEFF Código ; NOMBRE ; Código_Padre \r\n' +
      'GT01;Guatemala;GTM\r\n' +
      '\r\n' +
      'GT0101 ; Guatemala ; GT01\r\n' +
      ';;\r\n' +
      '\r\n';
    const { rows, errors } = parseCodeList(csv, known);
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      { code: 'GT01', nameEs: 'Guatemala', nameEn: 'Guatemala', parentCode: 'GTM', kind: 'division', row: 2 },
      { code: 'GT0101', nameEs: 'Guatemala', nameEn: 'Guatemala', parentCode: 'GT01', kind: 'municipality', row: 4 },
    ]);
  });

  it('reads a tab-separated file with quoted names holding the separator and line breaks', () => {
    const csv = 'codigo\tnombre\tcodigo_padre\ttipo\nGT05\t"Escuintla\tsur"\tGTM\tdivisión\nGT0501\t"Santa Lucía\nCotzumalguapa"\tGT05\tmunicipio\nGT0502\tLa Democracia\tGT05\t\n';
    const { rows, errors } = parseCodeList(csv, known);
    expect(errors).toEqual([]);
    expect(rows.map((r) => [r.code, r.nameEs, r.kind, r.row])).toEqual([
      ['GT05', 'Escuintla\tsur', 'division', 2],
      ['GT0501', 'Santa Lucía\nCotzumalguapa', 'municipality', 3],
      ['GT0502', 'La Democracia', 'municipality', 5],
    ]);
  });

  it('accepts a child before its parent and returns parents first', () => {
    const csv = ['code,name,parent_code', 'GT0101,Guatemala,GT01', 'GT01,Guatemala,GTM', 'SV0102,Ahuachapán,SV01'].join('\n');
    const { rows, errors } = parseCodeList(csv, known);
    expect(errors).toEqual([]);
    expect(rows.map((r) => [r.code, r.kind, r.row])).toEqual([
      ['GT01', 'division', 3],
      ['SV0102', 'municipality', 4],
      ['GT0101', 'municipality', 2],
    ]);
  });

  it('allows a municipality directly under a country when the kind says so', () => {
    const csv = 'code,name,parent_code,kind\nHN99,Roatán,HND,municipality\n';
    expect(parseCodeList(csv, known).rows[0]?.kind).toBe('municipality');
  });

  it('matches parent codes regardless of case and returns the stored code', () => {
    const csv = 'code,name,parent_code\ngt01,Guatemala,gtm\ngt0101,Guatemala,GT01\n';
    const { rows, errors } = parseCodeList(csv, known);
    expect(errors).toEqual([]);
    expect(rows.map((r) => [r.code, r.parentCode])).toEqual([
      ['gt01', 'GTM'],
      ['gt0101', 'gt01'],
    ]);
  });
});

describe('parseCodeList: errors', () => {
  it('codelist.missing_column', () => {
    const { rows, errors } = parseCodeList('code,nombre\nGT01,Guatemala\n', known);
    expect(rows).toEqual([]);
    expect(only(errors)).toEqual({
      row: 1,
      column: 'parent_code',
      messageKey: 'codelist.missing_column',
      params: { column: 'parent_code' },
    });
  });

  it('codelist.empty for a header without rows and for an empty file', () => {
    expect(only(parseCodeList('code,name,parent_code\n\n,,\n', known).errors)).toMatchObject({ row: 1, messageKey: 'codelist.empty' });
    expect(only(parseCodeList('\uFEFF', known).errors)).toMatchObject({ row: 1, messageKey: 'codelist.empty' });
    expect(only(parseCodeList(',,\n', known).errors)).toMatchObject({ messageKey: 'codelist.empty' });
  });

  it('codelist.required', () => {
    const { rows, errors } = parseCodeList('code,name,parent_code\nGT01,Guatemala,GTM\nGT02,,GTM\n', known);
    expect(rows.map((r) => r.code)).toEqual(['GT01']);
    expect(only(errors)).toEqual({ row: 3, column: 'name', messageKey: 'codelist.required', params: { column: 'name' } });
  });

  it('codelist.required on a short row (missing cells)', () => {
    const { errors } = parseCodeList('code,name,parent_code\nGT01,Guatemala\n', known);
    expect(only(errors)).toMatchObject({ row: 2, column: 'parent_code', messageKey: 'codelist.required' });
  });

  it('codelist.bad_code', () => {
    const { errors } = parseCodeList('code,name,parent_code\nGT 01,Guatemala,GTM\n-GT2,El Progreso,GTM\n', known);
    expect(errors).toEqual([
      { row: 2, column: 'code', messageKey: 'codelist.bad_code', params: { value: 'GT 01' } },
      { row: 3, column: 'code', messageKey: 'codelist.bad_code', params: { value: '-GT2' } },
    ]);
    const long = 'A'.repeat(33);
    expect(only(parseCodeList(`code,name,parent_code\n${long},X,GTM\n`, known).errors)).toMatchObject({
      messageKey: 'codelist.bad_code',
      params: { value: long },
    });
    expect(only(parseCodeList('code,name,parent_code\nGT01,X,GT/M\n', known).errors)).toMatchObject({
      column: 'parent_code',
      messageKey: 'codelist.bad_code',
      params: { value: 'GT/M' },
    });
  });

  it('codelist.duplicate_code', () => {
    const { rows, errors } = parseCodeList('code,name,parent_code\nGT01,Guatemala,GTM\nGT02,El Progreso,GTM\ngt01,Otra,GTM\n', known);
    expect(rows.map((r) => r.code)).toEqual(['GT01', 'GT02']);
    expect(only(errors)).toEqual({
      row: 4,
      column: 'code',
      messageKey: 'codelist.duplicate_code',
      params: { code: 'gt01', firstRow: 2 },
    });
  });

  it('codelist.code_exists', () => {
    const { errors } = parseCodeList('code,name,parent_code\nSV01,Ahuachapán,SLV\n', known);
    expect(only(errors)).toEqual({ row: 2, column: 'code', messageKey: 'codelist.code_exists', params: { code: 'SV01' } });
  });

  it('codelist.outside_scope on the rows hanging from an existing unit the importer may not add under', () => {
    const csv = 'code,name,parent_code\nGT01,Guatemala,GTM\nHN01,Atlántida,HND\nHN0101,La Ceiba,HN01\n';
    const { rows, errors } = parseCodeList(csv, known, { allowedParents: new Set(['GTM']) });
    expect(only(errors)).toEqual({ row: 3, column: 'parent_code', messageKey: 'codelist.outside_scope', params: { code: 'HND' } });
    // The municipality under HN01 drops out with it; without the option the same file is valid.
    expect(rows.map((r) => r.code)).toEqual(['GT01']);
    expect(parseCodeList(csv, known).errors).toEqual([]);
  });

  it('codelist.unknown_parent', () => {
    const { errors } = parseCodeList('code,name,parent_code\nGT01,Guatemala,GTM\nGT0101,Guatemala,GT99\n', known);
    expect(only(errors)).toEqual({
      row: 3,
      column: 'parent_code',
      messageKey: 'codelist.unknown_parent',
      params: { code: 'GT99' },
    });
    expect(formatCodeListError(errors[0] as CodeListError)).toBe(
      'El código padre «GT99» no existe. Use el código de un país (por ejemplo GTM) o de una división ya importada o definida en este archivo.',
    );
  });

  it('codelist.parent_not_allowed under the world or a region', () => {
    const { errors } = parseCodeList('code,name,parent_code\nX1,Algo,013\nX2,Otro,001\n', known);
    expect(errors).toEqual([
      { row: 2, column: 'parent_code', messageKey: 'codelist.parent_not_allowed', params: { code: '013', kind: 'region' } },
      { row: 3, column: 'parent_code', messageKey: 'codelist.parent_not_allowed', params: { code: '001', kind: 'world' } },
    ]);
  });

  it('codelist.bad_kind', () => {
    const { errors } = parseCodeList('code,name,parent_code,kind\nGT01,Guatemala,GTM,departamento\n', known);
    expect(only(errors)).toEqual({ row: 2, column: 'kind', messageKey: 'codelist.bad_kind', params: { value: 'departamento' } });
  });

  it('codelist.cycle, and rows hanging from a cycle are left out', () => {
    const csv = 'code,name,parent_code\nA1,A,B1\nB1,B,A1\nC1,C,C1\nD1,D,A1\nGT01,Guatemala,GTM\n';
    const { rows, errors } = parseCodeList(csv, known);
    expect(rows.map((r) => r.code)).toEqual(['GT01']);
    expect(errors).toEqual([
      { row: 2, column: 'parent_code', messageKey: 'codelist.cycle', params: { code: 'A1' } },
      { row: 3, column: 'parent_code', messageKey: 'codelist.cycle', params: { code: 'B1' } },
      { row: 4, column: 'parent_code', messageKey: 'codelist.cycle', params: { code: 'C1' } },
    ]);
  });

  it('codelist.too_deep below a municipality, and a division below a division', () => {
    const csv = 'code,name,parent_code,kind\nGT01,Guatemala,GTM,\nGT0101,Guatemala,GT01,\nGT010101,Zona 1,GT0101,\nSV0101X,Barrio,SV0101,\nSV01A,Sub,SV01,division\n';
    const { rows, errors } = parseCodeList(csv, known);
    expect(rows.map((r) => r.code)).toEqual(['GT01', 'GT0101']);
    expect(errors).toEqual([
      { row: 4, column: 'parent_code', messageKey: 'codelist.too_deep', params: { code: 'GT0101' } },
      { row: 5, column: 'parent_code', messageKey: 'codelist.too_deep', params: { code: 'SV0101' } },
      { row: 6, column: 'parent_code', messageKey: 'codelist.too_deep', params: { code: 'SV01' } },
    ]);
  });

  it('codelist.too_many_rows', () => {
    const body = Array.from({ length: CODELIST_MAX_ROWS + 1 }, (_, i) => `M${i},N,GTM`).join('\n');
    const { rows, errors } = parseCodeList(`code,name,parent_code\n${body}\n`, known);
    expect(rows).toEqual([]);
    expect(only(errors)).toEqual({
      row: CODELIST_MAX_ROWS + 2,
      column: '',
      messageKey: 'codelist.too_many_rows',
      params: { max: CODELIST_MAX_ROWS, count: CODELIST_MAX_ROWS + 1 },
    });
  });

  it('codelist.malformed_csv for an unclosed quote', () => {
    const { errors } = parseCodeList('code,name,parent_code\nGT01,"Guatemala,GTM\n', known);
    expect(only(errors)).toMatchObject({ column: '', messageKey: 'codelist.malformed_csv' });
  });

  it('a row in error makes its children in the file drop out, without extra errors', () => {
    const { rows, errors } = parseCodeList('code,name,parent_code\nGT01,,GTM\nGT0101,Guatemala,GT01\n', known);
    expect(rows).toEqual([]);
    expect(only(errors)).toMatchObject({ row: 2, messageKey: 'codelist.required' });
  });

  it('survives a long chain in the file without recursion', () => {
    const n = 20000;
    const lines = Array.from({ length: n }, (_, i) => `C${i},N,${i === 0 ? 'GTM' : `C${i - 1}`}`);
    const { rows, errors } = parseCodeList(['code,name,parent_code', ...lines.reverse()].join('\n'), known);
    expect(rows.map((r) => r.code)).toEqual(['C0', 'C1']);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ messageKey: 'codelist.too_deep', params: { code: 'C1' } });
  });
});

describe('parseCodeList: other codes (ISO 3166-2, statistics office, P-code)', () => {
  // GT-GU carries an ISO code as its own code and SV01 a P-code beside its own: both name their unit.
  const knownWithCodes: ReadonlyMap<string, KnownCode> = new Map<string, KnownCode>([
    ...known,
    ['GT-GU', { kind: 'division' }],
    ['SV-AH', { kind: 'division', code: 'SV01' }],
  ]);

  it('reads the code columns, in capitals, and only on the rows that have them', () => {
    const csv = 'code,name,parent_code,iso_3166_2,codigo_ine,pcode\nGT01,Guatemala,GTM,gt-gx,01,GT01\nGT02,El Progreso,GTM,,,\n';
    const { rows, errors } = parseCodeList(csv, known);
    expect(errors).toEqual([]);
    expect(rows[0]?.codes).toEqual([
      { scheme: 'iso_3166_2', code: 'GT-GX' },
      { scheme: 'nso_code', code: '01' },
      { scheme: 'pcode', code: 'GT01' },
    ]);
    expect(rows[1]).not.toHaveProperty('codes');
  });

  it('takes a parent given by its ISO code, in the platform or in the file, and returns the unit\'s own code', () => {
    const csv = 'code,name,parent_code,iso_3166_2,pcode\nSV0102,Apaneca,SV-AH,,\nHN01,Atlántida,HND,HN-AT,HN01P\nHN0101,La Ceiba,hn-at,,\nHN0102,Esparta,HN01P,,\n';
    const { rows, errors } = parseCodeList(csv, knownWithCodes);
    expect(errors).toEqual([]);
    expect(rows.map((r) => [r.code, r.parentCode, r.kind])).toEqual([
      ['SV0102', 'SV01', 'municipality'],
      ['HN01', 'HND', 'division'],
      ['HN0101', 'HN01', 'municipality'],
      ['HN0102', 'HN01', 'municipality'],
    ]);
    // Scopes hold units' own codes: the ISO code of a unit inside the scope is inside it too.
    expect(parseCodeList(csv, knownWithCodes, { allowedParents: new Set(['SV01', 'HND']) }).errors).toEqual([]);
  });

  it('refuses a code two rows share, or that a unit already carries, with its row and column', () => {
    const csv = 'code,name,parent_code,iso_3166_2,pcode\nGT01,Guatemala,GTM,GT-GX,GT01\nGT02,El Progreso,GTM,,GT01\nGT03,Sacatepéquez,GTM,SV-AH,\nGT-GX,Otra,GTM,,\nGT04,Otra,GTM,gt-gu,\n';
    const { errors } = parseCodeList(csv, knownWithCodes);
    expect(errors).toEqual([
      { row: 3, column: 'pcode', messageKey: 'codelist.duplicate_code', params: { code: 'GT01', firstRow: 2 } },
      { row: 4, column: 'iso_3166_2', messageKey: 'codelist.code_exists', params: { code: 'SV-AH' } },
      { row: 5, column: 'code', messageKey: 'codelist.duplicate_code', params: { code: 'GT-GX', firstRow: 2 } },
      { row: 6, column: 'iso_3166_2', messageKey: 'codelist.code_exists', params: { code: 'gt-gu' } },
    ]);
    expect(parseCodeList('code,name,parent_code,pcode\nGT01,Guatemala,GTM,GT 01\n', known).errors).toEqual([
      { row: 2, column: 'pcode', messageKey: 'codelist.bad_code', params: { value: 'GT 01' } },
    ]);
  });
});

describe('detectDelimiter', () => {
  it('picks the separator from the header line, ignoring quoted text', () => {
    expect(detectDelimiter('code,name,parent_code\n')).toBe(',');
    expect(detectDelimiter('\n"a,b";name;parent\n')).toBe(';');
    expect(detectDelimiter('code\tname\tparent_code')).toBe('\t');
    expect(detectDelimiter('code')).toBe(',');
  });
});

describe('codeListMessages', () => {
  it('has every key in es, en, pt and fr, with the same placeholders', () => {
    for (const locale of ['es', 'en', 'pt', 'fr'] as const) {
      for (const key of CODELIST_MESSAGE_KEYS) {
        const template = codeListMessages[locale][key];
        expect(template, `${locale} ${key}`).toBeTruthy();
        const placeholders = (t: string | undefined): string[] => [...new Set(t?.match(/\{\w+\}/g) ?? [])].sort();
        expect(placeholders(template), `${locale} ${key}`).toEqual(placeholders(codeListMessages.es[key]));
      }
    }
  });

  it('fills the placeholders', () => {
    const error: CodeListError = { row: 4, column: 'code', messageKey: 'codelist.duplicate_code', params: { code: 'GT01', firstRow: 2 } };
    expect(formatCodeListError(error, 'en')).toBe(
      'The code “GT01” already appears in row 2. Each unit needs its own code: correct or delete one of the two rows.',
    );
  });
});

describe('parseCodeList: property', () => {
  it('parses any permutation of a valid file to the same rows, parents first', () => {
    const lines = guatemalaLines();
    const reference = parseCodeList(['code,name,parent_code,name_en,kind', ...lines].join('\n'), known);
    expect(reference.errors).toEqual([]);
    const strip = (rows: CodeListRow[]): Omit<CodeListRow, 'row'>[] =>
      rows.map(({ row: _row, ...rest }) => rest).sort((a, b) => (a.code < b.code ? -1 : 1));
    const expected = strip(reference.rows);

    fc.assert(
      fc.property(fc.shuffledSubarray(lines, { minLength: lines.length, maxLength: lines.length }), fc.constantFrom(',', ';', '\t'), (shuffled, sep) => {
        const text = ['code,name,parent_code,name_en,kind', ...shuffled].map((l) => l.replace(/,/g, sep)).join('\n');
        const { rows, errors } = parseCodeList(text, known);
        expect(errors).toEqual([]);
        expect(strip(rows)).toEqual(expected);
        expectParentsFirst(rows, known);
        for (const r of rows) expect(shuffled[r.row - 2]?.split(',')[0]).toBe(r.code);
      }),
      { numRuns: 200 },
    );
  });
});
