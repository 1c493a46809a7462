import { and, eq, inArray } from 'drizzle-orm';
import { users } from './schema.js';
import { roles } from './schema.js';
import { hashPassword } from '../crypto.js';
import { checkPassword } from './password-policy.js';
import { AppError, fieldError, notFound, type FieldProblem } from '../http/errors.js';
import { findOrgUnitsByCodes } from '../geo/store.js';
import { appendAudit } from '../audit/store.js';
import { confirmPassword } from './auth.js';
import { authorFields, type AppContext, type Author, type RequestMeta } from '../context.js';
import { deleteSessionsOfUser, findUserByEmail, findUserById, normaliseEmail, replaceScopes, scopesOf, type ScopeRef, type UserRow } from './store.js';
import type { Executor } from '../db/engine.js';

export interface NewUser {
  email: string;
  displayName: string;
  roleId: string;
  password: string;
  captureScope: string[];
  viewScope: string[];
  locale?: string;
}

export interface UserView {
  id: string;
  email: string;
  displayName: string;
  roleId: string;
  active: boolean;
  locale: string;
  mfaEnabled: boolean;
  captureScope: ScopeRef[];
  viewScope: ScopeRef[];
  lastLoginAt: Date | null;
  createdAt: Date;
}

async function resolveScope(tx: Executor, codes: string[], field: string, problems: FieldProblem[]) {
  const unique = [...new Set(codes.map((c) => c.trim().toUpperCase()).filter(Boolean))];
  const found = await findOrgUnitsByCodes(tx, unique);
  for (const code of unique) {
    if (!found.some((u) => u.code === code)) problems.push({ path: field, key: 'scope.unknown_code', params: { code } });
  }
  return found.map((u) => u.id);
}

async function assertRole(tx: Executor, roleId: string, problems: FieldProblem[]) {
  const [role] = await tx.select({ id: roles.id }).from(roles).where(eq(roles.id, roleId)).limit(1);
  if (!role) problems.push({ path: 'role_id', key: 'user.unknown_role', params: { role: roleId } });
}

export async function createUser(ctx: AppContext, author: Author, meta: RequestMeta, input: NewUser): Promise<UserView> {
  const email = normaliseEmail(input.email);
  const problems: FieldProblem[] = [];
  const passwordProblem = checkPassword(input.password, email);
  if (passwordProblem) problems.push({ path: 'password', key: passwordProblem });
  const passwordHash = await hashPassword(input.password);
  const id = await ctx.db.transaction(async (tx) => {
    if (await findUserByEmail(tx, email)) problems.push({ path: 'email', key: 'user.email_taken' });
    await assertRole(tx, input.roleId, problems);
    const captureIds = await resolveScope(tx, input.captureScope, 'capture_scope', problems);
    const viewIds = await resolveScope(tx, input.viewScope, 'view_scope', problems);
    if (problems.length) throw new AppError('validation_failed', problems);
    const [row] = await tx
      .insert(users)
      .values({ email, displayName: input.displayName.trim(), roleId: input.roleId, passwordHash, locale: input.locale ?? 'es' })
      .returning({ id: users.id });
    const userId = row!.id;
    await replaceScopes(tx, userId, 'capture', captureIds);
    await replaceScopes(tx, userId, 'view', viewIds);
    await appendAudit(tx, {
      ...authorFields(author),
      ...meta,
      action: 'user.create',
      recordType: 'user',
      recordId: userId,
      changedFields: ['email', 'displayName', 'roleId', 'password', 'captureScope', 'viewScope'],
    });
    return userId;
  });
  return (await getUserView(ctx, id))!;
}

export interface UserChanges {
  displayName?: string;
  roleId?: string;
  active?: boolean;
  captureScope?: string[];
  viewScope?: string[];
}

