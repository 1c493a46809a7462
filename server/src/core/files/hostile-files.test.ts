import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'drizzle-orm';
import { startTestPlatform, type Session, type TestPlatform } from '../../test/platform.js';
import { DEFAULT_FILE_LIMITS } from './limits.js';
import { readerStats, readTable } from './read.js';
import { encoded, manyRows, PDF_BYTES, PNG_BYTES, randomBytes, sharedStringBomb, xlsxOf, zipArchive, zipBomb } from '../../test/hostile-files.js';

/**
 * Issue 12, finding 3 and "Hostile files": every route that imports a file meets the corpus below through HTTP.
 * Each answer is a 4xx that says what is wrong (the limit and, for a cell, its row and column), or a normal reading
 * of an odd but honest file; never a 5xx; nothing is written; and the server answers /health throughout. The files
 * are made here, in memory (`test/hostile-files.ts`): a 2 GiB zip bomb is 2 MB of base64.
 */

let p: TestPlatform;
let admin: Session;
const TABLES = ['ev_values', 'ev_imports', 'rm_service_quotes', 'org_units', 'rn_instruments', 'rm_attachments', 'audit_log'];

async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = (await p.ctx.database.rows<{ n: number }>(sql.raw(`SELECT count(*)::int AS n FROM ${t}`)))[0]!.n;
  return out;
}

const en = { 'accept-language': 'en' };
const message = (res: LightMyRequestResponse) => ((res.json() as { error?: { fields?: { message: string }[] } }).error?.fields ?? []).map((f) => f.message).join(' | ');

beforeAll(async () => {
  p = await startTestPlatform();
  admin = await p.userSession('admin', ['001']);
  // The signed-in user's language wins over Accept-Language: this one reads English, so the messages below are.
  await p.ctx.database.rows(sql`UPDATE users SET locale = 'en' WHERE id = ${admin.user.id}`);
  const de = await admin.request('POST', '/api/v1/evidence/data-elements', { id: 'hostile_de', nameEs: 'Dato de prueba', nameEn: 'Test element', unit: 'usd', periodType: 'month', aggregation: 'sum', publisher: 'Pruebas' });
  expect(de.statusCode, de.body).toBe(201);
});
afterAll(() => p.close());

interface HostileFile {
  label: string;
  bytes: () => Buffer;
  /** A pattern of the English message when the file must be refused; null when it is an odd but honest file. */
  refused: RegExp | null;
}

const csv = 'depto,mes,monto\nGuatemala,ene-24,1\n';
const CORPUS: HostileFile[] = [
  { label: 'invalid UTF-8 (read as Windows-1252)', bytes: () => encoded.brokenUtf8(csv), refused: null },
  { label: 'UTF-16 with BOM', bytes: () => encoded.utf16le('depto;mes;monto\nSacatepéquez;ene-24;1\n'), refused: null },
  { label: 'Latin-1', bytes: () => encoded.latin1('depto;mes;monto\nPetén;ene-24;1\n'), refused: null },
  { label: 'formula cells (CSV)', bytes: () => Buffer.from('nombre,valor\n=HYPERLINK("http://x.example","y"),1\n"+cmd|\' /C calc\'!A0",2\n@SUM(A1),3\n'), refused: null },
  { label: 'formula cells (XLSX)', bytes: () => xlsxOf([['nombre', 'valor'], ['=HYPERLINK("http://x.example","y")', 1], ['@SUM(A1)', 2]]), refused: null },
  { label: 'zip bomb, 2 GiB declared', bytes: () => zipBomb(2, false), refused: /uncompressed and the maximum is 160 MiB/ },
  // A lying entry stops at whichever comes first: 200 times its compressed size, or what is left of the 160 MiB.
  { label: 'zip bomb, 2 GiB under a lying size', bytes: () => zipBomb(2, true), refused: /inflates to more than 200 times its size|uncompressed and the maximum is 160 MiB/ },
  { label: '300 MB shared string, declared', bytes: () => sharedStringBomb(300, false), refused: /uncompressed and the maximum is 160 MiB/ },
  { label: '300 MB shared string under a lying size', bytes: () => sharedStringBomb(300, true), refused: /inflates to more than 200 times its size/ },
  { label: '2 MB shared string', bytes: () => sharedStringBomb(2, false), refused: /Row 2, column A: the cell has 2097152 characters and the maximum is 32767/ },
  { label: 'one million rows (CSV)', bytes: () => manyRows(1_000_000), refused: /more than 500000 rows/ },
  { label: 'a CSV line of 2 Mi characters', bytes: () => Buffer.from(`a,b\n"${'x'.repeat(2 * 1024 * 1024)}",1\n`), refused: /Row 2: the line has more than 1048576 characters/ },
  { label: 'a CSV cell of 40,000 characters', bytes: () => Buffer.from(`a,b\n1,${'x'.repeat(40_000)}\n`), refused: /Row 2, column B: the cell has 40000 characters/ },
  { label: 'PNG named .csv', bytes: () => PNG_BYTES, refused: /looks like PNG/ },
  { label: 'PDF named .csv', bytes: () => PDF_BYTES, refused: /looks like PDF/ },
  { label: 'random bytes named .xlsx', bytes: () => randomBytes(64 * 1024), refused: /neither text nor an Excel workbook/ },
  { label: 'a ZIP that is not a workbook', bytes: () => zipArchive([{ name: 'notes.txt', data: Buffer.from('hola') }]), refused: /could not be read/ },
  { label: 'a truncated workbook', bytes: () => xlsxOf([['a', 'b'], ['x', 1]]).subarray(0, 300), refused: /could not be read/ },
  { label: 'an empty file (a BOM and blank lines)', bytes: () => Buffer.from('\uFEFF\r\n\r\n'), refused: /empty/ },
  { label: 'a header and no rows', bytes: () => Buffer.from('depto,mes,monto\n'), refused: /header row \(row 1\) but no data rows/ },
];

