import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { startTestPlatform, type Session, type TestPlatform } from '../../test/platform.js';
import { loadBundledData } from './loader.js';
import { profileSchema } from './profiles.js';
import { EXPORT_COLUMNS } from './export.js';

/** The evidence module on the real engine: bundled data (PROVENANCE.md checks), analytics, profiles, imports. */

let p: TestPlatform;
const get = (url: string, headers: Record<string, string> = {}) => p.app.inject({ method: 'GET', url, headers });
const value = async (de: string, ou: string, pe: string, extra = sql``) =>
  (await p.ctx.database.rows<{ value: number }>(sql`SELECT value FROM ev_values WHERE de = ${de} AND ou = ${ou} AND pe = ${pe} ${extra}`))[0]?.value;

beforeAll(async () => {
  p = await startTestPlatform({}, { template: 'full' });
});
afterAll(() => p.close());

describe('bundled data (the checks of PROVENANCE.md)', () => {
  it('world migrant stock 2020 and 1990, unknown origin and Channel Islands included', async () => {
    expect(await value('immigrants', '001', '2020', sql`AND sex = 'T'`)).toBe(280_598_105);
    expect(await value('emigrants', '001', '2020', sql`AND sex = 'T'`)).toBe(280_598_105);
    expect(await value('immigrants', '001', '1990', sql`AND sex = 'T'`)).toBe(152_986_157);
  });
  it('Mexico-born in the USA 2020, by sex, through the stocks endpoint', async () => {
    const res = await get('/api/v1/evidence/stocks?origin=MEX&destination=USA&year=2020');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ total: 10_853_105, male: 5_796_774, female: 5_056_331, year: '2020', licence: 'CC BY 3.0 IGO', vintage: 'Rev.2020' });
  });
  it('remittances received 2022 (WDI May 2024 pull)', async () => {
    expect(await value('remittances_received_usd', 'MEX', '2022')).toBe(61_099_973_682);
    expect((await value('remittances_received_usd', 'GTM', '2022'))! / 1e9).toBeCloseTo(18.2, 2);
    expect((await value('remittances_received_usd', 'HND', '2022'))! / 1e9).toBeCloseTo(8.49, 2);
    expect((await value('remittances_received_usd', 'SLV', '2022'))! / 1e9).toBeCloseTo(7.69, 2);
  });
  it('remittances / GDP 2022 (2024 pull / GDP file): computed, both sources named', async () => {
    const res = await get('/api/v1/evidence/analytics?dx=remittances_pct_gdp&ou=GTM,HND,SLV&pe=2022');
    const rows = res.json().rows as { ou: string; value: number; computed: boolean; sourceIds: string[] }[];
    const by = Object.fromEntries(rows.map((r) => [r.ou, r]));
    expect(by.GTM!.value).toBeCloseTo(19.16, 2);
    expect(by.HND!.value).toBeCloseTo(27.0, 2);
    expect(by.SLV!.value).toBeCloseTo(24.05, 2);
    expect(by.GTM).toMatchObject({ computed: true, sourceIds: ['wdi_2024_05', 'wdi_gdp'] });
  });
  it('US->Mexico bilateral remittance estimate 2017, labelled as an estimate', async () => {
    const res = await get('/api/v1/evidence/corridors?origin=MEX&destination=USA');
    expect(res.statusCode).toBe(200);
    expect(Math.round(res.json().remittanceEstimate.usdMillion)).toBe(30_019);
    expect(res.json().remittanceEstimate.estimate).toBe(true);
  });
  it('RPW USA->Mexico 2025Q1: 4.98 % (US$200), 3.22 % (US$500), 46 providers', async () => {
    const res = await get('/api/v1/evidence/corridors?origin=MEX&destination=USA');
    const q = (res.json().cost.series as { period: string; mean200Pct: number; mean500Pct: number; providers: number }[]).find((s) => s.period === '2025Q1')!;
    expect(q.mean200Pct).toBeCloseTo(4.98, 2);
    expect(q.mean500Pct).toBeCloseTo(3.22, 2);
    expect(q.providers).toBe(46);
  });
  it('loading again is idempotent by content hash, and reports each source', async () => {
    const before = await p.ctx.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM ev_values`);
    const results = await loadBundledData(p.ctx);
    expect(results.every((r) => r.status === 'unchanged')).toBe(true);
    expect(await p.ctx.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM ev_values`)).toEqual(before);
    const sources = (await get('/api/v1/evidence/sources')).json().items as { id: string; rows: number; contentHash: string }[];
    expect(sources.filter((s) => s.contentHash).length).toBe(9);
    expect(sources.find((s) => s.id === 'undesa_ims_2020')!.rows).toBeGreaterThan(231_000);
  });
});

