import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { SESSION_COOKIE, actorOf } from '../http/auth-hooks.js';
import { AppError } from '../http/errors.js';
import { errorResponses, isoDate, orgUnitRef, orgUnitRefSchema } from '../http/presenters.js';
import { DEFAULT_LOCALE, LOCALES, isLocale, type Locale } from '../i18n/locales.js';
import { confirmEnrolment, disableOwnSecondFactor, login, logout, startEnrolment, verifySecondFactor } from './auth.js';
import { changeOwnPassword, updateOwnProfile } from './users.js';
import { listSessions } from './store.js';
import type { Actor } from './actor.js';
import { PASSWORD_MAX_LENGTH } from './password-policy.js';

const nextSchema = z.object({ next: z.enum(['done', 'mfa_verify', 'mfa_enroll']), csrfToken: z.string() });
const codeBody = z.strictObject({ code: z.string().min(1).max(12) });

const meSchema = z.object({
  user: z.object({
    id: z.string(),
    email: z.string(),
    displayName: z.string(),
    locale: z.enum(LOCALES),
    roleId: z.string(),
    permissions: z.array(z.string()),
    mfaEnabled: z.boolean(),
    mfaRequired: z.boolean(),
    captureScope: z.array(orgUnitRefSchema),
    viewScope: z.array(orgUnitRefSchema),
  }),
  session: z.object({ state: z.enum(['active', 'mfa_pending', 'mfa_enrollment']), csrfToken: z.string() }),
});

