import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type Session, type TestPlatform } from '../../test/platform.js';

describe('org unit API', () => {
  let platform: TestPlatform;
  let viewer: Session;
  beforeAll(async () => {
    platform = await startTestPlatform();
    viewer = await platform.userSession('viewer', ['GTM']);
  });
  afterAll(() => platform.close());

  it('lists the top of the tree with child counts', async () => {
    const res = await viewer.request('GET', '/api/v1/org-units');
    expect(res.statusCode).toBe(200);
    const [world] = res.json().items;
    expect(world).toMatchObject({ code: '001', kind: 'world', name: 'Mundo', parentCode: null });
    expect(world.childCount).toBeGreaterThanOrEqual(5);
  });

  it('lists the children of a region with their parent code, names in the reader language', async () => {
    const res = await viewer.request('GET', '/api/v1/org-units?parent=013', undefined, { 'accept-language': 'en' });
    const items = res.json().items as { code: string; parentCode: string; name: string; childCount: number }[];
    expect(items.map((i) => i.code)).toEqual(expect.arrayContaining(['GTM', 'HND', 'SLV', 'MEX', 'CRI', 'PAN', 'NIC', 'BLZ']));
    expect(items.every((i) => i.parentCode === '013' && i.childCount === 0)).toBe(true);
  });

  it('finds a country by its Spanish name without accents and gives its ancestors', async () => {
    const search = await viewer.request('GET', '/api/v1/org-units?q=mexico');
    expect(search.json().items.map((i: { code: string }) => i.code)).toContain('MEX');
    const one = await viewer.request('GET', '/api/v1/org-units/GTM');
    expect(one.json()).toMatchObject({ code: 'GTM', parentCode: '013', nameEs: 'Guatemala' });
    expect(one.json().ancestors.map((a: { code: string }) => a.code)).toEqual(['001', '019', '419', '013']);
  });

  it('answers 404 for an unknown code', async () => {
    expect((await viewer.request('GET', '/api/v1/org-units/NOPE')).statusCode).toBe(404);
  });
});
