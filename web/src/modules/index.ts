/**
 * The web module registry: one line per module. The app composes routes, navigation and catalogues from it
 * (`app/platform.ts`) and names no module itself. Listed in the order of the main navigation.
 */
export { default as evidence } from './evidence/module';
export { default as reintegration } from './reintegration/module';
export { default as remittances } from './remittances/module';
