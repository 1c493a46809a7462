import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { eq } from 'drizzle-orm';
import { platformModules, startTestPlatform, TEST_PASSWORD, type Session, type TestPlatform } from '../../test/platform.js';
import type { RouteAccess } from '../module.js';
import { consents, persons } from '../people/schema.js';
import { registeredRoutes } from '../../test/routes.js';

/**
 * Who may call each route. `public`: anyone; `session`: any session, even one still at the second factor;
 * `signed-in`: any user past the second factor; otherwise the permission verb the route requires (a list: any of them).
 * Every route the app registers under /api/v1 must be listed: the core's here, each module's in its manifest's
 * `authorization` slice. A new route fails this test until somebody decides who may call it.
 */
const CORE_ROUTES: Record<string, RouteAccess> = {
  'GET /api/v1/openapi.json': 'public',
  'GET /api/v1/health': 'public',
  'POST /api/v1/auth/login': 'public',
  'POST /api/v1/auth/mfa/verify': 'session',
  'POST /api/v1/auth/mfa/enroll/start': 'session',
  'POST /api/v1/auth/mfa/enroll/confirm': 'session',
  'POST /api/v1/auth/mfa/disable': 'signed-in',
  'POST /api/v1/auth/logout': 'session',
  'POST /api/v1/auth/logout-everywhere': 'signed-in',
  'GET /api/v1/me': 'session',
  'PATCH /api/v1/me': 'signed-in',
  'POST /api/v1/me/password': 'signed-in',
  'GET /api/v1/me/sessions': 'signed-in',
  'GET /api/v1/admin/users': 'users.manage',
  'POST /api/v1/admin/users': 'users.manage',
  'GET /api/v1/admin/users/:id': 'users.manage',
  'PATCH /api/v1/admin/users/:id': 'users.manage',
  'POST /api/v1/admin/users/:id/reset-mfa': 'users.manage',
  'GET /api/v1/admin/roles': 'roles.manage',
  'PUT /api/v1/admin/roles/:id': 'roles.manage',
  'GET /api/v1/admin/sessions': 'users.manage',
  'DELETE /api/v1/admin/sessions/:id': 'users.manage',
  'GET /api/v1/org-units': 'signed-in',
  'GET /api/v1/org-units/:code': 'signed-in',
  'POST /api/v1/org-units/import': 'orgunits.manage',
  'GET /api/v1/audit': 'audit.read',
  'GET /api/v1/audit/verify': 'audit.read',
  'GET /api/v1/persons': 'persons.read',
  'POST /api/v1/persons': 'persons.write',
  'POST /api/v1/persons/duplicates': 'persons.read',
  'POST /api/v1/persons/:id/merge': 'persons.merge',
  'GET /api/v1/persons/:id': 'persons.read',
  'PATCH /api/v1/persons/:id': 'persons.write',
  'DELETE /api/v1/persons/:id': 'persons.erase',
  'POST /api/v1/persons/:id/consents': 'persons.write',
  'POST /api/v1/persons/:id/consents/:consentId/withdraw': 'persons.write',
  'GET /api/v1/persons/:id/export': 'persons.export',
  'POST /api/v1/persons/:id/export': 'persons.export',
  'POST /api/v1/persons/:id/documents/reveal': 'cases.protected',
};

const ROUTES: Record<string, RouteAccess> = Object.assign({}, CORE_ROUTES, ...platformModules.list.map((m) => m.authorization));

/** Routes that end the caller's session(s): each role calls them as a user of its own, so the walk goes on. */
const ENDS_SESSION = new Set(['POST /api/v1/auth/logout', 'POST /api/v1/auth/logout-everywhere']);


/** A concrete URL for a route pattern; ids that exist nowhere, so no handler changes anything. */
const concrete = (path: string) => path.replace(':id', path.includes('/roles/') ? 'viewer' : randomUUID()).replace(':consentId', randomUUID()).replace(':code', 'GTM');