describe('analytics', () => {
  it('answers data elements and indicators with provenance, the published ratio where it exists', async () => {
    const res = await get('/api/v1/evidence/analytics?dx=remittances_pct_gdp,emigrants,female_share_emigrants&ou=GTM,419&pe=2020');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.dimensions.ou.map((o: { code: string }) => o.code)).toEqual(['GTM', '419']);
    const gtm = body.rows.find((r: { dx: string; ou: string }) => r.dx === 'remittances_pct_gdp' && r.ou === 'GTM');
    expect(gtm).toMatchObject({ published: true, computed: false, sourceIds: ['wdi_2023_05'], pe: '2020' });
    const region = body.rows.find((r: { dx: string; ou: string }) => r.dx === 'emigrants' && r.ou === '419');
    expect(region.computed).toBe(true);
    expect(body.attribution).toMatch(/^Fuentes:/);
    expect(body.rows.find((r: { dx: string; ou: string }) => r.dx === 'female_share_emigrants' && r.ou === 'GTM').value).toBeGreaterThan(30);
  });
  it('reports unknown items as field errors in the request language', async () => {
    const es = await get('/api/v1/evidence/analytics?dx=nope&ou=GTM');
    expect(es.statusCode).toBe(400);
    expect(es.json().error.fields[0]).toEqual({ path: 'dx', message: 'Dato o indicador desconocido: «nope».' });
    const en = await get('/api/v1/evidence/analytics?dx=emigrants&ou=ZZZ', { 'accept-language': 'en' });
    expect(en.json().error.fields[0].message).toBe('Unknown org unit: "ZZZ".');
  });
  it('downloads CSV and XLSX that parse back to the same table', async () => {
    const url = '/api/v1/evidence/analytics?dx=remittances_received_usd,remittances_pct_gdp&ou=GTM,HND&pe=2018..2022';
    const json = (await get(url)).json();
    const expected = json.rows.map((r: Record<string, unknown>) => [r.dx, r.ou, r.pe, r.value, r.computed, r.source]);
    const csv = await get(`${url}&format=csv`);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const records = parse(csv.body.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(records.map((r) => [r.dx, r.ou, r.pe, Number(r.value), r.computed === 'true', r.source])).toEqual(expected);
    const xlsx = await get(`${url}&format=xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('data')!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([...EXPORT_COLUMNS]);
    const back: unknown[][] = [];
    ws.eachRow((row, n) => {
      if (n === 1) return;
      const v = (row.values as unknown[]).slice(1);
      back.push([v[0], v[2], v[4], v[5], v[7], v[10]]);
    });
    expect(back).toEqual(expected);
  });
  it('compares 2 to 8 countries, and refuses 1', async () => {
    expect((await get('/api/v1/evidence/compare?dx=remittances_pct_gdp&ou=GTM,HND,SLV&pe=2021')).json().rows).toHaveLength(3);
    expect((await get('/api/v1/evidence/compare?dx=remittances_pct_gdp&ou=GTM')).statusCode).toBe(400);
  });
});

describe('profiles', () => {
  for (const code of ['GTM', '419']) {
    it(`${code}: the required figures with source and year, charts, gaps, in Spanish and English`, async () => {
      const es = await get(`/api/v1/evidence/profiles/${code}`);
      expect(es.statusCode).toBe(200);
      const body = profileSchema.parse(es.json());
      const ids = body.figures.map((f) => f.id);
      for (const id of ['emigrants_total', 'immigrants_total', 'remittances_received_usd', 'remittances_received_pct_gdp', 'remittances_paid_usd']) expect(ids).toContain(id);
      for (const f of body.figures.filter((f) => f.value !== null)) {
        expect(f.period, f.id).not.toBeNull();
        expect(f.source, f.id).not.toBe('');
        expect(f.vintage, f.id).not.toBe('');
      }
      expect(body.top_destinations.length).toBe(10);
      expect(body.top_destinations[0]).toMatchObject({ iso3: 'USA', year: '2020' });
      expect(body.top_destinations[0]!.male! + body.top_destinations[0]!.female!).toBe(body.top_destinations[0]!.total);
      expect(body.stocks.series.map((s) => s.year)).toEqual(['1990', '1995', '2000', '2005', '2010', '2015', '2020']);
      expect(body.remittances.series[0]!.year).toBe('1990');
      expect(body.data_gaps.length).toBeGreaterThan(0);
      expect(body.bilateral_remittances.estimate).toBe(true);
      const en = profileSchema.parse((await get(`/api/v1/evidence/profiles/${code}?lang=en`)).json());
      expect(en.locale).toBe('en');
      expect(en.figures[0]!.label).toBe('Emigrants');
    });
  }
  it('GTM: 2022 remittances as % of GDP is computed; cost is set against the 3 % target', async () => {
    const body = profileSchema.parse((await get('/api/v1/evidence/profiles/GTM')).json());
    const pct = body.figures.find((f) => f.id === 'remittances_received_pct_gdp')!;
    expect(pct).toMatchObject({ period: '2022', computed: true });
    expect(pct.value).toBeCloseTo(19.16, 2);
    expect(body.figures.find((f) => f.id === 'remittance_cost_pct')!.target).toBe(3);
    expect(body.corridor_costs.items.map((i) => i.from)).toContain('USA');
  });
  it('419 aggregates its members and says computed', async () => {
    const body = profileSchema.parse((await get('/api/v1/evidence/profiles/419')).json());
    const rec = body.figures.find((f) => f.id === 'remittances_received_usd')!;
    expect(rec.computed).toBe(true);
    const sum = await p.ctx.database.rows<{ s: number }>(
      sql`SELECT sum(v.value)::float8 AS s FROM ev_values v JOIN org_units u ON u.code = v.ou WHERE v.de = 'remittances_received_usd' AND v.pe = ${rec.period} AND u.kind = 'country' AND u.path LIKE '%/419/%'`,
    );
    expect(rec.value).toBeCloseTo(sum[0]!.s, 0);
    expect(body.members.length).toBeGreaterThan(30);
  });
  it('answers 404 for an unknown code', async () => {
    expect((await get('/api/v1/evidence/profiles/ZZZ')).statusCode).toBe(404);
  });
});

describe('imports of a government’s own series', () => {
  let admin: Session;
  let gt01: Session;
  let gt02: Session;
  let analyst: Session;
  const b64 = (b: Uint8Array | string) => Buffer.from(b).toString('base64');

  beforeAll(async () => {
    admin = await p.userSession('admin', ['001']);
    const csv = ['code,name,parent_code', 'GT01,Guatemala,GTM', 'GT03,Sacatepéquez,GTM', 'GT17,Petén,GTM', 'GT0101,Guatemala,GT01'].join('\n');
    expect((await admin.request('POST', '/api/v1/org-units/import', { csv })).statusCode).toBe(200);
    analyst = await p.userSession('analyst', ['GTM']);
    const de = await analyst.request('POST', '/api/v1/evidence/data-elements', { id: 'banguat_remesas_depto', nameEs: 'Remesas familiares por departamento', nameEn: 'Family remittances by department', unit: 'usd', periodType: 'month', aggregation: 'sum', publisher: 'Banco de Guatemala' });
    expect(de.statusCode, de.body).toBe(201);
    gt01 = await p.userSession('local_officer', ['GT01']);
    gt02 = await p.userSession('local_officer', ['GT03']);
  });

  /** Windows-1252, semicolons, decimal commas, `mar-24` dates, a title line and a blank trailer. */
  const messyCsv = (rows: string[]) => new Uint8Array(iconv.encode(['Banco de Guatemala: ingreso de divisas por remesas familiares', 'Departamento;Mes;Monto (US$)', ...rows, ';;', ''].join('\r\n'), 'windows-1252'));
  const mapping = { layout: 'long', orgUnit: { column: 'Departamento', within: 'GTM', kind: 'division' }, period: { column: 'Mes' }, dataElement: { id: 'banguat_remesas_depto' }, value: 'Monto (US$)' };

  it('previews a messy CSV, reporting errors by row and column in the user’s language, and imports nothing while they remain', async () => {
    const file = messyCsv(['Guatemala;ene-24;1.234.567,89', 'Sacatepéquez;ene-24;98.765,4', 'Quiché;ene-24;10', 'Guatemala;feb-24;abc', 'Guatemala;ene-24;5']);
    const preview = await gt01.request('POST', '/api/v1/evidence/imports/preview', { fileName: 'remesas.csv', contentBase64: b64(file), mapping });
    expect(preview.statusCode, preview.body).toBe(200);
    const body = preview.json();
    expect(body.file).toMatchObject({ encoding: 'windows-1252', delimiter: ';', headerRow: 2, headers: ['Departamento', 'Mes', 'Monto (US$)'] });
    expect(body.check.decimal).toBe(',');
    expect(body.check.values).toEqual([{ row: 3, de: 'banguat_remesas_depto', ou: 'GT01', pe: '202401', sex: 'T', disagg: '', value: 1234567.89 }]);
    expect(body.check.problems.map((x: { row: number; columnLetter: string; code: string }) => [x.row, x.columnLetter, x.code])).toEqual([
      [4, 'A', 'outside_scope'],
      [5, 'A', 'unknown_org_unit'],
      [6, 'C', 'not_a_number'],
      [7, 'C', 'duplicate_row'],
    ]);
    expect(body.check.problems[2]).toMatchObject({ path: 'Fila 6, columna Monto (US$) (C)', message: 'No es un número: «abc».' });
    // The same errors in English, for an officer whose language is English.
    expect((await gt01.request('PATCH', '/api/v1/me', { locale: 'en' })).statusCode).toBe(200);
    const refused = await gt01.request('POST', '/api/v1/evidence/imports', { fileName: 'remesas.csv', contentBase64: b64(file), mapping });
    expect((await gt01.request('PATCH', '/api/v1/me', { locale: 'es' })).statusCode).toBe(200);
    expect(refused.statusCode).toBe(400);
    const en = refused.json().error.fields as { path: string; message: string }[];
    expect(en[1]).toEqual({ path: 'Row 5, column Departamento (A)', message: 'Unknown org unit: "Quiché".' });
    expect(en[2]!.message).toBe('Not a number: "abc".');
    expect(await value('banguat_remesas_depto', 'GT01', '202401')).toBeUndefined();
  });

  let importId: string;
  it('imports only the valid rows when asked, lists the import with who, when, what, and undoes it', async () => {
    const file = messyCsv(['Guatemala;ene-24;1.234.567,89', 'Guatemala;feb-24;1.300.000', 'Quiché;ene-24;10']);
    const res = await gt01.request('POST', '/api/v1/evidence/imports', { fileName: 'remesas.csv', contentBase64: b64(file), mapping, validOnly: true });
    expect(res.statusCode, res.body).toBe(201);
    importId = res.json().id;
    expect(res.json()).toMatchObject({ rowsImported: 2, rowsRejected: 1, status: 'imported', scopeCode: 'GT01', periodMin: '202401', periodMax: '202402' });
    expect(await value('banguat_remesas_depto', 'GT01', '202401')).toBeCloseTo(1234567.89, 2);
    const listed = (await gt01.request('GET', '/api/v1/evidence/imports')).json().items;
    expect(listed[0]).toMatchObject({ id: importId, fileName: 'remesas.csv', createdBy: gt01.user.email, dataElementIds: ['banguat_remesas_depto'] });
    // A subnational table: the series on the departments of Guatemala.
    const table = (await get('/api/v1/evidence/analytics?dx=banguat_remesas_depto&ou=GTM:children&pe=202401..202402')).json();
    expect(table.rows.map((r: { ou: string; pe: string }) => `${r.ou}:${r.pe}`)).toEqual(['GT01:202401', 'GT01:202402']);
    expect(table.rows[0]).toMatchObject({ publisher: 'Banco de Guatemala', computed: false });
  });

  it('hides an import from an officer of another department (404), and lets its owner undo it', async () => {
    expect((await gt02.request('GET', `/api/v1/evidence/imports/${importId}`)).statusCode).toBe(404);
    expect((await gt02.request('POST', `/api/v1/evidence/imports/${importId}/undo`)).statusCode).toBe(404);
    expect((await gt02.request('GET', '/api/v1/evidence/imports')).json().items).toEqual([]);
    const undone = await gt01.request('POST', `/api/v1/evidence/imports/${importId}/undo`);
    expect(undone.statusCode).toBe(200);
    expect(undone.json()).toMatchObject({ status: 'undone', undoneBy: gt01.user.email });
    expect(await value('banguat_remesas_depto', 'GT01', '202401')).toBeUndefined();
    expect((await gt01.request('POST', `/api/v1/evidence/imports/${importId}/undo`)).statusCode).toBe(409);
    const audit = await p.ctx.database.rows<{ action: string }>(sql`SELECT action FROM audit_log WHERE record_id = ${importId} ORDER BY seq`);
    expect(audit.map((a) => a.action)).toEqual(['evidence.import', 'evidence.import_undo']);
  });

  it('imports an XLSX in wide layout (months as columns), skips equal values on re-import and refuses a changed one', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Remesas 2024');
    ws.addRow(['Ingreso de divisas por remesas familiares (US$)']);
    ws.addRow(['Departamento', 'ene-24', 'feb-24', 'marzo 2024']);
    ws.addRow(['Sacatepéquez', 1000.5, 2000, null]);
    ws.addRow(['Petén', '1.500,25', 2500, 3000]);
    ws.addRow([]);
    ws.addRow(['Fuente: Banguat']);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const wide = { layout: 'wide', orgUnit: { column: 'Departamento', within: 'GTM' }, dataElement: { id: 'banguat_remesas_depto' } };
    const res = await admin.request('POST', '/api/v1/evidence/imports', { fileName: 'remesas.xlsx', contentBase64: b64(bytes), mapping: wide });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ rowsImported: 5, rowsRejected: 0, scopeCode: 'GTM' });
    expect(await value('banguat_remesas_depto', 'GT17', '202403')).toBe(3000);
    expect(await value('banguat_remesas_depto', 'GT17', '202401')).toBeCloseTo(1500.25, 2);
    // The same file again: nothing new, nothing refused.
    const again = await admin.request('POST', '/api/v1/evidence/imports', { fileName: 'remesas.xlsx', contentBase64: b64(bytes), mapping: wide });
    expect(again.json()).toMatchObject({ rowsImported: 0, rowsUnchanged: 5 });
    // A revised value conflicts with the first import.
    ws.getCell('D4').value = 3100;
    const changed = await admin.request('POST', '/api/v1/evidence/imports', { fileName: 'remesas-rev.xlsx', contentBase64: b64(new Uint8Array(await wb.xlsx.writeBuffer())), mapping: wide });
    expect(changed.statusCode).toBe(400);
    expect(changed.json().error.fields[0].message).toMatch(/^Ya hay un valor distinto \(3000\)/);
    // The profile's gap list no longer says that no national series exist.
    const profile = (await get('/api/v1/evidence/profiles/GTM')).json();
    expect(profile.data_gaps.map((g: { id: string }) => g.id)).not.toContain('no_national_series');
  });

  it('refuses imports into published series and into units outside the scope', async () => {
    const csv = new TextEncoder().encode('ou,pe,value\nGTM,2022,1\n');
    const res = await gt01.request('POST', '/api/v1/evidence/imports', { fileName: 'x.csv', contentBase64: b64(csv), mapping: { layout: 'long', orgUnit: { column: 'ou' }, period: { column: 'pe' }, dataElement: { id: 'remittances_received_usd' }, value: 'value' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].message).toMatch(/fuente publicada/);
  });

  it('lets an analyst define an indicator as data and use it at once', async () => {
    const created = await analyst.request('POST', '/api/v1/evidence/indicators', { id: 'immigrants_per_emigrant', nameEs: 'Inmigrantes por emigrante', numerator: { de: 'immigrants' }, denominator: { de: 'emigrants' }, unit: 'ratio', decimals: 3 });
    expect(created.statusCode, created.body).toBe(201);
    const rows = (await get('/api/v1/evidence/analytics?dx=immigrants_per_emigrant&ou=CRI&pe=2020')).json().rows;
    expect(rows[0].value).toBeGreaterThan(1);
    expect((await analyst.request('PATCH', '/api/v1/evidence/indicators/remittances_pct_gdp', { factor: 1 })).statusCode).toBe(409);
    expect((await gt01.request('POST', '/api/v1/evidence/indicators', { id: 'x_y_z', nameEs: 'x', numerator: { de: 'immigrants' }, unit: 'n' })).statusCode).toBe(403);
    expect((await analyst.request('DELETE', '/api/v1/evidence/indicators/immigrants_per_emigrant')).statusCode).toBe(204);
  });
});
