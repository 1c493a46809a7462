import { eq } from 'drizzle-orm';
import { decoyPasswordHash, newTotpSecret, randomToken, sha256Hex, totpFor, totpStep, verifyPassword } from '../crypto.js';
import { AppError, fieldError } from '../http/errors.js';
import { appendAudit, recordAudit } from '../audit/store.js';
import { authorFields, type AppContext, type Author, type RequestMeta } from '../context.js';
import { users } from './schema.js';
import {
  clearFailures,
  consumeTotpStep,
  deleteSession,
  deleteSessionsOfUser,
  findUserByEmail,
  findUserById,
  insertSession,
  isThrottled,
  recordFailure,
  updateSessionState,
  type UserRow,
  type ThrottleRule,
} from './store.js';
import type { Actor } from './actor.js';
import { renderSVG } from 'uqr';

export const ACCOUNT_RULE: ThrottleRule = { limit: 5, windowMinutes: 15 };
export const ADDRESS_RULE: ThrottleRule = { limit: 30, windowMinutes: 15 };

/** What a failed sign-in records as its author: the e-mail typed, unless it does not look like one (people type passwords there). */
function auditableLogin(typed: string): string {
  const email = typed.trim().toLowerCase();
  return /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/.test(email) ? email.slice(0, 200) : '(not an e-mail address)';
}

export type LoginNext = 'done' | 'mfa_verify' | 'mfa_enroll';

export interface LoginResult {
  token: string;
  csrfToken: string;
  next: LoginNext;
}

/**
 * Password sign-in. The answer and its cost are the same for an unknown e-mail and a wrong password:
 * both run one argon2 verification and both count against the e-mail's and the address's throttles.
 */
export async function login(ctx: AppContext, meta: RequestMeta, email: string, password: string): Promise<LoginResult> {
  const accountKey = `account:${email.trim().toLowerCase()}`;
  const addressKey = `address:${meta.ip ?? 'unknown'}`;
  if ((await isThrottled(ctx.db, accountKey, ACCOUNT_RULE)) || (await isThrottled(ctx.db, addressKey, ADDRESS_RULE))) {
    throw new AppError('too_many_attempts');
  }
  const user = await findUserByEmail(ctx.db, email);
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), password);
  if (!user || !passwordOk || !user.active) {
    await recordFailure(ctx.db, accountKey, ACCOUNT_RULE);
    await recordFailure(ctx.db, addressKey, ADDRESS_RULE);
    await recordAudit(ctx.db, { actorId: user?.id ?? null, actorLabel: auditableLogin(email), ...meta, action: 'auth.login_failed', recordType: 'session' });
    throw new AppError('invalid_credentials');
  }
  await clearFailures(ctx.db, accountKey);
  const mfaEnabled = user.totpEnabledAt !== null;
  const next: LoginNext = mfaEnabled ? 'mfa_verify' : ctx.modules.requiresMfa(user.roleId) ? 'mfa_enroll' : 'done';
  const token = randomToken();
  const csrfToken = randomToken();
  const now = Date.now();
  await ctx.db.transaction(async (tx) => {
    await insertSession(tx, {
      id: sha256Hex(token),
      userId: user.id,
      state: next === 'done' ? 'active' : next === 'mfa_verify' ? 'mfa_pending' : 'mfa_enrollment',
      csrfToken,
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
      expiresAt: new Date(now + ctx.config.sessionMaxHours * 3_600_000),
    });
    if (next === 'done') await tx.update(users).set({ lastLoginAt: new Date(now) }).where(eq(users.id, user.id));
    await appendAudit(tx, { actorId: user.id, actorLabel: user.email, ...meta, action: next === 'done' ? 'auth.login' : 'auth.password_ok', recordType: 'session' });
  });
  return { token, csrfToken, next };
}

