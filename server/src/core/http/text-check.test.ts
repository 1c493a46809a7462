import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestPlatform, type Session, type TestPlatform } from '../../test/platform.js';
import { translate } from '../i18n/messages.js';
import { findUnstorableText } from './text-check.js';

let platform: TestPlatform;
let officer: Session;

beforeAll(async () => {
  platform = await startTestPlatform();
  officer = await platform.userSession('local_officer', ['GTM']);
});
afterAll(() => platform.close());

const personCount = async () =>
  (await platform.ctx.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM persons`))[0]!.n;

describe('text the database cannot store (finding 6)', () => {
  it('answers a NUL in the sign-in e-mail with 400 and the field, unauthenticated, in the request language', async () => {
    const res = await platform.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'a\u0000b@example.org', password: 'whatever it is here' },
      headers: { 'accept-language': 'en' },
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error).toEqual({
      code: 'validation_failed',
      message: translate('en', 'error.validation_failed'),
      fields: [{ path: 'email', message: translate('en', 'field.nul_character') }],
    });
  });

  it('answers a NUL in a query string and in a path parameter with 400 naming the field', async () => {
    const query = await officer.request('GET', '/api/v1/evidence/analytics?ou=G%00TM');
    expect(query.statusCode, query.body).toBe(400);
    expect(query.json().error.fields).toEqual([{ path: 'ou', message: translate('es', 'field.nul_character') }]);
    const search = await officer.request('GET', '/api/v1/persons?q=Ana%00');
    expect(search.statusCode, search.body).toBe(400);
    const param = await officer.request('GET', '/api/v1/org-units/G%00TM');
    expect(param.statusCode, param.body).toBe(400);
    expect(param.json().error.fields).toEqual([{ path: 'code', message: translate('es', 'field.nul_character') }]);
  });

  it('refuses a NUL or a lone surrogate in a body field, a nested field or a field name, and writes nothing', async () => {
    const before = await personCount();
    const send = (body: unknown) => officer.request('POST', '/api/v1/persons', body);
    const nul = await send({ givenName: 'Ana\u0000', familyName: 'Pérez', orgUnitCode: 'GTM' });
    expect(nul.statusCode, nul.body).toBe(400);
    expect(nul.json().error.fields).toEqual([{ path: 'givenName', message: translate('es', 'field.nul_character') }]);
    const lone = await send({ givenName: 'Ana', familyName: 'P\uD800rez', orgUnitCode: 'GTM' });
    expect(lone.json().error.fields).toEqual([{ path: 'familyName', message: translate('es', 'field.unpaired_surrogate') }]);
    const named = await send({ givenName: 'Ana', familyName: 'Pérez', orgUnitCode: 'GTM', 'x\u0000': 1 });
    expect(named.json().error.fields).toEqual([{ path: 'x\\u0000', message: translate('es', 'field.nul_character') }]);
    expect(await personCount()).toBe(before);
  });

  it('keeps valid unusual text: emoji, RTL and combining marks, U+FFFF, U+2028', async () => {
    const givenName = 'Ana 👩🏽‍🌾 \u202Eabc\u202C e\u0301 \uFFFF \u2028 Luz';
    const res = await officer.request('POST', '/api/v1/persons', { givenName, familyName: 'Pérez', orgUnitCode: 'GTM' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().givenName).toBe(givenName);
  });
});

describe('findUnstorableText', () => {
  it('walks 10,000 levels of nesting without recursion and gives dotted paths', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 10_000; i++) deep = { a: [deep] };
    const [problem] = findUnstorableText(deep, 'body');
    expect(problem?.key).toBe('field.nul_character');
    expect(problem?.path.split('.')).toHaveLength(20_000);
    expect(findUnstorableText('\u0000', 'body')).toEqual([{ path: 'body', key: 'field.nul_character' }]);
    expect(findUnstorableText({ ok: ['😀', 'e\u0301'] }, 'body')).toEqual([]);
  });

  it('reports at most 20 problems', () => {
    expect(findUnstorableText(Array.from({ length: 1000 }, () => '\u0000'), 'body')).toHaveLength(20);
  });
});
