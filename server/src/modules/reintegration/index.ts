import type { PlatformModule } from '../../core/module.js';
import { reintegrationAuthorization } from './authorization.js';
import { reintegrationCommands } from './cli.js';
import { seedReintegration } from './configuration.js';
import { reintegrationCatalogues } from './messages.js';
import { reintegrationPrivacy, reintegrationSealed } from './privacy.js';
import { reintegrationRoutes } from './routes.js';
import * as schema from './schema.js';

/**
 * Returnee reintegration case management (themes T7, T3): registration at arrival, assessments, a plan built from
 * a configurable response grid and approved by a supervisor, consent-gated referrals, follow-ups and closure.
 * Protected fields need `cases.protected` and the password again; every step is audited.
 */
export const reintegrationModule: PlatformModule = {
  id: 'reintegration',
  apiPrefix: 'reintegration',
  routes: reintegrationRoutes,
  permissions: ['cases.read', 'cases.write', 'cases.supervise', 'consent.override', 'reintegration.configure'],
  roles: [{ id: 'case_worker' }, { id: 'case_supervisor' }],
  grants: {
    case_worker: ['persons.read', 'persons.write', 'persons.export', 'cases.read', 'cases.write'],
    // Supervises caseworkers: approves reintegration plans and closures, sees protected fields, merges duplicate persons.
    case_supervisor: ['persons.read', 'persons.write', 'persons.export', 'persons.merge', 'cases.read', 'cases.write', 'cases.supervise', 'cases.protected', 'consent.override'],
  },
  tables: schema,
  tablePrefixes: ['rn_'],
  cli: reintegrationCommands,
  messages: reintegrationCatalogues,
  authorization: reintegrationAuthorization,
  privacy: reintegrationPrivacy,
  sealed: reintegrationSealed,
  seed: seedReintegration,
};
