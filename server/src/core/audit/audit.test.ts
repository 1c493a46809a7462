import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import { canonicalHead, checkLinks, checkSeals, entryHash, GENESIS_HASH, sealText, storableText, type AuditContent, type ChainLink, type SealLink } from './chain.js';
import { appendAudit, currentAnchor, recordAudit, verifyAuditChain } from './store.js';
import { auditLog, auditSeals } from './schema.js';
import { sealAll } from '../../test/engine.js';
import { startTestPlatform, TEST_PASSWORD, type Session, type TestPlatform } from '../../test/platform.js';
import { setPassword } from '../access/users.js';
import { CLI_META, SYSTEM } from '../context.js';
import { AuditKey, totpFor } from '../crypto.js';

// ---------------------------------------------------------------------------------------------
// Pure: the hash and the walk along the chain
// ---------------------------------------------------------------------------------------------

const content: AuditContent = {
  at: new Date('2026-01-02T03:04:05.678Z'),
  actorId: '11111111-1111-4111-8111-111111111111',
  actorLabel: 'ana@example.org',
  action: 'person.update',
  recordType: 'person',
  recordId: '22222222-2222-4222-8222-222222222222',
  orgUnitCode: 'GTM',
  ip: '10.0.0.1',
  requestId: 'req-1',
  changedFields: ['givenName', 'phone'],
};

/** A valid chain of `n` links with seq 1..n. */
function chain(n: number): ChainLink[] {
  const links: ChainLink[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const c: AuditContent = { ...content, at: new Date(content.at.getTime() + seq * 1000), recordId: `r${seq}` };
    const hash = entryHash(c, prev);
    links.push({ ...c, seq, prevHash: prev, hash });
    prev = hash;
  }
  return links;
}

describe('entryHash', () => {
  it('is deterministic: the same content and previous hash give the same hex SHA-256', () => {
    const a = entryHash(content, GENESIS_HASH);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(entryHash({ ...content, at: new Date(content.at), changedFields: [...content.changedFields] }, GENESIS_HASH)).toBe(a);
  });

  const changes: [string, Partial<AuditContent>][] = [
    ['at', { at: new Date(content.at.getTime() + 1) }],
    ['actorId', { actorId: null }],
    ['actorLabel', { actorLabel: 'beto@example.org' }],
    ['action', { action: 'person.erase' }],
    ['recordType', { recordType: 'user' }],
    ['recordId', { recordId: null }],
    ['orgUnitCode', { orgUnitCode: 'SLV' }],
    ['ip', { ip: '10.0.0.2' }],
    ['requestId', { requestId: 'req-2' }],
    ['changedFields (a name)', { changedFields: ['givenName'] }],
    ['changedFields (the order)', { changedFields: ['phone', 'givenName'] }],
    // null and the text "null" must not collide
    ['recordId null vs "null"', { recordId: 'null', orgUnitCode: 'GTM' }],
  ];
  it.each(changes)('changes when %s changes', (_name, change) => {
    expect(entryHash({ ...content, ...change }, GENESIS_HASH)).not.toBe(entryHash(content, GENESIS_HASH));
  });

  it('is SHA-256 of the JSON array of the fields and the previous hash (entries written before migration 0013 still verify)', () => {
    const fields = [content.at.toISOString(), content.actorId, content.actorLabel, content.action, content.recordType, content.recordId, content.orgUnitCode, content.ip, content.requestId, content.changedFields];
    const expected = createHash('sha256').update(JSON.stringify([...fields, GENESIS_HASH]), 'utf8').digest('hex');
    expect(entryHash(content, GENESIS_HASH)).toBe(expected);
    expect(canonicalHead(content) + JSON.stringify(GENESIS_HASH) + ']').toBe(JSON.stringify([...fields, GENESIS_HASH]));
  });

  it('stores lone surrogates and NUL as U+FFFD and leaves the rest of the text alone', () => {
    expect(storableText('a\ud800b\udc00c\u0000d')).toBe('a\ufffdb\ufffdc\ufffdd');
    expect(storableText('Ñandú 🦤 "q" \\ \n')).toBe('Ñandú 🦤 "q" \\ \n');
  });

  it('changes when the previous hash changes', () => {
    expect(entryHash(content, 'f'.repeat(64))).not.toBe(entryHash(content, GENESIS_HASH));
  });

  it('does not let text move between fields (canonical serialisation)', () => {
    const a = entryHash({ ...content, actorLabel: 'a,b', action: 'c' }, GENESIS_HASH);
    const b = entryHash({ ...content, actorLabel: 'a', action: 'b,c' }, GENESIS_HASH);
    expect(a).not.toBe(b);
  });
});

