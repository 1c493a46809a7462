import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../core/db/engine.js';
import { formatReference, nextReferenceNumber } from '../../core/workflow/references.js';
import { users } from '../../core/access/schema.js';
import { orgUnits } from '../../core/geo/schema.js';
import { pathWithin } from '../../core/geo/store.js';
import { personDocuments, persons } from '../../core/people/schema.js';
import type { CaseStatus } from './domain/lifecycle.js';
import { overdueSql } from './domain/overdue.js';
import { rnAssessments, rnCaseEvents, rnCases, rnFollowUps, rnPlanActivities, rnReferrals } from './schema.js';

/** Queries of the case tables. Every case lookup carries the scope condition: a case outside it is not found. */

export type CaseRow = typeof rnCases.$inferSelect;

const caseColumns = {
  case: rnCases,
  orgUnitCode: orgUnits.code,
  orgUnitNameEs: orgUnits.nameEs,
  orgUnitNameEn: orgUnits.nameEn,
  orgUnitKind: orgUnits.kind,
  orgUnitPath: orgUnits.path,
  personGivenName: persons.givenName,
  personFamilyName: persons.familyName,
  caseworkerName: users.displayName,
};
export type CaseListRow = { case: CaseRow; orgUnitCode: string; orgUnitNameEs: string; orgUnitNameEn: string; orgUnitKind: string; orgUnitPath: string; personGivenName: string | null; personFamilyName: string | null; caseworkerName: string | null };

function selectCases(db: Executor) {
  return db
    .select(caseColumns)
    .from(rnCases)
    .innerJoin(orgUnits, eq(orgUnits.id, rnCases.orgUnitId))
    .leftJoin(persons, eq(persons.id, rnCases.personId))
    .leftJoin(users, eq(users.id, rnCases.caseworkerId));
}

/** One case inside the scope prefixes; `forUpdate` locks the row for a write (the state machine reads it then). */
export async function findCaseInScope(db: Executor, id: string, prefixes: string[], forUpdate = false): Promise<CaseListRow | undefined> {
  const query = selectCases(db).where(and(eq(rnCases.id, id), pathWithin(orgUnits.path, prefixes))).limit(1);
  const [row] = await (forUpdate ? query.for('update', { of: rnCases }) : query);
  return row;
}

export interface CaseloadFilter {
  prefixes: string[];
  status?: CaseStatus[];
  overdue?: boolean;
  /** Path of an org unit the cases must be within (already intersected with the scope by the caller). */
  withinPath?: string;
  category?: string;
  caseworkerId?: string;
  /** A name (accent- and case-insensitive), a document number or a case reference. */
  q?: string;
  /** The blind index of `q` as a document number (`keyring.index` of its `documentKey`): numbers are sealed. */
  qDocumentIndex?: string;
  /** YYYY-MM-DD, the day "overdue" is judged on. */
  today: string;
  limit: number;
  offset: number;
}

/**
 * A name (accent- and case-insensitive), a document number or a case reference (equal, upper-cased). The name is
 * matched on the case's own copy of its person's folded name (`search_name`, kept by triggers), which the caseload
 * index carries beside the filters, so PostgreSQL checks it within the index or, for a rare name, starts from the
 * trigram index on it. Both sides of the LIKE are already folded to lower case, so LIKE matches what ILIKE would.
 * References (RN-YYYY-NNNNN) always have digits, so a text without one is never compared with them.
 */
function searchCondition(q: string, documentIndex: string | undefined): SQL {
  const like = '%' + q.replace(/[%_\\]/g, '\\$&') + '%';
  const nameMatches = sql`${rnCases.searchName} LIKE unaccent_fold(${like})`;
  const documentMatches = documentIndex ? sql`EXISTS (SELECT 1 FROM ${personDocuments} d WHERE d.person_id = ${rnCases.personId} AND d.number_key = ${documentIndex})` : sql`false`;
  if (!/\d/.test(q)) return sql`(${nameMatches} OR ${documentMatches})`;
  return sql`(${nameMatches} OR ${documentMatches} OR ${rnCases.reference} = ${q.trim().toUpperCase()})`;
}

