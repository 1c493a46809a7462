import type { RouteAccess } from '../../core/module.js';

/** Who may call each route of the module: its slice of the platform-wide authorization walk (`core/access/authorization.test.ts`). */
export const evidenceAuthorization: Readonly<Record<string, RouteAccess>> = {
  'GET /api/v1/evidence/sources': 'public',
  'GET /api/v1/evidence/data-elements': 'public',
  'POST /api/v1/evidence/data-elements': 'data.import',
  'GET /api/v1/evidence/indicators': 'public',
  'POST /api/v1/evidence/indicators': 'indicators.manage',
  'PATCH /api/v1/evidence/indicators/:id': 'indicators.manage',
  'DELETE /api/v1/evidence/indicators/:id': 'indicators.manage',
  'GET /api/v1/evidence/analytics': 'public',
  'GET /api/v1/evidence/compare': 'public',
  'GET /api/v1/evidence/profiles/:code': 'public',
  'GET /api/v1/evidence/stocks': 'public',
  'GET /api/v1/evidence/corridors': 'public',
  'POST /api/v1/evidence/imports/preview': 'data.import',
  'POST /api/v1/evidence/imports': 'data.import',
  'GET /api/v1/evidence/imports': 'data.import',
  'GET /api/v1/evidence/imports/:id': 'data.import',
  'POST /api/v1/evidence/imports/:id/undo': 'data.import',
};
