/**
 * The reintegration API's answers and the code lists the server validates against, as the pages use them: every type
 * is read from the OpenAPI document (`app/api/types.ts`), and every list the pages offer is checked against it (a
 * code the server drops or adds fails the typecheck). Lists keep the order the pages show.
 */
import { everyValueOf, type Answer, type Item, type RequestBody } from '../../app/api/types';

export type Case = Answer<'/reintegration/cases/{id}'>;
export type Caseload = Answer<'/reintegration/cases'>;
export type CaseSummary = Item<Caseload['items']>;
export type PersonRef = NonNullable<CaseSummary['person']>;
export type Sensitive = Case['sensitive'];
export type Assessment = Item<Case['assessments']>;
export type Activity = Item<Case['activities']>;
export type Referral = Item<Case['referrals']>;
export type FollowUp = Item<Case['follow_ups']>;
export type Plan = Answer<'/reintegration/cases/{id}/plan'>;
export type HistoryItem = Item<Answer<'/reintegration/cases/{id}/history'>['items']>;
export type ReturnCategory = Item<Answer<'/reintegration/return-categories'>['items']>;

export type CaseStatus = Case['status'];
export const CASE_STATUSES = everyValueOf<CaseStatus>()(['registered', 'planning', 'plan_submitted', 'active', 'closure_requested', 'closed']);

export type ReturnHow = Case['return_how'];
export const RETURN_HOW = everyValueOf<ReturnHow>()(['voluntary', 'assisted_voluntary', 'forced']);

export const CLOSURE_REASONS = everyValueOf<NonNullable<Case['closure_reason']>>()([
  'plan_completed',
  'no_longer_eligible',
  'returnee_choice',
  'moved_away',
  'migrated_again',
  'deceased',
]);

export type Need = Activity['need'];
export type NeedDimension = Item<Answer<'/reintegration/instruments/{id}'>['dimensions']>['code'];
export const NEED_DIMENSIONS = everyValueOf<NeedDimension>()(['economic', 'social', 'psychosocial']);
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
} as const satisfies Record<Need, NeedDimension>;
export const NEED_CODES = Object.keys(NEEDS) as Need[];

export type ResponseCode = Activity['response'];
export const RESPONSES = everyValueOf<ResponseCode>()([
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
]);

export const ACTIVITY_STATUSES = everyValueOf<Activity['status']>()(['planned', 'in_progress', 'done', 'cancelled']);
export const REFERRAL_RESPONSES = everyValueOf<NonNullable<Referral['partner_response']>>()(['accepted', 'refused']);
export const REFERRAL_OUTCOMES = everyValueOf<NonNullable<Referral['outcome']>>()(['service_provided', 'partially_provided', 'not_provided', 'returnee_declined']);
export const FOLLOW_UP_CHANNELS = everyValueOf<NonNullable<RequestBody<'/reintegration/cases/{id}/follow-ups/{followUpId}/record', 'post'>['channel']>>()([
  'visit',
  'phone',
  'office',
  'online',
]);

/** The answers of each kind of assessment, as the server accepts them. */
type AssessmentInput = RequestBody<'/reintegration/cases/{id}/assessments', 'post'>;
type AnswersOf<Kind extends AssessmentKind> = Extract<AssessmentInput, { kind: Kind }>['answers'];
export type AssessmentKind = Assessment['kind'];
export const ASSESSMENT_KINDS = everyValueOf<AssessmentKind>()(['vulnerability', 'needs', 'skills', 'remittances']);
export const VULNERABILITY_FACTORS = everyValueOf<Item<AnswersOf<'vulnerability'>['factors']>>()([
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
]);
export const VULNERABILITY_LEVELS = everyValueOf<AnswersOf<'vulnerability'>['level']>()(['low', 'medium', 'high']);
export const PRIORITIES = everyValueOf<Item<AnswersOf<'needs'>['needs']>['priority']>()(['high', 'medium', 'low']);
export const REMITTANCE_USES = everyValueOf<Item<AnswersOf<'remittances'>['uses']>>()([
  'daily_needs',
  'housing',
  'education',
  'health',
  'business',
  'savings',
  'debt_repayment',
  'land_or_livestock',
  'other',
]);
export const SAVINGS_PLACES = everyValueOf<Item<AnswersOf<'remittances'>['savings_held_in']>>()(['bank', 'cooperative', 'savings_group', 'at_home', 'other']);

export const personName = (p: PersonRef | null): string => (p ? `${p.given_name} ${p.family_name}`.trim() : '');

/** Today in the browser's time zone, as YYYY-MM-DD (the value of a date input). */
export function localToday(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export const casePath = (id: string, tab?: string) => `/reintegration/cases/${encodeURIComponent(id)}${tab ? `?tab=${tab}` : ''}`;
