import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../core/context.js';
import { registerMessages } from '../../core/i18n/messages.js';
import type { PlatformModule } from '../index.js';
import { costMessages } from './costs/messages.js';
import { costRoutes } from './costs/routes.js';
import { projectRoutes } from './projects/routes.js';
import { seedRemittances } from './projects/seed.js';
import { remittancesPrivacy } from './privacy.js';

/**
 * Remittances (themes T3, T7): what sending money home costs against SDG 10.c (`costs/`), and co-funded community
 * projects proposed by migrant associations (`projects/`). The two halves share a module because they share users
 * and pages, but neither imports the other.
 */
const routes =
  (ctx: AppContext): FastifyPluginAsync =>
  async (app) => {
    await app.register(costRoutes(ctx));
    await app.register(projectRoutes(ctx));
  };

// Until the manifest registers every module's catalogue at start (issue 13), the module does it when loaded. The
// catalogue of `remittances` holds the costs messages under `costs.` (the projects half still words its own).
registerMessages('remittances', costMessages);

export const remittancesModule: PlatformModule = {
  id: 'remittances',
  routes,
  privacy: remittancesPrivacy,
  seed: seedRemittances,
};
