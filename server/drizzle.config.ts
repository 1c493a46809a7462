import { existsSync, readdirSync } from 'node:fs';
import { defineConfig } from 'drizzle-kit';

// The core's tables and the schema files of the modules whose history is in server/drizzle/ (a module may split
// its tables, as remittances' costs/ and projects/): the same tables as those modules' manifests `tables`. A module
// with its own drizzle.config.ts keeps its migrations in its folder (core/db/migrations.ts) and is left out here.
// Paths are from the repository root, where npm runs drizzle-kit.
const modules = './server/src/modules';
const inCoreHistory = readdirSync(modules, { withFileTypes: true }).filter((d) => d.isDirectory() && !existsSync(`${modules}/${d.name}/drizzle.config.ts`));

export default defineConfig({
  dialect: 'postgresql',
  schema: ['./server/src/core/db/schema.ts', ...inCoreHistory.map((d) => `${modules}/${d.name}/**/schema.ts`)],
  out: './server/drizzle',
});
