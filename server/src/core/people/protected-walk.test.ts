import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshTotpCode, platformModules, startTestPlatform, TEST_PASSWORD, type Session, type TestPlatform } from '../../test/platform.js';
import { restoreBackup, writeBackup } from '../db/backup.js';
import { KeyError } from '../crypto.js';
import { Keyring } from '../keys/keyring.js';
import { emptyDatabase, TEST_SECRET } from '../../test/engine.js';
import { registeredRoutes } from '../../test/routes.js';

/**
 * Protected values (psychosocial notes, trafficking and violence indications, identity-document numbers) never leave
 * the server without the permission `cases.protected` AND a step-up (the password or a fresh code again), on any
 * route; identity documents and protected values are not in the database, nor in a backup, in clear.
 */

const NOTE = 'MARKER-psychosocial-7f3a-confidencial';
const DOCUMENT = 'ZQ-4471-MARKER-998';
const DOCUMENT_KEY = 'ZQ4471MARKER998';

let p: TestPlatform;
let worker: Session;
let personId: string;
let caseId: string;

beforeAll(async () => {
  p = await startTestPlatform();
  worker = await p.userSession('case_worker', ['GTM']);
  const person = await worker.request('POST', '/api/v1/persons', {
    givenName: 'Marcadora',
    familyName: 'Protegida',
    birthDate: '1990-04-02',
    orgUnitCode: 'GTM',
    documents: [{ kind: 'passport', number: DOCUMENT, issuingCountryIso3: 'GTM' }],
  });
  expect(person.statusCode, person.body).toBe(201);
  personId = person.json().id;
  const opened = await worker.request('POST', '/api/v1/reintegration/cases', {
    person_id: personId,
    org_unit: 'GTM',
    arrival_date: new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10),
    returned_from_iso3: 'USA',
    return_how: 'forced',
    household_size: 2,
    immediate_needs: ['housing'],
  });
  expect(opened.statusCode, opened.body).toBe(201);
  caseId = opened.json().id;
  const recorded = await worker.request('PUT', `/api/v1/reintegration/cases/${caseId}/protected`, { psychosocial_notes: NOTE, trafficking_indication: true, violence_indication: true });
  expect(recorded.statusCode, recorded.body).toBe(200);
});
afterAll(() => p.close());

/**
 * Where a protected value shows in an answer: the note's or the document number's marker anywhere (the number also
 * as its key, letters and digits only), or an indication that is not null.
 */
function leaks(body: string): string[] {
  const found: string[] = [];
  if (body.includes(NOTE)) found.push('psychosocial note');
  if (body.includes('MARKER') || body.toUpperCase().includes(DOCUMENT_KEY)) found.push('document number');
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return found;
  }
  const walk = (v: unknown, path: string) => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (/^(trafficking|violence)[_ ]?indication$/i.test(k) && (typeof x === 'boolean' || typeof x === 'string')) found.push(`${path}.${k}`);
        walk(x, `${path}.${k}`);
      }
    }
  };
  walk(parsed, '$');
  return found;
}

