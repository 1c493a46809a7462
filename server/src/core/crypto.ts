// All cryptography of the platform lives here, so that it can be reviewed in one place.
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual, hkdfSync } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { Secret, TOTP } from 'otpauth';

/** OWASP's argon2id minimum (19 MiB, 2 passes, 1 lane). */
const ARGON2_OPTIONS = { algorithm: 2 /* Argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256Hex(input: string): string {
  return createHash('sha256').update(input, 'utf8').digest('hex');
}

export function constantTimeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The same characters typed on different keyboards or systems (composed "ñ" or "n" + tilde) are one password. */
const canonicalPassword = (password: string) => password.normalize('NFC');

export function hashPassword(password: string): Promise<string> {
  return hash(canonicalPassword(password), ARGON2_OPTIONS);
}

export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, canonicalPassword(password));
  } catch {
    return false;
  }
}

/**
 * A hash of a password nobody has, verified when an account does not exist so that
 * a failed login costs the same time whether or not the e-mail is known.
 */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword(randomToken());
  return decoyHash;
}

/** Authenticated encryption of small secrets (TOTP seeds) with a key derived from MIDE_SECRET. */
export class SecretBox {
  private readonly key: Buffer;
  constructor(masterSecret: string) {
    this.key = Buffer.from(hkdfSync('sha256', masterSecret, 'mide', 'secret-box-v1', 32));
  }
  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
  }
  open(sealed: string): string {
    const [version, iv, tag, body] = sealed.split('.');
    // `body` may be empty (an empty secret seals to an empty body), so test it for presence, not truthiness.
    if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('Unrecognised sealed secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

const TOTP_PERIOD_SECONDS = 30;

export function totpFor(base32Secret: string, accountLabel: string): TOTP {
  return new TOTP({ issuer: 'mide', label: accountLabel, algorithm: 'SHA1', digits: 6, period: TOTP_PERIOD_SECONDS, secret: Secret.fromBase32(base32Secret) });
}

/**
 * The time step (30-second counter since 1970) of a code good now: the current step or one either side, for clocks
 * that drift; null for a wrong code. The caller keeps the last step it accepted for the account and refuses a step
 * not after it, so an overheard code cannot be played again (RFC 6238, section 5.2).
 */
export function totpStep(base32Secret: string, code: string, now = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpFor(base32Secret, 'check').validate({ token: code, window: 1, timestamp: now });
  return delta === null ? null : Math.floor(now / 1000 / TOTP_PERIOD_SECONDS) + delta;
}

// ---------------------------------------------------------------------------------------------
// Audit chain key (core/audit): links of the audit chain are HMAC-SHA256, so that nobody holding only the database
// (a backup, the database owner, an operator with psql) can recompute them after an edit.
// ---------------------------------------------------------------------------------------------

/**
 * The key that links audit entries into the chain: derived with HKDF, under its own label (never the SecretBox's
 * key), from MIDE_AUDIT_KEY when set, otherwise from MIDE_SECRET. The same derivation for both, so that when
 * MIDE_SECRET is replaced (`mide keys rotate --new-secret`) setting MIDE_AUDIT_KEY to the previous secret keeps the
 * chain's key, and every earlier seal still verifies.
 */
export class AuditKey {
  private readonly key: Buffer;
  constructor(masterSecret: string, dedicatedKey?: string) {
    this.key = Buffer.from(hkdfSync('sha256', dedicatedKey ?? masterSecret, 'mide', 'audit-chain-v1', 32));
  }
  /** Hex HMAC-SHA256 of the UTF-8 text. */
  mac(text: string): string {
    return hmacSha256Hex(this.key, text);
  }
}

export function hmacSha256Hex(key: Buffer, text: string): string {
  return createHmac('sha256', key).update(text, 'utf8').digest('hex');
}

// ---------------------------------------------------------------------------------------------------------------
// Envelope encryption of protected values at rest (issue 12). A key-encryption key (KEK), derived from MIDE_SECRET
// under its own label, wraps random data-encryption keys (DEKs), which live wrapped in `crypto_keys`. A value is
// sealed under a DEK with AES-256-GCM as `v1.<keyId>.<iv>.<tag>.<body>`, with associated data naming its table,
// column and row, so a value copied into another row or column does not open. Identity-document numbers also get
// a blind index: an HMAC of their letters and digits under a key of its own, for equality look-ups.
// The database side (which key is active, rotation) is in `core/keys/`; nothing here does I/O.
// ---------------------------------------------------------------------------------------------------------------

/** A key or sealed value that does not open: said loudly, never read as empty. */
export class KeyError extends Error {}

const FIELD_CIPHER_VERSION = 'v1';
const B64 = '[A-Za-z0-9_-]';
/** The exact shape of a sealed field: anything else is clear text still to be encrypted (or a broken value). */
const FIELD_CIPHER_PATTERN = new RegExp(`^v1\\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\.(${B64}{16})\\.(${B64}{22})\\.(${B64}*)$`);

/** Where a sealed value belongs; bound into the ciphertext as associated data. */
export interface FieldPlace {
  table: string;
  column: string;
  rowId: string;
}

const placeText = (p: FieldPlace) => `mide-field-v1|${p.table}|${p.column}|${p.rowId}`;

/** The KEK of a master secret (MIDE_SECRET, or MIDE_SECRET_PREVIOUS while re-wrapping). */
export function keyEncryptionKey(masterSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', masterSecret, 'mide', 'key-encryption-key-v1', 32));
}

export function newDataKey(): Buffer {
  return randomBytes(32);
}

/** A DEK wrapped by the KEK (AES-256-GCM, the key's id and purpose as associated data). */
export function wrapDataKey(kek: Buffer, keyId: string, purpose: string, dek: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(Buffer.from(`mide-dek-v1|${keyId}|${purpose}`, 'utf8'));
  const body = Buffer.concat([cipher.update(dek), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

/** Unwraps a DEK; throws when the KEK is not the one that wrapped it (another MIDE_SECRET). */
export function unwrapDataKey(kek: Buffer, keyId: string, purpose: string, wrapped: string): Buffer {
  const [version, iv, tag, body] = wrapped.split('.');
  if (version !== 'v1' || !iv || !tag || !body) throw new KeyError(`Data key ${keyId} is not a wrapped key`);
  const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(`mide-dek-v1|${keyId}|${purpose}`, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]);
  } catch {
    throw new KeyError(`Data key ${keyId} does not open with this MIDE_SECRET (was it changed? see mide keys rotate --new-secret)`);
  }
}

/** The id of the key a sealed value names, or null when the value is not a sealed value (clear text). */
export function sealedKeyId(value: string): string | null {
  return FIELD_CIPHER_PATTERN.exec(value)?.[1] ?? null;
}

export function sealField(dek: Buffer, keyId: string, place: FieldPlace, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', dek, iv);
  cipher.setAAD(Buffer.from(placeText(place), 'utf8'));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [FIELD_CIPHER_VERSION, keyId, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

/** Opens a sealed value; throws (never returns garbage) for another key, another place or a changed byte. */
export function openField(dek: Buffer, place: FieldPlace, sealed: string): string {
  const m = FIELD_CIPHER_PATTERN.exec(sealed);
  if (!m) throw new KeyError(`${place.table}.${place.column} of ${place.rowId} is not a sealed value`);
  const decipher = createDecipheriv('aes-256-gcm', dek, Buffer.from(m[2]!, 'base64url'));
  decipher.setAAD(Buffer.from(placeText(place), 'utf8'));
  decipher.setAuthTag(Buffer.from(m[3]!, 'base64url'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(m[4]!, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new KeyError(`${place.table}.${place.column} of ${place.rowId} does not open under key ${m[1]} (moved from another row, or altered)`);
  }
}

/** A keyed blind index (HMAC-SHA-256, hex) of an already normalised value, for equality look-ups. */
export function blindIndex(indexKey: Buffer, normalised: string): string {
  return createHmac('sha256', indexKey).update(`mide-index-v1|${normalised}`, 'utf8').digest('hex');
}
