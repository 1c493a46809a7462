import type { FastifyPluginAsync } from 'fastify';
import { downloadHeaders } from '../http/download.js';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { requestContext } from '../http/auth-hooks.js';
import { errorResponses, isoDate, orgUnitRef, orgUnitRefSchema } from '../http/presenters.js';
import type { Locale } from '../i18n/locales.js';
import { addConsent, createPerson, erasePerson, exportPerson, findPossibleDuplicates, getPerson, listPersons, mergePersons, revealDocuments, updatePerson, withdrawConsent } from './service.js';
import { withheldDocument, type ConsentRow, type DocumentRow, type PersonRow } from './store.js';
import { CONSENT_PURPOSES, DOCUMENT_KINDS } from './schema.js';

const SEX = ['female', 'male', 'other', 'unknown'] as const;
const CHANNELS = ['in_person', 'phone', 'online', 'paper_form'] as const;

const summarySchema = z.object({ id: z.string(), givenName: z.string(), familyName: z.string(), orgUnit: orgUnitRefSchema, createdAt: z.string() });
const consentSchema = z.object({
  id: z.string(),
  purpose: z.enum(CONSENT_PURPOSES),
  partner: z.string().nullable(),
  scope: z.string(),
  channel: z.enum(CHANNELS),
  givenAt: z.string(),
  withdrawnAt: z.string().nullable(),
});
/**
 * A document as every read shows it: the number is protected (`cases.protected` and a step-up, through
 * `POST /persons/:id/documents/reveal`); in its place the last three characters of a number of six or more.
 */
