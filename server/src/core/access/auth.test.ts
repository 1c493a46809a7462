import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { freshTotpCode, startTestPlatform, TEST_PASSWORD, type Session, type TestPlatform } from '../../test/platform.js';
import { decoyPasswordHash, sha256Hex, totpFor, verifyPassword } from '../crypto.js';
import { translate } from '../i18n/messages.js';
import { LOCALES } from '../i18n/locales.js';
import { auditLog } from '../audit/schema.js';
import { persons } from '../people/schema.js';
import { sessions, users } from './schema.js';
import { findUserByEmail, loadActor } from './store.js';
import { ACCOUNT_RULE, ADDRESS_RULE } from './auth.js';

// Count argon2 verifications without changing what they do: the decoy path must run one too.
vi.mock('../crypto.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../crypto.js')>();
  return { ...actual, verifyPassword: vi.fn(actual.verifyPassword) };
});

const LOGIN = '/api/v1/auth/login';
let platform: TestPlatform;
let n = 0;

beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(() => platform.close());

/** A fresh e-mail per test so that throttles and sessions of one test never touch another. */
const freshEmail = (label: string) => `${label}.${++n}.${Math.random().toString(36).slice(2, 7)}@example.org`;
/** Failed logins count against the address too: tests that fail on purpose use their own address. */
const freshAddress = () => `10.9.${Math.floor(n / 200)}.${(++n % 200) + 1}`;

async function newUser(roleId = 'local_officer', scope = ['GTM']) {
  const email = freshEmail(roleId);
  const user = await platform.createUser({ email, roleId, captureScope: scope });
  return { email, user };
}

function login(email: string, password: string, remoteAddress = '127.0.0.1', headers: Record<string, string> = {}) {
  return platform.app.inject({ method: 'POST', url: LOGIN, payload: { email, password }, remoteAddress, headers });
}

function sessionCookie(res: LightMyRequestResponse) {
  const c = res.cookies.find((k) => k.name === 'mide_session');
  if (!c) throw new Error(`no session cookie: ${res.statusCode} ${res.body}`);
  return c;
}

/** A raw client: cookie and CSRF token from a login answer, kept up to date by the caller. */
function client(res: LightMyRequestResponse) {
  const token = sessionCookie(res).value;
  const state = { token, cookie: `mide_session=${token}`, csrf: (res.json() as { csrf_token: string }).csrf_token };
  const request = (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) =>
    platform.app.inject({ method: method as 'GET', url, payload: body as object | undefined, headers: { cookie: state.cookie, 'x-csrf-token': state.csrf, ...headers } });
  return { ...state, state, request };
}

const tokenOf = (s: Session) => s.cookie.slice('mide_session='.length);

async function totpSecretOf(email: string) {
  const user = await findUserByEmail(platform.ctx.db, email);
  return platform.ctx.secretBox.open(user!.totpSecretSealed!);
}

/** A six-digit code that is not valid now (nor one step either side). */
function wrongCode(secret: string, email: string) {
  const totp = totpFor(secret, email);
  const valid = new Set([-30_000, 0, 30_000].map((d) => totp.generate({ timestamp: Date.now() + d })));
  for (let i = 0; ; i++) {
    const candidate = String(123456 + i * 7919).padStart(6, '0').slice(-6);
    if (!valid.has(candidate)) return candidate;
  }
}

async function countRows(table: typeof persons | typeof auditLog | typeof users) {
  const [row] = await platform.ctx.db.select({ n: sql<number>`count(*)::int` }).from(table);
  return row!.n;
}

async function auditOf(actions: string[], actorLabel: string) {
  return platform.ctx.db
    .select()
    .from(auditLog)
    .where(and(inArray(auditLog.action, actions), eq(auditLog.actorLabel, actorLabel)))
    .orderBy(auditLog.seq);
}

