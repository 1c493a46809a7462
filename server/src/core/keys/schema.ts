import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uuid, uniqueIndex } from 'drizzle-orm/pg-core';

/** What a data-encryption key is for: sealing protected values, or the blind index of identity documents. */
export const KEY_PURPOSES = ['protected_value', 'document_index'] as const;
export type KeyPurpose = (typeof KEY_PURPOSES)[number];

/**
 * Data-encryption keys (random AES-256 / HMAC keys), each stored wrapped by the key-encryption key derived from
 * MIDE_SECRET (`core/crypto.ts`), so a copy of the database alone opens nothing. One active key per purpose;
 * `mide keys rotate` retires it after re-encrypting every value under a new one. A retired key stays for the
 * record (and for a value a rotation somehow missed, which then still opens); removing a key makes its values
 * fail loudly, never read as empty.
 */
export const cryptoKeys = pgTable(
  'crypto_keys',
  {
    id: uuid('id').primaryKey(),
    purpose: text('purpose', { enum: KEY_PURPOSES }).notNull(),
    wrappedKey: text('wrapped_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('crypto_keys_active_idx').on(t.purpose).where(sql`retired_at IS NULL`), index('crypto_keys_purpose_idx').on(t.purpose, t.createdAt)],
);
