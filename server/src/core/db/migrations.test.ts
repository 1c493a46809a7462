import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { writeBackup } from './backup.js';
import { allMigrationSets, coreMigrations, moduleMigrations, registerModuleMigrations } from './migrations.js';
import { emptyDatabase, type TestDatabase } from '../../test/engine.js';

/**
 * A module added after the first three keeps its migrations in its own folder, with its own migrations table,
 * applied after the core's by every `Database.migrate` (db/migrations.ts). A throw-away module proves it here.
 */
const tmp = join(fileURLToPath(new URL('../../../../', import.meta.url)), '.test-tmp', `module-migrations-${process.pid}`);
const folder = join(tmp, 'drizzle');

function writeMigration(idx: number, tag: string, statement: string) {
  mkdirSync(join(folder, 'meta'), { recursive: true });
  const journalFile = join(folder, 'meta', '_journal.json');
  const journal = idx === 0 ? { version: '7', dialect: 'postgresql', entries: [] as unknown[] } : (JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: unknown[] });
  journal.entries.push({ idx, version: '7', when: 1_900_000_000_000 + idx, tag, breakpoints: true });
  writeFileSync(journalFile, JSON.stringify(journal));
  writeFileSync(join(folder, `${tag}.sql`), statement);
}

const coreCount = (JSON.parse(readFileSync(join(coreMigrations.folder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] }).entries.length;

describe('per-module migrations', () => {
  let target: TestDatabase;
  beforeAll(async () => {
    rmSync(tmp, { recursive: true, force: true });
    writeMigration(0, '0000_init', 'CREATE TABLE "mt_probe_notes" ("id" serial PRIMARY KEY, "text" text NOT NULL);');
    registerModuleMigrations([{ id: 'legacy' }, { id: 'mt_probe', migrations: folder }]);
    target = await emptyDatabase();
  });
  afterAll(async () => {
    await target?.drop();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('lists a module set only for a module with a migrations folder, relative to server/ unless absolute', () => {
    expect(moduleMigrations([{ id: 'legacy' }, { id: 'labour', migrations: 'src/modules/labour/drizzle' }])).toEqual([
      { owner: 'labour', folder: join(coreMigrations.folder, '..', 'src', 'modules', 'labour', 'drizzle'), table: '__drizzle_migrations_labour' },
    ]);
    const owners = allMigrationSets().map((s) => s.owner);
    expect([owners[0], owners.at(-1)]).toEqual(['core', 'mt_probe']);
    expect(owners.filter((o) => o === 'legacy')).toEqual([]);
    expect(() => registerModuleMigrations([{ id: 'mt_probe', migrations: join(tmp, 'elsewhere') }])).toThrow(/registered twice/);
  });

  it("applies the core's migrations, then the module's, each in its own table, once", async () => {
    const { database } = target;
    await database.migrate();
    await database.migrate();
    const count = async (table: string) => (await database.rows<{ n: number }>(sql.raw(`SELECT count(*)::int AS n FROM drizzle."${table}"`)))[0]!.n;
    expect(await count('__drizzle_migrations')).toBe(coreCount);
    expect(await count('__drizzle_migrations_mt_probe')).toBe(1);
    await database.rows(sql`INSERT INTO mt_probe_notes (text) VALUES ('first')`);

    // The module's next migration is applied by the next start, and only it.
    writeMigration(1, '0001_done', 'ALTER TABLE "mt_probe_notes" ADD COLUMN "done" boolean NOT NULL DEFAULT false;');
    await database.migrate();
    expect(await count('__drizzle_migrations_mt_probe')).toBe(2);
    expect(await database.rows(sql`SELECT text, done FROM mt_probe_notes`)).toEqual([{ text: 'first', done: false }]);
  });

  it("records the module's level in a backup's header", async () => {
    const file = join(tmp, 'probe.mide.gz');
    await writeBackup(target.database, file);
    const header = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8').split('\n')[0]!) as { migrations: number; moduleMigrations: Record<string, { count: number }> };
    expect(header.migrations).toBe(coreCount);
    expect(header.moduleMigrations.__drizzle_migrations_mt_probe).toEqual({ count: 2, last: expect.any(String) });
  });
});
