import { confirmIdentity as stepUp } from '../../core/access/auth.js';
import type { Actor } from '../../core/access/actor.js';
import type { AppContext, RequestMeta } from '../../core/context.js';
import type { Locale } from '../../core/i18n/locales.js';
import { invalidField } from './errors.js';
import type { ReauthInput } from './api.js';

/**
 * Asks the signed-in user to prove again that they are at the keyboard before protected fields are shown or a case
 * is exported: their password, or a current code of their second factor when they have one. The platform's one
 * step-up (`confirmIdentity` in `core/access/auth.ts`, which the person export uses too), worded in this module's
 * catalogue and audited as `reintegration.reauth_failed`.
 */
export async function confirmIdentity(ctx: AppContext, actor: Actor, meta: RequestMeta, locale: Locale, proof: ReauthInput, purpose: string): Promise<void> {
  await stepUp(ctx, meta, actor, proof, {
    purpose,
    failedAction: 'reintegration.reauth_failed',
    required: () => invalidField(locale, 'password', 'reauth_required'),
    failed: (field) => invalidField(locale, field, 'reauth_failed'),
  });
}
