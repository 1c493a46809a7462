import { z } from 'zod';
import type { Locale } from '../i18n/locales.js';

/** How org units appear in answers: the name in the reader's language. */
export const orgUnitRefSchema = z.object({ code: z.string(), name: z.string(), kind: z.string() });
export type OrgUnitRef = z.infer<typeof orgUnitRefSchema>;

export function localName(unit: { nameEs: string; nameEn: string }, locale: Locale): string {
  return locale === 'en' || locale === 'fr' ? unit.nameEn : unit.nameEs;
}

export function orgUnitRef(unit: { code: string; nameEs: string; nameEn: string; kind: string }, locale: Locale): OrgUnitRef {
  return { code: unit.code, name: localName(unit, locale), kind: unit.kind };
}

export const isoDate = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** The object without its undefined fields: a PATCH's input names only the fields that were sent. */
export function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** A flat row (drizzle's camelCase properties) with the API's snake_case names: `givenName` -> `given_name`. */
export function snakeCaseKeys(row: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), v]));
}

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.array(z.object({ path: z.string(), message: z.string() })),
  }),
  request_id: z.string(),
});

/** Common error answers, for the OpenAPI document. */
export const errorResponses = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
};