describe('login', () => {
  it('sets an httpOnly, SameSite=Lax session cookie on path / and signs in a role without MFA directly', async () => {
    const { email } = await newUser();
    const res = await login(email, TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const body = res.json() as { next: string; csrf_token: string };
    expect(body.next).toBe('done');
    expect(body.csrf_token).toMatch(/^[\w-]{20,}$/);
    const cookie = sessionCookie(res);
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.path).toBe('/');
    expect(cookie.secure).toBeFalsy(); // no https MIDE_PUBLIC_URL in tests
    const me = await client(res).request('GET', '/api/v1/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().session).toEqual({ state: 'active', csrf_token: body.csrf_token });
  });

  it('accepts the e-mail in any case and with surrounding spaces', async () => {
    const { email } = await newUser();
    const res = await login(`  ${email.toUpperCase()} `, TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
  });

  it('answers a wrong password and an unknown e-mail with the same bytes (except the request id)', async () => {
    const { email } = await newUser();
    const wrong = await login(email, 'not the password at all', freshAddress());
    const unknown = await login(freshEmail('nobody'), 'not the password at all', freshAddress());
    for (const res of [wrong, unknown]) {
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('invalid_credentials');
      expect(res.cookies.find((c) => c.name === 'mide_session')).toBeUndefined();
    }
    const strip = (res: LightMyRequestResponse) => res.body.replace(res.json().request_id as string, 'REQUEST-ID');
    expect(strip(wrong)).toBe(strip(unknown));
    expect(wrong.headers['content-type']).toBe(unknown.headers['content-type']);
  });

  it('runs one argon2 verification for a wrong password and one, against the decoy hash, for an unknown e-mail', async () => {
    const { email } = await newUser();
    const verify = vi.mocked(verifyPassword);
    const stored = (await findUserByEmail(platform.ctx.db, email))!.passwordHash;

    verify.mockClear();
    await login(email, 'not the password at all', freshAddress());
    expect(verify).toHaveBeenCalledTimes(1);
    expect(verify.mock.calls[0]![0]).toBe(stored);

    verify.mockClear();
    await login(freshEmail('nobody'), 'not the password at all', freshAddress());
    expect(verify).toHaveBeenCalledTimes(1);
    expect(verify.mock.calls[0]![0]).toBe(await decoyPasswordHash());
  });

  it('refuses a deactivated account with the same answer as a wrong password', async () => {
    const { email, user } = await newUser();
    await platform.ctx.db.update(users).set({ active: false }).where(eq(users.id, user.id));
    const res = await login(email, TEST_PASSWORD, freshAddress());
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('invalid_credentials');
  });
});

describe('login throttling', () => {
  it(`locks an account after ${ACCOUNT_RULE.limit} failures, even for the right password, from any address and in any letter case`, async () => {
    const target = await newUser();
    const other = await newUser();
    const addresses: string[] = [];
    for (let i = 0; i < ACCOUNT_RULE.limit; i++) {
      const address = freshAddress();
      addresses.push(address);
      // Case variants of the e-mail are the same account for the throttle.
      const res = await login(i % 2 ? target.email.toUpperCase() : target.email, 'not the password at all', address);
      expect(res.statusCode).toBe(401);
    }
    const locked = await login(target.email, TEST_PASSWORD, freshAddress());
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('too_many_attempts');
    expect(locked.cookies.find((c) => c.name === 'mide_session')).toBeUndefined();

    // Another account from one of the same addresses is not affected.
    const fine = await login(other.email, TEST_PASSWORD, addresses[0]);
    expect(fine.statusCode).toBe(200);
  });

  it(`locks an address after ${ADDRESS_RULE.limit} failures across different accounts; other addresses still sign in`, async () => {
    const victim = await newUser();
    const address = freshAddress();
    for (let i = 0; i < ADDRESS_RULE.limit; i++) {
      const res = await login(freshEmail('spray'), 'not the password at all', address);
      expect(res.statusCode).toBe(401);
    }
    const blocked = await login(victim.email, TEST_PASSWORD, address);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('too_many_attempts');
    expect((await login(victim.email, TEST_PASSWORD, freshAddress())).statusCode).toBe(200);
  });
});

describe('second factor', () => {
  it('keeps an administrator without a second factor in enrolment: every other route is 401 mfa_required', async () => {
    const { email } = await newUser('admin', ['001']);
    const res = await login(email, TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json().next).toBe('mfa_enroll');
    const c = client(res);

    const me = await c.request('GET', '/api/v1/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().session.state).toBe('mfa_enrollment');
    for (const [method, url, body] of [
      ['GET', '/api/v1/admin/users'],
      ['GET', '/api/v1/persons'],
      ['GET', '/api/v1/audit'],
      ['PATCH', '/api/v1/me', { locale: 'en' }],
      ['POST', '/api/v1/auth/logout-everywhere'],
    ] as const) {
      const r = await c.request(method, url, body);
      expect(r.statusCode, `${method} ${url}`).toBe(401);
      expect(r.json().error.code, `${method} ${url}`).toBe('mfa_required');
    }

    const start = await c.request('POST', '/api/v1/auth/mfa/enroll/start');
    expect(start.statusCode).toBe(200);
    const { secret, otpauth_uri: otpauthUri, qr_svg: qrSvg } = start.json() as { secret: string; otpauth_uri: string; qr_svg: string };
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    expect(qrSvg).toContain('<svg');

    const bad = await c.request('POST', '/api/v1/auth/mfa/enroll/confirm', { code: wrongCode(secret, email) });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error.code).toBe('invalid_code');
    expect((await c.request('GET', '/api/v1/admin/users')).statusCode).toBe(401);

    const ok = await c.request('POST', '/api/v1/auth/mfa/enroll/confirm', { code: totpFor(secret, email).generate() });
    expect(ok.statusCode).toBe(200);
    const next = ok.json() as { next: string; csrf_token: string };
    expect(next.next).toBe('done');
    // A new CSRF token marks the upgrade; the enrolment-time token no longer authorises writes.
    expect(next.csrf_token).not.toBe(c.csrf);
    const stale = await c.request('PATCH', '/api/v1/me', { locale: 'en' });
    expect(stale.statusCode).toBe(403);
    expect(stale.json().error.code).toBe('csrf_failed');

    c.state.csrf = next.csrf_token;
    expect((await c.request('GET', '/api/v1/admin/users')).statusCode).toBe(200);
    expect((await platform.ctx.db.select().from(users).where(eq(users.email, email)))[0]!.totpEnabledAt).not.toBeNull();
  });

  it('asks an enrolled administrator for a code: a wrong one is 401 invalid_code, the right one activates the session', async () => {
    const enrolled = await platform.userSession('admin', ['001']);
    const email = enrolled.user.email;
    const secret = await totpSecretOf(email);

    const res = await login(email, TEST_PASSWORD);
    expect(res.json().next).toBe('mfa_verify');
    const c = client(res);
    expect((await c.request('GET', '/api/v1/me')).json().session.state).toBe('mfa_pending');
    const blocked = await c.request('GET', '/api/v1/persons');
    expect(blocked.statusCode).toBe(401);
    expect(blocked.json().error.code).toBe('mfa_required');

    const bad = await c.request('POST', '/api/v1/auth/mfa/verify', { code: wrongCode(secret, email) });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error.code).toBe('invalid_code');

    const code = await freshTotpCode(platform.ctx, email);
    const ok = await c.request('POST', '/api/v1/auth/mfa/verify', { code });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().next).toBe('done');

    // The same code again, overheard or replayed, on a new sign-in: refused like a wrong one (RFC 6238, 5.2).
    const again = client(await login(email, TEST_PASSWORD));
    const replayed = await again.request('POST', '/api/v1/auth/mfa/verify', { code });
    expect(replayed.statusCode).toBe(401);
    expect(replayed.json().error.code).toBe('invalid_code');
    expect((await again.request('GET', '/api/v1/me')).json().session.state).toBe('mfa_pending');
    c.state.csrf = ok.json().csrf_token;
    expect((await c.request('GET', '/api/v1/admin/users')).statusCode).toBe(200);
    expect((await c.request('GET', '/api/v1/me')).json().session.state).toBe('active');
  });

  it('does not let a session waiting for its code replace the second factor (enroll/start and confirm are 401)', async () => {
    const enrolled = await platform.userSession('admin', ['001']);
    const email = enrolled.user.email;
    const before = await findUserByEmail(platform.ctx.db, email);
    const c = client(await login(email, TEST_PASSWORD));

    const start = await c.request('POST', '/api/v1/auth/mfa/enroll/start');
    expect(start.statusCode).toBe(401);
    expect(start.json().error.code).toBe('mfa_required');
    const confirm = await c.request('POST', '/api/v1/auth/mfa/enroll/confirm', { code: '123456' });
    expect(confirm.statusCode).toBe(401);

    const after = await findUserByEmail(platform.ctx.db, email);
    expect(after!.totpPendingSealed).toBeNull();
    expect(after!.totpSecretSealed).toBe(before!.totpSecretSealed);
  });

  it(`locks code verification after ${ACCOUNT_RULE.limit} wrong codes, even for the right code`, async () => {
    const enrolled = await platform.userSession('admin', ['001']);
    const email = enrolled.user.email;
    const secret = await totpSecretOf(email);
    const c = client(await login(email, TEST_PASSWORD));
    for (let i = 0; i < ACCOUNT_RULE.limit; i++) {
      expect((await c.request('POST', '/api/v1/auth/mfa/verify', { code: wrongCode(secret, email) })).statusCode).toBe(401);
    }
    const locked = await c.request('POST', '/api/v1/auth/mfa/verify', { code: totpFor(secret, email).generate() });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('too_many_attempts');
    expect((await c.request('GET', '/api/v1/me')).json().session.state).toBe('mfa_pending');
  });
});

