import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { loadOrder, restoreBackup, RestoreError, writeBackup } from './backup.js';
import { createPglite, openDatabase, rowsOf, type Database } from './engine.js';
import { recordAudit, verifyAuditChain } from '../audit/store.js';
import { openPlatform } from '../platform.js';
import { buildApp } from '../http/app.js';
import { createUser } from '../access/users.js';
import { CLI_META, SYSTEM } from '../context.js';
import { auditChainOf, cloneTemplate, emptyDatabase, sealAll, testConfig, testEngine, type TestDatabase } from '../../test/engine.js';
import { startTestPlatform, TEST_PASSWORD, type TestPlatform } from '../../test/platform.js';

/** Fresh databases carry the evidence module's seed (hundreds of thousands of rows): restores take a while. */
const SLOW = 300_000;
const tmp = join(fileURLToPath(new URL('../../../../', import.meta.url)), '.test-tmp', `backup-${process.pid}`);

describe('loadOrder', () => {
  const fks = [
    { child: 'consents', parent: 'persons' },
    { child: 'consents', parent: 'users' },
    { child: 'persons', parent: 'org_units' },
    { child: 'persons', parent: 'users' },
    { child: 'users', parent: 'roles' },
    { child: 'user_scopes', parent: 'users' },
    { child: 'user_scopes', parent: 'org_units' },
    { child: 'org_units', parent: 'org_units' }, // a tree
  ];
  const tables = ['audit_log', 'consents', 'org_units', 'persons', 'roles', 'user_scopes', 'users'];

  it('puts every parent before its children', () => {
    const order = loadOrder(tables, fks);
    expect([...order].sort()).toEqual([...tables].sort());
    for (const fk of fks) if (fk.child !== fk.parent) expect(order.indexOf(fk.parent), `${fk.parent} before ${fk.child}`).toBeLessThan(order.indexOf(fk.child));
  });

  it('gives the same order whatever the order of its input', () => {
    expect(loadOrder([...tables].reverse(), fks)).toEqual(loadOrder(tables, fks));
  });

  it('ignores self-references and parents that are not being loaded', () => {
    expect(loadOrder(['org_units'], fks)).toEqual(['org_units']);
    expect(loadOrder(['consents', 'persons'], fks)).toEqual(['persons', 'consents']);
  });

  it('terminates on a cycle between tables', () => {
    const order = loadOrder(['a', 'b'], [
      { child: 'a', parent: 'b' },
      { child: 'b', parent: 'a' },
    ]);
    expect([...order].sort()).toEqual(['a', 'b']);
  });
});

/**
 * Every public table as its row count and a digest of its rows (as JSON text, sorted byte-wise so that
 * the engines' default collations do not matter). The evidence module seeds hundreds of thousands of rows:
 * digests keep the comparison in the database.
 */
async function snapshot(database: Database): Promise<Record<string, { rows: number; md5: string }>> {
  return database.db.transaction(async (tx) => {
    // Timestamps print in the session's time zone: make both sides print alike.
    await tx.execute(sql`SET LOCAL TimeZone = 'UTC'`);
    const tables = rowsOf<{ name: string }>(
      await tx.execute(sql`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`),
    );
    const out: Record<string, { rows: number; md5: string }> = {};
    for (const { name } of tables) {
      const [row] = rowsOf<{ rows: number; md5: string | null }>(
        await tx.execute(
          sql.raw(`SELECT count(*)::int AS rows, md5(string_agg(j, E'\\n' ORDER BY j COLLATE "C")) AS md5 FROM (SELECT row_to_json(t)::text AS j FROM "${name}" t) s`),
        ),
      );
      out[name] = { rows: row!.rows, md5: row!.md5 ?? '' };
    }
    return out;
  });
}

type Snapshot = Awaited<ReturnType<typeof snapshot>>;
const counts = (s: Snapshot) => Object.fromEntries(Object.entries(s).map(([t, v]) => [t, v.rows]));
const total = (s: Snapshot) => Object.values(s).reduce((n, v) => n + v.rows, 0);

async function maxSeq(database: Database): Promise<number> {
  const [row] = await database.rows<{ n: number | string }>(sql`SELECT max(seq) AS n FROM audit_log`);
  return Number(row!.n);
}

