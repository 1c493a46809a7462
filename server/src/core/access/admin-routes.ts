import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { actorOf } from '../http/auth-hooks.js';
import { AppError, notFound } from '../http/errors.js';
import { errorResponses, isoDate, orgUnitRef, orgUnitRefSchema } from '../http/presenters.js';
import type { Locale } from '../i18n/locales.js';
import { appendAudit } from '../audit/store.js';
import { authorFields } from '../context.js';
import { createUser, getUserView, listUserViews, updateUser, type UserView } from './users.js';
import { resetSecondFactor } from './auth.js';
import { deleteSession, listRoles, listSessions } from './store.js';
import { roles, sessions } from './schema.js';
import { ADMIN_ROLE_FLOOR } from './permissions.js';
import { PASSWORD_MAX_LENGTH } from './password-policy.js';

const adminUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  roleId: z.string(),
  active: z.boolean(),
  mfaEnabled: z.boolean(),
  captureScope: z.array(orgUnitRefSchema),
  viewScope: z.array(orgUnitRefSchema),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});

const codes = z.array(z.string().trim().min(1).max(40)).max(500);
const idParams = z.object({ id: z.uuid() });

function present(u: UserView, locale: Locale) {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    roleId: u.roleId,
    active: u.active,
    mfaEnabled: u.mfaEnabled,
    captureScope: u.captureScope.map((s) => orgUnitRef(s, locale)),
    viewScope: u.viewScope.map((s) => orgUnitRef(s, locale)),
    lastLoginAt: isoDate(u.lastLoginAt),
    createdAt: isoDate(u.createdAt)!,
  };
}

