import { createHash } from 'node:crypto';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { appendAudit } from '../../core/audit/store.js';
import { authorFields, CLI_META, SYSTEM, type AppContext, type Author, type RequestMeta } from '../../core/context.js';
import { sourcesDir } from '../../core/geo/seed-data.js';
import { orgUnits } from '../../core/geo/schema.js';
import type { Executor } from '../../core/db/engine.js';
import { DATA_ELEMENTS, INDICATORS, SOURCES, type SourceDef } from './domain/catalogue.js';
import { areaIndex, parseBundledFile, type AreaIndex } from './domain/bundled.js';
import { evDataElements, evIndicators, evProfileCache, evSources } from './schema.js';
import { insertValues } from './store.js';
import { forgetProfilesInMemory } from './profiles.js';

/**
 * Loading the bundled files: one transaction per file (all or nothing), skipped when the file's SHA-256 is the one
 * already loaded. A changed file replaces the values of its release. The catalogue rows (sources, data elements,
 * bundled indicators) are upserted first, so definitions shipped with a new version reach existing databases.
 */

export interface LoadResult {
  sourceId: string;
  fileName: string;
  status: 'loaded' | 'unchanged' | 'missing';
  rows: number;
  skipped: number;
  ms: number;
}

export const bundledFilePath = (s: Pick<SourceDef, 'fileName'>, dir = sourcesDir) => join(dir, s.fileName);

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export async function syncCatalogue(db: Executor): Promise<void> {
  for (const s of SOURCES) {
    const fields = { titleEs: s.titleEs, titleEn: s.titleEn, publisher: s.publisher, licence: s.licence, vintage: s.vintage, url: s.url, kind: s.kind, fileName: s.fileName };
    await db.insert(evSources).values({ id: s.id, ...fields }).onConflictDoUpdate({ target: evSources.id, set: fields });
  }
  for (const d of DATA_ELEMENTS) {
    const fields = {
      nameEs: d.nameEs,
      nameEn: d.nameEn,
      descriptionEs: d.descriptionEs ?? '',
      descriptionEn: d.descriptionEn ?? '',
      unit: d.unit,
      periodType: d.periodType,
      aggregation: d.aggregation,
      bilateral: d.bilateral ?? false,
      bySex: d.bySex ?? false,
      code: d.code,
      sourceId: d.sourceId,
      bundled: true,
    };
    await db.insert(evDataElements).values({ id: d.id, ...fields }).onConflictDoUpdate({ target: evDataElements.id, set: fields });
  }
  for (const i of INDICATORS) {
    const fields = { ...i, bundled: true, updatedAt: new Date() };
    await db.insert(evIndicators).values(fields).onConflictDoUpdate({ target: evIndicators.id, set: fields });
  }
}

export async function loadAreaIndex(db: Executor): Promise<AreaIndex> {
  return areaIndex(await db.select({ code: orgUnits.code, path: orgUnits.path, kind: orgUnits.kind }).from(orgUnits));
}

/** Empties the profile cache (after any change of data or indicators). */
export async function invalidateProfiles(db: Executor): Promise<void> {
  await db.delete(evProfileCache);
  forgetProfilesInMemory();
}

export interface LoadOptions {
  /** Reload files even when their hash is unchanged. */
  force?: boolean;
  dir?: string;
  author?: Author;
  meta?: RequestMeta;
  onProgress?: (done: number, total: number, current: LoadResult | null, fileName: string) => void;
}

export async function loadBundledData(ctx: AppContext, options: LoadOptions = {}): Promise<LoadResult[]> {
  const author = options.author ?? SYSTEM;
  const meta = options.meta ?? CLI_META;
  await syncCatalogue(ctx.db);
  const loaded = new Map((await ctx.db.select({ id: evSources.id, hash: evSources.contentHash, rows: evSources.rows }).from(evSources)).map((r) => [r.id, r]));
  let areas: AreaIndex | undefined;
  const results: LoadResult[] = [];
  let changed = false;
  for (const [i, source] of SOURCES.entries()) {
    options.onProgress?.(i, SOURCES.length, null, source.fileName);
    const started = performance.now();
    const file = bundledFilePath(source, options.dir);
    if (!existsSync(file)) {
      results.push({ sourceId: source.id, fileName: source.fileName, status: 'missing', rows: 0, skipped: 0, ms: 0 });
      continue;
    }
    const bytes = readFileSync(file);
    const hash = sha256(bytes);
    if (!options.force && loaded.get(source.id)?.hash === hash) {
      const result: LoadResult = { sourceId: source.id, fileName: source.fileName, status: 'unchanged', rows: loaded.get(source.id)!.rows, skipped: 0, ms: performance.now() - started };
      results.push(result);
      options.onProgress?.(i + 1, SOURCES.length, result, source.fileName);
      continue;
    }
    areas ??= await loadAreaIndex(ctx.db);
    const parsed = parseBundledFile(source.id, bytes.toString('utf8'), areas);
    await ctx.db.transaction(async (tx) => {
      await tx.execute(sql`DELETE FROM ev_values WHERE source_id = ${source.id}`);
      await insertValues(
        tx,
        ctx.database.engine,
        parsed.rows.map((r) => ({ ...r, disagg: '' })),
        source.id,
        null,
      );
      await tx.update(evSources).set({ contentHash: hash, rows: parsed.rows.length, loadedAt: new Date() }).where(eq(evSources.id, source.id));
      await invalidateProfiles(tx);
      await appendAudit(tx, { ...authorFields(author), ...meta, action: 'evidence.load', recordType: 'ev_source', recordId: source.id, changedFields: ['values'] });
    });
    changed = true;
    const result: LoadResult = { sourceId: source.id, fileName: source.fileName, status: 'loaded', rows: parsed.rows.length, skipped: parsed.skipped, ms: performance.now() - started };
    results.push(result);
    options.onProgress?.(i + 1, SOURCES.length, result, source.fileName);
  }
  if (changed && ctx.database.engine === 'postgres') await ctx.db.execute(sql`ANALYZE ev_values`);
  return results;
}

/** The module's seed: the catalogue (sources, data elements, bundled indicators), cheap and idempotent. */
export async function seedEvidence(ctx: AppContext): Promise<void> {
  await syncCatalogue(ctx.db);
}

/** The bundled public data, loaded at first start; fast afterwards (one hash per file). */
export async function loadEvidenceBundledData(ctx: AppContext): Promise<void> {
  await loadBundledData(ctx);
}
