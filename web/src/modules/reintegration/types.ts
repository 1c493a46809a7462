/**
 * The reintegration API's answers as the pages use them (JSON fields in snake_case), and the fixed code lists the
 * server validates against (server/src/modules/reintegration/domain/*): the pages offer exactly those codes.
 */
import type { OrgUnitRef } from '../../app/api';

export const CASE_STATUSES = ['registered', 'planning', 'plan_submitted', 'active', 'closure_requested', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const RETURN_HOW = ['voluntary', 'assisted_voluntary', 'forced'] as const;
export type ReturnHow = (typeof RETURN_HOW)[number];

export const CLOSURE_REASONS = ['plan_completed', 'no_longer_eligible', 'returnee_choice', 'moved_away', 'migrated_again', 'deceased'] as const;

export const NEED_DIMENSIONS = ['economic', 'social', 'psychosocial'] as const;
/** Needs, in the order the grid lists them, each in its dimension. */
export const NEEDS = {
  no_income: 'economic',
  debt: 'economic',
  skills_recognition: 'economic',
  housing: 'social',
  health: 'social',
  documentation: 'social',
  education: 'social',
  family_reunification: 'social',
  legal_assistance: 'social',
  psychosocial_support: 'psychosocial',
  community_reintegration: 'psychosocial',
} as const;
export type Need = keyof typeof NEEDS;
export const NEED_CODES = Object.keys(NEEDS) as Need[];

export const RESPONSES = [
  'job_placement',
  'business_support',
  'vocational_training',
  'skills_certification',
  'financial_education',
  'savings_group',
  'debt_counselling',
  'temporary_shelter',
  'housing_support',
  'health_referral',
  'medical_care',
  'document_issuance',
  'school_enrolment',
  'adult_education',
  'family_tracing',
  'family_mediation',
  'legal_aid',
  'psychosocial_counselling',
  'peer_support_group',
  'community_activities',
] as const;
export type ResponseCode = (typeof RESPONSES)[number];

export const ACTIVITY_STATUSES = ['planned', 'in_progress', 'done', 'cancelled'] as const;
export const REFERRAL_RESPONSES = ['accepted', 'refused'] as const;
export const REFERRAL_OUTCOMES = ['service_provided', 'partially_provided', 'not_provided', 'returnee_declined'] as const;
export const FOLLOW_UP_CHANNELS = ['visit', 'phone', 'office', 'online'] as const;

export const ASSESSMENT_KINDS = ['vulnerability', 'needs', 'skills', 'remittances'] as const;
export type AssessmentKind = (typeof ASSESSMENT_KINDS)[number];
export const VULNERABILITY_FACTORS = [
  'unaccompanied_child',
  'single_parent',
  'older_person',
  'pregnant',
  'disability',
  'chronic_illness',
  'no_shelter',
  'no_family_support',
  'indigenous',
  'lgbtiq',
] as const;
export const VULNERABILITY_LEVELS = ['low', 'medium', 'high'] as const;
export const PRIORITIES = ['high', 'medium', 'low'] as const;
export const REMITTANCE_USES = ['daily_needs', 'housing', 'education', 'health', 'business', 'savings', 'debt_repayment', 'land_or_livestock', 'other'] as const;
export const SAVINGS_PLACES = ['bank', 'cooperative', 'savings_group', 'at_home', 'other'] as const;

export interface PersonRef {
  id: string;
  given_name: string;
  family_name: string;
}

export interface CaseSummary {
  id: string;
  reference: string;
  person: PersonRef | null;
  org_unit: OrgUnitRef;
  caseworker: { id: string; name: string } | null;
  arrival_date: string;
  returned_from_iso3: string;
  return_how: ReturnHow;
  return_category: string | null;
  status: CaseStatus;
  plan_due_date: string;
  overdue: boolean;
}

export interface Caseload {
  items: CaseSummary[];
  total: number;
  page: number;
  page_size: number;
}

export interface Sensitive {
  psychosocial_notes: string | null;
  trafficking_indication: boolean | null;
  violence_indication: boolean | null;
  protected: boolean;
  can_reveal: boolean;
}

export interface Assessment {
  id: string;
  kind: AssessmentKind;
  answers: Record<string, unknown>;
  assessed_at: string;
}

export interface Activity {
  id: string;
  need: Need;
  response: ResponseCode;
  partner: string;
  start_date: string | null;
  end_date: string | null;
  cost: number | null;
  currency: string | null;
  status: (typeof ACTIVITY_STATUSES)[number];
  notes: string | null;
}

export interface Referral {
  id: string;
  partner: string;
  service: string;
  basis: 'consent' | 'override';
  consent_id: string | null;
  override_reason: string | null;
  partner_response: (typeof REFERRAL_RESPONSES)[number] | null;
  responded_at: string | null;
  outcome: (typeof REFERRAL_OUTCOMES)[number] | null;
  outcome_notes: string | null;
  created_at: string;
}

export interface FollowUp {
  id: string;
  scheduled_on: string;
  done_on: string | null;
  channel: string | null;
  notes: string | null;
}

export interface Case extends CaseSummary {
  household_size: number;
  immediate_needs: Need[];
  plan_submitted_at: string | null;
  plan_approved_at: string | null;
  closure_reason: (typeof CLOSURE_REASONS)[number] | null;
  closure_note: string | null;
  closure_requested_at: string | null;
  closed_at: string | null;
  erased: boolean;
  /** What the signed-in user may do to the case now (the server's state machine decides). */
  allowed_actions: string[];
  sensitive: Sensitive;
  assessments: Assessment[];
  activities: Activity[];
  referrals: Referral[];
  follow_ups: FollowUp[];
}

export interface Plan {
  status: CaseStatus;
  plan_due_date: string;
  overdue: boolean;
  activities: Activity[];
  proposals: { need: Need; response: ResponseCode }[];
}

export interface HistoryItem {
  at: string;
  actor: string;
  action: string;
  from_status: CaseStatus | null;
  to_status: CaseStatus | null;
  detail: Record<string, string | number | null>;
}

export interface ReturnCategory {
  country_iso3: string;
  code: string;
  /** In the reader's language; `label_es` and `label_en` are what an administrator edits. */
  label: string;
  label_es: string;
  label_en: string;
  /** One of mide's shipped examples, not any country's law. */
  example: boolean;
}

export const personName = (p: PersonRef | null): string => (p ? `${p.given_name} ${p.family_name}`.trim() : '');

/** Today in the browser's time zone, as YYYY-MM-DD (the value of a date input). */
export function localToday(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export const casePath = (id: string, tab?: string) => `/reintegration/cases/${encodeURIComponent(id)}${tab ? `?tab=${tab}` : ''}`;