export const adminRoutes =
  (ctx: AppContext): FastifyPluginAsync =>
  async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const manageUsers = { permission: 'users.manage' as const };

    app.get(
      '/admin/users',
      { config: manageUsers, schema: { tags: ['admin'], summary: 'List users', response: { 200: z.object({ items: z.array(adminUserSchema) }), ...errorResponses } } },
      async (request) => ({ items: (await listUserViews(ctx)).map((u) => present(u, request.locale)) }),
    );

    app.post(
      '/admin/users',
      {
        config: manageUsers,
        schema: {
          tags: ['admin'],
          summary: 'Create a user',
          body: z.strictObject({
            email: z.email().max(320),
            displayName: z.string().trim().min(1).max(200),
            roleId: z.string().min(1).max(60),
            password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
            captureScope: codes.default([]),
            viewScope: codes.default([]),
          }),
          response: { 201: adminUserSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const user = await createUser(ctx, { kind: 'user', actor: actorOf(request) }, request.meta, request.body);
        return reply.status(201).send(present(user, request.locale));
      },
    );

    app.get(
      '/admin/users/:id',
      { config: manageUsers, schema: { tags: ['admin'], summary: 'One user', params: idParams, response: { 200: adminUserSchema, ...errorResponses } } },
      async (request) => {
        const user = await getUserView(ctx, request.params.id);
        if (!user) throw notFound();
        return present(user, request.locale);
      },
    );

    app.patch(
      '/admin/users/:id',
      {
        config: manageUsers,
        schema: {
          tags: ['admin'],
          summary: 'Change a user: name, role, active, scopes',
          params: idParams,
          body: z.strictObject({
            displayName: z.string().trim().min(1).max(200).optional(),
            roleId: z.string().min(1).max(60).optional(),
            active: z.boolean().optional(),
            captureScope: codes.optional(),
            viewScope: codes.optional(),
          }),
          response: { 200: adminUserSchema, ...errorResponses },
        },
      },
      async (request) => present(await updateUser(ctx, { kind: 'user', actor: actorOf(request) }, request.meta, request.params.id, request.body), request.locale),
    );

    app.post(
      '/admin/users/:id/reset-mfa',
      { config: manageUsers, schema: { tags: ['admin'], summary: 'Clear a user’s second factor', params: idParams, response: { 204: z.null(), ...errorResponses } } },
      async (request, reply) => {
        if (!(await getUserView(ctx, request.params.id))) throw notFound();
        await resetSecondFactor(ctx, { kind: 'user', actor: actorOf(request) }, request.meta, request.params.id);
        return reply.status(204).send(null);
      },
    );

    const roleSchema = z.object({ id: z.string(), permissions: z.array(z.string()) });
    app.get(
      '/admin/roles',
      {
        config: { permission: 'roles.manage' },
        schema: { tags: ['admin'], summary: 'Roles and the permission verbs', response: { 200: z.object({ items: z.array(roleSchema), permissions: z.array(z.string()) }), ...errorResponses } },
      },
      async () => ({ items: (await listRoles(ctx.db)).map((r) => ({ id: r.id, permissions: r.permissions })), permissions: [...ctx.modules.permissions] }),
    );

    app.put(
      '/admin/roles/:id',
      {
        config: { permission: 'roles.manage' },
        schema: {
          tags: ['admin'],
          summary: 'Set the permission verbs of a role',
          params: z.object({ id: z.string().min(1).max(60) }),
          body: z.strictObject({ permissions: z.array(z.string().max(60)).max(100) }),
          response: { 200: roleSchema, ...errorResponses },
        },
      },
      async (request) => {
        const unknown = request.body.permissions.filter((p) => !ctx.modules.isPermission(p));
        if (unknown.length) throw new AppError('validation_failed', unknown.map((permission) => ({ path: 'permissions', key: 'role.unknown_permission' as const, params: { permission } })));
        const wanted = [...new Set(request.body.permissions)].sort();
        if (request.params.id === 'admin' && !ADMIN_ROLE_FLOOR.every((p) => wanted.includes(p))) {
          throw new AppError('validation_failed', [{ path: 'permissions', key: 'role.admin_keeps_admin' }]);
        }
        const actor = actorOf(request);
        const updated = await ctx.db.transaction(async (tx) => {
          const [row] = await tx.update(roles).set({ permissions: wanted, updatedAt: new Date() }).where(eq(roles.id, request.params.id)).returning();
          if (!row) throw notFound();
          await appendAudit(tx, { ...authorFields({ kind: 'user', actor }), ...request.meta, action: 'role.update', recordType: 'role', recordId: row.id, changedFields: ['permissions'] });
          return row;
        });
        return { id: updated.id, permissions: updated.permissions };
      },
    );

    app.get(
      '/admin/sessions',
      {
        config: manageUsers,
        schema: {
          tags: ['admin'],
          summary: 'Open sessions of every user',
          response: {
            200: z.object({
              items: z.array(
                z.object({ id: z.string(), userId: z.string(), email: z.string(), state: z.string(), createdAt: z.string(), lastSeenAt: z.string(), ip: z.string().nullable(), userAgent: z.string().nullable(), current: z.boolean() }),
              ),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        return {
          items: (await listSessions(ctx.db)).map((s) => ({ ...s, createdAt: isoDate(s.createdAt)!, lastSeenAt: isoDate(s.lastSeenAt)!, current: s.id === actor.sessionId })),
        };
      },
    );

    app.delete(
      '/admin/sessions/:id',
      { config: manageUsers, schema: { tags: ['admin'], summary: 'End a session', params: z.object({ id: z.string().regex(/^[0-9a-f]{64}$/) }), response: { 204: z.null(), ...errorResponses } } },
      async (request, reply) => {
        const actor = actorOf(request);
        await ctx.db.transaction(async (tx) => {
          const [row] = await tx.select({ userId: sessions.userId }).from(sessions).where(eq(sessions.id, request.params.id));
          if (!row) throw notFound();
          await deleteSession(tx, request.params.id);
          await appendAudit(tx, { ...authorFields({ kind: 'user', actor }), ...request.meta, action: 'session.end', recordType: 'user', recordId: row.userId });
        });
        return reply.status(204).send(null);
      },
    );
  };
