import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import { sql } from 'drizzle-orm';
import type { Database, Executor } from './engine.js';
import { rowsOf } from './engine.js';
import { CORE_MIGRATIONS_TABLE, MIGRATIONS_SCHEMA } from './migrations.js';

/**
 * Backup: one gzip'd file of JSON lines holding every table of the `public` schema, read in one
 * REPEATABLE READ snapshot, so the file is consistent even while the server keeps writing (PostgreSQL).
 * Restore: into an empty database of either engine at the same migration level, all or nothing.
 *
 * Line 1: {"format":"mide-backup","version":1,"createdAt","engine","migrations","tables":[...]}
 * Then, per table, parents before children: {"table":"name","columns":[...]} followed by {"r":{...row...}} lines.
 * Foreign keys may form cycles (rm_associations, rm_attachments, rm_projects): `planLoad` breaks each cycle at
 * nullable links, which a restore inserts empty and fills in at the end; the file's order is the plan's order, but a
 * restore computes its plan from the target's catalogue and loads a file in any order.
 */
export const BACKUP_FORMAT = 'mide-backup';
const FETCH_SIZE = 2000;
/** Files are stored in the database (up to 5 MB each, twice that as hex): rows of tables with bytea are read a few at a time. */
const FETCH_SIZE_FILES = 8;
/** A restore sends at most this much JSON in one statement (and holds no more for a streaming table). */
const BATCH_CHARS = 16 * 2 ** 20;

