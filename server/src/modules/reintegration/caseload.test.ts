import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentInput } from '../../core/people/service.js';
import { contextOf, newCase } from '../../test/factories.js';
import { startTestPlatform, type Session, type TestPlatform } from '../../test/platform.js';

/**
 * The caseload search and its pages (store.ts listCaseload): the name search without digits and the document or
 * reference search with them take different SQL, and a search counts its matches in the page's own statement.
 */

let p: TestPlatform;
let worker: Session;

const base = '/api/v1/reintegration';
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
type Page = { items: { id: string; reference: string }[]; total: number };
const list = async (query: string) => {
  const res = await worker.request('GET', `${base}/cases?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Page;
};

/** A case (and its person) set up through the actions; the searches below go through the API. */
async function caseFor(givenName: string, familyName: string, arrivedDaysAgo: number, documents: DocumentInput[] = []) {
  return newCase(await contextOf(p.ctx, worker), { givenName, familyName, documents, org_unit: 'GTM', arrival_date: daysAgo(arrivedDaysAgo) });
}

let martinez: { id: string; reference: string };
let martin: { id: string; reference: string };
let aju: { id: string; reference: string };
let lopez: { id: string; reference: string };

beforeAll(async () => {
  p = await startTestPlatform();
  worker = await p.userSession('case_worker', ['GTM']);
  martinez = await caseFor('José', 'Martínez López', 40);
  martin = await caseFor('Martín', 'Coc', 20);
  aju = await caseFor('María', 'Ajú Xicará', 10, [{ kind: 'other', number: 'ab-cd ef' }]);
  lopez = await caseFor('Rosa', 'López', 5, [{ kind: 'national_id', number: '2345 67890 0101' }]);
});
afterAll(() => p.close());

describe('the caseload search', () => {
  it('finds names whatever the accents and the case, newest arrival first, and counts every match', async () => {
    for (const q of ['martí', 'MARTI', 'Martí']) {
      const page = await list(`q=${encodeURIComponent(q)}`);
      expect(page.items.map((c) => c.id)).toEqual([martin.id, martinez.id]);
      expect(page.total).toBe(2);
    }
    expect((await list('q=xicara')).items.map((c) => c.id)).toEqual([aju.id]);
    expect((await list(`q=${encodeURIComponent('lópez')}`)).items.map((c) => c.id)).toEqual([lopez.id, martinez.id]);
    // LIKE wildcards typed in the search are plain characters.
    expect((await list('q=%25%25')).total).toBe(0);
  });

  it('finds a document with or without digits and a reference, and nothing else for them', async () => {
    expect((await list('q=2345-67890-0101')).items.map((c) => c.id)).toEqual([lopez.id]);
    expect((await list('q=ABCDEF')).items.map((c) => c.id)).toEqual([aju.id]);
    expect((await list(`q=${martin.reference.toLowerCase()}`)).items.map((c) => c.id)).toEqual([martin.id]);
    expect((await list('q=99999999')).total).toBe(0);
  });

  it('keeps the total on every page of a search, past the last one too', async () => {
    const first = await list('q=ar&page_size=1');
    const second = await list('q=ar&page_size=1&page=2');
    const past = await list('q=ar&page_size=1&page=50');
    const all = await list('q=ar');
    expect(all.total).toBe(all.items.length);
    expect(all.items.map((c) => c.id)).toEqual([aju.id, martin.id, martinez.id]);
    expect([first.total, second.total, past.total]).toEqual([all.total, all.total, all.total]);
    expect([...first.items, ...second.items].map((c) => c.id)).toEqual(all.items.slice(0, 2).map((c) => c.id));
    expect(past.items).toEqual([]);
  });

  it('follows the person: a new name is found and the old one no longer, an erased person by neither', async () => {
    const renamed = await caseFor('Tránsito', 'Pérez', 3);
    const personId = ((await worker.request('GET', `${base}/cases/${renamed.id}`)).json() as { person: { id: string } }).person.id;
    const patched = await worker.request('PATCH', `/api/v1/persons/${personId}`, { family_name: 'Quiñónez' });
    expect(patched.statusCode, patched.body).toBe(200);
    expect((await list('q=quinonez')).items.map((c) => c.id)).toEqual([renamed.id]);
    expect((await list('q=perez')).total).toBe(0);

    const admin = await p.userSession('admin', ['GTM']);
    expect((await admin.request('DELETE', `/api/v1/persons/${personId}`)).statusCode).toBeLessThan(300);
    expect((await list('q=quinonez')).total).toBe(0);
    expect((await list('q=transito')).total).toBe(0);
  });
});