describe('checkLinks', () => {
  it('accepts an intact chain and an empty one', () => {
    const links = chain(5);
    expect(checkLinks(links, GENESIS_HASH)).toEqual({ ok: true, checked: 5, firstBrokenSeq: null, lastHash: links[4]!.hash });
    expect(checkLinks([], GENESIS_HASH)).toEqual({ ok: true, checked: 0, firstBrokenSeq: null, lastHash: GENESIS_HASH });
  });

  it('carries the chain across pages through expectedPrev', () => {
    const links = chain(6);
    const first = checkLinks(links.slice(0, 3), GENESIS_HASH);
    expect(checkLinks(links.slice(3), first.lastHash)).toMatchObject({ ok: true, checked: 3 });
    // A second page checked against the wrong starting point is broken at its first link.
    expect(checkLinks(links.slice(3), GENESIS_HASH)).toMatchObject({ ok: false, firstBrokenSeq: 4, checked: 0 });
  });

  it('finds modified content at the modified entry', () => {
    const links = chain(5);
    links[2] = { ...links[2]!, action: 'person.erase' };
    expect(checkLinks(links, GENESIS_HASH)).toMatchObject({ ok: false, checked: 2, firstBrokenSeq: 3 });
  });

  it('finds a modified prevHash even when the entry’s own hash was recomputed to match', () => {
    const links = chain(5);
    const forgedPrev = 'a'.repeat(64);
    links[2] = { ...links[2]!, prevHash: forgedPrev, hash: entryHash(links[2]!, forgedPrev) };
    expect(checkLinks(links, GENESIS_HASH)).toMatchObject({ ok: false, checked: 2, firstBrokenSeq: 3 });
  });

  it('finds a re-hashed entry at the entry after it', () => {
    // Someone edits entry 3 and recomputes its hash: entry 4 no longer points at it.
    const links = chain(5);
    const edited = { ...links[2]!, action: 'person.erase' };
    links[2] = { ...edited, hash: entryHash(edited, edited.prevHash) };
    expect(checkLinks(links, GENESIS_HASH)).toMatchObject({ ok: false, checked: 3, firstBrokenSeq: 4 });
  });

  it('finds a deleted middle entry at the entry after the gap', () => {
    const links = chain(5);
    links.splice(2, 1); // delete seq 3
    expect(checkLinks(links, GENESIS_HASH)).toMatchObject({ ok: false, checked: 2, firstBrokenSeq: 4 });
  });

  it('finds a deleted first entry', () => {
    expect(checkLinks(chain(3).slice(1), GENESIS_HASH)).toMatchObject({ ok: false, checked: 0, firstBrokenSeq: 2 });
  });

  it('finds swapped entries', () => {
    const links = chain(4);
    [links[1], links[2]] = [links[2]!, links[1]!];
    expect(checkLinks(links, GENESIS_HASH)).toMatchObject({ ok: false, firstBrokenSeq: 3 });
  });
});

