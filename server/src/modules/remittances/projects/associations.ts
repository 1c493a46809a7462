import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Actor } from '../../../core/access/actor.js';
import { users } from '../../../core/access/schema.js';
import { can } from '../../../core/access/policy.js';
import { appendAudit, recordAudit } from '../../../core/audit/store.js';
import { authorFields, type RequestContext } from '../../../core/context.js';
import type { Executor } from '../../../core/db/engine.js';
import { orgUnits } from '../../../core/geo/schema.js';
import { findOrgUnitByCode } from '../../../core/geo/store.js';
import { notFound } from '../../../core/http/errors.js';
import { isoDate, localName } from '../../../core/http/presenters.js';
import type { Locale } from '../../../core/i18n/locales.js';
import { persons } from '../../../core/people/schema.js';
import { isMemberSql } from './access.js';
import { attachmentColumns, linkAttachments } from './attachments.js';
import { fieldProblem, refusedWithoutStatus } from './errors.js';
import { rmAssociationMembers, rmAssociations, rmAttachments, rmProjects } from './schema.js';

/**
 * Migrant associations (hometown clubs). A representative registers one and becomes its member; an officer
 * (`projects.manage`) validates it; only a validated association proposes projects. The contact is a person of the
 * core registry, created in the same transaction, so a person's export and erasure cover it (../privacy.ts).
 */

export type AssociationStatus = 'pending' | 'validated' | 'rejected';

export interface AssociationInput {
  name: string;
  residence_country: string;
  residence_city: string;
  members_count: number;
  contact: { given_name: string; family_name: string; email?: string | null; phone?: string | null };
  registration_document_id?: string | null;
}

const who = (actor: Actor) => authorFields({ kind: 'user', actor });
const validator = alias(users, 'validator');

const projectsCount = sql<number>`(select count(*)::int from ${rmProjects} where ${rmProjects.associationId} = ${rmAssociations.id})`;

/** Officers see every association; a representative sees the ones they belong to. */
function visibleSql(actor: Actor): SQL {
  return can(actor, 'projects.manage') ? sql`true` : isMemberSql(actor, sql`${rmAssociations.id}`);
}

const columns = {
  association: rmAssociations,
  countryCode: orgUnits.code,
  countryNameEs: orgUnits.nameEs,
  countryNameEn: orgUnits.nameEn,
  projectsCount,
};

type Listed = { association: typeof rmAssociations.$inferSelect; countryCode: string; countryNameEs: string; countryNameEn: string; projectsCount: number };

export const presentAssociationSummary = (r: Listed, locale: Locale) => ({
  id: r.association.id,
  name: r.association.name,
  residence_country: r.countryCode,
  residence_country_name: localName({ nameEs: r.countryNameEs, nameEn: r.countryNameEn }, locale),
  residence_city: r.association.residenceCity,
  members_count: r.association.membersCount,
  status: r.association.status,
  created_at: isoDate(r.association.createdAt)!,
  projects_count: r.projectsCount,
});

export async function listAssociations(ctx: RequestContext, status: AssociationStatus | undefined) {
  const rows = await ctx.db
    .select(columns)
    .from(rmAssociations)
    .innerJoin(orgUnits, eq(orgUnits.id, rmAssociations.residenceOrgUnitId))
    .where(and(visibleSql(ctx.actor), status ? eq(rmAssociations.status, status) : undefined))
    .orderBy(desc(rmAssociations.createdAt))
    .limit(500);
  return rows;
}

async function loadAssociation(db: Executor, actor: Actor, id: string) {
  const [row] = await db
    .select({ ...columns, validatedByName: validator.displayName, contact: { person_id: persons.id, given_name: persons.givenName, family_name: persons.familyName, email: persons.email, phone: persons.phone } })
    .from(rmAssociations)
    .innerJoin(orgUnits, eq(orgUnits.id, rmAssociations.residenceOrgUnitId))
    .leftJoin(persons, eq(persons.id, rmAssociations.contactPersonId))
    .leftJoin(validator, eq(validator.id, rmAssociations.validatedBy))
    .where(and(eq(rmAssociations.id, id), visibleSql(actor)))
    .limit(1);
  if (!row) return null;
  const [document] = row.association.registrationDocumentId
    ? await db.select(attachmentColumns).from(rmAttachments).where(eq(rmAttachments.id, row.association.registrationDocumentId))
    : [];
  return { ...row, document: document ?? null };
}