describe('changing how one signs in, from a signed-in session', () => {
  const WRONG = 'no es la contraseña de esta cuenta';
  const pathsOf = (res: LightMyRequestResponse) => res.json().error.fields.map((f: { path: string }) => f.path);

  it('asks for the password before enrolling a second factor, audits a wrong one, and never replaces a factor that is on', async () => {
    const { email } = await newUser();
    const c = client(await login(email, TEST_PASSWORD));

    const none = await c.request('POST', '/api/v1/auth/mfa/enroll/start');
    expect(none.statusCode).toBe(400);
    expect(none.json().error.fields).toEqual([{ path: 'password', message: translate('es', 'password.current_required') }]);
    const wrong = await c.request('POST', '/api/v1/auth/mfa/enroll/start', { password: WRONG });
    expect(wrong.statusCode).toBe(400);
    expect(pathsOf(wrong)).toEqual(['password']);
    expect((await findUserByEmail(platform.ctx.db, email))!.totpPendingSealed).toBeNull();
    const [failed] = await platform.ctx.db.select().from(auditLog).where(and(eq(auditLog.actorLabel, email), eq(auditLog.action, 'auth.reauth_failed')));
    expect(failed!.changedFields).toEqual(['mfa_enrol']);
    expect(JSON.stringify(failed)).not.toContain(WRONG);

    const start = await c.request('POST', '/api/v1/auth/mfa/enroll/start', { password: TEST_PASSWORD });
    expect(start.statusCode).toBe(200);
    const confirm = await c.request('POST', '/api/v1/auth/mfa/enroll/confirm', { code: totpFor(start.json().secret, email).generate() });
    expect(confirm.statusCode).toBe(200);
    c.state.csrf = confirm.json().csrf_token;
    const enrolled = await findUserByEmail(platform.ctx.db, email);
    expect(enrolled!.totpEnabledAt).not.toBeNull();

    // On: another phone needs the factor turned off first (or an administrator's reset), even with the password.
    const replace = await c.request('POST', '/api/v1/auth/mfa/enroll/start', { password: TEST_PASSWORD });
    expect(replace.statusCode).toBe(409);
    expect(replace.json().error.fields).toEqual([{ path: 'password', message: translate('es', 'mfa.already_enabled') }]);
    const after = await findUserByEmail(platform.ctx.db, email);
    expect(after!.totpPendingSealed).toBeNull();
    expect(after!.totpSecretSealed).toBe(enrolled!.totpSecretSealed);
  });

  it(`stops taking the password after ${ACCOUNT_RULE.limit} wrong ones, even the right one, for enrolling, turning the factor off and changing the password`, async () => {
    const { email } = await newUser();
    const c = client(await login(email, TEST_PASSWORD));
    for (let i = 0; i < ACCOUNT_RULE.limit; i++) {
      const res = await c.request('POST', '/api/v1/me/password', { current_password: WRONG, new_password: 'una contraseña nueva bastante larga' });
      expect(res.statusCode).toBe(400);
      expect(pathsOf(res)).toEqual(['current_password']);
    }
    for (const [url, body] of [
      ['/api/v1/auth/mfa/enroll/start', { password: TEST_PASSWORD }],
      ['/api/v1/auth/mfa/disable', { password: TEST_PASSWORD }],
      ['/api/v1/me/password', { current_password: TEST_PASSWORD, new_password: 'una contraseña nueva bastante larga' }],
    ] as const) {
      const locked = await c.request('POST', url, body);
      expect(locked.statusCode, url).toBe(429);
      expect(locked.json().error.code).toBe('too_many_attempts');
    }
    expect(await verifyPassword((await findUserByEmail(platform.ctx.db, email))!.passwordHash, TEST_PASSWORD)).toBe(true);
  });
});

