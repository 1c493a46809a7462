import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../../core/context.js';

/** Co-funded community projects (placeholder while the sub-area is built). */
export const projectRoutes =
  (_ctx: AppContext): FastifyPluginAsync =>
  async () => {};
