import type { IdentityDocument, Person } from './types';

/**
 * What a merge will leave on the surviving record, as the server does it (server/src/core/people/service.ts,
 * mergePersons): names and org unit stay; empty fields are filled from the duplicate; languages and documents
 * are joined (a document both hold stays once); every consent moves over. Shown before the user confirms.
 */

/** Documents are compared on letters and digits only, in upper case (as the server's documentKey). */
export function documentKey(number: string): string {
  return number.normalize('NFKD').replace(/[^\p{L}\p{N}]/gu, '').toUpperCase();
}

export type MergedField = 'birth_date' | 'sex' | 'nationality_iso3' | 'phone' | 'email';
export const MERGED_FIELDS: readonly MergedField[] = ['birth_date', 'sex', 'nationality_iso3', 'phone', 'email'];

export interface FieldOutcome {
  field: MergedField;
  kept: string | null;
  duplicate: string | null;
  result: string | null;
  /** The survivor's value was empty and the duplicate's fills it. */
  filled: boolean;
}

export interface MergePreview {
  fields: FieldOutcome[];
  languages: { result: string[]; added: string[] };
  documents: { result: IdentityDocument[]; added: IdentityDocument[] };
  movedConsents: number;
}

function isEmpty(field: MergedField, value: string | null): boolean {
  return value === null || value === '' || (field === 'sex' && value === 'unknown');
}

export function previewMerge(kept: Person, duplicate: Person): MergePreview {
  const fields = MERGED_FIELDS.map((field): FieldOutcome => {
    const k = kept[field];
    const d = duplicate[field];
    const filled = isEmpty(field, k) && !isEmpty(field, d);
    return { field, kept: k, duplicate: d, result: filled ? d : k, filled };
  });
  const addedLanguages = duplicate.languages.filter((l) => !kept.languages.includes(l));
  // The numbers are withheld in the answers, so the preview cannot compare them: every document of the duplicate is
  // listed as added (the server keeps a document both records hold once, comparing the blind index).
  const addedDocuments = duplicate.documents;
  return {
    fields,
    languages: { result: [...kept.languages, ...addedLanguages], added: addedLanguages },
    documents: { result: [...kept.documents, ...addedDocuments], added: addedDocuments },
    movedConsents: duplicate.consents.length,
  };
}