interface Header {
  format: string;
  version: number;
  createdAt: string;
  engine: string;
  migrations: number;
  lastMigration: string | null;
  /** The level of each module that keeps its own migrations (`db/migrations.ts`), by migrations table; absent before them. */
  moduleMigrations?: Record<string, MigrationLevel>;
  tables: string[];
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function tableNames(tx: Executor): Promise<string[]> {
  const rows = rowsOf<{ name: string }>(
    await tx.execute(sql`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`),
  );
  return rows.map((r) => r.name);
}

/** A foreign key between public tables, as the target's catalogue declares it. */
export interface ForeignKey {
  name: string;
  child: string;
  parent: string;
  /** The referring columns, in the constraint's order. */
  columns: string[];
  /** Every referring column may be null: rows can go in without the link and get it afterwards. */
  nullable: boolean;
  /** DEFERRABLE: checked at commit, so it puts no order on the load. */
  deferrable: boolean;
}

async function foreignKeys(tx: Executor): Promise<ForeignKey[]> {
  const rows = rowsOf<{ name: string; child: string; parent: string; columns: string; nullable: boolean; deferrable: boolean }>(
    await tx.execute(sql`
      SELECT c.conname AS name, child.relname AS child, parent.relname AS parent, c.condeferrable AS deferrable,
        (SELECT json_agg(a.attname ORDER BY k.ord)::text FROM unnest(c.conkey) WITH ORDINALITY k(attnum, ord)
          JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) AS columns,
        (SELECT bool_and(NOT a.attnotnull) FROM pg_attribute a WHERE a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)) AS nullable
      FROM pg_constraint c
      JOIN pg_class child ON child.oid = c.conrelid
      JOIN pg_class parent ON parent.oid = c.confrelid
      JOIN pg_namespace n ON n.oid = c.connamespace
      WHERE c.contype = 'f' AND n.nspname = 'public'
      ORDER BY c.conname`),
  );
  return rows.map((r) => ({ ...r, columns: JSON.parse(r.columns) as string[] }));
}

export interface LoadPlan {
  /** Parents before children, once the deferred links are set aside: a topological order. */
  order: string[];
  /**
   * Foreign keys whose columns are inserted empty and filled in once every table is in: self-references (a tree)
   * and, in each cycle between tables, nullable links chosen so that what is left has an order.
   */
  deferred: ForeignKey[];
}

/**
 * How to load tables whose foreign keys may form cycles (associations, their attachments and their projects refer
 * to each other). Cycles are found as strongly connected components of the table graph; in each, links that may not
 * be empty are kept, then nullable ones are kept one by one (by name, so the plan is stable) unless keeping one would
 * close a cycle: those are deferred. A cycle made only of links that may not be empty cannot be loaded: that is
 * refused with the tables and constraints named. DEFERRABLE constraints are checked at commit and order nothing.
 */
export function planLoad(tables: string[], fks: ForeignKey[]): LoadPlan {
  const present = new Set(tables);
  const relevant = fks.filter((f) => present.has(f.child) && present.has(f.parent) && !f.deferrable).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const deferred = relevant.filter((f) => f.child === f.parent);
  const between = relevant.filter((f) => f.child !== f.parent);
  const components = stronglyConnected([...present].sort(), between);
  // Links between components never close a cycle.
  const kept = between.filter((f) => !components.some((c) => c.has(f.child) && c.has(f.parent)));
  for (const component of components) {
    if (component.size === 1) continue;
    const inside = between.filter((f) => component.has(f.child) && component.has(f.parent));
    const mandatory = inside.filter((f) => !f.nullable);
    const blocked = firstCycle(mandatory);
    if (blocked) {
      throw new RestoreError(
        `Tables ${[...component].sort().join(', ')} refer to each other through foreign keys that may not be empty (${blocked.map((f) => f.name).join(', ')}): no order can load them. Make one of these columns nullable or its constraint DEFERRABLE.`,
      );
    }
    const chosen = [...mandatory];
    for (const link of inside.filter((f) => f.nullable)) {
      if (firstCycle([...chosen, link])) deferred.push(link);
      else chosen.push(link);
    }
    kept.push(...chosen);
  }
  return { order: topological([...present].sort(), kept), deferred };
}

/** Parents before children over an acyclic set of links; stable whatever the order of the input. */
function topological(tables: string[], links: { child: string; parent: string }[]): string[] {
  const ordered: string[] = [];
  const done = new Set<string>();
  const visiting = new Set<string>();
  const visit = (t: string) => {
    if (done.has(t) || visiting.has(t)) return;
    visiting.add(t);
    for (const l of links) if (l.child === t) visit(l.parent);
    visiting.delete(t);
    done.add(t);
    ordered.push(t);
  };
  tables.forEach(visit);
  return ordered;
}

/** Tarjan's strongly connected components of the graph child -> parent. */
function stronglyConnected(tables: string[], links: { child: string; parent: string }[]): Set<string>[] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: Set<string>[] = [];
  const connect = (t: string) => {
    index.set(t, index.size);
    low.set(t, index.get(t)!);
    stack.push(t);
    onStack.add(t);
    for (const l of links) {
      if (l.child !== t) continue;
      if (!index.has(l.parent)) {
        connect(l.parent);
        low.set(t, Math.min(low.get(t)!, low.get(l.parent)!));
      } else if (onStack.has(l.parent)) low.set(t, Math.min(low.get(t)!, index.get(l.parent)!));
    }
    if (low.get(t) === index.get(t)) {
      const component = new Set<string>();
      for (let member = stack.pop()!; ; member = stack.pop()!) {
        onStack.delete(member);
        component.add(member);
        if (member === t) break;
      }
      components.push(component);
    }
  };
  for (const t of tables) if (!index.has(t)) connect(t);
  return components;
}

/** The links of one cycle among `links` (self-references aside), or undefined when there is none. */
function firstCycle<T extends { child: string; parent: string }>(links: T[]): T[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const path: T[] = [];
  const walk = (t: string): T[] | undefined => {
    state.set(t, 'open');
    for (const l of links) {
      if (l.child !== t || l.parent === t) continue;
      if (state.get(l.parent) === 'open') return [...path.slice(path.findIndex((p) => p.child === l.parent)), l];
      if (state.has(l.parent)) continue;
      path.push(l);
      const found = walk(l.parent);
      if (found) return found;
      path.pop();
    }
    state.set(t, 'done');
    return undefined;
  };
  for (const l of links) if (!state.has(l.child)) {
    const found = walk(l.child);
    if (found) return found;
  }
  return undefined;
}

