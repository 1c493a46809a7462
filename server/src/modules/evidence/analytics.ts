import { asc, inArray } from 'drizzle-orm';
import type { AppContext } from '../../core/context.js';
import type { Executor } from '../../core/db/engine.js';
import { AppError } from '../../core/http/errors.js';
import { orgUnits } from '../../core/geo/schema.js';
import { localName } from '../../core/http/presenters.js';
import type { Locale } from '../../core/i18n/locales.js';
import { computeIndicator, operandKey, operandPeriod, operandsOf, type IndicatorFormula, type Observation, type Operand } from './domain/indicators.js';
import { expandRange, isPeriod } from './domain/periods.js';
import { STATISTICAL_AREAS } from './domain/catalogue.js';
import { evidenceKey, type EvidenceMessageKey } from './messages.js';
import { evDataElements, evIndicators, evSources } from './schema.js';
import { fetchTopPartner, fetchTotals } from './store.js';

export type SourceRow = typeof evSources.$inferSelect;
export type DataElementRow = typeof evDataElements.$inferSelect;
export type IndicatorRow = typeof evIndicators.$inferSelect;

export interface Catalogue {
  sources: Map<string, SourceRow>;
  dataElements: Map<string, DataElementRow>;
  indicators: Map<string, IndicatorRow>;
}

export async function loadCatalogue(db: Executor): Promise<Catalogue> {
  const [sources, des, inds] = await Promise.all([
    db.select().from(evSources),
    db.select().from(evDataElements).orderBy(asc(evDataElements.id)),
    db.select().from(evIndicators).orderBy(asc(evIndicators.id)),
  ]);
  return { sources: new Map(sources.map((s) => [s.id, s])), dataElements: new Map(des.map((d) => [d.id, d])), indicators: new Map(inds.map((i) => [i.id, i])) };
}

export const formulaOf = (i: IndicatorRow): IndicatorFormula => ({
  numerator: i.numerator as Operand,
  denominator: (i.denominator as Operand | null) ?? null,
  factor: i.factor,
  constant: i.constant,
  publishedDe: i.publishedDe,
});

/** A bad query or input of evidence: the field and the message key, worded when the answer is written. */
export function queryError(path: string, key: EvidenceMessageKey, params: Record<string, string | number> = {}): AppError {
  return new AppError('validation_failed', [{ path, key: evidenceKey(key), params }]);
}

/** Where a value comes from, as every answer shows it (hence the API's snake_case). */
export interface Provenance {
  source_ids: string[];
  source: string;
  publisher: string;
  vintage: string;
  licence: string;
  computed: boolean;
  published: boolean;
  estimate: boolean;
}

export function provenance(cat: Catalogue, sourceIds: string[], computed: boolean, published: boolean, locale: Locale): Provenance {
  const list = sourceIds.map((id) => cat.sources.get(id)).filter((s): s is SourceRow => !!s);
  const uniq = (xs: string[]) => [...new Set(xs)].join('; ');
  return {
    source_ids: sourceIds,
    source: uniq(list.map((s) => (locale === 'es' || locale === 'pt' ? s.titleEs : s.titleEn))),
    publisher: uniq(list.map((s) => s.publisher)),
    vintage: uniq(list.map((s) => s.vintage)),
    licence: uniq(list.map((s) => s.licence)),
    computed,
    published,
    estimate: list.some((s) => s.kind === 'estimate'),
  };
}

export interface AnalyticsRow extends Provenance {
  dx: string;
  ou: string;
  pe: string;
  value: number;
  unit: string;
  note: string | null;
}

export interface AnalyticsTable {
  dimensions: {
    dx: { id: string; name: string; unit: string; kind: 'data_element' | 'indicator'; description: string }[];
    ou: { code: string; name: string; kind: string }[];
    pe: string[];
  };
  rows: AnalyticsRow[];
}

export interface AnalyticsQuery {
  dx: string[];
  ou: string[];
  pe?: string[];
  sex?: 'T' | 'M' | 'F';
  partner?: string;
}

const MAX_ITEMS = { dx: 30, ou: 300, pe: 600 };

