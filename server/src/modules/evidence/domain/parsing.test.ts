import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { expandRange, parsePeriodText, shiftPeriod } from './periods.js';
import { readDelimited } from '../../../core/files/table.js';
import { applyMapping, commonAncestorPath, type KnownUnit } from './mapping.js';

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
  it('names a unit by any of its codes (ISO 3166-2, statistics office, P-code), its own code first', () => {
    const withCodes: KnownUnit[] = [
      ...units.slice(0, 1),
      { ...units[1]!, codes: ['GT-GU', '01'] },
      { ...units[2]!, codes: ['GT-SA', 'GT01'] },
    ];
    const csv = 'codigo,valor\ngt-sa,1\nGT01,3\n';
    const t = readDelimited(new TextEncoder().encode(csv));
    const r = applyMapping(t, { layout: 'long', orgUnit: { column: 'codigo' }, period: { code: '202403' }, dataElement: { id: 'rem_m' }, value: 'valor' }, { ...known, units: withCodes });
    expect(r.problems).toEqual([]);
    // "GT01" is one unit's own code and another's P-code: the unit whose code it is.
    expect(r.values.map((v) => [v.ou, v.value])).toEqual([
      ['GT03', 1],
      ['GT01', 3],
    ]);
    const byStatisticsCode = applyMapping(readDelimited(new TextEncoder().encode('codigo,valor\n01,2\n')), { layout: 'long', orgUnit: { column: 'codigo' }, period: { code: '202403' }, dataElement: { id: 'rem_m' }, value: 'valor' }, { ...known, units: withCodes });
    expect(byStatisticsCode.values.map((v) => v.ou)).toEqual(['GT01']);
  });
  it('finds the common ancestor of paths', () => {
    expect(commonAncestorPath(['/001/GTM/GT01/', '/001/GTM/GT03/'])).toBe('/001/GTM/');
    expect(commonAncestorPath(['/001/GTM/GT01/'])).toBe('/001/GTM/GT01/');
  });
});
