import type {} from '@fastify/cookie'; // request.cookies
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { constantTimeEqual, sha256Hex } from '../crypto.js';
import { loadActor } from '../access/store.js';
import { can } from '../access/policy.js';
import { AppError } from './errors.js';
import { isLocale, negotiateLocale } from '../i18n/locales.js';
import type { AppContext, RequestContext } from '../context.js';
import type { Actor } from '../access/actor.js';

export const SESSION_COOKIE = 'mide_session';
export const PUBLIC_DOCS_PREFIX = '/api/v1/docs';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The fixed chain every request goes through (after Outline): identify the session, pick the language,
 * then check access, second factor, permission and CSRF in that order, before the body is even read.
 */
export function registerAuthHooks(app: FastifyInstance, ctx: AppContext) {
  app.decorateRequest('actor', undefined);
  app.decorateRequest('locale', 'es');
  app.decorateRequest('meta', undefined as never);

  app.addHook('onRequest', async (request) => {
    request.meta = { ip: request.ip ?? null, requestId: request.id, userAgent: request.headers['user-agent'] ?? null };
    request.locale = negotiateLocale(request.headers['accept-language']);
    const path = routePath(request);
    if (!path.startsWith('/api/')) return;
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      request.actor = await loadActor(ctx.db, sha256Hex(token), ctx.config.sessionIdleMinutes);
      if (request.actor && isLocale(request.actor.locale)) request.locale = request.actor.locale;
    }
    // Checked here, before the body is parsed or validated: someone without access learns nothing about the
    // route's schema and cannot make the server parse a large body.
    checkAccess(request, path);
  });
}

/**
 * The path of the route the router matched (its pattern), or the raw URL when none matched. Never the raw URL
 * alone: the router decodes percent-escapes, so `/%61pi/v1/audit` reaches the `/api/v1/audit` route.
 */
function routePath(request: FastifyRequest): string {
  return request.routeOptions.url ?? request.url;
}

function checkAccess(request: FastifyRequest, path: string) {
  // The API is deny-by-default; the web app's files and the API documentation are public.
  if (path === PUBLIC_DOCS_PREFIX || path.startsWith(`${PUBLIC_DOCS_PREFIX}/`)) return;
  const config = request.routeOptions.config;
  const access = config.access ?? 'active';
  if (access === 'public') return;
  const actor = request.actor;
  if (!actor) throw new AppError('unauthenticated');
  if (access === 'active' && actor.sessionState !== 'active') throw new AppError('mfa_required');
  if (config.permission && ![config.permission].flat().some((verb) => can(actor, verb))) throw new AppError('forbidden');
  if (!SAFE_METHODS.has(request.method)) checkCsrf(request, actor);
}

function checkCsrf(request: FastifyRequest, actor: Actor) {
  const sent = request.headers['x-csrf-token'];
  if (typeof sent !== 'string' || !constantTimeEqual(sent, actor.csrfToken)) throw new AppError('csrf_failed');
}

/** The request context of a route with a signed-in actor: what its action takes (see `RequestContext`). */
export function requestContext(ctx: AppContext, request: FastifyRequest): RequestContext {
  return { ...ctx, actor: actorOf(request), meta: request.meta };
}

/** The signed-in actor of a route that requires one (the onRequest hook has already checked). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('unauthenticated');
  return request.actor;
}
