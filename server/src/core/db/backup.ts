import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import { sql } from 'drizzle-orm';
import type { Database, Executor } from './engine.js';
import { rowsOf } from './engine.js';

/**
 * Backup: one gzip'd file of JSON lines holding every table of the `public` schema, read in one
 * REPEATABLE READ snapshot, so the file is consistent even while the server keeps writing (PostgreSQL).
 * Restore: into an empty database of either engine at the same migration level, all or nothing.
 *
 * Line 1: {"format":"mide-backup","version":1,"createdAt","engine","migrations","tables":[...]}
 * Then, per table, parents before children: {"table":"name","columns":[...]} followed by {"r":{...row...}} lines.
 */
export const BACKUP_FORMAT = 'mide-backup';
const FETCH_SIZE = 2000;

interface Header {
  format: string;
  version: number;
  createdAt: string;
  engine: string;
  migrations: number;
  lastMigration: string | null;
  tables: string[];
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function tableNames(tx: Executor): Promise<string[]> {
  const rows = rowsOf<{ name: string }>(
    await tx.execute(sql`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`),
  );
  return rows.map((r) => r.name);
}

/** Foreign keys between public tables: child -> parents (self-references listed separately). */
async function foreignKeys(tx: Executor) {
  return rowsOf<{ child: string; parent: string; column: string }>(
    await tx.execute(sql`
      SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent, a.attname AS column
      FROM pg_constraint c
      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
      JOIN pg_namespace n ON n.oid = c.connamespace
      WHERE c.contype = 'f' AND n.nspname = 'public'`),
  ).map((r) => ({ ...r, child: r.child.replace(/^"|"$/g, ''), parent: r.parent.replace(/^"|"$/g, '') }));
}

/** Parents before children. */
export function loadOrder(tables: string[], fks: { child: string; parent: string }[]): string[] {
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (t: string) => {
    if (ordered.includes(t) || visiting.has(t)) return;
    visiting.add(t);
    for (const fk of fks) if (fk.child === t && fk.parent !== t && tables.includes(fk.parent)) visit(fk.parent);
    visiting.delete(t);
    ordered.push(t);
  };
  [...tables].sort().forEach(visit);
  return ordered;
}

async function migrationLevel(tx: Executor): Promise<{ count: number; last: string | null }> {
  const rows = rowsOf<{ count: number; last: string | null }>(
    await tx.execute(sql`SELECT count(*)::int AS count, max(hash) FILTER (WHERE created_at = (SELECT max(created_at) FROM drizzle.__drizzle_migrations)) AS last FROM drizzle.__drizzle_migrations`),
  );
  return rows[0] ?? { count: 0, last: null };
}

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
      // Parents first, so that a restore can insert rows as it reads them.
      const tables = loadOrder(await tableNames(tx), await foreignKeys(tx));
      const level = await migrationLevel(tx);
      const header: Header = { format: BACKUP_FORMAT, version: 1, createdAt: new Date().toISOString(), engine: database.engine, migrations: level.count, lastMigration: level.last, tables };
      await write(header);
      for (const table of tables) {
        const columns = rowsOf<{ name: string }>(
          await tx.execute(sql`SELECT column_name AS name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ${table} ORDER BY ordinal_position`),
        ).map((c) => c.name);
        await write({ table, columns });
        await tx.execute(sql.raw(`DECLARE mide_backup_cursor NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS j FROM ${ident(table)} t`));
        for (;;) {
          const batch = rowsOf<{ j: string }>(await tx.execute(sql.raw(`FETCH ${FETCH_SIZE} FROM mide_backup_cursor`)));
          for (const row of batch) {
            if (!gzip.write(`{"r":${row.j}}\n`)) await once(gzip, 'drain');
          }
          totalRows += batch.length;
          if (batch.length < FETCH_SIZE) break;
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
  /** The next line; a damaged or truncated file is a RestoreError (the transaction then restores nothing). */
  const nextLine = () =>
    iterator.next().catch((error: NodeJS.ErrnoException) => {
      throw error.syscall ? cannotRead(error) : new RestoreError(`${file} is damaged or truncated (${error.message}); nothing was restored.`);
    });
  let header: Header;
  try {
    header = JSON.parse(String(first.value)) as Header;
  } catch {
    throw new RestoreError(`${file} is not a mide backup (it is not a gzip'd JSON-lines file).`);
  }
  if (first.done || header.format !== BACKUP_FORMAT || header.version !== 1) throw new RestoreError(`${file} is not a mide backup of a known version.`);

  return database.db.transaction(async (tx) => {
    const level = await migrationLevel(tx);
    if (level.count !== header.migrations || level.last !== header.lastMigration) {
      throw new RestoreError(
        `The backup was taken at migration level ${header.migrations} and this database is at ${level.count}. Restore with the mide version that made the backup, then upgrade.`,
      );
    }
    const tables = await tableNames(tx);
    for (const table of tables) {
      const [{ n } = { n: 0 }] = rowsOf<{ n: number }>(await tx.execute(sql.raw(`SELECT count(*)::int AS n FROM ${ident(table)}`)));
      if (n > 0) throw new RestoreError(`The target database is not empty (table ${table} has ${n} rows). Restore into an empty database.`);
    }
    const missing = header.tables.filter((t) => !tables.includes(t));
    if (missing.length) throw new RestoreError(`The target database has no table ${missing.join(', ')}.`);
    const loader = new TableLoader(tx, await foreignKeys(tx), header.tables);
    for (let next = await nextLine(); !next.done; next = await nextLine()) {
      const line = next.value;
      if (!line) continue;
      if (line.startsWith('{"r":')) await loader.row(line.slice(5, -1));
      else await loader.startTable((JSON.parse(line) as { table: string }).table);
    }
    await loader.finish();
    await resetSequences(tx);
    return { tables: loader.tables, rows: loader.rows };
  });
}

/**
 * Inserts a backup's rows as they are read when their table's parents are all in already: a file written parents-first
 * (as `writeBackup` writes them) is restored in little memory. A table that comes before one of its parents (an older
 * file), or that refers to itself (a tree), is held until it can go in.
 */
class TableLoader {
  tables = 0;
  rows = 0;
  private readonly inserted = new Set<string>();
  private readonly held = new Map<string, string[]>();
  private current: { table: string; streaming: boolean; rows: string[] } | undefined;

  constructor(
    private readonly tx: Executor,
    private readonly fks: { child: string; parent: string; column: string }[],
    private readonly inFile: string[],
  ) {}

  async startTable(table: string) {
    await this.endTable();
    this.current = { table, streaming: this.ready(table) && this.selfRefs(table).length === 0, rows: [] };
  }

  async row(json: string) {
    if (!this.current) throw new RestoreError('Row before any table in the backup file.');
    this.current.rows.push(json);
    if (this.current.streaming && this.current.rows.length >= FETCH_SIZE) await this.insert(this.current.table, this.current.rows.splice(0));
  }

  async finish() {
    await this.endTable();
    // Only a cycle between tables leaves some held: they go in parents-first as far as an order exists.
    for (const table of loadOrder([...this.held.keys()], this.fks)) await this.complete(table, this.held.get(table)!);
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
    await this.insert(table, rows, this.selfRefs(table));
    this.inserted.add(table);
    this.tables++;
  }

  private async insert(table: string, rows: string[], selfRefs: string[] = []) {
    await insertRows(this.tx, table, rows, selfRefs);
    this.rows += rows.length;
  }

  private ready(table: string): boolean {
    return this.fks.every((f) => f.child !== table || f.parent === table || !this.inFile.includes(f.parent) || this.inserted.has(f.parent));
  }

  private selfRefs(table: string): string[] {
    return this.fks.filter((f) => f.child === table && f.parent === table).map((f) => f.column);
  }
}

/** json_populate_recordset keeps every type's text form (timestamps, arrays, bytea) exactly as the source printed it. */
async function insertRows(tx: Executor, table: string, rows: string[], selfRefs: string[]) {
  const target = ident(table);
  for (let i = 0; i < rows.length; i += FETCH_SIZE) {
    const json = `[${rows.slice(i, i + FETCH_SIZE).join(',')}]`;
    if (selfRefs.length === 0) {
      await tx.execute(sql`INSERT INTO ${sql.raw(target)} SELECT * FROM json_populate_recordset(NULL::${sql.raw(target)}, ${json}::json)`);
    } else {
      // Self-references (a tree): insert with them empty, then link once every row exists.
      await tx.execute(
        sql`INSERT INTO ${sql.raw(target)} SELECT (json_populate_record(r, json_build_object(${sql.raw(selfRefs.map((c) => `'${c}', NULL`).join(', '))}))).* FROM json_populate_recordset(NULL::${sql.raw(target)}, ${json}::json) r`,
      );
    }
  }
  if (selfRefs.length) {
    const [pk] = rowsOf<{ column: string }>(
      await tx.execute(sql`
        SELECT a.attname AS column FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
        WHERE i.indrelid = ${table}::regclass AND i.indisprimary`),
    );
    if (!pk) throw new RestoreError(`Table ${table} refers to itself but has no primary key.`);
    for (let i = 0; i < rows.length; i += FETCH_SIZE) {
      const json = `[${rows.slice(i, i + FETCH_SIZE).join(',')}]`;
      const sets = selfRefs.map((c) => `${ident(c)} = src.${ident(c)}`).join(', ');
      await tx.execute(
        sql`UPDATE ${sql.raw(target)} AS t SET ${sql.raw(sets)} FROM json_populate_recordset(NULL::${sql.raw(target)}, ${json}::json) src WHERE t.${sql.raw(ident(pk.column))} = src.${sql.raw(ident(pk.column))}`,
      );
    }
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
