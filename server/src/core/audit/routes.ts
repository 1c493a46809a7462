import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { errorResponses, isoDate } from '../http/presenters.js';
import { listAudit, verifyAuditChain } from './store.js';

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
          summary: 'Read the audit log, newest first',
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
        const { items, nextBefore } = await listAudit(ctx.db, { ...q, from: q.from ? new Date(q.from) : undefined, to });
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
          summary: 'Re-compute the hash chain and report the first broken link',
          response: { 200: z.object({ ok: z.boolean(), checked: z.number(), firstBrokenSeq: z.number().nullable() }), ...errorResponses },
        },
      },
      async () => verifyAuditChain(ctx.db),
    );
  };