export async function updateUser(ctx: AppContext, author: Author, meta: RequestMeta, userId: string, changes: UserChanges): Promise<UserView> {
  const problems: FieldProblem[] = [];
  await ctx.db.transaction(async (tx) => {
    const existing = await findUserById(tx, userId);
    if (!existing) throw notFound();
    if (author.kind === 'user' && author.actor.userId === userId) {
      if ((changes.roleId && changes.roleId !== existing.roleId && existing.roleId === 'admin') || changes.active === false) {
        throw fieldError(changes.active === false ? 'active' : 'role_id', 'user.cannot_demote_self');
      }
    }
    if (changes.roleId) await assertRole(tx, changes.roleId, problems);
    const captureIds = changes.captureScope ? await resolveScope(tx, changes.captureScope, 'capture_scope', problems) : undefined;
    const viewIds = changes.viewScope ? await resolveScope(tx, changes.viewScope, 'view_scope', problems) : undefined;
    if (problems.length) throw new AppError('validation_failed', problems);
    const set: Partial<UserRow> = {};
    if (changes.displayName !== undefined) set.displayName = changes.displayName.trim();
    if (changes.roleId !== undefined) set.roleId = changes.roleId;
    if (changes.active !== undefined) set.active = changes.active;
    if (Object.keys(set).length) await tx.update(users).set(set).where(eq(users.id, userId));
    if (captureIds) await replaceScopes(tx, userId, 'capture', captureIds);
    if (viewIds) await replaceScopes(tx, userId, 'view', viewIds);
    // A deactivated user or one whose role changed signs in again.
    if (changes.active === false || (changes.roleId && changes.roleId !== existing.roleId)) await deleteSessionsOfUser(tx, userId);
    await appendAudit(tx, {
      ...authorFields(author),
      ...meta,
      action: 'user.update',
      recordType: 'user',
      recordId: userId,
      changedFields: Object.keys(changes).filter((k) => changes[k as keyof UserChanges] !== undefined),
    });
  });
  return (await getUserView(ctx, userId))!;
}

export async function changeOwnPassword(ctx: AppContext, author: Author & { kind: 'user' }, meta: RequestMeta, current: string, next: string) {
  const user = await confirmPassword(ctx, meta, author.actor, current, 'current_password', 'password_change');
  const problem = checkPassword(next, user.email);
  if (problem) throw fieldError('new_password', problem);
  const passwordHash = await hashPassword(next);
  await ctx.db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, passwordChangedAt: new Date() }).where(eq(users.id, user.id));
    await deleteSessionsOfUser(tx, user.id, author.actor.sessionId);
    await appendAudit(tx, { ...authorFields(author), ...meta, action: 'user.password_change', recordType: 'user', recordId: user.id, changedFields: ['password'] });
  });
}

/** Sets a password from the command line (recovery of a locked-out administrator). */
export async function setPassword(ctx: AppContext, author: Author, meta: RequestMeta, email: string, password: string) {
  const user = await findUserByEmail(ctx.db, email);
  if (!user) throw fieldError('email', 'user.unknown_email', { email });
  const problem = checkPassword(password, user.email);
  if (problem) throw fieldError('password', problem);
  const passwordHash = await hashPassword(password);
  await ctx.db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, passwordChangedAt: new Date() }).where(eq(users.id, user.id));
    await deleteSessionsOfUser(tx, user.id);
    await appendAudit(tx, { ...authorFields(author), ...meta, action: 'user.password_reset', recordType: 'user', recordId: user.id, changedFields: ['password'] });
  });
}

export async function updateOwnProfile(ctx: AppContext, author: Author & { kind: 'user' }, meta: RequestMeta, changes: { displayName?: string; locale?: string }) {
  const set: Partial<UserRow> = {};
  if (changes.displayName !== undefined) set.displayName = changes.displayName.trim();
  if (changes.locale !== undefined) set.locale = changes.locale;
  if (!Object.keys(set).length) return;
  await ctx.db.transaction(async (tx) => {
    await tx.update(users).set(set).where(eq(users.id, author.actor.userId));
    await appendAudit(tx, { ...authorFields(author), ...meta, action: 'user.profile_update', recordType: 'user', recordId: author.actor.userId, changedFields: Object.keys(set) });
  });
}

function toView(u: UserRow, scopes: { capture: ScopeRef[]; view: ScopeRef[] } | undefined): UserView {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    roleId: u.roleId,
    active: u.active,
    locale: u.locale,
    mfaEnabled: u.totpEnabledAt !== null,
    captureScope: scopes?.capture ?? [],
    viewScope: scopes?.view ?? [],
    lastLoginAt: u.lastLoginAt,
    createdAt: u.createdAt,
  };
}

export async function getUserView(ctx: AppContext, id: string): Promise<UserView | undefined> {
  const user = await findUserById(ctx.db, id);
  if (!user) return undefined;
  return toView(user, (await scopesOf(ctx.db, [id])).get(id));
}

export async function listUserViews(ctx: AppContext, ids?: string[]): Promise<UserView[]> {
  const rows = await ctx.db
    .select()
    .from(users)
    .where(ids ? inArray(users.id, ids) : and())
    .orderBy(users.email);
  const scopes = await scopesOf(ctx.db, rows.map((r) => r.id));
  return rows.map((r) => toView(r, scopes.get(r.id)));
}
