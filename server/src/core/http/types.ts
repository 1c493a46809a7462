import type { Actor } from '../access/actor.js';
import type { Permission } from '../access/permissions.js';
import type { Locale } from '../i18n/locales.js';
import type { RequestMeta } from '../context.js';

/**
 * Who may call a route. `active`: a signed-in user past the second factor (the default).
 * `session`: any session, even one waiting for its second factor. `public`: anyone.
 */
export type RouteAccess = 'public' | 'session' | 'active';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** The verb the route requires; a list means any one of them. */
    permission?: Permission | readonly Permission[];
  }
  interface FastifyRequest {
    locale: Locale;
    actor: Actor | undefined;
    meta: RequestMeta;
  }
}
