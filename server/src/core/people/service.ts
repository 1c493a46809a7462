import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/engine.js';
import { appendAudit, recordAudit } from '../audit/store.js';
import { authorFields, type AppContext, type Author, type RequestMeta } from '../context.js';
import { AppError, fieldError, notFound } from '../http/errors.js';
import { findOrgUnitByCode } from '../geo/store.js';
import { inScope, scopePrefixes } from '../access/policy.js';
import type { Actor } from '../access/actor.js';
import { confirmIdentity, type StepUpProof } from '../access/auth.js';
import { consents, personDocuments, persons, type DOCUMENT_KINDS } from './schema.js';
import { consentsOf, documentsOf, findDuplicateCandidates, findPersonInScope, listPersonsInScope } from './store.js';
import { documentKey, duplicateReasons, type ConsentPurpose } from './rules.js';
import { peoplePrivacy } from './privacy.js';
import type { PersonalDataHolder } from './privacy-registry.js';

/** Core first, then every module that keeps personal data. */
export function personalDataHolders(ctx: Pick<AppContext, 'modules'>): PersonalDataHolder[] {
  return [...ctx.modules.privacyHolders(), peoplePrivacy];
}

export interface PersonInput {
  givenName: string;
  familyName: string;
  birthDate?: string | null;
  sex?: 'female' | 'male' | 'other' | 'unknown';
  nationalityIso3?: string | null;
  phone?: string | null;
  email?: string | null;
  languages?: string[];
  /** Replaces the person's documents when given. */
  documents?: DocumentInput[];
  orgUnitCode: string;
}

export interface DocumentInput {
  kind: (typeof DOCUMENT_KINDS)[number];
  number: string;
  issuingCountryIso3?: string | null;
}

export interface ConsentInput {
  purpose: ConsentPurpose;
  partner?: string | null;
  scope: string;
  channel: 'in_person' | 'phone' | 'online' | 'paper_form';
  /** When the person gave it, if not now (a paper form signed earlier); never in the future. */
  givenAt?: string;
}

const who = (actor: Actor): Author => ({ kind: 'user', actor });

async function captureUnit(ctx: AppContext, actor: Actor, code: string) {
  const unit = await findOrgUnitByCode(ctx.db, code.trim().toUpperCase());
  if (!unit) throw fieldError('orgUnitCode', 'scope.unknown_code', { code });
  if (!inScope(actor, 'capture', unit.path)) throw fieldError('orgUnitCode', 'scope.outside_capture', { code });
  return unit;
}

export async function listPersons(ctx: AppContext, actor: Actor, meta: RequestMeta, text: string | undefined) {
  // A document number is found through its blind index (the numbers are sealed), the answer shows only names.
  const documentIndex = text && documentKey(text) ? await ctx.keyring.index(ctx.db, documentKey(text)) : undefined;
  const rows = await listPersonsInScope(ctx.db, scopePrefixes(actor, 'view'), text, 200, documentIndex);
  await recordAudit(ctx.db, { ...authorFields(who(actor)), ...meta, action: 'person.list', recordType: 'person', changedFields: [] });
  return rows;
}

export async function getPerson(ctx: AppContext, actor: Actor, meta: RequestMeta, id: string) {
  const row = await findPersonInScope(ctx.db, id, scopePrefixes(actor, 'view'));
  if (!row) throw notFound();
  await recordAudit(ctx.db, { ...authorFields(who(actor)), ...meta, action: 'person.read', recordType: 'person', recordId: id, orgUnitCode: row.orgUnitCode });
  const [consentRows, documentRows] = await Promise.all([consentsOf(ctx.db, id), documentsOf(ctx.db, ctx.keyring, id)]);
  return { ...row, consents: consentRows, documents: documentRows };
}

/**
 * The person's document numbers, in clear, for a holder of `cases.protected` (the route's permission) who typed
 * their password (or a fresh code) again: the same step-up as the reveal of a case's protected fields and the
 * exports, throttled and audited like them. Out of the view scope: 404, before any step-up.
 */