/** Fills a platform with one of everything: users with scopes, sessions, people, consents, an imported tree, audit entries. */
async function populate(platform: TestPlatform) {
  const admin = await platform.userSession('admin', ['001']); // a session, a TOTP seed, login audit entries
  const csv = ['code,name,parent_code', 'GT0101,Ciudad de Guatemala,GT01', 'GT01,Guatemala,GTM', 'GT0102,Mixco,GT01', 'GT02,El Progreso,GTM', 'GT0201,Guastatoya,GT02'].join('\n');
  const imported = await admin.request('POST', '/api/v1/org-units/import', { csv });
  expect(imported.statusCode, imported.body).toBe(200);
  expect(imported.json().imported).toBe(5);
  const officer = await platform.userSession('case_worker', ['GT01'], ['GTM']);
  for (const [givenName, familyName, orgUnitCode] of [
    ['Ana', 'Pérez', 'GT0101'],
    ['José', 'Núñez', 'GT0102'],
    ['Zoë', "O'Brien \"Beto\"\nsegunda línea", 'GT01'],
  ] as const) {
    const person = await officer.request('POST', '/api/v1/persons', { givenName, familyName, orgUnitCode, birthDate: '1990-02-28', phone: '+502 5555 0000' });
    expect(person.statusCode, person.body).toBe(201);
    const consent = await officer.request('POST', `/api/v1/persons/${person.json().id}/consents`, { purpose: 'follow_up', scope: 'caso', channel: 'paper_form' });
    expect(consent.statusCode, consent.body).toBe(201);
  }
  return { admin, officer };
}

