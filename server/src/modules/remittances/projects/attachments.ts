import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Actor } from '../../../core/access/actor.js';
import { can } from '../../../core/access/policy.js';
import { appendAudit, recordAudit } from '../../../core/audit/store.js';
import { authorFields, type RequestContext } from '../../../core/context.js';
import type { Executor } from '../../../core/db/engine.js';
import { orgUnits } from '../../../core/geo/schema.js';
import { notFound } from '../../../core/http/errors.js';
import { isMember, projectVisibleSql } from './access.js';
import { fieldProblem } from './errors.js';
import { rmAttachments, rmProjects, type AttachmentPurpose } from './schema.js';

/**
 * Files of associations and projects, kept in the database (a backup carries them). A file is uploaded first, then
 * linked by id from the form that uses it; until then only its uploader sees it.
 */

export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
export const ATTACHMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/** The first bytes each accepted type starts with: a file is what it says it is, not what its name says. */
const SIGNATURES: Record<AttachmentType, number[]> = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46], // %PDF
  'image/jpeg': [0xff, 0xd8, 0xff],
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
};

export interface AttachmentRef {
  id: string;
  file_name: string;
  content_type: string;
  size: number;
}
export const attachmentColumns = { id: rmAttachments.id, file_name: rmAttachments.fileName, content_type: rmAttachments.contentType, size: rmAttachments.size };

const who = (actor: Actor) => authorFields({ kind: 'user', actor });

export async function uploadAttachment(ctx: RequestContext, input: { file_name: string; content_type: AttachmentType; data_base64: string }): Promise<AttachmentRef> {
  const base64 = input.data_base64.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 !== 0) throw fieldProblem('data_base64', 'attachment_not_base64');
  const data = Buffer.from(base64, 'base64');
  if (data.length > MAX_ATTACHMENT_BYTES) throw fieldProblem('data_base64', 'attachment_too_large', { size: (data.length / 1024 / 1024).toFixed(1) });
  const signature = SIGNATURES[input.content_type];
  if (data.length < signature.length || signature.some((b, i) => data[i] !== b)) throw fieldProblem('data_base64', 'attachment_type_mismatch', { value: input.content_type });
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(rmAttachments)
      .values({ fileName: input.file_name, contentType: input.content_type, size: data.length, data, uploadedBy: ctx.actor.userId })
      .returning(attachmentColumns);
    await appendAudit(tx, { ...who(ctx.actor), ...ctx.meta, action: 'rm_attachment.upload', recordType: 'rm_attachment', recordId: row!.id, changedFields: ['file_name', 'content_type', 'data'] });
    return row!;
  });
}

/** The file, when the caller can see what it is linked to (or uploaded it and it is not linked yet); else 404. */
export async function downloadAttachment(ctx: RequestContext, id: string) {
  const [row] = await ctx.db.select().from(rmAttachments).where(eq(rmAttachments.id, id)).limit(1);
  if (!row || !(await canSee(ctx.db, ctx.actor, row))) throw notFound();
  await recordAudit(ctx.db, { ...who(ctx.actor), ...ctx.meta, action: 'rm_attachment.read', recordType: 'rm_attachment', recordId: id });
  return row;
}

async function canSee(db: Executor, actor: Actor, row: typeof rmAttachments.$inferSelect): Promise<boolean> {
  if (row.projectId) {
    const [visible] = await db
      .select({ id: rmProjects.id })
      .from(rmProjects)
      .innerJoin(orgUnits, eq(orgUnits.id, rmProjects.orgUnitId))
      .where(and(eq(rmProjects.id, row.projectId), projectVisibleSql(actor)));
    return !!visible;
  }
  if (row.associationId) return can(actor, 'projects.manage') || (await isMember(db, actor, row.associationId));
  return row.uploadedBy === actor.userId;
}

export type AttachmentTarget = { projectId: string; associationId?: never } | { associationId: string; projectId?: never };

/**
 * Links the caller's unlinked uploads to a project or association for one purpose. Files already linked to the same
 * target for the same purpose stay; with `replace`, that purpose's files not in `ids` are unlinked again. An id that is
 * not the caller's free upload is refused on its field.
 */
export async function linkAttachments(
  tx: Executor,
  actor: Actor,
  ids: readonly string[],
  target: AttachmentTarget,
  purpose: AttachmentPurpose,
  /** The input field: a list (`attachment_ids`, each id named `attachment_ids.i`) or one id (`attachment_id`). */
  field: { list: string } | { one: string },
  options: { replace?: boolean } = {},
): Promise<void> {
  const targetColumn = target.projectId ? rmAttachments.projectId : rmAttachments.associationId;
  const targetId = (target.projectId ?? target.associationId)!;
  const alreadyHere = and(eq(targetColumn, targetId), eq(rmAttachments.purpose, purpose));
  if (options.replace) {
    const kept = ids.length ? sql`${rmAttachments.id} NOT IN (${sql.join(ids.map((i) => sql`${i}::uuid`), sql`, `)})` : sql`true`;
    await tx.update(rmAttachments).set({ projectId: null, associationId: null, purpose: null }).where(and(alreadyHere, kept));
  }
  if (ids.length === 0) return;
  const usable = await tx
    .select({ id: rmAttachments.id })
    .from(rmAttachments)
    .where(
      and(
        inArray(rmAttachments.id, [...ids]),
        or(alreadyHere, and(isNull(rmAttachments.projectId), isNull(rmAttachments.associationId), eq(rmAttachments.uploadedBy, actor.userId))),
      ),
    );
  const found = new Set(usable.map((r) => r.id));
  const missing = ids.findIndex((id) => !found.has(id));
  if (missing >= 0) throw fieldProblem('list' in field ? `${field.list}.${missing}` : field.one, 'attachment_unknown', { value: ids[missing]! });
  await tx
    .update(rmAttachments)
    .set({ ...(target.projectId ? { projectId: targetId } : { associationId: targetId }), purpose })
    .where(inArray(rmAttachments.id, [...ids]));
}

/** Attachment references by id, in the order given (ids that no longer resolve are left out). */
export async function attachmentsByIds(db: Executor, ids: readonly string[]): Promise<AttachmentRef[]> {
  if (ids.length === 0) return [];
  const rows = await db.select(attachmentColumns).from(rmAttachments).where(inArray(rmAttachments.id, [...ids]));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
}
