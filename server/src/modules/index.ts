import type { FastifyPluginAsync } from 'fastify';
import type { PersonalDataHolder } from '../core/people/privacy-registry.js';
import type { AppContext } from '../core/context.js';

/**
 * The platform's modules (evidence, policy, learning, labour, diaspora, reintegration, remittances).
 * Each lives in its own folder and is listed here once: its routes are mounted under /api/v1,
 * its personal data joins every export and erasure, and its seed runs at start.
 */
export interface PlatformModule {
  id: string;
  /** Mounted under /api/v1. */
  routes?: (ctx: AppContext) => FastifyPluginAsync;
  privacy: PersonalDataHolder | null;
  seed?: (ctx: AppContext) => Promise<void>;
}

export const modules: PlatformModule[] = [];