/** Second step of sign-in: the TOTP code. A new CSRF token marks the upgrade. */
export async function verifySecondFactor(ctx: AppContext, meta: RequestMeta, actor: Actor, code: string): Promise<string> {
  const accountKey = `mfa:${actor.userId}`;
  if (await isThrottled(ctx.db, accountKey, ACCOUNT_RULE)) throw new AppError('too_many_attempts');
  const user = await findUserById(ctx.db, actor.userId);
  const secret = user?.totpSecretSealed ? ctx.secretBox.open(user.totpSecretSealed) : undefined;
  const step = secret ? totpStep(secret, code.trim()) : null;
  // A code already used (or older than the last one used) is refused like a wrong one.
  if (!user || step === null || !(await consumeTotpStep(ctx.db, user.id, step))) {
    await recordFailure(ctx.db, accountKey, ACCOUNT_RULE);
    await recordAudit(ctx.db, { actorId: actor.userId, actorLabel: actor.email, ...meta, action: 'auth.mfa_failed', recordType: 'session' });
    throw new AppError('invalid_code');
  }
  await clearFailures(ctx.db, accountKey);
  const csrfToken = randomToken();
  await ctx.db.transaction(async (tx) => {
    await updateSessionState(tx, actor.sessionId, 'active', csrfToken);
    await tx.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, user.id));
    await appendAudit(tx, { actorId: user.id, actorLabel: user.email, ...meta, action: 'auth.login', recordType: 'session' });
  });
  return csrfToken;
}

export interface Enrolment {
  secret: string;
  otpauthUri: string;
  qrSvg: string;
}

/** One budget of wrong passwords per user for proving again who is at the keyboard (here and in modules). */
export const reauthThrottleKey = (userId: string) => `reauth:${userId}`;

/**
 * The signed-in user types their password again before changing how they sign in. Wrong ones count against a
 * per-user throttle, so that a borrowed session cannot be used to guess the password, and are audited.
 */
export async function confirmPassword(ctx: AppContext, meta: RequestMeta, actor: Actor, password: string | undefined, field: string, purpose: string): Promise<UserRow> {
  const key = reauthThrottleKey(actor.userId);
  if (await isThrottled(ctx.db, key, ACCOUNT_RULE)) throw new AppError('too_many_attempts');
  if (!password) throw fieldError(field, 'password.current_required');
  const user = await findUserById(ctx.db, actor.userId);
  if (!user || !(await verifyPassword(user.passwordHash, password))) {
    await recordFailure(ctx.db, key, ACCOUNT_RULE);
    await recordAudit(ctx.db, { actorId: actor.userId, actorLabel: actor.email, ...meta, action: 'auth.reauth_failed', recordType: 'session', changedFields: [purpose] });
    throw fieldError(field, 'password.wrong_current');
  }
  await clearFailures(ctx.db, key);
  return user;
}

/** Proof that the person at the keyboard is the user: the password again, or a current code of their second factor. */
export interface StepUpProof {
  password?: string;
  code?: string;
}

export interface StepUpOptions {
  /** What the step-up is for, in the audit entry of a failure. */
  purpose: string;
  /** The audit action of a failure (a module may keep its own). */
  failedAction?: string;
  /** The refusals, for a module that words them in its own catalogue. */
  required?: () => AppError;
  failed?: (field: 'password' | 'code') => AppError;
}

/**
 * The one step-up of the platform, before protected values are shown or exported: the password again, or a code of
 * the second factor that was not used before (the sign-in's code cannot confirm an export). Failures count against
 * the re-authentication throttle shared with `confirmPassword`, and are audited.
 */
export async function confirmIdentity(ctx: AppContext, meta: RequestMeta, actor: Actor, proof: StepUpProof, options: StepUpOptions): Promise<void> {
  if (!proof.password && !proof.code) throw options.required?.() ?? fieldError('password', 'reauth.required');
  const key = reauthThrottleKey(actor.userId);
  if (await isThrottled(ctx.db, key, ACCOUNT_RULE)) throw new AppError('too_many_attempts');
  const user = await findUserById(ctx.db, actor.userId);
  const secret = user?.totpSecretSealed ? ctx.secretBox.open(user.totpSecretSealed) : undefined;
  let ok = false;
  if (user && proof.code) {
    const step = secret ? totpStep(secret, proof.code) : null;
    ok = step !== null && (await consumeTotpStep(ctx.db, user.id, step));
  } else if (user) ok = await verifyPassword(user.passwordHash, proof.password!);
  if (!ok) {
    await recordFailure(ctx.db, key, ACCOUNT_RULE);
    await recordAudit(ctx.db, { actorId: actor.userId, actorLabel: actor.email, ...meta, action: options.failedAction ?? 'auth.reauth_failed', recordType: 'session', changedFields: [options.purpose] });
    const field = proof.code ? 'code' : 'password';
    throw options.failed?.(field) ?? fieldError(field, 'reauth.failed');
  }
  await clearFailures(ctx.db, key);
}

