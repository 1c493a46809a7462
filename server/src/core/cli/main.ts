import { parseArgs, type ParseArgsConfig } from 'node:util';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { DataDirLockedError } from '../db/lock.js';
import { openPlatform } from '../platform.js';
import { rotateKeys } from '../keys/sealed.js';
import { changeSecret } from '../keys/secret.js';
import { KeyError } from '../crypto.js';
import { buildApp } from '../http/app.js';
import { AppError, toErrorBody } from '../http/errors.js';
import { createUser, listUserViews, setPassword } from '../access/users.js';
import { currentAnchor, roleCanRewriteAudit, sealPending, verifyAuditChain, type AuditAnchor, type AuditVerification } from '../audit/store.js';
import { startAuditSealer } from '../audit/sealer.js';
import { RestoreError, restoreBackup, writeBackup } from '../db/backup.js';
import { importCodeList } from '../geo/service.js';
import { CLI_META, SYSTEM, type AppContext } from '../context.js';
import { readSecretLine } from './io.js';
import { users } from '../access/schema.js';
import { housekeeping } from '../access/store.js';
import { ACCOUNT_RULE } from '../access/auth.js';
import { sql } from 'drizzle-orm';
import { ManifestError, type InstalledModules } from '../installed-modules.js';
import type { ModuleCommand } from '../module.js';

type Options = NonNullable<ParseArgsConfig['options']>;
interface Command {
  usage: string;
  summary: string;
  options: Options;
  run(values: Record<string, string | boolean | undefined>, config: Config): Promise<number>;
}

const dataDirOption: Options = { 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } };

/**
 * Opens the platform for a one-off command and always closes it (releasing the embedded database's lock). Before
 * closing, it links the audit entries the command wrote (and any left by a process that stopped before sealing):
 * on the embedded engine the process holding the data folder is the only sealer there is.
 */
async function withPlatformOf<T>(config: Config, modules: InstalledModules, command: string, fn: (ctx: AppContext) => Promise<T>, seed = true): Promise<T> {
  const ctx = await openPlatform(config, { modules, command, seed });
  try {
    const result = await fn(ctx);
    await sealPending(ctx);
    return result;
  } finally {
    await ctx.database.close();
  }
}

const REASONS: Record<NonNullable<AuditVerification['reason']>, string> = {
  gap: 'a seal is missing before it (a removed seal)',
  missing_entry: 'the sealed entry is gone (a removed entry)',
  broken_link: 'its seal does not point at the link before it (a changed seal)',
  bad_hash: 'the entry or its seal was changed after sealing',
  legacy_link: 'an entry written before the keyed chain was changed, removed or moved',
  anchor_missing: 'the chain no longer reaches the anchor kept (its tail was removed)',
  anchor_mismatch: 'the chain no longer holds the anchor kept (it was rewritten)',
};

function readAnchor(file: string): AuditAnchor {
  const value = JSON.parse(readFileSync(file, 'utf8')) as Partial<AuditAnchor>;
  if (typeof value.pos !== 'number' || typeof value.seq !== 'number' || typeof value.hash !== 'string' || !/^[0-9a-f]{64}$/.test(value.hash)) {
    throw new ConfigError(`${file} is not an anchor written by "mide audit anchor --out" (it needs pos, seq and hash).`);
  }
  return { pos: value.pos, seq: value.seq, hash: value.hash, sealedAt: String(value.sealedAt ?? '') };
}

function printAppError(error: AppError) {
  const body = toErrorBody(error, 'en', 'cli');
  console.error(`mide: ${body.error.message}`);
  for (const f of body.error.fields) console.error(`  ${f.path}: ${f.message}`);
}

/**
 * The core's commands; the modules add theirs (`PlatformModule.cli`). The entries keep the indentation they had as a
 * top-level constant, so that their history (and concurrent changes to them) stay readable; reindent at leisure.
 */
