import type { PlatformModule } from '../core/module.js';
import { evidenceModule } from './evidence/index.js';
import { remittancesModule } from './remittances/index.js';
import { reintegrationModule } from './reintegration/index.js';

/**
 * The registry: the platform's modules, one line each. Only the composition root (`server/src/composition/`) reads
 * it; the core learns about a module from its manifest (`core/module.ts`), never by importing it.
 */
export const modules: readonly PlatformModule[] = [
  evidenceModule,
  remittancesModule,
  reintegrationModule,
];
