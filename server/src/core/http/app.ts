import { existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import compress from '@fastify/compress';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.js';
import { AppError, normaliseError, sendError } from './errors.js';
import { registerAuthHooks } from './auth-hooks.js';
import { registerTextCheck } from './text-check.js';
import './types.js';
import { healthRoutes } from './health.js';
import { authRoutes } from '../access/auth-routes.js';
import { adminRoutes } from '../access/admin-routes.js';
import { geoRoutes } from '../geo/routes.js';
import { auditRoutes } from '../audit/routes.js';
import { peopleRoutes } from '../people/routes.js';
import { ManifestError } from '../installed-modules.js';

export const webDistDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'web', 'dist');

export interface AppOptions {
  logger?: boolean;
  /** Serve the built web app (off in API tests). */
  serveWeb?: boolean;
}

export async function buildApp(ctx: AppContext, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger === false ? false : {
      level: ctx.config.logLevel,
      redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]'],
    },
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w.-]{8,64}$/.test(incoming) ? incoming : randomUUID();
    },
    bodyLimit: 1024 * 1024,
    // Only named proxies may set the client address (it feeds the sign-in throttle and the audit log).
    trustProxy: ctx.config.trustProxy.length ? ctx.config.trustProxy : false,
    return503OnClosing: true,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(cookie);
  // Many users are on slow connections: compress answers (JSON, and the web app's files without a .br/.gz twin).
  await app.register(compress, { global: true, threshold: 1024, encodings: ['br', 'gzip'] });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: ctx.config.publicUrl?.startsWith('https:') ? [] : null,
      },
    },
    frameguard: { action: 'deny' },
    strictTransportSecurity: ctx.config.publicUrl?.startsWith('https:') ? undefined : false,
  });

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    // What a signed-in user reads (personal data, the profile, exports) stays in no cache: not the browser's disk
    // or back/forward cache on a shared office computer, not a proxy (OWASP ASVS 5.0, 14.3.2). Answers to
    // anonymous callers (published statistics, the calculator) may be cached.
    if (request.actor && request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });

  // A route that requires a verb nobody declared would answer 403 to everyone, silently: refuse to start instead.
  app.addHook('onRoute', (route) => {
    const required = route.config?.permission;
    for (const verb of required === undefined ? [] : [required].flat()) {
      if (!ctx.modules.isPermission(verb)) {
        throw new ManifestError(`The route ${String(route.method)} ${route.url} requires the verb "${verb}", which neither the core nor a module declares.`);
      }
    }
  });

  registerAuthHooks(app, ctx);
  registerTextCheck(app);

  app.setErrorHandler((error, request, reply) => {
    const appError = normaliseError(error as Error);
    if (appError.code === 'internal') request.log.error({ err: error }, 'unhandled error');
    else if (!(error instanceof AppError)) request.log.info({ err: error }, 'request rejected');
    return sendError(reply, request, appError);
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'mide API',
        version: '1',
        description:
          'Migración y Desarrollo: API of the mide platform. Authentication by session cookie; writes carry the X-CSRF-Token header. Errors share one shape with messages in the request language.',
      },
      tags: ctx.modules.list.map((m) => ({ name: m.id, description: `Module ${m.id}: every route under /api/v1/${m.apiPrefix}/` })),
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'mide_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  // The documentation page keeps the app's policy, plus the inline styles Swagger UI sets; never
  // upgrade-insecure-requests, which would break the page on a plain-HTTP office server.
  await app.register(swaggerUi, {
    routePrefix: '/api/v1/docs',
    staticCSP:
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
      "font-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
    uiConfig: { docExpansion: 'list', validatorUrl: null },
  });

  await app.register(
    async (api) => {
      api.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
      await api.register(healthRoutes(ctx));
      await api.register(authRoutes(ctx));
      await api.register(adminRoutes(ctx));
      await api.register(geoRoutes(ctx));
      await api.register(auditRoutes(ctx));
      await api.register(peopleRoutes(ctx));
      // Each module under its own prefix: its route files declare paths relative to it.
      for (const m of ctx.modules.list) if (m.routes) await api.register(m.routes(ctx), { prefix: `/${m.apiPrefix}` });
    },
    { prefix: '/api/v1' },
  );

  const webAvailable = options.serveWeb !== false && existsSync(join(webDistDir, 'index.html'));
  if (webAvailable) {
    await app.register(fastifyStatic, {
      root: webDistDir,
      wildcard: false,
      index: false,
      // The build writes .br and .gz twins of every asset (scripts/precompress.mjs); serve those as they are.
      preCompressed: true,
      setHeaders(reply, path) {
        reply.header("cache-control", path.includes(join("dist", "assets")) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }

  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.method !== 'GET') return sendError(reply, request, new AppError('not_found'));
    if (!webAvailable) {
      return reply
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('The web app is not built. Run "npm run build" at the repository root. / La aplicación web no está compilada: ejecute "npm run build".');
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });

  return app;
}
