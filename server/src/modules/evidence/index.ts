import type { PlatformModule } from '../index.js';
import { evidencePrivacy } from './privacy.js';
import { loadEvidenceBundledData, seedEvidence } from './loader.js';
import { evidenceRoutes } from './routes.js';

export const evidenceModule: PlatformModule = {
  id: 'evidence',
  routes: evidenceRoutes,
  privacy: evidencePrivacy,
  seed: seedEvidence,
  bundledData: loadEvidenceBundledData,
};
