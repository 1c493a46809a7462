import { mkdirSync, readFileSync, existsSync, writeFileSync, readdirSync, renameSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createPglite, openDatabase, type Database } from '../core/db/engine.js';
import { allMigrationSets, migrationFiles } from '../core/db/migrations.js';
import { loadConfig, type Config } from '../core/config.js';
import { openMide, platformModules } from '../composition/index.js';
import { AuditKey } from '../core/crypto.js';
import { pendingCount, sealPending, type AuditChainContext } from '../core/audit/store.js';

/**
 * Test databases on a real engine, never a mock. Which engine: MIDE_TEST_ENGINE=pglite (default) or postgres
 * (with MIDE_TEST_PG_URL pointing at a server where we may create databases).
 * Creating a database costs seconds, so global setup builds one migrated, seeded template and each test file
 * gets a clone: a PGlite data-dir tarball loaded into memory, or CREATE DATABASE ... TEMPLATE on PostgreSQL.
 */
export const testEngine = (process.env.MIDE_TEST_ENGINE ?? 'pglite') as 'pglite' | 'postgres';
export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123456789';
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const tmpDir = join(repoRoot, '.test-tmp');

function schemaFingerprint(): string {
  const hash = createHash('sha256');
  // The core's migrations and every module's own: a new module's migration makes a new template.
  for (const set of allMigrationSets()) for (const f of migrationFiles(set)) hash.update(readFileSync(f));
  // The grants of the manifests, applied when the template is seeded.
  hash.update(JSON.stringify(platformModules.grants));
  // Every bundled file: the template holds the data loaded from them (country codes, evidence sources).
  const sources = join(repoRoot, 'data', 'sources');
  for (const f of readdirSync(sources).filter((f) => f.endsWith('.csv')).sort()) hash.update(readFileSync(join(sources, f)));
  return hash.digest('hex').slice(0, 16);
}

/**
 * Two templates: `core` (org units, roles, module catalogues: what most tests need, small and quick to clone)
 * and `full` (plus the modules' bundled public data, about 460,000 rows: for tests of that data).
 */
export type TemplateKind = 'core' | 'full';
const templateFile = (kind: TemplateKind) => join(tmpDir, `pglite-template-${kind}-${schemaFingerprint()}.tar`);
const pgTemplateName = (kind: TemplateKind) => `mide_template_${kind}_${schemaFingerprint()}`;

export function testConfig(overrides: Partial<Config> = {}): Config {
  return loadConfig({}, { secret: TEST_SECRET, dataDir: tmpDir, logLevel: 'silent', ...overrides });
}

function adminUrl(): string {
  const url = process.env.MIDE_TEST_PG_URL;
  if (!url) throw new Error('MIDE_TEST_ENGINE=postgres needs MIDE_TEST_PG_URL (scripts/test-all.sh starts a server and sets it).');
  return url;
}

function urlFor(database: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

/** Global setup: build both templates once for the whole run. */
export async function buildTemplate(): Promise<void> {
  mkdirSync(tmpDir, { recursive: true });
  for (const kind of ['core', 'full'] as const) await buildOneTemplate(kind);
}

async function buildOneTemplate(kind: TemplateKind): Promise<void> {
  const bundledData = kind === 'full';
  if (testEngine === 'pglite') {
    const file = templateFile(kind);
    if (existsSync(file)) return;
    const client = await createPglite();
    const database = await openDatabase({ pglite: client });
    await openMide(testConfig(), { command: 'test', database, bundledData });
    const blob = await client.dumpDataDir('none');
    writeFileSync(`${file}.partial`, Buffer.from(await blob.arrayBuffer()));
    renameSync(`${file}.partial`, file);
    await client.close();
    return;
  }
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    const name = pgTemplateName(kind);
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount) return;
    await admin.query(`CREATE DATABASE ${name}`);
    const database = await openDatabase({ databaseUrl: urlFor(name), poolSize: 2 });
    await openMide(testConfig({ databaseUrl: urlFor(name) }), { command: 'test', database, bundledData });
    await database.close();
  } finally {
    await admin.end();
  }
}

export interface TestDatabase {
  database: Database;
  /** Connection string of this clone (PostgreSQL only): for tests that start a second process. */
  url?: string;
  drop(): Promise<void>;
}

/** A fresh, migrated and seeded database for one test file. */
export async function cloneTemplate(kind: TemplateKind = 'core'): Promise<TestDatabase> {
  if (testEngine === 'pglite') {
    const tar = readFileSync(templateFile(kind));
    const client = await createPglite({ loadDataDir: new Blob([tar]) });
    const database = await openDatabase({ pglite: client });
    return { database, drop: () => database.close() };
  }
  const name = `mide_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${pgTemplateName(kind)}`);
  await admin.end();
  const url = urlFor(name);
  const database = await openDatabase({ databaseUrl: url, poolSize: 4 });
  return {
    database,
    url,
    async drop() {
      await database.close();
      const a = new pg.Client({ connectionString: adminUrl() });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

/** An empty database with nothing in it, not even migrations (for restore tests). */
export async function emptyDatabase(): Promise<TestDatabase> {
  if (testEngine === 'pglite') {
    const client = await createPglite();
    const database = await openDatabase({ pglite: client });
    return { database, drop: () => database.close() };
  }
  const name = `mide_e_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = urlFor(name);
  const database = await openDatabase({ databaseUrl: url, poolSize: 2 });
  return {
    database,
    url,
    async drop() {
      await database.close();
      const a = new pg.Client({ connectionString: adminUrl() });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

/** The audit chain of a test database, keyed as test platforms key it (TEST_SECRET). */
export function auditChainOf(database: Database): AuditChainContext {
  return { db: database.db, database, auditKey: new AuditKey(TEST_SECRET) };
}

/**
 * Seals until no committed entry waits. On PostgreSQL the sealer waits for the oldest transaction still running in
 * the whole cluster, which may belong to another test file running at the same time: this retries until it is done.
 */
export async function sealAll(chain: AuditChainContext, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    await sealPending(chain);
    if ((await pendingCount(chain.db)) === 0) return;
    if (Date.now() > until) throw new Error('audit entries still unsealed');
    await new Promise((r) => setTimeout(r, 50));
  }
}
