import type { Problem } from './problems.js';
import type { SchemeCriterion } from './scheme.js';

/**
 * Committee scoring against the scheme's published weighted criteria. A sheet's weighted score is
 * Σ(weight × score) / Σ weight (0–10); the committee's score is the mean of the sheets' weighted scores.
 */

export interface CriterionScore {
  criterion: string;
  score: number;
}

/** Every criterion exactly once, and nothing else (scores themselves are integers 0–10, checked by zod). */
export function sheetProblems(criteria: readonly Pick<SchemeCriterion, 'key'>[], scores: readonly CriterionScore[]): Problem[] {
  const known = new Set(criteria.map((c) => c.key));
  const seen = new Set<string>();
  const problems: Problem[] = [];
  scores.forEach((s, i) => {
    if (!known.has(s.criterion)) problems.push({ path: `scores.${i}.criterion`, key: 'criterion_unknown', params: { value: s.criterion } });
    else if (seen.has(s.criterion)) problems.push({ path: `scores.${i}.criterion`, key: 'criterion_repeated', params: { value: s.criterion } });
    seen.add(s.criterion);
  });
  for (const c of criteria) if (!seen.has(c.key)) problems.push({ path: 'scores', key: 'criterion_missing', params: { value: c.key } });
  return problems;
}

/** Weighted score of one complete sheet, rounded to 2 decimals. */
export function weightedScore(criteria: readonly Pick<SchemeCriterion, 'key' | 'weight'>[], scores: readonly CriterionScore[]): number {
  const byKey = new Map(scores.map((s) => [s.criterion, s.score]));
  let weights = 0;
  let total = 0;
  for (const c of criteria) {
    weights += c.weight;
    total += c.weight * (byKey.get(c.key) ?? 0);
  }
  return weights > 0 ? round2(total / weights) : 0;
}

/** The committee's score: mean of the sheets' weighted scores (null without sheets). */
export function meanScore(weighted: readonly number[]): number | null {
  if (weighted.length === 0) return null;
  return round2(weighted.reduce((a, b) => a + b, 0) / weighted.length);
}

export const belowThreshold = (mean: number | null, minScore: number): boolean => mean !== null && mean < minScore;

const round2 = (n: number) => Math.round(n * 100) / 100;