function call(app: FastifyInstance, key: string, headers: Record<string, string> = {}) {
  const [method, path] = key.split(' ') as [string, string];
  const hasBody = ['POST', 'PATCH', 'PUT'].includes(method);
  // `{}` fails validation on routes that need a body: reaching validation (400) proves access was granted.
  return app.inject({ method: method as 'GET', url: concrete(path), headers, ...(hasBody ? { payload: {} } : {}) });
}

const withSession = (s: Session) => ({ cookie: s.cookie, 'x-csrf-token': s.csrfToken });

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(() => platform.close());

describe('every route with every role', () => {
  it('takes from each module only routes under its own prefix', () => {
    for (const m of platformModules.list) {
      for (const key of Object.keys(m.authorization)) {
        expect(key.split(' ')[1]!.startsWith(`/api/v1/${m.apiPrefix}/`), `${m.id}: ${key}`).toBe(true);
        expect(CORE_ROUTES, `${m.id}: ${key}`).not.toHaveProperty([key]);
      }
    }
  });

  it('lists every /api/v1 route the app registers, and nothing it does not', () => {
    const registered = registeredRoutes(platform.app).filter((r) => {
      const [method, path] = r.split(' ') as [string, string];
      return method !== 'HEAD' && path.startsWith('/api/v1/') && !path.startsWith('/api/v1/docs');
    });
    expect(new Set(registered).size).toBe(registered.length);
    expect([...registered].sort()).toEqual(Object.keys(ROUTES).sort());

    // The route tree parser agrees with the OpenAPI document, which lists every route not hidden from it.
    const paths = (platform.app.swagger() as { paths: Record<string, Record<string, unknown>> }).paths;
    for (const [path, item] of Object.entries(paths)) {
      for (const method of Object.keys(item)) expect(ROUTES).toHaveProperty([`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`]);
    }
  });

  it('answers 401 unauthenticated to anonymous callers on every route that is not public, GET and HEAD alike', async () => {
    for (const [key, access] of Object.entries(ROUTES)) {
      const res = await call(platform.app, key);
      if (access === 'public') {
        expect([401, 403], key).not.toContain(res.statusCode);
        expect(res.statusCode, key).toBeLessThan(500);
        continue;
      }
      expect(res.statusCode, key).toBe(401);
      expect(res.json().error.code, key).toBe('unauthenticated');
      if (key.startsWith('GET ')) expect((await call(platform.app, key.replace('GET', 'HEAD'))).statusCode, `HEAD ${key}`).toBe(401);
    }
  });

  it.each(platformModules.roles.map((r) => r.id))('gives %s exactly what its permissions allow: 403 forbidden without the verb, never 401/403 with it', async (role: string) => {
    const session = await platform.userSession(role, ['001']);
    const granted = platformModules.startingVerbs(role);
    for (const [key, access] of Object.entries(ROUTES)) {
      const s = ENDS_SESSION.has(key) ? await platform.userSession(role, ['001']) : session;
      const res = await call(platform.app, key, withSession(s));
      const allowed = access === 'public' || access === 'session' || access === 'signed-in' || [access].flat().some((verb) => granted.has(verb));
      if (allowed) {
        expect([401, 403], `${role} ${key}: ${res.body}`).not.toContain(res.statusCode);
        expect(res.statusCode, `${role} ${key}: ${res.body}`).toBeLessThan(500);
      } else {
        expect(res.statusCode, `${role} ${key}`).toBe(403);
        expect(res.json().error.code, `${role} ${key}`).toBe('forbidden');
      }
    }
    // The session survived the walk: no route besides the logout ones ended it.
    expect((await session.request('GET', '/api/v1/me')).statusCode).toBe(200);
  });

  it('answers 401 mfa_required on every route but the public and session ones while the second factor is missing', async () => {
    const email = `admin.enrolling.${randomUUID().slice(0, 8)}@example.org`;
    await platform.createUser({ email, roleId: 'admin', captureScope: ['001'] });
    const loginAgain = async () => {
      const res = await platform.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: TEST_PASSWORD } });
      expect(res.json().next).toBe('mfa_enroll');
      const token = res.cookies.find((c) => c.name === 'mide_session')!.value;
      return { cookie: `mide_session=${token}`, 'x-csrf-token': res.json().csrfToken as string };
    };
    const headers = await loginAgain();
    for (const [key, access] of Object.entries(ROUTES)) {
      const res = await call(platform.app, key, ENDS_SESSION.has(key) ? await loginAgain() : headers);
      if (access === 'public' || access === 'session') {
        expect([401, 403], `${key}: ${res.body}`).not.toContain(res.statusCode);
      } else {
        expect(res.statusCode, key).toBe(401);
        expect(res.json().error.code, key).toBe('mfa_required');
      }
    }
  });

  it('cannot be walked around with percent-escapes in the path', async () => {
    // The router decodes `%61` to `a`: access must follow the route matched, not the raw URL.
    for (const [key, access] of Object.entries(ROUTES)) {
      if (access === 'public' || !key.startsWith('GET ')) continue;
      const path = concrete(key.slice(4));
      for (const url of [path.replace('/api/', '/%61pi/'), path.replace('/v1/', '/v%31/'), path.replace(/\/([a-z])([^/]*)$/, (_, c: string, rest: string) => `/%${c.charCodeAt(0).toString(16)}${rest}`)]) {
        const res = await platform.app.inject({ method: 'GET', url });
        expect([401, 404], `${url}: ${res.statusCode} ${res.body.slice(0, 100)}`).toContain(res.statusCode);
      }
    }
  });

  it('checks access before reading the body: no schema details, no parsing, for callers without access', async () => {
    const viewer = await platform.userSession('viewer', ['001']);
    const anonymous = await platform.app.inject({ method: 'POST', url: '/api/v1/persons', payload: '{"not json', headers: { 'content-type': 'application/json' } });
    expect(anonymous.statusCode).toBe(401);
    const forbidden = await viewer.request('POST', '/api/v1/persons', { givenName: 7 });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().error.fields).toEqual([]);
    const noCsrf = await platform.app.inject({ method: 'POST', url: '/api/v1/persons', payload: {}, headers: { cookie: (await platform.userSession('local_officer', ['GTM'])).cookie } });
    expect(noCsrf.json().error.code).toBe('csrf_failed');
  });
});

