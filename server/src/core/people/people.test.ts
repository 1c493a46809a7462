import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { and, eq, gt, sql } from 'drizzle-orm';
import { startTestPlatform, TEST_PASSWORD, type Session, type TestPlatform } from '../../test/platform.js';
import { auditLog } from '../audit/schema.js';
import { consents, persons } from './schema.js';

let platform: TestPlatform;
let coordinator: Session; // national_coordinator of GTM: read, write, export
let admin: Session; // the only starting role that may erase

beforeAll(async () => {
  platform = await startTestPlatform();
  coordinator = await platform.userSession('national_coordinator', ['GTM']);
  admin = await platform.userSession('admin', ['GTM']);
});
afterAll(() => platform.close());

const full = {
  given_name: 'Rigoberta',
  family_name: 'Xicará Tzul',
  birth_date: '1988-07-14',
  sex: 'female',
  nationality_iso3: 'GTM',
  phone: '+502 5555 0101',
  email: 'rigoberta.xicara@example.org',
  languages: ['es', 'quc'],
  documents: [{ kind: 'national_id', number: '2456 78901 0101', issuing_country_iso3: 'GTM' }],
  org_unit_code: 'GTM',
};

async function create(body: Record<string, unknown> = full, as: Session = coordinator) {
  const res = await as.request('POST', '/api/v1/persons', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string } & Record<string, unknown>;
}

async function lastSeq() {
  const [row] = await platform.ctx.db.select({ seq: sql<number>`coalesce(max(${auditLog.seq}), 0)::int` }).from(auditLog);
  return row!.seq;
}
const auditSince = (seq: number) => platform.ctx.db.select().from(auditLog).where(gt(auditLog.seq, seq)).orderBy(auditLog.seq);

async function rowCounts() {
  const [row] = await platform.ctx.database.rows<{ persons: number; consents: number; audit: number }>(
    sql`SELECT (SELECT count(*)::int FROM persons) AS persons, (SELECT count(*)::int FROM consents) AS consents, (SELECT count(*)::int FROM audit_log) AS audit`,
  );
  return row!;
}
const fieldsOf = (res: LightMyRequestResponse) => (res.json().error.fields as { path: string; message: string }[]);

