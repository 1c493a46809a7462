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
            record_type: z.string().trim().max(80).optional(),
            record_id: z.string().trim().max(200).optional(),
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
                  actor_label: z.string(),
                  action: z.string(),
                  record_type: z.string(),
                  record_id: z.string().nullable(),
                  org_unit_code: z.string().nullable(),
                  ip: z.string().nullable(),
                  request_id: z.string().nullable(),
                  changed_fields: z.array(z.string()),
                }),
              ),
              next_before: z.number().nullable(),
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
        const filter = { actor: q.actor, action: q.action, recordType: q.record_type, recordId: q.record_id, before: q.before, limit: q.limit };
        const { items, nextBefore } = await listAudit(ctx.db, { ...filter, from: q.from ? new Date(q.from) : undefined, to }, scope);
        return {
          items: items.map((e) => ({
            seq: e.seq,
            at: isoDate(e.at)!,
            actor_label: e.actorLabel,
            action: e.action,
            record_type: e.recordType,
            record_id: e.recordId,
            org_unit_code: e.orgUnitCode,
            ip: e.ip,
            request_id: e.requestId,
            changed_fields: e.changedFields,
          })),
          next_before: nextBefore,
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
              first_broken_seq: z.number().nullable(),
              first_broken_pos: z.number().nullable(),
              reason: z.string().nullable(),
              pending: z.number(),
              head: z.object({ pos: z.number(), seq: z.number(), hash: z.string(), sealed_at: z.string() }).nullable(),
              /** The server's database role could switch the audit triggers off (one role owns everything, or the embedded engine). */
              role_can_rewrite: z.boolean(),
            }),
            ...errorResponses,
          },
        },
      },
      async () => {
        // Link what finished transactions wrote first, so that `pending` counts only entries still in flight. The
        // seal pass's lock is taken by sealers only: this request waits for the sealer, never the other way round.
        await sealPending(ctx);
        const result = await verifyAuditChain(ctx);
        return {
          ok: result.ok,
          checked: result.checked,
          first_broken_seq: result.firstBrokenSeq,
          first_broken_pos: result.firstBrokenPos,
          reason: result.reason,
          pending: result.pending,
          head: result.head && { pos: result.head.pos, seq: result.head.seq, hash: result.head.hash, sealed_at: result.head.sealedAt },
          role_can_rewrite: await roleCanRewriteAudit(ctx.db),
        };
      },
    );
  };
