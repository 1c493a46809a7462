import { eq, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import { orgUnits } from '../../../core/geo/schema.js';
import { findOrgUnitByCode, pathWithin } from '../../../core/geo/store.js';
import { notFound } from '../../../core/http/errors.js';
import { localName } from '../../../core/http/presenters.js';
import type { Locale } from '../../../core/i18n/locales.js';
import { investmentSummary } from './domain/investment.js';
import type { ProjectStatus } from './domain/lifecycle.js';
import { rmClosures, rmContributions, rmProjects, rmSchemes } from './schema.js';

/** Projects that count as investment: approved or later (rejected ones never had money committed). */
const FUNDED: ProjectStatus[] = ['approved', 'agreement_signed', 'in_execution', 'closed'];

/** Investment in a country's localities, by locality and by source of funds. Public, no personal data. */
export async function investmentIn(ctx: AppContext, countryCode: string, locale: Locale) {
  const country = await findOrgUnitByCode(ctx.db, countryCode.toUpperCase());
  if (!country || country.kind !== 'country') throw notFound();
  const rows = await ctx.db
    .select({
      id: rmProjects.id,
      reference: rmProjects.reference,
      title: rmProjects.title,
      status: rmProjects.status,
      latitude: rmProjects.latitude,
      longitude: rmProjects.longitude,
      expected: rmProjects.expectedBeneficiaries,
      reached: rmClosures.beneficiaries,
      commitments: rmProjects.commitments,
      currency: rmSchemes.currency,
      parties: rmSchemes.parties,
      orgUnitCode: orgUnits.code,
      orgUnitNameEs: orgUnits.nameEs,
      orgUnitNameEn: orgUnits.nameEn,
    })
    .from(rmProjects)
    .innerJoin(orgUnits, eq(orgUnits.id, rmProjects.orgUnitId))
    .innerJoin(rmSchemes, eq(rmSchemes.id, rmProjects.schemeId))
    .leftJoin(rmClosures, eq(rmClosures.projectId, rmProjects.id))
    .where(sql`${inArray(rmProjects.status, FUNDED)} AND ${pathWithin(orgUnits.path, [country.path])}`);
  const received = rows.length
    ? await ctx.db
        .select({ projectId: rmContributions.projectId, party: rmContributions.party, cents: sql<string>`sum(round(${rmContributions.amount} * 100))` })
        .from(rmContributions)
        .where(inArray(rmContributions.projectId, rows.map((r) => r.id)))
        .groupBy(rmContributions.projectId, rmContributions.party)
    : [];
  const receivedOf = (projectId: string, party: string) => Number(received.find((x) => x.projectId === projectId && x.party === party)?.cents ?? 0);
  const summary = investmentSummary(
    rows.map((r) => {
      const names = new Map(r.parties.map((p) => [p.key, p]));
      return {
        id: r.id,
        reference: r.reference,
        title: r.title,
        status: r.status,
        currency: r.currency,
        orgUnitCode: r.orgUnitCode,
        orgUnitName: localName({ nameEs: r.orgUnitNameEs, nameEn: r.orgUnitNameEn }, locale),
        latitude: r.latitude,
        longitude: r.longitude,
        // Once closed, the beneficiaries actually reached; until then, those expected.
        beneficiaries: r.reached ?? r.expected,
        parties: r.commitments.map((c) => ({ party: c.party, name_es: names.get(c.party)?.name_es ?? c.party, name_en: names.get(c.party)?.name_en ?? c.party, committed: c.committed, received: receivedOf(r.id, c.party) })),
      };
    }),
  );
  return { country: country.code, ...summary };
}
