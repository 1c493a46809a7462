import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from './config.js';
import { ConfigError } from './config.js';
import { openDatabase, type Database } from './db/engine.js';
import { AuditKey, SecretBox, randomToken } from './crypto.js';
import type { AppContext } from './context.js';
import { applyStartingGrants } from './access/grants.js';
import { seedOrgUnits } from './geo/store.js';
import { loadBundledOrgUnitSeed } from './geo/seed-data.js';
import { Keyring } from './keys/keyring.js';
import { sealClearValues } from './keys/sealed.js';
import type { InstalledModules } from './installed-modules.js';

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

export interface OpenPlatformOptions {
  /** The modules of this installation (the composition root passes them). */
  modules: InstalledModules;
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
    const ctx: AppContext = {
      database,
      db: database.db,
      config,
      secretBox: new SecretBox(secret),
      auditKey: new AuditKey(secret, config.auditKey),
      keyring: new Keyring(secret),
      modules: options.modules,
    };
    if (options.seed !== false) await seedPlatform(ctx, options.bundledData !== false);
    return ctx;
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** What the core itself needs on any database: the starting roles with their grants, and the org units. */
export async function seedCore(ctx: AppContext): Promise<void> {
  await applyStartingGrants(ctx.db, ctx.modules.roles, ctx.modules.grants);
  await seedOrgUnits(ctx.db, loadBundledOrgUnitSeed());
}

export async function seedPlatform(ctx: AppContext, bundledData = true): Promise<void> {
  await seedCore(ctx);
  for (const m of ctx.modules.list) if (m.seed) await m.seed(ctx);
  // Protected values written in clear before migration 0017 (or restored from an older backup) are sealed now.
  await sealClearValues(ctx, ctx.modules.sealedTables());
  if (bundledData) for (const m of ctx.modules.list) if (m.bundledData) await m.bundledData(ctx);
}
