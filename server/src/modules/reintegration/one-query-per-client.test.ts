import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startTestPlatform, TEST_PASSWORD, type Session, type TestPlatform } from '../../test/platform.js';
import { testEngine } from '../../test/engine.js';

/**
 * A transaction holds one `pg` client, and a client runs one query at a time: queries sent to it while it is busy
 * (`Promise.all` over a transaction) are queued by pg 8 with a DeprecationWarning, and pg 9 refuses them. The soak
 * (bench/soak.ts) printed that warning from both server processes; the person export was the cause. This test
 * watches every `pg` client while the routes that read personal data inside a transaction run, and fails on a
 * query sent to a client that is already running one. On PGlite there is no `pg` client: nothing to watch there.
 */

type Watched = pg.Client & { _activeQuery: unknown; _queryQueue: unknown[] };

let p: TestPlatform;
let worker: Session;
let supervisor: Session;
let overlapped: string[] = [];
const originalQuery = pg.Client.prototype.query;

beforeAll(async () => {
  p = await startTestPlatform();
  worker = await p.userSession('case_worker', ['GTM']);
  supervisor = await p.userSession('case_supervisor', ['GTM']);
  pg.Client.prototype.query = function (this: Watched, ...args: unknown[]) {
    if (this._activeQuery || this._queryQueue.length > 0) {
      const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string } | undefined)?.text;
      overlapped.push(String(text).slice(0, 120));
    }
    return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof pg.Client.prototype.query;
});
afterEach(() => {
  overlapped = [];
});
afterAll(async () => {
  pg.Client.prototype.query = originalQuery;
  await p.close();
});

async function caseWithParts(): Promise<{ personId: string; caseId: string }> {
  const person = await worker.request('POST', '/api/v1/persons', { given_name: 'Rosa', family_name: 'Mejía', org_unit_code: 'GTM' });
  expect(person.statusCode, person.body).toBe(201);
  const personId = person.json().id as string;
  const created = await worker.request('POST', '/api/v1/reintegration/cases', {
    person_id: personId,
    org_unit: 'GTM',
    arrival_date: new Date(Date.now() - 5 * 86_400_000).toISOString().slice(0, 10),
    returned_from_iso3: 'USA',
    return_how: 'forced',
    household_size: 3,
    immediate_needs: ['housing'],
  });
  expect(created.statusCode, created.body).toBe(201);
  const caseId = created.json().id as string;
  const assessed = await worker.request('POST', `/api/v1/reintegration/cases/${caseId}/assessments`, { kind: 'vulnerability', answers: { factors: ['single_parent'], level: 'high' } });
  expect(assessed.statusCode, assessed.body).toBe(200);
  return { personId, caseId };
}

describe.runIf(testEngine === 'postgres')('reads of personal data inside a transaction', () => {
  it('the person export sends its queries one at a time on the transaction’s client', async () => {
    const { personId } = await caseWithParts();
    const exported = await worker.request('GET', `/api/v1/persons/${personId}/export`);
    expect(exported.statusCode, exported.body).toBe(200);
    expect(exported.json().data.reintegration.cases[0].assessments).toHaveLength(1);
    expect(overlapped).toEqual([]);
  });

  it('the case read and the case export too', async () => {
    const { caseId } = await caseWithParts();
    expect((await supervisor.request('GET', `/api/v1/reintegration/cases/${caseId}`)).statusCode).toBe(200);
    const exported = await supervisor.request('POST', `/api/v1/reintegration/cases/${caseId}/export`, { password: TEST_PASSWORD });
    expect(exported.statusCode, exported.body).toBe(200);
    expect(overlapped).toEqual([]);
  });
});

describe.runIf(testEngine === 'pglite')('reads of personal data inside a transaction (PGlite)', () => {
  it('has no pg client to watch: the export still answers', async () => {
    const { personId } = await caseWithParts();
    expect((await worker.request('GET', `/api/v1/persons/${personId}/export`)).statusCode).toBe(200);
  });
});