/** Periods from `2020`, `2020Q1`, `202003` and ranges `1990..2020`; null for every period. */
export function resolvePeriods(items: string[] | undefined): string[] | null {
  if (!items || items.length === 0) return null;
  const out: string[] = [];
  for (const item of items) {
    const range = /^(.+)\.\.(.+)$/.exec(item);
    if (range) {
      const list = expandRange(range[1]!, range[2]!, MAX_ITEMS.pe);
      if (!list) throw queryError('pe', 'bad_pe', { value: item });
      out.push(...list);
    } else if (isPeriod(item)) out.push(item);
    else throw queryError('pe', 'bad_pe', { value: item });
  }
  if (out.length > MAX_ITEMS.pe) throw queryError('pe', 'too_many', { max: MAX_ITEMS.pe });
  return [...new Set(out)];
}

export interface AreaRef {
  code: string;
  nameEs: string;
  nameEn: string;
  kind: string;
  path: string;
  m49: string | null;
}

/** Org units by code, and `CODE:children` for the units right below one (subnational tables). */
export async function resolveUnits(db: Executor, items: string[]): Promise<AreaRef[]> {
  const plain = items.map((i) => i.replace(/:children$/i, '').toUpperCase());
  const found = await db
    .select({ id: orgUnits.id, code: orgUnits.code, nameEs: orgUnits.nameEs, nameEn: orgUnits.nameEn, kind: orgUnits.kind, path: orgUnits.path, m49: orgUnits.m49 })
    .from(orgUnits)
    .where(inArray(orgUnits.code, plain));
  const byCode = new Map(found.map((u) => [u.code, u]));
  const out: AreaRef[] = [];
  for (const [i, item] of items.entries()) {
    const code = plain[i]!;
    const unit = byCode.get(code);
    if (!unit) {
      if (STATISTICAL_AREAS[code] || code === 'XXX') {
        out.push({ code, nameEs: code, nameEn: code, kind: 'area', path: '', m49: null });
        continue;
      }
      throw queryError('ou', 'unknown_ou', { value: item });
    }
    if (/:children$/i.test(item)) {
      const children = await db
        .select({ code: orgUnits.code, nameEs: orgUnits.nameEs, nameEn: orgUnits.nameEn, kind: orgUnits.kind, path: orgUnits.path, m49: orgUnits.m49 })
        .from(orgUnits)
        .where(inArray(orgUnits.parentId, [unit.id]))
        .orderBy(asc(orgUnits.code));
      out.push(...children);
    } else out.push(unit);
  }
  const uniq = [...new Map(out.map((u) => [u.code, u])).values()];
  if (uniq.length > MAX_ITEMS.ou) throw queryError('ou', 'too_many', { max: MAX_ITEMS.ou });
  return uniq;
}

type ObsMap = Map<string, Observation>;
const obsKey = (key: string, ou: string, pe: string) => `${key}|${ou}|${pe}`;

/** Loads what one operand needs for the units (and periods, shifted by its lag) into `into`. */
async function loadOperand(db: Executor, o: Operand, ous: string[], pes: string[] | null, into: ObsMap) {
  const key = operandKey(o);
  const shifted = pes ? [...new Set(pes.map((p) => operandPeriod(o, p)))] : null;
  if (o.reduce) {
    const rows = await fetchTopPartner(db, { de: o.de, ous, pes: shifted, sex: o.sex, side: o.reduce === 'max_destination' ? 'destination' : 'origin' });
    for (const r of rows) into.set(obsKey(key, r.ou, r.pe), { value: r.value, sourceId: r.source_id, computed: r.computed, partner: r.partner });
    return;
  }
  const rows = await fetchTotals(db, { des: [o.de], ous, pes: shifted, sex: o.sex, partner: o.partner });
  for (const r of rows) into.set(obsKey(key, r.ou, r.pe), { value: r.value, sourceId: r.source_id, computed: r.computed });
}

