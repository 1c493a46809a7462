import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestPlatform, type Session, type TestPlatform } from '../../test/platform.js';

/** __Title__'s routes on the real engine: who may create items, the duplicate rule, the audit entry. */

let p: TestPlatform;
let coordinator: Session;
let viewer: Session;
const url = '/api/v1/__path__/items';

beforeAll(async () => {
  p = await startTestPlatform();
  coordinator = await p.userSession('national_coordinator', ['GTM']);
  viewer = await p.userSession('viewer', ['GTM']);
});
afterAll(() => p.close());

describe('__id__ items', () => {
  it('a coordinator creates an item, audited, and every signed-in user sees it listed', async () => {
    const created = await coordinator.request('POST', url, { name: '  Primer   elemento ' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: 'Primer elemento', created_at: expect.any(String) });
    const [audit] = await p.ctx.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = '__id__.item_created' AND record_id = ${created.json().id}`);
    expect(audit!.n).toBe(1);

    const listed = await viewer.request('GET', url);
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items.map((i: { name: string }) => i.name)).toContain('Primer elemento');
  });

  it('refuses a name already taken (its key worded in the user’s language), beside the field', async () => {
    const again = await coordinator.request('POST', url, { name: 'PRIMER elemento' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.fields).toEqual([{ path: 'name', message: 'Ya existe un elemento llamado «PRIMER elemento».' }]);
  });

  it('needs the verb to create, and a session to list', async () => {
    expect((await viewer.request('POST', url, { name: 'Otro' })).statusCode).toBe(403);
    expect((await p.app.inject({ method: 'GET', url })).statusCode).toBe(401);
  });
});
