// The core's tables. The modules' tables come with their manifests: the composition root (`composition/schema.ts`)
// puts both together, and drizzle-kit reads every schema file (`server/drizzle.config.ts`) into one migrations folder.
export * from '../geo/schema.js';
export * from '../access/schema.js';
export * from '../audit/schema.js';
export * from '../people/schema.js';
export * from '../keys/schema.js';
