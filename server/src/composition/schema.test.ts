import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { getTableName, isTable } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { platformModules } from './index.js';

const modulesDir = fileURLToPath(new URL('../modules/', import.meta.url));

/** The modules' schema files, as drizzle-kit finds them (`server/drizzle.config.ts`: `modules/**\/schema.ts`). */
function schemaFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? schemaFiles(join(dir, entry.name)) : entry.name === 'schema.ts' ? [join(dir, entry.name)] : [],
  );
}

describe('the schema of the composition root', () => {
  it('holds the same module tables as the schema files drizzle-kit reads into the migrations', async () => {
    const inFiles: string[] = [];
    for (const file of schemaFiles(modulesDir)) {
      const exported = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
      inFiles.push(...Object.values(exported).filter(isTable).map((table) => getTableName(table)));
    }
    expect(platformModules.tableNames().sort()).toEqual(inFiles.sort());
  });

  it('gives each module tables under its own prefixes only', () => {
    for (const m of platformModules.list) {
      const others = platformModules.list.filter((o) => o !== m).flatMap((o) => o.tablePrefixes);
      for (const prefix of m.tablePrefixes) expect(others.some((o) => o.startsWith(prefix) || prefix.startsWith(o)), `${m.id}: ${prefix}`).toBe(false);
    }
  });
});
