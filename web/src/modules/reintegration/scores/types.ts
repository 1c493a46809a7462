/**
 * The answers of the sustainability scores, instruments, supervision and dashboard routes as the pages use them
 * (JSON in snake_case; see /api/v1/reintegration in docs/api.md).
 */
import type { OrgUnitRef } from '../../../app/api';
import type { CaseStatus, CaseSummary, ReturnHow } from '../types';

export const SCORE_DIMENSIONS = ['economic', 'social', 'psychosocial'] as const;
export type ScoreDimension = (typeof SCORE_DIMENSIONS)[number];
/** The three dimensions and the composite, in the order the pages show them. */
export const MEASURES = [...SCORE_DIMENSIONS, 'composite'] as const;
export type Measure = (typeof MEASURES)[number];

export type Occasion = 'plan' | 'follow_up';

export interface InstrumentSummary {
  id: string;
  code: string;
  version: string;
  name: string;
  active: boolean;
  loaded_at: string;
  items_count: number;
}

export interface InstrumentOption {
  code: string;
  score: number;
  label: string;
}

export interface InstrumentItem {
  code: string;
  weight: number;
  question: string;
  options: InstrumentOption[];
}

export interface InstrumentDimension {
  code: ScoreDimension;
  weight: number;
  items: InstrumentItem[];
}

export interface Instrument {
  id: string;
  code: string;
  version: string;
  name: string;
  description: string | null;
  threshold: number;
  active: boolean;
  loaded_at: string;
  dimensions: InstrumentDimension[];
}

export interface InstrumentRef {
  id: string;
  code: string;
  version: string;
  name: string;
}

export interface Score extends Record<Measure, number> {
  id: string;
  occasion: Occasion;
  follow_up_id: string | null;
  taken_on: string;
  instrument: InstrumentRef;
  sustainable: boolean;
  threshold: number;
  answers: Record<string, string>;
}

export interface ScoreChange extends Record<Measure, number> {
  from_taken_on: string;
  to_taken_on: string;
}

export interface Scores {
  items: Score[];
  change: ScoreChange | null;
}

export interface Supervision {
  plans_waiting: CaseSummary[];
  closures_waiting: CaseSummary[];
  overdue: CaseSummary[];
  caseload: { caseworker: { id: string; name: string } | null; open: number; overdue: number; by_status: Partial<Record<CaseStatus, number>> }[];
  /** Who cases can be handed to, with the units they capture in. */
  caseworkers: { id: string; name: string; units: { code: string; name: string }[] }[];
}

/** Means of one group of returnees' latest scores (null when the group has none). */
export interface ScoreMeans extends Record<Measure, number | null> {
  returnees: number;
  share_sustainable: number | null;
}

export interface Dashboard {
  from: string;
  to: string;
  org_unit: OrgUnitRef | null;
  arrivals_by_month: { month: string; returned_from_iso3: string; return_how: ReturnHow; count: number }[];
  cases_by_status: { status: CaseStatus; count: number }[];
  overdue_plans: number;
  referrals_by_partner: { partner: string; partner_response: 'accepted' | 'refused' | null; outcome: string | null; count: number }[];
  closure_reasons: { reason: string; count: number }[];
  scores: {
    instrument: (InstrumentRef & { threshold: number }) | null;
    by_org_unit: (ScoreMeans & { org_unit: OrgUnitRef })[];
    by_period: (ScoreMeans & { period: string })[];
    total: ScoreMeans;
  };
}
