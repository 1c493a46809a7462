import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp, openMide, platformModules } from '../composition/index.js';
import { createUser, getUserView, type UserView } from '../core/access/users.js';
import { CLI_META, SYSTEM, type AppContext } from '../core/context.js';
import { totpFor } from '../core/crypto.js';
import { findUserByEmail } from '../core/access/store.js';
import { cloneTemplate, testConfig, type TemplateKind, type TestDatabase } from './engine.js';
import type { Config } from '../core/config.js';

/** The modules of the platform under test, from the composition root: tests under core/ take them from here. */
export { openMide, platformModules };

export const TEST_PASSWORD = 'una frase de prueba bastante larga';

const STEP_MS = 30_000;

/**
 * A code of the user's second factor the server will take: a code is good once, so this is the code of the first
 * time step after the last one the account used (the current step, or the next, which the server accepts for clock
 * drift). When even the next step is used, it waits for time to catch up: a test that signs in one user three times
 * within 30 seconds pays that wait, as a person would.
 */
export async function freshTotpCode(ctx: AppContext, email: string): Promise<string> {
  const user = await findUserByEmail(ctx.db, email);
  if (!user?.totpSecretSealed) throw new Error(`${email} has no second factor`);
  const step = Math.max(Math.floor(Date.now() / STEP_MS), (user.totpLastStep ?? -1) + 1);
  const wait = (step - 1) * STEP_MS - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait + 50));
  return totpFor(ctx.secretBox.open(user.totpSecretSealed), email).generate({ timestamp: step * STEP_MS });
}

export interface Session {
  cookie: string;
  csrfToken: string;
  user: UserView;
  /** Request as this user: cookie and CSRF header set. */
  request(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

export interface TestPlatform {
  ctx: AppContext;
  app: FastifyInstance;
  testDb: TestDatabase;
  createUser(input: { email: string; roleId: string; captureScope?: string[]; viewScope?: string[] }): Promise<UserView>;
  /** Signs in through the API, passing the second factor (enrolling it first when the role needs it). */
  signIn(email: string, password?: string): Promise<Session>;
  /** A user with the role and scope, signed in. */
  userSession(roleId: string, scope: string[], viewScope?: string[]): Promise<Session>;
  close(): Promise<void>;
}

let counter = 0;

/** A platform on a clone of the `core` template; pass `{ template: 'full' }` for one holding the bundled data. */
export async function startTestPlatform(configOverrides: Partial<Config> = {}, options: { template?: TemplateKind } = {}): Promise<TestPlatform> {
  const testDb = await cloneTemplate(options.template ?? 'core');
  const ctx = await openMide(testConfig(configOverrides), { command: 'test', database: testDb.database, migrate: false, seed: false });
  const app = await buildApp(ctx, { logger: false, serveWeb: false });
  await app.ready();

  const cookieOf = (res: LightMyRequestResponse) => {
    const c = res.cookies.find((k) => k.name === 'mide_session');
    if (!c) throw new Error(`no session cookie (status ${res.statusCode}: ${res.body})`);
    return `mide_session=${c.value}`;
  };

  async function signIn(email: string, password = TEST_PASSWORD): Promise<Session> {
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
    if (login.statusCode !== 200) throw new Error(`login failed ${login.statusCode}: ${login.body}`);
    const cookie = cookieOf(login);
    const { next, csrfToken: firstToken } = login.json() as { next: string; csrfToken: string };
    let csrfToken = firstToken;
    if (next === 'mfa_enroll') {
      const start = await app.inject({ method: 'POST', url: '/api/v1/auth/mfa/enroll/start', headers: { cookie, 'x-csrf-token': csrfToken } });
      const { secret } = start.json() as { secret: string };
      const confirm = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/mfa/enroll/confirm',
        headers: { cookie, 'x-csrf-token': csrfToken },
        payload: { code: totpFor(secret, email).generate() },
      });
      csrfToken = (confirm.json() as { csrfToken: string }).csrfToken;
    } else if (next === 'mfa_verify') {
      const verify = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/mfa/verify',
        headers: { cookie, 'x-csrf-token': csrfToken },
        payload: { code: await freshTotpCode(ctx, email) },
      });
      csrfToken = (verify.json() as { csrfToken: string }).csrfToken;
    }
    const userRow = await findUserByEmail(ctx.db, email);
    const user = (await getUserView(ctx, userRow!.id))!;
    return {
      cookie,
      csrfToken,
      user,
      request: (method, url, body, headers = {}) =>
        app.inject({ method: method as 'GET', url, payload: body as object | undefined, headers: { cookie, 'x-csrf-token': csrfToken, ...headers } }),
    };
  }

  const create: TestPlatform['createUser'] = (input) =>
    createUser(ctx, SYSTEM, CLI_META, {
      email: input.email,
      displayName: input.email.split('@')[0]!,
      roleId: input.roleId,
      password: TEST_PASSWORD,
      captureScope: input.captureScope ?? [],
      viewScope: input.viewScope ?? input.captureScope ?? [],
    });

  return {
    ctx,
    app,
    testDb,
    createUser: create,
    signIn,
    async userSession(roleId, scope, viewScope) {
      const email = `${roleId}.${++counter}.${Math.random().toString(36).slice(2, 7)}@example.org`;
      await create({ email, roleId, captureScope: scope, viewScope: viewScope ?? scope });
      return signIn(email);
    },
    async close() {
      await app.close();
      await testDb.drop();
    },
  };
}