interface MigrationLevel {
  count: number;
  last: string | null;
}

/** How many migrations of one set were applied, and the hash of the last one. */
async function levelOf(tx: Executor, table: string): Promise<MigrationLevel> {
  const t = `${MIGRATIONS_SCHEMA}.${ident(table)}`;
  const rows = rowsOf<MigrationLevel>(
    await tx.execute(sql.raw(`SELECT count(*)::int AS count, max(hash) FILTER (WHERE created_at = (SELECT max(created_at) FROM ${t})) AS last FROM ${t}`)),
  );
  return rows[0] ?? { count: 0, last: null };
}

const migrationLevel = (tx: Executor) => levelOf(tx, CORE_MIGRATIONS_TABLE);

/** The level of every module's own migrations table present in the database, by table name (sorted). */
async function moduleMigrationLevels(tx: Executor): Promise<Record<string, MigrationLevel>> {
  const tables = rowsOf<{ name: string }>(
    await tx.execute(
      sql`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = ${MIGRATIONS_SCHEMA} AND table_name LIKE ${`${CORE_MIGRATIONS_TABLE}\\_%`} ORDER BY table_name`,
    ),
  );
  const levels: Record<string, MigrationLevel> = {};
  for (const { name } of tables) levels[name] = await levelOf(tx, name);
  return levels;
}

const sameLevels = (a: Record<string, MigrationLevel>, b: Record<string, MigrationLevel>) =>
  JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

/**
 * Writes the backup beside `file` and renames it into place only once it is complete: a backup that fails half-way
 * (a full disk, a lost connection) leaves no truncated file, and does not replace the last good one.
 */
