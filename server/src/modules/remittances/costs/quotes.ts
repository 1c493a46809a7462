import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../../core/access/actor.js';
import { inScope, scopePrefixes } from '../../../core/access/policy.js';
import { appendAudit } from '../../../core/audit/store.js';
import { authorFields, type AppContext, type RequestContext } from '../../../core/context.js';
import type { Tx } from '../../../core/db/engine.js';
import { fileProblemKey } from '../../../core/files/messages.js';
import { readTable } from '../../../core/files/read.js';
import { cellText, TableError, type Table } from '../../../core/files/table.js';
import { pathWithin } from '../../../core/geo/store.js';
import { AppError, notFound, type FieldProblem } from '../../../core/http/errors.js';
import type { Locale } from '../../../core/i18n/locales.js';
import { translate } from '../../../core/i18n/messages.js';
import { costOf, parseCorridor, round } from './domain/costs.js';
import { checkQuote, quoteKey, quotesFromTable, type FileProblem, type QuoteDraft, type QuoteProblem } from './domain/quotes.js';
import { costKey, filePlace } from './messages.js';
import { rmServiceQuotes } from './schema.js';
import { countries, type Country, type QuoteRow } from './store.js';

/**
 * Service quotes entered by an analyst (`remittances.quotes`): the form (create, edit, delete) and file imports
 * (preview, then all rows or none). A quote belongs to the scope of both its countries: an analyst may write it when
 * the sending or the receiving country is in their capture scope, and sees it when either is in their view scope;
 * anything else is 404. Every write is audited in its transaction.
 */

const RECORD_TYPE = 'rm_service_quote';

const englishNames = (locale: Locale) => locale === 'en' || locale === 'fr';

async function countryIndex(ctx: AppContext): Promise<Map<string, Country>> {
  return new Map((await countries(ctx.db)).map((c) => [c.code, c]));
}

const visibleTo = (actor: Actor, mode: 'view' | 'capture'): SQL => {
  const prefixes = scopePrefixes(actor, mode);
  return sql`(${pathWithin(rmServiceQuotes.sendingPath, prefixes)} OR ${pathWithin(rmServiceQuotes.receivingPath, prefixes)})`;
};

export function presentQuote(q: QuoteRow, names: Map<string, Country>, locale: Locale) {
  const cost = costOf({ amount: q.amountSent, fee: q.fee, consumerRate: q.exchangeRate, interbankRate: q.interbankRate });
  const name = (code: string) => {
    const c = names.get(code);
    return c ? (englishNames(locale) ? c.nameEn : c.nameEs) : code;
  };
  return {
    id: q.id,
    corridor: `${q.sendingCountry}-${q.receivingCountry}`,
    sending_country: q.sendingCountry,
    sending_country_name: name(q.sendingCountry),
    receiving_country: q.receivingCountry,
    receiving_country_name: name(q.receivingCountry),
    period: q.period,
    provider: q.provider,
    provider_type: q.providerType,
    product: q.product,
    amount_sent: q.amountSent,
    sending_currency: q.sendingCurrency,
    receiving_currency: q.receivingCurrency,
    fee: q.fee,
    exchange_rate: q.exchangeRate,
    interbank_rate: q.interbankRate,
    rate_disclosed: q.rateDisclosed,
    speed: q.speed,
    payout_method: q.payoutMethod,
    fx_margin_pct: round(cost.fxMarginPct, 4),
    total_cost_pct: round(cost.totalCostPct, 4),
    amount_received: round(cost.amountReceived, 2),
    created_by: q.createdByLabel,
    created_at: q.createdAt.toISOString(),
    updated_by: q.updatedByLabel,
    updated_at: q.updatedAt ? q.updatedAt.toISOString() : null,
  };
}
export type PresentedQuote = ReturnType<typeof presentQuote>;

/** Problems of one quote that the form shows beside its fields: the shared rules, and the capture scope. */
function formProblems(draft: QuoteDraft, actor: Actor, names: Map<string, Country>): QuoteProblem[] {
  const problems = checkQuote(draft, new Set(names.keys()));
  const from = names.get(draft.sending_country);
  const to = names.get(draft.receiving_country);
  if (from && to && !inScope(actor, 'capture', from.path) && !inScope(actor, 'capture', to.path)) {
    problems.push({ field: 'receiving_country', key: 'outside_scope', params: { value: draft.receiving_country } });
  }
  return problems;
}

