import { fileURLToPath } from 'node:url';
import type { PlatformModule } from '../../core/module.js';
import { __name__Authorization } from './authorization.js';
import { __name__Messages } from './messages.js';
import { __name__Privacy } from './privacy.js';
import { __name__Routes } from './routes.js';
import * as schema from './schema.js';

/** __Title__: named items, one route, one permission and one table (the skeleton of `npm run new-module`; grow it from here). */
export const __name__Module: PlatformModule = {
  id: '__id__',
  apiPrefix: '__path__',
  routes: __name__Routes,
  permissions: ['__id__.manage'],
  grants: { national_coordinator: ['__id__.manage'] },
  tables: schema,
  tablePrefixes: ['__id___'],
  migrations: fileURLToPath(new URL('./drizzle', import.meta.url)),
  messages: __name__Messages,
  authorization: __name__Authorization,
  privacy: __name__Privacy,
};
