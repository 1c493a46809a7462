import { asc, eq, sql } from 'drizzle-orm';
import { appendAudit } from '../../core/audit/store.js';
import { authorFields, type AppContext, type RequestContext } from '../../core/context.js';
import type { Executor } from '../../core/db/engine.js';
import { defaultGridEntries, repeatedEntries, type GridEntry } from './domain/grid.js';
import { invalidField } from './errors.js';
import { rnResponseGrid, rnReturnCategories } from './schema.js';
import { seedInstrument } from './scores.js';

/**
 * What a country configures: its return categories (from its own law, where it has them) and the response grid.
 * The seed writes mide's default grid, a small example list of categories and mide's own sustainability survey,
 * each only where it is not there yet.
 */

/** An example, not any country's law: a ministry replaces it with its own list (PUT return-categories/:country). */
const EXAMPLE_CATEGORIES = [
  { code: 'example_returned_worker', labelEs: 'Ejemplo: trabajador migrante retornado', labelEn: 'Example: returning migrant worker' },
  { code: 'example_deported', labelEs: 'Ejemplo: persona deportada', labelEn: 'Example: deported person' },
  { code: 'example_child_returnee', labelEs: 'Ejemplo: niña, niño o adolescente retornado', labelEn: 'Example: returning child or adolescent' },
  { code: 'example_protection_needs', labelEs: 'Ejemplo: retornado con necesidades de protección', labelEn: 'Example: returnee with protection needs' },
];
const EXAMPLE_COUNTRIES = ['GTM', 'HND', 'SLV'];

export async function seedReintegration(ctx: AppContext): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const [{ n: gridRows } = { n: 0 }] = await tx.select({ n: sql<number>`count(*)::int` }).from(rnResponseGrid);
    if (gridRows === 0) await tx.insert(rnResponseGrid).values(defaultGridEntries().map((e, position) => ({ ...e, position })));
    const [{ n: categoryRows } = { n: 0 }] = await tx.select({ n: sql<number>`count(*)::int` }).from(rnReturnCategories);
    if (categoryRows === 0) {
      await tx.insert(rnReturnCategories).values(EXAMPLE_COUNTRIES.flatMap((countryIso3) => EXAMPLE_CATEGORIES.map((c, position) => ({ ...c, countryIso3, position, example: true }))));
    }
    await seedInstrument(tx);
  });
}

export async function loadGrid(db: Executor): Promise<GridEntry[]> {
  return db.select({ need: rnResponseGrid.need, response: rnResponseGrid.response }).from(rnResponseGrid).orderBy(asc(rnResponseGrid.position));
}

/** Replaces the whole grid (the order given is the order proposed). */
export async function replaceGrid(ctx: RequestContext, entries: GridEntry[]): Promise<GridEntry[]> {
  const repeated = repeatedEntries(entries)[0];
  if (repeated !== undefined) throw invalidField(`entries.${repeated}.response`, 'grid_repeated', { need: entries[repeated]!.need, response: entries[repeated]!.response });
  await ctx.db.transaction(async (tx) => {
    await tx.delete(rnResponseGrid);
    await tx.insert(rnResponseGrid).values(entries.map((e, position) => ({ ...e, position })));
    await appendAudit(tx, { ...authorFields({ kind: 'user', actor: ctx.actor }), ...ctx.meta, action: 'reintegration.grid_replace', recordType: 'rn_response_grid', changedFields: [`entries:${entries.length}`] });
  });
  return loadGrid(ctx.db);
}

export async function listCategories(db: Executor, country?: string) {
  const query = db.select().from(rnReturnCategories);
  return (country ? query.where(eq(rnReturnCategories.countryIso3, country)) : query).orderBy(asc(rnReturnCategories.countryIso3), asc(rnReturnCategories.position));
}

export async function categoryExists(db: Executor, country: string, code: string): Promise<boolean> {
  const rows = await db.select({ code: rnReturnCategories.code }).from(rnReturnCategories).where(sql`${rnReturnCategories.countryIso3} = ${country} AND ${rnReturnCategories.code} = ${code}`).limit(1);
  return rows.length > 0;
}

/** Replaces one country's list. Cases keep the code they were registered with. */
export async function replaceCategories(ctx: RequestContext, country: string, items: { code: string; label_es: string; label_en: string }[]) {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.code)) throw invalidField(`items.${i}.code`, 'category_repeated', { value: item.code });
    seen.add(item.code);
  });
  await ctx.db.transaction(async (tx) => {
    await tx.delete(rnReturnCategories).where(eq(rnReturnCategories.countryIso3, country));
    if (items.length) await tx.insert(rnReturnCategories).values(items.map((c, position) => ({ countryIso3: country, code: c.code, labelEs: c.label_es, labelEn: c.label_en, position, example: false })));
    await appendAudit(tx, { ...authorFields({ kind: 'user', actor: ctx.actor }), ...ctx.meta, action: 'reintegration.categories_replace', recordType: 'rn_return_categories', recordId: country, changedFields: [`items:${items.length}`] });
  });
  return listCategories(ctx.db, country);
}