const asFields = (problems: QuoteProblem[]): FieldProblem[] => problems.map((p) => ({ path: p.field || 'file', key: costKey(p.key), params: p.params }));

const values = (draft: QuoteDraft, names: Map<string, Country>) => ({
  sendingCountry: draft.sending_country,
  receivingCountry: draft.receiving_country,
  sendingPath: names.get(draft.sending_country)!.path,
  receivingPath: names.get(draft.receiving_country)!.path,
  period: draft.period,
  provider: draft.provider.trim(),
  providerType: draft.provider_type,
  product: draft.product.trim(),
  amountSent: draft.amount_sent,
  sendingCurrency: draft.sending_currency,
  receivingCurrency: draft.receiving_currency,
  fee: draft.fee,
  exchangeRate: draft.exchange_rate,
  interbankRate: draft.interbank_rate,
  rateDisclosed: draft.rate_disclosed,
  speed: draft.speed,
  payoutMethod: draft.payout_method,
});

/** The same service, amount and quarter already quoted (other than `exceptId`). */
async function existingKey(db: AppContext['db'] | Tx, draft: QuoteDraft, exceptId?: string) {
  const [row] = await db
    .select({ id: rmServiceQuotes.id })
    .from(rmServiceQuotes)
    .where(
      and(
        eq(rmServiceQuotes.sendingCountry, draft.sending_country),
        eq(rmServiceQuotes.receivingCountry, draft.receiving_country),
        eq(rmServiceQuotes.period, draft.period),
        sql`lower(${rmServiceQuotes.provider}) = lower(${draft.provider.trim()})`,
        sql`lower(${rmServiceQuotes.product}) = lower(${draft.product.trim()})`,
        sql`${rmServiceQuotes.amountSent} = ${draft.amount_sent}`,
        exceptId ? sql`${rmServiceQuotes.id} <> ${exceptId}` : undefined,
      ),
    )
    .limit(1);
  return row?.id;
}

const duplicate = () => new AppError('conflict', [{ path: 'product', key: costKey('exists') }]);

/** A quote and the country names it is presented with. */
export interface QuoteWithNames {
  quote: QuoteRow;
  names: Map<string, Country>;
}

export const presentQuoteOf = (q: QuoteWithNames, locale: Locale) => presentQuote(q.quote, q.names, locale);

export async function listQuotes(rc: RequestContext, filter: { corridor?: string; period?: string }): Promise<{ quotes: QuoteRow[]; names: Map<string, Country> }> {
  const ctx = rc;
  const conditions: (SQL | undefined)[] = [visibleTo(rc.actor, 'view')];
  if (filter.corridor) {
    const c = parseCorridor(filter.corridor);
    if (!c) throw new AppError('validation_failed', [{ path: 'corridor', key: costKey('unknown_corridor'), params: { value: filter.corridor } }]);
    conditions.push(eq(rmServiceQuotes.sendingCountry, c.sending), eq(rmServiceQuotes.receivingCountry, c.receiving));
  }
  if (filter.period) conditions.push(eq(rmServiceQuotes.period, filter.period));
  const [list, names] = await Promise.all([
    ctx.db
      .select()
      .from(rmServiceQuotes)
      .where(and(...conditions))
      .orderBy(desc(rmServiceQuotes.period), rmServiceQuotes.sendingCountry, rmServiceQuotes.receivingCountry, rmServiceQuotes.provider, rmServiceQuotes.amountSent)
      .limit(2000),
    countryIndex(ctx),
  ]);
  return { quotes: list, names };
}

async function findQuote(ctx: AppContext, actor: Actor, id: string, mode: 'view' | 'capture'): Promise<QuoteRow> {
  const [row] = await ctx.db.select().from(rmServiceQuotes).where(and(eq(rmServiceQuotes.id, id), visibleTo(actor, mode))).limit(1);
  if (!row) throw notFound();
  return row;
}

export async function getQuote(rc: RequestContext, id: string): Promise<QuoteWithNames> {
  return { quote: await findQuote(rc, rc.actor, id, 'view'), names: await countryIndex(rc) };
}

