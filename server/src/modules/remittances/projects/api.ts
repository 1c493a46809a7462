import { z } from 'zod';
import { ATTACHMENT_TYPES } from './attachments.js';
import { PROJECT_ACTIONS, PROJECT_STATUSES } from './domain/lifecycle.js';
import { hasAtMostTwoDecimals } from './domain/money.js';
import { PROJECT_TYPES } from './domain/scheme.js';

/** The shapes of the co-funded projects API (docs/api.md) as zod schemas: strict inputs, typed answers (snake_case throughout). */

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
/** Money: positive, at most 2 decimals, below numeric(14,2)'s limit. */
const money = z.number().positive().max(999_999_999_999).refine(hasAtMostTwoDecimals);
const moneyOrZero = z.number().min(0).max(999_999_999_999).refine(hasAtMostTwoDecimals);
const isoDay = z.iso.date().refine((d) => d >= '1990-01-01' && d <= new Date(Date.now() + 86_400_000).toISOString().slice(0, 10));
const key = z.string().regex(/^[a-z_]{2,30}$/);
const ids = z.array(z.uuid()).max(20);

export const idParams = z.object({ id: z.uuid() });

// --- Attachments ---
export const attachmentBody = z.strictObject({
  file_name: text(200),
  content_type: z.enum(ATTACHMENT_TYPES),
  // 5 MB decoded is about 6.7 million base64 characters; the service checks the decoded size exactly.
  data_base64: z.string().min(1).max(7_200_000),
});
export const attachmentSchema = z.object({ id: z.string(), file_name: z.string(), content_type: z.string(), size: z.number() });

// --- Schemes ---
const partySchema = z.strictObject({ key, name_es: text(120), name_en: text(120) });
const ruleSchema = z.strictObject({ project_type: z.enum(PROJECT_TYPES), max_budget: z.number(), shares: z.record(z.string().max(30), z.number()) });
const criterionSchema = z.strictObject({ key, name_es: text(200), name_en: text(200), weight: z.number() });
export const schemeBody = z.strictObject({
  code: z.string().trim().regex(/^[a-z0-9][a-z0-9-]{1,39}$/),
  name: text(200),
  currency: z.string().regex(/^[A-Z]{3}$/),
  parties: z.array(partySchema).min(1).max(10),
  rules: z.array(ruleSchema).min(1).max(PROJECT_TYPES.length),
  criteria: z.array(criterionSchema).min(1).max(20),
  min_score: z.number().min(0).max(10),
});
export const schemeSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  currency: z.string(),
  parties: z.array(z.object({ key: z.string(), name_es: z.string(), name_en: z.string() })),
  rules: z.array(z.object({ project_type: z.enum(PROJECT_TYPES), max_budget: z.number(), shares: z.record(z.string(), z.number()) })),
  criteria: z.array(z.object({ key: z.string(), name_es: z.string(), name_en: z.string(), weight: z.number() })),
  min_score: z.number(),
  active: z.boolean(),
  created_at: z.string(),
});

// --- Associations ---
export const ASSOCIATION_STATUSES = ['pending', 'validated', 'rejected'] as const;
export const associationBody = z.strictObject({
  name: text(200),
  residence_country: z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/),
  residence_city: text(120),
  members_count: z.number().int().min(1).max(1_000_000),
  contact: z.strictObject({ given_name: text(200), family_name: text(200), email: z.email().max(320).nullable().optional(), phone: optionalText(40) }),
  registration_document_id: z.uuid().nullable().optional(),
});
export const validationBody = z.strictObject({ decision: z.enum(['validated', 'rejected']), reason: optionalText(2000) });
export const associationSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  residence_country: z.string(),
  residence_country_name: z.string(),
  residence_city: z.string(),
  members_count: z.number(),
  status: z.enum(ASSOCIATION_STATUSES),
  created_at: z.string(),
  projects_count: z.number(),
});
export const associationSchema = associationSummarySchema.extend({
  contact: z.object({ person_id: z.string(), given_name: z.string(), family_name: z.string(), email: z.string().nullable(), phone: z.string().nullable() }).nullable(),
  registration_document: attachmentSchema.nullable(),
  validated_at: z.string().nullable(),
  validated_by_name: z.string().nullable(),
  rejection_reason: z.string().nullable(),
});

