import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'drizzle-orm';
import { startTestPlatform, type Session, type TestPlatform } from '../../test/platform.js';
import { buildApp } from './app.js';
import { translate } from '../i18n/messages.js';

let platform: TestPlatform;
let officer: Session;

beforeAll(async () => {
  platform = await startTestPlatform();
  officer = await platform.userSession('local_officer', ['GTM']);
});
afterAll(() => platform.close());

const MiB = 1024 * 1024;
const validPerson = { given_name: 'Ana', family_name: 'Pérez', org_unit_code: 'GTM' };

/** Every error answer has exactly this shape, is JSON, carries the request id, and says nothing about the code. */
function expectError(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  const body = res.json() as { error: { code: string; message: string; fields: unknown[] }; request_id: string };
  expect(Object.keys(body).sort()).toEqual(['error', 'request_id']);
  expect(Object.keys(body.error).sort()).toEqual(['code', 'fields', 'message']);
  expect(body.error.code).toBe(code);
  expect(body.error.message).toEqual(expect.any(String));
  expect(body.request_id).toBe(res.headers['x-request-id']);
  expectNoInternals(res.body);
  return body;
}

function expectNoInternals(text: string) {
  expect(text).not.toMatch(/stack|\bat .*\(|\.ts:\d+|\.js:\d+|node_modules|FST_|Error:/);
}

async function counts() {
  const [row] = await platform.ctx.database.rows<{ persons: number; users: number; audit: number }>(
    sql`SELECT (SELECT count(*)::int FROM persons) AS persons, (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM audit_log) AS audit`,
  );
  return row!;
}

/** Runs a rejected write and proves that no person, user or audit entry was written. */
async function rejected(send: () => Promise<LightMyRequestResponse>) {
  const before = await counts();
  const res = await send();
  expect(await counts()).toEqual(before);
  return res;
}

const raw = (url: string, payload: string | Buffer, contentType: string, headers: Record<string, string> = {}) =>
  platform.app.inject({ method: 'POST', url, payload, headers: { 'content-type': contentType, ...headers } });
const asOfficer = () => ({ cookie: officer.cookie, 'x-csrf-token': officer.csrfToken });
const paths = (body: { error: { fields: unknown[] } }) => (body.error.fields as { path: string }[]).map((f) => f.path);

describe('rejected requests', () => {
  it('answers malformed JSON with 400 malformed_json, on public and signed-in routes', async () => {
    for (const payload of ['{"given_name": "Ana",', '{given_name: 1}', 'null x', '']) {
      const res = await rejected(() => raw('/api/v1/persons', payload, 'application/json', asOfficer()));
      expectError(res, 400, 'malformed_json');
    }
    const login = await rejected(() => raw('/api/v1/auth/login', '{"email": ', 'application/json'));
    expectError(login, 400, 'malformed_json');
  });

  it('names an unknown field', async () => {
    const res = await rejected(() => officer.request('POST', '/api/v1/persons', { ...validPerson, nickname: 'Anita' }));
    const body = expectError(res, 400, 'validation_failed');
    expect(body.error.fields).toEqual([{ path: 'nickname', message: 'Campo no reconocido: «nickname».' }]);
    const login = expectError(await rejected(() => platform.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'a@b.org', password: 'x', remember: true } })), 400, 'validation_failed');
    expect(paths(login)).toEqual(['remember']);
  });

  it('names a field of the wrong type', async () => {
    const res = await rejected(() => officer.request('POST', '/api/v1/persons', { ...validPerson, given_name: 42 }));
    const body = expectError(res, 400, 'validation_failed');
    expect(body.error.fields).toEqual([{ path: 'given_name', message: translate('es', 'field.invalid_type', { expected: 'string' }) }]);
    const sex = expectError(await rejected(() => officer.request('POST', '/api/v1/persons', { ...validPerson, sex: 'yes' })), 400, 'validation_failed');
    expect(paths(sex)).toEqual(['sex']);
    const array = expectError(await rejected(() => officer.request('POST', '/api/v1/persons', [validPerson])), 400, 'validation_failed');
    expect(array.error.fields).toHaveLength(1);
  });

  it('says a required field is missing, in Spanish by default and in English when asked', async () => {
    const es = expectError(await rejected(() => officer.request('POST', '/api/v1/persons', { given_name: 'Ana' })), 400, 'validation_failed');
    expect(es.error.message).toBe('Revise los datos enviados: hay campos con errores.');
    expect(es.error.fields).toEqual([
      { path: 'family_name', message: 'Este campo es obligatorio.' },
      { path: 'org_unit_code', message: 'Este campo es obligatorio.' },
    ]);
    // Anonymous, because a signed-in user's saved language wins over Accept-Language.
    const en = expectError(await rejected(() => platform.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { password: 'x' }, headers: { 'accept-language': 'en' } })), 400, 'validation_failed');
    expect(en.error.message).toBe('Check the data you sent: some fields have errors.');
    expect(en.error.fields).toEqual([{ path: 'email', message: 'This field is required.' }]);
    // An empty (after trimming) string is as missing as an absent one.
    const blank = expectError(await rejected(() => officer.request('POST', '/api/v1/persons', { ...validPerson, family_name: '   ' })), 400, 'validation_failed');
    expect(blank.error.fields).toEqual([{ path: 'family_name', message: 'Este campo es obligatorio.' }]);
    const login = expectError(await rejected(() => platform.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: {} })), 400, 'validation_failed');
    expect(login.error.fields).toEqual([
      { path: 'email', message: 'Este campo es obligatorio.' },
      { path: 'password', message: 'Este campo es obligatorio.' },
    ]);
  });

  it('refuses a body over 1 MiB with 413 payload_too_large', async () => {
    const big = 'x'.repeat(MiB + 10);
    expectError(await rejected(() => platform.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'a@b.org', password: big } })), 413, 'payload_too_large');
    expectError(await rejected(() => officer.request('POST', '/api/v1/persons', { ...validPerson, given_name: big })), 413, 'payload_too_large');
  });

  it('lets the code list import take more than 1 MiB (its own limit)', async () => {
    const admin = await platform.userSession('admin', ['001']);
    // Over 2 MiB of ordinary rows (a cell or line that long is refused by the file limits instead), one of them wrong.
    const rows = Array.from({ length: 30_000 }, (_, i) => `GTX${i},${'Municipio '.repeat(7)}${i},GTM`);
    rows[0] = 'GTX0,Municipio,NOPE';
    const csv = `code,name,parent_code\n${rows.join('\n')}\n`;
    expect(csv.length).toBeGreaterThan(2 * MiB);
    const res = await admin.request('POST', '/api/v1/org-units/import', { csv });
    const body = expectError(res, 400, 'validation_failed');
    expect(paths(body)).toEqual(['fila 2, columna parent_code']);
  });

  it('refuses a non-JSON body on a JSON route in the error shape (415 or 400) and writes nothing', async () => {
    const cases: [string, string][] = [
      ['text/plain', JSON.stringify(validPerson)],
      ['application/xml', '<person><given_name>Ana</given_name></person>'],
      ['application/x-www-form-urlencoded', 'given_name=Ana&family_name=P&org_unit_code=GTM'],
      ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="given_name"\r\n\r\nAna\r\n--x--'],
    ];
    for (const [type, payload] of cases) {
      const res = await rejected(() => raw('/api/v1/persons', payload, type, asOfficer()));
      expect([400, 415], `${type}: ${res.body}`).toContain(res.statusCode);
      expectError(res, res.statusCode, res.statusCode === 415 ? 'unsupported_media_type' : 'validation_failed');
    }
  });

  it('answers an unknown API path with 404 not_found in the error shape (401 before sign-in: the route map stays private)', async () => {
    expectError(await officer.request('GET', '/api/v1/nope'), 404, 'not_found');
    expectError(await officer.request('POST', '/api/v1/nope', {}), 404, 'not_found');
    expectError(await officer.request('GET', '/api/v2/persons'), 404, 'not_found');
    expectError(await platform.app.inject({ method: 'GET', url: '/api/v1/nope' }), 401, 'unauthenticated');
  });

  it('answers an id that is not a UUID with 400 on the id, not a database error', async () => {
    const res = await officer.request('GET', '/api/v1/persons/not-a-uuid');
    expect(paths(expectError(res, 400, 'validation_failed'))).toEqual(['id']);
  });
});

