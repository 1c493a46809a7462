import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { actorOf } from '../http/auth-hooks.js';
import { AppError, notFound } from '../http/errors.js';
import { errorResponses, localName, orgUnitRef, orgUnitRefSchema } from '../http/presenters.js';
import { ancestorsOf, codesOf, countChildren, findOrgUnitByCode, listOrgUnits, type OrgUnitRow } from './store.js';
import { ORG_UNIT_CODE_SCHEMES } from './codes.js';
import { importCodeList } from './service.js';
import type { Locale } from '../i18n/locales.js';

const orgUnitSchema = z.object({
  code: z.string(),
  kind: z.string(),
  name: z.string(),
  name_es: z.string(),
  name_en: z.string(),
  parent_code: z.string().nullable(),
  path: z.string(),
  m49: z.string().nullable(),
  iso2: z.string().nullable(),
  child_count: z.number(),
});

function present(u: OrgUnitRow, parentCode: string | null, childCount: number, locale: Locale) {
  return {
    code: u.code,
    kind: u.kind,
    name: localName(u, locale),
    name_es: u.nameEs,
    name_en: u.nameEn,
    parent_code: parentCode,
    path: u.path,
    m49: u.m49,
    iso2: u.iso2,
    child_count: childCount,
  };
}

export const geoRoutes =
  (ctx: AppContext): FastifyPluginAsync =>
  async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/org-units',
      {
        schema: {
          tags: ['org units'],
          summary: 'Browse or search the org unit tree',
          querystring: z.strictObject({
            parent: z.string().max(40).optional(),
            q: z.string().trim().max(100).optional(),
            kind: z.enum(['world', 'region', 'country', 'division', 'municipality']).optional(),
            limit: z.coerce.number().int().min(1).max(1000).default(300),
          }),
          response: { 200: z.object({ items: z.array(orgUnitSchema) }), ...errorResponses },
        },
      },
      async (request) => {
        const q = request.query;
        const rows = await listOrgUnits(ctx.db, { parentCode: q.parent, text: q.q || undefined, kind: q.kind, limit: q.limit });
        return { items: rows.map((r) => present(r.unit, r.parentCode, r.childCount, request.locale)) };
      },
    );

    app.get(
      '/org-units/:code',
      {
        schema: {
          tags: ['org units'],
          summary: 'One org unit, found by any of its codes, with its other codes and its ancestors',
          params: z.object({ code: z.string().max(40) }),
          response: {
            200: orgUnitSchema.extend({ codes: z.array(z.object({ scheme: z.enum(ORG_UNIT_CODE_SCHEMES), code: z.string() })), ancestors: z.array(orgUnitRefSchema) }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const unit = await findOrgUnitByCode(ctx.db, request.params.code);
        if (!unit) throw notFound();
        const ancestors = await ancestorsOf(ctx.db, unit);
        const childCount = await countChildren(ctx.db, unit.id);
        return {
          ...present(unit, ancestors.at(-1)?.code ?? null, childCount, request.locale),
          codes: await codesOf(ctx.db, unit.id),
          ancestors: ancestors.map((a) => orgUnitRef(a, request.locale)),
        };
      },
    );

    app.post(
      '/org-units/import',
      {
        config: { permission: 'orgunits.manage' },
        bodyLimit: 10 * 1024 * 1024,
        schema: {
          tags: ['org units'],
          summary: 'Import subnational org units from a CSV code list (code,name,parent_code, optional iso_3166_2,nso_code,pcode); all rows or none',
          body: z.strictObject({ csv: z.string().min(1).max(10 * 1024 * 1024), dry_run: z.boolean().default(false) }),
          response: { 200: z.object({ imported: z.number(), dry_run: z.boolean() }), ...errorResponses },
        },
      },
      async (request) => {
        const result = await importCodeList(ctx, { kind: 'user', actor: actorOf(request) }, request.meta, request.body.csv, request.body.dry_run);
        if (result.errors) throw new AppError('validation_failed', result.errors);
        return { imported: result.imported, dry_run: request.body.dry_run };
      },
    );
  };
