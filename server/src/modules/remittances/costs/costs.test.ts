import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { startTestPlatform, type Session, type TestPlatform } from '../../../test/platform.js';

/** The cost of sending money on the real engine, with the bundled RPW and bilateral data: API, quotes, imports. */

let p: TestPlatform;
let analystGtm: Session;
let analystMex: Session;
const get = (url: string, headers: Record<string, string> = {}) => p.app.inject({ method: 'GET', url, headers });
const post = (url: string, payload: object, headers: Record<string, string> = {}) => p.app.inject({ method: 'POST', url, payload, headers });
const count = async (table: string, where = sql``) => (await p.ctx.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.raw(table)} ${where}`))[0]!.n;
const audits = (action: string) => count('audit_log', sql`WHERE action = ${action}`);

beforeAll(async () => {
  p = await startTestPlatform({}, { template: 'full' });
  analystGtm = await p.userSession('analyst', ['GTM']);
  analystMex = await p.userSession('analyst', ['MEX']);
});
afterAll(() => p.close());

describe('corridor averages from the bundled data', () => {
  it('USA to Mexico 2025Q1: 4.98 % (US$200), 3.22 % (US$500), 46 providers, as published', async () => {
    const res = await get('/api/v1/remittances/corridors/USA-MEX');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.corridor).toBe('USA-MEX');
    expect(body.sending).toEqual({ code: 'USA', name: 'Estados Unidos de América' });
    const q = body.quarters.find((x: { period: string }) => x.period === '2025Q1');
    expect(q.cost_pct_200).toBeCloseTo(4.98, 2);
    expect(q.cost_pct_500).toBeCloseTo(3.22, 2);
    expect(q.providers).toBe(46);
    expect(Object.keys(q).sort()).toEqual(['cost_pct_200', 'cost_pct_500', 'fx_margin_pct_200', 'fx_margin_pct_500', 'official_cost_pct_200', 'period', 'providers']);
    // the databank series goes back to 2011; the means start in 2016Q2
    expect(body.quarters[0].period).toBe('2011Q1');
    expect(body.quarters.find((x: { period: string }) => x.period === '2016Q2').cost_pct_200).not.toBeNull();
    expect(body.latest).toMatchObject({ period: '2025Q1', status: 'above_target' });
    expect(body.latest.above_target_pts).toBeCloseTo(1.98, 2);
    expect(body.flow).toMatchObject({ year: '2017', estimate: true });
    expect(Math.round(body.flow.usd_million)).toBe(30_019);
    expect(body.flow.money_kept_usd_million).toBeCloseTo((body.flow.usd_million * (q.cost_pct_200 - 3)) / 100, 2);
    expect(body.sources.map((s: { id: string }) => s.id)).toEqual(['rpw_2025q1', 'rpw_databank_2020q3', 'wb_bilateral_remittances_2017']);
  });
  it('refuses a malformed corridor with a field message, and answers 404 for unknown countries', async () => {
    const bad = await get('/api/v1/remittances/corridors/USAMEX', { 'accept-language': 'en' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('corridor');
    expect(bad.json().error.fields[0].message).toMatch(/^Invalid corridor/);
    expect((await get('/api/v1/remittances/corridors/USA-ZZZ')).statusCode).toBe(404);
  });
  it('SDG 10.c.1 of Mexico: simple and flow-weighted means over its corridors, flags above 5 %', async () => {
    const body = (await get('/api/v1/remittances/countries/MEX')).json();
    expect(body.period).toBe('2025Q1');
    const costs = body.corridors.map((c: { cost_pct_200: number }) => c.cost_pct_200);
    expect(body.simple_mean_pct).toBeCloseTo(costs.reduce((a: number, b: number) => a + b, 0) / costs.length, 3);
    const weighted = body.corridors.filter((c: { flow_usd_million: number | null }) => c.flow_usd_million);
    const w = weighted.reduce((a: number, c: { cost_pct_200: number; flow_usd_million: number }) => a + c.cost_pct_200 * c.flow_usd_million, 0) / weighted.reduce((a: number, c: { flow_usd_million: number }) => a + c.flow_usd_million, 0);
    expect(body.weighted_mean_pct).toBeCloseTo(w, 3);
    expect(body.flagged_corridors).toBe(body.corridors.filter((c: { cost_pct_200: number }) => c.cost_pct_200 > 5).length);
    expect(body.corridors.find((c: { corridor: string }) => c.corridor === 'USA-MEX').cost_pct_200).toBeCloseTo(4.98, 2);
  });
  it('Latin America and the Caribbean and the world: means of corridor averages, every country of the region listed', async () => {
    const body = (await get('/api/v1/remittances/sdg?region=419')).json();
    expect(body.region.code).toBe('419');
    expect(body.region.corridors).toBe(body.corridors.length);
    const mean = body.corridors.reduce((a: number, c: { cost_pct_200: number }) => a + c.cost_pct_200, 0) / body.corridors.length;
    expect(body.region.simple_mean_pct).toBeCloseTo(mean, 3);
    expect(body.world.corridors).toBeGreaterThan(body.region.corridors);
    expect(body.countries.map((c: { code: string }) => c.code)).toContain('GTM');
    expect(body.countries.reduce((a: number, c: { corridors: number }) => a + c.corridors, 0)).toBe(body.region.corridors);
    const kept = body.corridors.reduce((a: number, c: { money_kept_usd_million: number | null }) => a + (c.money_kept_usd_million ?? 0), 0);
    expect(body.region.money_kept_usd_million).toBeCloseTo(kept, 1);
    expect(body.flow_label).toMatch(/Estimación de 2017/);
    expect((await get('/api/v1/remittances/sdg?period=2031Q1')).statusCode).toBe(400);
  });
  it('lists corridors of a receiving country with their latest cost', async () => {
    const body = (await get('/api/v1/remittances/corridors?receiving=GTM')).json();
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items.every((c: { receiving: { code: string } }) => c.receiving.code === 'GTM')).toBe(true);
    expect(body.items.find((c: { corridor: string }) => c.corridor === 'USA-GTM')).toMatchObject({ sending: { code: 'USA' }, quoted_services: 0 });
  });
});

describe('the public calculator', () => {
  it('answers the RPW formulas with the issue’s field names', async () => {
    const res = await post('/api/v1/remittances/cost', { amount: 200, fee: 5, consumer_rate: 17, interbank_rate: 17.5 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ fx_margin_pct: 2.8571, total_cost_pct: 5.3571, amount_received: 3400, total_paid: 205 });
  });
  it('names each bad field in the caller’s language, and refuses unknown fields', async () => {
    const es = await post('/api/v1/remittances/cost', { amount: -5, fee: 1, consumer_rate: 0, interbank_rate: 17 });
    expect(es.statusCode).toBe(400);
    expect(es.json().error.fields).toEqual([
      { path: 'amount', message: 'Debe ser un número mayor que cero.' },
      { path: 'consumer_rate', message: 'Debe ser un número mayor que cero.' },
    ]);
    const en = await post('/api/v1/remittances/cost', { amount: 100, fee: 0, consumer_rate: 18, interbank_rate: 17 }, { 'accept-language': 'en' });
    expect(en.json().error.fields).toEqual([{ path: 'consumer_rate', message: expect.stringMatching(/total cost would be negative/) }]);
    expect((await post('/api/v1/remittances/cost', { amount: 2e6, fee: 1, consumer_rate: 1, interbank_rate: 1 })).json().error.fields[0].path).toBe('amount');
    expect((await post('/api/v1/remittances/cost', { amount: 1, fee: 0, consumer_rate: 1, interbank_rate: 1, extra: 1 })).statusCode).toBe(400);
  });
  it('computes a family’s savings at 3 %', async () => {
    const res = await post('/api/v1/remittances/savings', { monthly_amount: 300, cost_pct: 6.5 });
    expect(res.json()).toMatchObject({ annual_sent: 3600, annual_cost_now: 234, annual_cost_at_target: 108, annual_saving: 126 });
    expect((await post('/api/v1/remittances/savings', { monthly_amount: 0, cost_pct: 5 })).json().error.fields[0].path).toBe('monthly_amount');
  });
});

const quote = (over: Record<string, unknown> = {}) => ({
  sending_country: 'USA',
  receiving_country: 'GTM',
  period: '2025Q1',
  provider: 'Envíos Quetzal',
  provider_type: 'money_transfer_operator',
  product: 'Efectivo',
  amount_sent: 200,
  sending_currency: 'USD',
  receiving_currency: 'GTQ',
  fee: 5,
  exchange_rate: 7.6,
  interbank_rate: 7.75,
  rate_disclosed: true,
  speed: 'less_than_1_hour',
  payout_method: 'cash',
  ...over,
});

describe('service quotes (remittances.quotes)', () => {
  let id: string;
  it('an analyst of Guatemala enters a quote: audited, with its cost', async () => {
    const before = await audits('remittances.quote_create');
    const res = await analystGtm.request('POST', '/api/v1/remittances/quotes', quote());
    expect(res.statusCode, res.body).toBe(201);
    id = res.json().id;
    expect(res.json()).toMatchObject({ corridor: 'USA-GTM', receiving_country_name: 'Guatemala', amount_received: 1520, fx_margin_pct: 1.9355, total_cost_pct: 4.4355 });
    expect(await audits('remittances.quote_create')).toBe(before + 1);
  });
  it('refuses the same service, amount and quarter twice, bad fields, and a corridor outside the scope; writes nothing', async () => {
    const n = await count('rm_service_quotes');
    const again = await analystGtm.request('POST', '/api/v1/remittances/quotes', quote({ provider: 'envíos quetzal' }));
    expect(again.statusCode).toBe(409);
    const bad = await analystGtm.request('POST', '/api/v1/remittances/quotes', quote({ fee: -1, exchange_rate: 9, receiving_country: 'ZZZ' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['receiving_country', 'fee']);
    const outside = await analystGtm.request('POST', '/api/v1/remittances/quotes', quote({ receiving_country: 'MEX', receiving_currency: 'MXN', exchange_rate: 17, interbank_rate: 17.5 }));
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.fields).toEqual([{ path: 'receiving_country', message: 'Ni el país que envía ni el que recibe («MEX») están en su ámbito de captura.' }]);
    expect(await count('rm_service_quotes')).toBe(n);
  });
  it('hides a quote from an analyst of another country: 404 on read, edit and delete', async () => {
    expect((await analystMex.request('GET', `/api/v1/remittances/quotes/${id}`)).statusCode).toBe(404);
    expect((await analystMex.request('PUT', `/api/v1/remittances/quotes/${id}`, quote({ fee: 1 }))).statusCode).toBe(404);
    expect((await analystMex.request('DELETE', `/api/v1/remittances/quotes/${id}`)).statusCode).toBe(404);
    expect((await analystMex.request('GET', '/api/v1/remittances/quotes')).json().items.some((q: { id: string }) => q.id === id)).toBe(false);
    expect((await analystGtm.request('GET', '/api/v1/remittances/quotes?corridor=USA-GTM')).json().items.map((q: { id: string }) => q.id)).toEqual([id]);
    expect((await analystGtm.request('GET', '/api/v1/remittances/quotes?corridor=USAGTM')).json().error.fields[0].path).toBe('corridor');
  });
  it('edits a quote (audited with the fields changed) and ranks the corridor’s services by what the family receives', async () => {
    const res = await analystGtm.request('PUT', `/api/v1/remittances/quotes/${id}`, quote({ fee: 3 }));
    expect(res.statusCode, res.body).toBe(200);
    const [entry] = await p.ctx.database.rows<{ changed_fields: string[] }>(sql`SELECT changed_fields FROM audit_log WHERE action = 'remittances.quote_update' AND record_id = ${id}`);
    expect(entry!.changed_fields).toEqual(['fee']);
    for (const [provider, fee, rate, disclosed] of [['Banco Uno', 0, 7.5, true], ['Móvil Ya', 2, 7.7, true], ['Correo', 1, 7.4, false]] as const) {
      expect((await analystGtm.request('POST', '/api/v1/remittances/quotes', quote({ provider, fee, exchange_rate: rate, rate_disclosed: disclosed }))).statusCode).toBe(201);
    }
    const services = (await get('/api/v1/remittances/corridors/USA-GTM/services?amount=200')).json();
    expect(services.services.map((s: { provider: string }) => s.provider)).toEqual(['Móvil Ya', 'Envíos Quetzal', 'Banco Uno', 'Correo']);
    expect(services.services[0]).toMatchObject({ amount_received: 1540, total_paid: 202 });
    const costs = services.services.map((s: { total_cost_pct: number }) => s.total_cost_pct);
    expect(services.average_cost_pct).toBeCloseTo(costs.reduce((a: number, b: number) => a + b, 0) / 4, 3);
    // smart: the three cheapest that disclose their rate, Correo (undisclosed) left out
    const disclosed = services.services.filter((s: { rate_disclosed: boolean }) => s.rate_disclosed).map((s: { total_cost_pct: number }) => s.total_cost_pct).sort((a: number, b: number) => a - b);
    expect(services.smart_average_cost_pct).toBeCloseTo((disclosed[0] + disclosed[1] + disclosed[2]) / 3, 3);
    expect((await get('/api/v1/remittances/corridors/USA-GTM')).json().quotes).toEqual({ period: '2025Q1', services: 4 });
    const listed = (await get('/api/v1/remittances/corridors?sending=USA&receiving=GTM')).json().items;
    expect(listed.map((c: { corridor: string; quoted_services: number }) => [c.corridor, c.quoted_services])).toEqual([['USA-GTM', 4]]);
  });
  it('deletes a quote, audited', async () => {
    const res = await analystGtm.request('DELETE', `/api/v1/remittances/quotes/${id}`);
    expect(res.statusCode).toBe(204);
    expect((await analystGtm.request('GET', `/api/v1/remittances/quotes/${id}`)).statusCode).toBe(404);
    expect(await audits('remittances.quote_delete')).toBe(1);
  });
});

const HEADER = 'pais_envio;pais_recepcion;periodo;proveedor;tipo;producto;monto_enviado;moneda_envio;moneda_recepcion;comision;tipo_cambio;tipo_cambio_interbancario;tasa_divulgada;rapidez;forma_pago';
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('importing quotes from a file: all rows or none', () => {
  const rows = [
    'USA;GTM;2024Q4;Remesas Maya;remesadora;Efectivo;200;USD;GTQ;4,50;7,60;7,72;sí;mismo día;efectivo',
    'USA;GTM;2024Q4;Remesas Maya;remesadora;Efectivo;500;USD;GTQ;-3;7,60;7,72;sí;mismo día;efectivo',
    'USA;GTM;2024Q4;Banco Dos;banco;Cuenta;200;USD;GTQ;0;7,58;7,72;no;2-5 días;cuenta bancaria',
  ];
  it('previews the problems at their row and column, and the import writes nothing while one remains', async () => {
    const file = { file_name: 'cotizaciones.csv', content_base64: b64([HEADER, ...rows].join('\n')) };
    const preview = await analystGtm.request('POST', '/api/v1/remittances/quotes/import/preview', file);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ valid: 2, rejected_rows: 1, problem_count: 1, decimal: ',' });
    expect(preview.json().problems).toEqual([{ row: 3, column: 'comision', column_letter: 'J', code: 'negative', path: 'Fila 3, columna comision (J)', message: 'No puede ser negativo.' }]);
    const n = await count('rm_service_quotes');
    const imported = await analystGtm.request('POST', '/api/v1/remittances/quotes/import', file);
    expect(imported.statusCode).toBe(400);
    expect(imported.json().error.fields).toEqual([{ path: 'Fila 3, columna comision (J)', message: 'No puede ser negativo.' }]);
    expect(await count('rm_service_quotes')).toBe(n);
  });
  it('imports the corrected file (XLSX), audited once; importing it again reports each row as already there', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('cotizaciones');
    ws.addRow(HEADER.split(';'));
    for (const r of rows) ws.addRow(r.replace('-3', '6').split(';').map((c) => (/^\d+(,\d+)?$/.test(c) ? Number(c.replace(',', '.')) : c)));
    const file = { file_name: 'cotizaciones.xlsx', content_base64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') };
    const n = await count('rm_service_quotes');
    const res = await analystGtm.request('POST', '/api/v1/remittances/quotes/import', file);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().imported).toBe(3);
    expect(await count('rm_service_quotes')).toBe(n + 3);
    expect(await audits('remittances.quotes_import')).toBe(1);
    const again = await analystGtm.request('POST', '/api/v1/remittances/quotes/import/preview', file);
    expect(again.json().problems.map((x: { row: number; code: string }) => [x.row, x.code])).toEqual([[2, 'exists'], [3, 'exists'], [4, 'exists']]);
  });
  it('refuses a file whose corridor is outside the analyst’s scope, naming the row and column', async () => {
    const file = { file_name: 'mx.csv', content_base64: b64([HEADER, 'USA;MEX;2024Q4;A;banco;Cuenta;200;USD;MXN;5;17,1;17,5;sí;mismo día;efectivo'].join('\n')) };
    const res = await analystGtm.request('POST', '/api/v1/remittances/quotes/import', file);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].path).toBe('Fila 2, columna pais_recepcion (B)');
  });
});
