import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { csvField, toCsv } from '../../core/files/csv.js';
import { startTestPlatform, type TestPlatform } from '../../test/platform.js';

/**
 * Finding 7 of issue 12: names of units and data elements reach CSV and XLSX downloads, and a name like `=1+1`
 * must never become a formula in the reader's spreadsheet (OWASP CSV injection). Negative numbers stay numbers.
 */

describe('the CSV writer', () => {
  it('quotes and prefixes every text cell a spreadsheet would run, and leaves numbers alone', () => {
    for (const hostile of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\rx', '=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0"]) {
      const field = csvField(hostile);
      expect(field.startsWith(`"'`)).toBe(true);
      expect((parse(field) as string[][])[0]![0]).toBe(`'${hostile}`);
    }
    expect(csvField(-4.35)).toBe('-4.35');
    expect(csvField('GTM')).toBe('GTM');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(toCsv([['a', -1], ['=x', 2]])).toBe('\uFEFFa,-1\r\n"\'=x",2\r\n');
  });
});

describe('analytics downloads with hostile names', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startTestPlatform({}, { template: 'full' });
    await p.ctx.database.rows(sql`UPDATE ev_data_elements SET name_es = '=1+1' WHERE id = 'remittances_received_usd'`);
    await p.ctx.database.rows(sql`UPDATE org_units SET name_es = '+SUM(A1)' WHERE code = 'GTM'`);
    await p.ctx.database.rows(sql`UPDATE org_units SET name_es = '-2+3' WHERE code = 'HND'`);
    await p.ctx.database.rows(sql`UPDATE org_units SET name_es = '@cmd' WHERE code = 'SLV'`);
    await p.ctx.database.rows(sql`UPDATE ev_values SET value = -4.35 WHERE de = 'remittances_received_usd' AND ou = 'GTM' AND pe = '2020'`);
  });
  afterAll(() => p.close());
  const url = '/api/v1/evidence/analytics?dx=remittances_received_usd&ou=GTM,HND,SLV&pe=2020';

  it('CSV: no cell starts with = + - @ unless it is a number', async () => {
    const res = await p.app.inject({ method: 'GET', url: `${url}&format=csv` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="[^"]+\.csv"/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const records = parse(res.body.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(records.length).toBe(3);
    const names = new Set(records.flatMap((r) => [r.dx_name, r.ou_name]));
    expect(names).toEqual(new Set(["'=1+1", "'+SUM(A1)", "'-2+3", "'@cmd"]));
    for (const r of records) for (const cell of Object.values(r)) if (/^[=+\-@\t\r]/.test(cell)) expect(Number.isFinite(Number(cell))).toBe(true);
    expect(records.find((r) => r.ou === 'GTM')!.value).toBe('-4.35');
  });

  it('XLSX: names are string cells, never formulas; the negative value is a number', async () => {
    const res = await p.app.inject({ method: 'GET', url: `${url}&format=xlsx` });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('data')!;
    const seen: string[] = [];
    ws.eachRow((row, n) => {
      if (n === 1) return;
      for (const col of [2, 4]) {
        const cell = row.getCell(col);
        expect(cell.type).toBe(ExcelJS.ValueType.String);
        seen.push(String(cell.value));
      }
      if (row.getCell(3).value === 'GTM') expect(row.getCell(6).value).toBe(-4.35);
    });
    expect(new Set(seen)).toEqual(new Set(['=1+1', '+SUM(A1)', '-2+3', '@cmd']));
    // and no <f> element anywhere in the sheet's XML
    const { default: JSZip } = await import('jszip');
    const zip = await JSZip.loadAsync(res.rawPayload);
    expect(await zip.file('xl/worksheets/sheet1.xml')!.async('string')).not.toMatch(/<f[ >]/);
  });
});
