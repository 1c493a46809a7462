import { describe, expect, it } from 'vitest';
import { createHmac, hkdfSync } from 'node:crypto';
import { AuditKey, constantTimeEqual, hashPassword, hmacSha256Hex, newTotpSecret, randomToken, SecretBox, sha256Hex, totpFor, totpStep, verifyPassword } from './crypto.js';

const MASTER = 'a-master-secret-of-at-least-32-characters';

describe('SecretBox', () => {
  it('opens what it sealed', () => {
    const box = new SecretBox(MASTER);
    for (const plain of ['JBSWY3DPEHPK3PXP', '', 'ñandú 🐕 ' + 'x'.repeat(1000)]) expect(box.open(box.seal(plain))).toBe(plain);
  });

  it('seals the same text differently each time (random IV) and never in clear', () => {
    const box = new SecretBox(MASTER);
    const a = box.seal('JBSWY3DPEHPK3PXP');
    const b = box.seal('JBSWY3DPEHPK3PXP');
    expect(a).not.toBe(b);
    expect(a).not.toContain('JBSWY3DPEHPK3PXP');
    expect(a.split('.')[0]).toBe('v1');
  });

  it('opens with another instance made from the same master secret (after a restart)', () => {
    expect(new SecretBox(MASTER).open(new SecretBox(MASTER).seal('seed'))).toBe('seed');
  });

  it('refuses to open with a different master secret', () => {
    const sealed = new SecretBox(MASTER).seal('seed');
    expect(() => new SecretBox(MASTER + 'x').open(sealed)).toThrow();
  });

  it.each([1, 2, 3])('detects tampering with part %i (iv, tag, body)', (part) => {
    const box = new SecretBox(MASTER);
    const pieces = box.seal('a secret seed').split('.');
    const bytes = Buffer.from(pieces[part]!, 'base64url');
    bytes[0] = bytes[0]! ^ 0x01;
    pieces[part] = bytes.toString('base64url');
    expect(() => box.open(pieces.join('.'))).toThrow();
  });

  it('refuses malformed and unknown-version strings', () => {
    const box = new SecretBox(MASTER);
    const [, iv, tag, body] = box.seal('seed').split('.');
    expect(() => box.open('')).toThrow('Unrecognised');
    expect(() => box.open('plain text')).toThrow('Unrecognised');
    expect(() => box.open(['v2', iv, tag, body].join('.'))).toThrow('Unrecognised');
    expect(() => box.open(['v1', iv, tag].join('.'))).toThrow('Unrecognised');
  });
});

describe('totpStep', () => {
  // "now" is passed in: the step is counted from it.
  const NOW = new Date('2026-03-15T12:00:10Z').getTime();
  const STEP = Math.floor(NOW / 30_000);
  const at = (secret: string, ms: number) => totpFor(secret, 'test').generate({ timestamp: ms });

  it('accepts the current code and gives its time step', () => {
    const secret = newTotpSecret();
    expect(totpStep(secret, at(secret, NOW), NOW)).toBe(STEP);
  });

  it('accepts the codes one step either side (clock drift) but not two steps away', () => {
    const secret = newTotpSecret();
    const valid = new Set([-30_000, 0, 30_000].map((d) => at(secret, NOW + d)));
    expect(totpStep(secret, at(secret, NOW - 30_000), NOW)).toBe(STEP - 1);
    expect(totpStep(secret, at(secret, NOW + 30_000), NOW)).toBe(STEP + 1);
    for (const d of [-90_000, -60_000, 60_000, 90_000]) {
      const code = at(secret, NOW + d);
      if (!valid.has(code)) expect(totpStep(secret, code, NOW)).toBeNull(); // skip a 1-in-a-million collision
    }
  });

  it('rejects a code of another secret and every wrong code', () => {
    const secret = newTotpSecret();
    const valid = new Set([-30_000, 0, 30_000].map((d) => at(secret, NOW + d)));
    const wrong = ['000000', '123456', '999999', at(newTotpSecret(), NOW)].filter((c) => !valid.has(c));
    expect(wrong.length).toBeGreaterThan(0);
    for (const code of wrong) expect(totpStep(secret, code, NOW)).toBeNull();
  });

  it('rejects anything but exactly six digits', () => {
    const secret = newTotpSecret();
    const code = at(secret, NOW);
    for (const bad of ['', '12345', `${code}0`, `${code.slice(0, 5)}a`, ` ${code}`, `${code}\n`, `${code.slice(0, 3)} ${code.slice(3)}`, '１２３４５６', '-12345']) {
      expect(totpStep(secret, bad, NOW)).toBeNull();
    }
  });
});

describe('passwords and tokens', () => {
  it('verifies an argon2id hash of the right password only', async () => {
    const hash = await hashPassword('una frase de prueba bastante larga');
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(hash).not.toContain('una frase');
    expect(await verifyPassword(hash, 'una frase de prueba bastante larga')).toBe(true);
    expect(await verifyPassword(hash, 'una frase de prueba bastante largA')).toBe(false);
  });

  it('answers false, not an exception, for a stored hash that is not a hash', async () => {
    expect(await verifyPassword('not-a-hash', 'whatever')).toBe(false);
    expect(await verifyPassword('', 'whatever')).toBe(false);
  });

  it('makes distinct url-safe random tokens', () => {
    const tokens = new Set(Array.from({ length: 100 }, () => randomToken()));
    expect(tokens.size).toBe(100);
    for (const t of tokens) expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('hashes with SHA-256 and compares in constant time', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
  });
});

describe('AuditKey', () => {
  it('is HMAC-SHA256 under a key derived from MIDE_SECRET with its own label (not the SecretBox key)', () => {
    const mac = new AuditKey(MASTER).mac('["x"]');
    const derived = Buffer.from(hkdfSync('sha256', MASTER, 'mide', 'audit-chain-v1', 32));
    expect(mac).toBe(createHmac('sha256', derived).update('["x"]', 'utf8').digest('hex'));
    expect(mac).toBe(hmacSha256Hex(derived, '["x"]'));
    expect(mac).not.toBe(hmacSha256Hex(Buffer.from(hkdfSync('sha256', MASTER, 'mide', 'secret-box-v1', 32)), '["x"]'));
    expect(mac).not.toBe(sha256Hex('["x"]'));
  });

  it('changes with the secret, and with MIDE_AUDIT_KEY when one is set', () => {
    const base = new AuditKey(MASTER).mac('entry');
    expect(new AuditKey(MASTER + '!').mac('entry')).not.toBe(base);
    const dedicated = new AuditKey(MASTER, 'a-dedicated-audit-key-of-32-characters');
    expect(dedicated.mac('entry')).not.toBe(base);
    expect(new AuditKey('another-master-secret-of-32-characters!', 'a-dedicated-audit-key-of-32-characters').mac('entry')).toBe(dedicated.mac('entry'));
    // The previous MIDE_SECRET given as MIDE_AUDIT_KEY keeps the chain's key once MIDE_SECRET is replaced.
    expect(new AuditKey('a-new-master-secret-of-32-characters!!', MASTER).mac('entry')).toBe(base);
  });
});
