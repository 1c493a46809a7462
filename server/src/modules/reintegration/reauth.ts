import { totpStep, verifyPassword } from '../../core/crypto.js';
import { recordAudit } from '../../core/audit/store.js';
import { AppError } from '../../core/http/errors.js';
import { ACCOUNT_RULE, reauthThrottleKey } from '../../core/access/auth.js';
import { clearFailures, consumeTotpStep, findUserById, isThrottled, recordFailure } from '../../core/access/store.js';
import type { Actor } from '../../core/access/actor.js';
import type { AppContext, RequestMeta } from '../../core/context.js';
import type { Locale } from '../../core/i18n/locales.js';
import { invalidField } from './errors.js';
import type { ReauthInput } from './api.js';

/**
 * Asks the signed-in user to prove again that they are at the keyboard before protected fields are shown or a case
 * is exported: their password, or a current code of their second factor when they have one. Failures count against
 * the same throttle as sign-in attempts, and are audited.
 */
export async function confirmIdentity(ctx: AppContext, actor: Actor, meta: RequestMeta, locale: Locale, proof: ReauthInput, purpose: string): Promise<void> {
  if (!proof.password && !proof.code) throw invalidField(locale, 'password', 'reauth_required');
  const key = reauthThrottleKey(actor.userId);
  if (await isThrottled(ctx.db, key, ACCOUNT_RULE)) throw new AppError('too_many_attempts');
  const user = await findUserById(ctx.db, actor.userId);
  const secret = user?.totpSecretSealed ? ctx.secretBox.open(user.totpSecretSealed) : undefined;
  const ok = !!user && (proof.code ? await codeIsFresh(ctx, user.id, secret, proof.code) : await verifyPassword(user.passwordHash, proof.password!));
  if (!ok) {
    await recordFailure(ctx.db, key, ACCOUNT_RULE);
    await recordAudit(ctx.db, { actorId: actor.userId, actorLabel: actor.email, ...meta, action: 'reintegration.reauth_failed', recordType: 'session', changedFields: [purpose] });
    throw invalidField(locale, proof.code ? 'code' : 'password', 'reauth_failed');
  }
  await clearFailures(ctx.db, key);
}

/** A right code not used before (the one of the sign-in, say, cannot confirm an export). */
async function codeIsFresh(ctx: AppContext, userId: string, secret: string | undefined, code: string): Promise<boolean> {
  const step = secret ? totpStep(secret, code) : null;
  return step !== null && (await consumeTotpStep(ctx.db, userId, step));
}
