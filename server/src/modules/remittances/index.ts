import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../core/context.js';
import type { PlatformModule } from '../../core/module.js';
import { remittancesAuthorization } from './authorization.js';
import { costRoutes } from './costs/routes.js';
import * as costTables from './costs/schema.js';
import { remittancesCatalogues, remittancesErrorReasons } from './messages.js';
import { projectRoutes } from './projects/routes.js';
import * as projectTables from './projects/schema.js';
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

export const remittancesModule: PlatformModule = {
  id: 'remittances',
  apiPrefix: 'remittances',
  routes,
  permissions: ['remittances.quotes', 'schemes.manage', 'projects.propose', 'projects.manage', 'projects.score', 'projects.decide'],
  // A representative of a migrant association (hometown club) registers the association and proposes its projects;
  // a member of a co-funding validation committee scores the projects in their view scope.
  roles: [{ id: 'association' }, { id: 'committee_member' }],
  grants: {
    national_coordinator: ['remittances.quotes', 'schemes.manage', 'projects.manage', 'projects.decide'],
    local_officer: ['projects.manage'],
    analyst: ['remittances.quotes'],
    association: ['projects.propose'],
    committee_member: ['projects.score'],
  },
  tables: { ...costTables, ...projectTables },
  tablePrefixes: ['rm_'],
  messages: remittancesCatalogues,
  errorReasons: remittancesErrorReasons,
  authorization: remittancesAuthorization,
  privacy: remittancesPrivacy,
  seed: seedRemittances,
};