describe('checkSeals (the keyed chain)', () => {
  const key = new AuditKey('a-master-secret-of-at-least-32-characters');
  const mac = (text: string) => key.mac(text);
  /** `n` seals continuing from a legacy head. */
  function seals(n: number, from = { pos: 0, hash: GENESIS_HASH }): SealLink[] {
    const out: SealLink[] = [];
    let prev = from.hash;
    for (let i = 1; i <= n; i++) {
      const entry: AuditContent = { ...content, recordId: `r${i}` };
      const pos = from.pos + i;
      const hash = mac(sealText(pos, 10 + i, entry, prev));
      out.push({ pos, seq: 10 + i, prevHash: prev, hash, entry });
      prev = hash;
    }
    return out;
  }

  it('accepts an intact chain, continuing from the last legacy hash', () => {
    const legacy = { pos: 0, hash: 'e'.repeat(64) };
    expect(checkSeals(seals(4, legacy), legacy, mac)).toMatchObject({ ok: true, checked: 4, lastPos: 4 });
    expect(checkSeals(seals(4, legacy), { pos: 0, hash: GENESIS_HASH }, mac)).toMatchObject({ ok: false, reason: 'broken_link', firstBrokenPos: 1 });
  });

  it('covers the position and the seq: a seal moved to another place no longer verifies', () => {
    const s = seals(3);
    const moved = { ...s[1]!, seq: 99 };
    expect(checkSeals([s[0]!, moved, s[2]!], { pos: 0, hash: GENESIS_HASH }, mac)).toMatchObject({ ok: false, reason: 'bad_hash', firstBrokenPos: 2 });
  });

  it('names a gap, a missing entry, a changed entry, and a link made with another key', () => {
    const s = seals(4);
    const start = { pos: 0, hash: GENESIS_HASH };
    expect(checkSeals([s[0]!, s[2]!, s[3]!], start, mac)).toMatchObject({ ok: false, reason: 'gap', firstBrokenPos: 3, checked: 1 });
    expect(checkSeals([s[0]!, { ...s[1]!, entry: null }], start, mac)).toMatchObject({ ok: false, reason: 'missing_entry', firstBrokenPos: 2 });
    expect(checkSeals([s[0]!, { ...s[1]!, entry: { ...s[1]!.entry!, action: 'person.erase' } }], start, mac)).toMatchObject({ ok: false, reason: 'bad_hash', firstBrokenSeq: 12 });
    const other = new AuditKey('another-master-secret-of-32-characters!');
    expect(checkSeals(s, start, (t) => other.mac(t))).toMatchObject({ ok: false, reason: 'bad_hash', firstBrokenPos: 1, checked: 0 });
  });
});

// ---------------------------------------------------------------------------------------------
// On the database
// ---------------------------------------------------------------------------------------------