describe('persons', () => {
  it('creates a person in scope and reads back every field', async () => {
    const created = await create();
    expect(created).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      given_name: full.given_name,
      family_name: full.family_name,
      org_unit: { code: 'GTM', name: 'Guatemala', kind: 'country' },
      created_at: expect.any(String),
      birth_date: full.birth_date,
      sex: 'female',
      nationality_iso3: 'GTM',
      phone: full.phone,
      email: full.email,
      languages: ['es', 'quc'],
      // The number is protected: withheld in every read, its last three characters as a hint.
      documents: [{ kind: 'national_id', issuing_country_iso3: 'GTM', number: null, number_hint: '•••101', withheld: true }],
      consents: [],
    });
    const read = await coordinator.request('GET', `/api/v1/persons/${created.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(created);
    // It was stored as written: a holder of cases.protected sees it after the step-up.
    const revealed = await admin.request('POST', `/api/v1/persons/${created.id}/documents/reveal`, { password: TEST_PASSWORD });
    expect(revealed.statusCode, revealed.body).toBe(200);
    expect(revealed.json()).toEqual({ documents: [{ kind: 'national_id', issuing_country_iso3: 'GTM', number: '2456 78901 0101' }] });
  });

  it('fills the optional fields with their defaults and trims names', async () => {
    const created = await create({ given_name: '  Ana ', family_name: ' López  ', org_unit_code: 'gtm' });
    expect(created).toMatchObject({ given_name: 'Ana', family_name: 'López', birth_date: null, sex: 'unknown', nationality_iso3: null, phone: null, email: null, languages: [], documents: [], org_unit: { code: 'GTM' } });
  });

  it('updates only the fields sent, and clears a field sent as null', async () => {
    const created = await create();
    const res = await coordinator.request('PATCH', `/api/v1/persons/${created.id}`, { family_name: 'Xicará', email: null, birth_date: '1988-07-15' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ...created, family_name: 'Xicará', email: null, birth_date: '1988-07-15' });
    expect((await coordinator.request('GET', `/api/v1/persons/${created.id}`)).json()).toEqual(res.json());
  });

  it('records creation and change in the audit log by field name, never by value', async () => {
    const seq = await lastSeq();
    const created = await create();
    await coordinator.request('PATCH', `/api/v1/persons/${created.id}`, { phone: '+502 5555 9999' });
    const entries = (await auditSince(seq)).filter((e) => e.action !== 'person.read');
    expect(entries.map((e) => [e.action, e.recordId, e.orgUnitCode, e.actorLabel])).toEqual([
      ['person.create', created.id, 'GTM', coordinator.user.email],
      ['person.update', created.id, 'GTM', coordinator.user.email],
    ]);
    expect(entries[0]!.changedFields).toEqual(expect.arrayContaining(['givenName', 'familyName', 'birthDate', 'email']));
    expect(entries[1]!.changedFields).toEqual(['phone']);
    const text = JSON.stringify(await platform.ctx.database.rows(sql`SELECT * FROM audit_log`));
    for (const value of [full.given_name, full.family_name, full.phone, full.email, '+502 5555 9999']) expect(text).not.toContain(value);
  });

  it('finds people by name regardless of accents and case, and treats % as a character', async () => {
    const created = await create({ ...full, given_name: 'Ñusta', family_name: 'Pérez Búcaro' });
    const search = async (q: string) => ((await coordinator.request('GET', `/api/v1/persons?q=${encodeURIComponent(q)}`)).json().items as { id: string }[]).map((p) => p.id);
    expect(await search('perez bucaro')).toContain(created.id);
    expect(await search('NUSTA')).toContain(created.id);
    expect(await search('%')).toEqual([]);
    expect(await search('nobody by this name')).toEqual([]);
  });

  it('finds people by document number through the blind index, written any way, and answers with names only', async () => {
    const created = await create({ ...full, given_name: 'Documentada', documents: [{ kind: 'passport', number: 'QK-5512-907' }] });
    const res = await coordinator.request('GET', `/api/v1/persons?q=${encodeURIComponent('qk 5512907')}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((p: { id: string }) => p.id)).toEqual([created.id]);
    expect(res.body).not.toContain('5512');
    const elsewhere = await platform.userSession('national_coordinator', ['HND']);
    expect((await elsewhere.request('GET', '/api/v1/persons?q=QK5512907')).json().items).toEqual([]);
  });
});

describe('consents', () => {
  it('records a consent, shows it with the person, and withdraws it', async () => {
    const person = await create();
    const given = await coordinator.request('POST', `/api/v1/persons/${person.id}/consents`, { purpose: 'sharing', partner: 'Consulado de Guatemala', scope: 'Datos de contacto', channel: 'in_person' });
    expect(given.statusCode).toBe(201);
    const consent = given.json() as { id: string; given_at: string };
    expect(consent).toEqual({ id: expect.any(String), purpose: 'sharing', partner: 'Consulado de Guatemala', scope: 'Datos de contacto', channel: 'in_person', given_at: expect.any(String), withdrawn_at: null });
    expect((await coordinator.request('GET', `/api/v1/persons/${person.id}`)).json().consents).toEqual([consent]);

    const withdrawn = await coordinator.request('POST', `/api/v1/persons/${person.id}/consents/${consent.id}/withdraw`);
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json()).toEqual({ ...consent, withdrawn_at: expect.any(String) });
    expect(Date.parse(withdrawn.json().withdrawn_at)).toBeGreaterThanOrEqual(Date.parse(consent.given_at));
    expect((await coordinator.request('GET', `/api/v1/persons/${person.id}`)).json().consents).toEqual([withdrawn.json()]);
  });

  it('keeps the time of the first withdrawal when a consent is withdrawn again', async () => {
    const person = await create();
    const consent = (await coordinator.request('POST', `/api/v1/persons/${person.id}/consents`, { purpose: 'follow_up', scope: 's', channel: 'phone' })).json() as { id: string };
    const url = `/api/v1/persons/${person.id}/consents/${consent.id}/withdraw`;
    await coordinator.request('POST', url);
    // Move the first withdrawal into the past instead of waiting: a second withdrawal must not overwrite it.
    const first = new Date(Date.now() - 3_600_000);
    await platform.ctx.db.update(consents).set({ withdrawnAt: first }).where(eq(consents.id, consent.id));
    const again = await coordinator.request('POST', url);
    expect(again.statusCode).toBe(200);
    expect(again.json().withdrawn_at).toBe(first.toISOString());
  });

  it('answers 404 for a consent that does not exist, and 400 for an unknown channel', async () => {
    const person = await create();
    expect((await coordinator.request('POST', `/api/v1/persons/${person.id}/consents/${randomUUID()}/withdraw`)).statusCode).toBe(404);
    const bad = await coordinator.request('POST', `/api/v1/persons/${person.id}/consents`, { purpose: 'follow_up', scope: 's', channel: 'carrier_pigeon' });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad).map((f) => f.path)).toEqual(['channel']);
  });
});

