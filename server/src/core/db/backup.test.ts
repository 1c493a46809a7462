import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { databaseRefusal, planLoad, restoreBackup, RestoreError, writeBackup, type ForeignKey } from './backup.js';
import { createPglite, openDatabase, rowsOf, type Database } from './engine.js';
import { recordAudit, verifyAuditChain } from '../audit/store.js';
import { openPlatform } from '../platform.js';
import { buildApp } from '../http/app.js';
import { createUser } from '../access/users.js';
import { CLI_META, SYSTEM } from '../context.js';
import { auditChainOf, cloneTemplate, emptyDatabase, sealAll, testConfig, testEngine, type TestDatabase } from '../../test/engine.js';
import { startTestPlatform, TEST_PASSWORD, type TestPlatform, platformModules } from '../../test/platform.js';

/** Fresh databases carry the evidence module's seed (hundreds of thousands of rows): restores take a while. */
const SLOW = 300_000;
const tmp = join(fileURLToPath(new URL('../../../../', import.meta.url)), '.test-tmp', `backup-${process.pid}`);

const fk = (child: string, parent: string, column: string, options: { nullable?: boolean; deferrable?: boolean } = {}): ForeignKey => ({
  name: `${child}_${column}_${parent}_fk`,
  child,
  parent,
  columns: [column],
  nullable: options.nullable ?? false,
  deferrable: options.deferrable ?? false,
});