function coreCommands(modules: InstalledModules): Record<string, Command> {
  const withPlatform = <T>(config: Config, command: string, fn: (ctx: AppContext) => Promise<T>, seed = true) => withPlatformOf(config, modules, command, fn, seed);
  return {
  serve: {
    usage: 'mide serve [--port N] [--host H] [--data-dir DIR]',
    summary: 'Apply migrations, load the bundled data on first start, and serve the platform.',
    options: { ...dataDirOption, port: { type: 'string' }, host: { type: 'string' } },
    async run(values, config) {
      if (values.port !== undefined) {
        const port = Number(values.port);
        if (!Number.isInteger(port) || port < 1 || port > 65535) throw new ConfigError(`Invalid --port ${String(values.port)}: use a number from 1 to 65535.`);
        config.port = port;
      }
      if (typeof values.host === 'string') config.host = values.host;
      const ctx = await openPlatform(config, { modules, command: 'serve' });
      const app = await buildApp(ctx);
      if (ctx.database.engine === 'postgres' && (await roleCanRewriteAudit(ctx.db))) {
        app.log.warn(
          'the database role of DATABASE_URL owns the audit tables (or is a superuser): it could switch their protection off. Run the server as a runtime role and migrate with MIDE_OWNER_DATABASE_URL (README, "Embedded database or PostgreSQL server").',
        );
      }
      // Links audit entries into the keyed chain; one per database is elected, the others stand by.
      const sealer = startAuditSealer(ctx, { onError: (err) => app.log.warn({ err }, 'audit sealing failed; retrying') });
      let closing = false;
      const shutdown = async (signal: string) => {
        if (closing) return;
        closing = true;
        app.log.info({ signal }, 'stopping: finishing requests under way');
        try {
          await app.close();
          await sealer.stop(); // seals what the last requests wrote
        } finally {
          await ctx.database.close();
          app.log.info('stopped; database closed');
          process.exit(0);
        }
      };
      process.on('SIGINT', () => void shutdown('SIGINT'));
      process.on('SIGTERM', () => void shutdown('SIGTERM'));
      try {
        await app.listen({ port: config.port, host: config.host });
      } catch (error) {
        // Close the database (and release the data folder's lock) and say what is wrong, rather than a stack trace.
        await app.close().catch(() => undefined);
        await sealer.stop();
        await ctx.database.close();
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
          throw new ConfigError(`Cannot listen on ${config.host}:${config.port} (${code}): ${code === 'EADDRINUSE' ? 'another program uses this port; choose another with --port or PORT' : 'use another --port or --host'}.`);
        }
        throw error;
      }
      // Expired sessions and old throttle counters are removed at start and every hour.
      const tidy = () => housekeeping(ctx.db, config.sessionIdleMinutes, ACCOUNT_RULE.windowMinutes).catch((err: unknown) => app.log.warn({ err }, 'housekeeping failed'));
      await tidy();
      setInterval(() => void tidy(), 3_600_000).unref();
      const [{ n } = { n: 0 }] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(users);
      const url = config.publicUrl ?? `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
      console.log(`\nmide is running at ${url}  (database: ${ctx.database.engine === 'pglite' ? `embedded, ${config.dataDir}` : 'PostgreSQL'})`);
      if (n === 0) {
        console.log('No users yet. Create the first administrator in another terminal after stopping the server (the embedded database allows one process),');
        console.log('or now if you use PostgreSQL:');
        console.log('  npx mide users create --email you@example.org --role admin --scope 001');
      }
      return new Promise<number>(() => undefined); // runs until a signal
    },
  },
  migrate: {
    usage: 'mide migrate [--data-dir DIR]',
    summary: 'Apply database migrations (idempotent) and seed an empty database.',
    options: dataDirOption,
    async run(_values, config) {
      await withPlatform(config, 'migrate', async () => undefined);
      console.log('Database is up to date.');
      return 0;
    },
  },
  'users create': {
    usage: 'mide users create --email E --role R --scope CODES [--view-scope CODES] [--name NAME] [--data-dir DIR]   (password on standard input)',
    summary: `Create a user. Roles: ${modules.roles.map((r) => r.id).join(', ')}. Scopes are org-unit codes separated by commas (GTM, 419, 001 for the world); --scope sets the capture scope, and the view scope too unless --view-scope is given.`,
    options: { ...dataDirOption, email: { type: 'string' }, role: { type: 'string' }, scope: { type: 'string' }, 'view-scope': { type: 'string' }, name: { type: 'string' } },
    async run(values, config) {
      const missing = ['email', 'role', 'scope'].filter((k) => typeof values[k] !== 'string' || !(values[k] as string).trim());
      if (missing.length) {
        console.error(`mide users create: missing ${missing.map((m) => `--${m}`).join(', ')}`);
        return 2;
      }
      const email = String(values.email);
      const password = await readSecretLine(`Password for ${email} (at least 12 characters): `);
      const split = (v: unknown) => String(v ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      const captureScope = split(values.scope);
      const viewScope = values['view-scope'] ? split(values['view-scope']) : captureScope;
      const user = await withPlatform(config, 'users create', (ctx) =>
        createUser(ctx, SYSTEM, CLI_META, {
          email,
          displayName: typeof values.name === 'string' ? values.name : email.split('@')[0]!,
          roleId: String(values.role),
          password,
          captureScope,
          viewScope,
        }),
      );
      console.log(`Created ${user.email} (${user.roleId}; capture: ${user.captureScope.map((s) => s.code).join(', ') || '-'}; view: ${user.viewScope.map((s) => s.code).join(', ') || '-'}).`);
      if (user.roleId === 'admin') console.log('Administrators set up a second factor (an authenticator app) the first time they sign in.');
      return 0;
    },
  },
  'users list': {
    usage: 'mide users list [--data-dir DIR]',
    summary: 'List users with their role and scopes.',
    options: dataDirOption,
    async run(_values, config) {
      const list = await withPlatform(config, 'users list', (ctx) => listUserViews(ctx));
      if (list.length === 0) console.log('No users.');
      for (const u of list) {
        console.log(
          [u.email, u.roleId, u.active ? 'active' : 'inactive', u.mfaEnabled ? '2FA' : 'no 2FA', `capture=${u.captureScope.map((s) => s.code).join(',') || '-'}`, `view=${u.viewScope.map((s) => s.code).join(',') || '-'}`].join('\t'),
        );
      }
      return 0;
    },
  },
  'users set-password': {
    usage: 'mide users set-password --email E [--data-dir DIR]   (password on standard input)',
    summary: 'Set a user’s password and end their sessions (recovery).',
    options: { ...dataDirOption, email: { type: 'string' } },
    async run(values, config) {
      if (typeof values.email !== 'string') {
        console.error('mide users set-password: missing --email');
        return 2;
      }
      const password = await readSecretLine(`New password for ${values.email}: `);
      await withPlatform(config, 'users set-password', (ctx) => setPassword(ctx, SYSTEM, CLI_META, String(values.email), password));
      console.log('Password changed; the user’s sessions were ended.');
      return 0;
    },
  },
  'audit verify': {
    usage: 'mide audit verify [--anchor FILE] [--data-dir DIR]',
    summary:
      'Link the entries waiting to be sealed, then re-compute every link of the audit chain (keyed with MIDE_AUDIT_KEY or MIDE_SECRET) and report the first broken one, the entries still waiting and whether the database role could rewrite the log. With --anchor, also check that the chain still holds an anchor kept by "mide audit anchor". Exit 1 when broken.',
    options: { ...dataDirOption, anchor: { type: 'string' } },
    async run(values, config) {
      const anchor = typeof values.anchor === 'string' ? readAnchor(values.anchor) : undefined;
      const { result, rewritable } = await withPlatform(
        config,
        'audit verify',
        async (ctx) => {
          await sealPending(ctx);
          return { result: await verifyAuditChain(ctx, { anchor }), rewritable: await roleCanRewriteAudit(ctx.db) };
        },
        false,
      );
      if (rewritable) {
        console.log(
          config.databaseUrl
            ? 'Warning: the database role of DATABASE_URL owns the audit tables (or is a superuser) and could switch their protection off; run the server as a runtime role (README, "Embedded database or PostgreSQL server"). The keyed links still reveal a change made without the key.'
            : 'Note: the embedded engine cannot protect the audit log from whoever holds the data folder; the keyed links still reveal a change made without the key.',
        );
      }
      if (result.ok) {
        console.log(`Audit chain intact: ${result.checked} entries checked.`);
        if (result.pending) console.log(`${result.pending} entries wait to be sealed (written by transactions still running).`);
        if (result.anchorOk) console.log(`The chain holds the anchor (position ${anchor!.pos}, entry ${anchor!.seq}).`);
        return 0;
      }
      console.error(`Audit chain BROKEN at entry ${result.firstBrokenSeq} (${result.checked} entries before it are intact).`);
      if (result.reason) console.error(`  ${result.firstBrokenPos !== null ? `Position ${result.firstBrokenPos}: ` : ''}${REASONS[result.reason]}.`);
      return 1;
    },
  },
  'audit anchor': {
    usage: 'mide audit anchor [--out FILE] [--data-dir DIR]',
    summary:
      'Print the head of the audit chain (position, entry, link and sealing time) as JSON, or write it to FILE. Keep it outside the database (another machine, a signed e-mail): "mide audit verify --anchor FILE" then detects a removed tail or a rewritten chain.',
    options: { ...dataDirOption, out: { type: 'string' } },
    async run(values, config) {
      const anchor = await withPlatform(
        config,
        'audit anchor',
        async (ctx) => {
          await sealPending(ctx);
          return currentAnchor(ctx.db);
        },
        false,
      );
      if (!anchor) {
        console.error('mide: the audit chain has no sealed entry yet; nothing to anchor.');
        return 1;
      }
      const text = JSON.stringify({ ...anchor, anchoredAt: new Date().toISOString() }, null, 2);
      if (typeof values.out === 'string') {
        writeFileSync(values.out, text + '\n', { mode: 0o600 });
        console.log(`Anchor written to ${values.out}: position ${anchor.pos}, entry ${anchor.seq}, sealed ${anchor.sealedAt}.`);
      } else {
        console.log(text);
      }
      return 0;
    },
  },
  backup: {
    usage: 'mide backup --out FILE [--data-dir DIR]',
    summary: 'Write every table, read in one consistent snapshot, to one gzip file.',
    options: { ...dataDirOption, out: { type: 'string' } },
    async run(values, config) {
      if (typeof values.out !== 'string') {
        console.error('mide backup: missing --out FILE');
        return 2;
      }
      const out = values.out;
      const result = await withPlatform(config, 'backup', (ctx) => writeBackup(ctx.database, out), false);
      console.log(`Backup written to ${out}: ${result.tables} tables, ${result.rows} rows.`);
      return 0;
    },
  },
  restore: {
    usage: 'mide restore --in FILE [--data-dir DIR]',
    summary: 'Load a backup into an empty database (embedded or PostgreSQL through DATABASE_URL).',
    options: { ...dataDirOption, in: { type: 'string' } },
    async run(values, config) {
      if (typeof values.in !== 'string') {
        console.error('mide restore: missing --in FILE');
        return 2;
      }
      const file = values.in;
      const result = await withPlatform(config, 'restore', (ctx) => restoreBackup(ctx.database, file), false);
      console.log(`Restored ${result.rows} rows into ${result.tables} tables.`);
      return 0;
    },
  },
  'orgunits import': {
    usage: 'mide orgunits import --file FILE.csv [--dry-run] [--data-dir DIR]',
    summary: 'Import subnational org units from a CSV code list (code,name,parent_code[,name_en,kind]); all rows or none.',
    options: { ...dataDirOption, file: { type: 'string' }, 'dry-run': { type: 'boolean' } },
    async run(values, config) {
      if (typeof values.file !== 'string') {
        console.error('mide orgunits import: missing --file FILE.csv');
        return 2;
      }
      const csv = readFileSync(values.file, 'utf8');
      const result = await withPlatform(config, 'orgunits import', (ctx) => importCodeList(ctx, SYSTEM, CLI_META, csv, values['dry-run'] === true, 'en'));
      if (result.errors) {
        console.error(`mide: nothing imported; ${result.errors.length} problem(s):`);
        for (const e of result.errors) console.error(`  ${e.path}: ${e.text}`);
        return 1;
      }
      console.log(values['dry-run'] ? `Check passed: ${result.imported} units would be imported.` : `Imported ${result.imported} org units.`);
      return 0;
    },
  },
  'keys rotate': {
    usage: 'mide keys rotate [--new-secret] [--data-dir DIR]',
    summary:
      'New data keys become active, every protected value is encrypted again under them and the old keys are retired, in one transaction (audited as the system). --new-secret first wraps the keys (and second-factor seeds) again under the current MIDE_SECRET, reading the old one from MIDE_SECRET_PREVIOUS; MIDE_AUDIT_KEY must then be set (to the previous secret, if the chain was keyed by it) so that the audit chain keeps its key.',
    options: { ...dataDirOption, 'new-secret': { type: 'boolean' } },
    async run(values, config) {
      const newSecret = values['new-secret'] === true;
      if (newSecret && !config.secretPrevious) {
        console.error('mide keys rotate --new-secret: set MIDE_SECRET_PREVIOUS to the secret being replaced (and MIDE_SECRET to the new one).');
        return 2;
      }
      // The audit chain is keyed by MIDE_SECRET unless MIDE_AUDIT_KEY is set: a new secret alone would change the
      // key, and every earlier seal would stop verifying.
      if (newSecret && !config.auditKey) {
        console.error('mide keys rotate --new-secret: the audit chain is keyed by MIDE_SECRET unless MIDE_AUDIT_KEY is set. Set MIDE_AUDIT_KEY to the previous secret (and keep it set from now on) so that the chain keeps its key, then run this again.');
        return 2;
      }
      // Without the seed: sealing clear values at start needs the keys, which under a new secret open only after the re-wrap.
      await withPlatform(
        config,
        'keys rotate',
        async (ctx) => {
          if (newSecret) {
            const rewrapped = await changeSecret(ctx, SYSTEM, config.secretPrevious!);
            console.log(`Wrapped ${rewrapped.keys} data key(s) and sealed ${rewrapped.seeds} second-factor seed(s) again under the new MIDE_SECRET.`);
          }
          const rotated = await rotateKeys(ctx, SYSTEM, modules.sealedTables());
          console.log(`Rotated: ${rotated.values} protected value(s) encrypted again under key(s) ${rotated.created.join(', ')}; ${rotated.retired.length} key(s) retired.`);
        },
        false,
      );
      return 0;
    },
  },
  };
}

/** A module's command as the core runs it: `--data-dir` and `--help` added, the platform opened with the modules. */
function moduleCommand(command: ModuleCommand, modules: InstalledModules): Command {
  return {
    usage: command.usage,
    summary: command.summary,
    options: { ...dataDirOption, ...command.options },
    run: (values, config) =>
      command.run(values, { config, withPlatform: (name, work, options) => withPlatformOf(config, modules, name, work, options?.seed !== false) }),
  };
}

function commandsOf(modules: InstalledModules): Record<string, Command> {
  const commands = coreCommands(modules);
  for (const m of modules.list) {
    for (const c of m.cli ?? []) {
      if (commands[c.name]) throw new Error(`Module "${m.id}" declares the command "mide ${c.name}", which already exists.`);
      commands[c.name] = moduleCommand(c, modules);
    }
  }
  return commands;
}

function overview(commands: Record<string, Command>): string {
  const lines = ['mide: migration and development platform', '', 'Usage: mide <command> [options]   (mide <command> --help for details)', ''];
  for (const c of Object.values(commands)) lines.push(`  ${c.usage}`, `      ${c.summary}`);
  lines.push('', 'Configuration comes from environment variables: DATABASE_URL, MIDE_DATA_DIR, PORT, HOST, MIDE_SECRET, MIDE_SECRET_PREVIOUS, MIDE_AUDIT_KEY, MIDE_OWNER_DATABASE_URL, MIDE_PUBLIC_URL (see README).');
  return lines.join('\n');
}

/** Runs one command of `mide` with the modules of this installation (the composition root's `runMide`). */
export async function main(argv: string[], modules: InstalledModules): Promise<number> {
  const commands = commandsOf(modules);
  const name = commands[`${argv[0]} ${argv[1]}`] ? `${argv[0]} ${argv[1]}` : argv[0];
  const command = name ? commands[name] : undefined;
  if (!command) {
    if (!name || name === '--help' || name === '-h' || name === 'help') {
      console.log(overview(commands));
      return 0;
    }
    console.error(`mide: unknown command "${argv.slice(0, 2).join(' ')}".\n\n${overview(commands)}`);
    return 2;
  }
  const rest = argv.slice(name!.split(' ').length);
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ args: rest, options: command.options, strict: true, allowPositionals: false }).values as typeof values;
  } catch (error) {
    console.error(`mide ${name}: ${(error as Error).message}\nUsage: ${command.usage}`);
    return 2;
  }
  if (values.help) {
    console.log(`Usage: ${command.usage}\n\n${command.summary}`);
    return 0;
  }
  try {
    const config = loadConfig(process.env, typeof values['data-dir'] === 'string' ? { dataDir: resolve(values['data-dir']) } : {});
    return await command.run(values, config);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof DataDirLockedError || error instanceof RestoreError || error instanceof KeyError || error instanceof ManifestError) {
      console.error(`mide: ${error.message}`);
      return 1;
    }
    if (error instanceof AppError) {
      printAppError(error);
      return 1;
    }
    // A file the operator named cannot be read or written (--file, --out): a message, not a stack trace.
    const fsError = error as NodeJS.ErrnoException;
    if (fsError.syscall && fsError.path) {
      console.error(`mide: ${fsError.message}`);
      return 1;
    }
    throw error;
  }
}
