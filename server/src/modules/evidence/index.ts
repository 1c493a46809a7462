import type { PlatformModule } from '../../core/module.js';
import { evidenceAuthorization } from './authorization.js';
import { evidenceCommands } from './cli.js';
import { evidenceCatalogues } from './messages.js';
import { evidencePrivacy } from './privacy.js';
import { loadEvidenceBundledData, seedEvidence } from './loader.js';
import { evidenceRoutes } from './routes.js';
import * as schema from './schema.js';

/** Evidence (theme T1): public statistics on migration and development, indicators, imports of national series. */
export const evidenceModule: PlatformModule = {
  id: 'evidence',
  apiPrefix: 'evidence',
  routes: evidenceRoutes,
  permissions: ['data.read', 'data.import', 'indicators.manage'],
  // data.read is every starting role's, those of the other modules too.
  grants: {
    national_coordinator: ['data.read', 'data.import'],
    local_officer: ['data.read', 'data.import'],
    case_worker: ['data.read'],
    case_supervisor: ['data.read'],
    analyst: ['data.read', 'data.import', 'indicators.manage'],
    viewer: ['data.read'],
    association: ['data.read'],
    committee_member: ['data.read'],
  },
  tables: schema,
  tablePrefixes: ['ev_'],
  cli: evidenceCommands,
  messages: evidenceCatalogues,
  authorization: evidenceAuthorization,
  privacy: evidencePrivacy,
  seed: seedEvidence,
  bundledData: loadEvidenceBundledData,
};
