import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'node:net';
import { eq } from 'drizzle-orm';
import type { TestProject } from 'vitest/node';
import type {} from './provided.js';
import { loadConfig } from '../../server/src/core/config.js';
import { openMide } from '../../server/src/composition/index.js';
import { createUser } from '../../server/src/core/access/users.js';
import { importCodeList } from '../../server/src/core/geo/service.js';
import { users as usersTable } from '../../server/src/core/access/schema.js';
import { persons } from '../../server/src/core/people/schema.js';
import { findOrgUnitByCode } from '../../server/src/core/geo/store.js';
import { CLI_META, SYSTEM } from '../../server/src/core/context.js';
import { CODE_LIST, E2E_PASSWORD, E2E_SECRET, ENROLLED_ADMIN_TOTP, PERSON_IN_A, TOTP_STEPS_FILE, users } from './fixtures.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}


/**
 * Builds a platform on a fresh embedded database with known users and records, then starts the real
 * server (`mide serve`, built) on a free port. Tests drive Chromium against it.
 */
export default async function setup(project: TestProject) {
  if (!existsSync(join(root, 'web', 'dist', 'index.html')) || !existsSync(join(root, 'server', 'dist', 'core', 'cli', 'main.js'))) {
    throw new Error('Browser tests need the built platform: run "npm run build" first (npm test does).');
  }
  const dataDir = join(root, '.test-tmp', `e2e-${process.pid}`);
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(TOTP_STEPS_FILE, { force: true }); // a fresh database has used no code yet
  mkdirSync(dataDir, { recursive: true });
  const config = loadConfig({}, { dataDir, secret: E2E_SECRET, logLevel: 'warn' });

  const ctx = await openMide(config, { command: 'e2e setup' });
  let personInA: string;
  try {
    const make = (email: string, roleId: string, scope: string[]) =>
      createUser(ctx, SYSTEM, CLI_META, { email, displayName: email.split('@')[0]!, roleId, password: E2E_PASSWORD, captureScope: scope, viewScope: scope });
    const imported = await importCodeList(ctx, SYSTEM, CLI_META, CODE_LIST, false, 'es');
    if (imported.errors) throw new Error(`code list: ${JSON.stringify(imported.errors)}`);
    const admin = await make(users.admin, 'admin', ['001']);
    await ctx.db
      .update(usersTable)
      .set({ totpSecretSealed: ctx.secretBox.seal(ENROLLED_ADMIN_TOTP), totpEnabledAt: new Date() })
      .where(eq(usersTable.id, admin.id));
    await make(users.newAdmin, 'admin', ['001']);
    const officerA = await make(users.officerA, 'local_officer', ['GT0101']);
    await make(users.officerB, 'local_officer', ['GT0102']);
    const unit = await findOrgUnitByCode(ctx.db, 'GT0101');
    const [row] = await ctx.db
      .insert(persons)
      .values({ orgUnitId: unit!.id, ...PERSON_IN_A, sex: 'female', createdBy: officerA.id })
      .returning({ id: persons.id });
    personInA = row!.id;
  } finally {
    await ctx.database.close();
  }

  // The server runs from a copy of the build, so that an `npm run build` during the run (it empties web/dist and
  // renames its chunks) cannot pull files from under the pages being tested. The copy sits inside the repository,
  // so Node still finds the dependencies in its node_modules.
  const app = `${dataDir}-app`;
  rmSync(app, { recursive: true, force: true });
  for (const part of ['server/bin', 'server/dist', 'server/drizzle', 'server/common-passwords.txt', 'server/package.json', 'web/dist', 'data/sources']) {
    cpSync(join(root, part), join(app, part), { recursive: true });
  }

  const port = await freePort();
  const server: ChildProcess = spawn(process.execPath, [join(app, 'server', 'bin', 'mide.js'), 'serve', '--port', String(port), '--data-dir', dataDir], {
    env: { ...process.env, MIDE_SECRET: E2E_SECRET, MIDE_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`mide serve exited with ${server.exitCode}`);
    try {
      const res = await fetch(`${baseUrl}/api/v1/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('mide serve did not answer /api/v1/health within 60 s');
    await new Promise((r) => setTimeout(r, 200));
  }

  project.provide('baseUrl', baseUrl);
  project.provide('personInA', personInA);

  return async () => {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(app, { recursive: true, force: true });
  };
}