describe('CSRF', () => {
  let officer: Session;
  beforeEach(async () => {
    officer = await platform.userSession('local_officer', ['GTM']);
  });
  const person = { given_name: 'Ana', family_name: 'Pérez', org_unit_code: 'GTM' };

  it('refuses a cookie-authenticated write without X-CSRF-Token, or with a wrong one, and writes nothing', async () => {
    const before = { persons: await countRows(persons), audit: await countRows(auditLog) };
    const cases: Record<string, string | undefined>[] = [
      { cookie: officer.cookie },
      { cookie: officer.cookie, 'x-csrf-token': 'wrong' },
      { cookie: officer.cookie, 'x-csrf-token': officer.csrfToken.slice(0, -1) },
      { cookie: officer.cookie, 'x-csrf-token': '' },
    ];
    for (const headers of cases) {
      const res = await platform.app.inject({ method: 'POST', url: '/api/v1/persons', payload: person, headers: headers as Record<string, string> });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('csrf_failed');
    }
    const patch = await platform.app.inject({ method: 'PATCH', url: '/api/v1/me', payload: { display_name: 'Changed' }, headers: { cookie: officer.cookie } });
    expect(patch.statusCode).toBe(403);
    expect((await findUserByEmail(platform.ctx.db, officer.user.email))!.displayName).not.toBe('Changed');
    expect({ persons: await countRows(persons), audit: await countRows(auditLog) }).toEqual(before);

    expect((await officer.request('POST', '/api/v1/persons', person)).statusCode).toBe(201);
  });

  it("does not accept another session's token", async () => {
    const other = await platform.userSession('local_officer', ['GTM']);
    const res = await platform.app.inject({ method: 'POST', url: '/api/v1/persons', payload: person, headers: { cookie: officer.cookie, 'x-csrf-token': other.csrfToken } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('csrf_failed');
  });

  it('does not ask for a token on reads or on login', async () => {
    expect((await platform.app.inject({ method: 'GET', url: '/api/v1/persons', headers: { cookie: officer.cookie } })).statusCode).toBe(200);
    expect((await login(officer.user.email, TEST_PASSWORD)).statusCode).toBe(200);
  });
});

describe('sessions', () => {
  const me = (s: { request: Session['request'] }) => s.request('GET', '/api/v1/me').then((r) => r.statusCode);

  it('logout ends only that session and clears the cookie', async () => {
    const { email } = await newUser();
    const a = await platform.signIn(email);
    const b = await platform.signIn(email);
    const out = await a.request('POST', '/api/v1/auth/logout');
    expect(out.statusCode).toBe(204);
    const cleared = out.cookies.find((c) => c.name === 'mide_session');
    expect(cleared?.value ?? '').toBe('');
    expect(await me(a)).toBe(401);
    expect(await me(b)).toBe(200);
    expect(await platform.ctx.db.select().from(sessions).where(eq(sessions.id, sha256Hex(tokenOf(a))))).toEqual([]);
  });

  it('logout-everywhere ends every session of the user, and only theirs', async () => {
    const { email, user } = await newUser();
    const [a, b, c] = [await platform.signIn(email), await platform.signIn(email), await platform.signIn(email)];
    const bystander = await platform.userSession('local_officer', ['GTM']);
    expect((await b.request('POST', '/api/v1/auth/logout-everywhere')).statusCode).toBe(204);
    for (const s of [a, b, c]) expect(await me(s)).toBe(401);
    expect(await platform.ctx.db.select().from(sessions).where(eq(sessions.userId, user.id))).toEqual([]);
    expect(await me(bystander)).toBe(200);
  });

  it('changing the password ends the other sessions, keeps this one, and the old password stops working', async () => {
    const { email } = await newUser();
    const a = await platform.signIn(email);
    const b = await platform.signIn(email);
    const newPassword = 'otra frase de prueba todavía más larga';

    const wrong = await a.request('POST', '/api/v1/me/password', { current_password: 'not the password at all', new_password: newPassword });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['current_password']);
    expect(await me(b)).toBe(200);

    expect((await a.request('POST', '/api/v1/me/password', { current_password: TEST_PASSWORD, new_password: newPassword })).statusCode).toBe(204);
    expect(await me(a)).toBe(200);
    expect(await me(b)).toBe(401);
    expect((await login(email, TEST_PASSWORD, freshAddress())).statusCode).toBe(401);
    expect((await login(email, newPassword)).statusCode).toBe(200);
  });

  it('ends a session idle for longer than the idle timeout, and keeps one idle for less (touching it)', async () => {
    const { email } = await newUser();
    const idle = await platform.signIn(email);
    const recent = await platform.signIn(email);
    const minutes = platform.ctx.config.sessionIdleMinutes;
    const setLastSeen = (s: Session, minutesAgo: number) =>
      platform.ctx.db.update(sessions).set({ lastSeenAt: new Date(Date.now() - minutesAgo * 60_000) }).where(eq(sessions.id, sha256Hex(tokenOf(s))));

    await setLastSeen(idle, minutes + 1);
    const res = await idle.request('GET', '/api/v1/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthenticated');
    expect(await platform.ctx.db.select().from(sessions).where(eq(sessions.id, sha256Hex(tokenOf(idle))))).toEqual([]);

    await setLastSeen(recent, minutes - 2);
    const setTo = Date.now() - (minutes - 2) * 60_000;
    expect(await me(recent)).toBe(200);
    const [row] = await platform.ctx.db.select().from(sessions).where(eq(sessions.id, sha256Hex(tokenOf(recent))));
    expect(row!.lastSeenAt.getTime()).toBeGreaterThan(setTo + 60_000);
  });

  it('keeps a session in use alive under a short idle limit: a request within the limit refreshes it (finding 9)', async () => {
    const { email } = await newUser();
    const s = await platform.signIn(email);
    const id = sha256Hex(tokenOf(s));
    // With a one-minute limit, a request 30 s after the last one must push the idle deadline forward;
    // otherwise a session used every 30 s ends about 60 s after sign-in.
    for (let round = 0; round < 3; round++) {
      const setTo = Date.now() - 30_000;
      await platform.ctx.db.update(sessions).set({ lastSeenAt: new Date(setTo) }).where(eq(sessions.id, id));
      expect(await loadActor(platform.ctx.db, id, 1)).toBeDefined();
      const [row] = await platform.ctx.db.select().from(sessions).where(eq(sessions.id, id));
      expect(row!.lastSeenAt.getTime()).toBeGreaterThan(setTo + 25_000);
    }
    // Not on every request: a session seen a moment ago is not written again.
    const [before] = await platform.ctx.db.select().from(sessions).where(eq(sessions.id, id));
    await loadActor(platform.ctx.db, id, 1);
    const [after] = await platform.ctx.db.select().from(sessions).where(eq(sessions.id, id));
    expect(after!.lastSeenAt).toEqual(before!.lastSeenAt);
  });

  it('ends a session past its absolute expiry even when it is in use', async () => {
    const { email } = await newUser();
    const s = await platform.signIn(email);
    await platform.ctx.db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.id, sha256Hex(tokenOf(s))));
    expect(await me(s)).toBe(401);
  });

  it("ends a deactivated user's session at the next request", async () => {
    const { email, user } = await newUser();
    const s = await platform.signIn(email);
    // Directly in the database, so that the check at request time is what is tested (not the admin route's cleanup).
    await platform.ctx.db.update(users).set({ active: false }).where(eq(users.id, user.id));
    const res = await s.request('GET', '/api/v1/persons');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthenticated');
  });

  it('ends the sessions of a user an administrator deactivates', async () => {
    const { email, user } = await newUser();
    const s = await platform.signIn(email);
    const admin = await platform.userSession('admin', ['001']);
    expect((await admin.request('PATCH', `/api/v1/admin/users/${user.id}`, { active: false })).statusCode).toBe(200);
    expect(await platform.ctx.db.select().from(sessions).where(eq(sessions.userId, user.id))).toEqual([]);
    expect(await me(s)).toBe(401);
  });

  it('stores only the SHA-256 of the cookie token, never the token itself', async () => {
    const { email, user } = await newUser();
    const s = await platform.signIn(email);
    const token = tokenOf(s);
    const rows = await platform.ctx.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(rows.map((r) => r.id)).toEqual([sha256Hex(token)]);
    const everything = JSON.stringify(await platform.ctx.database.rows(sql`SELECT * FROM sessions`));
    expect(everything).not.toContain(token);
    const listed = (await s.request('GET', '/api/v1/me/sessions')).json().items as { id: string; current: boolean }[];
    expect(listed).toEqual([expect.objectContaining({ id: sha256Hex(token), current: true })]);
  });

  it('does not accept a forged cookie', async () => {
    const res = await platform.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: 'mide_session=forged-token-value' } });
    expect(res.statusCode).toBe(401);
  });
});