const mapping = { layout: 'long', orgUnit: { column: 'depto', within: 'GTM', kind: 'division' }, period: { column: 'mes' }, dataElement: { id: 'hostile_de' }, value: 'monto' };
const b64 = (b: Buffer) => b.toString('base64');

const ROUTES: { label: string; writes: boolean; send: (f: HostileFile, bytes: Buffer) => Promise<LightMyRequestResponse> }[] = [
  { label: 'evidence preview', writes: false, send: (f, b) => admin.request('POST', '/api/v1/evidence/imports/preview', { fileName: `${f.label}.csv`, contentBase64: b64(b) }, en) },
  { label: 'evidence preview with mapping', writes: false, send: (f, b) => admin.request('POST', '/api/v1/evidence/imports/preview', { fileName: `${f.label}.xlsx`, contentBase64: b64(b), mapping }, en) },
  { label: 'evidence import', writes: true, send: (f, b) => admin.request('POST', '/api/v1/evidence/imports', { fileName: `${f.label}.csv`, contentBase64: b64(b), mapping }, en) },
  { label: 'quotes preview', writes: false, send: (f, b) => admin.request('POST', '/api/v1/remittances/quotes/import/preview', { file_name: `${f.label}.csv`, content_base64: b64(b) }, en) },
  { label: 'quotes import', writes: true, send: (f, b) => admin.request('POST', '/api/v1/remittances/quotes/import', { file_name: `${f.label}.xlsx`, content_base64: b64(b) }, en) },
];

