// The whole database schema: every core area and module re-exports its own tables here,
// so drizzle-kit generates one migrations folder and the engines share one typed schema.
export * from '../geo/schema.js';
export * from '../access/schema.js';
export * from '../audit/schema.js';
export * from '../people/schema.js';
export * from '../keys/schema.js';
export * from '../workflow/schema.js';
export * from '../../modules/evidence/schema.js';
export * from '../../modules/remittances/costs/schema.js';
export * from '../../modules/remittances/projects/schema.js';
export * from '../../modules/reintegration/schema.js';
