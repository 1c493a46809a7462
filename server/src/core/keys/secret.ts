import { eq, isNotNull, or, sql } from 'drizzle-orm';
import { users } from '../access/schema.js';
import { appendAudit } from '../audit/store.js';
import { authorFields, type AppContext, type Author } from '../context.js';
import { KeyError, SecretBox } from '../crypto.js';
import { rowsOf } from '../db/engine.js';
import { Keyring } from './keyring.js';

/**
 * `mide keys rotate --new-secret`: everything MIDE_SECRET protects is moved from the previous secret to the current
 * one, in one transaction: the data keys are wrapped again (their bytes, hence the values, do not change) and the
 * second-factor seeds sealed again. Anything the previous secret does not open fails the whole change.
 */
export async function changeSecret(ctx: AppContext, author: Author, previousSecret: string): Promise<{ keys: number; seeds: number }> {
  const previousKeys = new Keyring(previousSecret);
  const previousBox = new SecretBox(previousSecret);
  const result = await ctx.db.transaction(async (tx) => {
    const keys = rowsOf<{ id: string; purpose: string }>(await tx.execute(sql`SELECT id::text AS id, purpose FROM crypto_keys ORDER BY created_at FOR UPDATE`));
    for (const k of keys) {
      const dek = await previousKeys.byId(tx, k.id);
      await tx.execute(sql`UPDATE crypto_keys SET wrapped_key = ${ctx.keyring.wrap(k.id, k.purpose, dek)} WHERE id = ${k.id}::uuid`);
    }
    const sealed = await tx
      .select({ id: users.id, secret: users.totpSecretSealed, pending: users.totpPendingSealed })
      .from(users)
      .where(or(isNotNull(users.totpSecretSealed), isNotNull(users.totpPendingSealed)))
      .for('update');
    const again = (v: string | null) => {
      if (v === null) return null;
      try {
        return ctx.secretBox.seal(previousBox.open(v));
      } catch {
        throw new KeyError('A second-factor seed does not open with MIDE_SECRET_PREVIOUS: is it the secret being replaced?');
      }
    };
    for (const u of sealed) await tx.update(users).set({ totpSecretSealed: again(u.secret), totpPendingSealed: again(u.pending) }).where(eq(users.id, u.id));
    await appendAudit(tx, { ...authorFields(author), action: 'keys.new_secret', recordType: 'crypto_key', changedFields: [`keys:${keys.length}`, `seeds:${sealed.length}`] });
    return { keys: keys.length, seeds: sealed.length };
  });
  ctx.keyring.forget();
  return result;
}
