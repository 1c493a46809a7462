import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { freshTotpCode, startTestPlatform, TEST_PASSWORD, type Session, type TestPlatform } from '../../test/platform.js';
import { planDueDate } from './domain/lifecycle.js';

/** Reintegration cases through the API, on a real database: caseworker, supervisor, scope, consent and protection. */

let p: TestPlatform;
let worker: Session;
let supervisor: Session;
let honduras: Session;

const base = '/api/v1/reintegration';
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

async function count(table: string, where = sql`true`): Promise<number> {
  const [row] = await p.ctx.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)} WHERE ${where}`);
  return row!.n;
}

async function person(s: Session, givenName: string, familyName: string, extra: Record<string, unknown> = {}) {
  const res = await s.request('POST', '/api/v1/persons', { given_name: givenName, family_name: familyName, org_unit_code: 'GTM', ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { id: string }).id;
}

async function openCase(s: Session, personId: string, extra: Record<string, unknown> = {}) {
  const res = await s.request('POST', `${base}/cases`, {
    person_id: personId,
    org_unit: 'GTM',
    arrival_date: daysAgo(3),
    returned_from_iso3: 'USA',
    return_how: 'forced',
    return_category: 'example_deported',
    household_size: 4,
    immediate_needs: ['housing'],
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; reference: string; status: string; plan_due_date: string; allowed_actions: string[] };
}

beforeAll(async () => {
  p = await startTestPlatform();
  worker = await p.userSession('case_worker', ['GTM']);
  supervisor = await p.userSession('case_supervisor', ['GTM']);
  honduras = await p.userSession('case_worker', ['HND']);
});
afterAll(() => p.close());

describe('the case lifecycle through the API', () => {
  it('goes from registration to closure with a caseworker and a supervisor, every step in the history and the audit log', async () => {
    const personId = await person(worker, 'Ana', 'Pérez');
    const created = await openCase(worker, personId);
    expect(created.reference).toMatch(new RegExp(`^RN-${new Date().getUTCFullYear()}-\\d{5}$`));
    expect(created.status).toBe('registered');
    expect(created.plan_due_date).toBe(planDueDate(daysAgo(3)));
    expect(created.allowed_actions).toEqual(['assess', 'plan', 'refer', 'referral_update']);
    const id = created.id;

    const assessed = await worker.request('POST', `${base}/cases/${id}/assessments`, { kind: 'needs', answers: { needs: [{ need: 'no_income', priority: 'high' }, { need: 'debt', priority: 'medium' }] } });
    expect(assessed.statusCode, assessed.body).toBe(200);
    const plan = (await worker.request('GET', `${base}/cases/${id}/plan`)).json() as { proposals: { need: string; response: string }[] };
    expect(plan.proposals.slice(0, 4)).toEqual([
      { need: 'no_income', response: 'job_placement' },
      { need: 'no_income', response: 'business_support' },
      { need: 'no_income', response: 'vocational_training' },
      { need: 'debt', response: 'financial_education' },
    ]);
    expect(plan.proposals.map((x) => x.need)).toContain('housing');

    // Submitting an empty plan is out of order.
    expect((await worker.request('POST', `${base}/cases/${id}/plan/submit`)).statusCode).toBe(409);
    const activity = await worker.request('POST', `${base}/cases/${id}/plan/activities`, { need: 'no_income', response: 'job_placement', partner: 'Fundación Avanza', start_date: daysAgo(1), cost: 150.5, currency: 'GTQ' });
    expect(activity.statusCode, activity.body).toBe(201);
    const activityId = (activity.json() as { id: string }).id;

    const submitted = await worker.request('POST', `${base}/cases/${id}/plan/submit`);
    expect(submitted.json().status).toBe('plan_submitted');
    // A caseworker cannot approve: the verb is the supervisor's.
    expect((await worker.request('POST', `${base}/cases/${id}/plan/approve`, {})).statusCode).toBe(403);
    const returned = await supervisor.request('POST', `${base}/cases/${id}/plan/return`, { note: 'Falta la fecha de fin' });
    expect(returned.json().status).toBe('planning');
    expect((await worker.request('PATCH', `${base}/cases/${id}/plan/activities/${activityId}`, { end_date: daysAgo(2) })).statusCode).toBe(400);
    expect((await worker.request('PATCH', `${base}/cases/${id}/plan/activities/${activityId}`, { end_date: daysAgo(-60) })).statusCode).toBe(200);
    await worker.request('POST', `${base}/cases/${id}/plan/submit`);
    const approved = await supervisor.request('POST', `${base}/cases/${id}/plan/approve`, {});
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'active', overdue: false });
    expect(approved.json().allowed_actions).toEqual(['assess', 'update_activity', 'refer', 'referral_update', 'follow_up', 'score', 'request_closure', 'reassign']);

    // Once approved, an activity's progress changes, not what it answers.
    expect((await worker.request('PATCH', `${base}/cases/${id}/plan/activities/${activityId}`, { response: 'business_support' })).statusCode).toBe(409);
    expect((await worker.request('PATCH', `${base}/cases/${id}/plan/activities/${activityId}`, { status: 'in_progress' })).json().status).toBe('in_progress');

    const followUp = await worker.request('POST', `${base}/cases/${id}/follow-ups`, { scheduled_on: daysAgo(0) });
    expect(followUp.statusCode, followUp.body).toBe(201);
    const followUpId = (followUp.json() as { id: string }).id;
    const recorded = await worker.request('POST', `${base}/cases/${id}/follow-ups/${followUpId}/record`, { done_on: daysAgo(0), channel: 'visit', notes: 'Empezó a trabajar' });
    expect(recorded.json()).toMatchObject({ done_on: daysAgo(0), channel: 'visit' });
    expect((await worker.request('POST', `${base}/cases/${id}/follow-ups/${followUpId}/record`, { done_on: daysAgo(0), channel: 'visit' })).statusCode).toBe(409);

    expect((await worker.request('POST', `${base}/cases/${id}/closure`, { reason: 'gone' })).statusCode).toBe(400);
    expect((await worker.request('POST', `${base}/cases/${id}/closure`, { reason: 'plan_completed' })).json().status).toBe('closure_requested');
    const refused = await supervisor.request('POST', `${base}/cases/${id}/closure/refuse`, { note: 'Falta un seguimiento' });
    expect(refused.json()).toMatchObject({ status: 'active', closure_reason: null });
    await worker.request('POST', `${base}/cases/${id}/closure`, { reason: 'plan_completed' });
    const closed = await supervisor.request('POST', `${base}/cases/${id}/closure/approve`, {});
    expect(closed.json()).toMatchObject({ status: 'closed', closure_reason: 'plan_completed', allowed_actions: [] });
    expect((await worker.request('POST', `${base}/cases/${id}/assessments`, { kind: 'vulnerability', answers: { factors: [], level: 'low' } })).statusCode).toBe(409);

    expect((await supervisor.request('GET', `${base}/cases/${id}`)).json().reference).toBe(created.reference);
    const history = (await worker.request('GET', `${base}/cases/${id}/history`)).json() as { items: { action: string; to_status: string | null }[] };
    expect(history.items.filter((e) => e.to_status).map((e) => e.to_status)).toEqual(['registered', 'planning', 'plan_submitted', 'planning', 'plan_submitted', 'active', 'closure_requested', 'active', 'closure_requested', 'closed']);
    const audited = await p.ctx.database.rows<{ action: string }>(sql`SELECT action FROM audit_log WHERE record_id = ${id} ORDER BY seq`);
    expect(audited.map((a) => a.action)).toEqual(expect.arrayContaining(['reintegration.registered', 'reintegration.approve_plan', 'reintegration.approve_closure', 'reintegration.case_read']));
    // Every write has its audit entry and its history event; reads are audited too, but make no history.
    expect(audited.filter((a) => !a.action.endsWith('_read')).length).toBe(history.items.length);

    // One open case per person, but a closed case does not stop a new one.
    const again = await openCase(worker, personId);
    const third = await worker.request('POST', `${base}/cases`, { person_id: personId, org_unit: 'GTM', arrival_date: daysAgo(1), returned_from_iso3: 'MEX', return_how: 'voluntary', household_size: 1 });
    expect(third.statusCode).toBe(409);
    expect(third.json().error.fields[0].message).toContain(again.reference);
  });

  it('lists the caseload with filters, overdue plans and a search by name or document, inside the scope only', async () => {
    const marta = await person(worker, 'Marta', 'Xocop Tzul', { documents: [{ kind: 'passport', number: 'GT-778 899' }] });
    const late = await openCase(worker, marta, { arrival_date: daysAgo(45) });
    const other = await person(worker, 'Luis', 'Ramírez');
    await openCase(worker, other);

    const list = async (s: Session, query: string) => (await s.request('GET', `${base}/cases?${query}`)).json() as { items: { id: string; overdue: boolean }[]; total: number };
    const overdue = await list(worker, 'overdue=true&status=registered,planning');
    expect(overdue.items.map((c) => c.id)).toEqual([late.id]);
    expect(overdue.items[0]!.overdue).toBe(true);
    expect((await list(worker, 'q=xocop')).items.map((c) => c.id)).toEqual([late.id]);
    expect((await list(worker, 'q=gt778899')).items.map((c) => c.id)).toEqual([late.id]);
    expect((await list(worker, `q=${late.reference}`)).items.map((c) => c.id)).toEqual([late.id]);
    expect((await list(worker, 'caseworker=me&page_size=1')).items).toHaveLength(1);
    expect((await list(worker, 'caseworker=me')).total).toBeGreaterThanOrEqual(3);
    expect((await list(honduras, 'q=xocop')).total).toBe(0);
    expect((await worker.request('GET', `${base}/cases?status=lost`)).statusCode).toBe(400);

    const supervision = (await supervisor.request('GET', `${base}/supervision`)).json() as { overdue: { id: string }[]; caseload: { caseworker: { id: string } | null; open: number; overdue: number }[] };
    expect(supervision.overdue.map((c) => c.id)).toContain(late.id);
    const mine = supervision.caseload.find((c) => c.caseworker?.id === worker.user.id)!;
    expect(mine.overdue).toBe(1);
    expect(mine.open).toBeGreaterThanOrEqual(3);
  });

  it('answers 404 to a caseworker of another scope, for reading and writing alike', async () => {
    const c = await openCase(worker, await person(worker, 'Rosa', 'Gómez'));
    expect((await honduras.request('GET', `${base}/cases/${c.id}`)).statusCode).toBe(404);
    expect((await honduras.request('GET', `${base}/cases/${c.id}/history`)).statusCode).toBe(404);
    expect((await honduras.request('POST', `${base}/cases/${c.id}/assessments`, { kind: 'vulnerability', answers: { factors: [], level: 'low' } })).statusCode).toBe(404);
    expect((await honduras.request('GET', `${base}/cases/${c.id}`)).json().error.code).toBe('not_found');
  });
});

describe('bad input writes nothing', () => {
  it('refuses a registration naming the field, in the caller’s language, without a row or an audit entry', async () => {
    const personId = await person(worker, 'Pedro', 'Sis');
    const [casesBefore, auditBefore] = [await count('rn_cases'), await count('audit_log')];
    const cases: [Record<string, unknown>, string][] = [
      [{ household_size: 0 }, 'household_size'],
      [{ return_category: 'not_a_category' }, 'return_category'],
      [{ arrival_date: daysAgo(-5) }, 'arrival_date'],
      [{ org_unit: 'HND' }, 'org_unit'],
      [{ returned_from_iso3: 'usa' }, 'returned_from_iso3'],
      [{ person_id: crypto.randomUUID() }, 'person_id'],
      [{ surprise: true }, 'surprise'],
    ];
    for (const [change, field] of cases) {
      const res = await worker.request('POST', `${base}/cases`, { person_id: personId, org_unit: 'GTM', arrival_date: daysAgo(1), returned_from_iso3: 'USA', return_how: 'forced', household_size: 2, ...change });
      expect(res.statusCode, JSON.stringify(change)).toBe(400);
      expect(res.json().error.fields.map((f: { path: string }) => f.path), res.body).toContain(field);
    }
    const worded = await worker.request('POST', `${base}/cases`, { person_id: personId, org_unit: 'GTM', arrival_date: daysAgo(1), returned_from_iso3: 'USA', return_how: 'forced', household_size: 2, return_category: 'nope' });
    expect(worded.json().error.fields[0].message).toBe('«nope» no es una categoría de retorno de GTM.');
    expect(await count('rn_cases')).toBe(casesBefore);
    expect(await count('audit_log')).toBe(auditBefore);
  });

  it('words the module’s refusals in the user’s language, and writes no activity that ends before it starts', async () => {
    const c = await openCase(worker, await person(worker, 'Lucía', 'Tun'));
    const speaker = await p.userSession('case_worker', ['GTM']);
    const expected = { en: 'The end date is before the start date.', fr: 'La date de fin précède la date de début.', pt: 'A data de término é anterior à de início.', es: 'La fecha de fin es anterior a la de inicio.' };
    for (const [locale, message] of Object.entries(expected)) {
      expect((await speaker.request('PATCH', '/api/v1/me', { locale })).statusCode).toBe(200);
      const res = await speaker.request('POST', `${base}/cases/${c.id}/plan/activities`, { need: 'housing', response: 'housing_support', partner: 'Hábitat', start_date: daysAgo(1), end_date: daysAgo(2) });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields).toEqual([{ path: 'end_date', message }]);
    }
    expect(await count('rn_plan_activities', sql`case_id = ${c.id}`)).toBe(0);
    // The case did not move to planning either: the refused write left nothing behind.
    expect((await worker.request('GET', `${base}/cases/${c.id}`)).json().status).toBe('registered');
  });

  it('refuses assessment answers that do not fit their kind, naming the field', async () => {
    const c = await openCase(worker, await person(worker, 'Juana', 'Tol'));
    const before = await count('rn_assessments');
    const res = await worker.request('POST', `${base}/cases/${c.id}/assessments`, { kind: 'skills', answers: { occupation: 'Soldador', years: -2, certificates: [], languages: ['en'], wants_recognition: true } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].path).toBe('answers.years');
    const skills = await worker.request('POST', `${base}/cases/${c.id}/assessments`, {
      kind: 'skills',
      answers: { occupation: 'Soldador', years: 6, certificates: [{ title: 'AWS D1.1', country_iso3: 'USA' }], languages: ['es', 'en'], wants_recognition: true },
    });
    expect(skills.statusCode, skills.body).toBe(200);
    expect(await count('rn_assessments')).toBe(before + 1);
  });
});

describe('referrals and consent', () => {
  it('refuses a referral without consent naming the partner, allows it once consent is recorded, and lets an override with a reason through', async () => {
    const personId = await person(worker, 'Carlos', 'Ajú');
    const c = await openCase(worker, personId);
    const before = await count('rn_referrals');
    const refused = await worker.request('POST', `${base}/cases/${c.id}/referrals`, { partner: 'Fundación Avanza', service: 'Colocación laboral' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.fields[0]).toEqual({ path: 'partner', message: expect.stringContaining('«Fundación Avanza»') });
    // A caseworker's reason does not count: the override is a supervisor's permission.
    const noVerb = await worker.request('POST', `${base}/cases/${c.id}/referrals`, { partner: 'Fundación Avanza', service: 'Colocación laboral', override_reason: 'Urgente' });
    expect(noVerb.statusCode).toBe(403);
    expect(await count('rn_referrals')).toBe(before);

    const consent = await worker.request('POST', `/api/v1/persons/${personId}/consents`, { purpose: 'sharing', partner: 'Fundacion Avanza', scope: 'Datos de contacto y perfil laboral', channel: 'in_person' });
    expect(consent.statusCode, consent.body).toBe(201);
    const referred = await worker.request('POST', `${base}/cases/${c.id}/referrals`, { partner: 'Fundación Avanza', service: 'Colocación laboral' });
    expect(referred.statusCode, referred.body).toBe(201);
    expect(referred.json()).toMatchObject({ basis: 'consent', consent_id: consent.json().id, partner_response: null });
    const referralId = referred.json().id as string;

    expect((await worker.request('POST', `${base}/cases/${c.id}/referrals/${referralId}/outcome`, { outcome: 'service_provided' })).statusCode).toBe(409);
    expect((await worker.request('POST', `${base}/cases/${c.id}/referrals/${referralId}/response`, { response: 'accepted' })).json().partner_response).toBe('accepted');
    expect((await worker.request('POST', `${base}/cases/${c.id}/referrals/${referralId}/response`, { response: 'refused' })).statusCode).toBe(409);
    expect((await worker.request('POST', `${base}/cases/${c.id}/referrals/${referralId}/outcome`, { outcome: 'service_provided', notes: 'Contratado' })).json().outcome).toBe('service_provided');

    // Consent for one partner is not consent for another; a supervisor may override with a reason.
    expect((await worker.request('POST', `${base}/cases/${c.id}/referrals`, { partner: 'Casa del Migrante', service: 'Albergue' })).statusCode).toBe(409);
    const overridden = await supervisor.request('POST', `${base}/cases/${c.id}/referrals`, { partner: 'Casa del Migrante', service: 'Albergue', override_reason: 'Sin techo esta noche; no se le pudo localizar' });
    expect(overridden.statusCode, overridden.body).toBe(201);
    expect(overridden.json()).toMatchObject({ basis: 'override', consent_id: null });
    const history = (await worker.request('GET', `${base}/cases/${c.id}/history`)).json() as { items: { action: string }[] };
    expect(history.items.map((e) => e.action)).toContain('referred_without_consent');
  });
});

describe('protected fields', () => {
  it('masks them for everyone, lets a caseworker record them, and shows them to a supervisor who types the password again', async () => {
    const c = await openCase(worker, await person(worker, 'Elena', 'Chub'));
    const recorded = await worker.request('PUT', `${base}/cases/${c.id}/protected`, { psychosocial_notes: 'Relata amenazas en el trayecto', trafficking_indication: true });
    expect(recorded.statusCode, recorded.body).toBe(200);
    expect(recorded.json().sensitive).toEqual({ psychosocial_notes: null, trafficking_indication: null, violence_indication: null, protected: true, can_reveal: false });
    const asSupervisor = (await supervisor.request('GET', `${base}/cases/${c.id}`)).json();
    expect(asSupervisor.sensitive).toMatchObject({ psychosocial_notes: null, protected: true, can_reveal: true });
    expect(JSON.stringify(asSupervisor)).not.toContain('amenazas');

    expect((await worker.request('POST', `${base}/cases/${c.id}/reveal`, { password: TEST_PASSWORD })).statusCode).toBe(403);
    const reveals = () => count('audit_log', sql`action = 'reintegration.protected_reveal' AND record_id = ${c.id}`);
    const missing = await supervisor.request('POST', `${base}/cases/${c.id}/reveal`, {});
    expect(missing.statusCode).toBe(400);
    const wrong = await supervisor.request('POST', `${base}/cases/${c.id}/reveal`, { password: 'not the password at all' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields[0].path).toBe('password');
    expect(wrong.body).not.toContain('amenazas');
    expect(await reveals()).toBe(0);
    expect(await count('audit_log', sql`action = 'auth.reauth_failed' AND actor_id = ${supervisor.user.id}`)).toBe(1);

    const shown = await supervisor.request('POST', `${base}/cases/${c.id}/reveal`, { password: TEST_PASSWORD });
    expect(shown.statusCode, shown.body).toBe(200);
    expect(shown.json()).toEqual({ psychosocial_notes: 'Relata amenazas en el trayecto', trafficking_indication: true, violence_indication: null, protected: false, can_reveal: true });
    expect(await reveals()).toBe(1);
  });

  it('accepts a current code of the second factor instead of the password, for a user who has one', async () => {
    const admin = await p.userSession('admin', ['GTM']);
    const c = await openCase(worker, await person(worker, 'Nora', 'Ixcot'));
    await worker.request('PUT', `${base}/cases/${c.id}/protected`, { violence_indication: false });
    const code = await freshTotpCode(p.ctx, admin.user.email);
    const wrongCode = code === '000000' ? '111111' : '000000';
    const refused = await admin.request('POST', `${base}/cases/${c.id}/reveal`, { code: wrongCode });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields[0].path).toBe('code');
    const shown = await admin.request('POST', `${base}/cases/${c.id}/reveal`, { code });
    expect(shown.statusCode, shown.body).toBe(200);
    expect(shown.json().violence_indication).toBe(false);
    // A code is good once: the same one cannot confirm the next reveal.
    const replayed = await admin.request('POST', `${base}/cases/${c.id}/reveal`, { code });
    expect(replayed.statusCode).toBe(400);
    expect(replayed.json().error.fields[0].path).toBe('code');
    // A code means nothing for a user without a second factor: they type the password.
    expect((await supervisor.request('POST', `${base}/cases/${c.id}/reveal`, { code })).statusCode).toBe(400);
  });

  it('exports a case only after the password again, with protected fields for holders of cases.protected, audited', async () => {
    const c = await openCase(worker, await person(worker, 'Tomás', 'Pop'));
    await worker.request('PUT', `${base}/cases/${c.id}/protected`, { violence_indication: true });
    expect((await worker.request('POST', `${base}/cases/${c.id}/export`, { password: 'wrong password typed' })).statusCode).toBe(400);
    const byWorker = await worker.request('POST', `${base}/cases/${c.id}/export`, { password: TEST_PASSWORD });
    expect(byWorker.statusCode, byWorker.body).toBe(200);
    expect(byWorker.headers['content-disposition']).toContain('attachment');
    expect(byWorker.json().case.sensitive).toMatchObject({ violence_indication: null, protected: true });
    const bySupervisor = (await supervisor.request('POST', `${base}/cases/${c.id}/export`, { password: TEST_PASSWORD })).json();
    expect(bySupervisor.case.sensitive).toMatchObject({ violence_indication: true, protected: false });
    expect(bySupervisor.history[0].action).toBe('registered');
    expect(await count('audit_log', sql`action = 'reintegration.case_export' AND record_id = ${c.id}`)).toBe(2);
  });
});

describe('personal data: export, erasure and merge', () => {
  it('exports the person’s cases with the registry, and erasure keeps the case for the counts without anything personal', async () => {
    const admin = await p.userSession('admin', ['GTM']);
    const personId = await person(worker, 'Irma', 'Batz');
    const c = await openCase(worker, personId);
    await worker.request('POST', `${base}/cases/${c.id}/assessments`, { kind: 'remittances', answers: { family_received_remittances: true, monthly_amount_usd: 300, uses: ['daily_needs', 'housing'], has_savings: false, savings_held_in: [], has_debt_from_migration: true, debt_usd: 8000, still_receives_from_abroad: false } });
    await worker.request('PUT', `${base}/cases/${c.id}/protected`, { psychosocial_notes: 'Duelo por un hermano' });

    const exported = (await worker.request('GET', `/api/v1/persons/${personId}/export`)).json() as { data: { reintegration: { cases: { reference: string; assessments: { answers: unknown }[]; protected: unknown }[] } } };
    expect(exported.data.reintegration.cases).toHaveLength(1);
    expect(exported.data.reintegration.cases[0]!.reference).toBe(c.reference);
    expect(exported.data.reintegration.cases[0]!.assessments[0]!.answers).toMatchObject({ debt_usd: 8000 });

    const erased = await admin.request('DELETE', `/api/v1/persons/${personId}`);
    expect(erased.statusCode, erased.body).toBeLessThan(300);
    const [row] = await p.ctx.database.rows<{ person_id: string | null; erased_at: Date | null; returned_from_iso3: string }>(sql`SELECT person_id, erased_at, returned_from_iso3 FROM rn_cases WHERE id = ${c.id}`);
    expect(row).toMatchObject({ person_id: null, returned_from_iso3: 'USA' });
    expect(row!.erased_at).not.toBeNull();
    expect(await count('rn_case_protected', sql`case_id = ${c.id}`)).toBe(0);
    expect(await count('rn_assessments', sql`case_id = ${c.id} AND answers <> '{}'::jsonb`)).toBe(0);
    expect(await count('audit_log', sql`action = 'reintegration.case_erased' AND record_id = ${c.id}`)).toBe(1);
    const after = (await supervisor.request('GET', `${base}/cases/${c.id}`)).json();
    expect(after).toMatchObject({ person: null, erased: true });
    const referral = await supervisor.request('POST', `${base}/cases/${c.id}/referrals`, { partner: 'X', service: 'Y', override_reason: 'Z' });
    expect(referral.statusCode).toBe(409);
  });

  it('moves the cases of a duplicate record to the person that stays when a supervisor merges them', async () => {
    const kept = await person(worker, 'Mario', 'Coc', { birth_date: '1991-04-02' });
    const duplicate = await person(worker, 'Mario', 'Cóc', { birth_date: '1991-04-02' });
    const c = await openCase(worker, duplicate);
    const merged = await supervisor.request('POST', `/api/v1/persons/${kept}/merge`, { duplicate_id: duplicate });
    expect(merged.statusCode, merged.body).toBe(200);
    expect((await worker.request('GET', `${base}/cases/${c.id}`)).json().person).toMatchObject({ id: kept, given_name: 'Mario' });
  });
});

describe('configuration', () => {
  it('replaces a country’s return categories and the response grid with reintegration.configure, refusing repeats', async () => {
    const admin = await p.userSession('admin', ['001']);
    const seeded = (await worker.request('GET', `${base}/return-categories?country=GTM`)).json() as { items: { code: string; example: boolean }[] };
    expect(seeded.items.every((c) => c.example && c.code.startsWith('example_'))).toBe(true);
    const repeated = await admin.request('PUT', `${base}/return-categories/HND`, { items: [{ code: 'a', label_es: 'A', label_en: 'A' }, { code: 'a', label_es: 'B', label_en: 'B' }] });
    expect(repeated.statusCode).toBe(400);
    expect(repeated.json().error.fields[0].path).toBe('items.1.code');
    const replaced = await admin.request('PUT', `${base}/return-categories/HND`, { items: [{ code: 'retornado_laboral', label_es: 'Retornado laboral', label_en: 'Labour returnee' }] });
    expect(replaced.json().items).toEqual([{ country_iso3: 'HND', code: 'retornado_laboral', label: 'Retornado laboral', label_es: 'Retornado laboral', label_en: 'Labour returnee', example: false }]);

    expect((await admin.request('PUT', `${base}/grid`, { entries: [{ need: 'debt', response: 'savings_group' }, { need: 'debt', response: 'savings_group' }] })).statusCode).toBe(400);
    const grid = await admin.request('PUT', `${base}/grid`, { entries: [{ need: 'debt', response: 'savings_group' }, { need: 'no_income', response: 'business_support' }] });
    expect(grid.json().entries).toHaveLength(2);
    const c = await openCase(worker, await person(worker, 'Silvia', 'Caal'), { immediate_needs: ['debt', 'housing'] });
    expect((await worker.request('GET', `${base}/cases/${c.id}/plan`)).json().proposals).toEqual([{ need: 'debt', response: 'savings_group' }]);
    expect(await count('audit_log', sql`action = 'reintegration.grid_replace'`)).toBe(1);
  });
});

describe('supervision: handing a case over, and referrals answered during closure', () => {
  it('reassigns a case to a caseworker whose capture scope covers it, refusing anyone else', async () => {
    const c = await openCase(worker, await person(worker, 'Elena', 'Quiej'));
    const colleague = await p.userSession('case_worker', ['GTM']);
    const url = `${base}/cases/${c.id}/caseworker`;
    expect((await worker.request('POST', url, { caseworker_id: colleague.user.id })).statusCode).toBe(403);
    for (const unfit of [honduras.user.id, (await p.userSession('viewer', ['GTM'])).user.id, '00000000-0000-4000-8000-000000000000']) {
      const refused = await supervisor.request('POST', url, { caseworker_id: unfit });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.fields[0].path).toBe('caseworker_id');
    }
    // The supervision page offers the colleague before they hold any case, with their units; not the others.
    const offered = ((await supervisor.request('GET', `${base}/supervision`)).json() as { caseworkers: { id: string; units: { code: string }[] }[] }).caseworkers;
    expect(offered.find((w) => w.id === colleague.user.id)?.units.map((u) => u.code)).toEqual(['GTM']);
    expect(offered.map((w) => w.id)).toContain(worker.user.id);
    expect(offered.map((w) => w.id)).not.toContain(honduras.user.id);
    const moved = await supervisor.request('POST', url, { caseworker_id: colleague.user.id });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().caseworker).toMatchObject({ id: colleague.user.id });
    const history = (await worker.request('GET', `${base}/cases/${c.id}/history`)).json().items as { action: string; detail: Record<string, unknown> }[];
    expect(history.at(-1)).toMatchObject({ action: 'reassign', detail: { from: worker.user.id, to: colleague.user.id } });
    expect(await count('audit_log', sql`action = 'reintegration.reassign' AND record_id = ${c.id}`)).toBe(1);
    expect((await honduras.request('POST', url, { caseworker_id: worker.user.id })).statusCode).toBe(403);
  });

  it('records the partner’s response and the outcome of an earlier referral while closure is requested', async () => {
    const c = await openCase(worker, await person(worker, 'Juan', 'Ixcoy'));
    await worker.request('POST', `${base}/cases/${c.id}/plan/activities`, { need: 'no_income', response: 'job_placement', partner: 'INTECAP' });
    const referral = (await supervisor.request('POST', `${base}/cases/${c.id}/referrals`, { partner: 'INTECAP', service: 'Curso', override_reason: 'Urgente' })).json() as { id: string };
    await worker.request('POST', `${base}/cases/${c.id}/plan/submit`);
    await supervisor.request('POST', `${base}/cases/${c.id}/plan/approve`, {});
    expect((await worker.request('POST', `${base}/cases/${c.id}/closure`, { reason: 'plan_completed' })).json().status).toBe('closure_requested');
    // No new referral now, but the open one is answered and its outcome recorded.
    expect((await supervisor.request('POST', `${base}/cases/${c.id}/referrals`, { partner: 'X', service: 'Y', override_reason: 'Z' })).statusCode).toBe(409);
    expect((await worker.request('POST', `${base}/cases/${c.id}/referrals/${referral.id}/response`, { response: 'accepted' })).statusCode).toBe(200);
    const outcome = await worker.request('POST', `${base}/cases/${c.id}/referrals/${referral.id}/outcome`, { outcome: 'service_provided' });
    expect(outcome.statusCode, outcome.body).toBe(200);
    expect(outcome.json()).toMatchObject({ partner_response: 'accepted', outcome: 'service_provided' });
    await supervisor.request('POST', `${base}/cases/${c.id}/closure/approve`, {});
    expect((await worker.request('POST', `${base}/cases/${c.id}/referrals/${referral.id}/outcome`, { outcome: 'not_provided' })).statusCode).toBe(409);
  });
});
