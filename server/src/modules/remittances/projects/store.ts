import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../../core/access/actor.js';
import { users } from '../../../core/access/schema.js';
import type { Executor } from '../../../core/db/engine.js';
import { orgUnits } from '../../../core/geo/schema.js';
import { pathWithin } from '../../../core/geo/store.js';
import { isoDate, localName } from '../../../core/http/presenters.js';
import type { Locale } from '../../../core/i18n/locales.js';
import { isMemberSql, projectVisibleSql, standingOn } from './access.js';
import { attachmentColumns, attachmentsByIds, type AttachmentRef } from './attachments.js';
import { allowedActions, type ProjectStanding, type ProjectStatus } from './domain/lifecycle.js';
import { fromCents, type Cents } from './domain/money.js';
import { latest } from './domain/progress.js';
import { belowThreshold, meanScore, weightedScore } from './domain/scoring.js';
import { presentScheme, type SchemeRow } from './schemes.js';
import { rmAssociations, rmAttachments, rmClosures, rmContributions, rmProgressReports, rmProjectEvents, rmProjects, rmSchemes, rmScoreSheets } from './schema.js';

/** Reading projects as the contract presents them: summaries for lists, the whole project for one. */

export type ProjectRow = typeof rmProjects.$inferSelect;

const located = {
  project: rmProjects,
  associationName: rmAssociations.name,
  orgUnitCode: orgUnits.code,
  orgUnitNameEs: orgUnits.nameEs,
  orgUnitNameEn: orgUnits.nameEn,
  orgUnitPath: orgUnits.path,
  scheme: rmSchemes,
};

export interface LocatedProject {
  project: ProjectRow;
  associationName: string;
  orgUnitCode: string;
  orgUnitNameEs: string;
  orgUnitNameEn: string;
  orgUnitPath: string;
  scheme: SchemeRow;
  member: boolean;
}

const baseQuery = (db: Executor, actor: Actor) =>
  db
    .select({ ...located, member: sql<boolean>`${isMemberSql(actor, rmProjects.associationId)}` })
    .from(rmProjects)
    .innerJoin(rmAssociations, eq(rmAssociations.id, rmProjects.associationId))
    .innerJoin(orgUnits, eq(orgUnits.id, rmProjects.orgUnitId))
    .innerJoin(rmSchemes, eq(rmSchemes.id, rmProjects.schemeId));

/** One project the actor can see, or undefined (out of scope and absent look the same). `lock` holds it for a write. */
export async function findVisibleProject(db: Executor, actor: Actor, id: string, lock = false): Promise<LocatedProject | undefined> {
  const query = baseQuery(db, actor).where(and(eq(rmProjects.id, id), projectVisibleSql(actor))).limit(1);
  const [row] = lock ? await query.for('update', { of: rmProjects }) : await query;
  return row;
}

export interface ProjectFilter {
  status?: ProjectStatus;
  association_id?: string;
  org_unit?: string;
  q?: string;
}

export async function listVisibleProjects(db: Executor, actor: Actor, filter: ProjectFilter): Promise<ProjectSummaryRow[]> {
  const conditions: (SQL | undefined)[] = [projectVisibleSql(actor)];
  if (filter.status) conditions.push(eq(rmProjects.status, filter.status));
  if (filter.association_id) conditions.push(eq(rmProjects.associationId, filter.association_id));
  if (filter.org_unit) {
    const [unit] = await db.select({ path: orgUnits.path }).from(orgUnits).where(eq(orgUnits.code, filter.org_unit.toUpperCase()));
    conditions.push(unit ? pathWithin(orgUnits.path, [unit.path]) : sql`false`);
  }
  if (filter.q) {
    const like = '%' + filter.q.replace(/[%_\\]/g, '\\$&') + '%';
    conditions.push(sql`(unaccent_fold(${rmProjects.title}) ILIKE unaccent_fold(${like}) OR ${rmProjects.reference} ILIKE ${like})`);
  }
  const rows = await baseQuery(db, actor)
    .where(and(...conditions))
    .orderBy(desc(rmProjects.submittedAt))
    .limit(500);
  const sheets = rows.length ? await db.select().from(rmScoreSheets).where(inArray(rmScoreSheets.projectId, rows.map((r) => r.project.id))) : [];
  return rows.map((r) => {
    const own = sheets.filter((s) => s.projectId === r.project.id);
    const mean = seesAllSheets(r.project, standingOn(actor, r)) ? meanScore(own.map((s) => weightedScore(r.scheme.criteria, s.scores))) : null;
    return { located: r, scoreMean: mean };
  });
}

