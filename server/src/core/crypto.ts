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
 * The key that links audit entries into the chain: MIDE_AUDIT_KEY when set (so the audit key can live apart from the
 * secret that seals second-factor seeds), otherwise derived from MIDE_SECRET with HKDF under its own label, so that
 * it is never the same key as the SecretBox's.
 */
export class AuditKey {
  private readonly key: Buffer;
  constructor(masterSecret: string, dedicatedKey?: string) {
    this.key = dedicatedKey
      ? Buffer.from(hkdfSync('sha256', dedicatedKey, 'mide', 'audit-key-v1', 32))
      : Buffer.from(hkdfSync('sha256', masterSecret, 'mide', 'audit-chain-v1', 32));
  }
  /** Hex HMAC-SHA256 of the UTF-8 text. */
  mac(text: string): string {
    return hmacSha256Hex(this.key, text);
  }
}

export function hmacSha256Hex(key: Buffer, text: string): string {
  return createHmac('sha256', key).update(text, 'utf8').digest('hex');
}