describe('request ids', () => {
  it('echoes a well-formed X-Request-Id and replaces one that is not', async () => {
    const ok = await platform.app.inject({ method: 'GET', url: '/api/v1/me', headers: { 'x-request-id': 'client-req-12345' } });
    expect(ok.json().request_id).toBe('client-req-12345');
    const bad = await platform.app.inject({ method: 'GET', url: '/api/v1/me', headers: { 'x-request-id': '<script>alert(1)</script>' } });
    expect(bad.json().request_id).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('unexpected errors', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    // A second app on the same platform, with routes that fail the way a bug would.
    app = await buildApp(platform.ctx, { logger: false, serveWeb: false });
    app.get('/api/v1/test/boom', { config: { access: 'public' } }, async () => {
      throw new Error('boom: password=hunter2 at /srv/mide/server/src/secret.ts:12');
    });
    app.get('/api/v1/test/teapot', { config: { access: 'public' } }, async () => {
      throw Object.assign(new Error('internal detail that must not leak'), { statusCode: 418 });
    });
    await app.ready();
  });
  afterAll(() => app.close());

  it('answers 500 internal with a translated message and the request id, and no detail of the error', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/test/boom', headers: { 'accept-language': 'en' } });
    const body = expectError(res, 500, 'internal');
    expect(body.error.message).toBe(translate('en', 'error.internal'));
    expect(res.body).not.toContain('boom');
    expect(res.body).not.toContain('hunter2');
  });

  it('does not pass the message of a client error thrown by a library through', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/test/teapot' });
    expectError(res, 400, 'validation_failed');
    expect(res.body).not.toContain('internal detail');
  });
});

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1.0, public, and describes persons/{id} and auth/login with request bodies', async () => {
    const res = await platform.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties: Record<string, unknown>; required?: string[] } }> } }>> };
    expect(doc.openapi).toBe('3.1.0');

    const person = doc.paths['/api/v1/persons/{id}'];
    expect(Object.keys(person ?? {})).toEqual(expect.arrayContaining(['get', 'patch', 'delete']));
    const patch = person!.patch!.requestBody!.content['application/json']!.schema;
    expect(Object.keys(patch.properties)).toEqual(expect.arrayContaining(['given_name', 'family_name', 'birth_date', 'email', 'org_unit_code']));

    const login = doc.paths['/api/v1/auth/login']!.post!.requestBody!.content['application/json']!.schema;
    expect(Object.keys(login.properties).sort()).toEqual(['email', 'password']);
    expect([...(login.required ?? [])].sort()).toEqual(['email', 'password']);

    const create = doc.paths['/api/v1/persons']!.post!.requestBody!.content['application/json']!.schema;
    expect([...(create.required ?? [])].sort()).toEqual(['family_name', 'given_name', 'org_unit_code']);
  });

  it('is readable as HTML at /api/v1/docs/ without signing in', async () => {
    const res = await platform.app.inject({ method: 'GET', url: '/api/v1/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toMatch(/<html/i);
  });
});
