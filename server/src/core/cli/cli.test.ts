import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { assertCliBuilt, freshDir, runCli } from '../../test/cli.js';
import { TEST_SECRET } from '../../test/engine.js';
import { openDatabase } from '../db/engine.js';

// These tests run the compiled `mide` command in child processes, on embedded data folders.
// Creating a data folder costs seconds: one folder (`main`) serves the tests below in order, a second one receives a restore.

const COMMANDS = ['serve', 'migrate', 'users create', 'users list', 'users set-password', 'audit verify', 'audit anchor', 'backup', 'restore', 'orgunits import', 'reintegration instrument', 'keys rotate'];
const GOOD_PASSWORD = 'una frase de consola bastante larga';
/** The first command on a new folder migrates and seeds it; a backup and restore move every seeded row. */
const SLOW = 300_000;

/** No stack trace: the operator sees a message. */
const expectNoStack = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);

let work: string;
beforeAll(() => {
  assertCliBuilt();
  work = freshDir('cli');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('mide --help', () => {
  it('lists every command', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    for (const command of COMMANDS) expect(result.stdout).toContain(`mide ${command}`);
    // The same overview without arguments.
    expect((await runCli([])).stdout).toBe(result.stdout);
  });

  it.each(COMMANDS)('explains `%s --help` without touching any database', async (command) => {
    const result = await runCli([...command.split(' '), '--help'], { env: { MIDE_DATA_DIR: join(work, 'never-created') } });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Usage: mide ${command}`);
    expect(result.stderr).toBe('');
  });

  it('exits 2 on an unknown command, with the overview', async () => {
    const result = await runCli(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown command "frobnicate"');
    expect(result.stderr).toContain('mide users create');
    expect((await runCli(['users', 'delete'])).code).toBe(2);
  });

  it('exits 2 on an unknown option, with the usage', async () => {
    const result = await runCli(['migrate', '--bogus']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage: mide migrate');
  });
});

describe('invalid configuration', () => {
  it.each([
    ['PORT', 'abc'],
    ['DATABASE_URL', 'mysql://x'],
    ['MIDE_SECRET', 'short'],
  ])('%s=%s stops the command with a message naming the variable', async (name, value) => {
    const result = await runCli(['migrate', '--data-dir', join(work, 'never-created')], { env: { [name]: value } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Invalid configuration');
    expect(result.stderr).toContain(`${name}:`);
    expectNoStack(result.stderr);
  });

  it('refuses an invalid --port for serve', async () => {
    const result = await runCli(['serve', '--port', '99999', '--data-dir', join(work, 'never-created')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--port');
  });
});

describe('users, audit, backup and restore on one data folder', () => {
  let main: string;
  const inMain = (args: string[], input?: string) => runCli([...args, '--data-dir', main], { input });
  const createUser = (email: string, role: string, scope: string, password = GOOD_PASSWORD, extra: string[] = []) =>
    inMain(['users', 'create', '--email', email, '--role', role, '--scope', scope, ...extra], `${password}\n`);

  beforeAll(() => {
    main = join(work, 'main');
  });

  it('creates an administrator, reading the password from standard input', { timeout: SLOW }, async () => {
    const result = await createUser('Admin@Example.org', 'admin', '001');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Created admin@example.org (admin; capture: 001; view: 001)');
    expect(result.stdout).toContain('second factor');
  });

  it('creates a user with separate capture and view scopes, taking only the first line of input', async () => {
    const result = await inMain(['users', 'create', '--email', 'oficial@example.org', '--role', 'case_worker', '--scope', 'gtm', '--view-scope', '419, GTM', '--name', 'Oficial'], `${GOOD_PASSWORD}\r\nignored second line\n`);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('(case_worker; capture: GTM; view:');
  });

  it('refuses a short password and says the minimum is 12 characters', async () => {
    const result = await createUser('corto@example.org', 'viewer', 'GTM', 'ñandú corto');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('12 characters');
    expectNoStack(result.stderr);
  });

  it('refuses a common password', async () => {
    const result = await createUser('comun@example.org', 'viewer', 'GTM', 'Password1234');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/password: .*too common/);
  });

  it('refuses an empty password (nothing on standard input)', async () => {
    const result = await inMain(['users', 'create', '--email', 'vacio@example.org', '--role', 'viewer', '--scope', 'GTM'], '');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('12 characters');
  });

  it('refuses an unknown role, naming it', async () => {
    const result = await createUser('rol@example.org', 'superuser', 'GTM');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('role_id: The role "superuser" does not exist.');
  });

  it('refuses an unknown scope code, naming it', async () => {
    const result = await createUser('ambito@example.org', 'viewer', 'GTM,XYZ');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('capture_scope: The org unit "XYZ" does not exist.');
  });

  it('refuses a duplicate e-mail, whatever its case', async () => {
    const result = await createUser('ADMIN@example.org', 'viewer', 'GTM');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('email: A user with this e-mail already exists.');
  });

  it('exits 2 when a required option is missing', async () => {
    const result = await inMain(['users', 'create', '--email', 'x@example.org'], GOOD_PASSWORD);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--role, --scope');
  });

  it('lists the created users with role and scopes, and none of the refused ones', async () => {
    const result = await inMain(['users', 'list']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(['admin@example.org', 'admin', 'active', 'no 2FA', 'capture=001', 'view=001'].join('\t'));
    expect(lines[1]).toMatch(/^oficial@example\.org\tcase_worker\tactive\tno 2FA\tcapture=GTM\tview=(419,GTM|GTM,419)$/);
  });

  it('sets a password from standard input, and refuses a weak one or an unknown e-mail', async () => {
    expect((await inMain(['users', 'set-password', '--email', 'oficial@example.org'], 'otra frase larga de recuperación\n')).code).toBe(0);
    const weak = await inMain(['users', 'set-password', '--email', 'oficial@example.org'], 'corta\n');
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('12 characters');
    const unknown = await inMain(['users', 'set-password', '--email', 'nadie@example.org'], `${GOOD_PASSWORD}\n`);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('nadie@example.org');
  });

  it('imports nothing from a code list with an error, listing its row and column', async () => {
    const bad = join(work, 'bad.csv');
    writeFileSync(bad, ['code,name,parent_code', 'GT01,Guatemala,GTM', 'GT0101,Mixco,GT99'].join('\n'));
    const result = await inMain(['orgunits', 'import', '--file', bad]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('nothing imported');
    expect(result.stderr).toContain('row 3, column parent_code');
    expect(result.stderr).toContain('GT99');
    // GT01 was valid on its own: importing it now succeeds only if the failed import left nothing behind.
    const good = join(work, 'good.csv');
    writeFileSync(good, ['code,name,parent_code', 'GT01,Guatemala,GTM', 'GT0101,Mixco,GT01'].join('\n'));
    const dry = await inMain(['orgunits', 'import', '--file', good, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('2 units would be imported');
    const imported = await inMain(['orgunits', 'import', '--file', good]);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('Imported 2 org units');
    // And a user can now be scoped to an imported unit.
    expect((await createUser('municipal@example.org', 'local_officer', 'GT0101')).code).toBe(0);
  });

  it('loads a survey version from its file; a broken file is refused at its place, and not JSON at all, with nothing loaded', async () => {
    type Definition = { version: string; dimensions: { items: { options: unknown[] }[] }[] };
    const bundled = fileURLToPath(new URL('../../modules/reintegration/instruments/mide-sustainability-1.json', import.meta.url));
    const v2: Definition = { ...(JSON.parse(readFileSync(bundled, 'utf8')) as Definition), version: '2-cli' };
    const broken = structuredClone(v2);
    broken.dimensions[1]!.items[0]!.options = broken.dimensions[1]!.items[0]!.options.slice(0, 1);
    const file = (name: string, content: string) => {
      const path = join(work, name);
      writeFileSync(path, content);
      return path;
    };

    const refused = await inMain(['reintegration', 'instrument', '--file', file('broken.json', JSON.stringify(broken))]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('dimensions[1].items[0].options');
    expectNoStack(refused.stderr);
    const notJson = await inMain(['reintegration', 'instrument', '--file', file('not.json', '{"code": "x",')]);
    expect(notJson.code).toBe(1);
    expect(notJson.stderr).toContain('is not valid JSON');
    expectNoStack(notJson.stderr);

    const good = file('v2.json', JSON.stringify(v2));
    const loaded = await inMain(['reintegration', 'instrument', '--file', good]);
    expect(loaded.stderr).toBe('');
    expect(loaded.code).toBe(0);
    expect(loaded.stdout).toMatch(/version 2-cli\): it is now the active survey\./);
    // The refused files left nothing behind: the same version loads once only.
    const again = await inMain(['reintegration', 'instrument', '--file', good]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('2-cli');
  });

  it('verifies the audit chain and reports the number of entries', async () => {
    const result = await inMain(['audit', 'verify']);
    expect(result.code).toBe(0);
    const match = /Audit chain intact: (\d+) entries checked\./.exec(result.stdout);
    expect(match).not.toBeNull();
    // At least: 3 users created, 1 password set, 1 import (seeds may add their own).
    expect(Number(match![1])).toBeGreaterThanOrEqual(5);
  });

  it('rotates the data keys, and moves them to a new MIDE_SECRET only with the previous one', { timeout: SLOW }, async () => {
    const rotated = await inMain(['keys', 'rotate']);
    expect(rotated.stderr).toBe('');
    expect(rotated.code).toBe(0);
    expect(rotated.stdout).toMatch(/^Rotated: \d+ protected value\(s\) encrypted again under key\(s\) [0-9a-f-]{36}, [0-9a-f-]{36}; \d+ key\(s\) retired\.$/m);

    const withEnv = (args: string[], env: Record<string, string>) => runCli([...args, '--data-dir', main], { env });
    const NEW_SECRET = 'a-new-secret-for-the-cli-test-0123456789abcdef';
    const missing = await withEnv(['keys', 'rotate', '--new-secret'], { MIDE_SECRET: NEW_SECRET });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('MIDE_SECRET_PREVIOUS');
    const wrong = await withEnv(['keys', 'rotate', '--new-secret'], { MIDE_SECRET: NEW_SECRET, MIDE_SECRET_PREVIOUS: 'not-the-secret-in-use-0123456789abcdef', MIDE_AUDIT_KEY: TEST_SECRET });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/^mide: .*does not open/m);
    expectNoStack(wrong.stderr);
    // The audit chain was keyed by the old secret: without MIDE_AUDIT_KEY the new one would change its key.
    const unkeyed = await withEnv(['keys', 'rotate', '--new-secret'], { MIDE_SECRET: NEW_SECRET, MIDE_SECRET_PREVIOUS: TEST_SECRET });
    expect(unkeyed.code).toBe(2);
    expect(unkeyed.stderr).toContain('MIDE_AUDIT_KEY');
    const keepChainKey = { MIDE_AUDIT_KEY: TEST_SECRET };
    const moved = await withEnv(['keys', 'rotate', '--new-secret'], { MIDE_SECRET: NEW_SECRET, MIDE_SECRET_PREVIOUS: TEST_SECRET, ...keepChainKey });
    expect(moved.stderr).toBe('');
    expect(moved.code).toBe(0);
    expect(moved.stdout).toMatch(/^Wrapped \d+ data key\(s\) and sealed \d+ second-factor seed\(s\) again under the new MIDE_SECRET\.$/m);
    // Under the new secret, with the chain's key kept, the chain still verifies.
    expect((await withEnv(['audit', 'verify'], { MIDE_SECRET: NEW_SECRET, ...keepChainKey })).code).toBe(0);
    // And back, for the tests below.
    expect((await withEnv(['keys', 'rotate', '--new-secret'], { MIDE_SECRET: TEST_SECRET, MIDE_SECRET_PREVIOUS: NEW_SECRET, ...keepChainKey })).code).toBe(0);
    expect((await inMain(['audit', 'verify'])).code).toBe(0);
  });

  it('backs up, then restores into a second data folder with the same users', { timeout: SLOW }, async () => {
    const file = join(work, 'backup.mide.gz');
    const backup = await inMain(['backup', '--out', file]);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(/Backup written to .*backup\.mide\.gz: \d+ tables, \d+ rows\./);

    const second = join(work, 'restored');
    const restore = await runCli(['restore', '--in', file, '--data-dir', second]);
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    expect(restore.stdout).toMatch(/Restored \d+ rows into \d+ tables\./);

    const original = await inMain(['users', 'list']);
    const restored = await runCli(['users', 'list', '--data-dir', second]);
    expect(restored.code).toBe(0);
    expect(restored.stdout).toBe(original.stdout);
    expect(restored.stdout).toContain('municipal@example.org');
    const verified = (await inMain(['audit', 'verify'])).stdout;
    expect(verified).toMatch(/^Audit chain intact: \d+ entries checked\.$/m);
    expect((await runCli(['audit', 'verify', '--data-dir', second])).stdout).toBe(verified);

    // A second restore into the same folder is refused: it is no longer empty.
    const again = await runCli(['restore', '--in', file, '--data-dir', second]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('not empty');
    expectNoStack(again.stderr);
  });

  it('refuses to restore a file that does not exist, with a message', async () => {
    const result = await runCli(['restore', '--in', join(work, 'missing.gz'), '--data-dir', join(work, 'restored')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('missing.gz');
    expectNoStack(result.stderr);
  });

  it('stops `serve` on a port already in use with a message, and releases the data folder', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    try {
      const port = (busy.address() as AddressInfo).port;
      const result = await inMain(['serve', '--port', String(port)]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`Cannot listen on 127.0.0.1:${port} (EADDRINUSE)`);
      expectNoStack(result.stderr);
      expect(existsSync(join(main, 'mide.lock'))).toBe(false);
    } finally {
      busy.close();
    }
  });

  it('names a file it cannot read or write, without a stack trace', async () => {
    const missing = await inMain(['orgunits', 'import', '--file', join(work, 'no-such.csv')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no-such.csv');
    expectNoStack(missing.stderr);
    const unwritable = await inMain(['backup', '--out', join(work, 'no-such-folder', 'backup.gz')]);
    expect(unwritable.code).toBe(1);
    expect(unwritable.stderr).toContain('no-such-folder');
    expectNoStack(unwritable.stderr);
    expect(existsSync(join(main, 'mide.lock'))).toBe(false);
  });

  it('prints and writes the head of the chain, and verifies against a kept anchor', async () => {
    const printed = await inMain(['audit', 'anchor']);
    expect(printed.code).toBe(0);
    const head = JSON.parse(printed.stdout) as { pos: number; seq: number; hash: string; sealedAt: string; anchoredAt: string };
    expect(head).toMatchObject({ pos: expect.any(Number), seq: expect.any(Number), hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const file = join(work, 'anchor.json');
    const written = await inMain(['audit', 'anchor', '--out', file]);
    expect(written.code).toBe(0);
    expect(written.stdout).toContain(`Anchor written to ${file}`);
    const kept = JSON.parse(readFileSync(file, 'utf8')) as typeof head;
    expect(kept.pos).toBeGreaterThanOrEqual(head.pos);
    const verified = await inMain(['audit', 'verify', '--anchor', file]);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain(`The chain holds the anchor (position ${kept.pos}`);
    // The embedded engine says it cannot keep the data folder's holder from rewriting.
    expect(verified.stdout).toContain('embedded engine cannot protect the audit log');
    // An anchor of a chain that is not this one.
    writeFileSync(file, JSON.stringify({ ...kept, hash: 'c'.repeat(64) }));
    const other = await inMain(['audit', 'verify', '--anchor', file]);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('no longer holds the anchor');
    writeFileSync(file, '{"pos": "x"}');
    const bad = await inMain(['audit', 'verify', '--anchor', file]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('is not an anchor');
    expectNoStack(bad.stderr);
  });

  it('exits 1 and names the entry when the audit chain is broken', async () => {
    // Tamper with the stored log directly (the table owner can switch the trigger off).
    const database = await openDatabase({ dataDir: main, command: 'test' });
    try {
      await database.rows(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete`);
      await database.rows(sql`UPDATE audit_log SET actor_label = 'someone else' WHERE seq = 3`);
      await database.rows(sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete`);
    } finally {
      await database.close();
    }
    const result = await inMain(['audit', 'verify']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Audit chain BROKEN at entry 3 (2 entries before it are intact).');
  });

  it('exits 2 when backup or restore lacks its file option', async () => {
    expect((await inMain(['backup'])).code).toBe(2);
    expect((await inMain(['restore'])).code).toBe(2);
  });
});
