/**
 * The referral consent gate: a person is referred to a partner when their consents cover sharing with that
 * partner (`consentCovers`, the registry's one rule), or when a user holding `consent.override` gives a reason.
 */
import { consentCovers, type ConsentRecord } from '../../../core/people/rules.js';

export interface ReferralRequest {
  partner: string;
  at: Date;
  /** A reason given to refer without consent (urgent protection needs); only counts with `consent.override`. */
  overrideReason?: string | null;
  holdsOverride: boolean;
}

export type ReferralBasis =
  | { allowed: true; basis: 'consent'; consentId: string }
  | { allowed: true; basis: 'override'; reason: string }
  | { allowed: false; why: 'no_consent' | 'override_not_permitted' };

export function referralBasis(consents: readonly (ConsentRecord & { id: string })[], request: ReferralRequest): ReferralBasis {
  const covering = consents.find((c) => consentCovers([c], 'sharing', request.at, request.partner));
  if (covering) return { allowed: true, basis: 'consent', consentId: covering.id };
  const reason = request.overrideReason?.trim();
  if (!reason) return { allowed: false, why: 'no_consent' };
  if (!request.holdsOverride) return { allowed: false, why: 'override_not_permitted' };
  return { allowed: true, basis: 'override', reason };
}