const documentSchema = z.object({
  kind: z.enum(DOCUMENT_KINDS),
  issuingCountryIso3: z.string().nullable(),
  number: z.null(),
  numberHint: z.string().nullable(),
  withheld: z.literal(true),
});
/** A document with its number, only in the answer of the reveal. */
const revealedDocumentSchema = z.object({ kind: z.enum(DOCUMENT_KINDS), issuingCountryIso3: z.string().nullable(), number: z.string() });
const stepUpBody = z.strictObject({ password: z.string().min(1).max(1000).optional(), code: z.string().trim().regex(/^\d{6}$/).optional() });
const personSchema = summarySchema.extend({
  birthDate: z.string().nullable(),
  sex: z.enum(SEX),
  nationalityIso3: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  languages: z.array(z.string()),
  documents: z.array(documentSchema),
  consents: z.array(consentSchema),
});
const duplicateSchema = z.object({
  id: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  birthDate: z.string().nullable(),
  orgUnit: orgUnitRefSchema,
  nameSimilarity: z.number(),
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
  givenName: z.string().trim().min(1).max(200),
  familyName: z.string().trim().min(1).max(200),
  birthDate: birthDate.nullable().optional(),
  sex: z.enum(SEX).optional(),
  nationalityIso3: z.string().regex(/^[A-Z]{3}$/).nullable().optional(),
  phone: z.string().trim().max(40).nullable().optional(),
  email: z.email().max(320).nullable().optional(),
  /** ISO 639 codes (two or three letters). */
  languages: z.array(z.string().regex(/^[a-z]{2,3}$/)).max(20).optional(),
  documents: z
    .array(z.strictObject({ kind: z.enum(DOCUMENT_KINDS), number: z.string().trim().min(1).max(60), issuingCountryIso3: z.string().regex(/^[A-Z]{3}$/).nullable().optional() }))
    .max(10)
    .optional(),
  orgUnitCode: z.string().trim().min(1).max(40),
};

type Located = { person: PersonRow; orgUnitCode: string; orgUnitNameEs: string; orgUnitNameEn: string; orgUnitKind: string };

const presentSummary = (r: Located, locale: Locale) => ({
  id: r.person.id,
  givenName: r.person.givenName,
  familyName: r.person.familyName,
  orgUnit: orgUnitRef({ code: r.orgUnitCode, nameEs: r.orgUnitNameEs, nameEn: r.orgUnitNameEn, kind: r.orgUnitKind }, locale),
  createdAt: isoDate(r.person.createdAt)!,
});
const presentConsent = (c: ConsentRow) => ({
  id: c.id,
  purpose: c.purpose,
  partner: c.partner,
  scope: c.scope,
  channel: c.channel,
  givenAt: isoDate(c.givenAt)!,
  withdrawnAt: isoDate(c.withdrawnAt),
});
const presentPerson = (r: Located & { consents: ConsentRow[]; documents: DocumentRow[] }, locale: Locale) => ({
  ...presentSummary(r, locale),
  birthDate: r.person.birthDate,
  sex: r.person.sex,
  nationalityIso3: r.person.nationalityIso3,
  phone: r.person.phone,
  email: r.person.email,
  languages: r.person.languages,
  documents: r.documents.map(withheldDocument),
  consents: r.consents.map(presentConsent),
});

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
      { config: { permission: 'persons.write' }, schema: { tags: ['persons'], summary: 'Register a person in my capture scope', body: z.strictObject(personFields), response: { 201: personSchema, ...errorResponses } } },
      async (request, reply) => reply.status(201).send(presentPerson(await createPerson(requestContext(ctx, request), request.body), request.locale)),
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
            givenName: z.string().trim().min(1).max(200),
            familyName: z.string().trim().min(1).max(200),
            birthDate: birthDate.nullable().optional(),
            documentNumbers: z.array(z.string().trim().max(60)).max(10).optional(),
            excludeId: z.uuid().optional(),
          }),
          response: { 200: z.object({ items: z.array(duplicateSchema) }), ...errorResponses },
        },
      },
      async (request) => ({
        items: (await findPossibleDuplicates(requestContext(ctx, request), request.body)).map((c) => ({
          id: c.id,
          givenName: c.givenName,
          familyName: c.familyName,
          birthDate: c.birthDate,
          orgUnit: orgUnitRef({ code: c.orgUnitCode, nameEs: c.orgUnitNameEs, nameEn: c.orgUnitNameEn, kind: c.orgUnitKind }, request.locale),
          nameSimilarity: Math.round(c.nameSimilarity * 100) / 100,
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
          body: z.strictObject({ duplicateId: z.uuid() }),
          response: { 200: personSchema, ...errorResponses },
        },
      },
      async (request) => presentPerson(await mergePersons(requestContext(ctx, request), request.params.id, request.body.duplicateId), request.locale),
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
        schema: { tags: ['persons'], summary: 'Change a person', params: idParams, body: z.strictObject(personFields).partial(), response: { 200: personSchema, ...errorResponses } },
      },
      async (request) => presentPerson(await updatePerson(requestContext(ctx, request), request.params.id, request.body), request.locale),
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
            givenAt: z.iso.datetime({ offset: true }).optional(),
          }),
          response: { 201: consentSchema, ...errorResponses },
        },
      },
      async (request, reply) => reply.status(201).send(presentConsent(await addConsent(requestContext(ctx, request), request.params.id, request.body))),
    );

    app.post(
      '/persons/:id/consents/:consentId/withdraw',
      {
        config: { permission: 'persons.write' },
        schema: { tags: ['persons'], summary: 'Withdraw a consent', params: z.object({ id: z.uuid(), consentId: z.uuid() }), response: { 200: consentSchema, ...errorResponses } },
      },
      async (request) => presentConsent(await withdrawConsent(requestContext(ctx, request), request.params.id, request.params.consentId)),
    );

    const exportResponse = { 200: z.object({ exportedAt: z.string(), personId: z.string(), data: z.record(z.string(), z.unknown()) }), ...errorResponses };

    // Protected values (psychosocial notes, trafficking and violence indications) stand as `{"withheld": true}` here;
    // document numbers are withheld too (`number: null`, `withheld: true`, the hint beside).
    app.get(
      '/persons/:id/export',
      {
        config: { permission: 'persons.export' },
        schema: { tags: ['persons'], summary: 'Everything held about one person, from every module; protected values withheld', params: idParams, response: exportResponse },
      },
      async (request, reply) => {
        const body = await exportPerson(requestContext(ctx, request), request.params.id);
        downloadHeaders(reply, `person-${request.params.id}.json`);
        return body;
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
        const body = await exportPerson(requestContext(ctx, request), request.params.id, request.body);
        downloadHeaders(reply, `person-${request.params.id}.json`);
        return body;
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
        documents: (await revealDocuments(requestContext(ctx, request), request.params.id, request.body)).map((d: DocumentRow) => ({ kind: d.kind, issuingCountryIso3: d.issuingCountryIso3, number: d.number })),
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