export async function createQuote(rc: RequestContext, draft: QuoteDraft): Promise<QuoteWithNames> {
  const { actor, meta } = rc;
  const ctx = rc;
  const names = await countryIndex(ctx);
  const problems = formProblems(draft, actor, names);
  if (problems.length) throw new AppError('validation_failed', asFields(problems));
  const row = await ctx.db.transaction(async (tx) => {
    if (await existingKey(tx, draft)) throw duplicate();
    const [inserted] = await tx
      .insert(rmServiceQuotes)
      .values({ ...values(draft, names), createdBy: actor.userId, createdByLabel: actor.email })
      .returning();
    await appendAudit(tx, { ...authorFields({ kind: 'user', actor }), ...meta, action: 'remittances.quote_create', recordType: RECORD_TYPE, recordId: inserted!.id, orgUnitCode: draft.receiving_country, changedFields: Object.keys(draft) });
    return inserted!;
  });
  return { quote: row, names };
}

export async function updateQuote(rc: RequestContext, id: string, draft: QuoteDraft): Promise<QuoteWithNames> {
  const { actor, meta } = rc;
  const ctx = rc;
  const before = await findQuote(ctx, actor, id, 'capture');
  const names = await countryIndex(ctx);
  const problems = formProblems(draft, actor, names);
  if (problems.length) throw new AppError('validation_failed', asFields(problems));
  const next = values(draft, names);
  const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => !k.endsWith('Path') && next[k] !== before[k]);
  const row = await ctx.db.transaction(async (tx) => {
    if (await existingKey(tx, draft, id)) throw duplicate();
    const [updated] = await tx
      .update(rmServiceQuotes)
      .set({ ...next, updatedBy: actor.userId, updatedByLabel: actor.email, updatedAt: new Date() })
      .where(eq(rmServiceQuotes.id, id))
      .returning();
    await appendAudit(tx, { ...authorFields({ kind: 'user', actor }), ...meta, action: 'remittances.quote_update', recordType: RECORD_TYPE, recordId: id, orgUnitCode: draft.receiving_country, changedFields: changed });
    return updated!;
  });
  return { quote: row, names };
}

export async function deleteQuote(rc: RequestContext, id: string): Promise<void> {
  const { actor, meta } = rc;
  const ctx = rc;
  const quote = await findQuote(ctx, actor, id, 'capture');
  await ctx.db.transaction(async (tx) => {
    await tx.delete(rmServiceQuotes).where(eq(rmServiceQuotes.id, id));
    await appendAudit(tx, { ...authorFields({ kind: 'user', actor }), ...meta, action: 'remittances.quote_delete', recordType: RECORD_TYPE, recordId: id, orgUnitCode: quote.receivingCountry, changedFields: [] });
  });
}

// ---- files

export interface QuotesFile {
  file_name: string;
  content_base64: string;
}

async function tableOf(input: QuotesFile): Promise<Table> {
  try {
    return await readTable(new Uint8Array(Buffer.from(input.content_base64, 'base64')));
  } catch (error) {
    if (error instanceof TableError) {
      throw new AppError('validation_failed', [{ path: 'content_base64', key: fileProblemKey(error.key, 'remittances.costs'), params: error.params }]);
    }
    throw error;
  }
}

/** Reads a file and checks every row: the shared rules, the capture scope, and quotes already stored. */
async function checkFile(ctx: AppContext, actor: Actor, input: QuotesFile) {
  const [table, names] = await Promise.all([tableOf(input), countryIndex(ctx)]);
  const read = quotesFromTable(table, new Set(names.keys()));
  const problems: FileProblem[] = [...read.problems];
  const at = (row: number, field: 'receiving_country' | 'product') => ({ row, ...read.columns[field]! });
  const stored = new Set(
    read.quotes.length
      ? (
          await ctx.db
            .select()
            .from(rmServiceQuotes)
            .where(sql`(${rmServiceQuotes.sendingCountry}, ${rmServiceQuotes.receivingCountry}) IN (${sql.join([...new Set(read.quotes.map((q) => `${q.sending_country}|${q.receiving_country}`))].map((k) => sql`(${k.split('|')[0]!}, ${k.split('|')[1]!})`), sql`, `)})`)
        ).map((r) => quoteKey({ sending_country: r.sendingCountry, receiving_country: r.receivingCountry, period: r.period, provider: r.provider, product: r.product, amount_sent: r.amountSent }))
      : [],
  );
  const good: QuoteDraft[] = [];
  for (const q of read.quotes) {
    const { row, ...draft } = q;
    const scoped = inScope(actor, 'capture', names.get(q.sending_country)!.path) || inScope(actor, 'capture', names.get(q.receiving_country)!.path);
    if (!scoped) problems.push({ ...at(row, 'receiving_country'), field: 'receiving_country', key: 'outside_scope', params: { value: q.receiving_country } });
    else if (stored.has(quoteKey(q))) problems.push({ ...at(row, 'product'), field: 'product', key: 'exists' });
    else good.push(draft);
  }
  problems.sort((a, b) => a.row - b.row);
  return { table, read, problems, good, names };
}

