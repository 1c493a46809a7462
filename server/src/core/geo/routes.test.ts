import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { CLI_META, SYSTEM } from '../context.js';
import { importCodeList } from './service.js';
import { wordProblem } from '../http/errors.js';
import { orgUnits } from './schema.js';
import { loadBundledDivisions } from './seed-data.js';
import { seedDivisions } from './store.js';
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
    expect(items.every((i) => i.parent_code === '013')).toBe(true);
    // Each country holds its bundled first-level divisions.
    expect(items.find((i) => i.code === 'GTM')?.child_count).toBe(22);
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

  it('holds every country\'s ISO 3166-2 divisions under it, found by their code, with their codes', async () => {
    const children = await viewer.request('GET', '/api/v1/org-units?parent=GTM', undefined, { 'accept-language': 'en' });
    const iso = (children.json().items as { code: string; kind: string }[]).filter((i) => i.code.startsWith('GT-'));
    expect(iso).toHaveLength(22);
    expect(iso.every((i) => i.kind === 'division')).toBe(true);
    const one = await viewer.request('GET', '/api/v1/org-units/GT-SA');
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ code: 'GT-SA', kind: 'division', parent_code: 'GTM', name_es: 'Sacatepéquez', codes: [{ scheme: 'iso_3166_2', code: 'GT-SA' }] });
    expect(one.json().ancestors.map((a: { code: string }) => a.code)).toEqual(['001', '019', '419', '013', 'GTM']);
    const mexico = await viewer.request('GET', '/api/v1/org-units/MX-CMX', undefined, { 'accept-language': 'es' });
    expect(mexico.json()).toMatchObject({ parent_code: 'MEX', name: 'Ciudad de México' });
  });

  it('adds no division twice at a later start, and leaves what an administrator changed', async () => {
    await platform.ctx.db.update(orgUnits).set({ nameEs: 'Petén (editado)' }).where(eq(orgUnits.code, 'GT-PE'));
    expect(await seedDivisions(platform.ctx.db, loadBundledDivisions())).toEqual({ created: 0, attached: 0 });
    const [peten] = await platform.ctx.db.select().from(orgUnits).where(eq(orgUnits.code, 'GT-PE'));
    expect(peten?.nameEs).toBe('Petén (editado)');
  });

  it('finds a unit by its P-code or statistics office code, and shows all its codes', async () => {
    const csv = 'code,name,parent_code,pcode,codigo_ine\nGTSA01,Antigua Guatemala,GT-SA,GT0301,0301\n';
    expect(await importCodeList(platform.ctx, SYSTEM, CLI_META, csv, false)).toEqual({ imported: 1 });
    for (const code of ['GT0301', '0301', 'GTSA01']) {
      const res = await viewer.request('GET', `/api/v1/org-units/${code}`);
      expect(res.statusCode, code).toBe(200);
      expect(res.json()).toMatchObject({
        code: 'GTSA01',
        kind: 'municipality',
        parent_code: 'GT-SA',
        codes: [
          { scheme: 'nso_code', code: '0301' },
          { scheme: 'pcode', code: 'GT0301' },
        ],
      });
    }
  });

  it('imports under a parent given by its ISO code when that is not its own code', async () => {
    const province = 'code,name,parent_code,iso_3166_2\nPAPRUEBA,Provincia de prueba,PAN,PA-ZZ\n';
    expect(await importCodeList(platform.ctx, SYSTEM, CLI_META, province, false)).toEqual({ imported: 1 });
    const admin = await platform.userSession('national_coordinator', ['PAN']);
    const res = await admin.request('POST', '/api/v1/org-units/import', { csv: 'code,name,parent_code\nPAPRUEBA01,Distrito de prueba,pa-zz\n' });
    expect(res.json()).toEqual({ imported: 1, dry_run: false });
    const district = await admin.request('GET', '/api/v1/org-units/PAPRUEBA01');
    expect(district.json()).toMatchObject({ parent_code: 'PAPRUEBA', kind: 'municipality', path: '/001/019/419/013/PAN/PAPRUEBA/PAPRUEBA01/' });
  });

  it('refuses a code another unit carries, in any scheme, with its row and column', async () => {
    const gtm = await platform.userSession('national_coordinator', ['GTM']);
    const csv = 'code,name,parent_code,pcode,iso_3166_2\nGTSA02,Jocotenango,GT-SA,GT0302,\nGTSA03,Pastores,GT-SA,GT0301,\nGTSA04,Sumpango,GT-SA,,GT-SA\nGTSA05,Otro,GT-SA,GT0302,\n';
    const res = await gtm.request('POST', '/api/v1/org-units/import', { csv });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([
      { path: 'fila 3, columna pcode', message: expect.stringContaining('«GT0301» ya existe') },
      { path: 'fila 4, columna iso_3166_2', message: expect.stringContaining('«GT-SA» ya existe') },
      { path: 'fila 5, columna pcode', message: expect.stringContaining('«GT0302» ya aparece en la fila 2') },
    ]);
    expect(await platform.ctx.db.select().from(orgUnits).where(inArray(orgUnits.code, ['GTSA02', 'GTSA03', 'GTSA04', 'GTSA05']))).toEqual([]);
  });

  it('makes a department of an office\'s own code list the bundled one of that name, not a second one beside it', async () => {
    const csv = 'code,name,parent_code,nso_code\nSV01,Ahuachapán,SLV,01\nSV0101,Ahuachapán,SV01,0101\nSV77,Departamento nuevo,SLV,\n';
    expect(await importCodeList(platform.ctx, SYSTEM, CLI_META, csv, false)).toEqual({ imported: 3 });
    const ahuachapan = await viewer.request('GET', '/api/v1/org-units/SV-AH');
    expect(ahuachapan.json()).toMatchObject({
      code: 'SV01',
      path: '/001/019/419/013/SLV/SV01/',
      child_count: 1,
      codes: [
        { scheme: 'iso_3166_2', code: 'SV-AH' },
        { scheme: 'nso_code', code: '01' },
      ],
    });
    const children = await viewer.request('GET', '/api/v1/org-units?parent=SLV');
    const names = (children.json().items as { name_es: string }[]).map((i) => i.name_es);
    expect(names.filter((n) => n === 'Ahuachapán')).toHaveLength(1);
    expect(names).toHaveLength(15);
    // Once the unit is its own, a later list naming it again is refused as before.
    const again = await importCodeList(platform.ctx, SYSTEM, CLI_META, 'code,name,parent_code\nSV01,Ahuachapán,SLV\n', false);
    expect(again.errors && wordProblem(again.errors[0]!, 'en').message).toContain('already exists');
  });
});