/** One association with its contact (a read of personal data, so it is audited). 404 for non-members. */
export async function getAssociation(ctx: RequestContext, id: string) {
  const row = await loadAssociation(ctx.db, ctx.actor, id);
  if (!row) throw notFound();
  if (row.contact?.person_id) {
    await recordAudit(ctx.db, { ...who(ctx.actor), ...ctx.meta, action: 'rm_association.read_contact', recordType: 'rm_association', recordId: id, orgUnitCode: row.countryCode });
  }
  return row;
}

/** One association with its contact, as the answer shows it. */
export const presentAssociation = (row: NonNullable<Awaited<ReturnType<typeof loadAssociation>>>, locale: Locale) => ({
  ...presentAssociationSummary(row, locale),
  contact: row.contact?.person_id ? row.contact : null,
  registration_document: row.document,
  validated_at: isoDate(row.association.validatedAt),
  validated_by_name: row.validatedByName,
  rejection_reason: row.association.rejectionReason,
});

export async function createAssociation(ctx: RequestContext, input: AssociationInput) {
  const { actor, meta } = ctx;
  const country = await findOrgUnitByCode(ctx.db, input.residence_country);
  if (!country || country.kind !== 'country') throw fieldProblem('residence_country', 'unknown_country', { value: input.residence_country });
  const id = await ctx.db.transaction(async (tx) => {
    const [contact] = await tx
      .insert(persons)
      .values({
        orgUnitId: country.id,
        givenName: input.contact.given_name,
        familyName: input.contact.family_name,
        email: input.contact.email ?? null,
        phone: input.contact.phone ?? null,
        createdBy: actor.userId,
      })
      .returning({ id: persons.id });
    await appendAudit(tx, { ...who(actor), ...meta, action: 'person.create', recordType: 'person', recordId: contact!.id, orgUnitCode: country.code, changedFields: Object.keys(input.contact).map((k) => `contact.${k}`) });
    const [row] = await tx
      .insert(rmAssociations)
      .values({ name: input.name, residenceOrgUnitId: country.id, residenceCity: input.residence_city, membersCount: input.members_count, contactPersonId: contact!.id, createdBy: actor.userId })
      .returning({ id: rmAssociations.id });
    await tx.insert(rmAssociationMembers).values({ associationId: row!.id, userId: actor.userId });
    if (input.registration_document_id) {
      await linkAttachments(tx, actor, [input.registration_document_id], { associationId: row!.id }, 'registration', { one: 'registration_document_id' });
      await tx.update(rmAssociations).set({ registrationDocumentId: input.registration_document_id }).where(eq(rmAssociations.id, row!.id));
    }
    await appendAudit(tx, { ...who(actor), ...meta, action: 'rm_association.create', recordType: 'rm_association', recordId: row!.id, orgUnitCode: country.code, changedFields: Object.keys(input) });
    return row!.id;
  });
  return getAssociation(ctx, id);
}

/** An officer's decision on a pending association; a rejection needs its reason. */
export async function validateAssociation(ctx: RequestContext, id: string, input: { decision: 'validated' | 'rejected'; reason?: string | null }) {
  const { actor, meta } = ctx;
  const reason = input.reason?.trim() || null;
  if (input.decision === 'rejected' && !reason) throw fieldProblem('reason', 'reason_required');
  await ctx.db.transaction(async (tx) => {
    const [current] = await tx.select({ status: rmAssociations.status }).from(rmAssociations).where(eq(rmAssociations.id, id)).for('update');
    if (!current) throw notFound();
    if (current.status !== 'pending') throw refusedWithoutStatus('association_already_decided');
    await tx
      .update(rmAssociations)
      .set({ status: input.decision, validatedAt: new Date(), validatedBy: actor.userId, rejectionReason: input.decision === 'rejected' ? reason : null })
      .where(eq(rmAssociations.id, id));
    await appendAudit(tx, { ...who(actor), ...meta, action: `rm_association.${input.decision === 'validated' ? 'validate' : 'reject'}`, recordType: 'rm_association', recordId: id, changedFields: ['status', ...(reason ? ['rejection_reason'] : [])] });
  });
  return getAssociation(ctx, id);
}
