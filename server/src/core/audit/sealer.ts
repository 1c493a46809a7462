import pg from 'pg';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import * as schema from '../db/schema.js';
import type { Db } from '../db/engine.js';
import type { AppContext } from '../context.js';
import { sealPending } from './store.js';

/** Held, for its whole session, by the one sealer of a database; any number fixed for the cluster. */
const SEALER_ELECTION_KEY = 47_112_029;

export interface AuditSealer {
  /** Whether this process is the database's sealer now. */
  readonly leader: boolean;
  /** Stops, after linking what is pending if this process is the sealer. */
  stop(): Promise<void>;
}

export interface SealerOptions {
  intervalMs?: number;
  onError?: (error: unknown) => void;
}

/**
 * The background task that links audit entries into the keyed chain, one per database. On PostgreSQL each server
 * process starts one; they compete for a session-level advisory lock on a connection of their own, and only the
 * holder seals. The others try again every interval, so when the holder's process dies (its connection ends, the
 * lock is released) another takes over, and the entries written meanwhile are linked then: nothing is lost, only
 * delayed. On the embedded engine one process owns the data folder, so it is always the sealer.
 */
export function startAuditSealer(ctx: AppContext, options: SealerOptions = {}): AuditSealer {
  const intervalMs = options.intervalMs ?? ctx.config.auditSealMs;
  const onError = options.onError ?? (() => undefined);
  const url = ctx.database.engine === 'postgres' ? ctx.database.url : undefined;
  let client: pg.Client | undefined;
  let sessionDb: Db | undefined;
  let leader = ctx.database.engine === 'pglite';
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const dropSession = () => {
    const c = client;
    client = undefined;
    sessionDb = undefined;
    leader = false;
    c?.end().catch(() => undefined);
  };

  async function elect(): Promise<Db | undefined> {
    if (!url) return ctx.db;
    if (!client) {
      const c = new pg.Client({ connectionString: url });
      c.on('error', () => {
        if (client === c) dropSession();
      });
      await c.connect();
      client = c;
      sessionDb = drizzlePg(c, { schema }) as unknown as Db;
    }
    if (!leader) {
      const { rows } = await client.query<{ got: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS got', [SEALER_ELECTION_KEY]);
      leader = rows[0]?.got === true;
    }
    return leader ? sessionDb : undefined;
  }

  async function tick(): Promise<void> {
    try {
      const db = await elect();
      if (db) await sealPending({ db, database: ctx.database, auditKey: ctx.auditKey });
    } catch (error) {
      onError(error);
      if (url) dropSession(); // a fresh connection (and election) next time
    }
  }

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick().finally(schedule);
    }, intervalMs);
    timer.unref();
  };
  running = tick().finally(schedule);

  return {
    get leader() {
      return leader;
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      // Seal what is pending before the process goes. A process that stood by tries once more to be the sealer:
      // when every process stops at once, the last to finish its requests then links their entries too.
      if (!leader && url) {
        try {
          await elect();
        } catch (error) {
          onError(error);
        }
      }
      if (leader) {
        try {
          await sealPending({ db: sessionDb ?? ctx.db, database: ctx.database, auditKey: ctx.auditKey });
        } catch (error) {
          onError(error);
        }
      }
      if (client) {
        await client.query('SELECT pg_advisory_unlock($1::bigint)', [SEALER_ELECTION_KEY]).catch(() => undefined);
        await client.end().catch(() => undefined);
        client = undefined;
      }
      leader = false;
    },
  };
}
