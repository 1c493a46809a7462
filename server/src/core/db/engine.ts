import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
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

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type EngineName = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  engine: EngineName;
  /** Rows of a raw SQL statement, the same shape on both engines. */
  rows<T = Record<string, unknown>>(query: ReturnType<typeof sql>): Promise<T[]>;
  /**
   * Applies the migrations. On PostgreSQL with `owner`, connects as the owner role to migrate, then grants the
   * runtime role (the user of this database's URL, or `owner.runtimeRole`) its rights (db/roles.ts).
   */
  migrate(owner?: { url: string; runtimeRole?: string }): Promise<void>;
  /** PostgreSQL: this database's connection string, for a task that needs a connection of its own (the audit sealer). */
  url?: string;
  close(): Promise<void>;
}

export const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'drizzle');

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

function wrapPglite(client: PGlite, release: () => void): Database {
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    engine: 'pglite',
    async rows<T>(query: ReturnType<typeof sql>) {
      const result = await db.execute(query);
      return (result as unknown as { rows: T[] }).rows;
    },
    async migrate() {
      await migratePglite(db as never, { migrationsFolder });
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
        await migratePg(drizzlePg(client), { migrationsFolder });
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
  if (!existsSync(join(migrationsFolder, 'meta', '_journal.json'))) {
    throw new Error(`Migrations folder not found at ${migrationsFolder}`);
  }
}

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Anything queries can run on: the database or an open transaction. */
export type Executor = Db | Tx;

export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
