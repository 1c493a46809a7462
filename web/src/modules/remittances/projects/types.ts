/** The shapes of the co-funded projects API (docs/api.md), snake_case as sent. */

export const PROJECT_TYPES = ['infrastructure', 'productive', 'social', 'education'] as const;
export type ProjectType = (typeof PROJECT_TYPES)[number];

/** In lifecycle order (the two final refusals last): the step indicator follows this order. */
export const PROJECT_STATUSES = ['submitted', 'returned', 'in_review', 'approved', 'agreement_signed', 'in_execution', 'closed', 'rejected'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export const ASSOCIATION_STATUSES = ['pending', 'validated', 'rejected'] as const;
export type AssociationStatus = (typeof ASSOCIATION_STATUSES)[number];

export type ProjectAction = 'edit' | 'resubmit' | 'check' | 'score' | 'decide' | 'sign' | 'contribute' | 'report' | 'close';

export interface Attachment {
  id: string;
  file_name: string;
  content_type: string;
  size: number;
}

export interface Party {
  key: string;
  name_es: string;
  name_en: string;
}

export interface SchemeRule {
  project_type: ProjectType;
  max_budget: number;
  shares: Record<string, number>;
}

export interface Criterion {
  key: string;
  name_es: string;
  name_en: string;
  weight: number;
}

export interface Scheme {
  id: string;
  code: string;
  name: string;
  currency: string;
  parties: Party[];
  rules: SchemeRule[];
  criteria: Criterion[];
  min_score: number;
  active: boolean;
  created_at: string;
}

export interface AssociationSummary {
  id: string;
  name: string;
  residence_country: string;
  residence_country_name: string;
  residence_city: string;
  members_count: number;
  status: AssociationStatus;
  created_at: string;
  projects_count: number;
}

export interface Association extends AssociationSummary {
  contact: { person_id: string; given_name: string; family_name: string; email: string | null; phone: string | null } | null;
  registration_document: Attachment | null;
  validated_at: string | null;
  validated_by_name: string | null;
  rejection_reason: string | null;
}

export interface ProjectSummary {
  id: string;
  reference: string;
  title: string;
  association_id: string;
  association_name: string;
  org_unit_code: string;
  org_unit_name: string;
  project_type: ProjectType;
  budget: number;
  currency: string;
  status: ProjectStatus;
  submitted_at: string;
  score_mean: number | null;
}

export interface ScoreSheet {
  member_id: string;
  member_name: string;
  scores: { criterion: string; score: number; comment: string | null }[];
  weighted: number;
  at: string;
}

export interface Commitment {
  party: string;
  party_name_es: string;
  party_name_en: string;
  share_pct: number;
  committed: number;
  received: number;
  remaining: number;
}

export interface ProgressReport {
  period: string;
  physical_pct: number;
  spent: number;
  narrative: string;
  photos: Attachment[];
  by_name: string;
  at: string;
}

export interface Project extends ProjectSummary {
  description: string;
  expected_beneficiaries: number;
  latitude: number | null;
  longitude: number | null;
  scheme: Scheme;
  attachments: Attachment[];
  check: { complete: boolean; missing: string[]; note: string | null; by_name: string; at: string } | null;
  scores: { criteria: Criterion[]; sheets: ScoreSheet[]; mean: number | null; below_threshold: boolean };
  decision: {
    decision: 'approved' | 'rejected';
    reasons: string;
    minutes: string;
    minutes_attachment: Attachment | null;
    by_name: string;
    at: string;
  } | null;
  commitments: Commitment[];
  agreement: { agreement_number: string; signed_on: string; attachment: Attachment | null; by_name: string } | null;
  contributions: { id: string; party: string; amount: number; received_on: string; reference: string; by_name: string; at: string }[];
  progress: ProgressReport[];
  closure: { beneficiaries: number; jobs_created: number; outcome: string; photos: Attachment[]; by_name: string; at: string } | null;
  history: { step: string; status_after: ProjectStatus; by_name: string; at: string; note: string | null }[];
  allowed_actions: ProjectAction[];
}

export interface Investment {
  country: string;
  currency_totals: { currency: string; committed: number; received: number }[];
  by_party: { party: string; name_es: string; name_en: string; currency: string; committed: number; received: number }[];
  by_locality: { org_unit_code: string; org_unit_name: string; projects: number; currency: string; committed: number; received: number; beneficiaries: number }[];
  points: { project_id: string; reference: string; title: string; latitude: number; longitude: number; committed: number; currency: string; status: ProjectStatus }[];
}
