import { and, asc, desc, eq, inArray, or, sql, type SQL, type AnyColumn } from 'drizzle-orm';
import { rowsOf, type Db, type Executor } from '../db/engine.js';
import { orgUnitCodes, orgUnits } from './schema.js';
import { matchBundledDivisions, planDivisionSeed, type SeedDivision, type SeedOrgUnit, type UntouchedDivision } from './seed-data.js';
import type { CodeListRow } from './codelist.js';
import type { OrgUnitCode } from './codes.js';

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

/** Inserts units whose parents already exist or come earlier in the list, and their other codes; a statement per 1,000 rows. */
async function insertTree(
  tx: Executor,
  units: {
    code: string;
    kind: OrgUnitRow['kind'];
    parentCode: string | null;
    nameEs: string;
    nameEn: string;
    iso2: string | null;
    m49: string | null;
    codes?: readonly OrgUnitCode[];
  }[],
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
  await insertCodes(
    tx,
    units.flatMap((u, i) => (u.codes ?? []).map((c) => ({ orgUnitId: prepared[i]!.id, scheme: c.scheme, code: c.code.toUpperCase() }))),
  );
  return prepared.length;
}

async function insertCodes(tx: Executor, rows: (typeof orgUnitCodes.$inferInsert)[]) {
  for (let i = 0; i < rows.length; i += 1000) {
    await tx.insert(orgUnitCodes).values(rows.slice(i, i + 1000));
  }
}

export async function seedOrgUnits(db: Db, seed: SeedOrgUnit[]): Promise<number> {
  const [{ count } = { count: 0 }] = await db.select({ count: sql<number>`count(*)::int` }).from(orgUnits);
  if (count > 0) return 0;
  return db.transaction((tx) => insertTree(tx, seed));
}

/**
 * Adds the bundled ISO 3166-2 divisions that the tree lacks under their countries, at every start (so an existing
 * platform gets them at its first start after an upgrade), and never changes a unit that exists (see planDivisionSeed).
 */
export async function seedDivisions(db: Db, divisions: readonly SeedDivision[]): Promise<{ created: number; attached: number }> {
  return db.transaction(async (tx) => {
    const codeRows = await tx.select({ code: orgUnitCodes.code }).from(orgUnitCodes);
    const unitCodes = await tx.select({ code: orgUnits.code }).from(orgUnits);
    const knownCodes = new Set([...unitCodes, ...codeRows].map((r) => r.code.toUpperCase()));
    // Every start but the first (after an install or an upgrade) ends here.
    if (divisions.every((d) => knownCodes.has(d.code))) return { created: 0, attached: 0 };
    const countries = await tx.select({ id: orgUnits.id, code: orgUnits.code, iso2: orgUnits.iso2 }).from(orgUnits).where(eq(orgUnits.kind, 'country'));
    const countryById = new Map(countries.map((c) => [c.id, c.code]));
    const existing = await tx
      .select({
        id: orgUnits.id,
        parentId: orgUnits.parentId,
        nameEs: orgUnits.nameEs,
        nameEn: orgUnits.nameEn,
        hasIsoCode: sql<boolean>`EXISTS (SELECT 1 FROM org_unit_codes k WHERE k.org_unit_id = ${orgUnits.id} AND k.scheme = 'iso_3166_2')`,
      })
      .from(orgUnits)
      .where(eq(orgUnits.kind, 'division'));
    const plan = planDivisionSeed(divisions, {
      countries,
      knownCodes,
      divisions: existing.filter((d) => d.parentId && countryById.has(d.parentId)).map((d) => ({ ...d, countryCode: countryById.get(d.parentId!)! })),
    });
    await insertCodes(tx, plan.attach.map((a) => ({ orgUnitId: a.orgUnitId, scheme: 'iso_3166_2' as const, code: a.code })));
    const created = await insertTree(
      tx,
      plan.create.map((d) => ({
        code: d.code,
        kind: 'division' as const,
        parentCode: d.countryCode,
        nameEs: d.nameEs,
        nameEn: d.nameEn,
        iso2: null,
        m49: null,
        codes: [{ scheme: 'iso_3166_2' as const, code: d.code }],
      })),
    );
    return { created, attached: plan.attach.length };
  });
}

/**
 * Bundled divisions still as seeded under these countries: own code = ISO code, no unit below, and no row of any
 * table pointing to them (the foreign keys to org_units, found in the catalogue so that no module is forgotten).
 */
async function untouchedDivisions(tx: Executor, countryCodes: string[]): Promise<UntouchedDivision[]> {
  if (countryCodes.length === 0) return [];
  const referencing = rowsOf<{ tbl: string; col: string }>(
    await tx.execute(sql`
      SELECT c.conrelid::regclass::text AS tbl, a.attname AS col
      FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
      WHERE c.contype = 'f' AND c.confrelid = 'org_units'::regclass AND c.conrelid <> 'org_unit_codes'::regclass`),
  );
  // org_units' own parent_id is one of them: nothing hangs from the division.
  const unused = [sql`true`, ...referencing.map(({ tbl, col }) => sql`NOT EXISTS (SELECT 1 FROM ${sql.identifier(tbl)} r WHERE r.${sql.identifier(col)} = u.id)`)];
  return rowsOf<UntouchedDivision>(
    await tx.execute(sql`
      SELECT u.id, p.code AS "countryCode", u.name_es AS "nameEs", u.name_en AS "nameEn"
      FROM org_units u
      JOIN org_units p ON p.id = u.parent_id AND p.kind = 'country'
      JOIN org_unit_codes k ON k.org_unit_id = u.id AND k.scheme = 'iso_3166_2' AND k.code = u.code
      WHERE u.kind = 'division' AND p.code IN (${sql.join(countryCodes.map((c) => sql`${c}`), sql`, `)}) AND ${sql.join(unused, sql` AND `)}`),
  );
}