describe('the person export', () => {
  it('withholds the protected fields from a caseworker without cases.protected, and from a national coordinator', async () => {
    const coordinator = await p.userSession('national_coordinator', ['GTM']);
    for (const s of [worker, coordinator]) {
      const res = await s.request('GET', `/api/v1/persons/${personId}/export`);
      expect(res.statusCode, res.body).toBe(200);
      expect(leaks(res.body)).toEqual([]);
      const cases = res.json().data.reintegration.cases as { protected: unknown }[];
      expect(cases).toHaveLength(1);
      expect(cases[0]!.protected).toEqual({ withheld: true });
      // The rest of the export is there: the person and their document, its number withheld.
      expect(res.json().data.people.documents).toEqual([expect.objectContaining({ kind: 'passport', number: null, numberHint: '•••998', withheld: true })]);
    }
  });

  it('withholds them from a holder of cases.protected who did not step up, and shows them after the password or a code', async () => {
    const supervisor = await p.userSession('case_supervisor', ['GTM']);
    const plain = await supervisor.request('GET', `/api/v1/persons/${personId}/export`);
    expect(plain.statusCode).toBe(200);
    expect(leaks(plain.body)).toEqual([]);

    const wrong = await supervisor.request('POST', `/api/v1/persons/${personId}/export`, { password: 'not the password at all' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields[0].path).toBe('password');
    expect(leaks(wrong.body)).toEqual([]);

    const withPassword = await supervisor.request('POST', `/api/v1/persons/${personId}/export`, { password: TEST_PASSWORD });
    expect(withPassword.statusCode, withPassword.body).toBe(200);
    const [exported] = withPassword.json().data.reintegration.cases as { protected: Record<string, unknown> }[];
    expect(exported!.protected).toMatchObject({ psychosocialNotes: NOTE, traffickingIndication: true, violenceIndication: true });
    expect(withPassword.json().data.people.documents).toEqual([expect.objectContaining({ kind: 'passport', number: DOCUMENT })]);

    // An administrator has a second factor: a code not used before (the sign-in's) confirms it as well.
    const admin = await p.userSession('admin', ['GTM']);
    const reused = await admin.request('POST', `/api/v1/persons/${personId}/export`, { code: '000000' });
    expect(reused.statusCode).toBe(400);
    expect(reused.json().error.fields[0].path).toBe('code');
    const withCode = await admin.request('POST', `/api/v1/persons/${personId}/export`, { code: await freshTotpCode(p.ctx, admin.user.email) });
    expect(withCode.statusCode, withCode.body).toBe(200);
    expect(withCode.body).toContain(NOTE);
  });

  it('still withholds them from a caseworker who steps up without the permission', async () => {
    const res = await worker.request('POST', `/api/v1/persons/${personId}/export`, { password: TEST_PASSWORD });
    expect(res.statusCode, res.body).toBe(200);
    expect(leaks(res.body)).toEqual([]);
    expect(res.json().data.people.documents).toEqual([expect.objectContaining({ number: null, withheld: true })]);
  });
});

describe('at rest', () => {
  it('keeps no protected value nor document number in clear in the database', async () => {
    const protectedRows = await p.ctx.database.rows<Record<string, unknown>>(sql`SELECT t::text AS row FROM rn_case_protected t`);
    const documentRows = await p.ctx.database.rows<Record<string, unknown>>(sql`SELECT t::text AS row FROM person_documents t`);
    expect(protectedRows.length).toBeGreaterThan(0);
    expect(documentRows.length).toBeGreaterThan(0);
    for (const r of [...protectedRows, ...documentRows]) {
      const text = String(r.row);
      expect(text).not.toContain(NOTE);
      expect(text.toUpperCase()).not.toContain(DOCUMENT_KEY);
      expect(text).not.toContain('MARKER');
      // The indications are ciphertext too: no column reads as a boolean.
      expect(text).not.toMatch(/,[tf],/);
    }
  });

  it('writes only ciphertext into a backup file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mide-protected-')), 'backup.jsonl.gz');
    await writeBackup(p.ctx.database, file);
    const text = gunzipSync(readFileSync(file)).toString('utf8');
    expect(text).toContain('"table":"rn_case_protected"');
    expect(text.includes('MARKER'), 'a marker in the backup').toBe(false);
    expect(text.toUpperCase().includes(DOCUMENT_KEY), 'a document key in the backup').toBe(false);
    for (const line of text.split('\n')) {
      if (line.includes('trafficking_indication":') && line.startsWith('{"r"')) expect(line).not.toMatch(/"(trafficking|violence)_indication":(true|false)/);
    }

    // Restored into an empty database, the values open with the same MIDE_SECRET (the keys travel wrapped), and
    // with no other.
    const target = await emptyDatabase();
    try {
      await target.database.migrate();
      await restoreBackup(target.database, file);
      const [row] = await target.database.rows<{ notes: string }>(sql`SELECT psychosocial_notes AS notes FROM rn_case_protected WHERE case_id = ${caseId}::uuid`);
      const place = { table: 'rn_case_protected', column: 'psychosocial_notes', rowId: caseId };
      expect(await new Keyring(TEST_SECRET).open(target.database.db, place, row!.notes)).toBe(NOTE);
      await expect(new Keyring('a-thief-without-the-secret-0123456789').open(target.database.db, place, row!.notes)).rejects.toThrow(KeyError);
    } finally {
      await target.drop();
    }
  });
});

/** The API's routes, but HEAD. */
function apiRoutes(app: FastifyInstance): string[] {
  return registeredRoutes(app).filter((r) => r.split(' ')[1]!.startsWith('/api/v1/') && !r.startsWith('HEAD '));
}

/** The routes that may show protected values, to a holder of cases.protected who stepped up: the reveals and the exports. */
const isProtectedPath = (key: string) => key.startsWith('POST ') && /\/(reveal|export)$/.test(key);