describe('planLoad', () => {
  const fks = [
    fk('consents', 'persons', 'person_id'),
    fk('consents', 'users', 'recorded_by', { nullable: true }),
    fk('persons', 'org_units', 'org_unit_id'),
    fk('persons', 'users', 'created_by', { nullable: true }),
    fk('users', 'roles', 'role_id'),
    fk('user_scopes', 'users', 'user_id'),
    fk('user_scopes', 'org_units', 'org_unit_id'),
    fk('org_units', 'org_units', 'parent_id', { nullable: true }), // a tree
  ];
  const tables = ['audit_log', 'consents', 'org_units', 'persons', 'roles', 'user_scopes', 'users'];
  // The remittances module: a project needs its association; attachments, associations and projects link each other.
  const remittances = [
    fk('rm_projects', 'rm_associations', 'association_id'),
    fk('rm_projects', 'rm_attachments', 'minutes_attachment_id', { nullable: true }),
    fk('rm_projects', 'rm_attachments', 'agreement_attachment_id', { nullable: true }),
    fk('rm_associations', 'rm_attachments', 'registration_document_id', { nullable: true }),
    fk('rm_attachments', 'rm_associations', 'association_id', { nullable: true }),
    fk('rm_attachments', 'rm_projects', 'project_id', { nullable: true }),
    fk('rm_contributions', 'rm_projects', 'project_id'),
  ];
  const rmTables = ['rm_associations', 'rm_attachments', 'rm_contributions', 'rm_projects'];
  /** Every link that is not deferred goes from a table to one loaded before it. */
  const expectLoadable = (order: string[], all: ForeignKey[], deferred: ForeignKey[]) => {
    for (const f of all) {
      if (f.child === f.parent || deferred.includes(f) || f.deferrable) continue;
      expect(order.indexOf(f.parent), `${f.parent} before ${f.child}`).toBeLessThan(order.indexOf(f.child));
    }
  };

  it('puts every parent before its children and defers self-references', () => {
    const { order, deferred } = planLoad(tables, fks);
    expect([...order].sort()).toEqual([...tables].sort());
    expectLoadable(order, fks, deferred);
    expect(deferred.map((f) => f.name)).toEqual(['org_units_parent_id_org_units_fk']);
  });

  it('gives the same plan whatever the order of its input', () => {
    expect(planLoad([...tables].reverse(), [...fks].reverse())).toEqual(planLoad(tables, fks));
  });

  it('ignores parents that are not being loaded', () => {
    expect(planLoad(['org_units'], fks).order).toEqual(['org_units']);
    expect(planLoad(['consents', 'persons'], fks).order).toEqual(['persons', 'consents']);
  });

  it('breaks the cycle of associations, attachments and projects at nullable links, keeping the one that may not be empty', () => {
    const { order, deferred } = planLoad(rmTables, remittances);
    expectLoadable(order, remittances, deferred);
    expect(deferred.length).toBeGreaterThan(0);
    expect(deferred.every((f) => f.nullable)).toBe(true);
    expect(deferred.map((f) => f.name)).not.toContain('rm_projects_association_id_rm_associations_fk');
    expect(order.indexOf('rm_associations')).toBeLessThan(order.indexOf('rm_projects'));
    // Only what is needed: the attachments' two links; attachments go in first, then associations, then projects.
    expect(deferred.map((f) => f.name)).toEqual(['rm_attachments_association_id_rm_associations_fk', 'rm_attachments_project_id_rm_projects_fk']);
    expect(order).toEqual(['rm_attachments', 'rm_associations', 'rm_projects', 'rm_contributions']);
    expect(planLoad([...rmTables].reverse(), [...remittances].reverse())).toEqual({ order, deferred });
  });

  it('ignores DEFERRABLE constraints, which are checked at commit', () => {
    const { order, deferred } = planLoad(['a', 'b'], [fk('a', 'b', 'b_id'), fk('b', 'a', 'a_id', { deferrable: true })]);
    expect(order).toEqual(['b', 'a']);
    expect(deferred).toEqual([]);
  });

  it('refuses a cycle with no link that may be empty, naming the tables and constraints', () => {
    const cycle = [fk('a', 'b', 'b_id'), fk('b', 'c', 'c_id'), fk('c', 'a', 'a_id'), fk('c', 'd', 'd_id')];
    const error = (() => {
      try {
        planLoad(['a', 'b', 'c', 'd'], cycle);
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error).toBeInstanceOf(RestoreError);
    expect(error!.message).toContain('Tables a, b, c refer to each other');
    for (const name of ['a_b_id_b_fk', 'b_c_id_c_fk', 'c_a_id_a_fk']) expect(error!.message).toContain(name);
    expect(error!.message).not.toContain('c_d_id_d_fk');
  });
});

describe('databaseRefusal', () => {
  const secret = 'Zoë Pérez 1990-02-28';
  /** As drizzle wraps a driver's error: the statement and its parameters in the message, the database's error as cause. */
  const wrapped = (cause: object) => Object.assign(new Error(`Failed query: INSERT ...\nparams: [{"given_name":"${secret}"}]`), { cause });

  it('names table, constraint, columns and parent of a foreign-key violation, without DETAIL or parameters', () => {
    const error = databaseRefusal(
      wrapped({ code: '23503', table: 'consents', constraint: 'consents_person_id_persons_fk', detail: `Key (person_id)=(${secret}) is not present` }),
      'consents',
      [fk('consents', 'persons', 'person_id')].map((f) => ({ ...f, name: 'consents_person_id_persons_fk' })),
    );
    expect(error.message).toBe('consents: foreign key consents_person_id_persons_fk (person_id) refers to a missing row in persons; nothing was restored.');
  });

  it('says only the table and the error kind for an error that is not the database’s', () => {
    const error = databaseRefusal(new Error(`Failed query: params: ${secret}`), 'persons', []);
    expect(error.message).toBe('Restoring persons failed (Error); nothing was restored.');
    expect(databaseRefusal(Object.assign(new Error(secret), { code: 'ECONNRESET' }), undefined, []).message).toBe('Restoring the backup failed (ECONNRESET); nothing was restored.');
  });

  it('never repeats a value, whatever the SQLSTATE', () => {
    for (const code of ['23505', '23502', '23514', '22P02', '22001', '42P01', 'XX000']) {
      const message = databaseRefusal(wrapped({ code, table: 'persons', column: 'given_name', constraint: 'c', detail: secret, message: secret }), 'persons', []).message;
      expect(message, code).not.toContain(secret);
      expect(message, code).toMatch(/^persons: .*; nothing was restored\.$/);
    }
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
      const ctx = await openPlatform(testConfig(), { modules: platformModules, command: 'test', database: target.database, migrate: false, seed: false });
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
    const ctx = await openPlatform(testConfig(), { modules: platformModules, command: 'test', database: pglite, bundledData: false });
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
