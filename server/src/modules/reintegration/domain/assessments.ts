/**
 * What each kind of assessment records. The answers are stored as JSON (one row per assessment taken), validated
 * by these schemas on the way in, so a kind can grow a question without a migration.
 */
import { z } from 'zod';
import { NEED_CODES } from './grid.js';

export const ASSESSMENT_KINDS = ['vulnerability', 'needs', 'skills', 'remittances'] as const;
export type AssessmentKind = (typeof ASSESSMENT_KINDS)[number];

const iso3 = z.string().regex(/^[A-Z]{3}$/);
const note = z.string().trim().max(2000);

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

export const vulnerabilityAnswers = z.strictObject({
  factors: z.array(z.enum(VULNERABILITY_FACTORS)).max(VULNERABILITY_FACTORS.length),
  level: z.enum(['low', 'medium', 'high']),
  notes: note.optional(),
});

export const needsAnswers = z.strictObject({
  needs: z
    .array(z.strictObject({ need: z.enum(NEED_CODES), priority: z.enum(['high', 'medium', 'low']), notes: note.optional() }))
    .min(1)
    .max(NEED_CODES.length),
});

/** Skills and qualifications gained abroad, recorded so they can be recognised (certified) at home. */
export const skillsAnswers = z.strictObject({
  occupation: z.string().trim().min(1).max(200),
  years: z.number().min(0).max(70),
  /** ISCO-08 code of the occupation, when the caseworker knows it. */
  isco08: z.string().regex(/^\d{1,4}$/).optional(),
  certificates: z.array(z.strictObject({ title: z.string().trim().min(1).max(200), issuer: z.string().trim().max(200).optional(), country_iso3: iso3.optional(), year: z.number().int().min(1950).max(2100).optional() })).max(30),
  languages: z.array(z.string().regex(/^[a-z]{2,3}$/)).max(20),
  wants_recognition: z.boolean(),
});

export const REMITTANCE_USES = ['daily_needs', 'housing', 'education', 'health', 'business', 'savings', 'debt_repayment', 'land_or_livestock', 'other'] as const;

/** How the returnee and the family used remittances and savings, before and since the return. */
export const remittancesAnswers = z.strictObject({
  family_received_remittances: z.boolean(),
  /** Usual monthly amount received, in US dollars. */
  monthly_amount_usd: z.number().min(0).max(100_000).optional(),
  uses: z.array(z.enum(REMITTANCE_USES)).max(REMITTANCE_USES.length),
  has_savings: z.boolean(),
  savings_usd: z.number().min(0).max(10_000_000).optional(),
  savings_held_in: z.array(z.enum(['bank', 'cooperative', 'savings_group', 'at_home', 'other'])).max(5),
  has_debt_from_migration: z.boolean(),
  debt_usd: z.number().min(0).max(10_000_000).optional(),
  still_receives_from_abroad: z.boolean(),
});

/** The body of an assessment: its kind decides which answers are expected (zod names the failing field). */
export const assessmentInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('vulnerability'), answers: vulnerabilityAnswers }),
  z.strictObject({ kind: z.literal('needs'), answers: needsAnswers }),
  z.strictObject({ kind: z.literal('skills'), answers: skillsAnswers }),
  z.strictObject({ kind: z.literal('remittances'), answers: remittancesAnswers }),
]);
export type AssessmentInput = z.infer<typeof assessmentInput>;

/** The country whose return categories apply to a case: the ISO3 segment of its org unit's path (regions are M49 digits). */
export function countryOfPath(orgUnitPath: string): string | null {
  return orgUnitPath.split('/').find((segment) => /^[A-Z]{3}$/.test(segment)) ?? null;
}