describe('audit of sign-in', () => {
  it('records auth.login on success and auth.login_failed on failure, with the address and never the password', async () => {
    const { email, user } = await newUser();
    const address = freshAddress();
    const badPassword = 'a very particular wrong password';
    expect((await login(email, badPassword, address)).statusCode).toBe(401);
    expect((await login(email, TEST_PASSWORD, '192.0.2.77')).statusCode).toBe(200);
    const entries = await auditOf(['auth.login', 'auth.login_failed'], email);
    expect(entries.map((e) => [e.action, e.actorId, e.ip])).toEqual([
      ['auth.login_failed', user.id, address],
      ['auth.login', user.id, '192.0.2.77'],
    ]);
    const unknown = freshEmail('ghost');
    await login(unknown, badPassword, address);
    expect((await auditOf(['auth.login_failed'], unknown)).map((e) => e.actorId)).toEqual([null]);
    const all = JSON.stringify(await platform.ctx.database.rows(sql`SELECT * FROM audit_log`));
    expect(all).not.toContain(badPassword);
    expect(all).not.toContain(TEST_PASSWORD);
  });

  it('records the password step and the completed login separately for a second-factor user', async () => {
    const enrolled = await platform.userSession('admin', ['001']);
    const email = enrolled.user.email;
    const c = client(await login(email, TEST_PASSWORD));
    const before = (await auditOf(['auth.login', 'auth.password_ok'], email)).length;
    await c.request('POST', '/api/v1/auth/mfa/verify', { code: await freshTotpCode(platform.ctx, email) });
    const actions = (await auditOf(['auth.login', 'auth.password_ok'], email)).map((e) => e.action);
    expect(actions.slice(-2)).toEqual(['auth.password_ok', 'auth.login']);
    expect(actions.length).toBe(before + 1);
  });
});

