import type { FastifyPluginAsync } from 'fastify';
import { downloadHeaders } from '../http/download.js';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { requestContext } from '../http/auth-hooks.js';
import { definedOnly, errorResponses, isoDate, orgUnitRef, orgUnitRefSchema } from '../http/presenters.js';
import type { Locale } from '../i18n/locales.js';
import { addConsent, createPerson, erasePerson, exportPerson, findPossibleDuplicates, getPerson, listPersons, mergePersons, revealDocuments, updatePerson, withdrawConsent, type PersonInput } from './service.js';
import { withheldDocument, type ConsentRow, type DocumentRow, type PersonRow } from './store.js';
import { CONSENT_PURPOSES, DOCUMENT_KINDS } from './schema.js';

const SEX = ['female', 'male', 'other', 'unknown'] as const;
const CHANNELS = ['in_person', 'phone', 'online', 'paper_form'] as const;

const summarySchema = z.object({ id: z.string(), given_name: z.string(), family_name: z.string(), org_unit: orgUnitRefSchema, created_at: z.string() });
const consentSchema = z.object({
  id: z.string(),
  purpose: z.enum(CONSENT_PURPOSES),
  partner: z.string().nullable(),
  scope: z.string(),
  channel: z.enum(CHANNELS),
  given_at: z.string(),
  withdrawn_at: z.string().nullable(),
});
/**
 * A document as every read shows it: the number is protected (`cases.protected` and a step-up, through
 * `POST /persons/:id/documents/reveal`); in its place the last three characters of a number of six or more.
 */
const documentSchema = z.object({
  kind: z.enum(DOCUMENT_KINDS),
  issuing_country_iso3: z.string().nullable(),
  number: z.null(),
  number_hint: z.string().nullable(),
  withheld: z.literal(true),
});
/** A document with its number, only in the answer of the reveal. */
const revealedDocumentSchema = z.object({ kind: z.enum(DOCUMENT_KINDS), issuing_country_iso3: z.string().nullable(), number: z.string() });
const stepUpBody = z.strictObject({ password: z.string().min(1).max(1000).optional(), code: z.string().trim().regex(/^\d{6}$/).optional() });
const personSchema = summarySchema.extend({
  birth_date: z.string().nullable(),
  sex: z.enum(SEX),
  nationality_iso3: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  languages: z.array(z.string()),
  documents: z.array(documentSchema),
  consents: z.array(consentSchema),
});
const duplicateSchema = z.object({
  id: z.string(),
  given_name: z.string(),
  family_name: z.string(),
  birth_date: z.string().nullable(),
  org_unit: orgUnitRefSchema,
  name_similarity: z.number(),
  reasons: z.array(z.enum(['name_and_birth_date', 'document'])),
});

/**
 * A birth date the database can store (the ISO pattern accepts year 0000, PostgreSQL does not) and that has
 * happened: from 1900 to tomorrow (a day of slack for time zones ahead of UTC). A malformed date gets only
 * the format's message.
 */
const birthDate = z.iso
  .date()
  .refine((d) => !/^\d{4}-\d\d-\d\d$/.test(d) || (d >= '1900-01-01' && d <= new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)));

const personFields = {
  given_name: z.string().trim().min(1).max(200),
  family_name: z.string().trim().min(1).max(200),
  birth_date: birthDate.nullable().optional(),
  sex: z.enum(SEX).optional(),
  nationality_iso3: z.string().regex(/^[A-Z]{3}$/).nullable().optional(),
  phone: z.string().trim().max(40).nullable().optional(),
  email: z.email().max(320).nullable().optional(),
  /** ISO 639 codes (two or three letters). */
  languages: z.array(z.string().regex(/^[a-z]{2,3}$/)).max(20).optional(),
  documents: z
    .array(z.strictObject({ kind: z.enum(DOCUMENT_KINDS), number: z.string().trim().min(1).max(60), issuing_country_iso3: z.string().regex(/^[A-Z]{3}$/).nullable().optional() }))
    .max(10)
    .optional(),
  org_unit_code: z.string().trim().min(1).max(40),
};
const personBody = z.strictObject(personFields);
type PersonBody = z.infer<typeof personBody>;

/** The wire's fields to the action's input, only those sent: a PATCH changes (and audits) what it names. */
function personInput(body: PersonBody): PersonInput;
function personInput(body: Partial<PersonBody>): Partial<PersonInput>;
function personInput(body: Partial<PersonBody>): Partial<PersonInput> {
  return definedOnly({
    givenName: body.given_name,
    familyName: body.family_name,
    birthDate: body.birth_date,
    sex: body.sex,
    nationalityIso3: body.nationality_iso3,
    phone: body.phone,
    email: body.email,
    languages: body.languages,
    documents: body.documents?.map((d) => ({ kind: d.kind, number: d.number, issuingCountryIso3: d.issuing_country_iso3 })),
    orgUnitCode: body.org_unit_code,
  });
}

