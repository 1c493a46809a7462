import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../core/context.js';
import { registerMessages } from '../../core/i18n/messages.js';
import type { PlatformModule } from '../index.js';
import { costRoutes } from './costs/routes.js';
import { projectRoutes } from './projects/routes.js';
import { seedRemittances } from './projects/seed.js';
import { remittancesPrivacy } from './privacy.js';
import { projectMessages } from './projects/messages.js';

// Until the composition root registers each manifest's catalogue (issue 13, manifest), the module does it itself;
// the projects' keys sit under `projects.` in the remittances namespace (the cost half still words its own).
registerMessages('remittances', { es: projectMessages.es, en: projectMessages.en, pt: projectMessages.pt, fr: projectMessages.fr });

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

export const remittancesModule: PlatformModule = {
  id: 'remittances',
  routes,
  privacy: remittancesPrivacy,
  seed: seedRemittances,
};
