import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { testConfig, testEngine } from '../../test/engine.js';
import { TEST_PASSWORD, platformModules } from '../../test/platform.js';
import { openDatabase } from '../db/engine.js';
import { openPlatform } from '../platform.js';
import { buildApp } from '../http/app.js';
import { createUser } from '../access/users.js';
import { CLI_META, SYSTEM, type AppContext } from '../context.js';
import { roleCanRewriteAudit, sealPending, verifyAuditChain } from './store.js';

// Issue 12, finding 8: the runtime role cannot alter, disable or own the audit objects. Migrations run as an owner
// role; the server connects as a runtime role granted SELECT and INSERT on the audit tables. PostgreSQL only: the
// embedded engine has one role, a superuser (README says so).

describe.skipIf(testEngine !== 'postgres')('two database roles on PostgreSQL', () => {
  const suffix = `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const ownerRole = `mide_owner_${suffix}`;
  const appRole = `mide_app_${suffix}`;
  const dbName = `mide_roles_${suffix}`;
  let admin: pg.Client;
  let ctx: AppContext;
  let app: FastifyInstance;
  let runtime: pg.Client;
  const urlAs = (user: string) => {
    const url = new URL(process.env.MIDE_TEST_PG_URL!);
    url.username = user;
    url.password = 'una clave de prueba';
    url.pathname = `/${dbName}`;
    return url.toString();
  };

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: process.env.MIDE_TEST_PG_URL });
    await admin.connect();
    // The SQL README gives an operator.
    await admin.query(`CREATE ROLE ${ownerRole} LOGIN PASSWORD 'una clave de prueba'`);
    await admin.query(`CREATE ROLE ${appRole} LOGIN PASSWORD 'una clave de prueba'`);
    await admin.query(`CREATE DATABASE ${dbName} OWNER ${ownerRole}`);
    const config = testConfig({ databaseUrl: urlAs(appRole), ownerDatabaseUrl: urlAs(ownerRole) });
    ctx = await openPlatform(config, { modules: platformModules, command: 'test', database: await openDatabase({ databaseUrl: config.databaseUrl, poolSize: 4 }), bundledData: false });
    app = await buildApp(ctx, { logger: false, serveWeb: false });
    await app.ready();
    runtime = new pg.Client({ connectionString: urlAs(appRole) });
    await runtime.connect();
  }, 120_000);
  afterAll(async () => {
    await runtime?.end();
    await app?.close();
    await ctx?.database.close();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.query(`DROP ROLE IF EXISTS ${appRole}`);
    await admin.query(`DROP ROLE IF EXISTS ${ownerRole}`);
    await admin.end();
  });

  it('migrated as the owner: the owner owns the audit tables, the runtime role owns nothing', async () => {
    const { rows } = await runtime.query<{ relname: string; owner: string }>(
      `SELECT relname, pg_get_userbyid(relowner) AS owner FROM pg_class WHERE relname IN ('audit_log', 'audit_seals', 'persons')`,
    );
    expect(rows).toHaveLength(3);
    for (const r of rows) expect(r.owner).toBe(ownerRole);
    expect(await roleCanRewriteAudit(ctx.db)).toBe(false);
  });

  it.each([
    'ALTER TABLE audit_log DISABLE TRIGGER ALL',
    'ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete',
    "UPDATE audit_log SET action = 'x'",
    'DELETE FROM audit_log',
    'TRUNCATE audit_log',
    'DROP TABLE audit_log',
    `ALTER TABLE audit_log OWNER TO current_user`,
    'ALTER TABLE audit_seals DISABLE TRIGGER ALL',
    "UPDATE audit_seals SET hash = 'x'",
    'DELETE FROM audit_seals',
    'TRUNCATE audit_seals',
    'DROP TABLE audit_seals',
    'ALTER TABLE audit_seals OWNER TO current_user',
    'ALTER TABLE audit_seals DROP CONSTRAINT audit_seals_seq_audit_log_seq_fk',
    'DROP TRIGGER audit_seals_no_update_delete ON audit_seals',
    'CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$',
  ])('refuses the runtime role: %s', async (statement) => {
    await expect(runtime.query(statement)).rejects.toThrow(/permission denied|must be owner|must be a member/);
  });

  it('works as the runtime role: a write and a read of personal data, audited and sealed', async () => {
    const email = `caseworker.${suffix}@example.org`;
    await createUser(ctx, SYSTEM, CLI_META, { email, displayName: 'Caseworker', roleId: 'case_worker', password: TEST_PASSWORD, captureScope: ['GTM'], viewScope: ['GTM'] });
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: TEST_PASSWORD } });
    expect(login.statusCode, login.body).toBe(200);
    const cookie = `mide_session=${login.cookies.find((c) => c.name === 'mide_session')!.value}`;
    const headers = { cookie, 'x-csrf-token': (login.json() as { csrfToken: string }).csrfToken };
    const created = await app.inject({ method: 'POST', url: '/api/v1/persons', headers, payload: { givenName: 'Ana', familyName: 'Rol', orgUnitCode: 'GTM' } });
    expect(created.statusCode, created.body).toBe(201);
    const read = await app.inject({ method: 'GET', url: `/api/v1/persons/${created.json().id}`, headers });
    expect(read.statusCode, read.body).toBe(200);
    const { sealed } = await sealPending(ctx);
    expect(sealed).toBeGreaterThanOrEqual(3);
    const verified = await verifyAuditChain(ctx);
    expect(verified).toMatchObject({ ok: true, pending: 0 });
    expect(verified.checked).toBeGreaterThanOrEqual(3);
  });

  it('applies the grants again on the next start (idempotent) and covers what the owner adds', async () => {
    const again = await openPlatform(testConfig({ databaseUrl: urlAs(appRole), ownerDatabaseUrl: urlAs(ownerRole) }), {
      modules: platformModules,
      command: 'test',
      database: await openDatabase({ databaseUrl: urlAs(appRole), poolSize: 1 }),
      seed: false,
    });
    try {
      expect(await roleCanRewriteAudit(again.db)).toBe(false);
    } finally {
      await again.database.close();
    }
  });

  it('says so when the server runs as the role that owns the audit tables', async () => {
    const asOwner = await openPlatform(testConfig({ databaseUrl: urlAs(ownerRole) }), {
      modules: platformModules,
      command: 'test',
      database: await openDatabase({ databaseUrl: urlAs(ownerRole), poolSize: 1 }),
      migrate: false,
      seed: false,
    });
    try {
      expect(await roleCanRewriteAudit(asOwner.db)).toBe(true);
    } finally {
      await asOwner.database.close();
    }
  });
});