type Located = { person: PersonRow; orgUnitCode: string; orgUnitNameEs: string; orgUnitNameEn: string; orgUnitKind: string };

const presentSummary = (r: Located, locale: Locale) => ({
  id: r.person.id,
  given_name: r.person.givenName,
  family_name: r.person.familyName,
  org_unit: orgUnitRef({ code: r.orgUnitCode, nameEs: r.orgUnitNameEs, nameEn: r.orgUnitNameEn, kind: r.orgUnitKind }, locale),
  created_at: isoDate(r.person.createdAt)!,
});
const presentConsent = (c: ConsentRow) => ({
  id: c.id,
  purpose: c.purpose,
  partner: c.partner,
  scope: c.scope,
  channel: c.channel,
  given_at: isoDate(c.givenAt)!,
  withdrawn_at: isoDate(c.withdrawnAt),
});
const presentPerson = (r: Located & { consents: ConsentRow[]; documents: DocumentRow[] }, locale: Locale) => ({
  ...presentSummary(r, locale),
  birth_date: r.person.birthDate,
  sex: r.person.sex,
  nationality_iso3: r.person.nationalityIso3,
  phone: r.person.phone,
  email: r.person.email,
  languages: r.person.languages,
  documents: r.documents.map(withheldDocument),
  consents: r.consents.map(presentConsent),
});

const presentExport = (e: { exportedAt: string; personId: string; data: Record<string, unknown> }) => ({ exported_at: e.exportedAt, person_id: e.personId, data: e.data });

const idParams = z.object({ id: z.uuid() });