/** What an import of a file would do, written nothing. */
export async function previewQuotesFile(rc: RequestContext, input: QuotesFile) {
  const { table, read, problems, good, names } = await checkFile(rc, rc.actor, input);
  return {
    file: {
      format: table.format,
      encoding: table.encoding,
      delimiter: table.delimiter,
      sheet: table.sheet,
      headers: table.headers,
      row_count: table.rows.length,
      sample: table.rows.slice(0, 10).map((r) => ({ row: r.row, cells: r.cells.map(cellText) })),
    },
    decimal: read.decimal,
    valid: good.length,
    rejected_rows: new Set(problems.filter((p) => p.row > 0).map((p) => p.row)).size,
    problem_count: problems.length,
    problems: problems.slice(0, 500),
    quotes: good.slice(0, 50),
    names,
  };
}

/** The preview of a quotes file in words, for the answer. */
export function presentQuotesPreview(preview: Awaited<ReturnType<typeof previewQuotesFile>>, locale: Locale) {
  const { problems, quotes, names, ...counts } = preview;
  const name = (code: string) => names.get(code)?.[englishNames(locale) ? 'nameEn' : 'nameEs'] ?? code;
  return {
    ...counts,
    problems: problems.map((p) => {
      const place = filePlace(p);
      return { row: p.row, column: p.column, column_letter: p.columnLetter, code: p.key, path: translate(locale, place.key, place.params), message: translate(locale, costKey(p.key), p.params) };
    }),
    quotes: quotes.map((d) => {
      const c = costOf({ amount: d.amount_sent, fee: d.fee, consumerRate: d.exchange_rate, interbankRate: d.interbank_rate });
      return { ...d, sending_country_name: name(d.sending_country), receiving_country_name: name(d.receiving_country), total_cost_pct: round(c.totalCostPct, 4) };
    }),
  };
}

/** Imports every row or none: any problem answers 400 with each one at its row and column. */
export async function importQuotesFile(rc: RequestContext, input: QuotesFile) {
  const { actor, meta } = rc;
  const ctx = rc;
  const { problems, good, names } = await checkFile(ctx, actor, input);
  if (problems.length) {
    throw new AppError(
      'validation_failed',
      problems.slice(0, 500).map((p) => ({ path: '', place: filePlace(p), key: costKey(p.key), params: p.params })),
    );
  }
  const ids = await ctx.db.transaction(async (tx) => {
    const inserted: string[] = [];
    // batches keep each statement under PostgreSQL's 65,535 parameters (20 columns a row)
    for (let i = 0; i < good.length; i += 1000) {
      const batch = good.slice(i, i + 1000).map((d) => ({ ...values(d, names), createdBy: actor.userId, createdByLabel: actor.email }));
      inserted.push(...(await tx.insert(rmServiceQuotes).values(batch).returning({ id: rmServiceQuotes.id })).map((r) => r.id));
    }
    const receiving = [...new Set(good.map((d) => d.receiving_country))];
    await appendAudit(tx, { ...authorFields({ kind: 'user', actor }), ...meta, action: 'remittances.quotes_import', recordType: RECORD_TYPE, recordId: null, orgUnitCode: receiving.length === 1 ? receiving[0]! : null, changedFields: ['quotes'] });
    return inserted;
  });
  return { file_name: input.file_name, imported: ids.length, ids };
}
