import { resolve } from 'node:path';
import { z } from 'zod';

/** Everything the server reads from its environment, validated once at start. */
export interface Config {
  databaseUrl: string | undefined;
  dataDir: string;
  port: number;
  host: string;
  secret: string | undefined;
  /** The MIDE_SECRET being replaced, read only by `mide keys rotate --new-secret`. */
  secretPrevious: string | undefined;
  publicUrl: string | undefined;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  logLevel: string;
  /** Proxies whose X-Forwarded-* headers are believed (fastify trustProxy): addresses/CIDRs, or none. */
  trustProxy: string[];
  /** A key of its own for the audit chain's HMAC; unset: derived from MIDE_SECRET (or the embedded engine's secret file). */
  auditKey: string | undefined;
  /** PostgreSQL: the owner role's connection, used to migrate; the server then runs as DATABASE_URL's role. */
  ownerDatabaseUrl: string | undefined;
  /** The runtime role granted its rights after a migration as owner (default: the user of DATABASE_URL). */
  databaseRole: string | undefined;
  /** How often the audit sealer links new entries into the chain (milliseconds). */
  auditSealMs: number;
}

const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  MIDE_DATA_DIR: z.string().min(1).optional(),
  PORT: z.coerce.number().int('must be a whole number').min(1).max(65535).optional(),
  HOST: z.string().min(1).optional(),
  MIDE_SECRET: z.string().min(32, 'must be at least 32 characters (for example: openssl rand -hex 32)').optional(),
  MIDE_SECRET_PREVIOUS: z.string().min(1).optional(),
  // http(s) only: `mide.example.gob:8443` parses as a URL of scheme `mide.example.gob:` and would silently turn off secure cookies.
  MIDE_PUBLIC_URL: z.url({ protocol: /^https?$/, message: 'must be a full URL such as https://mide.example.gob' }).optional(),
  MIDE_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).optional(),
  MIDE_SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24 * 30).optional(),
  MIDE_TRUST_PROXY: z
    .string()
    .regex(/^[0-9a-fA-F.:/,\s]+$|^loopback$/, 'must be "loopback" or a comma-separated list of addresses or CIDR ranges')
    .optional(),
  MIDE_AUDIT_KEY: z.string().min(32, 'must be at least 32 characters (for example: openssl rand -hex 32)').optional(),
  MIDE_OWNER_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  MIDE_DATABASE_ROLE: z.string().regex(/^[a-z_][a-z0-9_$]{0,62}$/, 'must be a PostgreSQL role name (lower-case letters, digits, _)').optional(),
  MIDE_AUDIT_SEAL_MS: z.coerce.number().int('must be a whole number').min(10).max(60_000).optional(),
  MIDE_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
});

export class ConfigError extends Error {}

/** Reads and validates the environment; throws ConfigError with one line per problem. */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<Config> = {},
): Config {
  const blank = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v);
  const cleaned = Object.fromEntries(
    Object.keys(envSchema.shape).map((k) => [k, blank(env[k])]),
  );
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${String(i.path[0])}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    databaseUrl: e.DATABASE_URL,
    dataDir: resolve(e.MIDE_DATA_DIR ?? 'var'),
    port: e.PORT ?? 8080,
    host: e.HOST ?? '127.0.0.1',
    secret: e.MIDE_SECRET,
    secretPrevious: e.MIDE_SECRET_PREVIOUS,
    // Lower-case scheme: the secure-cookie and HSTS checks look for the prefix `https:`.
    publicUrl: e.MIDE_PUBLIC_URL?.replace(/\/$/, '').replace(/^https?:/i, (scheme) => scheme.toLowerCase()),
    sessionIdleMinutes: e.MIDE_SESSION_IDLE_MINUTES ?? 30,
    sessionMaxHours: e.MIDE_SESSION_MAX_HOURS ?? 12,
    logLevel: e.MIDE_LOG_LEVEL ?? 'info',
    trustProxy:
      e.MIDE_TRUST_PROXY === 'loopback'
        ? ['127.0.0.1', '::1']
        : (e.MIDE_TRUST_PROXY ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    auditKey: e.MIDE_AUDIT_KEY,
    ownerDatabaseUrl: e.MIDE_OWNER_DATABASE_URL,
    databaseRole: e.MIDE_DATABASE_ROLE,
    auditSealMs: e.MIDE_AUDIT_SEAL_MS ?? 200,
    ...overrides,
  };
}
