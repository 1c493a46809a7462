/**
 * Pure rules of the persons registry: how identity documents are compared, when two records may be the same
 * person, and what a consent covers. No I/O here; the service and the modules call these.
 */

/** Documents are compared on letters and digits only, in upper case: "A-123 456" and "a123456" are the same. */
export function documentKey(number: string): string {
  return number.normalize('NFKD').replace(/[^\p{L}\p{N}]/gu, '').toUpperCase();
}

/** Two names at least this similar (pg_trgm similarity of the folded full names, 0–1) count as similar. */
export const SIMILAR_NAME_THRESHOLD = 0.4;

export type DuplicateReason = 'name_and_birth_date' | 'document';

/**
 * Why a candidate may be the same person as the one being registered: a similar name and the same birth date,
 * or the same identity document number (a shared document is enough on its own: names are often spelt
 * differently between a passport and a consular card).
 */
export function duplicateReasons(probe: { birthDate: string | null; documentKeys: string[] }, candidate: { birthDate: string | null; nameSimilarity: number; documentKeys: string[] }): DuplicateReason[] {
  const reasons: DuplicateReason[] = [];
  if (probe.birthDate && candidate.birthDate === probe.birthDate && candidate.nameSimilarity >= SIMILAR_NAME_THRESHOLD) reasons.push('name_and_birth_date');
  if (probe.documentKeys.some((k) => k !== '' && candidate.documentKeys.includes(k))) reasons.push('document');
  return reasons;
}

export type ConsentPurpose = 'registration' | 'sharing' | 'follow_up' | 'statistics';

export interface ConsentRecord {
  purpose: ConsentPurpose;
  partner: string | null;
  givenAt: Date;
  withdrawnAt: Date | null;
}

/** Partner names are compared without case, accents or extra spaces. */
export function partnerKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Whether the person's consents, at `at`, cover `purpose` (and, for sharing, that named partner): a consent
 * given before `at` and not withdrawn by then.
 */
export function consentCovers(records: readonly ConsentRecord[], purpose: ConsentPurpose, at: Date, partner?: string): boolean {
  return records.some(
    (c) =>
      c.purpose === purpose &&
      c.givenAt <= at &&
      (c.withdrawnAt === null || c.withdrawnAt > at) &&
      (purpose !== 'sharing' || (partner !== undefined && c.partner !== null && partnerKey(c.partner) === partnerKey(partner))),
  );
}