/** Committee members see only their own sheet until the decision; the decider and, after it, everyone see all. */
function seesAllSheets(project: ProjectRow, standing: ProjectStanding): boolean {
  return project.decision !== null || standing.decider;
}

/** A project as the list shows it: the row with its places, and the mean of the score sheets the reader may see. */
export interface ProjectSummaryRow {
  located: LocatedProject;
  scoreMean: number | null;
}

export const presentProjectSummary = ({ located: r, scoreMean }: ProjectSummaryRow, locale: Locale) => ({
  id: r.project.id,
  reference: r.project.reference,
  title: r.project.title,
  association_id: r.project.associationId,
  association_name: r.associationName,
  org_unit_code: r.orgUnitCode,
  org_unit_name: localName({ nameEs: r.orgUnitNameEs, nameEn: r.orgUnitNameEn }, locale),
  project_type: r.project.projectType,
  budget: r.project.budget,
  currency: r.scheme.currency,
  status: r.project.status,
  submitted_at: isoDate(r.project.submittedAt)!,
  score_mean: scoreMean,
});

async function namesOf(db: Executor, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((i): i is string => !!i))];
  if (!wanted.length) return new Map();
  const rows = await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Received so far per party, in cents. */
export async function receivedByParty(db: Executor, projectId: string): Promise<Map<string, Cents>> {
  const rows = await db
    .select({ party: rmContributions.party, cents: sql<string>`sum(round(${rmContributions.amount} * 100))` })
    .from(rmContributions)
    .where(eq(rmContributions.projectId, projectId))
    .groupBy(rmContributions.party);
  return new Map(rows.map((r) => [r.party, Number(r.cents)]));
}

/** The project's commitments with what each party has paid (cents). Empty before approval. */
export async function commitmentsOf(db: Executor, project: ProjectRow) {
  const received = await receivedByParty(db, project.id);
  return project.commitments.map((c) => ({ party: c.party, pct: c.share_pct, committed: c.committed, received: received.get(c.party) ?? 0 }));
}

export const progressOf = (db: Executor, projectId: string) =>
  db.select().from(rmProgressReports).where(eq(rmProgressReports.projectId, projectId)).orderBy(asc(rmProgressReports.period));

/**
 * The whole project as the contract's `Project`, with what this actor may do now, read for its answer: everything
 * but the words of the reader's language, which `presentProject` adds.
 */
