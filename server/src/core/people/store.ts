import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db, Executor } from '../db/engine.js';
import { orgUnits } from '../geo/schema.js';
import { pathWithin } from '../geo/store.js';
import { consents, persons } from './schema.js';

export type PersonRow = typeof persons.$inferSelect;
export type ConsentRow = typeof consents.$inferSelect;

const personColumns = {
  person: persons,
  orgUnitCode: orgUnits.code,
  orgUnitNameEs: orgUnits.nameEs,
  orgUnitNameEn: orgUnits.nameEn,
  orgUnitKind: orgUnits.kind,
  orgUnitPath: orgUnits.path,
};

/** People whose org unit is inside one of the scope prefixes. Out-of-scope people are simply not there. */
export async function listPersonsInScope(db: Db, prefixes: string[], text: string | undefined, limit: number) {
  const conditions: SQL[] = [pathWithin(orgUnits.path, prefixes)];
  if (text) {
    const like = '%' + text.replace(/[%_\\]/g, '\\$&') + '%';
    conditions.push(sql`unaccent_fold(${persons.givenName} || ' ' || ${persons.familyName}) ILIKE unaccent_fold(${like})`);
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
