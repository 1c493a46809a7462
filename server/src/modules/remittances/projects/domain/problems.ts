/** A rule broken by some input: where (a JSON path such as `rules.0.shares`) and which message to show. */
export interface Problem<K extends string = ProblemKey> {
  path: string;
  key: K;
  params?: Record<string, string | number>;
}

/** Every problem the domain rules can report; projects/messages.ts words them in four languages. */
export type ProblemKey =
  | 'duplicate_key'
  | 'duplicate_project_type'
  | 'share_unknown_party'
  | 'share_not_positive'
  | 'too_many_decimals'
  | 'shares_sum'
  | 'cap_not_positive'
  | 'weight_not_positive'
  | 'budget_above_cap'
  | 'type_not_in_scheme'
  | 'criterion_missing'
  | 'criterion_repeated'
  | 'criterion_unknown'
  | 'contribution_unknown_party'
  | 'contribution_beyond_commitment'
  | 'period_invalid'
  | 'period_before_last'
  | 'period_in_future'
  | 'physical_pct_decreases'
  | 'spent_decreases'
  | 'spent_above_received'
  | 'close_needs_full_progress';