/** Values of one indicator for units and periods (every period the numerator has, when `pes` is null). */
export async function indicatorValues(db: Executor, cat: Catalogue, ind: IndicatorRow, ous: string[], pes: string[] | null, locale: Locale) {
  const f = formulaOf(ind);
  const obs: ObsMap = new Map();
  for (const o of operandsOf(f)) await loadOperand(db, o, ous, pes, obs);
  const published: ObsMap = new Map();
  if (f.publishedDe) await loadOperand(db, { de: f.publishedDe }, ous, pes, published);
  const numKey = operandKey(f.numerator);
  const candidates = new Set<string>();
  if (pes) for (const ou of ous) for (const pe of pes) candidates.add(`${ou}|${pe}`);
  else {
    // Periods of the numerator (shifted back by its lag) and of the published ratio.
    for (const k of obs.keys()) if (k.startsWith(`${numKey}|`)) { const [ou, pe] = k.slice(numKey.length + 1).split('|') as [string, string]; candidates.add(`${ou}|${f.numerator.lag ? operandPeriod({ ...f.numerator, lag: -f.numerator.lag }, pe) : pe}`); }
    for (const k of published.keys()) candidates.add(k.slice(`${operandKey({ de: f.publishedDe! })}|`.length));
  }
  const out: AnalyticsRow[] = [];
  for (const c of candidates) {
    const [ou, pe] = c.split('|') as [string, string];
    const pub = f.publishedDe ? published.get(obsKey(operandKey({ de: f.publishedDe }), ou, pe)) : undefined;
    const v = computeIndicator(f, ou, pe, (o, u, p) => obs.get(obsKey(operandKey(o), u, p)), pub);
    if (!v) continue;
    const prov = provenance(cat, v.sourceIds, v.computed, v.published, locale);
    out.push({ dx: ind.id, ou, pe, value: v.value, unit: ind.unit, note: v.published ? (locale === 'es' ? 'valor publicado por la fuente' : 'value published by the source') : (v.note ?? null), ...prov });
  }
  return out;
}

export async function runAnalytics(ctx: AppContext, q: AnalyticsQuery, locale: Locale): Promise<AnalyticsTable> {
  if (q.dx.length > MAX_ITEMS.dx) throw queryError('dx', 'too_many', { max: MAX_ITEMS.dx });
  const cat = await loadCatalogue(ctx.db);
  for (const d of q.dx) if (!cat.dataElements.has(d) && !cat.indicators.has(d)) throw queryError('dx', 'unknown_dx', { value: d });
  const units = await resolveUnits(ctx.db, q.ou);
  const pes = resolvePeriods(q.pe);
  const ous = units.map((u) => u.code);
  const rows: AnalyticsRow[] = [];
  const des = q.dx.filter((d) => cat.dataElements.has(d));
  if (des.length) {
    for (const r of await fetchTotals(ctx.db, { des, ous, pes, sex: q.sex, partner: q.partner?.toUpperCase() })) {
      const de = cat.dataElements.get(r.de)!;
      rows.push({ dx: r.de, ou: r.ou, pe: r.pe, value: r.value, unit: de.unit, note: null, ...provenance(cat, [r.source_id], r.computed, false, locale) });
    }
  }
  for (const d of q.dx) {
    const ind = cat.indicators.get(d);
    if (ind && !cat.dataElements.has(d)) rows.push(...(await indicatorValues(ctx.db, cat, ind, ous, pes, locale)));
  }
  const dxOrder = new Map(q.dx.map((d, i) => [d, i]));
  const ouOrder = new Map(ous.map((o, i) => [o, i]));
  rows.sort((a, b) => dxOrder.get(a.dx)! - dxOrder.get(b.dx)! || ouOrder.get(a.ou)! - ouOrder.get(b.ou)! || (a.pe < b.pe ? -1 : a.pe > b.pe ? 1 : 0));
  const name = (x: { nameEs: string; nameEn: string }) => localName(x, locale);
  return {
    dimensions: {
      dx: q.dx.map((d) => {
        const de = cat.dataElements.get(d);
        if (de) return { id: d, name: name(de), unit: de.unit, kind: 'data_element' as const, description: locale === 'es' || locale === 'pt' ? de.descriptionEs : de.descriptionEn };
        const ind = cat.indicators.get(d)!;
        return { id: d, name: name(ind), unit: ind.unit, kind: 'indicator' as const, description: locale === 'es' || locale === 'pt' ? ind.descriptionEs : ind.descriptionEn };
      }),
      ou: units.map((u) => ({ code: u.code, name: name(u), kind: u.kind })),
      pe: pes ?? [...new Set(rows.map((r) => r.pe))].sort(),
    },
    rows,
  };
}