/**
 * Starts TOTP enrolment: a fresh secret kept pending until a first code confirms it. Right after the password step
 * (a session in enrolment) nothing more is asked. A fully signed-in session confirms the password first, so that a
 * borrowed session cannot bind the account to somebody else's phone, and cannot replace a second factor that is on:
 * that is turned off first, or reset by an administrator.
 */
export async function startEnrolment(ctx: AppContext, meta: RequestMeta, actor: Actor, password: string | undefined): Promise<Enrolment> {
  // A session waiting for its code must not be able to replace the factor it is being asked for.
  if (actor.sessionState === 'mfa_pending') throw new AppError('mfa_required');
  if (actor.sessionState === 'active') {
    if (actor.mfaEnabled) throw new AppError('conflict', [{ path: 'password', key: 'mfa.already_enabled' }]);
    await confirmPassword(ctx, meta, actor, password, 'password', 'mfa_enrol');
  }
  const secret = newTotpSecret();
  await ctx.db.update(users).set({ totpPendingSealed: ctx.secretBox.seal(secret) }).where(eq(users.id, actor.userId));
  const otpauthUri = totpFor(secret, actor.email).toString();
  return { secret, otpauthUri, qrSvg: renderSVG(otpauthUri, { border: 2 }) };
}

export async function confirmEnrolment(ctx: AppContext, meta: RequestMeta, actor: Actor, code: string): Promise<string> {
  const user = await findUserById(ctx.db, actor.userId);
  const pending = user?.totpPendingSealed ? ctx.secretBox.open(user.totpPendingSealed) : undefined;
  if (!user || !pending) throw fieldError('code', 'mfa.not_enrolled');
  const step = totpStep(pending, code.trim());
  if (step === null) throw new AppError('invalid_code');
  const csrfToken = randomToken();
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ totpSecretSealed: user.totpPendingSealed, totpPendingSealed: null, totpEnabledAt: new Date(), totpLastStep: step, lastLoginAt: new Date() })
      .where(eq(users.id, user.id));
    await updateSessionState(tx, actor.sessionId, 'active', csrfToken);
    await deleteSessionsOfUser(tx, user.id, actor.sessionId);
    await appendAudit(tx, { actorId: user.id, actorLabel: user.email, ...meta, action: 'user.mfa_enable', recordType: 'user', recordId: user.id, changedFields: ['totpSecret'] });
  });
  return csrfToken;
}

export async function disableOwnSecondFactor(ctx: AppContext, meta: RequestMeta, actor: Actor, password: string) {
  if (ctx.modules.requiresMfa(actor.roleId)) throw new AppError('forbidden', [{ path: 'password', key: 'mfa.required_for_role' }]);
  const user = await confirmPassword(ctx, meta, actor, password, 'password', 'mfa_disable');
  await ctx.db.transaction(async (tx) => {
    await tx.update(users).set({ totpSecretSealed: null, totpPendingSealed: null, totpEnabledAt: null, totpLastStep: null }).where(eq(users.id, user.id));
    await appendAudit(tx, { actorId: user.id, actorLabel: user.email, ...meta, action: 'user.mfa_disable', recordType: 'user', recordId: user.id, changedFields: ['totpSecret'] });
  });
}

/** An administrator clears someone's second factor (lost phone); they enrol again at next sign-in. */
export async function resetSecondFactor(ctx: AppContext, author: Author, meta: RequestMeta, userId: string) {
  await ctx.db.transaction(async (tx) => {
    await tx.update(users).set({ totpSecretSealed: null, totpPendingSealed: null, totpEnabledAt: null, totpLastStep: null }).where(eq(users.id, userId));
    await deleteSessionsOfUser(tx, userId);
    await appendAudit(tx, { ...authorFields(author), ...meta, action: 'user.mfa_reset', recordType: 'user', recordId: userId, changedFields: ['totpSecret'] });
  });
}

export async function logout(ctx: AppContext, meta: RequestMeta, actor: Actor, everywhere: boolean) {
  await ctx.db.transaction(async (tx) => {
    if (everywhere) await deleteSessionsOfUser(tx, actor.userId);
    else await deleteSession(tx, actor.sessionId);
    await appendAudit(tx, { actorId: actor.userId, actorLabel: actor.email, ...meta, action: everywhere ? 'auth.logout_everywhere' : 'auth.logout', recordType: 'session' });
  });
}