describe('export and erasure', () => {
  it('exports everything held about the person, consents included, as an attachment', async () => {
    const person = await create();
    const consent = (await coordinator.request('POST', `/api/v1/persons/${person.id}/consents`, { purpose: 'follow_up', scope: 's', channel: 'online' })).json() as { id: string };
    const seq = await lastSeq();
    const res = await coordinator.request('GET', `/api/v1/persons/${person.id}/export`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="person-${person.id}.json"`);
    const body = res.json() as { exported_at: string; person_id: string; data: { people: { person: Record<string, unknown>; consents: { id: string }[] } } };
    expect(body.person_id).toBe(person.id);
    expect(body.data.people.person).toMatchObject({ id: person.id, given_name: full.given_name, family_name: full.family_name, email: full.email, phone: full.phone, birth_date: full.birth_date });
    expect(body.data.people.consents.map((c) => c.id)).toEqual([consent.id]);
    expect((await auditSince(seq)).map((e) => [e.action, e.recordId, e.actorLabel])).toEqual([['person.export', person.id, coordinator.user.email]]);
  });

  it('erases the person and their consents, and keeps only the id in the audit log', async () => {
    const person = await create({ ...full, given_name: 'Erasable', family_name: 'Person Zzyzx', email: 'erasable.zzyzx@example.org', phone: '+502 0000 7777' });
    await coordinator.request('POST', `/api/v1/persons/${person.id}/consents`, { purpose: 'follow_up', scope: 's', channel: 'paper_form' });
    const seq = await lastSeq();

    const res = await admin.request('DELETE', `/api/v1/persons/${person.id}`);
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    expect(await platform.ctx.db.select().from(persons).where(eq(persons.id, person.id))).toEqual([]);
    expect(await platform.ctx.db.select().from(consents).where(eq(consents.personId, person.id))).toEqual([]);

    const entries = await auditSince(seq);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'person.erase', recordType: 'person', recordId: person.id, actorLabel: admin.user.email, changedFields: [] });
    const text = JSON.stringify(await platform.ctx.database.rows(sql`SELECT * FROM audit_log`));
    for (const value of ['Erasable', 'Zzyzx', 'erasable.zzyzx@example.org', '+502 0000 7777']) expect(text).not.toContain(value);

    for (const [method, url] of [['GET', ''], ['GET', '/export'], ['PATCH', ''], ['DELETE', '']] as const) {
      const again = await admin.request(method, `/api/v1/persons/${person.id}${url}`, method === 'PATCH' ? { given_name: 'Back' } : undefined);
      expect(again.statusCode, `${method} ${url}`).toBe(404);
    }
  });
});

describe('reads are audited', () => {
  it('records person.read with the actor and the org unit for GET /persons/:id', async () => {
    const person = await create();
    const seq = await lastSeq();
    expect((await coordinator.request('GET', `/api/v1/persons/${person.id}`)).statusCode).toBe(200);
    const entries = await auditSince(seq);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'person.read',
      recordType: 'person',
      recordId: person.id,
      orgUnitCode: 'GTM',
      actorId: coordinator.user.id,
      actorLabel: coordinator.user.email,
    });
    expect(entries[0]!.requestId).toEqual(expect.any(String));
  });

  it('records person.list with the actor for GET /persons', async () => {
    const seq = await lastSeq();
    expect((await coordinator.request('GET', '/api/v1/persons?q=Rigoberta')).statusCode).toBe(200);
    const entries = await auditSince(seq);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'person.list', recordType: 'person', actorId: coordinator.user.id, actorLabel: coordinator.user.email });
  });

  it('does not record a read that was refused', async () => {
    const other = await platform.userSession('national_coordinator', ['HND']);
    const person = await create();
    const seq = await lastSeq();
    expect((await other.request('GET', `/api/v1/persons/${person.id}`)).statusCode).toBe(404);
    expect(await platform.ctx.db.select().from(auditLog).where(and(gt(auditLog.seq, seq), eq(auditLog.action, 'person.read')))).toEqual([]);
  });

  it('keeps the audit chain intact after all of this', async () => {
    const res = await admin.request('GET', '/api/v1/audit/verify');
    expect(res.json()).toMatchObject({ ok: true, first_broken_seq: null });
  });
});

describe('validation', () => {
  const invalid: [string, Record<string, unknown>, string, string][] = [
    ['a date that does not exist', { birth_date: '1990-02-30' }, 'birth_date', 'Escriba una fecha válida (AAAA-MM-DD).'],
    ['a date in another format', { birth_date: '14/07/1988' }, 'birth_date', 'Escriba una fecha válida (AAAA-MM-DD).'],
    ['year zero, which the database cannot store', { birth_date: '0000-01-01' }, 'birth_date', 'Valor no válido.'],
    ['a birth date in the future', { birth_date: '2999-01-01' }, 'birth_date', 'Valor no válido.'],
    ['an e-mail without a domain', { email: 'rigoberta@' }, 'email', 'Escriba un correo electrónico válido, como nombre@ejemplo.org.'],
    ['an unknown org unit', { org_unit_code: 'ZZZ99' }, 'org_unit_code', 'La unidad territorial «ZZZ99» no existe.'],
    ['a lowercase nationality', { nationality_iso3: 'gtm' }, 'nationality_iso3', 'El formato no es válido.'],
    ['a document number of separators only', { documents: [{ kind: 'passport', number: '- -' }] }, 'documents.0.number', 'Escriba el número del documento (letras y dígitos).'],
    [
      'the same document twice',
      { documents: [{ kind: 'passport', number: 'P-1234' }, { kind: 'passport', number: 'p 1234' }] },
      'documents.1.number',
      'Este documento ya está en la línea 1.',
    ],
  ];

  it.each(invalid)('refuses %s on that field and writes nothing', async (_label, change, path, message) => {
    const before = await rowCounts();
    const res = await coordinator.request('POST', '/api/v1/persons', { ...full, ...change });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect(fieldsOf(res)).toEqual([{ path, message }]);
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses the same on update and leaves the person as it was', async () => {
    const person = await create();
    for (const [, change, path] of invalid) {
      const res = await coordinator.request('PATCH', `/api/v1/persons/${person.id}`, { ...change, given_name: 'Changed' });
      expect(res.statusCode, JSON.stringify(change)).toBe(400);
      expect(fieldsOf(res).map((f) => f.path)).toEqual([path]);
    }
    expect((await coordinator.request('GET', `/api/v1/persons/${person.id}`)).json()).toEqual(person);
  });

  it('accepts 29 February of a leap year', async () => {
    expect((await create({ ...full, birth_date: '2004-02-29' })).birth_date).toBe('2004-02-29');
  });
});

describe('possible duplicates and merging', () => {
  const probe = (body: Record<string, unknown>, as: Session = coordinator) => as.request('POST', '/api/v1/persons/duplicates', body);

  it('finds a similar name with the same birth date, or the same document, only within the view scope', async () => {
    const existing = await create({ ...full, given_name: 'Josefina', family_name: 'Ajú Tecún', birth_date: '1979-03-02', documents: [{ kind: 'passport', number: 'G-0099123' }] });
    const byName = await probe({ given_name: 'Josefina', family_name: 'Aju Tecun', birth_date: '1979-03-02' });
    expect(byName.statusCode, byName.body).toBe(200);
    expect(byName.json().items).toEqual([expect.objectContaining({ id: existing.id, reasons: ['name_and_birth_date'], org_unit: expect.objectContaining({ code: 'GTM' }) })]);

    const otherBirth = await probe({ given_name: 'Josefina', family_name: 'Ajú Tecún', birth_date: '1979-03-03' });
    expect(otherBirth.json().items.map((i: { id: string }) => i.id)).not.toContain(existing.id);

    const byDocument = await probe({ given_name: 'María José', family_name: 'Tecún', document_numbers: ['g0099123'] });
    expect(byDocument.json().items).toEqual([expect.objectContaining({ id: existing.id, reasons: ['document'] })]);

    expect((await probe({ given_name: 'Josefina', family_name: 'Ajú Tecún', birth_date: '1979-03-02', exclude_id: existing.id })).json().items).toEqual([]);
    const elsewhere = await platform.userSession('national_coordinator', ['HND']);
    expect((await probe({ given_name: 'Josefina', family_name: 'Ajú Tecún', birth_date: '1979-03-02' }, elsewhere)).json().items).toEqual([]);
  });

  it('merges a duplicate into the record that stays, moving consents and documents, all audited', async () => {
    const kept = await create({ given_name: 'Marvin', family_name: 'Chávez', birth_date: '1990-01-01', org_unit_code: 'GTM', documents: [{ kind: 'passport', number: 'X1' }] });
    const twin = await create({ given_name: 'Marvin', family_name: 'Chavez', birth_date: '1990-01-01', phone: '+502 1111 2222', languages: ['en'], org_unit_code: 'GTM', documents: [{ kind: 'passport', number: 'x-1' }, { kind: 'consular_id', number: 'MC-7' }] });
    await coordinator.request('POST', `/api/v1/persons/${twin.id}/consents`, { purpose: 'statistics', scope: 'Encuesta', channel: 'online' });

    const caseWorker = await platform.userSession('case_worker', ['GTM']);
    expect((await caseWorker.request('POST', `/api/v1/persons/${kept.id}/merge`, { duplicate_id: twin.id })).statusCode).toBe(403);
    expect((await admin.request('POST', `/api/v1/persons/${kept.id}/merge`, { duplicate_id: kept.id })).statusCode).toBe(400);
    const seq = await lastSeq();
    const res = await admin.request('POST', `/api/v1/persons/${kept.id}/merge`, { duplicate_id: twin.id });
    expect(res.statusCode, res.body).toBe(200);
    const merged = res.json();
    expect(merged).toMatchObject({ id: kept.id, family_name: 'Chávez', phone: '+502 1111 2222', languages: ['en'] });
    expect(merged.documents.map((d: { number: unknown }) => d.number)).toEqual([null, null]);
    const revealed = await admin.request('POST', `/api/v1/persons/${kept.id}/documents/reveal`, { password: TEST_PASSWORD });
    expect(revealed.statusCode, revealed.body).toBe(200);
    expect(revealed.json().documents.map((d: { number: string }) => d.number).sort()).toEqual(['MC-7', 'X1']);
    expect(merged.consents).toEqual([expect.objectContaining({ purpose: 'statistics' })]);
    expect((await admin.request('GET', `/api/v1/persons/${twin.id}`)).statusCode).toBe(404);
    const actions = (await auditSince(seq)).map((e) => [e.action, e.recordId]);
    expect(actions.slice(0, 2)).toEqual([
      ['person.merge', kept.id],
      ['person.merged_into', twin.id],
    ]);
  });

  it('refuses a merge across scopes with 404 and changes nothing', async () => {
    const here = await create({ given_name: 'Ana', family_name: 'Pérez', org_unit_code: 'GTM' });
    const hondurasAdmin = await platform.userSession('admin', ['HND']);
    const there = (await hondurasAdmin.request('POST', '/api/v1/persons', { given_name: 'Ana', family_name: 'Perez', org_unit_code: 'HND' })).json() as { id: string };
    const before = await rowCounts();
    expect((await admin.request('POST', `/api/v1/persons/${here.id}/merge`, { duplicate_id: there.id })).statusCode).toBe(404);
    expect(await rowCounts()).toEqual(before);
  });
});

describe('consent purposes', () => {
  it('names the partner for sharing and only for sharing', async () => {
    const person = await create();
    const missing = await coordinator.request('POST', `/api/v1/persons/${person.id}/consents`, { purpose: 'sharing', scope: 'Datos', channel: 'phone' });
    expect(missing.statusCode).toBe(400);
    expect(fieldsOf(missing)).toEqual([{ path: 'partner', message: 'Para compartir datos, escriba el nombre de la organización con la que se comparten.' }]);
    const extra = await coordinator.request('POST', `/api/v1/persons/${person.id}/consents`, { purpose: 'statistics', partner: 'INE', scope: 'Datos', channel: 'phone' });
    expect(fieldsOf(extra).map((f) => f.path)).toEqual(['partner']);
    const unknown = await coordinator.request('POST', `/api/v1/persons/${person.id}/consents`, { purpose: 'marketing', scope: 'Datos', channel: 'phone' });
    expect(fieldsOf(unknown).map((f) => f.path)).toEqual(['purpose']);
    const future = await coordinator.request('POST', `/api/v1/persons/${person.id}/consents`, { purpose: 'follow_up', scope: 'Datos', channel: 'phone', given_at: '2999-01-01T00:00:00Z' });
    expect(fieldsOf(future).map((f) => f.path)).toEqual(['given_at']);
    expect((await coordinator.request('GET', `/api/v1/persons/${person.id}`)).json().consents).toEqual([]);

    const earlier = await coordinator.request('POST', `/api/v1/persons/${person.id}/consents`, { purpose: 'follow_up', scope: 'Formulario firmado', channel: 'paper_form', given_at: '2026-01-15T10:00:00-06:00' });
    expect(earlier.statusCode, earlier.body).toBe(201);
    expect(earlier.json()).toMatchObject({ purpose: 'follow_up', partner: null, given_at: '2026-01-15T16:00:00.000Z' });
  });
});

describe('the document reveal', () => {
  it('shows the numbers to a holder of cases.protected after the step-up, in scope only, audited', async () => {
    const person = await create({ ...full, documents: [{ kind: 'passport', number: 'P-77' }, { kind: 'national_id', number: '2456 78901 0101', issuing_country_iso3: 'GTM' }] });
    // A short number has no hint: three characters of five would say too much.
    expect(person.documents).toEqual([
      { kind: 'national_id', issuing_country_iso3: 'GTM', number: null, number_hint: '•••101', withheld: true },
      { kind: 'passport', issuing_country_iso3: null, number: null, number_hint: null, withheld: true },
    ]);
    const url = `/api/v1/persons/${person.id}/documents/reveal`;
    // Without cases.protected: refused whatever the proof.
    expect((await coordinator.request('POST', url, { password: TEST_PASSWORD })).statusCode).toBe(403);
    // Without the proof, or with a wrong one: nothing shown.
    const none = await admin.request('POST', url, {});
    expect(none.statusCode).toBe(400);
    const wrong = await admin.request('POST', url, { password: 'not the password at all' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).not.toContain('78901');
    // Outside the view scope: 404, as the person read.
    const elsewhere = await platform.userSession('case_supervisor', ['HND']);
    expect((await elsewhere.request('POST', url, { password: TEST_PASSWORD })).statusCode).toBe(404);

    const seq = await lastSeq();
    const res = await admin.request('POST', url, { password: TEST_PASSWORD });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      documents: [
        { kind: 'national_id', issuing_country_iso3: 'GTM', number: '2456 78901 0101' },
        { kind: 'passport', issuing_country_iso3: null, number: 'P-77' },
      ],
    });
    const entries = await auditSince(seq);
    expect(entries.map((e) => [e.action, e.recordId, e.changedFields])).toEqual([['person.protected_reveal', person.id, ['documents.number']]]);
    expect(JSON.stringify(entries)).not.toContain('78901');
  });

  it('withholds the numbers in the plain export and includes them in the export with the step-up', async () => {
    const person = await create();
    const plain = await admin.request('GET', `/api/v1/persons/${person.id}/export`);
    expect(plain.statusCode).toBe(200);
    expect(plain.body).not.toContain('78901');
    expect(plain.json().data.people.documents).toEqual([expect.objectContaining({ kind: 'national_id', number: null, number_hint: '•••101', withheld: true })]);
    const stepped = await admin.request('POST', `/api/v1/persons/${person.id}/export`, { password: TEST_PASSWORD });
    expect(stepped.statusCode, stepped.body).toBe(200);
    expect(stepped.json().data.people.documents).toEqual([expect.objectContaining({ kind: 'national_id', number: '2456 78901 0101' })]);
  });
});
