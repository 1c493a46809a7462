import { and, asc, eq, inArray, sql, type SQL, type AnyColumn } from 'drizzle-orm';
import type { Db, Executor } from '../db/engine.js';
import { orgUnits } from './schema.js';
import type { SeedOrgUnit } from './seed-data.js';
import type { CodeListRow } from './codelist.js';

export type OrgUnitRow = typeof orgUnits.$inferSelect;

/** `path LIKE prefix%` for any of the prefixes; false when there are none. */
export function pathWithin(pathColumn: AnyColumn, prefixes: string[]): SQL {
  if (prefixes.length === 0) return sql`false`;
  return sql`(${sql.join(
    prefixes.map((p) => sql`${pathColumn} LIKE ${p.replace(/[%_\\]/g, '\\$&') + '%'}`),
    sql` OR `,
  )})`;
}

/**
 * The unit's subtree and a scope's overlap: the unit lies inside one of the scopes, or contains part of one
 * (`starts_with` either way); false when there are none.
 */
export function pathOverlaps(pathColumn: AnyColumn, prefixes: string[]): SQL {
  if (prefixes.length === 0) return sql`false`;
  return sql`(${sql.join(
    prefixes.map((p) => sql`(starts_with(${pathColumn}, ${p}) OR starts_with(${p}, ${pathColumn}))`),
    sql` OR `,
  )})`;
}

/** Inserts units whose parents already exist or come earlier in the list. One statement per level of the tree. */
async function insertTree(
  tx: Executor,
  units: { code: string; kind: OrgUnitRow['kind']; parentCode: string | null; nameEs: string; nameEn: string; iso2: string | null; m49: string | null }[],
) {
  const known = new Map<string, { id: string; path: string }>();
  const parentCodes = [...new Set(units.map((u) => u.parentCode).filter((c): c is string => !!c))];
  if (parentCodes.length) {
    for (const row of await tx.select({ id: orgUnits.id, code: orgUnits.code, path: orgUnits.path }).from(orgUnits).where(inArray(orgUnits.code, parentCodes))) {
      known.set(row.code, row);
    }
  }
  // Parents come first, so one pass assigns ids and paths; then insert in batches.
  const prepared = units.map((u) => {
    const id = crypto.randomUUID();
    const parent = u.parentCode ? known.get(u.parentCode) : undefined;
    if (u.parentCode && !parent) throw new Error(`Parent ${u.parentCode} of ${u.code} is missing`);
    const path = `${parent?.path ?? '/'}${u.code}/`;
    known.set(u.code, { id, path });
    return {
      id,
      code: u.code,
      kind: u.kind,
      depth: path.split('/').length - 3, // '/001/' is depth 0
      parentId: parent?.id ?? null,
      path,
      nameEs: u.nameEs,
      nameEn: u.nameEn,
      iso2: u.iso2,
      m49: u.m49,
    };
  });
  for (let i = 0; i < prepared.length; i += 1000) {
    await tx.insert(orgUnits).values(prepared.slice(i, i + 1000));
  }
  return prepared.length;
}

export async function seedOrgUnits(db: Db, seed: SeedOrgUnit[]): Promise<number> {
  const [{ count } = { count: 0 }] = await db.select({ count: sql<number>`count(*)::int` }).from(orgUnits);
  if (count > 0) return 0;
  return db.transaction((tx) => insertTree(tx, seed));
}

export async function insertCodeList(tx: Executor, rows: CodeListRow[]): Promise<number> {
  return insertTree(
    tx,
    // Codes are stored in capitals, as every lookup (scopes, orgUnitCode) upper-cases what it is given.
    rows.map((r) => ({ code: r.code.toUpperCase(), kind: r.kind ?? 'division', parentCode: r.parentCode.toUpperCase(), nameEs: r.nameEs, nameEn: r.nameEn || r.nameEs, iso2: null, m49: null })),
  );
}

export async function knownOrgUnitKinds(db: Executor): Promise<Map<string, { kind: string; path: string }>> {
  const rows = await db.select({ code: orgUnits.code, kind: orgUnits.kind, path: orgUnits.path }).from(orgUnits);
  return new Map(rows.map((r) => [r.code, { kind: r.kind, path: r.path }]));
}

export async function findOrgUnitsByCodes(db: Executor, codes: string[]): Promise<OrgUnitRow[]> {
  if (codes.length === 0) return [];
  return db.select().from(orgUnits).where(inArray(orgUnits.code, codes));
}

export async function findOrgUnitByCode(db: Executor, code: string): Promise<OrgUnitRow | undefined> {
  const [row] = await db.select().from(orgUnits).where(eq(orgUnits.code, code)).limit(1);
  return row;
}

export interface OrgUnitQuery {
  parentCode?: string;
  text?: string;
  kind?: OrgUnitRow['kind'];
  limit: number;
}

export async function listOrgUnits(db: Db, q: OrgUnitQuery) {
  // Qualified by hand: drizzle leaves columns unqualified in single-table queries, which the subqueries would capture.
  const child = sql<number>`(SELECT count(*)::int FROM org_units c WHERE c.parent_id = org_units.id)`;
  const parent = sql<string | null>`(SELECT p.code FROM org_units p WHERE p.id = org_units.parent_id)`;
  const conditions: SQL[] = [];
  if (q.parentCode) {
    conditions.push(sql`${orgUnits.parentId} = (SELECT id FROM ${orgUnits} WHERE code = ${q.parentCode})`);
  } else if (!q.text && !q.kind) {
    conditions.push(sql`${orgUnits.depth} = 0`);
  }
  if (q.text) {
    const like = '%' + q.text.replace(/[%_\\]/g, '\\$&') + '%';
    conditions.push(sql`(${orgUnits.code} ILIKE ${like} OR unaccent_fold(${orgUnits.nameEs}) ILIKE unaccent_fold(${like}) OR ${orgUnits.nameEn} ILIKE ${like})`);
  }
  if (q.kind) conditions.push(eq(orgUnits.kind, q.kind));
  return db
    .select({ unit: orgUnits, childCount: child, parentCode: parent })
    .from(orgUnits)
    .where(and(...conditions))
    .orderBy(asc(orgUnits.depth), asc(orgUnits.nameEs))
    .limit(q.limit);
}

export async function ancestorsOf(db: Db, unit: OrgUnitRow): Promise<OrgUnitRow[]> {
  const codes = unit.path.split('/').filter(Boolean).slice(0, -1);
  const rows = await findOrgUnitsByCodes(db, codes);
  return codes.map((c) => rows.find((r) => r.code === c)).filter((r): r is OrgUnitRow => !!r);
}

export async function countChildren(db: Executor, id: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(orgUnits).where(eq(orgUnits.parentId, id));
  return row?.n ?? 0;
}
