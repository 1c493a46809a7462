import { registerMessages } from '../../core/i18n/messages.js';
import type { PlatformModule } from '../index.js';
import { seedReintegration } from './configuration.js';
import { reintegrationPrivacy, reintegrationSealed } from './privacy.js';
import { reintegrationRoutes } from './routes.js';
import { reintegrationMessages } from './messages.js';

// Until the composition root registers each manifest's catalogue (issue 13, manifest), the module does it itself.
registerMessages('reintegration', reintegrationMessages);

/**
 * Returnee reintegration case management (themes T7, T3): registration at arrival, assessments, a plan built from
 * a configurable response grid and approved by a supervisor, consent-gated referrals, follow-ups and closure.
 * Protected fields need `cases.protected` and the password again; every step is audited.
 */
export const reintegrationModule: PlatformModule = {
  id: 'reintegration',
  routes: reintegrationRoutes,
  privacy: reintegrationPrivacy,
  sealed: reintegrationSealed,
  seed: seedReintegration,
};