// --- Projects ---
const proposalFields = {
  scheme_id: z.uuid(),
  org_unit_code: text(40),
  project_type: z.enum(PROJECT_TYPES),
  title: text(200),
  description: text(10_000),
  budget: money,
  expected_beneficiaries: z.number().int().min(1).max(100_000_000),
  latitude: z.number().min(-90).max(90).nullable().optional(),
  longitude: z.number().min(-180).max(180).nullable().optional(),
  attachment_ids: ids.optional(),
};
export const proposalBody = z.strictObject({ association_id: z.uuid(), ...proposalFields });
/** PATCH: any of the proposal's fields; those left out keep their value. */
export const editBody = z.strictObject(proposalFields).partial();
export const projectQuery = z.strictObject({
  status: z.enum(PROJECT_STATUSES).optional(),
  association_id: z.uuid().optional(),
  org_unit: z.string().trim().max(40).optional(),
  q: z.string().trim().max(200).optional(),
});
export const checkBody = z.strictObject({ complete: z.boolean(), missing: z.array(text(300)).max(50).optional(), note: optionalText(2000) });
export const scoresBody = z.strictObject({
  scores: z.array(z.strictObject({ criterion: z.string().max(30), score: z.number().int().min(0).max(10), comment: optionalText(2000) })).min(1).max(20),
});
export const decisionBody = z.strictObject({ decision: z.enum(['approved', 'rejected']), reasons: text(5000), minutes: text(20_000), minutes_attachment_id: z.uuid().nullable().optional() });
export const agreementBody = z.strictObject({ agreement_number: text(100), signed_on: isoDay, attachment_id: z.uuid().nullable().optional() });
export const contributionBody = z.strictObject({ party: key, amount: money, received_on: isoDay, reference: text(200), idempotency_key: text(100) });
export const progressBody = z.strictObject({
  period: z.string().trim().regex(/^\d{4}Q[1-4]$/),
  physical_pct: z.number().min(0).max(100).refine(hasAtMostTwoDecimals),
  spent: moneyOrZero,
  narrative: text(10_000),
  photo_ids: ids.optional(),
});
export const closeBody = z.strictObject({ beneficiaries: z.number().int().min(0).max(100_000_000), jobs_created: z.number().int().min(0).max(10_000_000), outcome: text(10_000), photo_ids: ids.optional() });

export const projectSummarySchema = z.object({
  id: z.string(),
  reference: z.string(),
  title: z.string(),
  association_id: z.string(),
  association_name: z.string(),
  org_unit_code: z.string(),
  org_unit_name: z.string(),
  project_type: z.enum(PROJECT_TYPES),
  budget: z.number(),
  currency: z.string(),
  status: z.enum(PROJECT_STATUSES),
  submitted_at: z.string(),
  score_mean: z.number().nullable(),
});
const scoreLine = z.object({ criterion: z.string(), score: z.number(), comment: z.string().nullable() });
export const projectSchema = projectSummarySchema.extend({
  description: z.string(),
  expected_beneficiaries: z.number(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  scheme: schemeSchema,
  attachments: z.array(attachmentSchema),
  check: z.object({ complete: z.boolean(), missing: z.array(z.string()), note: z.string().nullable(), by_name: z.string(), at: z.string() }).nullable(),
  scores: z.object({
    criteria: schemeSchema.shape.criteria,
    sheets: z.array(z.object({ member_id: z.string(), member_name: z.string(), scores: z.array(scoreLine), weighted: z.number(), at: z.string() })),
    mean: z.number().nullable(),
    below_threshold: z.boolean(),
  }),
  decision: z
    .object({ decision: z.enum(['approved', 'rejected']), reasons: z.string(), minutes: z.string(), minutes_attachment: attachmentSchema.nullable(), by_name: z.string(), at: z.string() })
    .nullable(),
  commitments: z.array(z.object({ party: z.string(), party_name_es: z.string(), party_name_en: z.string(), share_pct: z.number(), committed: z.number(), received: z.number(), remaining: z.number() })),
  agreement: z.object({ agreement_number: z.string(), signed_on: z.string(), attachment: attachmentSchema.nullable(), by_name: z.string() }).nullable(),
  contributions: z.array(z.object({ id: z.string(), party: z.string(), amount: z.number(), received_on: z.string(), reference: z.string(), by_name: z.string(), at: z.string() })),
  progress: z.array(z.object({ period: z.string(), physical_pct: z.number(), spent: z.number(), narrative: z.string(), photos: z.array(attachmentSchema), by_name: z.string(), at: z.string() })),
  closure: z.object({ beneficiaries: z.number(), jobs_created: z.number(), outcome: z.string(), photos: z.array(attachmentSchema), by_name: z.string(), at: z.string() }).nullable(),
  history: z.array(z.object({ step: z.string(), status_after: z.enum(PROJECT_STATUSES), by_name: z.string(), at: z.string(), note: z.string().nullable() })),
  allowed_actions: z.array(z.enum(PROJECT_ACTIONS)),
});

// --- Investment ---
const flows = { currency: z.string(), committed: z.number(), received: z.number() };
export const investmentQuery = z.strictObject({ country: z.string().trim().regex(/^[A-Za-z]{3}$/) });
export const investmentSchema = z.object({
  country: z.string(),
  currency_totals: z.array(z.object(flows)),
  by_party: z.array(z.object({ party: z.string(), name_es: z.string(), name_en: z.string(), ...flows })),
  by_locality: z.array(z.object({ org_unit_code: z.string(), org_unit_name: z.string(), projects: z.number(), beneficiaries: z.number(), ...flows })),
  points: z.array(z.object({ project_id: z.string(), reference: z.string(), title: z.string(), latitude: z.number(), longitude: z.number(), committed: z.number(), currency: z.string(), status: z.string() })),
});
