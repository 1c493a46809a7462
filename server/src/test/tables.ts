// Every table, typed, for the fixture factories (`fixtures.ts`), which write rows of every module's tables.
export * from '../core/db/schema.js';
export * from '../modules/evidence/schema.js';
export * from '../modules/remittances/costs/schema.js';
export * from '../modules/remittances/projects/schema.js';
export * from '../modules/reintegration/schema.js';
