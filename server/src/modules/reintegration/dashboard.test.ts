import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestPlatform, type Session, type TestPlatform } from '../../test/platform.js';
import { addMonths, monthsBetween } from './dashboard.js';

/** The reintegration dashboard through the API: counts of the period and score means, inside the reader's scope. */

let p: TestPlatform;
let worker: Session;
let supervisor: Session;
let honduras: Session;

const base = '/api/v1/reintegration';
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const thisMonth = () => daysAgo(0).slice(0, 7);
const quarterOf = (day: string) => `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;

type Instrument = { id: string; dimensions: { items: { code: string; options: { code: string; score: number }[] }[] }[] };
let instrument: Instrument;
const answers = (best: boolean) =>
  Object.fromEntries(instrument.dimensions.flatMap((d) => d.items.map((item) => [item.code, [...item.options].sort((a, b) => (best ? b.score - a.score : a.score - b.score))[0]!.code])));

async function newCase(s: Session, familyName: string, unit: string, extra: Record<string, unknown> = {}) {
  const person = await s.request('POST', '/api/v1/persons', { given_name: 'Luz', family_name: familyName, org_unit_code: unit });
  expect(person.statusCode, person.body).toBe(201);
  const created = await s.request('POST', `${base}/cases`, { person_id: person.json().id, org_unit: unit, arrival_date: daysAgo(0), returned_from_iso3: 'USA', return_how: 'forced', household_size: 2, ...extra });
  expect(created.statusCode, created.body).toBe(201);
  const id = (created.json() as { id: string }).id;
  expect((await s.request('POST', `${base}/cases/${id}/plan/activities`, { need: 'debt', response: 'financial_education', partner: 'Cooperativa' })).statusCode).toBe(201);
  return id;
}

beforeAll(async () => {
  p = await startTestPlatform();
  worker = await p.userSession('case_worker', ['GTM']);
  supervisor = await p.userSession('case_supervisor', ['GTM']);
  honduras = await p.userSession('case_worker', ['HND']);
  instrument = (await worker.request('GET', `${base}/instruments/active`)).json() as Instrument;
});
afterAll(() => p.close());

describe('the period', () => {
  it('counts calendar months across years', () => {
    expect(addMonths('2026-11', -11)).toBe('2025-12');
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(monthsBetween('2025-12', '2026-11')).toBe(11);
  });
});

describe('the dashboard', () => {
  it('counts arrivals, statuses, referrals and closures, and means of each returnee’s latest score, in the reader’s scope only', async () => {
    // Three cases in Guatemala: one scored twice and closed, one scored once at 0, one not scored; one in Honduras.
    const a = await newCase(worker, 'Coj', 'GTM');
    const b = await newCase(worker, 'Mux', 'GTM', { returned_from_iso3: 'MEX', return_how: 'voluntary' });
    await newCase(worker, 'Tum', 'GTM');
    const h = await newCase(honduras, 'Reyes', 'HND');
    await honduras.request('POST', `${base}/cases/${h}/scores`, { occasion: 'plan', taken_on: daysAgo(0), answers: answers(true) });

    expect((await worker.request('POST', `${base}/cases/${a}/scores`, { occasion: 'plan', taken_on: daysAgo(0), answers: answers(false) })).statusCode).toBe(201);
    expect((await worker.request('POST', `${base}/cases/${b}/scores`, { occasion: 'plan', taken_on: daysAgo(0), answers: answers(false) })).statusCode).toBe(201);
    await worker.request('POST', `${base}/cases/${a}/plan/submit`);
    await supervisor.request('POST', `${base}/cases/${a}/plan/approve`, {});
    const followUp = (await worker.request('POST', `${base}/cases/${a}/follow-ups`, { scheduled_on: daysAgo(0) })).json() as { id: string };
    await worker.request('POST', `${base}/cases/${a}/follow-ups/${followUp.id}/record`, { done_on: daysAgo(0), channel: 'visit' });
    expect((await worker.request('POST', `${base}/cases/${a}/scores`, { occasion: 'follow_up', follow_up_id: followUp.id, taken_on: daysAgo(0), answers: answers(true) })).statusCode).toBe(201);
    const referral = (await supervisor.request('POST', `${base}/cases/${a}/referrals`, { partner: 'INFOP', service: 'Formación', override_reason: 'Urgencia' })).json() as { id: string };
    await worker.request('POST', `${base}/cases/${a}/referrals/${referral.id}/response`, { response: 'accepted' });
    await worker.request('POST', `${base}/cases/${a}/closure`, { reason: 'plan_completed' });
    await supervisor.request('POST', `${base}/cases/${a}/closure/approve`, {});

    const res = await worker.request('GET', `${base}/dashboard`);
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d).toMatchObject({ from: addMonths(thisMonth(), -11), to: thisMonth(), org_unit: null, overdue_plans: 0 });
    expect(d.arrivals_by_month).toEqual([
      { month: thisMonth(), returned_from_iso3: 'USA', return_how: 'forced', count: 2 },
      { month: thisMonth(), returned_from_iso3: 'MEX', return_how: 'voluntary', count: 1 },
    ]);
    expect(d.cases_by_status).toEqual(expect.arrayContaining([{ status: 'closed', count: 1 }, { status: 'planning', count: 2 }]));
    expect(d.referrals_by_partner).toEqual([{ partner: 'INFOP', partner_response: 'accepted', outcome: null, count: 1 }]);
    expect(d.closure_reasons).toEqual([{ reason: 'plan_completed', count: 1 }]);
    // Case a counts with its latest score (1), case b with 0; Honduras is outside the scope.
    const means = { returnees: 2, economic: 0.5, social: 0.5, psychosocial: 0.5, composite: 0.5, share_sustainable: 0.5 };
    expect(d.scores.instrument).toMatchObject({ id: instrument.id, threshold: 0.66 });
    expect(d.scores.total).toEqual(means);
    expect(d.scores.by_org_unit).toEqual([{ org_unit: expect.objectContaining({ code: 'GTM' }), ...means }]);
    expect(d.scores.by_period).toEqual([{ period: quarterOf(daysAgo(0)), ...means }]);
    // Counts and means only: nobody's name.
    expect(res.body).not.toMatch(/Coj|Mux|Luz/);
    const audited = await p.ctx.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'reintegration.dashboard_read'`);
    expect(audited).toEqual([{ n: 1 }]);

    const hn = (await honduras.request('GET', `${base}/dashboard`)).json();
    expect(hn.scores.total).toEqual({ returnees: 1, economic: 1, social: 1, psychosocial: 1, composite: 1, share_sustainable: 1 });
    expect(hn.arrivals_by_month).toEqual([{ month: thisMonth(), returned_from_iso3: 'USA', return_how: 'forced', count: 1 }]);
    // A unit asked for narrows the scope; it never widens it.
    const narrowed = (await honduras.request('GET', `${base}/dashboard?org_unit=GTM`)).json();
    expect(narrowed.org_unit).toMatchObject({ code: 'GTM' });
    expect(narrowed.arrivals_by_month).toEqual([]);
    expect(narrowed.scores.total).toEqual({ returnees: 0, economic: null, social: null, psychosocial: null, composite: null, share_sustainable: null });
  });

  it('takes a period of months, refusing a reversed or too long one', async () => {
    const past = (await supervisor.request('GET', `${base}/dashboard?from=2001-01&to=2001-12`)).json();
    expect(past).toMatchObject({ from: '2001-01', to: '2001-12', arrivals_by_month: [], cases_by_status: [], closure_reasons: [] });
    expect((await supervisor.request('GET', `${base}/dashboard?from=2026-05`)).json()).toMatchObject({ from: '2026-05', to: '2027-04' });
    const reversed = await supervisor.request('GET', `${base}/dashboard?from=2026-05&to=2026-01`);
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error.fields[0].path).toBe('from');
    expect((await supervisor.request('GET', `${base}/dashboard?from=2000-01&to=2026-01`)).statusCode).toBe(400);
    expect((await supervisor.request('GET', `${base}/dashboard?from=2026-13`)).statusCode).toBe(400);
    expect((await supervisor.request('GET', `${base}/dashboard?org_unit=NOPE`)).json().error.fields[0].path).toBe('org_unit');
  });
});