describe('records outside the scope are absent (404), never forbidden', () => {
  let gt0101: Session; // local_officer capturing in GT0101
  let gt0102: Session; // local_officer capturing in GT0102
  let personId: string;
  let consentId: string;
  const person = { givenName: 'Rigoberta', familyName: 'Xicará', orgUnitCode: 'GT0101' };

  beforeAll(async () => {
    const admin = await platform.userSession('admin', ['001']);
    const csv = [
      'code,name,parent_code',
      'GT01,Guatemala,GTM',
      'GT0101,Guatemala,GT01',
      'GT0102,Mixco,GT01',
      // GT011 extends the code GT01; GT_1 and GTX1 differ where a LIKE wildcard would match.
      'GT011,Otro departamento,GTM',
      'GT_1,Subrayado,GTM',
      'GTX1,Equis,GTM',
    ].join('\n');
    const imported = await admin.request('POST', '/api/v1/org-units/import', { csv });
    expect(imported.json()).toEqual({ imported: 6, dryRun: false });

    gt0101 = await platform.userSession('local_officer', ['GT0101']);
    gt0102 = await platform.userSession('local_officer', ['GT0102']);
    const created = await gt0101.request('POST', '/api/v1/persons', person);
    expect(created.statusCode).toBe(201);
    personId = created.json().id;
    const consent = await gt0101.request('POST', `/api/v1/persons/${personId}/consents`, { purpose: 'registration', scope: 'todo', channel: 'in_person' });
    expect(consent.statusCode).toBe(201);
    consentId = consent.json().id;
  });

  const ids = (res: LightMyRequestResponse) => (res.json().items as { id: string }[]).map((p) => p.id);
  /** A 404 for a record out of scope must be indistinguishable from one for a record that does not exist. */
  async function expectAbsent(res: LightMyRequestResponse, label: string) {
    expect(res.statusCode, `${label}: ${res.body}`).toBe(404);
    expect(res.json().error).toEqual({ code: 'not_found', message: 'No encontrado.', fields: [] });
  }
  const unchanged = async () => {
    const [row] = await platform.ctx.db.select().from(persons).where(eq(persons.id, personId));
    expect(row).toMatchObject({ givenName: person.givenName, familyName: person.familyName });
    const [c] = await platform.ctx.db.select().from(consents).where(eq(consents.id, consentId));
    expect(c!.withdrawnAt).toBeNull();
  };

  it('hides a person from a local officer of a sibling municipality on every route', async () => {
    const s = gt0102;
    await expectAbsent(await s.request('GET', `/api/v1/persons/${personId}`), 'GET');
    await expectAbsent(await s.request('PATCH', `/api/v1/persons/${personId}`, { givenName: 'Changed' }), 'PATCH');
    await expectAbsent(await s.request('POST', `/api/v1/persons/${personId}/consents`, { purpose: 'follow_up', scope: 's', channel: 'phone' }), 'consent');
    await expectAbsent(await s.request('POST', `/api/v1/persons/${personId}/consents/${consentId}/withdraw`), 'withdraw');
    expect(ids(await s.request('GET', '/api/v1/persons'))).not.toContain(personId);
    expect(ids(await s.request('GET', `/api/v1/persons?q=${encodeURIComponent('Rigoberta')}`))).toEqual([]);
    await unchanged();
  });

  it('hides the person from export and erasure out of scope (roles that hold those verbs)', async () => {
    // local_officer has neither persons.export nor persons.erase (403 by permission, checked first).
    expect((await gt0102.request('GET', `/api/v1/persons/${personId}/export`)).statusCode).toBe(403);
    expect((await gt0102.request('DELETE', `/api/v1/persons/${personId}`)).statusCode).toBe(403);
    const caseWorker = await platform.userSession('case_worker', ['GT0102']);
    await expectAbsent(await caseWorker.request('GET', `/api/v1/persons/${personId}/export`), 'export');
    const admin = await platform.userSession('admin', ['GT0102']);
    await expectAbsent(await admin.request('DELETE', `/api/v1/persons/${personId}`), 'erase');
    await expectAbsent(await admin.request('GET', `/api/v1/persons/${personId}`), 'admin GET');
    await unchanged();
  });

  it('answers an out-of-scope id exactly like an id that does not exist', async () => {
    const a = await gt0102.request('GET', `/api/v1/persons/${personId}`);
    const b = await gt0102.request('GET', `/api/v1/persons/${randomUUID()}`);
    const strip = (r: LightMyRequestResponse) => r.body.replace(r.json().requestId as string, '');
    expect(strip(a)).toBe(strip(b));
  });

  it('does not let a consent of one person be withdrawn through another person in scope', async () => {
    const own = await gt0102.request('POST', '/api/v1/persons', { givenName: 'Otra', familyName: 'Persona', orgUnitCode: 'GT0102' });
    await expectAbsent(await gt0102.request('POST', `/api/v1/persons/${own.json().id}/consents/${consentId}/withdraw`), 'withdraw via own person');
    await unchanged();
  });

  it('shows the person to a national coordinator of the country, and not to one of another country', async () => {
    const gtm = await platform.userSession('national_coordinator', ['GTM']);
    const got = await gtm.request('GET', `/api/v1/persons/${personId}`);
    expect(got.statusCode).toBe(200);
    expect(got.json().orgUnit).toEqual({ code: 'GT0101', name: 'Guatemala', kind: 'municipality' });
    expect(ids(await gtm.request('GET', '/api/v1/persons'))).toContain(personId);
    expect((await gtm.request('GET', `/api/v1/persons/${personId}/export`)).statusCode).toBe(200);

    const hnd = await platform.userSession('national_coordinator', ['HND']);
    await expectAbsent(await hnd.request('GET', `/api/v1/persons/${personId}`), 'GET');
    await expectAbsent(await hnd.request('PATCH', `/api/v1/persons/${personId}`, { givenName: 'Changed' }), 'PATCH');
    await expectAbsent(await hnd.request('GET', `/api/v1/persons/${personId}/export`), 'export');
    expect(ids(await hnd.request('GET', '/api/v1/persons'))).not.toContain(personId);
    await unchanged();
  });

  it('reads with the view scope but writes only within the capture scope', async () => {
    const s = await platform.userSession('local_officer', ['GT0102'], ['GTM']);
    expect((await s.request('GET', `/api/v1/persons/${personId}`)).statusCode).toBe(200);
    expect(ids(await s.request('GET', '/api/v1/persons'))).toContain(personId);
    await expectAbsent(await s.request('PATCH', `/api/v1/persons/${personId}`, { givenName: 'Changed' }), 'PATCH');
    await expectAbsent(await s.request('POST', `/api/v1/persons/${personId}/consents`, { purpose: 'follow_up', scope: 's', channel: 'phone' }), 'consent');
    await expectAbsent(await s.request('POST', `/api/v1/persons/${personId}/consents/${consentId}/withdraw`), 'withdraw');

    for (const orgUnitCode of ['GT0101', 'GTM', 'gt0101']) {
      const res = await s.request('POST', '/api/v1/persons', { ...person, orgUnitCode });
      expect(res.statusCode, orgUnitCode).toBe(400);
      expect(res.json().error.fields.map((f: { path: string }) => f.path), orgUnitCode).toEqual(['orgUnitCode']);
    }

    // Moving one's own person out of the capture scope is refused on the same field, and changes nothing.
    const own = await s.request('POST', '/api/v1/persons', { ...person, orgUnitCode: 'GT0102' });
    expect(own.statusCode).toBe(201);
    const move = await s.request('PATCH', `/api/v1/persons/${own.json().id}`, { orgUnitCode: 'GT0101', givenName: 'Moved' });
    expect(move.statusCode).toBe(400);
    expect(move.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['orgUnitCode']);
    const [row] = await platform.ctx.db.select().from(persons).where(eq(persons.id, own.json().id));
    expect(row!.givenName).toBe(person.givenName);
    await unchanged();
  });

  it('matches scopes by whole org unit, not by code prefix or LIKE wildcard', async () => {
    const inGt011 = await platform.userSession('local_officer', ['GT011']);
    const inGtx1 = await platform.userSession('local_officer', ['GTX1']);
    const p1 = (await inGt011.request('POST', '/api/v1/persons', { ...person, orgUnitCode: 'GT011' })).json().id as string;
    const p2 = (await inGtx1.request('POST', '/api/v1/persons', { ...person, orgUnitCode: 'GTX1' })).json().id as string;

    const gt01 = await platform.userSession('local_officer', ['GT01']);
    const visible = ids(await gt01.request('GET', '/api/v1/persons'));
    expect(visible).toContain(personId);
    expect(visible).not.toContain(p1);
    await expectAbsent(await gt01.request('GET', `/api/v1/persons/${p1}`), 'GT01 reading GT011');

    const underscore = await platform.userSession('local_officer', ['GT_1']);
    expect(ids(await underscore.request('GET', '/api/v1/persons'))).toEqual([]);
    await expectAbsent(await underscore.request('GET', `/api/v1/persons/${p2}`), 'GT_1 reading GTX1');
    const res = await underscore.request('POST', '/api/v1/persons', { ...person, orgUnitCode: 'GTX1' });
    expect(res.statusCode).toBe(400);
  });

  it('gives a user with no scope nothing', async () => {
    const none = await platform.userSession('national_coordinator', []);
    expect(ids(await none.request('GET', '/api/v1/persons'))).toEqual([]);
    await expectAbsent(await none.request('GET', `/api/v1/persons/${personId}`), 'GET');
  });
});
