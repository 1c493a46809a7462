import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../../core/context.js';

/** Cost of sending money (placeholder while the sub-area is built). */
export const costRoutes =
  (_ctx: AppContext): FastifyPluginAsync =>
  async () => {};
