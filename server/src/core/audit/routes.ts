import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { errorResponses, isoDate } from '../http/presenters.js';
import { actorOf } from '../http/auth-hooks.js';
import { scopePrefixes } from '../access/policy.js';
import { listAudit, roleCanRewriteAudit, sealPending, verifyAuditChain } from './store.js';

export const auditRoutes =
  (ctx: AppContext): FastifyPluginAsync =>
  async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/audit',
      {
        config: { permission: 'audit.read' },
        schema: {
          tags: ['audit'],
          summary: 'Read the audit log, newest first: entries of units inside the reader’s view scope (entries with no unit: readers of the whole world only)',
          querystring: z.strictObject({
            actor: z.string().trim().max(320).optional(),
            action: z.string().trim().max(80).optional(),
            recordType: z.string().trim().max(80).optional(),
            recordId: z.string().trim().max(200).optional(),
            from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
            to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
            before: z.coerce.number().int().positive().optional(),
            limit: z.coerce.number().int().min(1).max(500).default(50),
          }),
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  seq: z.number(),
                  at: z.string(),
                  actorLabel: z.string(),
                  action: z.string(),
                  recordType: z.string(),
                  recordId: z.string().nullable(),
                  orgUnitCode: z.string().nullable(),
                  ip: z.string().nullable(),
                  requestId: z.string().nullable(),
                  changedFields: z.array(z.string()),
                }),
              ),
              nextBefore: z.number().nullable(),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const q = request.query;
        // A date alone means the whole day: `to` runs to its end.
        const to = q.to ? new Date(q.to.length === 10 ? `${q.to}T23:59:59.999Z` : q.to) : undefined;
        const scope = { prefixes: scopePrefixes(actorOf(request), 'view') };
        const { items, nextBefore } = await listAudit(ctx.db, { ...q, from: q.from ? new Date(q.from) : undefined, to }, scope);
        return {
          items: items.map((e) => ({
            seq: e.seq,
            at: isoDate(e.at)!,
            actorLabel: e.actorLabel,
            action: e.action,
            recordType: e.recordType,
            recordId: e.recordId,
            orgUnitCode: e.orgUnitCode,
            ip: e.ip,
            requestId: e.requestId,
            changedFields: e.changedFields,
          })),
          nextBefore,
        };
      },
    );

    app.get(
      '/audit/verify',
      {
        config: { permission: 'audit.read' },
        schema: {
          tags: ['audit'],
          summary: 'Link the entries waiting, re-compute the keyed chain and report the first broken link, the entries still waiting (transactions in flight) and the head of the chain',
          response: {
            200: z.object({
              ok: z.boolean(),
              checked: z.number(),
              firstBrokenSeq: z.number().nullable(),
              firstBrokenPos: z.number().nullable(),
              reason: z.string().nullable(),
              pending: z.number(),
              head: z.object({ pos: z.number(), seq: z.number(), hash: z.string(), sealedAt: z.string() }).nullable(),
              /** The server's database role could switch the audit triggers off (one role owns everything, or the embedded engine). */
              roleCanRewrite: z.boolean(),
            }),
            ...errorResponses,
          },
        },
      },
      async () => {
        // Link what finished transactions wrote first, so that `pending` counts only entries still in flight. The
        // seal pass's lock is taken by sealers only: this request waits for the sealer, never the other way round.
        await sealPending(ctx);
        const { anchorOk: _unused, ...result } = await verifyAuditChain(ctx);
        return { ...result, roleCanRewrite: await roleCanRewriteAudit(ctx.db) };
      },
    );
  };