export const peopleRoutes =
  (ctx: AppContext): FastifyPluginAsync =>
  async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/persons',
      {
        config: { permission: 'persons.read' },
        schema: { tags: ['persons'], summary: 'People in my view scope', querystring: z.strictObject({ q: z.string().trim().max(200).optional() }), response: { 200: z.object({ items: z.array(summarySchema) }), ...errorResponses } },
      },
      async (request) => ({ items: (await listPersons(requestContext(ctx, request), request.query.q || undefined)).map((r) => presentSummary(r, request.locale)) }),
    );

    app.post(
      '/persons',
      { config: { permission: 'persons.write' }, schema: { tags: ['persons'], summary: 'Register a person in my capture scope', body: personBody, response: { 201: personSchema, ...errorResponses } } },
      async (request, reply) => reply.status(201).send(presentPerson(await createPerson(requestContext(ctx, request), personInput(request.body)), request.locale)),
    );

    // POST, not GET: names, birth dates and document numbers must not end up in URLs and access logs.
    app.post(
      '/persons/duplicates',
      {
        config: { permission: 'persons.read' },
        schema: {
          tags: ['persons'],
          summary: 'Possible duplicates of a person about to be registered: similar name and same birth date, or same document',
          body: z.strictObject({
            given_name: z.string().trim().min(1).max(200),
            family_name: z.string().trim().min(1).max(200),
            birth_date: birthDate.nullable().optional(),
            document_numbers: z.array(z.string().trim().max(60)).max(10).optional(),
            exclude_id: z.uuid().optional(),
          }),
          response: { 200: z.object({ items: z.array(duplicateSchema) }), ...errorResponses },
        },
      },
      async (request) => ({
        items: (
          await findPossibleDuplicates(requestContext(ctx, request), {
            givenName: request.body.given_name,
            familyName: request.body.family_name,
            birthDate: request.body.birth_date,
            documentNumbers: request.body.document_numbers,
            excludeId: request.body.exclude_id,
          })
        ).map((c) => ({
          id: c.id,
          given_name: c.givenName,
          family_name: c.familyName,
          birth_date: c.birthDate,
          org_unit: orgUnitRef({ code: c.orgUnitCode, nameEs: c.orgUnitNameEs, nameEn: c.orgUnitNameEn, kind: c.orgUnitKind }, request.locale),
          name_similarity: Math.round(c.nameSimilarity * 100) / 100,
          reasons: c.reasons,
        })),
      }),
    );

    app.post(
      '/persons/:id/merge',
      {
        config: { permission: 'persons.merge' },
        schema: {
          tags: ['persons'],
          summary: 'Merge a duplicate record into this one (both in my capture scope); the duplicate is deleted',
          params: idParams,
          body: z.strictObject({ duplicate_id: z.uuid() }),
          response: { 200: personSchema, ...errorResponses },
        },
      },
      async (request) => presentPerson(await mergePersons(requestContext(ctx, request), request.params.id, request.body.duplicate_id), request.locale),
    );

    app.get(
      '/persons/:id',
      { config: { permission: 'persons.read' }, schema: { tags: ['persons'], summary: 'One person (404 outside my scope)', params: idParams, response: { 200: personSchema, ...errorResponses } } },
      async (request) => presentPerson(await getPerson(requestContext(ctx, request), request.params.id), request.locale),
    );

    app.patch(
      '/persons/:id',
      {
        config: { permission: 'persons.write' },
        schema: { tags: ['persons'], summary: 'Change a person', params: idParams, body: personBody.partial(), response: { 200: personSchema, ...errorResponses } },
      },
      async (request) => presentPerson(await updatePerson(requestContext(ctx, request), request.params.id, personInput(request.body)), request.locale),
    );

    app.post(
      '/persons/:id/consents',
      {
        config: { permission: 'persons.write' },
        schema: {
          tags: ['persons'],
          summary: 'Record a consent',
          params: idParams,
          body: z.strictObject({
            purpose: z.enum(CONSENT_PURPOSES),
            partner: z.string().trim().max(200).nullable().optional(),
            scope: z.string().trim().min(1).max(500),
            channel: z.enum(CHANNELS),
            given_at: z.iso.datetime({ offset: true }).optional(),
          }),
          response: { 201: consentSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const { given_at: givenAt, ...consent } = request.body;
        return reply.status(201).send(presentConsent(await addConsent(requestContext(ctx, request), request.params.id, { ...consent, givenAt })));
      },
    );

    app.post(
      '/persons/:id/consents/:consent_id/withdraw',
      {
        config: { permission: 'persons.write' },
        schema: { tags: ['persons'], summary: 'Withdraw a consent', params: z.object({ id: z.uuid(), consent_id: z.uuid() }), response: { 200: consentSchema, ...errorResponses } },
      },
      async (request) => presentConsent(await withdrawConsent(requestContext(ctx, request), request.params.id, request.params.consent_id)),
    );

    const exportResponse = { 200: z.object({ exported_at: z.string(), person_id: z.string(), data: z.record(z.string(), z.unknown()) }), ...errorResponses };

    // Protected values (psychosocial notes, trafficking and violence indications) stand as `{"withheld": true}` here;
    // document numbers are withheld too (`number: null`, `withheld: true`, the hint beside).
    app.get(
      '/persons/:id/export',
      {
        config: { permission: 'persons.export' },
        schema: { tags: ['persons'], summary: 'Everything held about one person, from every module; protected values withheld', params: idParams, response: exportResponse },
      },
      async (request, reply) => {
        const exported = await exportPerson(requestContext(ctx, request), request.params.id);
        downloadHeaders(reply, `person-${request.params.id}.json`);
        return presentExport(exported);
      },
    );

    // The same export with the password or a code again: protected values included for holders of cases.protected.
    app.post(
      '/persons/:id/export',
      {
        config: { permission: 'persons.export' },
        schema: {
          tags: ['persons'],
          summary: 'Everything held about one person: password (or second-factor code) again; protected values for holders of cases.protected; audited',
          params: idParams,
          body: stepUpBody,
          response: exportResponse,
        },
      },
      async (request, reply) => {
        const exported = await exportPerson(requestContext(ctx, request), request.params.id, request.body);
        downloadHeaders(reply, `person-${request.params.id}.json`);
        return presentExport(exported);
      },
    );

    // The document numbers in clear: the password or a code again, for holders of cases.protected; audited.
    app.post(
      '/persons/:id/documents/reveal',
      {
        config: { permission: 'cases.protected' },
        schema: {
          tags: ['persons'],
          summary: 'Show the identity-document numbers: password (or second-factor code) again; audited',
          params: idParams,
          body: stepUpBody,
          response: { 200: z.object({ documents: z.array(revealedDocumentSchema) }), ...errorResponses },
        },
      },
      async (request) => ({
        documents: (await revealDocuments(requestContext(ctx, request), request.params.id, request.body)).map((d: DocumentRow) => ({ kind: d.kind, issuing_country_iso3: d.issuingCountryIso3, number: d.number })),
      }),
    );

    app.delete(
      '/persons/:id',
      { config: { permission: 'persons.erase' }, schema: { tags: ['persons'], summary: 'Erase a person from every module', params: idParams, response: { 204: z.null(), ...errorResponses } } },
      async (request, reply) => {
        await erasePerson(requestContext(ctx, request), request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
