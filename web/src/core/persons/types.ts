import type { OrgUnitRef } from '../../app/api';

export interface PersonSummary {
  id: string;
  givenName: string;
  familyName: string;
  orgUnit: OrgUnitRef;
  createdAt: string;
}

export interface Consent {
  id: string;
  purpose: string;
  scope: string;
  channel: string;
  givenAt: string;
  withdrawnAt: string | null;
}

export interface Person extends PersonSummary {
  birthDate: string | null;
  sex: string | null;
  nationalityIso3: string | null;
  phone: string | null;
  email: string | null;
  consents: Consent[];
}

export const SEXES = ['female', 'male', 'other', 'unknown'] as const;
export const CHANNELS = ['in_person', 'phone', 'online', 'paper_form'] as const;

export function fullName(p: { givenName: string; familyName: string }): string {
  return `${p.givenName} ${p.familyName}`.trim();
}
