import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { startTestPlatform, type Session, type TestPlatform, platformModules } from '../../test/platform.js';
import { sealAll, testConfig, testEngine } from '../../test/engine.js';
import { openDatabase } from '../db/engine.js';
import { openPlatform } from '../platform.js';
import { buildApp } from '../http/app.js';
import type { AppContext } from '../context.js';
import { recordAudit, verifyAuditChain, pendingCount } from './store.js';
import { startAuditSealer, type AuditSealer } from './sealer.js';

// Issue 20: appending to the audit trail no longer serialises requests; one sealer per database links the entries.
// On PostgreSQL two platform instances on one database stand for two server processes (each its own pool, its own
// sealer competing for the election); on PGlite one process owns the data folder, so there is one instance.

const until = async (what: string, check: () => Promise<boolean>, timeoutMs = 60_000) => {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

describe('audited requests from two server processes, sealed while they run', () => {
  let platform: TestPlatform;
  let second: { ctx: AppContext; app: FastifyInstance } | undefined;
  let session: Session;
  let personIds: string[];
  beforeAll(async () => {
    platform = await startTestPlatform();
    if (testEngine === 'postgres') {
      const url = platform.testDb.url!;
      const ctx = await openPlatform(testConfig({ databaseUrl: url }), { modules: platformModules, command: 'test', database: await openDatabase({ databaseUrl: url, poolSize: 4 }), migrate: false, seed: false });
      const app = await buildApp(ctx, { logger: false, serveWeb: false });
      await app.ready();
      second = { ctx, app };
    }
    session = await platform.userSession('case_worker', ['GTM']);
    personIds = [];
    for (let i = 0; i < 4; i++) {
      const res = await session.request('POST', '/api/v1/persons', { givenName: `Persona ${i}`, familyName: 'Paralela', orgUnitCode: 'GTM' });
      expect(res.statusCode, res.body).toBe(201);
      personIds.push(res.json().id);
    }
  });
  afterAll(async () => {
    if (second) {
      await second.app.close();
      await second.ctx.database.close();
    }
    await platform.close();
  });

  it('records every request once: 120 parallel reads and writes over both processes, then the chain verifies', async () => {
    const apps = [platform.app, second?.app ?? platform.app];
    const contexts = second ? [platform.ctx, second.ctx] : [platform.ctx];
    const sealers: AuditSealer[] = contexts.map((ctx) => startAuditSealer(ctx, { intervalMs: 20 }));
    const ids: string[] = [];
    const reads = new Set<string>();
    try {
      await Promise.all(
        Array.from({ length: 120 }, async (_, i) => {
          const requestId = `parallel-${i}-${Math.random().toString(36).slice(2, 8)}`;
          ids.push(requestId);
          if (i % 3 !== 0) reads.add(requestId);
          const app = apps[i % 2]!;
          const headers = { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'x-request-id': requestId };
          const res =
            i % 3 === 0
              ? await app.inject({ method: 'POST', url: '/api/v1/persons', headers, payload: { givenName: `Nueva ${i}`, familyName: 'Paralela', orgUnitCode: 'GTM' } })
              : await app.inject({ method: 'GET', url: `/api/v1/persons/${personIds[i % personIds.length]}`, headers });
          expect(res.statusCode, res.body).toBeLessThan(300);
        }),
      );
      // Exactly one process is the sealer at a time.
      expect(sealers.filter((s) => s.leader).length).toBe(1);
    } finally {
      for (const s of sealers) await s.stop();
    }
    await sealAll(platform.ctx);
    expect(await verifyAuditChain(platform.ctx)).toMatchObject({ ok: true, pending: 0 });
    const rows = await platform.ctx.database.rows<{ request_id: string; entries: number; seals: number }>(sql`
      SELECT a.request_id, count(DISTINCT a.seq)::int AS entries, count(s.pos)::int AS seals
      FROM audit_log a LEFT JOIN audit_seals s ON s.seq = a.seq
      WHERE a.request_id LIKE 'parallel-%' GROUP BY a.request_id`);
    expect(rows).toHaveLength(120);
    expect(new Set(rows.map((r) => r.request_id))).toEqual(new Set(ids));
    // A read writes one entry; a creation its own few. Every entry is in the chain exactly once.
    for (const r of rows) {
      if (reads.has(r.request_id)) expect(r, r.request_id).toMatchObject({ entries: 1, seals: 1 });
      else expect(r.seals, r.request_id).toBe(r.entries);
    }
  });

  it('links the entries of a process that stopped before sealing them, when the next sealer runs', async () => {
    // The second process (or the only one) writes with no sealer running, then goes away without sealing.
    const writer = second?.ctx ?? platform.ctx;
    for (let i = 0; i < 15; i++) await recordAudit(writer.db, { actorId: null, actorLabel: 'killed@example.org', action: 'test.unsealed', recordType: 'test', recordId: String(i) });
    if (second) {
      await second.app.close();
      await second.ctx.database.close();
      second = undefined;
    }
    expect(await pendingCount(platform.ctx.db)).toBeGreaterThanOrEqual(15);
    expect((await verifyAuditChain(platform.ctx)).ok).toBe(true); // waiting is not broken
    const sealer = startAuditSealer(platform.ctx, { intervalMs: 20 });
    try {
      await until('the next sealer', async () => (await pendingCount(platform.ctx.db)) === 0);
    } finally {
      await sealer.stop();
    }
    const [row] = await platform.ctx.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log a JOIN audit_seals s ON s.seq = a.seq WHERE a.action = 'test.unsealed'`);
    expect(row!.n).toBe(15);
    expect(await verifyAuditChain(platform.ctx)).toMatchObject({ ok: true, pending: 0 });
  });

  it('seals on stop what was written just before', async () => {
    const sealer = startAuditSealer(platform.ctx, { intervalMs: 60_000 });
    await recordAudit(platform.ctx.db, { actorId: null, actorLabel: 'last@example.org', action: 'test.last', recordType: 'test' });
    await sealer.stop();
    expect(await pendingCount(platform.ctx.db)).toBe(0);
  });
});

describe.skipIf(testEngine !== 'postgres')('the sealer election on PostgreSQL', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform();
  });
  afterAll(() => platform.close());

  it('elects one sealer; when it goes, one that stood by takes over and links what was written meanwhile', async () => {
    const first = startAuditSealer(platform.ctx, { intervalMs: 20 });
    await until('an election', async () => first.leader);
    const standby = startAuditSealer(platform.ctx, { intervalMs: 20 });
    await new Promise((r) => setTimeout(r, 150));
    expect([first.leader, standby.leader]).toEqual([true, false]);
    await first.stop();
    await recordAudit(platform.ctx.db, { actorId: null, actorLabel: 'meanwhile@example.org', action: 'test.takeover', recordType: 'test' });
    try {
      await until('the standby to take over', async () => standby.leader && (await pendingCount(platform.ctx.db)) === 0);
    } finally {
      await standby.stop();
    }
    expect(await verifyAuditChain(platform.ctx)).toMatchObject({ ok: true, pending: 0 });
  });
});
