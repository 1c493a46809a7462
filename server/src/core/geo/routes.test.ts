import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { CLI_META, SYSTEM } from '../context.js';
import { importCodeList } from './service.js';
import { orgUnits } from './schema.js';
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
    expect(world).toMatchObject({ code: '001', kind: 'world', name: 'Mundo', parent_code: null });
    expect(world.child_count).toBeGreaterThanOrEqual(5);
  });

  it('lists the children of a region with their parent code, names in the reader language', async () => {
    const res = await viewer.request('GET', '/api/v1/org-units?parent=013', undefined, { 'accept-language': 'en' });
    const items = res.json().items as { code: string; parent_code: string; name: string; child_count: number }[];
    expect(items.map((i) => i.code)).toEqual(expect.arrayContaining(['GTM', 'HND', 'SLV', 'MEX', 'CRI', 'PAN', 'NIC', 'BLZ']));
    expect(items.every((i) => i.parent_code === '013' && i.child_count === 0)).toBe(true);
  });

  it('finds a country by its Spanish name without accents and gives its ancestors', async () => {
    const search = await viewer.request('GET', '/api/v1/org-units?q=mexico');
    expect(search.json().items.map((i: { code: string }) => i.code)).toContain('MEX');
    const one = await viewer.request('GET', '/api/v1/org-units/GTM');
    expect(one.json()).toMatchObject({ code: 'GTM', parent_code: '013', name_es: 'Guatemala' });
    expect(one.json().ancestors.map((a: { code: string }) => a.code)).toEqual(['001', '019', '419', '013']);
  });

  it('answers 404 for an unknown code', async () => {
    expect((await viewer.request('GET', '/api/v1/org-units/NOPE')).statusCode).toBe(404);
  });

  it('imports units only under parents inside the importer capture scope, all rows or none (finding 5)', async () => {
    const gtm = await platform.userSession('national_coordinator', ['GTM']);
    const csv = 'code,name,parent_code\nGT77,Departamento,GTM\nHN77,Departamento,HND\nHN7701,Municipio,HN77\n';
    for (const dryRun of [true, false]) {
      const res = await gtm.request('POST', '/api/v1/org-units/import', { csv, dry_run: dryRun });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields).toEqual([
        // In the user's language (Spanish here), with its row and column.
        { path: 'fila 3, columna parent_code', message: expect.stringContaining('fuera de su ámbito de captura') },
      ]);
    }
    const units = await platform.ctx.db.select().from(orgUnits).where(inArray(orgUnits.code, ['GT77', 'HN77', 'HN7701']));
    expect(units).toEqual([]);
    // The same coordinator may add under Guatemala, and the system (command line) anywhere.
    const ok = await gtm.request('POST', '/api/v1/org-units/import', { csv: 'code,name,parent_code\nGT77,Departamento,GTM\n' });
    expect(ok.json()).toEqual({ imported: 1, dry_run: false });
    const system = await importCodeList(platform.ctx, SYSTEM, CLI_META, 'code,name,parent_code\nHN77,Departamento,HND\n', false);
    expect(system).toEqual({ imported: 1 });
    expect(await platform.ctx.db.select().from(orgUnits).where(eq(orgUnits.code, 'HN77'))).toHaveLength(1);
  });
});