export async function revealDocuments(ctx: AppContext, actor: Actor, meta: RequestMeta, id: string, proof: StepUpProof) {
  const row = await findPersonInScope(ctx.db, id, scopePrefixes(actor, 'view'));
  if (!row) throw notFound();
  await confirmIdentity(ctx, meta, actor, proof, { purpose: 'documents_reveal' });
  await recordAudit(ctx.db, { ...authorFields(who(actor)), ...meta, action: 'person.protected_reveal', recordType: 'person', recordId: id, orgUnitCode: row.orgUnitCode, changedFields: ['documents.number'] });
  return documentsOf(ctx.db, ctx.keyring, id);
}

/** Two documents of one person with the same key are one document written twice. */
function checkDocuments(documents: DocumentInput[] | undefined): void {
  if (!documents) return;
  const seen = new Map<string, number>();
  documents.forEach((d, i) => {
    const key = documentKey(d.number);
    if (key === '') throw fieldError(`documents.${i}.number`, 'person.document_empty');
    const first = seen.get(key);
    if (first !== undefined) throw fieldError(`documents.${i}.number`, 'person.document_repeated', { row: first + 1 });
    seen.set(key, i);
  });
}

/** Numbers are sealed under the document's own id (so a sealed number moved to another row does not open). */
async function replaceDocuments(ctx: AppContext, tx: Executor, personId: string, documents: DocumentInput[]): Promise<void> {
  await tx.delete(personDocuments).where(eq(personDocuments.personId, personId));
  if (documents.length === 0) return;
  const rows = [];
  for (const d of documents) {
    const id = randomUUID();
    rows.push({
      id,
      personId,
      kind: d.kind,
      number: await ctx.keyring.seal(tx, { table: 'person_documents', column: 'number', rowId: id }, d.number.trim()),
      numberKey: await ctx.keyring.index(tx, documentKey(d.number), true),
      issuingCountryIso3: d.issuingCountryIso3 ?? null,
    });
  }
  await tx.insert(personDocuments).values(rows);
}

export interface DuplicateProbe {
  givenName: string;
  familyName: string;
  birthDate?: string | null;
  documentNumbers?: string[];
  /** The record being edited, which is not its own duplicate. */
  excludeId?: string;
}

/**
 * Possible duplicates of a person about to be registered (or edited), among the people the user may see. Shown
 * before saving so the caseworker can open the existing record instead; reading them is audited.
 */
export async function findPossibleDuplicates(ctx: AppContext, actor: Actor, meta: RequestMeta, probe: DuplicateProbe) {
  // Documents are matched on their blind indexes: the probe's keys are indexed the same way.
  const documentKeys = await Promise.all((probe.documentNumbers ?? []).map(documentKey).filter(Boolean).map((k) => ctx.keyring.index(ctx.db, k)));
  const birthDate = probe.birthDate ?? null;
  const candidates = await findDuplicateCandidates(ctx.db, scopePrefixes(actor, 'view'), {
    fullName: `${probe.givenName.trim()} ${probe.familyName.trim()}`,
    birthDate,
    documentKeys,
    excludeId: probe.excludeId,
  });
  const found = candidates
    .map((c) => ({ ...c, reasons: duplicateReasons({ birthDate, documentKeys }, c) }))
    .filter((c) => c.reasons.length > 0);
  if (found.length > 0) {
    await recordAudit(ctx.db, { ...authorFields(who(actor)), ...meta, action: 'person.duplicates', recordType: 'person', changedFields: found.map((f) => f.id) });
  }
  return found;
}

export async function createPerson(ctx: AppContext, actor: Actor, meta: RequestMeta, input: PersonInput) {
  checkDocuments(input.documents);
  const unit = await captureUnit(ctx, actor, input.orgUnitCode);
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(persons)
      .values({
        orgUnitId: unit.id,
        givenName: input.givenName.trim(),
        familyName: input.familyName.trim(),
        birthDate: input.birthDate ?? null,
        sex: input.sex ?? 'unknown',
        nationalityIso3: input.nationalityIso3 ?? null,
        phone: input.phone ?? null,
        email: input.email ?? null,
        languages: input.languages ?? [],
        createdBy: actor.userId,
      })
      .returning({ id: persons.id });
    if (input.documents) await replaceDocuments(ctx, tx, row!.id, input.documents);
    await appendAudit(tx, {
      ...authorFields(who(actor)),
      ...meta,
      action: 'person.create',
      recordType: 'person',
      recordId: row!.id,
      orgUnitCode: unit.code,
      changedFields: Object.keys(input).filter((k) => input[k as keyof PersonInput] != null),
    });
    return row!.id;
  });
  return getPerson(ctx, actor, meta, id);
}

