import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { restoreBackup, RestoreError, writeBackup } from './backup.js';
import { createPglite, openDatabase, rowsOf, type Database } from './engine.js';
import { verifyAuditChain } from '../audit/store.js';
import { openPlatform } from '../platform.js';
import type { AppContext } from '../context.js';
import { auditChainOf, emptyDatabase, testConfig, testEngine, type TestDatabase } from '../../test/engine.js';
import { startTestPlatform, type TestPlatform, platformModules } from '../../test/platform.js';
import { AWKWARD_TEXT, emptyTables, fillEveryTable } from '../../test/fixtures.js';
import { assertCliBuilt, runCli } from '../../test/cli.js';

/**
 * Restore is proven for every table of every module: a database in which every public table holds rows (fixtures,
 * the foreign-key cycle of associations, attachments and projects included) is backed up and restored into an empty
 * database, and each table must come back with the same row count and the same checksum. A table without rows in the
 * fixture fails the first test, by name: add its rows to `fillEveryTable` (server/src/test/fixtures.ts).
 */
const SLOW = 300_000;
const tmp = join(fileURLToPath(new URL('../../../../', import.meta.url)), '.test-tmp', `roundtrip-${process.pid}`);

type Digests = Record<string, { rows: number; md5: string }>;

/**
 * Per table: the row count and the md5 of its rows as JSON text, sorted byte-wise (collations differ between
 * engines). Timestamps print in the session's time zone, so it is fixed; floats and numerics print alike on both
 * engines (PostgreSQL 15 and PGlite's 17 both print the shortest exact float).
 */
