import { eq, sql } from 'drizzle-orm';
import type { Actor } from '../../core/access/actor.js';
import { appendAudit } from '../../core/audit/store.js';
import { authorFields, type AppContext, type RequestMeta } from '../../core/context.js';
import { AppError, notFound } from '../../core/http/errors.js';
import type { Locale } from '../../core/i18n/locales.js';
import { loadCatalogue, queryError } from './analytics.js';
import { operandsOf, type Operand } from './domain/indicators.js';
import { invalidateProfiles } from './loader.js';
import { evDataElements, evIndicators, evSources } from './schema.js';

/** Defining national data elements (before importing) and indicators (formulas stored as data). */

export interface DataElementInput {
  id: string;
  nameEs: string;
  nameEn?: string;
  descriptionEs?: string;
  descriptionEn?: string;
  unit: string;
  periodType: 'year' | 'quarter' | 'month';
  aggregation: 'sum' | 'none';
  publisher: string;
  licence?: string;
  url?: string | null;
}

const who = (actor: Actor) => authorFields({ kind: 'user', actor });

export async function createDataElement(ctx: AppContext, actor: Actor, meta: RequestMeta, input: DataElementInput, locale: Locale) {
  const id = input.id.trim().toLowerCase();
  const [exists] = await ctx.db.select({ id: evDataElements.id }).from(evDataElements).where(eq(evDataElements.id, id)).limit(1);
  if (exists) throw queryError(locale, 'id', 'data_element_exists', { value: id });
  const sourceId = `national.${id}`;
  await ctx.db.transaction(async (tx) => {
    await tx
      .insert(evSources)
      .values({ id: sourceId, titleEs: `${input.publisher}: ${input.nameEs}`, titleEn: `${input.publisher}: ${input.nameEn || input.nameEs}`, publisher: input.publisher, licence: input.licence || 'national', vintage: 'not imported yet', url: input.url ?? null, kind: 'national', createdBy: actor.userId })
      .onConflictDoNothing();
    await tx.insert(evDataElements).values({
      id,
      nameEs: input.nameEs,
      nameEn: input.nameEn || input.nameEs,
      descriptionEs: input.descriptionEs ?? '',
      descriptionEn: input.descriptionEn ?? '',
      unit: input.unit,
      periodType: input.periodType,
      aggregation: input.aggregation,
      sourceId,
      bundled: false,
      createdBy: actor.userId,
    });
    await appendAudit(tx, { ...who(actor), ...meta, action: 'evidence.data_element.create', recordType: 'ev_data_element', recordId: id, changedFields: Object.keys(input) });
  });
  const [row] = await ctx.db.select().from(evDataElements).where(eq(evDataElements.id, id));
  return row!;
}

export interface IndicatorInput {
  id: string;
  nameEs: string;
  nameEn?: string;
  descriptionEs?: string;
  descriptionEn?: string;
  numerator: Operand;
  denominator?: Operand | null;
  factor?: number;
  constant?: number;
  unit: string;
  decimals?: number;
  publishedDe?: string | null;
}

async function validateFormula(ctx: AppContext, input: Pick<IndicatorInput, 'numerator' | 'denominator' | 'publishedDe'>, locale: Locale) {
  const cat = await loadCatalogue(ctx.db);
  const ops = operandsOf({ numerator: input.numerator, denominator: input.denominator ?? null });
  ops.forEach((o, i) => {
    const path = i === 0 ? 'numerator.de' : 'denominator.de';
    const de = cat.dataElements.get(o.de);
    if (!de) throw queryError(locale, path, 'unknown_operand', { value: o.de });
    if (o.reduce && !de.bilateral) throw queryError(locale, path, 'not_bilateral', { value: o.de });
  });
  if (input.publishedDe && !cat.dataElements.has(input.publishedDe)) throw queryError(locale, 'published_de', 'unknown_operand', { value: input.publishedDe });
}

export async function createIndicator(ctx: AppContext, actor: Actor, meta: RequestMeta, input: IndicatorInput, locale: Locale) {
  const id = input.id.trim().toLowerCase();
  const [exists] = await ctx.db.select({ id: evIndicators.id }).from(evIndicators).where(eq(evIndicators.id, id)).limit(1);
  const [deExists] = await ctx.db.select({ id: evDataElements.id }).from(evDataElements).where(eq(evDataElements.id, id)).limit(1);
  if (exists || deExists) throw queryError(locale, 'id', 'indicator_exists', { value: id });
  await validateFormula(ctx, input, locale);
  await ctx.db.transaction(async (tx) => {
    await tx.insert(evIndicators).values({
      id,
      nameEs: input.nameEs,
      nameEn: input.nameEn || input.nameEs,
      descriptionEs: input.descriptionEs ?? '',
      descriptionEn: input.descriptionEn ?? '',
      numerator: input.numerator,
      denominator: input.denominator ?? null,
      factor: input.factor ?? 1,
      constant: input.constant ?? 0,
      unit: input.unit,
      decimals: input.decimals ?? 2,
      publishedDe: input.publishedDe ?? null,
      bundled: false,
      createdBy: actor.userId,
    });
    await invalidateProfiles(tx);
    await appendAudit(tx, { ...who(actor), ...meta, action: 'evidence.indicator.create', recordType: 'ev_indicator', recordId: id, changedFields: Object.keys(input) });
  });
  const [row] = await ctx.db.select().from(evIndicators).where(eq(evIndicators.id, id));
  return row!;
}

async function editable(ctx: AppContext, id: string, locale: Locale) {
  const [row] = await ctx.db.select().from(evIndicators).where(eq(evIndicators.id, id)).limit(1);
  if (!row) throw notFound();
  if (row.bundled) throw new AppError('conflict', [{ path: 'id', key: 'field.invalid', text: (await import('./messages.js')).evidenceText(locale, 'bundled_read_only') }]);
  return row;
}

export async function updateIndicator(ctx: AppContext, actor: Actor, meta: RequestMeta, id: string, changes: Partial<Omit<IndicatorInput, 'id'>>, locale: Locale) {
  const row = await editable(ctx, id, locale);
  const numerator = changes.numerator ?? (row.numerator as Operand);
  const denominator = changes.denominator !== undefined ? changes.denominator : (row.denominator as Operand | null);
  await validateFormula(ctx, { numerator, denominator, publishedDe: changes.publishedDe !== undefined ? changes.publishedDe : row.publishedDe }, locale);
  await ctx.db.transaction(async (tx) => {
    await tx.update(evIndicators).set({ ...changes, numerator, denominator, updatedAt: new Date() }).where(eq(evIndicators.id, id));
    await invalidateProfiles(tx);
    await appendAudit(tx, { ...who(actor), ...meta, action: 'evidence.indicator.update', recordType: 'ev_indicator', recordId: id, changedFields: Object.keys(changes) });
  });
  const [updated] = await ctx.db.select().from(evIndicators).where(eq(evIndicators.id, id));
  return updated!;
}

export async function deleteIndicator(ctx: AppContext, actor: Actor, meta: RequestMeta, id: string, locale: Locale) {
  await editable(ctx, id, locale);
  await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`DELETE FROM ev_indicators WHERE id = ${id}`);
    await invalidateProfiles(tx);
    await appendAudit(tx, { ...who(actor), ...meta, action: 'evidence.indicator.delete', recordType: 'ev_indicator', recordId: id });
  });
}
