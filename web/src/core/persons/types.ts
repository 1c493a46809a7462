import type { OrgUnitRef } from '../../app/api';

export interface PersonSummary {
  id: string;
  given_name: string;
  family_name: string;
  org_unit: OrgUnitRef;
  created_at: string;
}

export const CONSENT_PURPOSES = ['registration', 'sharing', 'follow_up', 'statistics'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export interface Consent {
  id: string;
  purpose: ConsentPurpose;
  /** The organisation the data is shared with; only for `sharing`. */
  partner: string | null;
  scope: string;
  channel: string;
  given_at: string;
  withdrawn_at: string | null;
}

export const DOCUMENT_KINDS = ['passport', 'national_id', 'birth_certificate', 'consular_id', 'other'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/**
 * A document as the person's answers show it: the number is protected (`cases.protected` and the step-up, through
 * `POST /persons/:id/documents/reveal`); in its place the last three characters of a number of six or more.
 */
export interface IdentityDocument {
  kind: DocumentKind;
  issuing_country_iso3: string | null;
  number: null;
  number_hint: string | null;
  withheld: true;
}

/** A document with its number, from the reveal. */
export interface RevealedDocument {
  kind: DocumentKind;
  issuing_country_iso3: string | null;
  number: string;
}

export interface Person extends PersonSummary {
  birth_date: string | null;
  sex: string | null;
  nationality_iso3: string | null;
  phone: string | null;
  email: string | null;
  /** ISO 639 codes. */
  languages: string[];
  documents: IdentityDocument[];
  consents: Consent[];
}

export type DuplicateReason = 'name_and_birth_date' | 'document';

/** A record that may be the same person as the one being registered (POST /persons/duplicates). */
export interface DuplicateCandidate {
  id: string;
  given_name: string;
  family_name: string;
  birth_date: string | null;
  org_unit: OrgUnitRef;
  name_similarity: number;
  reasons: DuplicateReason[];
}

export const SEXES = ['female', 'male', 'other', 'unknown'] as const;
export const CHANNELS = ['in_person', 'phone', 'online', 'paper_form'] as const;
/** Languages offered as checkboxes (the region's most spoken); any other ISO 639 code goes in a text field. */
export const COMMON_LANGUAGES = ['es', 'en', 'pt', 'fr', 'ht'] as const;

export function fullName(p: { given_name: string; family_name: string }): string {
  return `${p.given_name} ${p.family_name}`.trim();
}
