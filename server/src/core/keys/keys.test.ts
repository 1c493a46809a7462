import { hkdfSync, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, TEST_PASSWORD, type Session, type TestPlatform } from '../../test/platform.js';
import { TEST_SECRET } from '../../test/engine.js';
import { KeyError, SecretBox, blindIndex, keyEncryptionKey, newDataKey, openField, sealField, sealedKeyId, unwrapDataKey, wrapDataKey } from '../crypto.js';
import { SYSTEM, type AppContext } from '../context.js';
import { Keyring } from './keyring.js';
import { rotateKeys, sealClearValues } from './sealed.js';
import { changeSecret } from './secret.js';

describe('sealed values (pure)', () => {
  const dek = newDataKey();
  const keyId = randomUUID();
  const place = { table: 'rn_case_protected', column: 'psychosocial_notes', rowId: randomUUID() };

  it('opens what it sealed, in the versioned shape that names the key', () => {
    const sealed = sealField(dek, keyId, place, 'nota reservada ñ');
    expect(sealed).toMatch(new RegExp(`^v1\\.${keyId}\\.[A-Za-z0-9_-]{16}\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]+$`));
    expect(sealedKeyId(sealed)).toBe(keyId);
    expect(openField(dek, place, sealed)).toBe('nota reservada ñ');
    // Two seals of one value differ (a random IV each time).
    expect(sealField(dek, keyId, place, 'x')).not.toBe(sealField(dek, keyId, place, 'x'));
    expect(openField(dek, place, sealField(dek, keyId, place, ''))).toBe('');
  });

  it('does not open a value moved to another row or column, altered, or under another key', () => {
    const sealed = sealField(dek, keyId, place, 'true');
    expect(() => openField(dek, { ...place, rowId: randomUUID() }, sealed)).toThrow(KeyError);
    expect(() => openField(dek, { ...place, column: 'violence_indication' }, sealed)).toThrow(KeyError);
    expect(() => openField(newDataKey(), place, sealed)).toThrow(KeyError);
    const body = sealed.split('.');
    body[4] = body[4]!.startsWith('A') ? 'B' + body[4]!.slice(1) : 'A' + body[4]!.slice(1);
    expect(() => openField(dek, place, body.join('.'))).toThrow(KeyError);
  });

  it('tells sealed values from clear text by their exact shape only', () => {
    for (const clear of ['', 'v1.', 'true', 'v1.not-a-key.a.b.c', `v1.${keyId}.short.tag.body`, 'A-123 456']) expect(sealedKeyId(clear), clear).toBeNull();
  });

  it('wraps data keys under a KEK derived from the secret; another secret does not unwrap them', () => {
    const kek = keyEncryptionKey(TEST_SECRET);
    const wrapped = wrapDataKey(kek, keyId, 'protected_value', dek);
    expect(unwrapDataKey(kek, keyId, 'protected_value', wrapped).equals(dek)).toBe(true);
    expect(() => unwrapDataKey(keyEncryptionKey('another-secret-another-secret-0123'), keyId, 'protected_value', wrapped)).toThrow(KeyError);
    // Bound to its id and purpose too: a wrapped key copied onto another row does not unwrap.
    expect(() => unwrapDataKey(kek, randomUUID(), 'protected_value', wrapped)).toThrow(KeyError);
    expect(() => unwrapDataKey(kek, keyId, 'document_index', wrapped)).toThrow(KeyError);
    // The KEK is not the TOTP box's key: its own HKDF label.
    expect(kek.equals(Buffer.from(hkdfSync('sha256', TEST_SECRET, 'mide', 'secret-box-v1', 32)))).toBe(false);
  });

  it('indexes equal normalised values equally, and differently under another key', () => {
    const k = newDataKey();
    expect(blindIndex(k, 'A123456')).toBe(blindIndex(k, 'A123456'));
    expect(blindIndex(k, 'A123456')).toMatch(/^[0-9a-f]{64}$/);
    expect(blindIndex(k, 'A123456')).not.toBe(blindIndex(k, 'A123457'));
    expect(blindIndex(newDataKey(), 'A123456')).not.toBe(blindIndex(k, 'A123456'));
  });
});

const NOTE = 'nota psicosocial de la rotación';
const DOCUMENT = 'HN-0801-1990-55555';

let p: TestPlatform;
let worker: Session;
let supervisor: Session;
let personId: string;
let caseId: string;

