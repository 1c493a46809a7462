import { defineConfig } from 'drizzle-kit';

/**
 * The migrations of __Title__ live in its folder, with their own table, applied after the core's
 * (server/src/core/db/migrations.ts). Paths are from the repository root, where npm runs drizzle-kit:
 * `npm run db:generate -- __id__`.
 */
export default defineConfig({
  dialect: 'postgresql',
  schema: './server/src/modules/__id__/schema.ts',
  out: './server/src/modules/__id__/drizzle',
  migrations: { schema: 'drizzle', table: '__drizzle_migrations___id__' },
});
