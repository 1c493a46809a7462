import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { migrationsFolder } from '../db/engine.js';
import { platformModules, startTestPlatform, type TestPlatform } from '../../test/platform.js';
import { testConfig } from '../../test/engine.js';
import { InstalledModules, ManifestError } from '../installed-modules.js';
import type { PlatformModule } from '../module.js';
import { buildApp } from '../http/app.js';
import { openPlatform } from '../platform.js';
import { applyStartingGrants } from './grants.js';
import { roleGrantsApplied, roles } from './schema.js';

/** A manifest of a module that does not exist, to add verbs and grants to the real ones. */
function fixtureModule(overrides: Partial<PlatformModule> = {}): PlatformModule {
  return {
    id: 'fixture',
    apiPrefix: 'fixture',
    permissions: ['fixture.read'],
    grants: { viewer: ['fixture.read'] },
    tables: {},
    tablePrefixes: ['fx_'],
    messages: { es: {} },
    authorization: {},
    privacy: null,
    ...overrides,
  };
}

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(() => platform.close());

const verbsOf = async (roleId: string) => (await platform.ctx.db.select().from(roles).where(eq(roles.id, roleId)))[0]?.permissions;

/** A later start of the platform on the same database: migrations already applied, the seed run again. */
const restart = (modules = platformModules) => openPlatform(testConfig(), { modules, command: 'test', database: platform.testDb.database, migrate: false, bundledData: false });

describe('grants to starting roles, applied once each', () => {
  it('records every grant of the manifests as applied, the admin role holding every verb', async () => {
    const applied = await platform.ctx.db.select().from(roleGrantsApplied);
    const keys = new Set(applied.map((g) => `${g.roleId} ${g.permission}`));
    for (const g of platformModules.grants) expect(keys, `${g.roleId} ${g.permission}`).toContain(`${g.roleId} ${g.permission}`);
    expect(new Set(await verbsOf('admin'))).toEqual(new Set(platformModules.permissions));
    expect(await verbsOf('viewer')).toEqual(['data.read']);
  });

  it('keeps a verb an administrator removed from a role removed after a restart', async () => {
    const admin = await platform.userSession('admin', ['001']);
    const removed = await admin.request('PUT', '/api/v1/admin/roles/analyst', { permissions: ['data.read', 'data.import'] });
    expect(removed.statusCode, removed.body).toBe(200);
    await restart();
    expect(await verbsOf('analyst')).toEqual(['data.import', 'data.read']);
    const granted = await platform.ctx.db.select().from(roleGrantsApplied).where(eq(roleGrantsApplied.roleId, 'analyst'));
    expect(granted.map((g) => g.permission)).toEqual(expect.arrayContaining(['indicators.manage', 'remittances.quotes']));
  });

  it('applies a grant a manifest adds at the next start, once', async () => {
    const withFixture = new InstalledModules([...platformModules.list, fixtureModule()]);
    const first = await restart(withFixture);
    expect(await verbsOf('viewer')).toEqual(['data.read', 'fixture.read']);
    expect(await verbsOf('admin')).toContain('fixture.read');

    const admin = await platform.userSession('admin', ['001']);
    expect((await admin.request('PUT', '/api/v1/admin/roles/viewer', { permissions: ['data.read'] })).statusCode).toBe(200);
    expect(await applyStartingGrants(first.db, withFixture.roles, withFixture.grants)).toEqual([]);
    expect(await verbsOf('viewer')).toEqual(['data.read']);
  });

  it('creates a starting role a new module introduces, with its grants', async () => {
    const withRole = new InstalledModules([...platformModules.list, fixtureModule({ id: 'fixture2', apiPrefix: 'fixture2', permissions: ['fixture2.work'], roles: [{ id: 'fixture_worker' }], grants: { fixture_worker: ['fixture2.work', 'persons.read'] } })]);
    await restart(withRole);
    expect(await verbsOf('fixture_worker')).toEqual(['fixture2.work', 'persons.read']);
  });
});

describe('migration 0018 on a database that already has its roles', () => {
  it('records as applied every grant the seed and the earlier migrations gave: nothing is granted again', async () => {
    const { db } = platform.ctx;
    const file = readFileSync(join(migrationsFolder, '0018_role_grants_applied.sql'), 'utf8');
    const record = file.split('--> statement-breakpoint').at(-1)!;
    await db.delete(roleGrantsApplied);
    await db.execute(sql.raw(record));
    expect(await applyStartingGrants(db, platformModules.roles, platformModules.grants)).toEqual([]);
  });
});

describe('manifests checked at start', () => {
  it('refuses a grant of a verb nobody declares, to a role nobody declares, of a verb the module does not own, and a verb declared twice', () => {
    expect(() => new InstalledModules([...platformModules.list, fixtureModule({ grants: { viewer: ['fixture.nothing'] } })])).toThrow(/"fixture.nothing"/);
    expect(() => new InstalledModules([...platformModules.list, fixtureModule({ grants: { nobody: ['fixture.read'] } })])).toThrow(/"nobody"/);
    expect(() => new InstalledModules([...platformModules.list, fixtureModule({ permissions: ['cases.read'] })])).toThrow(ManifestError);
    // A grant belongs to the verb's owner: another module's verb, or a core verb to a role the module does not introduce.
    expect(() => new InstalledModules([...platformModules.list, fixtureModule({ grants: { viewer: ['cases.read'] } })])).toThrow(/a module grants its own verbs/);
    expect(() => new InstalledModules([...platformModules.list, fixtureModule({ grants: { viewer: ['persons.read'] } })])).toThrow(/a module grants its own verbs/);
    expect(() => new InstalledModules([...platformModules.list, fixtureModule({ apiPrefix: 'evidence' })])).toThrow(/API prefix/);
  });

  it('does not start when a route requires a verb nobody declares', async () => {
    const routes = () => async (app: import('fastify').FastifyInstance) => {
      app.get('/things', { config: { permission: 'fixture.undeclared' } }, async () => ({}));
    };
    const modules = new InstalledModules([...platformModules.list, fixtureModule({ routes })]);
    await expect(buildApp({ ...platform.ctx, modules }, { logger: false, serveWeb: false })).rejects.toThrow(/GET \/api\/v1\/fixture\/things requires the verb "fixture.undeclared"/);
  });
});