async function protectedValues() {
  return p.ctx.database.rows<{ case_id: string; psychosocial_notes: string; trafficking_indication: string; violence_indication: string | null }>(sql`SELECT * FROM rn_case_protected ORDER BY case_id`);
}
const activeKeys = () => p.ctx.database.rows<{ id: string; purpose: string }>(sql`SELECT id::text AS id, purpose FROM crypto_keys WHERE retired_at IS NULL ORDER BY purpose`);
const reveal = (id = caseId) => supervisor.request('POST', `/api/v1/reintegration/cases/${id}/reveal`, { password: TEST_PASSWORD });
/** The numbers as a holder of cases.protected sees them after the step-up (every read withholds them). */
const documentOf = async (id = personId) => {
  const res = await supervisor.request('POST', `/api/v1/persons/${id}/documents/reveal`, { password: TEST_PASSWORD });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { documents: { number: string }[] }).documents.map((d) => d.number);
};

async function newCase(s: Session, givenName: string, document: string) {
  const person = await s.request('POST', '/api/v1/persons', { givenName, familyName: 'Rotación', orgUnitCode: 'HND', documents: [{ kind: 'national_id', number: document }] });
  expect(person.statusCode, person.body).toBe(201);
  const opened = await s.request('POST', '/api/v1/reintegration/cases', {
    person_id: person.json().id,
    org_unit: 'HND',
    arrival_date: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10),
    returned_from_iso3: 'MEX',
    return_how: 'forced',
    household_size: 1,
    immediate_needs: [],
  });
  expect(opened.statusCode, opened.body).toBe(201);
  return { personId: person.json().id as string, caseId: opened.json().id as string };
}

beforeAll(async () => {
  p = await startTestPlatform();
  worker = await p.userSession('case_worker', ['HND']);
  supervisor = await p.userSession('case_supervisor', ['HND']);
  ({ personId, caseId } = await newCase(worker, 'Rosa', DOCUMENT));
  const recorded = await worker.request('PUT', `/api/v1/reintegration/cases/${caseId}/protected`, { psychosocial_notes: NOTE, trafficking_indication: false });
  expect(recorded.statusCode, recorded.body).toBe(200);
});
afterAll(() => p.close());