describe('language of answers', () => {
  it.each(LOCALES)('answers in %s when Accept-Language asks for it', async (locale) => {
    const res = await platform.app.inject({ method: 'GET', url: '/api/v1/me', headers: { 'accept-language': `${locale}-XX,de;q=0.9` } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.message).toBe(translate(locale, 'error.unauthenticated'));
  });

  it('answers every language differently, and Spanish when none is asked for or none is supported', async () => {
    const messages = new Set(LOCALES.map((l) => translate(l, 'error.invalid_credentials')));
    expect(messages.size).toBe(LOCALES.length);
    for (const header of [undefined, 'de, ja;q=0.5']) {
      const res = await platform.app.inject({ method: 'GET', url: '/api/v1/me', headers: header ? { 'accept-language': header } : {} });
      expect(res.json().error.message).toBe(translate('es', 'error.unauthenticated'));
    }
    const ranked = await platform.app.inject({ method: 'GET', url: '/api/v1/me', headers: { 'accept-language': 'fr;q=0.4, pt;q=0.8' } });
    expect(ranked.json().error.message).toBe(translate('pt', 'error.unauthenticated'));
  });

  it("uses the signed-in user's language over Accept-Language", async () => {
    const s = await platform.userSession('local_officer', ['GTM']);
    const set = await s.request('PATCH', '/api/v1/me', { locale: 'en' }, { 'accept-language': 'es' });
    expect(set.statusCode).toBe(200);
    expect(set.json().user.locale).toBe('en');
    const res = await s.request('POST', '/api/v1/persons', { given_name: 'Ana' }, { 'accept-language': 'es' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe(translate('en', 'error.validation_failed'));
    expect(res.json().error.fields).toContainEqual({ path: 'family_name', message: translate('en', 'field.required') });
    const me = await s.request('GET', '/api/v1/me', undefined, { 'accept-language': 'es' });
    expect(me.json().user.view_scope).toEqual([{ code: 'GTM', name: 'Guatemala', kind: 'country' }]);
  });
});
