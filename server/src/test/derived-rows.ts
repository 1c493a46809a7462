import { randomUUID } from 'node:crypto';
import { getTableColumns, getTableName, isTable, sql, type Column, type Table } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import type { AppContext } from '../core/context.js';
import { rowsOf } from '../core/db/engine.js';

/**
 * A row for a simple module table, derived from its drizzle columns: the round-trip fixture (`fillEveryTable`)
 * gives one to every manifest table its hand-written factories left empty, so a new module's tables are covered
 * without editing the fixtures. A foreign key takes a row of the table it refers to; other columns get values a
 * restore could get wrong (quotes, new lines, non-Latin letters, far dates, nested jsonb). A column of a type not
 * known here fails with the table named: write that table a factory in fixtures.ts.
 */

const AWKWARD = 'Zoë O\'Brien "Beto"\nsegunda línea\ttab \\ barra 𝄞 日本';
const FAR = new Date('2099-12-31T23:59:59.123Z');

interface Reference {
  table: string;
  column: string;
}

function referencesOf(table: PgTable): Map<string, Reference> {
  const refs = new Map<string, Reference>();
  for (const fk of getTableConfig(table).foreignKeys) {
    const { columns, foreignColumns, foreignTable } = fk.reference();
    columns.forEach((c, i) => refs.set(c.name, { table: getTableName(foreignTable), column: foreignColumns[i]!.name }));
  }
  return refs;
}

/** A value of the column's type, or `undefined` to leave it to its default. */
function valueFor(tableName: string, column: Column): unknown {
  if (column.hasDefault) return undefined;
  const enumValues = (column as Column & { enumValues?: string[] }).enumValues;
  const dateMode = (column as unknown as { mode?: string }).mode;
  switch (column.columnType) {
    case 'PgText':
    case 'PgVarchar':
      return enumValues?.length ? enumValues[0] : AWKWARD;
    case 'PgUUID':
      return randomUUID();
    case 'PgInteger':
    case 'PgSmallInt':
    case 'PgBigInt53':
      return 7;
    case 'PgNumeric':
      return dateMode === 'number' ? 1234.56 : '1234.56';
    case 'PgDoublePrecision':
    case 'PgReal':
      return 0.1;
    case 'PgBoolean':
      return true;
    case 'PgTimestamp':
      return FAR;
    case 'PgTimestampString':
      return FAR.toISOString();
    case 'PgDate':
      return new Date('1900-01-01T00:00:00Z');
    case 'PgDateString':
      return '1900-01-01';
    case 'PgJsonb':
    case 'PgJson':
      return { text: AWKWARD, list: [1.5, null, { deep: true }] };
    case 'PgArray':
      return [AWKWARD, 'b'];
    default:
      throw new Error(`fixtures: cannot derive a row of ${tableName} (column ${column.name} is ${column.columnType}): give it a factory in fillEveryTable (server/src/test/fixtures.ts).`);
  }
}

async function isEmpty(ctx: AppContext, name: string): Promise<boolean> {
  const [row] = rowsOf<{ any: boolean }>(await ctx.db.execute(sql`SELECT EXISTS (SELECT 1 FROM ${sql.identifier(name)}) AS any`));
  return !row!.any;
}

async function referencedValue(ctx: AppContext, ref: Reference): Promise<unknown> {
  const [row] = rowsOf<{ value: unknown }>(await ctx.db.execute(sql`SELECT ${sql.identifier(ref.column)} AS value FROM ${sql.identifier(ref.table)} LIMIT 1`));
  return row?.value;
}

/** The row of one table, or null while a table it needs (a not-null foreign key) has no row yet. */
async function derivedRow(ctx: AppContext, table: PgTable): Promise<Record<string, unknown> | null> {
  const name = getTableName(table);
  const refs = referencesOf(table);
  const row: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const ref = refs.get(column.name);
    if (ref) {
      const value = await referencedValue(ctx, ref);
      if (value === undefined && column.notNull) return null;
      row[key] = value ?? null;
      continue;
    }
    const value = valueFor(name, column);
    if (value !== undefined) row[key] = value;
  }
  return row;
}

/** Gives one derived row to each of these tables that is still empty; tables that refer to each other wait their turn. */
export async function fillEmptyTables(ctx: AppContext, tables: readonly unknown[]): Promise<void> {
  let waiting: PgTable[] = [];
  for (const table of tables) if (isTable(table) && (await isEmpty(ctx, getTableName(table as Table)))) waiting.push(table as PgTable);
  while (waiting.length) {
    const next: PgTable[] = [];
    for (const table of waiting) {
      const row = await derivedRow(ctx, table);
      if (row) await ctx.db.insert(table).values(row);
      else next.push(table);
    }
    if (next.length === waiting.length) {
      throw new Error(`fixtures: no row can be derived for ${next.map(getTableName).join(', ')} (a required foreign key has nothing to refer to): give them factories in fillEveryTable.`);
    }
    waiting = next;
  }
}