describe('mide keys rotate', () => {
  it('encrypts every protected value again under new keys, retires the old ones, and everything still reads back', async () => {
    const before = await protectedValues();
    const oldKeys = await activeKeys();
    expect(oldKeys.map((k) => k.purpose)).toEqual(['document_index', 'protected_value']);
    const [docBefore] = await p.ctx.database.rows<{ number: string; number_key: string }>(sql`SELECT number, number_key FROM person_documents WHERE person_id = ${personId}`);

    const result = await rotateKeys(p.ctx, SYSTEM, p.ctx.modules.sealedTables());
    expect(result.retired.sort()).toEqual(oldKeys.map((k) => k.id).sort());
    expect(result.values).toBeGreaterThanOrEqual(3); // the note, the indication, the document number
    const newKeys = await activeKeys();
    expect(newKeys.map((k) => k.id).sort()).toEqual([...result.created].sort());
    expect(newKeys.some((k) => oldKeys.some((o) => o.id === k.id))).toBe(false);

    const after = await protectedValues();
    const valueKey = newKeys.find((k) => k.purpose === 'protected_value')!.id;
    const mine = after.find((r) => r.case_id === caseId)!;
    expect(sealedKeyId(mine.psychosocial_notes)).toBe(valueKey);
    expect(sealedKeyId(mine.trafficking_indication)).toBe(valueKey);
    expect(mine.violence_indication).toBeNull();
    expect(mine.psychosocial_notes).not.toBe(before.find((r) => r.case_id === caseId)!.psychosocial_notes);
    const [docAfter] = await p.ctx.database.rows<{ number: string; number_key: string }>(sql`SELECT number, number_key FROM person_documents WHERE person_id = ${personId}`);
    expect(sealedKeyId(docAfter!.number)).toBe(valueKey);
    expect(docAfter!.number_key).not.toBe(docBefore!.number_key);

    // Read back through the API: the reveal, the person, and the two document look-ups (duplicates, caseload).
    expect((await reveal()).json()).toMatchObject({ psychosocial_notes: NOTE, trafficking_indication: false, violence_indication: null });
    expect(await documentOf()).toEqual([DOCUMENT]);
    const duplicates = await worker.request('POST', '/api/v1/persons/duplicates', { givenName: 'Otra', familyName: 'Persona', documentNumbers: ['hn 0801 1990 55555'] });
    expect((duplicates.json().items as { id: string; reasons: string[] }[]).map((d) => [d.id, d.reasons])).toEqual([[personId, ['document']]]);
    const caseload = await worker.request('GET', `/api/v1/reintegration/cases?q=${encodeURIComponent('HN0801199055555')}`);
    expect((caseload.json().items as { id: string }[]).map((c) => c.id)).toEqual([caseId]);

    // Audited as the system, naming keys and counts, never values.
    const [entry] = await p.ctx.database.rows<{ actor_id: string | null; changed_fields: string[] }>(sql`SELECT actor_id, changed_fields FROM audit_log WHERE action = 'keys.rotate' ORDER BY seq DESC LIMIT 1`);
    expect(entry!.actor_id).toBeNull();
    expect(entry!.changed_fields).toContain(`values:${result.values}`);
    expect(JSON.stringify(entry)).not.toContain(NOTE);
  });

  it('is all or nothing: a value that does not open stops the rotation and leaves every key and value as it was', async () => {
    const other = await newCase(worker, 'Marta', 'HN-0801-1991-66666');
    // A sealed note copied into another case's row: bound to its own case, it does not open there.
    await p.ctx.database.rows(sql`INSERT INTO rn_case_protected (case_id, psychosocial_notes) SELECT ${other.caseId}::uuid, psychosocial_notes FROM rn_case_protected WHERE case_id = ${caseId}::uuid`);
    const keys = await activeKeys();
    const values = await protectedValues();
    await expect(rotateKeys(p.ctx, SYSTEM, p.ctx.modules.sealedTables())).rejects.toThrow(KeyError);
    expect(await activeKeys()).toEqual(keys);
    expect(await protectedValues()).toEqual(values);
    // The copied value fails loudly where it is read (500), never shown as empty; the original still opens.
    supervisor = await p.userSession('case_supervisor', ['HND']);
    expect((await reveal(other.caseId)).statusCode).toBe(500);
    expect((await reveal()).json().psychosocial_notes).toBe(NOTE);
    await p.ctx.database.rows(sql`DELETE FROM rn_case_protected WHERE case_id = ${other.caseId}::uuid`);
  });

  it('still opens a value under a retired key, and fails loudly once that key is gone', async () => {
    const [row] = await protectedValues();
    const [retired] = await p.ctx.database.rows<{ id: string }>(sql`SELECT id::text AS id FROM crypto_keys WHERE purpose = 'protected_value' AND retired_at IS NOT NULL LIMIT 1`);
    const dek = await p.ctx.keyring.byId(p.ctx.db, retired!.id);
    const underRetired = sealField(dek, retired!.id, { table: 'rn_case_protected', column: 'psychosocial_notes', rowId: row!.case_id }, 'bajo la llave retirada');
    await p.ctx.database.rows(sql`UPDATE rn_case_protected SET psychosocial_notes = ${underRetired} WHERE case_id = ${row!.case_id}::uuid`);
    expect((await reveal(row!.case_id)).json().psychosocial_notes).toBe('bajo la llave retirada');

    // The key removed from the table (and from a server that never read it): the value cannot be read, loudly.
    await p.ctx.database.rows(sql`DELETE FROM crypto_keys WHERE id = ${retired!.id}::uuid`);
    p.ctx.keyring.forget();
    expect((await reveal(row!.case_id)).statusCode).toBe(500);
    await expect(new Keyring(TEST_SECRET).open(p.ctx.db, { table: 'rn_case_protected', column: 'psychosocial_notes', rowId: row!.case_id }, underRetired)).rejects.toThrow(/not in crypto_keys/);
    await expect(rotateKeys(p.ctx, SYSTEM, p.ctx.modules.sealedTables())).rejects.toThrow(KeyError);
    // Put right for the tests below: the value recorded again.
    await worker.request('PUT', `/api/v1/reintegration/cases/${row!.case_id}/protected`, { psychosocial_notes: NOTE });
  });

  it('--new-secret: wraps the keys and second-factor seeds again under a new MIDE_SECRET; the old secret then opens nothing', async () => {
    const admin = await p.userSession('admin', ['HND']);
    const NEW_SECRET = 'the-new-secret-of-this-office-0123456789abcdef';
    const renewed: AppContext = { ...p.ctx, keyring: new Keyring(NEW_SECRET), secretBox: new SecretBox(NEW_SECRET) };
    // Before the change, the new secret opens nothing.
    await expect(renewed.keyring.open(p.ctx.db, { table: 'rn_case_protected', column: 'psychosocial_notes', rowId: caseId }, (await protectedValues()).find((r) => r.case_id === caseId)!.psychosocial_notes)).rejects.toThrow(KeyError);
    await expect(changeSecret(renewed, SYSTEM, 'not-the-previous-secret-0123456789')).rejects.toThrow(KeyError);

    const changed = await changeSecret(renewed, SYSTEM, TEST_SECRET);
    expect(changed.keys).toBe((await p.ctx.database.rows(sql`SELECT 1 FROM crypto_keys`)).length);
    expect(changed.seeds).toBeGreaterThanOrEqual(1);
    const mine = (await protectedValues()).find((r) => r.case_id === caseId)!;
    expect(await renewed.keyring.open(p.ctx.db, { table: 'rn_case_protected', column: 'psychosocial_notes', rowId: caseId }, mine.psychosocial_notes)).toBe(NOTE);
    const [seed] = await p.ctx.database.rows<{ s: string }>(sql`SELECT totp_secret_sealed AS s FROM users WHERE id = ${admin.user.id}::uuid`);
    expect(renewed.secretBox.open(seed!.s)).toMatch(/^[A-Z2-7]+=*$/);
    await expect(new Keyring(TEST_SECRET).open(p.ctx.db, { table: 'rn_case_protected', column: 'psychosocial_notes', rowId: caseId }, mine.psychosocial_notes)).rejects.toThrow(/does not open with this MIDE_SECRET/);
    // And back, for the next test.
    await changeSecret(p.ctx, SYSTEM, NEW_SECRET);
    p.ctx.keyring.forget();
  });
});

