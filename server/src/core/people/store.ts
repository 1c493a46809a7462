import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db, type Executor } from '../db/engine.js';
import { orgUnits } from '../geo/schema.js';
import { pathWithin } from '../geo/store.js';
import type { Keyring } from '../keys/keyring.js';
import { consents, personDocuments, persons } from './schema.js';

export type PersonRow = typeof persons.$inferSelect;
export type ConsentRow = typeof consents.$inferSelect;
export type DocumentRow = typeof personDocuments.$inferSelect;

const personColumns = {
  person: persons,
  orgUnitCode: orgUnits.code,
  orgUnitNameEs: orgUnits.nameEs,
  orgUnitNameEn: orgUnits.nameEn,
  orgUnitKind: orgUnits.kind,
  orgUnitPath: orgUnits.path,
};

/**
 * People whose org unit is inside one of the scope prefixes. Out-of-scope people are simply not there. `text` matches
 * the name, or a document number through its blind index (`documentIndex`: numbers are sealed).
 */
export async function listPersonsInScope(db: Db, prefixes: string[], text: string | undefined, limit: number, documentIndex?: string) {
  const conditions: SQL[] = [pathWithin(orgUnits.path, prefixes)];
  if (text) {
    const like = '%' + text.replace(/[%_\\]/g, '\\$&') + '%';
    const byName = sql`unaccent_fold(${persons.givenName} || ' ' || ${persons.familyName}) ILIKE unaccent_fold(${like})`;
    const byDocument = documentIndex ? sql`${persons.id} IN (SELECT person_id FROM person_documents WHERE number_key = ${documentIndex})` : sql`false`;
    conditions.push(sql`(${byName} OR ${byDocument})`);
  }
  return db
    .select(personColumns)
    .from(persons)
    .innerJoin(orgUnits, eq(orgUnits.id, persons.orgUnitId))
    .where(and(...conditions))
    .orderBy(desc(persons.createdAt))
    .limit(limit);
}

export async function findPersonInScope(db: Executor, id: string, prefixes: string[]) {
  const [row] = await db
    .select(personColumns)
    .from(persons)
    .innerJoin(orgUnits, eq(orgUnits.id, persons.orgUnitId))
    .where(and(eq(persons.id, id), pathWithin(orgUnits.path, prefixes)))
    .limit(1);
  return row;
}

export async function consentsOf(db: Executor, personId: string): Promise<ConsentRow[]> {
  return db.select().from(consents).where(eq(consents.personId, personId)).orderBy(desc(consents.givenAt));
}

/** Documents with their numbers opened (they are sealed at rest), in kind and number order. */
export async function documentsOf(db: Executor, keyring: Keyring, personId: string): Promise<DocumentRow[]> {
  const rows = await openDocuments(db, keyring, await db.select().from(personDocuments).where(eq(personDocuments.personId, personId)));
  return rows.sort((a, b) => a.kind.localeCompare(b.kind) || a.number.localeCompare(b.number));
}

/**
 * What a read shows of a document number without `cases.protected` and a step-up: the last three characters of a
 * number of six or more (enough to tell two documents apart), else nothing.
 */
export function documentHint(number: string): string | null {
  return number.length >= 6 ? `•••${number.slice(-3)}` : null;
}

/** A document as every read shows it: the number withheld, its hint in its place. */
export function withheldDocument(d: DocumentRow) {
  return { kind: d.kind, issuing_country_iso3: d.issuingCountryIso3, number: null, number_hint: documentHint(d.number), withheld: true as const };
}

export async function openDocuments(db: Executor, keyring: Keyring, rows: DocumentRow[]): Promise<DocumentRow[]> {
  return Promise.all(rows.map(async (d) => ({ ...d, number: await keyring.open(db, { table: 'person_documents', column: 'number', rowId: d.id }, d.number) })));
}

export interface DuplicateCandidate {
  id: string;
  givenName: string;
  familyName: string;
  birthDate: string | null;
  orgUnitCode: string;
  orgUnitNameEs: string;
  orgUnitNameEn: string;
  orgUnitKind: string;
  nameSimilarity: number;
  documentKeys: string[];
}

/**
 * People in scope who may be the one described: the same birth date and a name within trigram reach (the `%`
 * operator, which the GIN index serves), or a document with the same key. The caller keeps those whose
 * similarity passes the registry's threshold (`duplicateReasons`).
 */
export async function findDuplicateCandidates(
  db: Executor,
  prefixes: string[],
  probe: { fullName: string; birthDate: string | null; documentKeys: string[]; excludeId?: string },
): Promise<DuplicateCandidate[]> {
  const folded = sql`unaccent_fold(${probe.fullName})`;
  const name = sql`unaccent_fold(${persons.givenName} || ' ' || ${persons.familyName})`;
  const byBirth = probe.birthDate ? sql`(${persons.birthDate} = ${probe.birthDate} AND ${name} % ${folded})` : sql`false`;
  const keys = probe.documentKeys.filter(Boolean);
  const byDocument = keys.length
    ? sql`${persons.id} IN (SELECT person_id FROM person_documents WHERE number_key = ANY(${sql.param(keys)}::text[]))`
    : sql`false`;
  const result = await db.execute(sql`
    SELECT ${persons.id} AS id, ${persons.givenName} AS "givenName", ${persons.familyName} AS "familyName", ${persons.birthDate}::text AS "birthDate",
           ${orgUnits.code} AS "orgUnitCode", ${orgUnits.nameEs} AS "orgUnitNameEs", ${orgUnits.nameEn} AS "orgUnitNameEn", ${orgUnits.kind} AS "orgUnitKind",
           similarity(${name}, ${folded})::float8 AS "nameSimilarity",
           coalesce((SELECT array_agg(d.number_key) FROM person_documents d WHERE d.person_id = ${persons.id}), '{}'::text[]) AS "documentKeys"
    FROM ${persons} JOIN ${orgUnits} ON ${orgUnits.id} = ${persons.orgUnitId}
    WHERE ${pathWithin(orgUnits.path, prefixes)}
      ${probe.excludeId ? sql`AND ${persons.id} <> ${probe.excludeId}` : sql``}
      AND (${byBirth} OR ${byDocument})
    ORDER BY "nameSimilarity" DESC
    LIMIT 20`);
  return rowsOf<DuplicateCandidate>(result);
}