describe('backup and restore', () => {
  let platform: TestPlatform;
  let file: string;
  let source: Snapshot;
  beforeAll(async () => {
    mkdirSync(tmp, { recursive: true });
    platform = await startTestPlatform();
    await populate(platform);
    source = await snapshot(platform.ctx.database);
    file = join(tmp, 'round-trip.mide.gz');
    const written = await writeBackup(platform.ctx.database, file);
    expect(written.rows).toBe(total(source));
    expect(written.tables).toBe(Object.keys(source).length);
  }, SLOW);
  afterAll(async () => {
    await platform.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('writes a gzip’d JSON-lines file with a header naming every table', () => {
    const lines = gunzipSync(readFileSync(file)).toString('utf8').trimEnd().split('\n');
    const header = JSON.parse(lines[0]!) as { format: string; version: number; engine: string; migrations: number; tables: string[] };
    expect(header).toMatchObject({ format: 'mide-backup', version: 1, engine: testEngine });
    expect(header.migrations).toBeGreaterThan(0);
    expect([...header.tables].sort()).toEqual(Object.keys(source).sort());
    // Parents before children, so that a restore inserts rows as it reads them.
    const at = (table: string) => header.tables.indexOf(table);
    const pairs: [string, string][] = [['roles', 'users'], ['users', 'sessions'], ['org_units', 'persons'], ['persons', 'consents'], ['users', 'user_scopes']];
    for (const [parent, child] of pairs) {
      expect(at(parent), `${parent} before ${child}`).toBeLessThan(at(child));
    }
    const tablesInFileOrder = lines.filter((l) => l.startsWith('{"table":')).map((l) => (JSON.parse(l) as { table: string }).table);
    expect(tablesInFileOrder).toEqual(header.tables);
  });

  describe('into an empty database', () => {
    let target: TestDatabase;
    beforeAll(async () => {
      target = await emptyDatabase();
      await target.database.migrate();
      const restored = await restoreBackup(target.database, file);
      expect(restored.rows).toBe(total(source));
    }, SLOW);
    afterAll(() => target.drop());

    it('restores every table with the same number of rows', async () => {
      const copy = await snapshot(target.database);
      expect(counts(copy)).toEqual(counts(source));
      // The fixture must really exercise every kind of row.
      for (const table of ['users', 'user_scopes', 'sessions', 'persons', 'consents', 'org_units', 'roles', 'audit_log']) {
        expect(copy[table]!.rows, table).toBeGreaterThan(0);
      }
    });

    it('restores identical rows (timestamps, arrays, jsonb, quotes and new lines included)', async () => {
      expect(await snapshot(target.database)).toEqual(source);
    });

    it('restores the org-unit tree with its parent links', async () => {
      const rows = await target.database.rows<{ code: string; parent: string | null }>(
        sql`SELECT c.code, p.code AS parent FROM org_units c LEFT JOIN org_units p ON p.id = c.parent_id WHERE c.code LIKE 'GT0%' ORDER BY c.code`,
      );
      expect(rows).toEqual([
        { code: 'GT01', parent: 'GTM' },
        { code: 'GT0101', parent: 'GT01' },
        { code: 'GT0102', parent: 'GT01' },
        { code: 'GT02', parent: 'GTM' },
        { code: 'GT0201', parent: 'GT02' },
      ]);
    });

    it('restores an audit chain that verifies', async () => {
      await sealAll(auditChainOf(target.database));
      const check = await verifyAuditChain(auditChainOf(target.database));
      expect(check).toMatchObject({ ok: true, checked: source.audit_log!.rows, firstBrokenSeq: null, pending: 0 });
    });

    it('continues the sequences: the next audit entry gets max(seq) + 1 and extends the chain', async () => {
      const before = await maxSeq(target.database);
      await recordAudit(target.database.db, { actorId: null, actorLabel: 'after-restore', action: 'test.after_restore', recordType: 'test' });
      expect(await maxSeq(target.database)).toBe(before + 1);
      await sealAll(auditChainOf(target.database));
      expect(await verifyAuditChain(auditChainOf(target.database))).toMatchObject({ ok: true, checked: source.audit_log!.rows + 1 });
    });

    it('lets the restored users sign in with their passwords', async () => {
      const ctx = await openPlatform(testConfig(), { command: 'test', database: target.database, migrate: false, seed: false });
      const app = await buildApp(ctx, { logger: false, serveWeb: false });
      try {
        const [user] = await target.database.rows<{ email: string }>(sql`SELECT email FROM users WHERE role_id = 'case_worker'`);
        const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: user!.email, password: TEST_PASSWORD } });
        expect(login.statusCode).toBe(200);
        // Creating a user inserts rows with generated keys: no clash with restored ones.
        await createUser(ctx, SYSTEM, CLI_META, { email: 'nueva@example.org', displayName: 'Nueva', roleId: 'viewer', password: TEST_PASSWORD, captureScope: ['GT01'], viewScope: ['GT01'] });
      } finally {
        await app.close();
      }
    });
  });

  it('rejects, rather than crashing the process, when the file cannot be created', async () => {
    const path = join(tmp, 'no-such-folder', 'backup.gz');
    await expect(writeBackup(platform.ctx.database, path)).rejects.toThrow('no-such-folder');
  });

  it('leaves the last good backup in place, and no partial file, when a backup fails half-way', async () => {
    const folder = join(tmp, 'keeps-last');
    mkdirSync(folder, { recursive: true });
    const path = join(folder, 'nightly.mide.gz');
    writeFileSync(path, 'the backup of last night');
    const lost = await openDatabase({ pglite: await createPglite() });
    await lost.close(); // the connection goes away once the file is open
    await expect(writeBackup(lost, path)).rejects.toThrow();
    expect(readFileSync(path, 'utf8')).toBe('the backup of last night');
    expect(readdirSync(folder)).toEqual(['nightly.mide.gz']);
  });

  describe('refusals, all or nothing', () => {
    it('refuses a database that is not empty and changes nothing in it', { timeout: SLOW }, async () => {
      const before = await snapshot(platform.ctx.database);
      const error = await restoreBackup(platform.ctx.database, file).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RestoreError);
      expect((error as Error).message).toMatch(/not empty/);
      expect(await snapshot(platform.ctx.database)).toEqual(before);
    });

    it('refuses a freshly seeded database (roles and org units are rows too)', { timeout: SLOW }, async () => {
      const seeded = await cloneTemplate();
      try {
        await expect(restoreBackup(seeded.database, file)).rejects.toBeInstanceOf(RestoreError);
      } finally {
        await seeded.drop();
      }
    });

    describe('on an empty, migrated target', () => {
      let target: TestDatabase;
      beforeAll(async () => {
        target = await emptyDatabase();
        await target.database.migrate();
      }, SLOW);
      afterAll(() => target.drop());

      const expectEmpty = async () => expect(total(await snapshot(target.database))).toBe(0);
      const write = (name: string, content: Buffer | string) => {
        const path = join(tmp, name);
        writeFileSync(path, content);
        return path;
      };
      const lines = () => gunzipSync(readFileSync(file)).toString('utf8').trimEnd().split('\n');

      it('refuses a file that is not gzip', async () => {
        await expect(restoreBackup(target.database, write('plain.txt', 'hello\n'))).rejects.toBeInstanceOf(RestoreError);
        await expect(restoreBackup(target.database, write('empty.gz', ''))).rejects.toBeInstanceOf(RestoreError);
        await expectEmpty();
      });

      it('refuses a gzip file that is not a mide backup', async () => {
        await expect(restoreBackup(target.database, write('other.gz', gzipSync('{"format":"other","version":1}\n')))).rejects.toBeInstanceOf(RestoreError);
        await expectEmpty();
      });

      it('refuses a missing file with a RestoreError (it must not hang)', async () => {
        const error = await restoreBackup(target.database, join(tmp, 'no-such-file.gz')).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(RestoreError);
        expect((error as Error).message).toContain('no-such-file.gz');
        await expectEmpty();
      });

      it('restores nothing from a truncated file', { timeout: SLOW }, async () => {
        const whole = readFileSync(file);
        // Cut deep into the data, after the first tables have been read.
        const error = await restoreBackup(target.database, write('truncated.gz', whole.subarray(0, Math.floor(whole.length * 0.8)))).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(Error);
        await expectEmpty();
      });

      it('restores nothing when a row late in the file is refused by the database', { timeout: SLOW }, async () => {
        // A consent pointing at a person who does not exist: its table loads after users, persons, org units.
        const edited = lines().map((line) => line.replace(/("person_id":")[0-9a-f-]{36}"/, '$100000000-0000-4000-8000-000000000000"'));
        expect(edited.join('\n')).toContain('00000000-0000-4000-8000-000000000000');
        await expect(restoreBackup(target.database, write('bad-row.gz', gzipSync(edited.join('\n') + '\n')))).rejects.toThrow();
        await expectEmpty();
      });

      it('refuses a backup taken at another migration level', { timeout: SLOW }, async () => {
        const [head, ...rest] = lines();
        const header = JSON.parse(head!) as { migrations: number };
        const older = JSON.stringify({ ...header, migrations: header.migrations - 1 });
        const error = await restoreBackup(target.database, write('older.gz', gzipSync([older, ...rest].join('\n') + '\n'))).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(RestoreError);
        expect((error as Error).message).toMatch(/migration level/);
        await expectEmpty();
      });

      it('still restores afterwards (nothing was left half-done), also a file with children before parents', { timeout: SLOW }, async () => {
        // Backups written before tables were ordered parents-first list them alphabetically: consents before persons.
        const [head, ...rest] = lines();
        const groups: string[][] = [];
        for (const line of rest) {
          if (line.startsWith('{"table":')) groups.push([line]);
          else groups.at(-1)!.push(line);
        }
        groups.sort((a, b) => a[0]!.localeCompare(b[0]!));
        const tableOf = (group: string[]) => (JSON.parse(group[0]!) as { table: string }).table;
        expect(groups.findIndex((g) => tableOf(g) === 'consents')).toBeLessThan(groups.findIndex((g) => tableOf(g) === 'persons'));
        const alphabetical = write('alphabetical.gz', gzipSync([head, ...groups.flat()].join('\n') + '\n'));
        const restored = await restoreBackup(target.database, alphabetical);
        expect(restored).toEqual({ tables: Object.keys(source).length, rows: total(source) });
        expect(await snapshot(target.database)).toEqual(source);
      });
    });
  });
});

