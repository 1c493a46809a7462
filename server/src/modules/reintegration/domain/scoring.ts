/**
 * Sustainability scores, pure. Every item of the instrument is answered with one of its options; a dimension's score
 * is the weighted mean of its items' option scores, the composite the weighted mean of the dimensions' scores (the
 * weights are normalised by dividing by their sum, so only their proportions matter). Everything lies in [0, 1] and
 * is kept to 4 decimals; reintegration counts as sustainable when the composite reaches the instrument's threshold.
 *
 * Also here: when a score may be taken (its occasion) and the change between a case's first and last scores.
 */
import type { CaseStatus } from './lifecycle.js';
import { DIMENSIONS, type Dimension, type InstrumentDefinition } from './instrument.js';

/** The chosen option per item: `{ item_code: option_code }`. */
export type Answers = Record<string, string>;

export type DimensionScores = Record<Dimension, number>;
export interface Scores extends DimensionScores {
  composite: number;
  sustainable: boolean;
}

/** Why an answer is refused, per item code (the field is `answers.<item_code>`). */
export type AnswerProblem = { item: string; why: 'missing' | 'unknown_option' | 'unknown_item' };

export type ScoringResult = { ok: true; scores: Scores } | { ok: false; problems: AnswerProblem[] };

/** Σ(weight × value) / Σ(weight). */
export function weightedMean(parts: readonly { weight: number; value: number }[]): number {
  const total = parts.reduce((sum, p) => sum + p.weight, 0);
  const value = parts.reduce((sum, p) => sum + p.weight * p.value, 0) / total;
  // Floating error must not push a mean of values in [0, 1] outside it.
  return Math.min(1, Math.max(0, value));
}

export const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;

/** The unrounded scores per dimension and composite, or the answers that are missing or do not fit. */
export function rawScores(def: InstrumentDefinition, answers: Answers): { ok: true; dimensions: DimensionScores; composite: number } | { ok: false; problems: AnswerProblem[] } {
  const problems: AnswerProblem[] = [];
  const known = new Set<string>();
  const dimensions = {} as DimensionScores;
  for (const d of def.dimensions) {
    const parts = d.items.map((item) => {
      known.add(item.code);
      const chosen = answers[item.code];
      const option = item.options.find((o) => o.code === chosen);
      if (chosen === undefined) problems.push({ item: item.code, why: 'missing' });
      else if (!option) problems.push({ item: item.code, why: 'unknown_option' });
      return { weight: item.weight, value: option?.score ?? 0 };
    });
    dimensions[d.code] = weightedMean(parts);
  }
  for (const code of Object.keys(answers)) if (!known.has(code)) problems.push({ item: code, why: 'unknown_item' });
  if (problems.length) return { ok: false, problems };
  const composite = weightedMean(def.dimensions.map((d) => ({ weight: d.weight, value: dimensions[d.code] })));
  return { ok: true, dimensions, composite };
}

/** The scores as stored: 4 decimals, and `sustainable` judged on the stored composite (what the reader sees). */
export function scoreAnswers(def: InstrumentDefinition, answers: Answers): ScoringResult {
  const raw = rawScores(def, answers);
  if (!raw.ok) return raw;
  const composite = round4(raw.composite);
  const rounded = Object.fromEntries(DIMENSIONS.map((d) => [d, round4(raw.dimensions[d])])) as DimensionScores;
  return { ok: true, scores: { ...rounded, composite, sustainable: composite >= def.threshold } };
}

// --- When a score may be taken ---

export const OCCASIONS = ['plan', 'follow_up'] as const;
export type Occasion = (typeof OCCASIONS)[number];

/** What the case has that the occasion rules look at. */
export interface OccasionContext {
  status: CaseStatus;
  /** A plan score was already taken on the case. */
  hasPlanScore: boolean;
  /** The follow-up named by the request, if any: whether it took place and whether it already has a score. */
  followUp?: { recorded: boolean; scored: boolean };
}

export type OccasionRefusal = 'plan_score_closed' | 'follow_up_not_recorded' | 'follow_up_scored';

/**
 * A plan score is taken while the plan is made (or, once it is approved, if none was taken then); a follow-up score
 * on a follow-up that took place and has no score yet. The state machine's `score` action was checked before.
 */
export function occasionRefusal(occasion: Occasion, c: OccasionContext): OccasionRefusal | null {
  if (occasion === 'plan') {
    const planning = c.status === 'planning' || c.status === 'plan_submitted';
    return planning || (c.status === 'active' && !c.hasPlanScore) ? null : 'plan_score_closed';
  }
  if (!c.followUp?.recorded) return 'follow_up_not_recorded';
  return c.followUp.scored ? 'follow_up_scored' : null;
}

// --- The change on a case ---

export interface DatedScore extends DimensionScores {
  instrumentId: string;
  takenOn: string;
  composite: number;
}

export interface ScoreChange extends DimensionScores {
  from_taken_on: string;
  to_taken_on: string;
  composite: number;
}

/**
 * The last score minus the first, oldest first in `scores`. Only scores of one instrument compare: when the last was
 * taken with another instrument than the first, it is compared with the first score of its own instrument. Null
 * when there is nothing to compare.
 */
export function scoreChange(scores: readonly DatedScore[]): ScoreChange | null {
  const last = scores.at(-1);
  if (!last) return null;
  const first = scores.find((s) => s.instrumentId === last.instrumentId)!;
  if (first === last) return null;
  const diff = (d: Dimension | 'composite') => round4(last[d] - first[d]);
  return { from_taken_on: first.takenOn, to_taken_on: last.takenOn, economic: diff('economic'), social: diff('social'), psychosocial: diff('psychosocial'), composite: diff('composite') };
}