export async function writeBackup(database: Database, file: string): Promise<{ tables: number; rows: number }> {
  const partial = `${file}.partial-${process.pid}`;
  try {
    const written = await writeBackupTo(database, partial);
    await rename(partial, file);
    return written;
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

async function writeBackupTo(database: Database, file: string): Promise<{ tables: number; rows: number }> {
  const out = createWriteStream(file, { mode: 0o600 });
  // Fail before reading anything when the file cannot be created. Without a listener, the stream's 'error'
  // event (a missing folder, a full disk) crashed the process instead of rejecting.
  await once(out, 'open');
  const gzip = createGzip();
  const done = pipeline(gzip, out);
  done.catch(() => undefined); // awaited below; this keeps an early failure from counting as unhandled
  const write = async (value: unknown) => {
    if (!gzip.write(JSON.stringify(value) + '\n')) await once(gzip, 'drain');
  };
  let totalRows = 0;
  let tableCount = 0;
  await database.db.transaction(
    async (tx) => {
      // Parents first (cycles broken as a restore breaks them), so that a restore inserts rows as it reads them.
      const tables = planLoad(await tableNames(tx), await foreignKeys(tx)).order;
      const level = await migrationLevel(tx);
      const moduleMigrations = await moduleMigrationLevels(tx);
      const header: Header = { format: BACKUP_FORMAT, version: 1, createdAt: new Date().toISOString(), engine: database.engine, migrations: level.count, lastMigration: level.last, moduleMigrations, tables };
      await write(header);
      for (const table of tables) {
        const described = rowsOf<{ name: string; type: string }>(
          await tx.execute(
            sql`SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ${table} ORDER BY ordinal_position`,
          ),
        );
        const columns = described.map((c) => c.name);
        const fetchSize = described.some((c) => c.type === 'bytea') ? FETCH_SIZE_FILES : FETCH_SIZE;
        await write({ table, columns });
        await tx.execute(sql.raw(`DECLARE mide_backup_cursor NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS j FROM ${ident(table)} t`));
        for (;;) {
          const batch = rowsOf<{ j: string }>(await tx.execute(sql.raw(`FETCH ${fetchSize} FROM mide_backup_cursor`)));
          for (const row of batch) {
            if (!gzip.write(`{"r":${row.j}}\n`)) await once(gzip, 'drain');
          }
          totalRows += batch.length;
          if (batch.length < fetchSize) break;
        }
        await tx.execute(sql.raw('CLOSE mide_backup_cursor'));
        tableCount++;
      }
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  ).catch(async (error: unknown) => {
    gzip.destroy();
    await done.catch(() => undefined);
    throw error;
  });
  gzip.end();
  await done;
  return { tables: tableCount, rows: totalRows };
}

/** A restore that cannot go on. Its message names files, tables, columns and constraints, never a row's values. */
export class RestoreError extends Error {}

export async function restoreBackup(database: Database, file: string): Promise<{ tables: number; rows: number }> {
  const source = createReadStream(file);
  const gunzip = createGunzip();
  // .pipe() does not pass a read error (a missing file) on: without this, readline waits for ever.
  source.on('error', (error) => gunzip.destroy(error));
  const lines = createInterface({ input: source.pipe(gunzip), crlfDelay: Infinity });
  const iterator = lines[Symbol.asyncIterator]();
  const cannotRead = (error: NodeJS.ErrnoException) => new RestoreError(`Cannot read ${file}: ${error.message}`);
  const first = await iterator.next().catch((error: NodeJS.ErrnoException) => {
    if (error.syscall) throw cannotRead(error); // a file-system error, not a file that is not gzip
    return { done: true, value: undefined };
  });
  let lineNumber = 1;
  /** The next line; a damaged or truncated file is a RestoreError (the transaction then restores nothing). */
  const nextLine = () => {
    lineNumber++;
    return iterator.next().catch((error: NodeJS.ErrnoException) => {
      throw error.syscall ? cannotRead(error) : new RestoreError(`${file} is damaged or truncated (${error.message}); nothing was restored.`);
    });
  };
  let header: Header;
  try {
    header = JSON.parse(String(first.value)) as Header;
  } catch {
    throw new RestoreError(`${file} is not a mide backup (it is not a gzip'd JSON-lines file).`);
  }
  if (first.done || header.format !== BACKUP_FORMAT || header.version !== 1) throw new RestoreError(`${file} is not a mide backup of a known version.`);

  let loader: TableLoader | undefined;
  let fks: ForeignKey[] = [];
  try {
    return await database.db.transaction(async (tx) => {
      const level = await migrationLevel(tx);
      if (level.count !== header.migrations || level.last !== header.lastMigration) {
        throw new RestoreError(
          `The backup was taken at migration level ${header.migrations} and this database is at ${level.count}. Restore with the mide version that made the backup, then upgrade.`,
        );
      }
      const moduleLevels = await moduleMigrationLevels(tx);
      if (!sameLevels(moduleLevels, header.moduleMigrations ?? {})) {
        const counts = (levels: Record<string, MigrationLevel>) => Object.entries(levels).map(([t, l]) => `${t}: ${l.count}`).join(', ') || 'none';
        throw new RestoreError(
          `The backup's module migrations (${counts(header.moduleMigrations ?? {})}) differ from this database's (${counts(moduleLevels)}). Restore with the mide version that made the backup, then upgrade.`,
        );
      }
      const tables = await tableNames(tx);
      for (const table of tables) {
        const [{ n } = { n: 0 }] = rowsOf<{ n: number }>(await tx.execute(sql.raw(`SELECT count(*)::int AS n FROM ${ident(table)}`)));
        if (n > 0) throw new RestoreError(`The target database is not empty (table ${table} has ${n} rows). Restore into an empty database.`);
      }
      const missing = header.tables.filter((t) => !tables.includes(t));
      if (missing.length) throw new RestoreError(`The target database has no table ${missing.join(', ')}.`);
      // The plan comes from the target's catalogue, not from the file: any file's order (an older one too) loads.
      fks = await foreignKeys(tx);
      if (fks.some((f) => f.deferrable)) await tx.execute(sql`SET CONSTRAINTS ALL DEFERRED`);
      loader = new TableLoader(tx, fks, planLoad(header.tables, fks), header.tables);
      for (let next = await nextLine(); !next.done; next = await nextLine()) {
        const line = next.value;
        if (!line) continue;
        if (line.startsWith('{"r":')) await loader.row(line.slice(5, -1));
        else await loader.startTable(tableOfLine(line, file, lineNumber));
      }
      await loader.finish();
      await resetSequences(tx);
      return { tables: loader.tables, rows: loader.rows };
    });
  } catch (error) {
    if (error instanceof RestoreError) throw error;
    // Deferred constraints are checked at commit: the error then names its table itself.
    throw databaseRefusal(error, loader?.table, fks);
  }
}

function tableOfLine(line: string, file: string, lineNumber: number): string {
  try {
    const table = (JSON.parse(line) as { table?: unknown }).table;
    if (typeof table === 'string') return table;
  } catch {
    // JSON.parse quotes the text it could not read: the line may hold a row's values, so it is not repeated.
  }
  throw new RestoreError(`${file} is damaged at line ${lineNumber}; nothing was restored.`);
}

interface DbErrorFields {
  code?: unknown;
  constraint?: unknown;
  table?: unknown;
  column?: unknown;
  cause?: unknown;
}

/**
 * A database error as a RestoreError naming the table and the constraint or column only. The driver's error holds
 * the statement's parameters (rows of the file) and PostgreSQL's DETAIL holds the key's values (`Key (id)=(...)`):
 * neither may reach a terminal or a log, the rows are people's personal data.
 */
export function databaseRefusal(error: unknown, table: string | undefined, fks: ForeignKey[]): RestoreError {
  let found: DbErrorFields | undefined;
  for (let e = error as DbErrorFields | undefined, depth = 0; e && typeof e === 'object' && depth < 5; e = e.cause as DbErrorFields | undefined, depth++) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) {
      found = e;
      break;
    }
  }
  const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  const where = str(found?.table) ?? table ?? 'the backup';
  const constraint = str(found?.constraint);
  const column = str(found?.column);
  const fk = fks.find((f) => f.name === constraint);
  const end = '; nothing was restored.';
  if (!found) {
    const code = (error as { code?: unknown } | undefined)?.code;
    return new RestoreError(`Restoring ${where} failed (${typeof code === 'string' ? code : error instanceof Error ? error.name : 'unknown error'})${end}`);
  }
  const code = String(found.code);
  switch (code) {
    case '23503':
      return new RestoreError(
        fk
          ? `${where}: foreign key ${fk.name} (${fk.columns.join(', ')}) refers to a missing row in ${fk.parent}${end}`
          : `${where}: foreign key ${constraint ?? '(unnamed)'} refers to a missing row${end}`,
      );
    case '23505':
      return new RestoreError(`${where}: duplicate key, two rows have the same value for unique constraint ${constraint ?? '(unnamed)'}${end}`);
    case '23502':
      return new RestoreError(`${where}: column ${column ?? '(unnamed)'} is empty in a row and may not be${end}`);
    case '23514':
      return new RestoreError(`${where}: a row breaks check constraint ${constraint ?? '(unnamed)'}${end}`);
    default:
      if (code.startsWith('22')) {
        return new RestoreError(`${where}: a value ${column ? `of column ${column} ` : ''}does not fit its type (SQLSTATE ${code})${end}`);
      }
      return new RestoreError(`${where}: the database refused the rows (SQLSTATE ${code}${constraint ? `, constraint ${constraint}` : ''})${end}`);
  }
}

/** Rows in statements of at most FETCH_SIZE rows and about BATCH_CHARS characters (one larger row goes alone). */
function* batches(rows: string[]): Generator<string[]> {
  let start = 0;
  let chars = 0;
  for (let i = 0; i < rows.length; i++) {
    if (i > start && (i - start >= FETCH_SIZE || chars + rows[i]!.length > BATCH_CHARS)) {
      yield rows.slice(start, i);
      start = i;
      chars = 0;
    }
    chars += rows[i]!.length;
  }
  if (start < rows.length) yield rows.slice(start);
}

/** The rows of a table with deferred links: its primary key and those links' columns. */
interface LinkTable {
  temp: string;
  key: string[];
  links: string[];
  columns: string[];
}

/**
 * Inserts a backup's rows as they are read when their table's parents (through the links the plan keeps) are all in
 * already: a file written in plan order (as `writeBackup` writes it) is restored in bounded memory. Deferred links
 * (self-references, the links that break a cycle) go in empty; their values are kept in a temporary table, as
 * (primary key, link) pairs only, and set once every table is in. A table that comes before one of its parents (an
 * older file, in any order) is held in memory until it can go in.
 */
class TableLoader {
  tables = 0;
  rows = 0;
  /** The table being loaded, for error messages. */
  table: string | undefined;
  private readonly inserted = new Set<string>();
  private readonly held = new Map<string, string[]>();
  private readonly linkTables = new Map<string, LinkTable>();
  private readonly kept: ForeignKey[];
  private current: { table: string; streaming: boolean; rows: string[]; chars: number } | undefined;

  constructor(
    private readonly tx: Executor,
    fks: ForeignKey[],
    private readonly plan: LoadPlan,
    private readonly inFile: string[],
  ) {
    const loaded = new Set(inFile);
    this.kept = fks.filter((f) => loaded.has(f.child) && loaded.has(f.parent) && f.child !== f.parent && !f.deferrable && !plan.deferred.includes(f));
  }

  async startTable(table: string) {
    await this.endTable();
    if (!this.inFile.includes(table)) throw new RestoreError(`The backup has rows of table ${table}, which its header does not list; nothing was restored.`);
    this.current = { table, streaming: this.ready(table), rows: [], chars: 0 };
  }

  async row(json: string) {
    const current = this.current;
    if (!current) throw new RestoreError('Row before any table in the backup file.');
    current.rows.push(json);
    current.chars += json.length;
    if (current.streaming && (current.rows.length >= FETCH_SIZE || current.chars >= BATCH_CHARS)) {
      current.chars = 0;
      await this.insert(current.table, current.rows.splice(0));
    }
  }

  async finish() {
    await this.endTable();
    // Left held only when a parent's section is missing from the file: insert them anyway, the database says which.
    for (const table of this.plan.order) {
      const rows = this.held.get(table);
      if (rows) await this.complete(table, rows);
    }
    for (const table of this.plan.order) {
      const links = this.linkTables.get(table);
      if (!links) continue;
      this.table = table;
      const sets = links.links.map((c) => `${ident(c)} = l.${ident(c)}`).join(', ');
      const match = links.key.map((c) => `t.${ident(c)} = l.${ident(c)}`).join(' AND ');
      await this.tx.execute(sql.raw(`UPDATE ${ident(table)} AS t SET ${sets} FROM ${links.temp} l WHERE ${match}`));
      await this.tx.execute(sql.raw(`DROP TABLE ${links.temp}`));
    }
    this.table = undefined;
  }

  private async endTable() {
    const ended = this.current;
    this.current = undefined;
    if (!ended) return;
    if (ended.streaming) await this.complete(ended.table, ended.rows);
    else this.held.set(ended.table, ended.rows);
    for (let progress = true; progress; ) {
      progress = false;
      for (const [table, rows] of this.held) {
        if (!this.ready(table)) continue;
        this.held.delete(table);
        await this.complete(table, rows);
        progress = true;
      }
    }
  }

  /** The table's last rows (all of them when it was held): after this its children may stream. */
  private async complete(table: string, rows: string[]) {
    await this.insert(table, rows);
    this.inserted.add(table);
    this.tables++;
  }

  private async insert(table: string, rows: string[]) {
    this.table = table;
    const links = await this.linkTable(table);
    for (const batch of batches(rows)) {
      const json = `[${batch.join(',')}]`;
      const target = ident(table);
      if (!links) {
        // json_populate_recordset keeps every type's text form (timestamps, arrays, bytea) exactly as the source printed it.
        await this.tx.execute(sql`INSERT INTO ${sql.raw(target)} SELECT * FROM json_populate_recordset(NULL::${sql.raw(target)}, ${json}::json)`);
        continue;
      }
      const select = links.columns.map((c) => (links.links.includes(c) ? 'NULL' : ident(c))).join(', ');
      const keep = [...links.key, ...links.links].map(ident).join(', ');
      const any = links.links.map((c) => `${ident(c)} IS NOT NULL`).join(' OR ');
      await this.tx.execute(sql`
        WITH src AS MATERIALIZED (SELECT * FROM json_populate_recordset(NULL::${sql.raw(target)}, ${json}::json)),
          linked AS (INSERT INTO ${sql.raw(links.temp)} SELECT ${sql.raw(keep)} FROM src WHERE ${sql.raw(any)})
        INSERT INTO ${sql.raw(target)} (${sql.raw(links.columns.map(ident).join(', '))}) SELECT ${sql.raw(select)} FROM src`);
    }
    this.rows += rows.length;
  }

  /** The temporary table of a table's deferred links, created on its first rows; undefined when it has none. */
  private async linkTable(table: string): Promise<LinkTable | undefined> {
    const existing = this.linkTables.get(table);
    if (existing) return existing;
    const links = [...new Set(this.plan.deferred.filter((f) => f.child === table).flatMap((f) => f.columns))];
    if (!links.length) return undefined;
    const key = rowsOf<{ column: string }>(
      await this.tx.execute(sql`
        SELECT a.attname AS column FROM pg_index i
        JOIN unnest(i.indkey) WITH ORDINALITY k(attnum, ord) ON true
        JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
        WHERE i.indrelid = ${`public.${ident(table)}`}::regclass AND i.indisprimary ORDER BY k.ord`),
    ).map((r) => r.column);
    if (!key.length) throw new RestoreError(`Table ${table} has links to fill in after loading (${links.join(', ')}) but no primary key.`);
    const columns = rowsOf<{ name: string }>(
      await this.tx.execute(
        sql`SELECT column_name AS name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ${table} AND is_generated = 'NEVER' ORDER BY ordinal_position`,
      ),
    ).map((c) => c.name);
    const temp = ident(`mide_restore_links_${this.linkTables.size}`);
    await this.tx.execute(
      sql.raw(`CREATE TEMPORARY TABLE ${temp} ON COMMIT DROP AS SELECT ${[...key, ...links].map(ident).join(', ')} FROM ${ident(table)} WITH NO DATA`),
    );
    const created: LinkTable = { temp, key, links, columns };
    this.linkTables.set(table, created);
    return created;
  }

  private ready(table: string): boolean {
    return this.kept.every((f) => f.child !== table || this.inserted.has(f.parent));
  }
}

async function resetSequences(tx: Executor) {
  const serials = rowsOf<{ table: string; column: string }>(
    await tx.execute(sql`SELECT table_name AS table, column_name AS column FROM information_schema.columns WHERE table_schema = 'public' AND column_default LIKE 'nextval(%'`),
  );
  for (const s of serials) {
    await tx.execute(
      sql.raw(
        `SELECT setval(pg_get_serial_sequence('${ident(s.table)}', '${s.column}'), COALESCE((SELECT max(${ident(s.column)}) FROM ${ident(s.table)}), 0) + 1, false)`,
      ),
    );
  }
}