export const authRoutes =
  (ctx: AppContext): FastifyPluginAsync =>
  async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const secureCookie = ctx.config.publicUrl?.startsWith('https:') ?? false;
    const setSessionCookie = (reply: FastifyReply, token: string) =>
      reply.setCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: secureCookie,
        path: '/',
        maxAge: ctx.config.sessionMaxHours * 3600,
      });
    const clearSessionCookie = (reply: FastifyReply) => reply.clearCookie(SESSION_COOKIE, { path: '/' });

    /** Everything /me shows is already loaded with the session: no further queries. */
    function presentMe(actor: Actor, locale: Locale) {
      return {
        user: {
          id: actor.userId,
          email: actor.email,
          displayName: actor.displayName,
          locale: isLocale(actor.locale) ? actor.locale : DEFAULT_LOCALE,
          roleId: actor.roleId,
          permissions: [...actor.permissions].sort(),
          mfaEnabled: actor.mfaEnabled,
          mfaRequired: ctx.modules.requiresMfa(actor.roleId),
          captureScope: actor.captureScope.map((u) => orgUnitRef(u, locale)),
          viewScope: actor.viewScope.map((u) => orgUnitRef(u, locale)),
        },
        session: { state: actor.sessionState, csrfToken: actor.csrfToken },
      };
    }

    app.post(
      '/auth/login',
      {
        config: { access: 'public' },
        schema: {
          tags: ['auth'],
          summary: 'Sign in with e-mail and password',
          body: z.strictObject({ email: z.string().min(1).max(320), password: z.string().min(1).max(PASSWORD_MAX_LENGTH) }),
          response: { 200: nextSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const result = await login(ctx, request.meta, request.body.email, request.body.password);
        setSessionCookie(reply, result.token);
        return { next: result.next, csrfToken: result.csrfToken };
      },
    );

    app.post(
      '/auth/mfa/verify',
      { config: { access: 'session' }, schema: { tags: ['auth'], summary: 'Second factor: TOTP code', body: codeBody, response: { 200: nextSchema, ...errorResponses } } },
      async (request) => ({ next: 'done' as const, csrfToken: await verifySecondFactor(ctx, request.meta, actorOf(request), request.body.code) }),
    );

    app.post(
      '/auth/mfa/enroll/start',
      {
        config: { access: 'session' },
        schema: {
          tags: ['auth'],
          summary: 'Start enrolling an authenticator app (a signed-in session confirms its password)',
          body: z.strictObject({ password: z.string().min(1).max(PASSWORD_MAX_LENGTH).optional() }).nullish(),
          response: { 200: z.object({ secret: z.string(), otpauthUri: z.string(), qrSvg: z.string() }), ...errorResponses },
        },
      },
      async (request) => startEnrolment(ctx, request.meta, actorOf(request), request.body?.password),
    );

    app.post(
      '/auth/mfa/enroll/confirm',
      { config: { access: 'session' }, schema: { tags: ['auth'], summary: 'Confirm enrolment with a first code', body: codeBody, response: { 200: nextSchema, ...errorResponses } } },
      async (request) => {
        const actor = actorOf(request);
        if (actor.sessionState === 'mfa_pending') throw new AppError('mfa_required');
        return { next: 'done' as const, csrfToken: await confirmEnrolment(ctx, request.meta, actor, request.body.code) };
      },
    );

    app.post(
      '/auth/mfa/disable',
      { schema: { tags: ['auth'], summary: 'Turn off the second factor (not for roles that require it)', body: z.strictObject({ password: z.string().min(1).max(PASSWORD_MAX_LENGTH) }), response: { 204: z.null(), ...errorResponses } } },
      async (request, reply) => {
        await disableOwnSecondFactor(ctx, request.meta, actorOf(request), request.body.password);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/auth/logout',
      { config: { access: 'session' }, schema: { tags: ['auth'], summary: 'End this session', response: { 204: z.null(), ...errorResponses } } },
      async (request, reply) => {
        await logout(ctx, request.meta, actorOf(request), false);
        clearSessionCookie(reply);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/auth/logout-everywhere',
      { schema: { tags: ['auth'], summary: 'End every session of this user', response: { 204: z.null(), ...errorResponses } } },
      async (request, reply) => {
        await logout(ctx, request.meta, actorOf(request), true);
        clearSessionCookie(reply);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/me',
      { config: { access: 'session' }, schema: { tags: ['me'], summary: 'The signed-in user, permissions and scopes', response: { 200: meSchema, ...errorResponses } } },
      async (request) => presentMe(actorOf(request), request.locale),
    );

    app.patch(
      '/me',
      {
        schema: {
          tags: ['me'],
          summary: 'Change display name or language',
          body: z.strictObject({ displayName: z.string().trim().min(1).max(200).optional(), locale: z.enum(LOCALES).optional() }),
          response: { 200: meSchema, ...errorResponses },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        await updateOwnProfile(ctx, { kind: 'user', actor }, request.meta, request.body);
        const locale = request.body.locale ?? request.locale;
        return presentMe({ ...actor, locale, displayName: request.body.displayName ?? actor.displayName }, locale);
      },
    );

    app.post(
      '/me/password',
      {
        schema: {
          tags: ['me'],
          summary: 'Change password (ends the other sessions)',
          body: z.strictObject({ currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH), newPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH) }),
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        await changeOwnPassword(ctx, { kind: 'user', actor }, request.meta, request.body.currentPassword, request.body.newPassword);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/me/sessions',
      {
        schema: {
          tags: ['me'],
          summary: 'My sessions',
          response: {
            200: z.object({
              items: z.array(z.object({ id: z.string(), createdAt: z.string(), lastSeenAt: z.string(), ip: z.string().nullable(), userAgent: z.string().nullable(), current: z.boolean() })),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const rows = await listSessions(ctx.db, actor.userId);
        return {
          items: rows.map((s) => ({
            // The stored id is a hash of the cookie's token: it names the session but cannot open it.
            id: s.id,
            createdAt: isoDate(s.createdAt)!,
            lastSeenAt: isoDate(s.lastSeenAt)!,
            ip: s.ip,
            userAgent: s.userAgent,
            current: s.id === actor.sessionId,
          })),
        };
      },
    );
  };
