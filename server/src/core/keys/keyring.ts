import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { KeyError, blindIndex, keyEncryptionKey, newDataKey, openField, sealField, sealedKeyId, unwrapDataKey, wrapDataKey, type FieldPlace } from '../crypto.js';
import { rowsOf, type Executor } from '../db/engine.js';
import type { KeyPurpose } from './schema.js';

export type { FieldPlace };

/**
 * The platform's data-encryption keys, as the running server holds them: the KEK (from MIDE_SECRET) and the DEKs
 * it has unwrapped, by id (a key's bytes never change, so they are kept once read). Which key is active is asked
 * of the database every time, inside the caller's transaction and `FOR SHARE`: a rotation (another process,
 * perhaps) then waits for writers under the old key to commit, and writers after it see the new key.
 */
export class Keyring {
  private readonly kek: Buffer;
  private readonly keys = new Map<string, Buffer>();

  constructor(masterSecret: string) {
    this.kek = keyEncryptionKey(masterSecret);
  }

  /** The active key of a purpose, created on first use (one per purpose: a partial unique index). */
  async active(tx: Executor, purpose: KeyPurpose, lock = true): Promise<{ id: string; key: Buffer }> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const [row] = rowsOf<{ id: string; wrapped_key: string }>(
        await tx.execute(sql`SELECT id, wrapped_key FROM crypto_keys WHERE purpose = ${purpose} AND retired_at IS NULL ${lock ? sql`FOR SHARE` : sql``}`),
      );
      if (row) return { id: row.id, key: this.unwrap(row.id, purpose, row.wrapped_key) };
      // Two first writers at once: one insert wins, the other does nothing and reads the winner's key.
      const id = randomUUID();
      await tx.execute(sql`INSERT INTO crypto_keys (id, purpose, wrapped_key) VALUES (${id}, ${purpose}, ${this.wrap(id, purpose, newDataKey())}) ON CONFLICT DO NOTHING`);
    }
    throw new KeyError(`No active ${purpose} key could be read or created`);
  }

  /** A key by id, active or retired; a key missing from the table fails loudly: its values cannot be read. */
  async byId(tx: Executor, id: string): Promise<Buffer> {
    const known = this.keys.get(id);
    if (known) return known;
    const [row] = rowsOf<{ purpose: string; wrapped_key: string }>(await tx.execute(sql`SELECT purpose, wrapped_key FROM crypto_keys WHERE id = ${id}`));
    if (!row) throw new KeyError(`Data key ${id} is not in crypto_keys: the values sealed under it cannot be read`);
    return this.unwrap(id, row.purpose, row.wrapped_key);
  }

  wrap(id: string, purpose: string, dek: Buffer): string {
    return wrapDataKey(this.kek, id, purpose, dek);
  }

  private unwrap(id: string, purpose: string, wrapped: string): Buffer {
    const key = unwrapDataKey(this.kek, id, purpose, wrapped);
    this.keys.set(id, key);
    return key;
  }

  /** Forgets unwrapped keys (after a rotation or a re-wrap, so nothing stale is used). */
  forget(): void {
    this.keys.clear();
  }

  async seal(tx: Executor, place: FieldPlace, plain: string): Promise<string> {
    const { id, key } = await this.active(tx, 'protected_value');
    return sealField(key, id, place, plain);
  }

  async sealOrNull(tx: Executor, place: FieldPlace, plain: string | null | undefined): Promise<string | null> {
    return plain === null || plain === undefined ? null : this.seal(tx, place, plain);
  }

  /** A sealer under the active value key, read once (and locked) for a batch of values in one transaction. */
  async sealer(tx: Executor): Promise<(place: FieldPlace, plain: string | null) => string | null> {
    const { id, key } = await this.active(tx, 'protected_value');
    return (place, plain) => (plain === null ? null : sealField(key, id, place, plain));
  }

  /** An indexer under the active index key, read once (and locked) for a batch. */
  async indexer(tx: Executor): Promise<(normalised: string) => string> {
    const { key } = await this.active(tx, 'document_index');
    return (normalised) => blindIndex(key, normalised);
  }

  async open(tx: Executor, place: FieldPlace, sealed: string): Promise<string> {
    const keyId = sealedKeyId(sealed);
    if (!keyId) throw new KeyError(`${place.table}.${place.column} of ${place.rowId} is not a sealed value`);
    return openField(await this.byId(tx, keyId), place, sealed);
  }

  async openOrNull(tx: Executor, place: FieldPlace, sealed: string | null): Promise<string | null> {
    return sealed === null ? null : this.open(tx, place, sealed);
  }

  /** The blind index of a normalised value under the active index key (reads do not lock the key). */
  async index(tx: Executor, normalised: string, lock = false): Promise<string> {
    const { key } = await this.active(tx, 'document_index', lock);
    return blindIndex(key, normalised);
  }
}