export async function insertCodeList(tx: Executor, rows: CodeListRow[]): Promise<number> {
  // A row that gives its own ISO code names that unit, not the bundled one of its name.
  const candidates = rows.filter((r) => r.kind === 'division' && !r.codes?.some((c) => c.scheme === 'iso_3166_2'));
  const adopted = matchBundledDivisions(candidates, await untouchedDivisions(tx, [...new Set(candidates.map((r) => r.parentCode.toUpperCase()))]));
  for (const [row, unit] of adopted) {
    const code = row.code.toUpperCase();
    const [country] = await tx.select({ path: orgUnits.path }).from(orgUnits).where(eq(orgUnits.code, unit.countryCode));
    await tx
      .update(orgUnits)
      .set({ code, path: `${country!.path}${code}/`, nameEs: row.nameEs, nameEn: row.nameEn || row.nameEs })
      .where(eq(orgUnits.id, unit.id));
    await insertCodes(tx, (row.codes ?? []).map((c) => ({ orgUnitId: unit.id, scheme: c.scheme, code: c.code.toUpperCase() })));
  }
  return (
    adopted.size +
    (await insertTree(
      tx,
      // Codes are stored in capitals, as every lookup (scopes, orgUnitCode) upper-cases what it is given.
      rows.filter((r) => !adopted.has(r)).map((r) => ({
      code: r.code.toUpperCase(),
      kind: r.kind ?? 'division',
      parentCode: r.parentCode.toUpperCase(),
      nameEs: r.nameEs,
      nameEn: r.nameEn || r.nameEs,
        iso2: null,
        m49: null,
        codes: r.codes,
      })),
    ))
  );
}

/** Every code of every unit, upper case (a unit's own code and its other codes), with the unit's own code, kind and path. */
export async function knownOrgUnitKinds(db: Executor): Promise<Map<string, { code: string; kind: string; path: string }>> {
  const rows = await db.select({ code: orgUnits.code, kind: orgUnits.kind, path: orgUnits.path }).from(orgUnits);
  const others = await db
    .select({ other: orgUnitCodes.code, code: orgUnits.code, kind: orgUnits.kind, path: orgUnits.path })
    .from(orgUnitCodes)
    .innerJoin(orgUnits, eq(orgUnits.id, orgUnitCodes.orgUnitId));
  const known = new Map<string, { code: string; kind: string; path: string }>();
  for (const r of others) known.set(r.other.toUpperCase(), { code: r.code, kind: r.kind, path: r.path });
  for (const r of rows) known.set(r.code, { code: r.code, kind: r.kind, path: r.path });
  return known;
}

/** Every unit with the other codes it carries: what an import resolves the units of its rows against (orgUnitCodeIndex). */
export async function knownOrgUnits(db: Executor): Promise<{ code: string; nameEs: string; nameEn: string; path: string; kind: string; codes: string[] }[]> {
  const units = await db
    .select({
      code: orgUnits.code,
      nameEs: orgUnits.nameEs,
      nameEn: orgUnits.nameEn,
      path: orgUnits.path,
      kind: orgUnits.kind,
      codes: sql<string[]>`COALESCE((SELECT array_agg(k.code ORDER BY k.scheme) FROM org_unit_codes k WHERE k.org_unit_id = ${orgUnits.id}), '{}')`,
    })
    .from(orgUnits);
  return units;
}

export async function findOrgUnitsByCodes(db: Executor, codes: string[]): Promise<OrgUnitRow[]> {
  if (codes.length === 0) return [];
  return db.select().from(orgUnits).where(inArray(orgUnits.code, codes));
}

/**
 * The unit with this code, or else the one carrying it as an ISO 3166-2, statistics office or P-code: the one
 * resolver of a unit named in a request (records, filters, imports, the API).
 */
export async function findOrgUnitByCode(db: Executor, code: string): Promise<OrgUnitRow | undefined> {
  const other = db.select({ id: orgUnitCodes.orgUnitId }).from(orgUnitCodes).where(eq(orgUnitCodes.code, code.toUpperCase()));
  const [row] = await db
    .select()
    .from(orgUnits)
    .where(or(eq(orgUnits.code, code), inArray(orgUnits.id, other)))
    .orderBy(desc(sql`${orgUnits.code} = ${code}`))
    .limit(1);
  return row;
}

/** The other codes of a unit, in scheme order. */
export async function codesOf(db: Executor, orgUnitId: string): Promise<OrgUnitCode[]> {
  return db.select({ scheme: orgUnitCodes.scheme, code: orgUnitCodes.code }).from(orgUnitCodes).where(eq(orgUnitCodes.orgUnitId, orgUnitId)).orderBy(asc(orgUnitCodes.scheme));
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
