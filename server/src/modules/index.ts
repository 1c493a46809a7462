import type { FastifyPluginAsync } from 'fastify';
import type { PersonalDataHolder } from '../core/people/privacy-registry.js';
import type { AppContext } from '../core/context.js';
import type { SealedTable } from '../core/keys/sealed.js';
import { evidenceModule } from './evidence/index.js';
import { remittancesModule } from './remittances/index.js';
import { reintegrationModule } from './reintegration/index.js';

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
  /** Tables whose columns the module keeps sealed (`core/keys/`): encrypted at start when still clear, rotated by `mide keys rotate`. */
  sealed?: SealedTable[];
  /** Reference rows the module needs to work (catalogues): cheap, idempotent, run at every start. */
  seed?: (ctx: AppContext) => Promise<void>;
  /** Bundled public data (large): loaded at first start, skipped when already loaded. Test templates may leave it out. */
  bundledData?: (ctx: AppContext) => Promise<void>;
}

export const modules: PlatformModule[] = [evidenceModule, remittancesModule, reintegrationModule];
