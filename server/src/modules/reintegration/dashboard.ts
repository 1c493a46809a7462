import { and, eq, gte, isNotNull, lt, sql, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../core/audit/store.js';
import { scopePrefixes } from '../../core/access/policy.js';
import { authorFields, type AppContext, type RequestContext } from '../../core/context.js';
import { rowsOf } from '../../core/db/engine.js';
import { orgUnits } from '../../core/geo/schema.js';
import { findOrgUnitByCode, pathWithin } from '../../core/geo/store.js';
import { orgUnitRef } from '../../core/http/presenters.js';
import type { Locale } from '../../core/i18n/locales.js';
import { localText, type InstrumentDefinition, type LocalisedText } from './domain/instrument.js';
import { overdueSql } from './domain/overdue.js';
import { round4 } from './domain/scoring.js';
import { today, type DashboardQuery } from './api.js';
import { invalidField } from './errors.js';
import { rnCases, rnInstruments, rnReferrals, rnScores } from './schema.js';

/**
 * The reintegration dashboard: counts of the period (arrivals, statuses, overdue plans, referrals, closures) and the
 * sustainability scores, everything inside the reader's view scope (and the org unit asked for). Only counts and
 * means leave here, no personal data. Scores are those of the active instrument, each returnee counted once per group
 * with their latest score in it.
 */

/** The longest period the dashboard covers, in months. */
export const MAX_PERIOD_MONTHS = 120;

/** `YYYY-MM` plus `n` months (n may be negative). */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export const monthsBetween = (from: string, to: string): number => {
  const index = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7));
  return index(to) - index(from);
};

/** The period asked for: the last 12 months including the current one unless given; 400 when reversed or too long. */
function periodOf(q: DashboardQuery, on: string) {
  const to = q.to ?? (q.from ? addMonths(q.from, 11) : on.slice(0, 7));
  const from = q.from ?? addMonths(to, -11);
  if (from > to) throw invalidField('from', 'period_reversed');
  if (monthsBetween(from, to) >= MAX_PERIOD_MONTHS) throw invalidField('from', 'period_too_long', { max: MAX_PERIOD_MONTHS });
  // Dates from the first day of `from` up to (not including) the first day after `to`.
  return { from, to, start: `${from}-01`, end: `${addMonths(to, 1)}-01` };
}

type ScoreMeansRow = { returnees: number; economic: number | null; social: number | null; psychosocial: number | null; composite: number | null; share_sustainable: number | null };
const presentMeans = (r: ScoreMeansRow | undefined) => ({
  returnees: r?.returnees ?? 0,
  economic: r?.economic == null ? null : round4(r.economic),
  social: r?.social == null ? null : round4(r.social),
  psychosocial: r?.psychosocial == null ? null : round4(r.psychosocial),
  composite: r?.composite == null ? null : round4(r.composite),
  share_sustainable: r?.share_sustainable == null ? null : round4(r.share_sustainable),
});
const MEANS = sql`count(*)::int AS returnees, avg(economic)::float8 AS economic, avg(social)::float8 AS social, avg(psychosocial)::float8 AS psychosocial,
  avg(composite)::float8 AS composite, avg(CASE WHEN sustainable THEN 1 ELSE 0 END)::float8 AS share_sustainable`;

export async function dashboard(ctx: RequestContext, q: DashboardQuery) {
  const on = today();
  const period = periodOf(q, on);
  const unit = q.org_unit ? await findOrgUnitByCode(ctx.db, q.org_unit.toUpperCase()) : undefined;
  if (q.org_unit && !unit) throw invalidField('org_unit', 'unknown_org_unit', { value: q.org_unit });
  // The reader's scope, narrowed to the unit asked for (a unit outside the scope simply shows nothing).
  const scope: SQL = and(pathWithin(orgUnits.path, scopePrefixes(ctx.actor, 'view')), unit ? pathWithin(orgUnits.path, [unit.path]) : undefined)!;
  const arrived = and(scope, gte(rnCases.arrivalDate, period.start), lt(rnCases.arrivalDate, period.end))!;
  const count = sql<number>`count(*)::int`;

  const month = sql<string>`to_char(${rnCases.arrivalDate}, 'YYYY-MM')`;
  const arrivals = await ctx.db
    .select({ month, returned_from_iso3: rnCases.returnedFromIso3, return_how: rnCases.returnHow, count })
    .from(rnCases)
    .innerJoin(orgUnits, eq(orgUnits.id, rnCases.orgUnitId))
    .where(arrived)
    .groupBy(month, rnCases.returnedFromIso3, rnCases.returnHow)
    .orderBy(month, sql`count(*) DESC`, rnCases.returnedFromIso3, rnCases.returnHow);
  const byStatus = await ctx.db.select({ status: rnCases.status, count }).from(rnCases).innerJoin(orgUnits, eq(orgUnits.id, rnCases.orgUnitId)).where(arrived).groupBy(rnCases.status);
  const [overdue] = await ctx.db
    .select({ count })
    .from(rnCases)
    .innerJoin(orgUnits, eq(orgUnits.id, rnCases.orgUnitId))
    .where(and(arrived, overdueSql(rnCases.status, rnCases.planDueDate, on)));
  const referrals = await ctx.db
    .select({ partner: rnReferrals.partner, partner_response: rnReferrals.partnerResponse, outcome: rnReferrals.outcome, count })
    .from(rnReferrals)
    .innerJoin(rnCases, eq(rnCases.id, rnReferrals.caseId))
    .innerJoin(orgUnits, eq(orgUnits.id, rnCases.orgUnitId))
    .where(and(scope, sql`${rnReferrals.createdAt} >= ${period.start}::date AND ${rnReferrals.createdAt} < ${period.end}::date`))
    .groupBy(rnReferrals.partner, rnReferrals.partnerResponse, rnReferrals.outcome)
    .orderBy(rnReferrals.partner, sql`count(*) DESC`);
  const closures = await ctx.db
    .select({ reason: rnCases.closureReason, count })
    .from(rnCases)
    .innerJoin(orgUnits, eq(orgUnits.id, rnCases.orgUnitId))
    .where(and(scope, isNotNull(rnCases.closureReason), sql`${rnCases.closedAt} >= ${period.start}::date AND ${rnCases.closedAt} < ${period.end}::date`))
    .groupBy(rnCases.closureReason)
    .orderBy(sql`count(*) DESC`);

  const scores = await scoreAggregates(ctx, scope, period);
  await recordAudit(ctx.db, {
    ...authorFields({ kind: 'user', actor: ctx.actor }),
    ...ctx.meta,
    action: 'reintegration.dashboard_read',
    recordType: 'rn_case',
    orgUnitCode: unit?.code,
    changedFields: [`from:${period.from}`, `to:${period.to}`],
  });
  return {
    from: period.from,
    to: period.to,
    org_unit: unit ?? null,
    arrivals_by_month: arrivals,
    cases_by_status: byStatus,
    overdue_plans: overdue?.count ?? 0,
    referrals_by_partner: referrals,
    closure_reasons: closures.map((c) => ({ reason: c.reason!, count: c.count })),
    scores,
  };
}

