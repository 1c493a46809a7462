import { fromCents, type Cents } from './money.js';
import type { Problem } from './problems.js';

/**
 * The contributions ledger: what each party committed at approval and what it has paid. No party pays beyond its
 * commitment, and an entry sent twice (a retry after a lost answer) is recorded once.
 */

export interface Commitment {
  party: string;
  committed: Cents;
  received: Cents;
}

export interface ContributionContent {
  party: string;
  amount: Cents;
  received_on: string;
  reference: string;
}

/** Problems of a new contribution against the commitments (an unknown party, or more than what remains). */
export function contributionProblems(commitments: readonly Commitment[], entry: Pick<ContributionContent, 'party' | 'amount'>): Problem[] {
  const c = commitments.find((x) => x.party === entry.party);
  if (!c) return [{ path: 'party', key: 'contribution_unknown_party', params: { value: entry.party } }];
  const remaining = c.committed - c.received;
  if (entry.amount > remaining) return [{ path: 'amount', key: 'contribution_beyond_commitment', params: { party: entry.party, remaining: fromCents(remaining) } }];
  return [];
}

/** A contribution with an idempotency key already used: the same content is a replay, other content a conflict. */
export function replayOf(existing: ContributionContent, incoming: ContributionContent): 'replay' | 'conflict' {
  const same = existing.party === incoming.party && existing.amount === incoming.amount && existing.received_on === incoming.received_on && existing.reference === incoming.reference;
  return same ? 'replay' : 'conflict';
}

/** Adds a contribution to the commitments (after its problems were checked). */
export function withContribution(commitments: readonly Commitment[], entry: Pick<ContributionContent, 'party' | 'amount'>): Commitment[] {
  return commitments.map((c) => (c.party === entry.party ? { ...c, received: c.received + entry.amount } : c));
}