/** The message of an error and of its causes (drizzle wraps the driver's error). */
function errorText(error: unknown): string {
  const parts: string[] = [];
  for (let e = error as { message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) parts.push(String(e.message));
  return parts.join(' / ');
}

async function auditCount(p: TestPlatform): Promise<number> {
  const [row] = await p.ctx.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log`);
  return row!.n;
}

const event = (i: number) => ({ actorId: null, actorLabel: `concurrent-${i}@example.org`, action: 'test.concurrent', recordType: 'test', recordId: String(i) });

describe('audit log on the database', () => {
  let platform: TestPlatform;
  let admin: Session;
  beforeAll(async () => {
    platform = await startTestPlatform();
    admin = await platform.userSession('admin', ['001']);
  });
  afterAll(() => platform.close());

  it('appends a verifying entry for each write made through the API', async () => {
    const before = await auditCount(platform);
    const created = await admin.request('POST', '/api/v1/admin/users', {
      email: 'registradora@example.org',
      display_name: 'Registradora',
      role_id: 'local_officer',
      password: 'una contraseña nueva y larga',
      capture_scope: ['GTM'],
    });
    expect(created.statusCode).toBe(201);
    const person = await admin.request('POST', '/api/v1/persons', { given_name: 'Ana', family_name: 'Pérez', org_unit_code: 'GTM' });
    expect(person.statusCode).toBe(201);
    const consent = await admin.request('POST', `/api/v1/persons/${person.json().id}/consents`, { purpose: 'follow_up', scope: 'caso', channel: 'in_person' });
    expect(consent.statusCode).toBe(201);
    expect((await admin.request('PATCH', '/api/v1/me', { display_name: 'Administradora' })).statusCode).toBe(200);

    const rows = await platform.ctx.database.rows<{ action: string }>(sql`SELECT action FROM audit_log ORDER BY seq`);
    expect(rows.length).toBeGreaterThan(before);
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['user.create', 'person.create', 'consent.give', 'user.profile_update']));

    // Written, not yet linked: nothing is lost, the entries wait for the sealer.
    expect((await verifyAuditChain(platform.ctx)).pending).toBeGreaterThan(0);
    await sealAll(platform.ctx);
    const check = await verifyAuditChain(platform.ctx);
    expect(check).toMatchObject({ ok: true, checked: rows.length, firstBrokenSeq: null, pending: 0 });
    const viaApi = await admin.request('GET', '/api/v1/audit/verify');
    expect(viaApi.statusCode).toBe(200);
    expect(viaApi.json()).toMatchObject({ ok: true, checked: rows.length, first_broken_seq: null, pending: 0, head: { pos: rows.length, seq: expect.any(Number), hash: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    // The test database's role is a superuser (and the embedded engine's only role is): it could rewrite the log.
    expect(viaApi.json().role_can_rewrite).toBe(true);
  });

  it('verifies a chain longer than one page', async () => {
    const total = await auditCount(platform);
    expect(total).toBeGreaterThan(3);
    await sealAll(platform.ctx);
    expect(await verifyAuditChain(platform.ctx, { pageSize: 2 })).toMatchObject({ ok: true, checked: total, firstBrokenSeq: null });
  });

  it('keeps one chain under 20 concurrent appends, sealed while they are written', async () => {
    const before = await auditCount(platform);
    await Promise.all([...Array.from({ length: 20 }, (_, i) => recordAudit(platform.ctx.db, event(i))), sealAll(platform.ctx), sealAll(platform.ctx)]);
    expect(await auditCount(platform)).toBe(before + 20);
    await sealAll(platform.ctx);
    expect(await verifyAuditChain(platform.ctx)).toMatchObject({ ok: true, checked: before + 20, pending: 0 });
    // No fork: every link is followed by exactly one seal, and every entry is sealed once.
    const [forks] = await platform.ctx.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM (SELECT prev_hash FROM audit_seals GROUP BY prev_hash HAVING count(*) > 1) f`);
    expect(forks!.n).toBe(0);
    const [sealed] = await platform.ctx.database.rows<{ n: number }>(sql`SELECT count(DISTINCT seq)::int AS n FROM audit_seals`);
    expect(sealed!.n).toBe(before + 20);
  });

  it('hashes in the database what the server would: accents, quotes, backslashes, line breaks, emoji, a lone surrogate and NUL', async () => {
    const before = await auditCount(platform);
    const labels = ['José Núñez <jose@example.org>', 'say "hola"\\ \n\t end', 'Ñandú 🦤 ç', 'lone \ud800 surrogate', 'NUL \u0000 and \u001f control'];
    for (const [i, actorLabel] of labels.entries()) {
      await recordAudit(platform.ctx.db, { actorId: null, actorLabel, action: 'test.text', recordType: 'test', recordId: `t${i}`, changedFields: ['ñ', 'a"b'] });
    }
    await sealAll(platform.ctx);
    expect(await verifyAuditChain(platform.ctx)).toMatchObject({ ok: true, checked: before + labels.length });
  });

  it('drops the entry with the write it records when the transaction rolls back, and the chain goes on', async () => {
    const before = await auditCount(platform);
    await expect(
      platform.ctx.db.transaction(async (tx) => {
        await appendAudit(tx, event(99));
        throw new Error('the write failed');
      }),
    ).rejects.toThrow('the write failed');
    expect(await auditCount(platform)).toBe(before);
    // The rolled-back entry consumed a seq: the gap must not look like a broken chain.
    await recordAudit(platform.ctx.db, event(100));
    await sealAll(platform.ctx);
    expect(await verifyAuditChain(platform.ctx)).toMatchObject({ ok: true, checked: before + 1 });
  });

  it('refuses UPDATE, DELETE and TRUNCATE of entries and seals (append-only triggers)', async () => {
    await sealAll(platform.ctx);
    const before = await auditCount(platform);
    for (const statement of [
      sql`UPDATE audit_log SET action = 'x'`,
      sql`DELETE FROM audit_log`,
      sql`DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)`,
      sql`TRUNCATE audit_log`,
      sql`UPDATE audit_seals SET hash = 'x'`,
      sql`DELETE FROM audit_seals WHERE pos = (SELECT max(pos) FROM audit_seals)`,
      sql`TRUNCATE audit_seals`,
    ]) {
      const error = await platform.ctx.database.rows(statement).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, String(statement.queryChunks)).toBeDefined();
      // TRUNCATE audit_log is stopped first by the seals' foreign key, the rest by the triggers.
      expect(errorText(error)).toMatch(/append-only|referenced in a foreign key/);
    }
    expect(await auditCount(platform)).toBe(before);
    expect(await verifyAuditChain(platform.ctx)).toMatchObject({ ok: true, checked: before });
  });

  it('refuses GET /audit and /audit/verify without audit.read', async () => {
    const officer = await platform.userSession('local_officer', ['GTM']);
    expect((await officer.request('GET', '/api/v1/audit')).statusCode).toBe(403);
    expect((await officer.request('GET', '/api/v1/audit/verify')).statusCode).toBe(403);
    expect((await platform.app.inject({ method: 'GET', url: '/api/v1/audit' })).statusCode).toBe(401);
  });
});