export async function updatePerson(ctx: AppContext, actor: Actor, meta: RequestMeta, id: string, changes: Partial<PersonInput>) {
  const existing = await findPersonInScope(ctx.db, id, scopePrefixes(actor, 'capture'));
  if (!existing) {
    // Visible but not writable still answers 404 for writes: the write target is outside capture scope.
    throw notFound();
  }
  checkDocuments(changes.documents);
  const unit = changes.orgUnitCode ? await captureUnit(ctx, actor, changes.orgUnitCode) : undefined;
  const { orgUnitCode: _ignored, documents, ...fields } = changes;
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(persons)
      .set({ ...fields, ...(unit ? { orgUnitId: unit.id } : {}), updatedAt: new Date() })
      .where(eq(persons.id, id));
    if (documents) await replaceDocuments(ctx, tx, id, documents);
    await appendAudit(tx, {
      ...authorFields(who(actor)),
      ...meta,
      action: 'person.update',
      recordType: 'person',
      recordId: id,
      orgUnitCode: unit?.code ?? existing.orgUnitCode,
      changedFields: Object.keys(changes),
    });
  });
  return getPerson(ctx, actor, meta, id);
}

export async function addConsent(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  personId: string,
  input: ConsentInput,
) {
  const person = await findPersonInScope(ctx.db, personId, scopePrefixes(actor, 'capture'));
  if (!person) throw notFound();
  const partner = input.partner?.trim() || null;
  if (input.purpose === 'sharing' && !partner) throw fieldError('partner', 'consent.partner_required');
  if (input.purpose !== 'sharing' && partner) throw fieldError('partner', 'consent.partner_only_for_sharing');
  const givenAt = input.givenAt ? new Date(input.givenAt) : new Date();
  if (givenAt.getTime() > Date.now() + 60_000) throw fieldError('givenAt', 'consent.given_in_future');
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(consents)
      .values({ personId, purpose: input.purpose, partner, scope: input.scope.trim(), channel: input.channel, givenAt, recordedBy: actor.userId })
      .returning();
    await appendAudit(tx, {
      ...authorFields(who(actor)),
      ...meta,
      action: 'consent.give',
      recordType: 'consent',
      recordId: row!.id,
      orgUnitCode: person.orgUnitCode,
      changedFields: ['purpose', ...(partner ? ['partner'] : []), 'scope', 'channel', 'givenAt'],
    });
    return row!;
  });
}

export async function withdrawConsent(ctx: AppContext, actor: Actor, meta: RequestMeta, personId: string, consentId: string) {
  const person = await findPersonInScope(ctx.db, personId, scopePrefixes(actor, 'capture'));
  if (!person) throw notFound();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(consents)
      // Withdrawing again keeps the time of the first withdrawal: that moment is the record.
      .set({ withdrawnAt: sql`coalesce(${consents.withdrawnAt}, now())` })
      .where(and(eq(consents.id, consentId), eq(consents.personId, personId)))
      .returning();
    if (!row) throw notFound();
    await appendAudit(tx, { ...authorFields(who(actor)), ...meta, action: 'consent.withdraw', recordType: 'consent', recordId: consentId, orgUnitCode: person.orgUnitCode, changedFields: ['withdrawnAt'] });
    return row;
  });
}

/**
 * Everything the platform holds about one person, from every module, in one consistent read. Protected values
 * (`cases.protected`) are in it only for a holder of that permission who confirmed their identity for this export
 * (`proof`: the password or a fresh code, the same step-up as the reveal and the case export); otherwise they stand
 * as `{ withheld: true }`.
 */
