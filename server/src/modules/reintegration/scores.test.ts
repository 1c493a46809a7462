import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestPlatform, type Session, type TestPlatform } from '../../test/platform.js';
import bundled from './instruments/mide-sustainability-1.json' with { type: 'json' };

/** Sustainability instruments and scores through the API, on a real database. */

let p: TestPlatform;
let worker: Session;
let supervisor: Session;
let admin: Session;
let honduras: Session;

const base = '/api/v1/reintegration';
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

type Instrument = { id: string; code: string; version: string; name: string; active: boolean; threshold: number; dimensions: { code: string; items: { code: string; question: string; options: { code: string; score: number; label: string }[] }[] }[] };
type Score = { id: string; occasion: string; follow_up_id: string | null; taken_on: string; instrument: { code: string; version: string; name: string }; economic: number; social: number; psychosocial: number; composite: number; sustainable: boolean; threshold: number; answers: Record<string, string> };

async function count(table: string, where = sql`true`): Promise<number> {
  const [row] = await p.ctx.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)} WHERE ${where}`);
  return row!.n;
}

async function newCase(familyName: string) {
  const person = await worker.request('POST', '/api/v1/persons', { given_name: 'Rosa', family_name: familyName, org_unit_code: 'GTM' });
  expect(person.statusCode, person.body).toBe(201);
  const created = await worker.request('POST', `${base}/cases`, { person_id: person.json().id, org_unit: 'GTM', arrival_date: daysAgo(3), returned_from_iso3: 'USA', return_how: 'forced', household_size: 3 });
  expect(created.statusCode, created.body).toBe(201);
  return created.json() as { id: string; person: { id: string }; allowed_actions: string[] };
}

async function startPlanning(caseId: string) {
  const activity = await worker.request('POST', `${base}/cases/${caseId}/plan/activities`, { need: 'no_income', response: 'job_placement', partner: 'INFOP' });
  expect(activity.statusCode, activity.body).toBe(201);
}

async function approvePlan(caseId: string) {
  expect((await worker.request('POST', `${base}/cases/${caseId}/plan/submit`)).statusCode).toBe(200);
  expect((await supervisor.request('POST', `${base}/cases/${caseId}/plan/approve`, {})).statusCode).toBe(200);
}

/** One answer per item: the option with the lowest or highest score. */
function answersOf(instrument: Instrument, best: boolean): Record<string, string> {
  return Object.fromEntries(instrument.dimensions.flatMap((d) => d.items.map((item) => [item.code, [...item.options].sort((a, b) => (best ? b.score - a.score : a.score - b.score))[0]!.code])));
}

let active: Instrument;

beforeAll(async () => {
  p = await startTestPlatform();
  worker = await p.userSession('case_worker', ['GTM']);
  supervisor = await p.userSession('case_supervisor', ['GTM']);
  admin = await p.userSession('admin', ['001']);
  honduras = await p.userSession('case_worker', ['HND']);
  active = (await worker.request('GET', `${base}/instruments/active`)).json() as Instrument;
});
afterAll(() => p.close());

describe('instruments', () => {
  it('seeds mide’s own survey as the active one, readable in the caller’s language', async () => {
    const list = await worker.request('GET', `${base}/instruments`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items).toEqual([expect.objectContaining({ code: 'mide-sustainability', version: '1', name: 'Encuesta de sostenibilidad de mide, v1', active: true, items_count: 18 })]);
    expect(active).toMatchObject({ code: 'mide-sustainability', threshold: 0.66 });
    expect(active.dimensions.map((d) => d.code)).toEqual(['economic', 'social', 'psychosocial']);
    expect(active.dimensions[0]!.items[0]!.question).toMatch(/hogar/);
    const reader = await p.userSession('case_worker', ['GTM']);
    await reader.request('PATCH', '/api/v1/me', { locale: 'en' });
    const english = (await reader.request('GET', `${base}/instruments/${active.id}`)).json() as Instrument;
    expect(english.name).toBe('mide sustainability survey, v1');
    expect(english.dimensions[0]!.items[0]!.options[0]!.label).toMatch(/income/i);
    expect((await worker.request('GET', `${base}/instruments/00000000-0000-4000-8000-000000000000`)).statusCode).toBe(404);
  });

  it('loads another version from a file, refusing a bad one at its JSON path and writing nothing', async () => {
    expect((await worker.request('POST', `${base}/instruments`, bundled)).statusCode).toBe(403);
    const before = await count('rn_instruments');

    const broken = structuredClone(bundled) as typeof bundled;
    broken.version = 'broken';
    broken.dimensions[1]!.items[0]!.options = broken.dimensions[1]!.items[0]!.options.slice(0, 1);
    (broken.dimensions[2]!.items[3]!.options[1] as { score: number }).score = 2;
    const french = await p.userSession('admin', ['001']);
    await french.request('PATCH', '/api/v1/me', { locale: 'fr' });
    const refused = await french.request('POST', `${base}/instruments`, broken);
    expect(refused.statusCode).toBe(400);
    const fields = refused.json().error.fields as { path: string; message: string }[];
    expect(fields.map((f) => f.path)).toEqual(['dimensions[1].items[0].options', 'dimensions[2].items[3].options[1].score']);
    expect(fields[1]!.message).toBe('Doit être au plus 1.');

    const repeated = structuredClone(bundled);
    repeated.version = 'repeated';
    repeated.dimensions[0]!.items[1]!.code = repeated.dimensions[0]!.items[0]!.code;
    const refusedRepeat = await admin.request('POST', `${base}/instruments`, repeated);
    expect(refusedRepeat.json().error.fields).toEqual([{ path: 'dimensions[0].items[1].code', message: 'El código de pregunta «income_source» está repetido en la encuesta.' }]);

    const again = await admin.request('POST', `${base}/instruments`, bundled);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.fields[0].path).toBe('version');
    expect(await count('rn_instruments')).toBe(before);
  });

  it('makes a loaded version the active one, and activates another on demand; both audited', async () => {
    const next = { ...structuredClone(bundled), version: '2', threshold: 0.5 };
    const loaded = await admin.request('POST', `${base}/instruments`, next);
    expect(loaded.statusCode, loaded.body).toBe(201);
    expect(loaded.json()).toMatchObject({ version: '2', active: true, threshold: 0.5 });
    const list = (await worker.request('GET', `${base}/instruments`)).json().items as { version: string; active: boolean }[];
    expect(list.filter((i) => i.active).map((i) => i.version)).toEqual(['2']);

    expect((await supervisor.request('POST', `${base}/instruments/${active.id}/activate`)).statusCode).toBe(403);
    const back = await admin.request('POST', `${base}/instruments/${active.id}/activate`);
    expect(back.statusCode, back.body).toBe(200);
    expect((await worker.request('GET', `${base}/instruments/active`)).json().version).toBe('1');
    expect(await count('audit_log', sql`action IN ('reintegration.instrument_load', 'reintegration.instrument_activate')`)).toBe(2);
  });
});

describe('scores of a case', () => {
  it('takes the plan score and a follow-up score, shows the change, and keeps the order of the case', async () => {
    const c = await newCase('Ajú');
    const worst = answersOf(active, false);
    const best = answersOf(active, true);
    const url = `${base}/cases/${c.id}/scores`;
    // Registered: the survey comes with the plan.
    expect(c.allowed_actions).not.toContain('score');
    expect((await worker.request('POST', url, { occasion: 'plan', taken_on: daysAgo(0), answers: worst })).statusCode).toBe(409);
    await startPlanning(c.id);

    const { income_source: _gone, ...missing } = worst;
    const refused = await worker.request('POST', url, { occasion: 'plan', taken_on: daysAgo(0), answers: { ...missing, debt_burden: 'mucho' } });
    expect(refused.statusCode).toBe(400);
    expect((refused.json().error.fields as { path: string }[]).map((f) => f.path)).toEqual(['answers.income_source', 'answers.debt_burden']);
    expect(refused.json().error.fields[1].message).toContain('unmanageable, manageable, none');
    expect((await worker.request('POST', url, { occasion: 'plan', taken_on: daysAgo(-1), answers: worst })).json().error.fields[0].path).toBe('taken_on');
    expect((await worker.request('POST', url, { occasion: 'plan', taken_on: daysAgo(10), answers: worst })).json().error.fields[0].path).toBe('taken_on');
    expect((await worker.request('POST', url, { occasion: 'follow_up', taken_on: daysAgo(0), answers: worst })).json().error.fields[0].path).toBe('follow_up_id');
    expect(await count('rn_scores', sql`case_id = ${c.id}`)).toBe(0);

    const plan = await worker.request('POST', url, { occasion: 'plan', taken_on: daysAgo(1), answers: worst });
    expect(plan.statusCode, plan.body).toBe(201);
    expect(plan.json()).toMatchObject({ occasion: 'plan', follow_up_id: null, taken_on: daysAgo(1), economic: 0, social: 0, psychosocial: 0, composite: 0, sustainable: false, threshold: 0.66, instrument: { code: 'mide-sustainability', version: '1' }, answers: worst });

    await approvePlan(c.id);
    // The plan score was taken: once active, scores come with follow-ups.
    expect((await worker.request('POST', url, { occasion: 'plan', taken_on: daysAgo(0), answers: best })).statusCode).toBe(409);
    const followUp = (await worker.request('POST', `${base}/cases/${c.id}/follow-ups`, { scheduled_on: daysAgo(0) })).json() as { id: string };
    const early = await worker.request('POST', url, { occasion: 'follow_up', follow_up_id: followUp.id, taken_on: daysAgo(0), answers: best });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.fields[0].message).toMatch(/Registre primero el seguimiento/);
    await worker.request('POST', `${base}/cases/${c.id}/follow-ups/${followUp.id}/record`, { done_on: daysAgo(0), channel: 'phone' });
    const mixed = { ...best, income_source: 'occasional' };
    const taken = await worker.request('POST', url, { occasion: 'follow_up', follow_up_id: followUp.id, taken_on: daysAgo(0), answers: mixed });
    expect(taken.statusCode, taken.body).toBe(201);
    // income_source weighs 2 of the economic 8: 1 − 2 × 0.5 / 8.
    expect(taken.json()).toMatchObject({ occasion: 'follow_up', follow_up_id: followUp.id, economic: 0.875, social: 1, psychosocial: 1, composite: 0.9583, sustainable: true });
    expect((await worker.request('POST', url, { occasion: 'follow_up', follow_up_id: followUp.id, taken_on: daysAgo(0), answers: best })).statusCode).toBe(409);

    const listed = await supervisor.request('GET', url);
    expect(listed.statusCode, listed.body).toBe(200);
    const { items, change } = listed.json() as { items: Score[]; change: Record<string, unknown> };
    expect(items.map((s) => s.occasion)).toEqual(['plan', 'follow_up']);
    expect(change).toEqual({ from_taken_on: daysAgo(1), to_taken_on: daysAgo(0), economic: 0.875, social: 1, psychosocial: 1, composite: 0.9583 });

    const history = (await worker.request('GET', `${base}/cases/${c.id}/history`)).json().items as { action: string; detail: Record<string, unknown> }[];
    expect(history.filter((e) => e.action === 'score').map((e) => e.detail)).toEqual([
      expect.objectContaining({ occasion: 'plan', instrument: 'mide-sustainability@1', composite: 0 }),
      expect.objectContaining({ occasion: 'follow_up', instrument: 'mide-sustainability@1', composite: 0.9583 }),
    ]);
    expect(await count('audit_log', sql`action = 'reintegration.score' AND record_id = ${c.id}`)).toBe(2);
    expect(await count('audit_log', sql`action = 'reintegration.scores_read' AND record_id = ${c.id}`)).toBe(1);
  });

  it('compares the last score only with scores of its own instrument', async () => {
    const c = await newCase('Tzul');
    await startPlanning(c.id);
    const url = `${base}/cases/${c.id}/scores`;
    await worker.request('POST', url, { occasion: 'plan', taken_on: daysAgo(2), answers: answersOf(active, false) });
    const v3 = (await admin.request('POST', `${base}/instruments`, { ...structuredClone(bundled), version: '3' })).json() as Instrument;
    await worker.request('POST', url, { occasion: 'plan', taken_on: daysAgo(1), answers: answersOf(active, false) });
    await admin.request('POST', `${base}/instruments/${active.id}/activate`);
    const { items, change } = (await worker.request('GET', url)).json() as { items: Score[]; change: unknown };
    expect(items.map((s) => s.instrument.version)).toEqual(['1', '3']);
    expect(change).toBeNull();
    expect(v3.active).toBe(true);
  });

  it('answers 404 outside the scope', async () => {
    const c = await newCase('Xol');
    await startPlanning(c.id);
    expect((await honduras.request('GET', `${base}/cases/${c.id}/scores`)).statusCode).toBe(404);
    expect((await honduras.request('POST', `${base}/cases/${c.id}/scores`, { occasion: 'plan', taken_on: daysAgo(0), answers: answersOf(active, true) })).statusCode).toBe(404);
  });

  it('exports the scores with the person, and erasure keeps their numbers without the answers', async () => {
    const c = await newCase('Sic');
    await startPlanning(c.id);
    await worker.request('POST', `${base}/cases/${c.id}/scores`, { occasion: 'plan', taken_on: daysAgo(0), answers: answersOf(active, true) });
    const exported = (await worker.request('GET', `/api/v1/persons/${c.person.id}/export`)).json() as { data: { reintegration: { cases: { scores: { composite: number; answers: Record<string, string> }[] }[] } } };
    expect(exported.data.reintegration.cases[0]!.scores).toEqual([expect.objectContaining({ composite: 1, answers: answersOf(active, true) })]);
    const erased = await admin.request('DELETE', `/api/v1/persons/${c.person.id}`);
    expect(erased.statusCode, erased.body).toBeLessThan(300);
    const [row] = await p.ctx.database.rows<{ answers: unknown; composite: string }>(sql`SELECT answers, composite FROM rn_scores WHERE case_id = ${c.id}`);
    expect(row).toEqual({ answers: {}, composite: '1.0000' });
  });
});
