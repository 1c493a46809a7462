import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestPlatform, type Session, type TestPlatform } from '../../test/platform.js';
import { retentionCutoff, retentionPolicySchema } from './domain/retention.js';
import { applyRetention, bundledRetentionPolicy } from './retention.js';

describe('retention periods', () => {
  it('ships a valid policy, each record type once', () => {
    expect(bundledRetentionPolicy().rules.map((r) => r.record).sort()).toEqual(['assessment_answers', 'free_text_notes', 'person_link', 'protected_fields']);
    expect(retentionPolicySchema.safeParse({ version: 'x', description: '', rules: [{ record: 'person_link', months_after_closure: 1, why: '' }, { record: 'person_link', months_after_closure: 2, why: '' }] }).success).toBe(false);
  });

  it('counts months back from now, clamping to the end of shorter months', () => {
    expect(retentionCutoff(new Date('2026-11-28T10:00:00Z'), 12).toISOString()).toBe('2025-11-28T10:00:00.000Z');
    expect(retentionCutoff(new Date('2026-03-31T00:00:00Z'), 1).toISOString()).toBe('2026-02-28T00:00:00.000Z');
    expect(retentionCutoff(new Date('2026-01-15T00:00:00Z'), 120).toISOString()).toBe('2016-01-15T00:00:00.000Z');
  });
});

describe('enforcing retention on closed cases', () => {
  let p: TestPlatform;
  let worker: Session;
  let supervisor: Session;
  beforeAll(async () => {
    p = await startTestPlatform();
    worker = await p.userSession('case_worker', ['GTM']);
    supervisor = await p.userSession('case_supervisor', ['GTM']);
  });
  afterAll(() => p.close());

  async function closedCase(name: string) {
    const personId = ((await worker.request('POST', '/api/v1/persons', { given_name: name, family_name: 'Retención', org_unit_code: 'GTM' })).json() as { id: string }).id;
    const c = (await worker.request('POST', '/api/v1/reintegration/cases', { person_id: personId, org_unit: 'GTM', arrival_date: '2026-01-10', returned_from_iso3: 'USA', return_how: 'voluntary', household_size: 1 })).json() as { id: string };
    const url = `/api/v1/reintegration/cases/${c.id}`;
    await worker.request('POST', `${url}/assessments`, { kind: 'vulnerability', answers: { factors: ['single_parent'], level: 'medium', notes: 'Tres hijos' } });
    await worker.request('PUT', `${url}/protected`, { psychosocial_notes: 'Ansiedad' });
    await worker.request('POST', `${url}/plan/activities`, { need: 'no_income', response: 'job_placement', partner: 'Avanza', notes: 'Prefiere turno de mañana' });
    await worker.request('POST', `${url}/plan/submit`);
    await supervisor.request('POST', `${url}/plan/approve`, {});
    await worker.request('POST', `${url}/closure`, { reason: 'moved_away', note: 'Se mudó con su hermana' });
    expect((await supervisor.request('POST', `${url}/closure/approve`, {})).json().status).toBe('closed');
    return { id: c.id, personId };
  }
  const closeOn = (id: string, iso: string) => p.ctx.database.rows(sql`UPDATE rn_cases SET closed_at = ${iso} WHERE id = ${id}`);
  const held = async (id: string) => {
    const [row] = await p.ctx.database.rows<{ protected: number; answers: number; closure_note: string | null; activity_notes: number; person_id: string | null }>(sql`
      SELECT (SELECT count(*)::int FROM rn_case_protected WHERE case_id = c.id) AS protected,
             (SELECT count(*)::int FROM rn_assessments WHERE case_id = c.id AND answers <> '{}'::jsonb) AS answers,
             (SELECT count(*)::int FROM rn_plan_activities WHERE case_id = c.id AND notes IS NOT NULL) AS activity_notes,
             c.closure_note, c.person_id
      FROM rn_cases c WHERE c.id = ${id}`);
    return row!;
  };

  it('removes each kind of record once its period has passed, leaves recent cases alone, and a dry run changes nothing', async () => {
    const now = new Date('2026-11-28T12:00:00Z');
    const old = await closedCase('Antigua'); // closed 4 years ago: protected fields and notes due, answers and link kept
    const recent = await closedCase('Reciente'); // closed 2 months ago: nothing due
    await closeOn(old.id, '2022-10-01T00:00:00Z');
    await closeOn(recent.id, '2026-09-28T00:00:00Z');

    const dry = await applyRetention(p.ctx, { dryRun: true, now });
    expect(Object.fromEntries(dry.map((r) => [r.record, r.cases]))).toEqual({ protected_fields: 1, free_text_notes: 1, assessment_answers: 0, person_link: 0 });
    expect(await held(old.id)).toMatchObject({ protected: 1, answers: 1, activity_notes: 1, closure_note: 'Se mudó con su hermana' });

    const auditBefore = (await p.ctx.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'reintegration.retention'`))[0]!.n;
    await applyRetention(p.ctx, { dryRun: false, now });
    expect(await held(old.id)).toMatchObject({ protected: 0, answers: 1, activity_notes: 0, closure_note: null, person_id: old.personId });
    expect(await held(recent.id)).toMatchObject({ protected: 1, answers: 1, activity_notes: 1 });
    const audits = await p.ctx.database.rows<{ changed_fields: string[] }>(sql`SELECT changed_fields FROM audit_log WHERE action = 'reintegration.retention' ORDER BY seq`);
    expect(audits.length - auditBefore).toBe(2);

    // Eleven years later everything on the old case is due; a second run finds nothing left.
    const later = new Date('2033-11-28T12:00:00Z');
    await applyRetention(p.ctx, { dryRun: false, now: later });
    expect(await held(old.id)).toMatchObject({ answers: 0, person_id: null });
    expect((await applyRetention(p.ctx, { dryRun: true, now: later })).every((r) => r.cases === 0)).toBe(true);
    // The person is still in the registry: retention unlinks the case, it does not erase the person.
    expect((await worker.request('GET', `/api/v1/persons/${old.personId}`)).statusCode).toBe(200);
  });
});
