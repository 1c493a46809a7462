import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestPlatform, type TestPlatform } from '../../test/platform.js';
import { testEngine } from '../../test/engine.js';

/**
 * The session lookup runs on every request. On PostgreSQL it is a named statement (planned once per connection);
 * on PGlite drizzle's driver drops the name, and planning it took 0.6 ms of every request there on a quiet machine,
 * 12 ms on a loaded one (bench/planning.ts), so the embedded engine keeps it PREPAREd in its one session.
 */
describe('the session lookup', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startTestPlatform();
  });
  afterAll(() => p.close());

  it('answers every request with the right actor, and a forged or ended session with 401', async () => {
    const a = await p.userSession('case_worker', ['GTM']);
    const b = await p.userSession('local_officer', ['HND']);
    for (let i = 0; i < 3; i++) {
      expect((await a.request('GET', '/api/v1/me')).json().user.email).toBe(a.user.email);
      expect((await b.request('GET', '/api/v1/me')).json().user.email).toBe(b.user.email);
    }
    expect((await p.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: "mide_session=x'); DROP TABLE users; --" } })).statusCode).toBe(401);
    expect((await a.request('POST', '/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await a.request('GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await b.request('GET', '/api/v1/me')).statusCode).toBe(200);
  });

  it.runIf(testEngine === 'pglite')('is planned once on PGlite: a prepared statement of the instance', async () => {
    const s = await p.userSession('viewer', ['GTM']);
    expect((await s.request('GET', '/api/v1/me')).statusCode).toBe(200);
    const rows = await p.ctx.database.rows<{ name: string }>(sql`SELECT name FROM pg_prepared_statements`);
    expect(rows.map((r) => r.name)).toContain('mide_load_actor');
  });
});
