import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type Session, type TestPlatform } from '../../test/platform.js';

// Issue 12, finding 4: the audit log holds actors' e-mails, addresses and record ids; a reader sees only the entries
// of units inside their view scope, and a record_id filter cannot confirm a record outside it.

describe('GET /api/v1/audit follows the reader’s view scope', () => {
  let platform: TestPlatform;
  let hndPersonId: string;
  let gtmPersonId: string;
  beforeAll(async () => {
    platform = await startTestPlatform();
    const admin = await platform.userSession('admin', ['001']);
    const hnd = await admin.request('POST', '/api/v1/persons', { given_name: 'Hondureña', family_name: 'Reservada', org_unit_code: 'HND' });
    expect(hnd.statusCode, hnd.body).toBe(201);
    hndPersonId = hnd.json().id;
    const gtm = await admin.request('POST', '/api/v1/persons', { given_name: 'Guatemalteca', family_name: 'Visible', org_unit_code: 'GTM' });
    expect(gtm.statusCode, gtm.body).toBe(201);
    gtmPersonId = gtm.json().id;
    expect((await admin.request('GET', `/api/v1/persons/${hndPersonId}`)).statusCode).toBe(200); // a read of HND personal data
  });
  afterAll(() => platform.close());

  type Entry = { org_unit_code: string | null; record_id: string | null; action: string };
  const read = async (session: Session, query = '') => {
    const res = await session.request('GET', `/api/v1/audit?limit=500${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { items: Entry[] }).items;
  };

  it('shows a GTM coordinator the entries of GTM only: no HND entry, no entry without a unit (sign-ins, administration)', async () => {
    const coordinator = await platform.userSession('national_coordinator', ['GTM']);
    const items = await read(coordinator);
    expect(items.map((i) => i.record_id)).toContain(gtmPersonId);
    expect(items.length).toBeGreaterThan(0);
    for (const i of items) expect(i.org_unit_code, JSON.stringify(i)).toBe('GTM');
  });

  it('answers a record_id filter on an HND person exactly as on a random id', async () => {
    const coordinator = await platform.userSession('national_coordinator', ['GTM']);
    const hnd = await coordinator.request('GET', `/api/v1/audit?record_id=${hndPersonId}`);
    const random = await coordinator.request('GET', `/api/v1/audit?record_id=${crypto.randomUUID()}`);
    expect(hnd.statusCode).toBe(200);
    expect(hnd.json()).toEqual({ items: [], next_before: null });
    expect(hnd.json()).toEqual(random.json());
  });

  it('shows a reader of the whole world every entry, with and without a unit', async () => {
    const admin = await platform.userSession('admin', ['001']);
    const items = await read(admin);
    expect(items.map((i) => i.org_unit_code)).toEqual(expect.arrayContaining(['HND', 'GTM', null]));
    expect((await read(admin, `&record_id=${hndPersonId}`)).map((i) => i.action)).toEqual(expect.arrayContaining(['person.create', 'person.read']));
  });

  it('shows a reader of Central America (a region) the entries of its countries and none without a unit', async () => {
    const regional = await platform.userSession('national_coordinator', ['013']);
    const items = await read(regional);
    expect(items.map((i) => i.org_unit_code)).toEqual(expect.arrayContaining(['HND', 'GTM']));
    for (const i of items) expect(i.org_unit_code).not.toBeNull();
  });
});
