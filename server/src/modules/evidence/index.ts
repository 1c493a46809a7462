import type { PlatformModule } from '../index.js';
import { registerMessages } from '../../core/i18n/messages.js';
import { evidenceMessages } from './messages.js';
import { evidencePrivacy } from './privacy.js';
import { loadEvidenceBundledData, seedEvidence } from './loader.js';
import { evidenceRoutes } from './routes.js';

// Until the manifest registers every module's catalogue at start (issue 13), the module does it when loaded.
registerMessages('evidence', evidenceMessages);

export const evidenceModule: PlatformModule = {
  id: 'evidence',
  routes: evidenceRoutes,
  privacy: evidencePrivacy,
  seed: seedEvidence,
  bundledData: loadEvidenceBundledData,
};