/**
 * Means of the active instrument's scores taken in the period: per org unit of the case and in total (each case's
 * latest score of the period), and per calendar quarter (each case's latest score of the quarter).
 */
async function scoreAggregates(ctx: AppContext, scope: SQL, period: { start: string; end: string }) {
  const [instrument] = await ctx.db.select().from(rnInstruments).where(eq(rnInstruments.active, true));
  if (!instrument) return { instrument: null, by_org_unit: [], by_period: [], total: presentMeans(undefined) };
  const def: InstrumentDefinition = instrument.definition;
  const taken = sql`${rnScores.instrumentId} = ${instrument.id} AND ${rnScores.takenOn} >= ${period.start} AND ${rnScores.takenOn} < ${period.end} AND ${scope}`;
  const quarter = sql`to_char(${rnScores.takenOn}, 'YYYY-"Q"Q')`;
  const fromScores = sql`FROM ${rnScores} JOIN ${rnCases} ON ${rnCases.id} = ${rnScores.caseId} JOIN ${orgUnits} ON ${orgUnits.id} = ${rnCases.orgUnitId}`;
  const values = sql`${rnScores.economic} AS economic, ${rnScores.social} AS social, ${rnScores.psychosocial} AS psychosocial, ${rnScores.composite} AS composite, ${rnScores.sustainable} AS sustainable`;

  // ROLLUP adds the total (org unit null) to the per-unit rows in one pass.
  const byUnit = rowsOf<ScoreMeansRow & { org_unit_id: string | null; code: string | null; name_es: string; name_en: string; kind: string }>(
    await ctx.db.execute(sql`
      WITH latest AS (
        SELECT DISTINCT ON (${rnScores.caseId}) ${rnCases.orgUnitId} AS org_unit_id, ${values}
        ${fromScores} WHERE ${taken}
        ORDER BY ${rnScores.caseId}, ${rnScores.takenOn} DESC, ${rnScores.createdAt} DESC),
      grouped AS (SELECT org_unit_id, GROUPING(org_unit_id) AS is_total, ${MEANS} FROM latest GROUP BY ROLLUP (org_unit_id))
      SELECT g.*, ${orgUnits.code} AS code, ${orgUnits.nameEs} AS name_es, ${orgUnits.nameEn} AS name_en, ${orgUnits.kind} AS kind
      FROM grouped g LEFT JOIN ${orgUnits} ON ${orgUnits.id} = g.org_unit_id
      ORDER BY g.is_total, ${orgUnits.code}`),
  );
  const byQuarter = rowsOf<ScoreMeansRow & { period: string }>(
    await ctx.db.execute(sql`
      WITH latest AS (
        SELECT DISTINCT ON (${rnScores.caseId}, ${quarter}) ${quarter} AS period, ${values}
        ${fromScores} WHERE ${taken}
        ORDER BY ${rnScores.caseId}, ${quarter}, ${rnScores.takenOn} DESC, ${rnScores.createdAt} DESC)
      SELECT period, ${MEANS} FROM latest GROUP BY period ORDER BY period`),
  );
  const total = byUnit.find((r) => r.code === null);
  return {
    instrument: { id: instrument.id, code: instrument.code, version: instrument.version, name: def.name, threshold: def.threshold },
    by_org_unit: byUnit.filter((r) => r.code !== null).map((r) => ({ org_unit: { code: r.code!, nameEs: r.name_es, nameEn: r.name_en, kind: r.kind }, ...presentMeans(r) })),
    by_period: byQuarter.map((r) => ({ period: r.period, ...presentMeans(r) })),
    total: presentMeans(total),
  };
}

type DashboardData = Awaited<ReturnType<typeof dashboard>>;
type UnitNames = { code: string; nameEs: string; nameEn: string; kind: string };

/** The dashboard's answer: unit and instrument names in the reader's language. */
export function presentDashboard(d: DashboardData, locale: Locale) {
  const { instrument, by_org_unit, ...scores } = d.scores;
  return {
    ...d,
    org_unit: d.org_unit ? orgUnitRef(d.org_unit as UnitNames, locale) : null,
    scores: {
      ...scores,
      instrument: instrument ? { ...instrument, name: localText(instrument.name as LocalisedText, locale) } : null,
      by_org_unit: by_org_unit.map(({ org_unit, ...means }) => ({ org_unit: orgUnitRef(org_unit, locale), ...means })),
    },
  };
}
