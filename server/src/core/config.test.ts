import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

/** The message of the ConfigError that `env` causes. */
function problemWith(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be refused`);
}

describe('loadConfig', () => {
  it('has safe defaults: loopback, port 8080, ./var resolved to an absolute path', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      databaseUrl: undefined,
      port: 8080,
      host: '127.0.0.1',
      secret: undefined,
      publicUrl: undefined,
      sessionIdleMinutes: 30,
      sessionMaxHours: 12,
      logLevel: 'info',
    });
    expect(config.dataDir).toBe(resolve(process.cwd(), 'var'));
  });

  it('treats blank variables as unset (an empty `PORT=` line in a .env file)', () => {
    expect(loadConfig({ PORT: '', HOST: '  ', DATABASE_URL: '' })).toMatchObject({ port: 8080, host: '127.0.0.1', databaseUrl: undefined });
  });

  it('reads valid values', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgresql://u:p@db:5432/mide',
      MIDE_DATA_DIR: 'datos',
      PORT: '3000',
      HOST: '0.0.0.0',
      MIDE_SECRET: 'x'.repeat(32),
      MIDE_PUBLIC_URL: 'https://mide.example.gob/',
      MIDE_SESSION_IDLE_MINUTES: '15',
      MIDE_SESSION_MAX_HOURS: '8',
      MIDE_LOG_LEVEL: 'warn',
    });
    expect(config).toEqual({
      databaseUrl: 'postgresql://u:p@db:5432/mide',
      dataDir: resolve('datos'),
      port: 3000,
      host: '0.0.0.0',
      secret: 'x'.repeat(32),
      publicUrl: 'https://mide.example.gob', // trailing slash removed
      sessionIdleMinutes: 15,
      sessionMaxHours: 8,
      logLevel: 'warn',
      trustProxy: [],
      auditKey: undefined,
      ownerDatabaseUrl: undefined,
      databaseRole: undefined,
      auditSealMs: 200,
    });
    expect(loadConfig({ DATABASE_URL: 'postgres://localhost/mide' }).databaseUrl).toBe('postgres://localhost/mide');
  });

  it('reads the audit chain and database role settings', () => {
    expect(
      loadConfig({ MIDE_AUDIT_KEY: 'k'.repeat(32), MIDE_OWNER_DATABASE_URL: 'postgres://owner@db/mide', MIDE_DATABASE_ROLE: 'mide_app', MIDE_AUDIT_SEAL_MS: '50' }),
    ).toMatchObject({ auditKey: 'k'.repeat(32), ownerDatabaseUrl: 'postgres://owner@db/mide', databaseRole: 'mide_app', auditSealMs: 50 });
  });

  it('lets overrides (command-line flags) win over the environment', () => {
    expect(loadConfig({ PORT: '3000' }, { port: 4000, dataDir: '/srv/mide' })).toMatchObject({ port: 4000, dataDir: '/srv/mide' });
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '0'],
    ['PORT', '65536'],
    ['PORT', '80.5'],
    ['DATABASE_URL', 'mysql://x'],
    ['DATABASE_URL', 'localhost:5432'],
    ['MIDE_SECRET', 'short'],
    ['MIDE_SECRET', 'x'.repeat(31)],
    ['MIDE_PUBLIC_URL', 'not a url'],
    // Parses as a URL whose scheme is "mide.example.gob:"; it must not pass for a public address.
    ['MIDE_PUBLIC_URL', 'mide.example.gob:8443'],
    ['MIDE_PUBLIC_URL', 'ftp://mide.example.gob'],
    ['MIDE_SESSION_IDLE_MINUTES', '0'],
    ['MIDE_SESSION_MAX_HOURS', 'doce'],
    ['MIDE_LOG_LEVEL', 'verbose'],
    ['MIDE_AUDIT_KEY', 'short'],
    ['MIDE_OWNER_DATABASE_URL', 'mysql://owner@db/mide'],
    ['MIDE_DATABASE_ROLE', 'mide app; DROP'],
    ['MIDE_AUDIT_SEAL_MS', '0'],
  ])('names %s in the error when it is %j', (name, value) => {
    const message = problemWith({ [name]: value });
    expect(message).toMatch(/^Invalid configuration:/);
    expect(message).toContain(`${name}:`);
  });

  it('explains how to make a secret', () => {
    expect(problemWith({ MIDE_SECRET: 'short' })).toContain('at least 32 characters');
  });

  it('names every invalid variable at once, one per line', () => {
    const message = problemWith({ PORT: 'abc', DATABASE_URL: 'mysql://x', MIDE_SECRET: 'short' });
    const lines = message.split('\n').slice(1);
    expect(lines).toHaveLength(3);
    expect(lines.some((l) => l.startsWith('  PORT:'))).toBe(true);
    expect(lines.some((l) => l.startsWith('  DATABASE_URL:'))).toBe(true);
    expect(lines.some((l) => l.startsWith('  MIDE_SECRET:'))).toBe(true);
  });

  it('writes the public URL scheme in lower case, so the https checks see it', () => {
    expect(loadConfig({ MIDE_PUBLIC_URL: 'HTTPS://mide.example.gob' }).publicUrl).toBe('https://mide.example.gob');
  });

  it('trusts no proxy unless told which', () => {
    expect(loadConfig({}).trustProxy).toEqual([]);
    expect(loadConfig({ MIDE_TRUST_PROXY: 'loopback' }).trustProxy).toEqual(['127.0.0.1', '::1']);
    expect(loadConfig({ MIDE_TRUST_PROXY: '10.0.0.1, 192.168.0.0/16,,' }).trustProxy).toEqual(['10.0.0.1', '192.168.0.0/16']);
    expect(problemWith({ MIDE_TRUST_PROXY: 'true' })).toContain('MIDE_TRUST_PROXY:');
  });

  it('ignores variables it does not know', () => {
    expect(() => loadConfig({ MIDE_UNKNOWN: 'x', PATH: '/bin' })).not.toThrow();
  });
});