export async function loadProject(db: Executor, actor: Actor, r: LocatedProject) {
  const p = r.project;
  const standing = standingOn(actor, r);
  const [sheets, contributions, progress, closures, events, files, commitments] = await Promise.all([
    db.select().from(rmScoreSheets).where(eq(rmScoreSheets.projectId, p.id)).orderBy(asc(rmScoreSheets.at)),
    db.select().from(rmContributions).where(eq(rmContributions.projectId, p.id)).orderBy(asc(rmContributions.at)),
    progressOf(db, p.id),
    db.select().from(rmClosures).where(eq(rmClosures.projectId, p.id)),
    db.select().from(rmProjectEvents).where(eq(rmProjectEvents.projectId, p.id)).orderBy(asc(rmProjectEvents.at), asc(rmProjectEvents.id)),
    db.select(attachmentColumns).from(rmAttachments).where(and(eq(rmAttachments.projectId, p.id), eq(rmAttachments.purpose, 'project'))).orderBy(asc(rmAttachments.createdAt)),
    commitmentsOf(db, p),
  ]);
  const closure = closures[0];
  const photoIds = [...progress.flatMap((x) => x.photoIds), ...(closure?.photoIds ?? [])];
  const linked = new Map(
    (await attachmentsByIds(db, [...photoIds, ...[p.minutesAttachmentId, p.agreementAttachmentId].filter((x): x is string => !!x)])).map((a) => [a.id, a]),
  );
  const refs = (ids: string[]): AttachmentRef[] => ids.flatMap((id) => (linked.has(id) ? [linked.get(id)!] : []));
  const ref = (id: string | null) => (id ? (linked.get(id) ?? null) : null);
  const names = await namesOf(db, [
    p.checkedBy,
    p.decidedBy,
    p.agreementBy,
    closure?.closedBy ?? null,
    ...sheets.map((s) => s.memberId),
    ...contributions.map((c) => c.recordedBy),
    ...progress.map((x) => x.reportedBy),
    ...events.map((e) => e.actorId),
  ]);
  const nameOf = (id: string | null) => (id ? (names.get(id) ?? '') : '');

  const criteria = r.scheme.criteria;
  const allSheets = seesAllSheets(p, standing);
  const shownSheets = allSheets ? sheets : sheets.filter((s) => s.memberId === actor.userId);
  const weighted = sheets.map((s) => weightedScore(criteria, s.scores));
  const mean = allSheets ? meanScore(weighted) : null;
  const parties = new Map(r.scheme.parties.map((x) => [x.key, x]));
  const lastReport = latest(progress);

  const details = {
    description: p.description,
    expected_beneficiaries: p.expectedBeneficiaries,
    latitude: p.latitude,
    longitude: p.longitude,
    scheme: presentScheme(r.scheme),
    attachments: files,
    check:
      p.checkComplete === null
        ? null
        : { complete: p.checkComplete, missing: p.checkMissing ?? [], note: p.checkNote, by_name: nameOf(p.checkedBy), at: isoDate(p.checkedAt)! },
    scores: {
      criteria,
      sheets: shownSheets.map((s) => ({
        member_id: s.memberId,
        member_name: nameOf(s.memberId),
        scores: s.scores,
        weighted: weightedScore(criteria, s.scores),
        at: isoDate(s.at)!,
      })),
      mean,
      below_threshold: belowThreshold(mean, r.scheme.minScore),
    },
    decision: p.decision
      ? { decision: p.decision, reasons: p.decisionReasons ?? '', minutes: p.decisionMinutes ?? '', minutes_attachment: ref(p.minutesAttachmentId), by_name: nameOf(p.decidedBy), at: isoDate(p.decidedAt)! }
      : null,
    commitments: commitments.map((c) => ({
      party: c.party,
      party_name_es: parties.get(c.party)?.name_es ?? c.party,
      party_name_en: parties.get(c.party)?.name_en ?? c.party,
      share_pct: c.pct,
      committed: fromCents(c.committed),
      received: fromCents(c.received),
      remaining: fromCents(c.committed - c.received),
    })),
    agreement: p.agreementNumber
      ? { agreement_number: p.agreementNumber, signed_on: p.agreementSignedOn!, attachment: ref(p.agreementAttachmentId), by_name: nameOf(p.agreementBy) }
      : null,
    contributions: contributions.map((c) => ({ id: c.id, party: c.party, amount: c.amount, received_on: c.receivedOn, reference: c.reference, by_name: nameOf(c.recordedBy), at: isoDate(c.at)! })),
    progress: progress.map((x) => ({ period: x.period, physical_pct: x.physicalPct, spent: x.spent, narrative: x.narrative, photos: refs(x.photoIds), by_name: nameOf(x.reportedBy), at: isoDate(x.at)! })),
    closure: closure
      ? { beneficiaries: closure.beneficiaries, jobs_created: closure.jobsCreated, outcome: closure.outcome, photos: refs(closure.photoIds), by_name: nameOf(closure.closedBy), at: isoDate(closure.at)! }
      : null,
    history: events.map((e) => ({ step: e.step, status_after: e.statusAfter, by_name: nameOf(e.actorId), at: isoDate(e.at)!, note: e.note })),
    allowed_actions: allowedActions(standing, {
      status: p.status,
      scoreSheets: sheets.length,
      lastPhysicalPct: lastReport?.physicalPct ?? null,
      somethingToReceive: commitments.some((c) => c.received < c.committed),
    }),
  };
  return { summary: { located: r, scoreMean: mean } satisfies ProjectSummaryRow, details };
}

export type ProjectFile = Awaited<ReturnType<typeof loadProject>>;

export const presentProject = (file: ProjectFile, locale: Locale) => ({ ...presentProjectSummary(file.summary, locale), ...file.details });
export type ProjectView = ReturnType<typeof presentProject>;