function caseloadConditions(f: CaseloadFilter): SQL[] {
  const conditions: SQL[] = [pathWithin(orgUnits.path, f.prefixes)];
  if (f.withinPath) conditions.push(pathWithin(orgUnits.path, [f.withinPath]));
  if (f.status?.length) conditions.push(inArray(rnCases.status, f.status));
  if (f.overdue !== undefined) {
    const overdue = overdueSql(rnCases.status, rnCases.planDueDate, f.today);
    conditions.push(f.overdue ? overdue : sql`NOT (${overdue})`);
  }
  if (f.category) conditions.push(eq(rnCases.returnCategory, f.category));
  if (f.caseworkerId) conditions.push(eq(rnCases.caseworkerId, f.caseworkerId));
  if (f.q) conditions.push(searchCondition(f.q, f.qDocumentIndex));
  return conditions;
}

const newestFirst = [desc(rnCases.arrivalDate), desc(rnCases.createdAt), desc(rnCases.id)];

/**
 * The statements of a caseload page (exported so the benchmark can show their plans). `page` is one statement: an
 * inner query picks the page's case ids from the caseload index (with a search it also counts every match in the
 * same pass, `count(*) OVER ()`, so the name match is evaluated once), and the outer query reads those cases'
 * details by primary key. Without a search the inner query can stop after `limit` rows in arrival order and `total`
 * counts apart (index-only on rn_cases_caseload_idx), cheaper than carrying the whole scope through a window.
 */
export function caseloadStatements(db: Executor, f: CaseloadFilter) {
  const where = and(...caseloadConditions(f));
  const counted = f.q !== undefined;
  const ids = db
    .select({ id: rnCases.id, total: (counted ? sql<number>`count(*) OVER ()` : sql<number>`NULL::int`).as('total') })
    .from(rnCases)
    .innerJoin(orgUnits, eq(orgUnits.id, rnCases.orgUnitId))
    .where(where)
    .orderBy(...newestFirst)
    .limit(f.limit)
    .offset(f.offset)
    .as('page_ids');
  return {
    page: db
      .select({ ...caseColumns, total: ids.total })
      .from(ids)
      .innerJoin(rnCases, eq(rnCases.id, ids.id))
      .innerJoin(orgUnits, eq(orgUnits.id, rnCases.orgUnitId))
      .leftJoin(persons, eq(persons.id, rnCases.personId))
      .leftJoin(users, eq(users.id, rnCases.caseworkerId))
      .orderBy(...newestFirst),
    total: db.select({ total: count() }).from(rnCases).innerJoin(orgUnits, eq(orgUnits.id, rnCases.orgUnitId)).where(where),
    counted,
  };
}

export async function listCaseload(db: Executor, f: CaseloadFilter): Promise<{ rows: CaseListRow[]; total: number }> {
  const statements = caseloadStatements(db, f);
  const page = await statements.page;
  // A page past the end has no row to carry the window's count: count apart then, as without a search.
  const total = statements.counted && page.length > 0 ? Number(page[0]!.total) : ((await statements.total)[0]?.total ?? 0);
  return { rows: page.map(({ total: _total, ...row }) => row), total };
}

/** The next RN-YYYY-NNNNN reference (the platform's one numbering, `core/workflow/references.ts`). */
export async function nextReference(tx: Executor, year: number): Promise<string> {
  return formatReference('RN', year, await nextReferenceNumber(tx, 'rn_case', year), 5);
}

/** An open case of the person (anything not closed), if any: one person, one open case. */
export async function openCaseOf(db: Executor, personId: string) {
  const [row] = await db.select({ id: rnCases.id, reference: rnCases.reference }).from(rnCases).where(and(eq(rnCases.personId, personId), sql`${rnCases.status} <> 'closed'`)).limit(1);
  return row;
}

export async function caseParts(db: Executor, caseId: string) {
  const [assessments, activities, referrals, followUps] = await Promise.all([
    db.select().from(rnAssessments).where(eq(rnAssessments.caseId, caseId)).orderBy(asc(rnAssessments.assessedAt)),
    db.select().from(rnPlanActivities).where(eq(rnPlanActivities.caseId, caseId)).orderBy(asc(rnPlanActivities.createdAt)),
    db.select().from(rnReferrals).where(eq(rnReferrals.caseId, caseId)).orderBy(asc(rnReferrals.createdAt)),
    db.select().from(rnFollowUps).where(eq(rnFollowUps.caseId, caseId)).orderBy(asc(rnFollowUps.scheduledOn), asc(rnFollowUps.createdAt)),
  ]);
  return { assessments, activities, referrals, followUps };
}
export type CaseParts = Awaited<ReturnType<typeof caseParts>>;

export async function caseHistory(db: Executor, caseId: string) {
  return db.select().from(rnCaseEvents).where(eq(rnCaseEvents.caseId, caseId)).orderBy(asc(rnCaseEvents.at), asc(rnCaseEvents.id));
}