// The documented path of an office moving from the embedded engine to a PostgreSQL server, and back.
describe.skipIf(testEngine !== 'postgres')('backup across engines', () => {
  let pgPlatform: TestPlatform;
  let pglite: Database;
  beforeAll(async () => {
    mkdirSync(tmp, { recursive: true });
    pgPlatform = await startTestPlatform();
    await populate(pgPlatform);
    // An embedded platform in this process: migrated, seeded, with a user and an audit entry.
    pglite = await openDatabase({ pglite: await createPglite() });
    const ctx = await openPlatform(testConfig(), { command: 'test', database: pglite, bundledData: false });
    await createUser(ctx, SYSTEM, CLI_META, { email: 'oficina@example.org', displayName: 'Oficina', roleId: 'admin', password: TEST_PASSWORD, captureScope: ['GTM'], viewScope: ['419'] });
  }, SLOW);
  afterAll(async () => {
    await pgPlatform.close();
    await pglite.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('restores a PGlite backup into PostgreSQL', { timeout: SLOW }, async () => {
    const file = join(tmp, 'from-pglite.mide.gz');
    const source = await snapshot(pglite);
    await writeBackup(pglite, file);
    const target = await emptyDatabase(); // PostgreSQL in this run
    try {
      expect(target.database.engine).toBe('postgres');
      await target.database.migrate();
      await restoreBackup(target.database, file);
      expect(await snapshot(target.database)).toEqual(source);
      await sealAll(auditChainOf(target.database));
      expect(await verifyAuditChain(auditChainOf(target.database))).toMatchObject({ ok: true, checked: source.audit_log!.rows });
      const before = await maxSeq(target.database);
      await recordAudit(target.database.db, { actorId: null, actorLabel: 'x', action: 'test.after_restore', recordType: 'test' });
      expect(await maxSeq(target.database)).toBe(before + 1);
    } finally {
      await target.drop();
    }
  });

  it('restores a PostgreSQL backup into PGlite', { timeout: SLOW }, async () => {
    const file = join(tmp, 'from-postgres.mide.gz');
    const source = await snapshot(pgPlatform.ctx.database);
    await writeBackup(pgPlatform.ctx.database, file);
    const target = await openDatabase({ pglite: await createPglite() });
    try {
      await target.migrate();
      await restoreBackup(target, file);
      expect(await snapshot(target)).toEqual(source);
      await sealAll(auditChainOf(target));
      expect(await verifyAuditChain(auditChainOf(target))).toMatchObject({ ok: true, checked: source.audit_log!.rows });
      const before = await maxSeq(target);
      await recordAudit(target.db, { actorId: null, actorLabel: 'x', action: 'test.after_restore', recordType: 'test' });
      expect(await maxSeq(target)).toBe(before + 1);
    } finally {
      await target.close();
    }
  });
});
