import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { detectDecimalSeparator, parseNumber } from './numbers.js';
import { expandRange, parsePeriodText, shiftPeriod } from './periods.js';
import { detectDelimiter, readDelimited } from './table.js';
import { decodeText } from './decode.js';
import { applyMapping, commonAncestorPath, type KnownUnit } from './mapping.js';

describe('numbers', () => {
  it.each([
    ['1.234,56', ',', 1234.56],
    ['1,234.56', '.', 1234.56],
    ['1 234,5', ',', 1234.5],
    ['1\u00a0234\u00a0567', ',', 1234567],
    ['12,5 %', ',', 12.5],
    ['US$ 1,200', '.', 1200],
    ['(1.234)', ',', -1234],
    ['-0,25', ',', -0.25],
    ['1.5E+06', '.', 1_500_000],
    [',5', ',', 0.5],
  ] as const)('%s with decimal %s is %d', (text, decimal, expected) => {
    expect(parseNumber(text, decimal)).toBeCloseTo(expected, 9);
  });
  it('says what is not a number, and what is missing', () => {
    expect(parseNumber('abc', ',')).toBeNull();
    expect(parseNumber('1.23.4,5', ',')).toBeNull();
    expect(parseNumber('12,34,5', '.')).toBeNull();
    for (const m of ['', '-', '..', 'n/d', 'S/D']) expect(parseNumber(m, ',')).toBeUndefined();
  });
  it('detects the decimal separator of a file from unambiguous values', () => {
    expect(detectDecimalSeparator(['1.234', '12,5'], '.')).toBe(',');
    expect(detectDecimalSeparator(['1,234,567', '1.234'], ',')).toBe('.');
    expect(detectDecimalSeparator(['1.234'], ',')).toBe(',');
    expect(detectDecimalSeparator(['1.234'], '.')).toBe('.');
  });
  it('reads back any number written with either convention (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 99 }), fc.constantFrom(',' as const, '.' as const), fc.boolean(), (int, cents, decimal, grouped) => {
        const abs = Math.abs(int);
        const thousands = decimal === ',' ? '.' : ',';
        const digits = String(abs);
        const body = grouped ? digits.replace(/\B(?=(\d{3})+(?!\d))/g, thousands) : digits;
        const text = `${int < 0 ? '-' : ''}${body}${decimal}${String(cents).padStart(2, '0')}`;
        const expected = (int < 0 ? -1 : 1) * (abs + cents / 100);
        expect(parseNumber(text, decimal)).toBeCloseTo(expected, 6);
      }),
    );
  });
});

describe('periods', () => {
  it.each([
    ['2024-03', '202403'],
    ['03/2024', '202403'],
    ['3/2024', '202403'],
    ['mar-24', '202403'],
    ['Mar-24', '202403'],
    ['marzo 2024', '202403'],
    ['marzo de 2024', '202403'],
    ['Septiembre-2023', '202309'],
    ['set-23', '202309'],
    ['ene.2024', '202401'],
    ['diciembre 2023', '202312'],
    ['2024M03', '202403'],
    ['202403', '202403'],
    ['2024-Q1', '2024Q1'],
    ['T2 2024', '2024Q2'],
    ['II-2024', '2024Q2'],
    ['2024', '2024'],
    ['15/03/2024', '202403'],
  ])('%s is %s', (text, expected) => expect(parsePeriodText(text)).toBe(expected));
  it('reads dates and Excel serials, and refuses nonsense', () => {
    expect(parsePeriodText(new Date(Date.UTC(2024, 2, 1)))).toBe('202403');
    expect(parsePeriodText(45352)).toBe('202403'); // 2024-03-01
    expect(parsePeriodText('2024-03-10', 'year')).toBe('2024');
    expect(parsePeriodText('foo-24')).toBeNull();
    expect(parsePeriodText('13/2024')).toBeNull();
    expect(parsePeriodText('')).toBeNull();
  });
  it('shifts and expands periods (property: shift there and back is identity)', () => {
    expect(shiftPeriod('2024Q1', 1)).toBe('2023Q4');
    expect(shiftPeriod('202401', 1)).toBe('202312');
    expect(expandRange('2018', '2020')).toEqual(['2018', '2019', '2020']);
    expect(expandRange('2023Q4', '2024Q1')).toEqual(['2023Q4', '2024Q1']);
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: -500, max: 500 }), (y, m, n) => {
        const pe = `${y}${String(m).padStart(2, '0')}`;
        expect(shiftPeriod(shiftPeriod(pe, n), -n)).toBe(pe);
      }),
    );
  });
  it('formats every month in Spanish and English the way ministries write them (property)', () => {
    const es = ['ene', 'feb', 'mar', 'abr', 'may', 'jun', 'jul', 'ago', 'sep', 'oct', 'nov', 'dic'];
    const en = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2069 }), fc.integer({ min: 1, max: 12 }), fc.constantFrom('es-short', 'en-short', 'iso', 'slash'), (y, m, style) => {
        const mm = String(m).padStart(2, '0');
        const text = style === 'es-short' ? `${es[m - 1]}-${String(y).slice(2)}` : style === 'en-short' ? `${en[m - 1]} ${y}` : style === 'iso' ? `${y}-${mm}` : `${mm}/${y}`;
        expect(parsePeriodText(text)).toBe(`${y}${mm}`);
      }),
    );
  });
});

