import { eq, sql } from 'drizzle-orm';
import type { Actor } from '../../core/access/actor.js';
import { appendAudit } from '../../core/audit/store.js';
import { authorFields, type AppContext, type RequestContext } from '../../core/context.js';
import { AppError, notFound } from '../../core/http/errors.js';
import { loadCatalogue, queryError } from './analytics.js';
import { operandsOf, type Operand } from './domain/indicators.js';
import { invalidateProfiles } from './loader.js';
import { evidenceKey } from './messages.js';
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

export async function createDataElement(rc: RequestContext, input: DataElementInput) {
  const { actor, meta } = rc;
  const id = input.id.trim().toLowerCase();
  const [exists] = await rc.db.select({ id: evDataElements.id }).from(evDataElements).where(eq(evDataElements.id, id)).limit(1);
  if (exists) throw queryError('id', 'data_element_exists', { value: id });
  const sourceId = `national.${id}`;
  await rc.db.transaction(async (tx) => {
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
  const [row] = await rc.db.select().from(evDataElements).where(eq(evDataElements.id, id));
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

async function validateFormula(ctx: AppContext, input: Pick<IndicatorInput, 'numerator' | 'denominator' | 'publishedDe'>) {
  const cat = await loadCatalogue(ctx.db);
  const ops = operandsOf({ numerator: input.numerator, denominator: input.denominator ?? null });
  ops.forEach((o, i) => {
    const path = i === 0 ? 'numerator.de' : 'denominator.de';
    const de = cat.dataElements.get(o.de);
    if (!de) throw queryError(path, 'unknown_operand', { value: o.de });
    if (o.reduce && !de.bilateral) throw queryError(path, 'not_bilateral', { value: o.de });
  });
  if (input.publishedDe && !cat.dataElements.has(input.publishedDe)) throw queryError('published_de', 'unknown_operand', { value: input.publishedDe });
}

export async function createIndicator(rc: RequestContext, input: IndicatorInput) {
  const { actor, meta } = rc;
  const id = input.id.trim().toLowerCase();
  const [exists] = await rc.db.select({ id: evIndicators.id }).from(evIndicators).where(eq(evIndicators.id, id)).limit(1);
  const [deExists] = await rc.db.select({ id: evDataElements.id }).from(evDataElements).where(eq(evDataElements.id, id)).limit(1);
  if (exists || deExists) throw queryError('id', 'indicator_exists', { value: id });
  await validateFormula(rc, input);
  await rc.db.transaction(async (tx) => {
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
  const [row] = await rc.db.select().from(evIndicators).where(eq(evIndicators.id, id));
  return row!;
}

async function editable(ctx: AppContext, id: string) {
  const [row] = await ctx.db.select().from(evIndicators).where(eq(evIndicators.id, id)).limit(1);
  if (!row) throw notFound();
  if (row.bundled) throw new AppError('conflict', [{ path: 'id', key: evidenceKey('bundled_read_only') }]);
  return row;
}

export async function updateIndicator(rc: RequestContext, id: string, changes: Partial<Omit<IndicatorInput, 'id'>>) {
  const { actor, meta } = rc;
  const row = await editable(rc, id);
  const numerator = changes.numerator ?? (row.numerator as Operand);
  const denominator = changes.denominator !== undefined ? changes.denominator : (row.denominator as Operand | null);
  await validateFormula(rc, { numerator, denominator, publishedDe: changes.publishedDe !== undefined ? changes.publishedDe : row.publishedDe });
  await rc.db.transaction(async (tx) => {
    await tx.update(evIndicators).set({ ...changes, numerator, denominator, updatedAt: new Date() }).where(eq(evIndicators.id, id));
    await invalidateProfiles(tx);
    await appendAudit(tx, { ...who(actor), ...meta, action: 'evidence.indicator.update', recordType: 'ev_indicator', recordId: id, changedFields: Object.keys(changes) });
  });
  const [updated] = await rc.db.select().from(evIndicators).where(eq(evIndicators.id, id));
  return updated!;
}

export async function deleteIndicator(rc: RequestContext, id: string) {
  const { actor, meta } = rc;
  await editable(rc, id);
  await rc.db.transaction(async (tx) => {
    await tx.execute(sql`DELETE FROM ev_indicators WHERE id = ${id}`);
    await invalidateProfiles(tx);
    await appendAudit(tx, { ...who(actor), ...meta, action: 'evidence.indicator.delete', recordType: 'ev_indicator', recordId: id });
  });
}