export async function exportPerson(ctx: AppContext, actor: Actor, meta: RequestMeta, personId: string, proof?: StepUpProof) {
  const person = await findPersonInScope(ctx.db, personId, scopePrefixes(actor, 'view'));
  if (!person) throw notFound();
  if (proof) await confirmIdentity(ctx, meta, actor, proof, { purpose: 'person_export' });
  const withProtected = proof !== undefined && actor.permissions.has('cases.protected');
  return ctx.db.transaction(async (tx) => {
    const data: Record<string, unknown> = {};
    for (const holder of personalDataHolders(ctx)) data[holder.owner] = await holder.exportPerson(tx, personId, { keyring: ctx.keyring, protected: withProtected });
    await appendAudit(tx, { ...authorFields(who(actor)), ...meta, action: 'person.export', recordType: 'person', recordId: personId, orgUnitCode: person.orgUnitCode, changedFields: withProtected ? ['protected'] : [] });
    return { exportedAt: new Date().toISOString(), personId, data };
  });
}

/** Erases one person from every module, all or nothing. The audit entry keeps only the id. */
export async function erasePerson(ctx: AppContext, actor: Actor, meta: RequestMeta, personId: string) {
  const person = await findPersonInScope(ctx.db, personId, scopePrefixes(actor, 'capture'));
  if (!person) throw notFound();
  await ctx.db.transaction(async (tx) => {
    let touched = 0;
    for (const holder of personalDataHolders(ctx)) touched += await holder.erasePerson(tx, personId);
    if (touched === 0) throw new AppError('not_found');
    await appendAudit(tx, { ...authorFields(who(actor)), ...meta, action: 'person.erase', recordType: 'person', recordId: personId, orgUnitCode: person.orgUnitCode });
  });
}

/**
 * Merges a duplicate record into the one that stays (a supervisor's decision). Everything that pointed at the
 * duplicate (consents, documents, every module's records) moves to the survivor; the survivor's empty fields
 * are filled from the duplicate; the duplicate is then deleted. All or nothing, audited on both ids.
 */
export async function mergePersons(ctx: AppContext, actor: Actor, meta: RequestMeta, survivorId: string, duplicateId: string) {
  if (survivorId === duplicateId) throw fieldError('duplicateId', 'person.merge_same');
  const prefixes = scopePrefixes(actor, 'capture');
  const [survivor, duplicate] = await Promise.all([findPersonInScope(ctx.db, survivorId, prefixes), findPersonInScope(ctx.db, duplicateId, prefixes)]);
  if (!survivor || !duplicate) throw notFound();
  await ctx.db.transaction(async (tx) => {
    let moved = 0;
    for (const holder of personalDataHolders(ctx)) moved += await holder.mergePerson(tx, duplicateId, survivorId);
    const kept = survivor.person;
    const gone = duplicate.person;
    const filled = {
      birthDate: kept.birthDate ?? gone.birthDate,
      sex: kept.sex === 'unknown' ? gone.sex : kept.sex,
      nationalityIso3: kept.nationalityIso3 ?? gone.nationalityIso3,
      phone: kept.phone ?? gone.phone,
      email: kept.email ?? gone.email,
      languages: [...new Set([...kept.languages, ...gone.languages])],
    };
    await tx.update(persons).set({ ...filled, updatedAt: new Date() }).where(eq(persons.id, survivorId));
    await tx.delete(persons).where(eq(persons.id, duplicateId));
    const changed = Object.entries(filled)
      .filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(kept[k as keyof typeof kept]))
      .map(([k]) => k);
    await appendAudit(tx, {
      ...authorFields(who(actor)),
      ...meta,
      action: 'person.merge',
      recordType: 'person',
      recordId: survivorId,
      orgUnitCode: survivor.orgUnitCode,
      changedFields: [...changed, `merged:${duplicateId}`, `moved:${moved}`],
    });
    await appendAudit(tx, { ...authorFields(who(actor)), ...meta, action: 'person.merged_into', recordType: 'person', recordId: duplicateId, orgUnitCode: duplicate.orgUnitCode, changedFields: [`into:${survivorId}`] });
  });
  return getPerson(ctx, actor, meta, survivorId);
}
