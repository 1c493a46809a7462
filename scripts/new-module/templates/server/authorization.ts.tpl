import type { RouteAccess } from '../../core/module.js';

/** __Title__'s slice of the platform-wide authorization walk: who may call each of its routes. */
export const __name__Authorization: Record<string, RouteAccess> = {
  'GET /api/v1/__path__/items': 'signed-in',
  'POST /api/v1/__path__/items': '__id__.manage',
};
