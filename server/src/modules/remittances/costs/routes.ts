import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../core/context.js';
import { actorOf } from '../../../core/http/auth-hooks.js';
import { AppError, type FieldProblem } from '../../../core/http/errors.js';
import { errorResponses } from '../../../core/http/presenters.js';
import type { Locale } from '../../../core/i18n/locales.js';
import { corridorDetail, corridorServices, countrySdg, listCorridors, regionSdg } from './corridors.js';
import { PAYOUT_METHODS, PROVIDER_TYPES, SPEEDS } from './domain/catalogue.js';
import { checkAmount, checkCostInput, costOf, familySavings, MAX_AMOUNT, round, SDG_TARGET_PCT } from './domain/costs.js';
import { costText } from './messages.js';
import { createQuote, deleteQuote, getQuote, importQuotesFile, listQuotes, previewQuotesFile, updateQuote } from './quotes.js';

/**
 * Cost of sending money (all JSON snake_case). Public: the calculator, savings, corridors and SDG 10.c.1 figures.
 * `remittances.quotes`: the service quotes an analyst enters or imports.
 */

const tags = ['remittances'];
const iso3 = z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/);
const quarter = z.string().trim().toUpperCase().regex(/^\d{4}Q[1-4]$/);
const corridorParam = z.object({ corridor: z.string().max(20) });

const area = z.object({ code: z.string(), name: z.string() });
const status = z.enum(['target_met', 'above_target', 'flagged']);
const source = z.object({ id: z.string(), title: z.string(), publisher: z.string(), licence: z.string(), vintage: z.string(), url: z.string().nullable() });
const corridorLine = z.object({
  corridor: z.string(),
  sending: area,
  receiving: area,
  period: z.string(),
  cost_pct_200: z.number(),
  cost_pct_500: z.number().nullable(),
  providers: z.number().nullable(),
  status,
  flow_usd_million: z.number().nullable(),
  money_kept_usd_million: z.number().nullable(),
});
const averages = {
  simple_mean_pct: z.number().nullable(),
  weighted_mean_pct: z.number().nullable(),
  status: status.nullable(),
  corridors: z.number(),
  weighted_corridors: z.number(),
  flagged_corridors: z.number(),
  flow_usd_million: z.number().nullable(),
  money_kept_usd_million: z.number().nullable(),
};
const thresholds = { target_pct: z.number(), flag_pct: z.number() };

const quoteBody = z.strictObject({
  sending_country: iso3,
  receiving_country: iso3,
  period: quarter,
  provider: z.string().trim().min(1).max(120),
  provider_type: z.enum(PROVIDER_TYPES),
  product: z.string().trim().min(1).max(120),
  amount_sent: z.number(),
  sending_currency: z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/),
  receiving_currency: z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/),
  fee: z.number(),
  exchange_rate: z.number(),
  interbank_rate: z.number(),
  rate_disclosed: z.boolean(),
  speed: z.enum(SPEEDS),
  payout_method: z.enum(PAYOUT_METHODS),
});
const quoteSchema = quoteBody.extend({
  id: z.string(),
  corridor: z.string(),
  sending_country_name: z.string(),
  receiving_country_name: z.string(),
  fx_margin_pct: z.number(),
  total_cost_pct: z.number(),
  amount_received: z.number(),
  created_by: z.string(),
  created_at: z.string(),
  updated_by: z.string().nullable(),
  updated_at: z.string().nullable(),
});
const fileBody = z.strictObject({ file_name: z.string().trim().min(1).max(300), content_base64: z.string().min(1).max(14_000_000) });
const fileProblem = z.object({ row: z.number(), column: z.string(), column_letter: z.string(), code: z.string(), path: z.string(), message: z.string() });

/** The calculator's bad input, each problem at its field, in the caller's language. */
function costProblems(input: { amount: number; fee: number; consumer_rate: number; interbank_rate: number }, locale: Locale): FieldProblem[] {
  return checkCostInput({ amount: input.amount, fee: input.fee, consumerRate: input.consumer_rate, interbankRate: input.interbank_rate }).map((p) => ({
    path: p.field,
    key: 'field.invalid' as const,
    text: costText(locale, p.key, p.params),
  }));
}

