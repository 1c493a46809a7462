import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { decodeText } from './decode.js';
import { detectDecimalSeparator, parseNumber } from './numbers.js';
import ExcelJS from 'exceljs';
import { detectDelimiter, readDelimited, readXlsx } from './table.js';

/** Reading uploaded files: encodings, separators, header rows, numbers in either convention. */

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
  it('reads a workbook as exceljs did: dates, rich text, cached formula results, booleans', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('vacía');
    const ws = wb.addWorksheet('Hoja 1');
    ws.addRow(['Remesas familiares']);
    ws.addRow(['depto', 'fecha', 'monto', 'fórmula', 'sí/no']);
    ws.addRow(['Sacatepéquez & <Petén>', new Date(Date.UTC(2024, 2, 1)), -4.35, { formula: 'C3*2', result: -8.7 }, true]);
    ws.addRow([{ richText: [{ text: 'Gua' }, { text: 'temala' }] }, '2024-01', 1234.5, { formula: 'HYPERLINK("http://x.example","y")', result: 'y' }, false]);
    const t = readXlsx(new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(t).toMatchObject({ format: 'xlsx', sheet: 'Hoja 1', sheets: ['vacía', 'Hoja 1'], headerRow: 2, headers: ['depto', 'fecha', 'monto', 'fórmula', 'sí/no'] });
    expect(t.rows).toEqual([
      { row: 3, cells: ['Sacatepéquez & <Petén>', new Date(Date.UTC(2024, 2, 1)), -4.35, -8.7, 'true'] },
      { row: 4, cells: ['Guatemala', '2024-01', 1234.5, 'y', 'false'] },
    ]);
    expect(() => readXlsx(new Uint8Array(Buffer.from('PK\u0003\u0004 not really')), 'x')).toThrow(expect.objectContaining({ key: 'unreadable_xlsx' }));
  });
});