describe('GET /api/v1/audit filters', () => {
  let platform: TestPlatform;
  let admin: Session;
  const TYPE = 'filter_test';
  type Item = { seq: number; at: string; actor_label: string; action: string; record_type: string; record_id: string | null };
  const list = async (query: string) => {
    const res = await admin.request('GET', `/api/v1/audit?record_type=${TYPE}&${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: Item[]; next_before: number | null };
  };

  beforeAll(async () => {
    platform = await startTestPlatform();
    admin = await platform.userSession('admin', ['001']);
    // Entries at known instants: fake only Date, so that appendAudit stamps them.
    const entries: [string, string, string][] = [
      ['2025-03-14T23:59:59.000Z', 'ana.garcia@example.org', 'person.read'],
      ['2025-03-15T00:00:00.000Z', 'ana.garcia@example.org', 'person.update'],
      ['2025-03-15T12:00:00.000Z', 'beto.ruiz@example.org', 'person.read'],
      ['2025-03-15T23:59:59.500Z', 'carla_100%@example.org', 'person.read'],
      ['2025-03-16T00:00:00.000Z', 'beto.ruiz@example.org', 'person.erase'],
    ];
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      for (const [i, [at, actorLabel, action]] of entries.entries()) {
        vi.setSystemTime(new Date(at));
        await recordAudit(platform.ctx.db, { actorId: null, actorLabel, action, recordType: TYPE, recordId: `e${i + 1}` });
      }
    } finally {
      vi.useRealTimers();
    }
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  afterAll(() => platform.close());

  const ids = (r: { items: Item[] }) => r.items.map((i) => i.record_id);

  it('lists newest first', async () => {
    expect(ids(await list(''))).toEqual(['e5', 'e4', 'e3', 'e2', 'e1']);
  });

  it('filters by actor, as a case-insensitive substring', async () => {
    expect(ids(await list('actor=ANA.GARCIA'))).toEqual(['e2', 'e1']);
    expect(ids(await list('actor=beto'))).toEqual(['e5', 'e3']);
  });

  it('takes % and _ in the actor filter literally, not as wildcards', async () => {
    expect(ids(await list(`actor=${encodeURIComponent('%')}`))).toEqual(['e4']);
    expect(ids(await list('actor=_'))).toEqual(['e4']);
    expect(ids(await list(`actor=${encodeURIComponent('a%g')}`))).toEqual([]);
  });

  it('filters by action (exact) and by record type', async () => {
    expect(ids(await list('action=person.read'))).toEqual(['e4', 'e3', 'e1']);
    expect(ids(await list('action=person'))).toEqual([]);
    const other = await admin.request('GET', '/api/v1/audit?record_type=no_such_type');
    expect(other.json().items).toEqual([]);
  });

  it('filters by a day: a date alone in `to` runs to the end of that day', async () => {
    expect(ids(await list('from=2025-03-15&to=2025-03-15'))).toEqual(['e4', 'e3', 'e2']);
    expect(ids(await list('from=2025-03-16'))).toEqual(['e5']);
    expect(ids(await list('to=2025-03-14'))).toEqual(['e1']);
  });

  it('filters by instants with offsets, both ends included', async () => {
    // 2025-03-15T07:00-05:00 is 12:00Z.
    expect(ids(await list(`from=${encodeURIComponent('2025-03-15T07:00:00-05:00')}&to=${encodeURIComponent('2025-03-16T00:00:00Z')}`))).toEqual(['e5', 'e4', 'e3']);
  });

  it('combines filters', async () => {
    expect(ids(await list('actor=beto&action=person.read'))).toEqual(['e3']);
  });

  it('pages with `before`, without gaps or repeats', async () => {
    const seen: (string | null)[] = [];
    let before: number | null = null;
    let pages = 0;
    do {
      const page: { items: Item[]; next_before: number | null } = await list(`limit=2${before ? `&before=${before}` : ''}`);
      seen.push(...ids(page));
      before = page.next_before;
      pages++;
      if (before !== null) expect(before).toBe(page.items.at(-1)!.seq);
    } while (before !== null && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(['e5', 'e4', 'e3', 'e2', 'e1']);
  });

  it('says there is no next page when the last page is exactly full', async () => {
    const page = await list('limit=5');
    expect(page.items).toHaveLength(5);
    expect(page.next_before).toBeNull();
  });

  it('refuses malformed filters with 400', async () => {
    for (const q of ['from=yesterday', 'to=2025-13-45', 'before=-1', 'limit=0', 'limit=501', 'unknown=1', 'from=2025-03-15T10:00:00']) {
      const res = await admin.request('GET', `/api/v1/audit?${q}`);
      expect(res.statusCode, q).toBe(400);
    }
  });
});

describe('tampering with the stored log', () => {
  let platform: TestPlatform;
  let admin: Session;
  beforeEach(async () => {
    platform = await startTestPlatform();
    admin = await platform.userSession('admin', ['001']);
    for (let i = 0; i < 6; i++) await recordAudit(platform.ctx.db, event(i));
    await sealAll(platform.ctx);
  });
  afterEach(() => platform.close());

  /** The entries in chain order (they were sealed in one pass, so in seq order). */
  const sealedSeqs = async () => (await platform.ctx.database.rows<{ seq: number | string }>(sql`SELECT seq FROM audit_seals ORDER BY pos`)).map((r) => Number(r.seq));
  const owner = (statement: ReturnType<typeof sql>) => platform.ctx.database.rows(statement);

  it('is reported at the changed entry by verifyAuditChain and GET /audit/verify', async () => {
    const seqs = await sealedSeqs();
    expect(seqs.length).toBeGreaterThan(4);
    const target = seqs[Math.floor(seqs.length / 2)]!;
    const intactBefore = seqs.indexOf(target);

    // Someone with the table owner's rights switches the trigger off, edits, and switches it back on.
    await owner(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete`);
    await owner(sql`UPDATE audit_log SET action = 'person.read' WHERE seq = ${target}`);
    await owner(sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete`);

    expect(await verifyAuditChain(platform.ctx)).toMatchObject({ ok: false, checked: intactBefore, firstBrokenSeq: target, reason: 'bad_hash' });
    // Page boundaries must not hide it.
    expect(await verifyAuditChain(platform.ctx, { pageSize: 2 })).toMatchObject({ ok: false, checked: intactBefore, firstBrokenSeq: target });
    const res = await admin.request('GET', '/api/v1/audit/verify');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: false, checked: intactBefore, first_broken_seq: target, first_broken_pos: intactBefore + 1 });
    // The trigger is back on.
    await expect(owner(sql`DELETE FROM audit_log`)).rejects.toThrow();
  });

  it('is reported when the owner edits an entry and recomputes every following link with the public SHA-256 (entryHash)', async () => {
    const seqs = await sealedSeqs();
    const at = Math.floor(seqs.length / 2);
    const target = seqs[at]!;
    await owner(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete`);
    await owner(sql`ALTER TABLE audit_seals DISABLE TRIGGER audit_seals_no_update_delete`);
    await owner(sql`UPDATE audit_log SET action = 'person.read' WHERE seq = ${target}`);
    // Re-link from the edited entry on, as the unkeyed chain allowed: every link recomputed, consistent with the next.
    const rows = await platform.ctx.database.rows<{ pos: number | string; prev_hash: string }>(sql`SELECT pos, prev_hash FROM audit_seals WHERE pos >= ${at + 1} ORDER BY pos`);
    let prev = rows[0]!.prev_hash;
    for (const r of rows) {
      const [e] = await platform.ctx.db.select().from(auditLog).innerJoin(auditSeals, eq(auditSeals.seq, auditLog.seq)).where(eq(auditSeals.pos, Number(r.pos)));
      const hash = entryHash(e!.audit_log, prev);
      await owner(sql`UPDATE audit_seals SET prev_hash = ${prev}, hash = ${hash} WHERE pos = ${Number(r.pos)}`);
      prev = hash;
    }
    expect(await verifyAuditChain(platform.ctx)).toMatchObject({ ok: false, checked: at, firstBrokenSeq: target, reason: 'bad_hash' });
    // With the key, the same recomputation would pass: the key is what the database alone does not hold.
    const other = new AuditKey('another-secret-another-secret-another-secret');
    expect((await verifyAuditChain({ ...platform.ctx, auditKey: other })).checked).toBe(0);
  });

  it('is reported when a sealed entry is removed with its seal (a gap in the positions)', async () => {
    const seqs = await sealedSeqs();
    const at = 2;
    await owner(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete`);
    await owner(sql`ALTER TABLE audit_seals DISABLE TRIGGER audit_seals_no_update_delete`);
    await owner(sql`DELETE FROM audit_seals WHERE seq = ${seqs[at]!}`);
    await owner(sql`DELETE FROM audit_log WHERE seq = ${seqs[at]!}`);
    expect(await verifyAuditChain(platform.ctx)).toMatchObject({ ok: false, checked: at, firstBrokenSeq: seqs[at + 1], firstBrokenPos: at + 2, reason: 'gap' });
  });

  it('is reported when a sealed entry is removed and its seal left (the foreign key dropped first)', async () => {
    const seqs = await sealedSeqs();
    await owner(sql`ALTER TABLE audit_seals DROP CONSTRAINT audit_seals_seq_audit_log_seq_fk`);
    await owner(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete`);
    await owner(sql`DELETE FROM audit_log WHERE seq = ${seqs[1]!}`);
    expect(await verifyAuditChain(platform.ctx)).toMatchObject({ ok: false, checked: 1, firstBrokenSeq: seqs[1], reason: 'missing_entry' });
  });

  it('is reported when a seal is changed to point elsewhere', async () => {
    const seqs = await sealedSeqs();
    await owner(sql`ALTER TABLE audit_seals DISABLE TRIGGER audit_seals_no_update_delete`);
    await owner(sql`UPDATE audit_seals SET prev_hash = ${'a'.repeat(64)} WHERE pos = 3`);
    expect(await verifyAuditChain(platform.ctx)).toMatchObject({ ok: false, checked: 2, firstBrokenSeq: seqs[2], firstBrokenPos: 3, reason: 'broken_link' });
  });

  it('finds a removed tail only against an anchor kept elsewhere', async () => {
    const anchor = await currentAnchor(platform.ctx.db);
    expect(anchor).toMatchObject({ pos: (await sealedSeqs()).length });
    expect(await verifyAuditChain(platform.ctx, { anchor: anchor! })).toMatchObject({ ok: true, anchorOk: true });
    // The last two entries and their seals go.
    await owner(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete`);
    await owner(sql`ALTER TABLE audit_seals DISABLE TRIGGER audit_seals_no_update_delete`);
    const tail = sql`(SELECT seq FROM audit_seals WHERE pos > ${anchor!.pos - 2})`;
    await owner(sql`CREATE TEMP TABLE gone AS ${tail}`);
    await owner(sql`DELETE FROM audit_seals WHERE seq IN (SELECT seq FROM gone)`);
    await owner(sql`DELETE FROM audit_log WHERE seq IN (SELECT seq FROM gone)`);
    // The chain alone still verifies...
    expect(await verifyAuditChain(platform.ctx)).toMatchObject({ ok: true });
    // ...but not against the anchor.
    expect(await verifyAuditChain(platform.ctx, { anchor: anchor! })).toMatchObject({ ok: false, anchorOk: false, reason: 'anchor_missing', firstBrokenPos: anchor!.pos });
    // A rewritten chain (another head at the same position) does not hold it either.
    expect(await verifyAuditChain(platform.ctx, { anchor: { ...anchor!, pos: anchor!.pos - 2, hash: 'b'.repeat(64) } })).toMatchObject({ ok: false, reason: 'anchor_mismatch' });
  });
});

describe('audit entries hold no secrets', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform();
  });
  afterAll(() => platform.close());

  it('never contain passwords, password hashes, TOTP secrets or session tokens', async () => {
    const secrets: string[] = [TEST_PASSWORD];
    const remember = (...values: (string | null | undefined)[]) => {
      for (const v of values) if (v) secrets.push(v);
    };

    // An administrator (enrols a second factor on sign-in) creates a user through the API.
    const admin = await platform.userSession('admin', ['001']);
    remember(admin.cookie.split('=')[1], admin.csrfToken);
    const firstPassword = 'primera contraseña de la cuenta';
    const created = await admin.request('POST', '/api/v1/admin/users', {
      email: 'oficial@example.org',
      display_name: 'Oficial',
      role_id: 'case_worker',
      password: firstPassword,
      capture_scope: ['GTM'],
    });
    expect(created.statusCode).toBe(201);
    remember(firstPassword);

    // The user signs in, fails once, changes the password and enrols an authenticator app.
    const wrongPassword = 'una contraseña equivocada cualquiera';
    expect((await platform.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'oficial@example.org', password: wrongPassword } })).statusCode).toBe(401);
    remember(wrongPassword);
    const user = await platform.signIn('oficial@example.org', firstPassword);
    remember(user.cookie.split('=')[1], user.csrfToken);
    const secondPassword = 'segunda contraseña todavía más larga';
    expect((await user.request('POST', '/api/v1/me/password', { current_password: firstPassword, new_password: secondPassword })).statusCode).toBe(204);
    remember(secondPassword);
    const start = await user.request('POST', '/api/v1/auth/mfa/enroll/start', { password: secondPassword });
    expect(start.statusCode).toBe(200);
    const { secret, otpauth_uri } = start.json() as { secret: string; otpauth_uri: string };
    remember(secret, otpauth_uri);
    const confirm = await user.request('POST', '/api/v1/auth/mfa/enroll/confirm', { code: totpFor(secret, 'x').generate() });
    expect(confirm.statusCode).toBe(200);
    remember((confirm.json() as { csrf_token: string }).csrf_token);

    // Recovery from the command line.
    const thirdPassword = 'tercera contraseña puesta por consola';
    await setPassword(platform.ctx, SYSTEM, CLI_META, 'oficial@example.org', thirdPassword);
    remember(thirdPassword);

    // Everything secret that is stored: hashes, sealed and opened TOTP seeds.
    const stored = await platform.ctx.database.rows<{ password_hash: string; totp_secret_sealed: string | null; totp_pending_sealed: string | null }>(
      sql`SELECT password_hash, totp_secret_sealed, totp_pending_sealed FROM users`,
    );
    for (const u of stored) {
      remember(u.password_hash, u.totp_secret_sealed, u.totp_pending_sealed);
      if (u.totp_secret_sealed) remember(platform.ctx.secretBox.open(u.totp_secret_sealed));
    }
    const sessions = await platform.ctx.database.rows<{ csrf_token: string }>(sql`SELECT csrf_token FROM sessions`);
    remember(...sessions.map((s) => s.csrf_token));

    const entries = (await platform.ctx.database.rows<{ j: string }>(sql`SELECT row_to_json(a)::text AS j FROM audit_log a ORDER BY seq`)).map((r) => r.j);
    const actions = entries.map((e) => (JSON.parse(e) as { action: string }).action);
    expect(actions).toEqual(expect.arrayContaining(['user.create', 'auth.login_failed', 'user.password_change', 'user.mfa_enable', 'user.password_reset']));
    expect(secrets.length).toBeGreaterThan(10);
    for (const entry of entries) {
      for (const s of secrets) expect(entry, `audit entry leaks a secret`).not.toContain(s);
      expect(entry).not.toContain('$argon2');
    }
    // The entries name the field that changed, never its value.
    const change = entries.map((e) => JSON.parse(e) as { action: string; changed_fields: string[] }).find((e) => e.action === 'user.password_change');
    expect(change!.changed_fields).toEqual(['password']);
  });
});
