import { sql } from 'drizzle-orm';
import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../core/access/schema.js';

/**
 * The tables of __Title__, prefixed `__id___` (no other module's SQL may name them). After changing this file, run
 * `npm run db:generate -- __id__` and commit the migration it writes in `drizzle/` (never edit one that has landed).
 */
export const __name__Items = pgTable('__id___items', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  name: text('name').notNull(),
  /** The name as the duplicate rule compares it (domain/items.ts): one item per key. */
  nameKey: text('name_key').notNull().unique(),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
