import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../core/context.js';
import { requestContext } from '../../core/http/auth-hooks.js';
import { errorResponses } from '../../core/http/presenters.js';
import { ITEM_NAME_MAX } from './domain/items.js';
import { createItem, listItems, presentItem } from './items.js';

/** Thin routes: validate with zod, call the action, present the answer. Paths are relative to /api/v1/__path__/. */

const tags = ['__id__'];
const itemSchema = z.object({ id: z.string(), name: z.string(), created_at: z.string() });

export const __name__Routes =
  (ctx: AppContext): FastifyPluginAsync =>
  async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/items',
      {
        schema: { tags, summary: 'The items, newest first', response: { 200: z.object({ items: z.array(itemSchema) }), ...errorResponses } },
      },
      async () => ({ items: (await listItems(ctx)).map(presentItem) }),
    );

    app.post(
      '/items',
      {
        config: { permission: '__id__.manage' },
        schema: {
          tags,
          summary: 'Create an item (409 when its name is taken)',
          body: z.strictObject({ name: z.string().trim().min(1).max(ITEM_NAME_MAX) }),
          response: { 201: itemSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const item = await createItem(requestContext(ctx, request), request.body);
        return reply.status(201).send(presentItem(item));
      },
    );
  };
