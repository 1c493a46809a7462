import { getTableName, isTable, type Table } from 'drizzle-orm';
import * as coreSchema from '../core/db/schema.js';
import { platformModules } from './index.js';

/**
 * The whole database schema: the core's tables and every module's manifest `tables`. drizzle-kit reads the same
 * tables from their schema files (`server/drizzle.config.ts`); `schema.test.ts` checks that both lists agree.
 */
export const platformSchema: Readonly<Record<string, unknown>> = Object.assign({}, coreSchema, ...platformModules.list.map((m) => m.tables));

/** The names of every table of the platform, sorted. */
export function platformTableNames(): string[] {
  return Object.values(platformSchema)
    .filter((value): value is Table => isTable(value))
    .map((table) => getTableName(table))
    .sort();
}