describe('files', () => {
  it('decodes UTF-8 with and without BOM and Windows-1252', () => {
    const text = 'departamento;mes;monto\nSacatepéquez;mar-24;1.234,56\n';
    expect(decodeText(new TextEncoder().encode(text))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]))).toEqual({ text, encoding: 'utf-8-bom' });
    expect(decodeText(new Uint8Array(iconv.encode(text, 'windows-1252')))).toEqual({ text, encoding: 'windows-1252' });
  });
  it('detects comma, semicolon and tab separators, with a title line above the table', () => {
    expect(detectDelimiter('a,b,c\n1,2,3')).toBe(',');
    expect(detectDelimiter('Remesas familiares\na;b;c\n1;2,5;3\n4;5;6')).toBe(';');
    expect(detectDelimiter('a\tb\n1\t2')).toBe('\t');
  });
  it('finds the header below a title, and drops blank and note rows at the end', () => {
    const csv = 'Banco Central - Remesas\n\ndepto;periodo;monto\nGT01;2024-01;10\nGT02;2024-01;20\n\n;;\nFuente: Banco Central;;\n';
    const t = readDelimited(new TextEncoder().encode(csv));
    expect(t.headerRow).toBe(3);
    expect(t.headers).toEqual(['depto', 'periodo', 'monto']);
    expect(t.rows.map((r) => r.row)).toEqual([4, 5]);
  });
  it('never loses or invents rows of any separated table (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(',', ';', '\t'),
        fc.array(fc.tuple(fc.stringMatching(/^[A-Za-z]{1,8}$/), fc.integer({ min: 0, max: 1e6 })), { minLength: 1, maxLength: 30 }),
        fc.boolean(),
        (sep, data, crlf) => {
          const nl = crlf ? '\r\n' : '\n';
          const text = [`name${sep}value`, ...data.map(([n, v]) => `${n}${sep}${v}`)].join(nl) + nl + nl;
          const t = readDelimited(new TextEncoder().encode(text));
          expect(t.rows.map((r) => [r.cells[0], Number(r.cells[1])])).toEqual(data);
        },
      ),
    );
  });
});

describe('mapping', () => {
  const units: KnownUnit[] = [
    { code: 'GTM', nameEs: 'Guatemala', nameEn: 'Guatemala', path: '/001/019/419/013/GTM/', kind: 'country' },
    { code: 'GT01', nameEs: 'Guatemala', nameEn: 'Guatemala', path: '/001/019/419/013/GTM/GT01/', kind: 'division' },
    { code: 'GT03', nameEs: 'Sacatepéquez', nameEn: 'Sacatepéquez', path: '/001/019/419/013/GTM/GT03/', kind: 'division' },
  ];
  const known = { units, dataElements: [{ id: 'rem_m', nameEs: 'Remesas mensuales', nameEn: 'Monthly remittances', periodType: 'month' as const, importable: true }], canCapture: (p: string) => p.includes('/GTM/') };
  it('reads names without accents, picks the department over the country inside a parent, and reports problems by row and column', () => {
    const csv = 'depto;mes;monto\nSACATEPEQUEZ;mar-24;1.234,56\nGuatemala;mar-24;2.000\nPetén;mar-24;5\nGT03;abril 24;abc\nGT03;mar-24;7\n';
    const t = readDelimited(new TextEncoder().encode(csv));
    const r = applyMapping(t, { layout: 'long', orgUnit: { column: 'depto', within: 'GTM', kind: 'division' }, period: { column: 'mes' }, dataElement: { id: 'rem_m' }, value: 'monto' }, known);
    expect(r.decimal).toBe(',');
    expect(r.values.map((v) => [v.ou, v.pe, v.value])).toEqual([
      ['GT03', '202403', 1234.56],
      ['GT01', '202403', 2000],
    ]);
    expect(r.problems.map((p) => [p.row, p.columnLetter, p.key])).toEqual([
      [4, 'A', 'unknown_org_unit'],
      [5, 'C', 'not_a_number'],
      [6, 'C', 'duplicate_row'],
    ]);
  });
  it('reads a wide table with months as columns', () => {
    const csv = 'Departamento,ene-24,feb-24,mar-24\nGT01,"1,000.5",2000,\nGT03,10,20,30\n';
    const t = readDelimited(new TextEncoder().encode(csv));
    const r = applyMapping(t, { layout: 'wide', orgUnit: { column: 'Departamento' }, dataElement: { id: 'rem_m' } }, known);
    expect(r.problems).toEqual([]);
    expect(r.empty).toBe(1);
    expect(r.values.map((v) => `${v.ou}:${v.pe}=${v.value}`)).toEqual(['GT01:202401=1000.5', 'GT01:202402=2000', 'GT03:202401=10', 'GT03:202402=20', 'GT03:202403=30']);
  });
  it('finds the common ancestor of paths', () => {
    expect(commonAncestorPath(['/001/GTM/GT01/', '/001/GTM/GT03/'])).toBe('/001/GTM/');
    expect(commonAncestorPath(['/001/GTM/GT01/'])).toBe('/001/GTM/GT01/');
  });
});
