import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { loadBundle } from './i18n';
import type { Access, PageProps, WebModule } from './module';
import { PLATFORM_MODULES } from './platform';

export type { Access, PageProps };
type Page = LazyExoticComponent<ComponentType<PageProps>>;

export interface RouteDef {
  pattern: string;
  page: Page;
  access: Access;
  /** the user needs one of these permissions */
  anyOf?: readonly string[];
}

/** A module's routes as the router uses them: each page's code and its module's catalogue load together. */
function routesOf(m: WebModule): RouteDef[] {
  const { catalogues } = m;
  return m.routes.map((r) => ({
    ...r,
    page: lazy(catalogues ? async () => (await Promise.all([r.page(), loadBundle(m.id, catalogues)]))[0] : r.page),
  }));
}

export const ROUTES: RouteDef[] = PLATFORM_MODULES.flatMap(routesOf);
