import { and, eq, sql } from 'drizzle-orm';
import { appendAudit, recordAudit } from '../audit/store.js';
import { authorFields, type AppContext, type Author, type RequestMeta } from '../context.js';
import { AppError, fieldError, notFound } from '../http/errors.js';
import { findOrgUnitByCode } from '../geo/store.js';
import { inScope, scopePrefixes } from '../access/policy.js';
import type { Actor } from '../access/actor.js';
import { modules } from '../../modules/index.js';
import { consents, persons } from './schema.js';
import { consentsOf, findPersonInScope, listPersonsInScope } from './store.js';
import { peoplePrivacy } from './privacy.js';
import type { PersonalDataHolder } from './privacy-registry.js';

/** Core first, then every module that keeps personal data. */
export function personalDataHolders(): PersonalDataHolder[] {
  return [...modules.map((m) => m.privacy).filter((p): p is PersonalDataHolder => p !== null), peoplePrivacy];
}

export interface PersonInput {
  givenName: string;
  familyName: string;
  birthDate?: string | null;
  sex?: 'female' | 'male' | 'other' | 'unknown';
  nationalityIso3?: string | null;
  phone?: string | null;
  email?: string | null;
  orgUnitCode: string;
}

const who = (actor: Actor): Author => ({ kind: 'user', actor });

async function captureUnit(ctx: AppContext, actor: Actor, code: string) {
  const unit = await findOrgUnitByCode(ctx.db, code.trim().toUpperCase());
  if (!unit) throw fieldError('orgUnitCode', 'scope.unknown_code', { code });
  if (!inScope(actor, 'capture', unit.path)) throw fieldError('orgUnitCode', 'scope.outside_capture', { code });
  return unit;
}

export async function listPersons(ctx: AppContext, actor: Actor, meta: RequestMeta, text: string | undefined) {
  const rows = await listPersonsInScope(ctx.db, scopePrefixes(actor, 'view'), text, 200);
  await recordAudit(ctx.db, { ...authorFields(who(actor)), ...meta, action: 'person.list', recordType: 'person', changedFields: [] });
  return rows;
}

export async function getPerson(ctx: AppContext, actor: Actor, meta: RequestMeta, id: string) {
  const row = await findPersonInScope(ctx.db, id, scopePrefixes(actor, 'view'));
  if (!row) throw notFound();
  await recordAudit(ctx.db, { ...authorFields(who(actor)), ...meta, action: 'person.read', recordType: 'person', recordId: id, orgUnitCode: row.orgUnitCode });
  return { ...row, consents: await consentsOf(ctx.db, id) };
}

export async function createPerson(ctx: AppContext, actor: Actor, meta: RequestMeta, input: PersonInput) {
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
        createdBy: actor.userId,
      })
      .returning({ id: persons.id });
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
  const unit = changes.orgUnitCode ? await captureUnit(ctx, actor, changes.orgUnitCode) : undefined;
  const { orgUnitCode: _ignored, ...fields } = changes;
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(persons)
      .set({ ...fields, ...(unit ? { orgUnitId: unit.id } : {}), updatedAt: new Date() })
      .where(eq(persons.id, id));
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
  input: { purpose: string; scope: string; channel: 'in_person' | 'phone' | 'online' | 'paper_form' },
) {
  const person = await findPersonInScope(ctx.db, personId, scopePrefixes(actor, 'capture'));
  if (!person) throw notFound();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(consents)
      .values({ personId, purpose: input.purpose.trim(), scope: input.scope.trim(), channel: input.channel, recordedBy: actor.userId })
      .returning();
    await appendAudit(tx, { ...authorFields(who(actor)), ...meta, action: 'consent.give', recordType: 'consent', recordId: row!.id, orgUnitCode: person.orgUnitCode, changedFields: ['purpose', 'scope', 'channel'] });
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

/** Everything the platform holds about one person, from every module, in one consistent read. */
export async function exportPerson(ctx: AppContext, actor: Actor, meta: RequestMeta, personId: string) {
  const person = await findPersonInScope(ctx.db, personId, scopePrefixes(actor, 'view'));
  if (!person) throw notFound();
  return ctx.db.transaction(async (tx) => {
    const data: Record<string, unknown> = {};
    for (const holder of personalDataHolders()) data[holder.owner] = await holder.exportPerson(tx, personId);
    await appendAudit(tx, { ...authorFields(who(actor)), ...meta, action: 'person.export', recordType: 'person', recordId: personId, orgUnitCode: person.orgUnitCode });
    return { exportedAt: new Date().toISOString(), personId, data };
  });
}

/** Erases one person from every module, all or nothing. The audit entry keeps only the id. */
export async function erasePerson(ctx: AppContext, actor: Actor, meta: RequestMeta, personId: string) {
  const person = await findPersonInScope(ctx.db, personId, scopePrefixes(actor, 'capture'));
  if (!person) throw notFound();
  await ctx.db.transaction(async (tx) => {
    let touched = 0;
    for (const holder of personalDataHolders()) touched += await holder.erasePerson(tx, personId);
    if (touched === 0) throw new AppError('not_found');
    await appendAudit(tx, { ...authorFields(who(actor)), ...meta, action: 'person.erase', recordType: 'person', recordId: personId, orgUnitCode: person.orgUnitCode });
  });
}
