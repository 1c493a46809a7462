import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from './config.js';
import { ConfigError } from './config.js';
import { openDatabase, type Database } from './db/engine.js';
import { AuditKey, SecretBox, randomToken } from './crypto.js';
import type { AppContext } from './context.js';
import { seedRoles } from './access/store.js';
import { seedOrgUnits } from './geo/store.js';
import { loadBundledOrgUnitSeed } from './geo/seed-data.js';
import { modules } from '../modules/index.js';
import { registerModuleMigrations } from './db/migrations.js';
import { Keyring } from './keys/keyring.js';
import { sealClearValues, type SealedTable } from './keys/sealed.js';
import { peopleSealed } from './people/privacy.js';

/** Every table holding sealed values: the persons registry's and the modules'. */
export function sealedTables(): SealedTable[] {
  return [...peopleSealed, ...modules.flatMap((m) => m.sealed ?? [])];
}

/**
 * MIDE_SECRET encrypts second-factor seeds and (through the key-encryption key) protected values. A PostgreSQL deployment must set it; the embedded
 * engine, meant for trials and small offices, keeps a generated one beside its data.
 */
function resolveSecret(config: Config): string {
  if (config.secret) return config.secret;
  if (config.databaseUrl) {
    throw new ConfigError('Invalid configuration:\n  MIDE_SECRET: required with DATABASE_URL (for example: openssl rand -hex 32)');
  }
  const file = join(config.dataDir, 'secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomToken(32);
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

// Every database this process migrates applies the modules' own migration sets after the core's.
registerModuleMigrations(modules);

export interface OpenPlatformOptions {
  /** Shown to a second process that finds the embedded data folder locked. */
  command: string;
  /** Apply migrations (idempotent). */
  migrate?: boolean;
  /** Seed roles, org units and module catalogues on an empty database. */
  seed?: boolean;
  /** Also load the modules' bundled public data (default: with the seed). */
  bundledData?: boolean;
  database?: Database;
}

export async function openPlatform(config: Config, options: OpenPlatformOptions): Promise<AppContext> {
  const database =
    options.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, command: options.command }));
  try {
    if (options.migrate !== false) {
      // With an owner role configured, migrations run as the owner and the server's role is granted its rights.
      await database.migrate(config.ownerDatabaseUrl && database.engine === 'postgres' ? { url: config.ownerDatabaseUrl, runtimeRole: config.databaseRole } : undefined);
    }
    const secret = resolveSecret(config);
    const ctx: AppContext = { database, db: database.db, config, secretBox: new SecretBox(secret), auditKey: new AuditKey(secret, config.auditKey), keyring: new Keyring(secret) };
    if (options.seed !== false) await seedPlatform(ctx, options.bundledData !== false);
    return ctx;
  } catch (error) {
    await database.close();
    throw error;
  }
}

export async function seedPlatform(ctx: AppContext, bundledData = true): Promise<void> {
  await seedRoles(ctx.db);
  await seedOrgUnits(ctx.db, loadBundledOrgUnitSeed());
  for (const m of modules) if (m.seed) await m.seed(ctx);
  // Protected values written in clear before migration 0017 (or restored from an older backup) are sealed now.
  await sealClearValues(ctx, sealedTables());
  if (bundledData) for (const m of modules) if (m.bundledData) await m.bundledData(ctx);
}