describe('clear values written before migration 0017', () => {
  it('are sealed at start (idempotent), with blind indexes, and read back', async () => {
    const old = await newCase(worker, 'Antigua', 'HN-0000-1980-11111');
    const [doc] = await p.ctx.database.rows<{ id: string }>(sql`SELECT id::text AS id FROM person_documents WHERE person_id = ${old.personId}::uuid`);
    // As a database migrated from 0015 holds them: the number and its key in clear, the indications as text.
    await p.ctx.database.rows(sql`UPDATE person_documents SET number = 'HN-0000-1980-11111', number_key = 'HN0000198011111' WHERE id = ${doc!.id}::uuid`);
    await p.ctx.database.rows(sql`INSERT INTO rn_case_protected (case_id, psychosocial_notes, trafficking_indication, violence_indication) VALUES (${old.caseId}::uuid, 'nota antigua en claro', 'true', NULL)`);

    const sealed = await sealClearValues(p.ctx, p.ctx.modules.sealedTables());
    expect(sealed).toBe(2);
    expect(await sealClearValues(p.ctx, p.ctx.modules.sealedTables())).toBe(0);
    const [row] = await p.ctx.database.rows<Record<string, string | null>>(sql`SELECT * FROM rn_case_protected WHERE case_id = ${old.caseId}::uuid`);
    expect(sealedKeyId(row!.psychosocial_notes!)).not.toBeNull();
    expect(sealedKeyId(row!.trafficking_indication!)).not.toBeNull();
    expect(row!.violence_indication).toBeNull();
    const [stored] = await p.ctx.database.rows<{ number: string; number_key: string }>(sql`SELECT number, number_key FROM person_documents WHERE id = ${doc!.id}::uuid`);
    expect(stored!.number).not.toContain('1980');
    expect(stored!.number_key).toMatch(/^[0-9a-f]{64}$/);

    expect((await reveal(old.caseId)).json()).toMatchObject({ psychosocial_notes: 'nota antigua en claro', trafficking_indication: true, violence_indication: null });
    expect(await documentOf(old.personId)).toEqual(['HN-0000-1980-11111']);
    const caseload = await worker.request('GET', `/api/v1/reintegration/cases?q=${encodeURIComponent('hn 0000 1980 11111')}`);
    expect((caseload.json().items as { id: string }[]).map((c) => c.id)).toEqual([old.caseId]);
  });
});

// The blind index key is its own (not the value key): equal numbers in two offices match, nothing else does.
describe('blind index', () => {
  it('is the same for the same document typed differently, and keyed (not a plain hash)', async () => {
    const a = await p.ctx.keyring.index(p.ctx.db, 'A123456');
    expect(a).toBe(await p.ctx.keyring.index(p.ctx.db, 'A123456'));
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    const { createHash } = await import('node:crypto');
    expect(a).not.toBe(createHash('sha256').update('A123456').digest('hex'));
  });
});