describe('hostile files on every table import', () => {
  for (const file of CORPUS) {
    it(file.label, async () => {
      const before = await counts();
      const bytes = file.bytes();
      for (const route of ROUTES) {
        const res = await route.send(file, bytes);
        expect(res.statusCode, `${route.label}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
        if (file.refused) {
          expect(res.statusCode, `${route.label}: ${res.body.slice(0, 300)}`).toBe(400);
          expect(message(res), route.label).toMatch(file.refused);
        } else if (route.writes) expect(res.statusCode, `${route.label} writes nothing of this file`).toBe(400);
      }
      expect(await counts()).toEqual(before);
      expect((await p.app.inject({ method: 'GET', url: '/api/v1/health' })).statusCode).toBe(200);
    });
  }

  it('honest odd files are read as what they are', async () => {
    const read = async (bytes: Buffer) => (await admin.request('POST', '/api/v1/evidence/imports/preview', { fileName: 'x.csv', contentBase64: b64(bytes) }, en)).json().file;
    expect(await read(encoded.utf16le('depto;mes;monto\nSacatepéquez;ene-24;1\n'))).toMatchObject({ encoding: 'utf-16le', headers: ['depto', 'mes', 'monto'] });
    expect(await read(encoded.brokenUtf8(csv))).toMatchObject({ encoding: 'windows-1252', rowCount: 1 });
    // A formula is never evaluated: the cell is its text, which the mapping then refuses as no known unit.
    const formulas = await read(xlsxOf([['nombre', 'valor'], ['=HYPERLINK("http://x.example","y")', 1]]));
    expect(formulas.sample[0].cells[0]).toBe('=HYPERLINK("http://x.example","y")');
  });

  it('reads in a worker whose heap and time a file cannot pass: the worker is ended, the server goes on', async () => {
    // Finding 3: a file that needs more memory or time than a read may have. With small limits a legitimate large
    // file plays the hostile one: the worker runs out of heap (or time), the read is refused as too complex, and
    // the next read, the database and /health are untouched.
    const small = { ...DEFAULT_FILE_LIMITS, heapMb: 32 };
    expect((await readTable(Buffer.from('a,b\n1,2\n'), {}, small)).rows, 'a worker of 32 MiB starts and reads a small file').toHaveLength(1);
    const ended = readerStats.ended;
    const big = manyRows(450_000);
    await expect(readTable(big, {}, small)).rejects.toMatchObject({ key: 'too_complex' });
    await expect(readTable(big, {}, { ...DEFAULT_FILE_LIMITS, parseMs: 1 })).rejects.toMatchObject({ key: 'too_complex' });
    expect(readerStats.ended).toBe(ended + 2);
    expect((await readTable(Buffer.from('a,b\n1,2\n'))).rows).toHaveLength(1);
    expect((await p.app.inject({ method: 'GET', url: '/api/v1/health' })).statusCode).toBe(200);
    const reads = readerStats.reads;
    const res = await admin.request('POST', '/api/v1/evidence/imports/preview', { fileName: 'x.xlsx', contentBase64: b64(xlsxOf([['a', 'b'], ['x', 1]])) }, en);
    expect(res.statusCode).toBe(200);
    expect(readerStats.reads, 'the upload was read by a worker, not by the request thread').toBe(reads + 1);
  });

  it('a 250,000-row release still passes the limits', async () => {
    expect((await readTable(manyRows(250_000, 'de,value'))).rows).toHaveLength(250_000);
  });
});

describe('hostile code lists (org units)', () => {
  const header = 'code,name,parent_code\n';
  const lists: [string, string, RegExp][] = [
    ['one million rows', header + 'GT99,Unidad,GTM\n'.repeat(1_000_000).slice(0, 9 * 1024 * 1024), /the maximum is 50000/],
    ['a cell of 40,000 characters', `${header}GT98,${'x'.repeat(40_000)},GTM\n`, /more than 32767 characters/],
    ['a line of 2 Mi characters', `${header}GT98,"${'x'.repeat(2 * 1024 * 1024)},GTM\n`, /more than 1048576 characters/],
    ['formula codes', `${header}=1+1,Uno,GTM\n+SUM(A1),Dos,GTM\n@cmd,Tres,GTM\n`, /The code “=1\+1” is not valid/],
    ['binary text', randomBytes(32 * 1024).toString('latin1').replace(/\0/g, ''), /column/i],
    ['a header and no rows', header, /no data rows/],
  ];
  for (const [label, body, pattern] of lists) {
    it(label, async () => {
      const before = await counts();
      const res = await admin.request('POST', '/api/v1/org-units/import', { csv: body }, en);
      expect(res.statusCode, res.body.slice(0, 300)).toBe(400);
      expect(message(res)).toMatch(pattern);
      expect(await counts()).toEqual(before);
    });
  }
});

describe('hostile survey instruments (JSON) and attachments', () => {
  it('refuses deeply nested, huge and mistyped instrument files', async () => {
    const before = await counts();
    const deep = `{"code":"x","version":"1","items":${'['.repeat(50_000)}${']'.repeat(50_000)}}`;
    const nested = `{"code":"x","version":"1","extra":${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}}`;
    for (const payload of [deep, nested, JSON.stringify({ code: 'x'.repeat(900_000), version: '1' }), JSON.stringify({ code: 1, version: [], items: 'no' }), '[]', '"x"']) {
      const res = await p.app.inject({ method: 'POST', url: '/api/v1/reintegration/instruments', payload, headers: { 'content-type': 'application/json', cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, ...en } });
      expect(res.statusCode, res.body.slice(0, 300)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, res.body.slice(0, 300)).toBeLessThan(500);
    }
    expect(await counts()).toEqual(before);
  });

  it('refuses attachments that are not what they say', async () => {
    const before = await counts();
    const uploads = [
      { file_name: 'scan.pdf', content_type: 'application/pdf', data_base64: b64(PNG_BYTES) },
      { file_name: 'poly.html', content_type: 'application/pdf', data_base64: b64(Buffer.from('<html><script>alert(1)</script></html>')) },
      { file_name: 'foto.png', content_type: 'image/png', data_base64: b64(randomBytes(4096)) },
      { file_name: 'x.jpg', content_type: 'image/jpeg', data_base64: '' },
      { file_name: 'x.pdf', content_type: 'application/pdf', data_base64: '%%%not base64%%%' },
      { file_name: 'x.svg', content_type: 'image/svg+xml', data_base64: b64(Buffer.from('<svg/>')) },
    ];
    for (const body of uploads) {
      const res = await admin.request('POST', '/api/v1/remittances/attachments', body, en);
      expect(res.statusCode, res.body.slice(0, 300)).toBe(400);
    }
    expect(await counts()).toEqual(before);
  });
});
