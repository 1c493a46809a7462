import { join } from 'node:path';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import * as schema from './schema.js';
import { acquireDataDirLock } from './lock.js';
import { grantRuntimeRole, roleOfUrl } from './roles.js';
import { allMigrationSets, assertMigrationSetPresent, coreMigrations, MIGRATIONS_SCHEMA, type MigrationSet } from './migrations.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type EngineName = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  engine: EngineName;
  /** Rows of a raw SQL statement, the same shape on both engines. */
  rows<T = Record<string, unknown>>(query: ReturnType<typeof sql>): Promise<T[]>;
  /**
   * Applies the core's migrations, then each registered module's own set (`db/migrations.ts`). On PostgreSQL with
   * `owner`, connects as the owner role to migrate, then grants the runtime role (the user of this database's URL,
   * or `owner.runtimeRole`) its rights (db/roles.ts) on every table, the modules' included.
   */
  migrate(owner?: { url: string; runtimeRole?: string }): Promise<void>;
  /** PostgreSQL: this database's connection string, for a task that needs a connection of its own (the audit sealer). */
  url?: string;
  close(): Promise<void>;
}

/** The core's migrations folder (`server/drizzle/`). */
export const migrationsFolder = coreMigrations.folder;

/** drizzle's options for one set: its folder and its own table, so each set keeps its own history. */
const migratorOptions = (set: MigrationSet) => ({ migrationsFolder: set.folder, migrationsTable: set.table, migrationsSchema: MIGRATIONS_SCHEMA });

/** Any value fixed for the whole cluster; serialises migrations of several servers starting at once. */
const MIGRATION_LOCK_KEY = 4_711_2026;

/**
 * Every embedded database is created here, with the extensions the migrations need (pg_trgm for similar names):
 * a PGlite instance without them could not run the migrations or load a dump that uses them.
 */
export function createPglite(options: Pick<PGliteOptions, 'dataDir' | 'loadDataDir'> = {}): Promise<PGlite> {
  return PGlite.create({ ...options, extensions: { pg_trgm } });
}

export interface OpenOptions {
  databaseUrl?: string;
  dataDir?: string;
  /** Why this process opens the database, shown to a second process that finds the lock. */
  command?: string;
  /** Open an existing PGlite instance (tests clone a template into memory). */
  pglite?: PGlite;
  poolSize?: number;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  if (options.pglite) return wrapPglite(options.pglite, () => undefined);
  if (!options.dataDir) throw new Error('openDatabase needs databaseUrl or dataDir');
  const release = acquireDataDirLock(options.dataDir, options.command ?? 'serve');
  try {
    const pgDir = join(options.dataDir, 'pgdata');
    const client = await createPglite({ dataDir: pgDir });
    return wrapPglite(client, release);
  } catch (error) {
    release();
    throw error;
  }
}

/** Per embedded database: the statements kept planned (text -> name), from `keepPlanned`. */
const plannedOnPglite = new WeakMap<Db, Map<string, string>>();

/**
 * Keeps a hot statement planned once on PGlite. drizzle's pglite driver drops a prepared statement's name, so the
 * instance would plan the statement on every call (the session lookup: 0.6 ms of every request on a quiet machine,
 * 12 ms on a loaded one, measured by bench/planning.ts). PGlite is one session: the statement is PREPAREd there the first time and EXECUTEd after.
 * On PostgreSQL this does nothing: drizzle sends the name and each connection plans it once.
 * Only for statements whose bound values are numbers or plain tokens (they are written into EXECUTE's argument
 * list, which takes no bind parameters); any other value runs the statement as usual.
 */
export function keepPlanned(db: Db, name: string, text: string): void {
  if (!/^mide_[a-z0-9_]+$/.test(name)) throw new Error(`keepPlanned: bad statement name ${name}`);
  plannedOnPglite.get(db)?.set(text, name);
}

const plainToken = (v: unknown) => (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && /^[A-Za-z0-9_.:-]{0,200}$/.test(v));

/** The PGlite client drizzle is given: `query` EXECUTEs the statements kept planned, everything else as is. */
function plannedClient(client: PGlite, planned: Map<string, string>): PGlite {
  const prepared = new Set<string>();
  const query = async (text: string, params?: unknown[], options?: unknown): Promise<unknown> => {
    const name = planned.get(text);
    const values = params ?? [];
    if (!name || !values.every(plainToken)) return client.query(text, params, options as never);
    const args = values.length ? `(${values.map((v) => (typeof v === 'number' ? String(v) : `'${v as string}'`)).join(', ')})` : '';
    for (let attempt = 0; ; attempt++) {
      try {
        if (!prepared.has(name)) {
          await client.query(`PREPARE ${name} AS ${text}`);
          prepared.add(name);
        }
        return await client.query(`EXECUTE ${name}${args}`, [], options as never);
      } catch (error) {
        // Gone (DEALLOCATE, DISCARD) or stale after a schema change: prepare it again, once.
        const code = (error as { code?: string }).code;
        if (attempt > 0 || (code !== '26000' && code !== '0A000')) throw error;
        prepared.delete(name);
        await client.query(`DEALLOCATE ${name}`).catch(() => undefined);
      }
    }
  };
  // PGlite keeps private fields: every other member is taken from the instance itself, methods bound to it.
  return new Proxy(client, {
    get(target, prop) {
      if (prop === 'query') return query;
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function wrapPglite(client: PGlite, release: () => void): Database {
  const planned = new Map<string, string>();
  const db = drizzlePglite(plannedClient(client, planned), { schema }) as unknown as Db;
  plannedOnPglite.set(db, planned);
  return {
    db,
    engine: 'pglite',
    async rows<T>(query: ReturnType<typeof sql>) {
      const result = await db.execute(query);
      return (result as unknown as { rows: T[] }).rows;
    },
    async migrate() {
      for (const set of allMigrationSets()) await migratePglite(db as never, migratorOptions(set));
    },
    async close() {
      try {
        if (!client.closed) await client.close();
      } finally {
        release();
      }
    },
  };
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle connection the server ends (a restart, pg_terminate_backend, DROP DATABASE … FORCE) is reported here;
  // without a listener that event would crash the process. The pool has already dropped the client and opens a
  // new one on the next query; a query in flight gets its own error.
  pool.on('error', () => undefined);
  // Fail at start, with the server's own message, rather than on the first request.
  const probe = await pool.connect();
  probe.release();
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    db,
    engine: 'postgres',
    url,
    async rows<T>(query: ReturnType<typeof sql>) {
      const result = await db.execute(query);
      return (result as unknown as { rows: T[] }).rows;
    },
    async migrate(owner) {
      // One connection holds the advisory lock and runs the migrations.
      const client = new pg.Client({ connectionString: owner?.url ?? url });
      await client.connect();
      try {
        await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
        for (const set of allMigrationSets()) await migratePg(drizzlePg(client), migratorOptions(set));
        if (owner) await grantRuntimeRole(client, owner.runtimeRole ?? roleOfUrl(url));
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
        await client.end();
      }
    },
    async close() {
      await pool.end();
    },
  };
}

export function assertMigrationsPresent(): void {
  for (const set of allMigrationSets()) assertMigrationSetPresent(set);
}

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Anything queries can run on: the database or an open transaction. */
export type Executor = Db | Tx;

export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
