import { defineConfig } from 'drizzle-kit';

// The core's tables and every module's schema files (a module may split its tables, as remittances' costs/ and
// projects/): the same tables as the manifests' `tables` (server/src/composition/schema.test.ts checks it).
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./server/src/core/db/schema.ts', './server/src/modules/**/schema.ts'],
  out: './server/drizzle',
});