describe('the walk: every route that can return a person or a case, as every role', () => {
  /** The fixture's ids in each pattern: the person under /persons, the case under /reintegration/cases. */
  const concrete = (path: string) =>
    path
      .replace(/^\/api\/v1\/persons\/:id/, `/api/v1/persons/${personId}`)
      .replace(/^\/api\/v1\/reintegration\/cases\/:id/, `/api/v1/reintegration/cases/${caseId}`)
      .replace(/:(code|country)\b/g, 'GTM')
      .replace(/:\w+/g, '00000000-0000-4000-8000-000000000000');

  it.each(platformModules.roles.map((r) => r.id))('shows no protected value to %s, except through reveal and the exports with cases.protected and a step-up', async (role: string) => {
    const s = await p.userSession(role, ['001']);
    const granted = platformModules.startingVerbs(role);
    const routes = apiRoutes(p.app);
    // Reads: every GET (lists, records by id, exports, the audit log, the OpenAPI document), and a search by the
    // person's document number and name on the lists that take one.
    const reads = routes.filter((r) => r.startsWith('GET '));
    expect(reads).toContain('GET /api/v1/persons/:id/export');
    expect(reads).toContain('GET /api/v1/reintegration/cases/:id');
    const protectedPaths = routes.filter(isProtectedPath);
    expect(protectedPaths.sort()).toEqual(['POST /api/v1/persons/:id/documents/reveal', 'POST /api/v1/persons/:id/export', 'POST /api/v1/reintegration/cases/:id/export', 'POST /api/v1/reintegration/cases/:id/reveal']);
    let reachedRecord = 0;

    const check = (label: string, res: LightMyRequestResponse) => {
      expect(res.statusCode, `${role} ${label}: ${res.body.slice(0, 200)}`).toBeLessThan(500);
      expect(leaks(res.body), `${role} ${label}`).toEqual([]);
    };
    for (const key of reads) {
      const url = concrete(key.slice(4));
      const res = await s.request('GET', url);
      if (res.statusCode === 200 && (url.includes(personId) || url.includes(caseId))) reachedRecord++;
      check(key, res);
      if (!key.includes(':')) for (const q of [DOCUMENT, 'Marcadora']) check(`${key}?q=${q}`, await s.request('GET', `${url}?q=${encodeURIComponent(q)}`));
    }
    // The roles that read persons or cases did reach the fixture (so the walk is not vacuous).
    if (granted.has('persons.read')) expect(reachedRecord, role).toBeGreaterThan(0);

    // Writes that answer with the case (recording protected fields again): the answer stays masked.
    const rewrite = await s.request('PUT', `/api/v1/reintegration/cases/${caseId}/protected`, { psychosocial_notes: NOTE });
    check('PUT protected', rewrite);
    // Writes that answer with the person (a change that leaves the documents be), and the duplicate check by the
    // document's number (found through its blind index; the answer names the person, never the number).
    check('PATCH person', await s.request('PATCH', `/api/v1/persons/${personId}`, { phone: '+502 5555 0000' }));
    const duplicates = await s.request('POST', '/api/v1/persons/duplicates', { givenName: 'Otra', familyName: 'Persona', documentNumbers: [DOCUMENT.toLowerCase()] });
    check('POST duplicates', duplicates);
    if (granted.has('persons.read')) expect(duplicates.json().items.map((d: { id: string }) => d.id), role).toContain(personId);

    for (const key of protectedPaths) {
      const url = concrete(key.slice(5));
      check(`${key} without proof`, await s.request('POST', url, {}));
      check(`${key} wrong password`, await s.request('POST', url, { password: 'not the password at all' }));
      const proofs: [string, () => Promise<Record<string, string>>][] = [['password', async () => ({ password: TEST_PASSWORD })]];
      // A code for one path only: a code is good once, and a second one within 30 s would wait for the clock.
      if (s.user.mfaEnabled && key.startsWith('POST /api/v1/persons/')) proofs.push(['code', async () => ({ code: await freshTotpCode(p.ctx, s.user.email) })]);
      for (const [kind, proof] of proofs) {
        const res = await s.request('POST', url, await proof());
        expect(res.statusCode, `${role} ${key} ${kind}`).toBeLessThan(500);
        if (res.statusCode === 200 && granted.has('cases.protected')) {
          // The positive control: with both, the values are there (the document reveal shows the numbers only; the
          // person export both).
          const shown = key.endsWith('/documents/reveal') ? [DOCUMENT] : key.startsWith('POST /api/v1/persons/') ? [NOTE, DOCUMENT] : [NOTE];
          for (const value of shown) expect(res.body, `${role} ${key} ${kind}`).toContain(value);
          if (key.endsWith('/documents/reveal')) expect(res.body).not.toContain(NOTE);
        } else check(`${key} with ${kind}`, res);
      }
    }
  });
});