export const costRoutes =
  (ctx: AppContext): FastifyPluginAsync =>
  async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();

    app.post(
      '/cost',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'Cost of one transfer, the RPW way: FX margin, total cost %, what the family receives',
          description: 'The sender pays amount + fee (sending currency); the family receives amount × consumer_rate (receiving currency).',
          body: z.strictObject({ amount: z.number(), fee: z.number(), consumer_rate: z.number(), interbank_rate: z.number() }),
          response: {
            200: z.object({ fx_margin_pct: z.number(), total_cost_pct: z.number(), amount_received: z.number(), fee_pct: z.number(), fx_cost: z.number(), total_paid: z.number(), target_pct: z.number(), above_target_pts: z.number() }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const problems = costProblems(request.body, request.locale);
        if (problems.length) throw new AppError('validation_failed', problems);
        const b = request.body;
        const c = costOf({ amount: b.amount, fee: b.fee, consumerRate: b.consumer_rate, interbankRate: b.interbank_rate });
        return {
          fx_margin_pct: round(c.fxMarginPct, 4),
          total_cost_pct: round(c.totalCostPct, 4),
          amount_received: round(c.amountReceived, 2),
          fee_pct: round(c.feePct, 4),
          fx_cost: round(c.fxCost, 2),
          total_paid: round(c.totalPaid, 2),
          target_pct: SDG_TARGET_PCT,
          above_target_pts: round(c.totalCostPct - SDG_TARGET_PCT, 4),
        };
      },
    );

    app.post(
      '/savings',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'What a family sending a monthly amount pays in a year at a cost, and at the SDG target of 3 %',
          body: z.strictObject({ monthly_amount: z.number(), cost_pct: z.number().min(0).max(100) }),
          response: { 200: z.object({ monthly_amount: z.number(), cost_pct: z.number(), target_pct: z.number(), annual_sent: z.number(), annual_cost_now: z.number(), annual_cost_at_target: z.number(), annual_saving: z.number() }), ...errorResponses },
        },
      },
      async (request) => {
        const { monthly_amount, cost_pct } = request.body;
        const problem = checkAmount(monthly_amount);
        if (problem) throw new AppError('validation_failed', [{ path: 'monthly_amount', key: 'field.invalid', text: costText(request.locale, problem.key, problem.params) }]);
        const s = familySavings(monthly_amount, cost_pct);
        return { monthly_amount, cost_pct, target_pct: SDG_TARGET_PCT, annual_sent: round(s.annualSent, 2), annual_cost_now: round(s.annualCostNow, 2), annual_cost_at_target: round(s.annualCostAtTarget, 2), annual_saving: round(s.annualSaving, 2) };
      },
    );

    app.get(
      '/corridors',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'Corridors with their latest cost of sending US$200 and SDG 10.c.1 status',
          querystring: z.strictObject({ sending: iso3.optional(), receiving: iso3.optional() }),
          response: { 200: z.object({ ...thresholds, items: z.array(corridorLine.extend({ quoted_services: z.number() })) }), ...errorResponses },
        },
      },
      async (request) => listCorridors(ctx, request.query, request.locale),
    );

    app.get(
      '/corridors/:corridor',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'A corridor (USA-MEX: sending-receiving): cost per quarter since 2011, SDG status, flow estimate',
          params: corridorParam,
          response: {
            200: z.object({
              corridor: z.string(),
              sending: area,
              receiving: area,
              ...thresholds,
              quarters: z.array(
                z.object({
                  period: z.string(),
                  cost_pct_200: z.number().nullable(),
                  cost_pct_500: z.number().nullable(),
                  fx_margin_pct_200: z.number().nullable(),
                  fx_margin_pct_500: z.number().nullable(),
                  providers: z.number().nullable(),
                  official_cost_pct_200: z.number().nullable(),
                }),
              ),
              latest: z
                .object({ period: z.string(), cost_pct_200: z.number(), cost_pct_500: z.number().nullable(), fx_margin_pct_200: z.number().nullable(), providers: z.number().nullable(), status, above_target_pts: z.number(), above_flag_pts: z.number() })
                .nullable(),
              flow: z.object({ year: z.string(), usd_million: z.number(), estimate: z.boolean(), label: z.string(), money_kept_usd_million: z.number().nullable() }).nullable(),
              quotes: z.object({ period: z.string(), services: z.number() }).nullable(),
              sources: z.array(source),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => corridorDetail(ctx, request.params.corridor, request.locale),
    );

    app.get(
      '/corridors/:corridor/services',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'Services of a corridor for an amount, by what the family receives; corridor and smart averages',
          params: corridorParam,
          querystring: z.strictObject({ amount: z.coerce.number().positive().max(MAX_AMOUNT), period: quarter.optional() }),
          response: {
            200: z.object({
              corridor: z.string(),
              period: z.string().nullable(),
              amount: z.number(),
              target_pct: z.number(),
              average_cost_pct: z.number().nullable(),
              smart_average_cost_pct: z.number().nullable(),
              services: z.array(
                z.object({
                  provider: z.string(),
                  provider_type: z.string(),
                  product: z.string(),
                  quoted_amount: z.number(),
                  sending_currency: z.string(),
                  receiving_currency: z.string(),
                  fee: z.number(),
                  exchange_rate: z.number(),
                  interbank_rate: z.number(),
                  rate_disclosed: z.boolean(),
                  speed: z.string(),
                  payout_method: z.string(),
                  fx_margin_pct: z.number(),
                  total_cost_pct: z.number(),
                  total_paid: z.number(),
                  amount_received: z.number(),
                  status,
                }),
              ),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => corridorServices(ctx, request.params.corridor, request.query, request.locale),
    );

    app.get(
      '/countries/:code',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'SDG 10.c.1 of a receiving country: its corridors in a quarter, simple and flow-weighted means',
          params: z.object({ code: z.string().max(10) }),
          querystring: z.strictObject({ period: quarter.optional() }),
          response: {
            200: z.object({ country: area, period: z.string().nullable(), ...thresholds, ...averages, corridors: z.array(corridorLine), flow_label: z.string(), sources: z.array(source) }),
            ...errorResponses,
          },
        },
      },
      async (request) => countrySdg(ctx, request.params.code, request.query, request.locale),
    );

    app.get(
      '/sdg',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'SDG 10.c.1 in a region (default 419) and the world: averages, receiving countries, corridors, money kept at 3 %',
          querystring: z.strictObject({ region: z.string().regex(/^\d{3}$/).optional(), period: quarter.optional() }),
          response: {
            200: z.object({
              period: z.string().nullable(),
              periods: z.array(z.string()),
              ...thresholds,
              region: z.object({ code: z.string(), name: z.string(), ...averages }),
              world: z.object({ code: z.string(), ...averages }),
              countries: z.array(z.object({ code: z.string(), name: z.string(), ...averages })),
              corridors: z.array(corridorLine),
              flow_label: z.string(),
              sources: z.array(source),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => regionSdg(ctx, request.query, request.locale),
    );

    // ---- service quotes (remittances.quotes)

    const quotesConfig = { permission: 'remittances.quotes' } as const;

    app.get(
      '/quotes',
      {
        config: quotesConfig,
        schema: { tags, summary: 'Service quotes in the caller’s view scope', querystring: z.strictObject({ corridor: z.string().max(20).optional(), period: quarter.optional() }), response: { 200: z.object({ items: z.array(quoteSchema) }), ...errorResponses } },
      },
      async (request) => listQuotes(ctx, actorOf(request), request.query, request.locale),
    );

    app.post(
      '/quotes',
      { config: quotesConfig, schema: { tags, summary: 'Enter a service quote', body: quoteBody, response: { 201: quoteSchema, ...errorResponses, 409: errorResponses[400] } } },
      async (request, reply) => reply.status(201).send(await createQuote(ctx, actorOf(request), request.meta, request.body, request.locale)),
    );

    app.get(
      '/quotes/:id',
      { config: quotesConfig, schema: { tags, summary: 'A service quote', params: z.object({ id: z.uuid() }), response: { 200: quoteSchema, ...errorResponses } } },
      async (request) => getQuote(ctx, actorOf(request), request.params.id, request.locale),
    );

    app.put(
      '/quotes/:id',
      { config: quotesConfig, schema: { tags, summary: 'Correct a service quote (every field)', params: z.object({ id: z.uuid() }), body: quoteBody, response: { 200: quoteSchema, ...errorResponses, 409: errorResponses[400] } } },
      async (request) => updateQuote(ctx, actorOf(request), request.meta, request.params.id, request.body, request.locale),
    );

    app.delete(
      '/quotes/:id',
      { config: quotesConfig, schema: { tags, summary: 'Delete a service quote', params: z.object({ id: z.uuid() }), response: { 204: z.null(), ...errorResponses } } },
      async (request, reply) => {
        await deleteQuote(ctx, actorOf(request), request.meta, request.params.id);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/quotes/import/preview',
      {
        config: quotesConfig,
        bodyLimit: 15 * 1024 * 1024,
        schema: {
          tags,
          summary: 'Read a CSV or XLSX of quotes (base64) and check every row; writes nothing',
          body: fileBody,
          response: {
            200: z.object({
              file: z.object({ format: z.string(), encoding: z.string().nullable(), delimiter: z.string().nullable(), sheet: z.string().nullable(), headers: z.array(z.string()), row_count: z.number(), sample: z.array(z.object({ row: z.number(), cells: z.array(z.string()) })) }),
              decimal: z.string(),
              valid: z.number(),
              rejected_rows: z.number(),
              problem_count: z.number(),
              problems: z.array(fileProblem),
              quotes: z.array(quoteBody.extend({ sending_country_name: z.string(), receiving_country_name: z.string(), total_cost_pct: z.number() })),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => previewQuotesFile(ctx, actorOf(request), request.body, request.locale),
    );

    app.post(
      '/quotes/import',
      {
        config: quotesConfig,
        bodyLimit: 15 * 1024 * 1024,
        schema: {
          tags,
          summary: 'Import a file of quotes: every row or none (400 with each problem at its row and column)',
          body: fileBody,
          response: { 201: z.object({ file_name: z.string(), imported: z.number(), ids: z.array(z.string()) }), ...errorResponses },
        },
      },
      async (request, reply) => reply.status(201).send(await importQuotesFile(ctx, actorOf(request), request.meta, request.body, request.locale)),
    );
  };