async function digests(database: Database): Promise<Digests> {
  return database.db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL TimeZone = 'UTC'`);
    const tables = rowsOf<{ name: string }>(
      await tx.execute(sql`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`),
    );
    const out: Digests = {};
    for (const { name } of tables) {
      const [row] = rowsOf<{ rows: number; md5: string | null }>(
        await tx.execute(sql.raw(`SELECT count(*)::int AS rows, md5(string_agg(j, E'\\n' ORDER BY j COLLATE "C")) AS md5 FROM (SELECT row_to_json(t)::text AS j FROM "${name}" t) s`)),
      );
      out[name] = { rows: row!.rows, md5: row!.md5 ?? '' };
    }
    return out;
  });
}

const total = (d: Digests) => Object.values(d).reduce((n, v) => n + v.rows, 0);

async function expectSameTables(target: Database, source: Digests) {
  const copy = await digests(target);
  expect(Object.keys(copy).sort()).toEqual(Object.keys(source).sort());
  for (const table of Object.keys(source)) expect(copy[table], table).toEqual(source[table]);
  expect(await verifyAuditChain(auditChainOf(target))).toMatchObject({ ok: true, checked: source.audit_log!.rows, firstBrokenSeq: null, pending: 0 });
}

/** The sections of a backup file: its header line, then each table's header and rows. */
function sections(file: string) {
  const [head, ...rest] = gunzipSync(readFileSync(file)).toString('utf8').trimEnd().split('\n');
  const groups: string[][] = [];
  for (const line of rest) {
    if (line.startsWith('{"table":')) groups.push([line]);
    else groups.at(-1)!.push(line);
  }
  const tableOf = (group: string[]) => (JSON.parse(group[0]!) as { table: string }).table;
  return { head: head!, groups, tableOf };
}

function writeGz(name: string, lines: string[]) {
  const path = join(tmp, name);
  writeFileSync(path, gzipSync(lines.join('\n') + '\n'));
  return path;
}

async function expectEmpty(database: Database) {
  expect(total(await digests(database))).toBe(0);
}

describe('restore round trip over every table', () => {
  let platform: TestPlatform;
  let ctx: AppContext;
  let file: string;
  let source: Digests;
  beforeAll(async () => {
    mkdirSync(tmp, { recursive: true });
    platform = await startTestPlatform();
    ctx = platform.ctx;
    await fillEveryTable(ctx);
    source = await digests(ctx.database);
    file = join(tmp, 'every-table.mide.gz');
    await writeBackup(ctx.database, file);
  }, SLOW);
  afterAll(async () => {
    await platform.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('has rows in every table of the public schema (a new table needs rows in fillEveryTable)', async () => {
    for (const table of await emptyTables(ctx)) {
      expect.fail(`table ${table} has no rows in the round-trip fixture: add it to fillEveryTable in server/src/test/fixtures.ts`);
    }
    // The cycle is really there: an association whose document refers back to it, a project whose files refer back.
    const [cycle] = await ctx.database.rows<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM rm_projects p
      JOIN rm_associations a ON a.id = p.association_id
      JOIN rm_attachments d ON d.id = a.registration_document_id AND d.association_id = a.id
      JOIN rm_attachments m ON m.id = p.minutes_attachment_id AND m.project_id = p.id`);
    expect(cycle!.n).toBe(1);
  });

  it('writes the tables of the cycle in the order a restore streams them: attachments, associations, then projects', () => {
    const { head, groups, tableOf } = sections(file);
    const order = (JSON.parse(head) as { tables: string[] }).tables;
    expect(groups.map(tableOf)).toEqual(order);
    const at = (table: string) => order.indexOf(table);
    expect(at('rm_attachments')).toBeLessThan(at('rm_associations'));
    expect(at('rm_associations')).toBeLessThan(at('rm_projects'));
    for (const child of ['rm_project_events', 'rm_score_sheets', 'rm_contributions', 'rm_progress_reports', 'rm_closures']) expect(at('rm_projects')).toBeLessThan(at(child));
  });

  it(`restores ${testEngine} into ${testEngine}: the same rows and checksum in every table, an audit chain that verifies`, { timeout: SLOW }, async () => {
    const target = await emptyDatabase();
    try {
      await target.database.migrate();
      const restored = await restoreBackup(target.database, file);
      expect(restored).toEqual({ tables: Object.keys(source).length, rows: total(source) });
      await expectSameTables(target.database, source);
    } finally {
      await target.drop();
    }
  });

  describe('on an empty, migrated target', () => {
    let target: TestDatabase;
    beforeAll(async () => {
      target = await emptyDatabase();
      await target.database.migrate();
    }, SLOW);
    afterAll(() => target.drop());

    it('refuses a project whose association is missing, naming table, constraint and column, never the row', async () => {
      const { head, groups, tableOf } = sections(file);
      const projects = groups.find((g) => tableOf(g) === 'rm_projects')!;
      const [row] = projects.slice(1);
      const missing = '00000000-0000-4000-8000-00000000beef';
      projects[1] = row!.replace(/("association_id":")[0-9a-f-]{36}"/, `$1${missing}"`);
      const bad = writeGz('missing-association.gz', [head, ...groups.flat()]);
      const error = await restoreBackup(target.database, bad).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RestoreError);
      const message = (error as Error).message;
      expect(message).toBe(
        'rm_projects: foreign key rm_projects_association_id_rm_associations_id_fk (association_id) refers to a missing row in rm_associations; nothing was restored.',
      );
      expect(message).not.toContain(missing);
      await expectEmpty(target.database);
    });

    it('refuses a duplicated row, naming table and unique constraint, never the key', async () => {
      const { head, groups, tableOf } = sections(file);
      const persons = groups.find((g) => tableOf(g) === 'persons')!;
      persons.push(persons[1]!);
      const error = await restoreBackup(target.database, writeGz('duplicate.gz', [head, ...groups.flat()])).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RestoreError);
      expect((error as Error).message).toBe('persons: duplicate key, two rows have the same value for unique constraint persons_pkey; nothing was restored.');
      await expectEmpty(target.database);
    });

    it('refuses a value of the wrong type without repeating it', async () => {
      const { head, groups, tableOf } = sections(file);
      const cases = groups.find((g) => tableOf(g) === 'rn_cases')!;
      cases[1] = cases[1]!.replace(/("household_size":)\d+/, '$1"SECRET-VALUE"');
      const error = await restoreBackup(target.database, writeGz('wrong-type.gz', [head, ...groups.flat()])).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RestoreError);
      expect((error as Error).message).toMatch(/^rn_cases: a value .*does not fit its type \(SQLSTATE 22P02\); nothing was restored\.$/);
      expect((error as Error).message).not.toContain('SECRET');
      await expectEmpty(target.database);
    });

    it('refuses a damaged table line without quoting it', async () => {
      const { head, groups } = sections(file);
      groups[3]![0] = '{"table": SECRET-VALUE';
      const error = await restoreBackup(target.database, writeGz('damaged.gz', [head, ...groups.flat()])).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RestoreError);
      expect((error as Error).message).toMatch(/is damaged at line \d+; nothing was restored\.$/);
      expect((error as Error).message).not.toContain('SECRET');
      await expectEmpty(target.database);
    });

    it('restores a file in any table order (children first, as an older file may be): the order is the target’s plan, not the file’s', { timeout: SLOW }, async () => {
      const { head, groups } = sections(file);
      const reversed = writeGz('reversed.gz', [head, ...[...groups].reverse().flat()]);
      expect(await restoreBackup(target.database, reversed)).toEqual({ tables: Object.keys(source).length, rows: total(source) });
      await expectSameTables(target.database, source);
    });
  });

  it.skipIf(testEngine !== 'postgres')('restores the PostgreSQL backup into PGlite too', { timeout: SLOW }, async () => {
    const target = await openDatabase({ pglite: await createPglite() });
    try {
      await target.migrate();
      await restoreBackup(target, file);
      await expectSameTables(target, source);
    } finally {
      await target.close();
    }
  });

  describe('mide restore on the command line', () => {
    beforeAll(() => assertCliBuilt());

    it('prints the table and constraint of a refused row, and none of the row’s values, on stdout or stderr', { timeout: SLOW }, async () => {
      const { head, groups, tableOf } = sections(file);
      const projects = groups.find((g) => tableOf(g) === 'rm_projects')!;
      const row = projects[1]!;
      const values = JSON.parse(row).r as Record<string, unknown>;
      projects[1] = row.replace(/("association_id":")[0-9a-f-]{36}"/, '$100000000-0000-4000-8000-00000000beef"');
      const bad = writeGz('cli-missing-association.gz', [head, ...groups.flat()]);
      // Into this run's engine: the embedded one through a data folder, or an empty PostgreSQL database (the drivers' errors differ).
      const target = testEngine === 'postgres' ? await emptyDatabase() : undefined;
      const result = await runCli(['restore', '--in', bad, '--data-dir', join(tmp, 'cli-target')], { env: target?.url ? { DATABASE_URL: target.url } : {} }).finally(() => target?.drop());
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('rm_projects: foreign key rm_projects_association_id_rm_associations_id_fk (association_id) refers to a missing row in rm_associations');
      const printed = result.stdout + result.stderr;
      for (const value of [values.id, values.title, values.reference, values.org_unit_id, values.scheme_id, '00000000-0000-4000-8000-00000000beef', 'Key (', 'params', AWKWARD_TEXT.slice(0, 8)]) {
        expect(printed, String(value)).not.toContain(String(value));
      }
    });
  });
});

// The documented move of an office from the embedded engine to a PostgreSQL server, over every table.
describe.skipIf(testEngine !== 'postgres')('restore round trip from PGlite into PostgreSQL', () => {
  let pglite: Database;
  let file: string;
  let source: Digests;
  beforeAll(async () => {
    mkdirSync(tmp, { recursive: true });
    pglite = await openDatabase({ pglite: await createPglite() });
    const ctx = await openPlatform(testConfig(), { modules: platformModules, command: 'test', database: pglite, bundledData: false });
    await fillEveryTable(ctx);
    expect(await emptyTables(ctx)).toEqual([]);
    source = await digests(pglite);
    file = join(tmp, 'every-table-from-pglite.mide.gz');
    await writeBackup(pglite, file);
  }, SLOW);
  afterAll(async () => {
    await pglite.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('restores every table with the same rows and checksums, and an audit chain that verifies', { timeout: SLOW }, async () => {
    const target = await emptyDatabase();
    try {
      expect(target.database.engine).toBe('postgres');
      await target.database.migrate();
      await restoreBackup(target.database, file);
      await expectSameTables(target.database, source);
    } finally {
      await target.drop();
    }
  });
});
