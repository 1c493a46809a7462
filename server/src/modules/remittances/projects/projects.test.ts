import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remittancesPrivacy } from '../privacy.js';
import { seedRemittances } from './seed.js';
import { contextOf } from '../../../test/factories.js';
import { startTestPlatform, type Session, type TestPlatform } from '../../../test/platform.js';
import { checkProject, decideProject, proposeProject, recordContribution, scoreProject, signAgreement } from './projects.js';

/**
 * Co-funded projects through the API with each role (docs/api.md): a project from submission to closure, and every
 * bad input of the issue answered with a clear message and nothing written.
 */

let p: TestPlatform;
let association: Session; // representative of the association that proposes
let otherAssociation: Session; // representative of another association
let officer: Session; // local_officer capturing in GT0101
let outsider: Session; // local_officer capturing in GT0102 only
let member1: Session; // committee_member viewing GT01
let member2: Session;
let coordinator: Session; // national_coordinator of GTM
let schemeId: string;
let associationId: string;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

const json = (res: LightMyRequestResponse) => res.json() as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const paths = (res: LightMyRequestResponse) => (json(res).error.fields as { path: string }[]).map((f) => f.path);
const messages = (res: LightMyRequestResponse) => (json(res).error.fields as { message: string }[]).map((f) => f.message).join(' ');
const expectStatus = (res: LightMyRequestResponse, status: number) => expect(res.statusCode, res.body).toBe(status);

const TABLES = ['rm_attachments', 'rm_associations', 'rm_association_members', 'rm_schemes', 'rm_projects', 'rm_project_events', 'rm_score_sheets', 'rm_contributions', 'rm_progress_reports', 'rm_closures', 'persons', 'audit_log'];
/** Row counts of every table a projects route may write, to show that a refused request wrote nothing. */
async function counts() {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = (await p.ctx.database.rows<{ n: number }>(sql.raw(`SELECT count(*)::int AS n FROM ${t}`)))[0]!.n;
  return out;
}
/** Runs a request that must be refused, and checks that it changed no row anywhere. */
async function refused(run: () => Promise<LightMyRequestResponse>, status: number) {
  const before = await counts();
  const res = await run();
  expectStatus(res, status);
  expect(await counts()).toEqual(before);
  return res;
}

async function upload(s: Session, file = PDF, contentType = 'application/pdf', name = 'documento.pdf') {
  const res = await s.request('POST', '/api/v1/remittances/attachments', { file_name: name, content_type: contentType, data_base64: file.toString('base64') });
  expectStatus(res, 201);
  return json(res).id as string;
}

const associationInput = (name: string) => ({
  name,
  residence_country: 'USA',
  residence_city: 'Los Angeles',
  members_count: 40,
  contact: { given_name: 'Rosa', family_name: 'Tzul Pérez', email: 'rosa.tzul@example.org', phone: '+1 213 555 0101' },
});

async function validatedAssociation(s: Session, name: string) {
  const created = await s.request('POST', '/api/v1/remittances/associations', associationInput(name));
  expectStatus(created, 201);
  expectStatus(await officer.request('POST', `/api/v1/remittances/associations/${json(created).id}/validate`, { decision: 'validated' }), 200);
  return json(created).id as string;
}

const proposal = (overrides: Record<string, unknown> = {}) => ({
  association_id: associationId,
  scheme_id: schemeId,
  org_unit_code: 'GT0101',
  project_type: 'infrastructure',
  title: 'Agua potable para la aldea',
  description: 'Tanque, red de distribución y conexiones domiciliarias.',
  budget: 100_000.03,
  expected_beneficiaries: 350,
  latitude: 14.64,
  longitude: -90.51,
  ...overrides,
});

async function propose(overrides: Record<string, unknown> = {}) {
  const res = await association.request('POST', '/api/v1/remittances/projects', proposal(overrides));
  expectStatus(res, 201);
  return json(res);
}

const url = (id: string, step = '') => `/api/v1/remittances/projects/${id}${step}`;
const scoresOf = (values: number[]) => ({ scores: ['benefit', 'feasibility', 'upkeep'].map((criterion, i) => ({ criterion, score: values[i]! })) });
const contribution = (party: string, amount: number, key = randomUUID()) => ({ party, amount, received_on: '2025-06-02', reference: `TRF-${key.slice(0, 6)}`, idempotency_key: key });

/**
 * A fresh project taken up to a status through the actions themselves (the steps' routes have their own tests), for
 * the tests of single steps.
 */
async function projectAt(status: 'submitted' | 'in_review' | 'approved' | 'agreement_signed' | 'in_execution') {
  const [proposer, officerRc, memberRc, coordinatorRc] = await Promise.all([association, officer, member1, coordinator].map((s) => contextOf(p.ctx, s)));
  const project = { id: (await proposeProject(proposer!, proposal() as Parameters<typeof proposeProject>[1])).summary.located.project.id };
  if (status === 'submitted') return project;
  await checkProject(officerRc!, project.id, { complete: true });
  if (status === 'in_review') return project;
  await scoreProject(memberRc!, project.id, scoresOf([8, 7, 6]));
  await decideProject(coordinatorRc!, project.id, { decision: 'approved', reasons: 'Cumple', minutes: 'Acta 1' });
  if (status === 'approved') return project;
  await signAgreement(officerRc!, project.id, { agreement_number: 'CONV-1', signed_on: '2025-05-01' });
  if (status === 'agreement_signed') return project;
  await recordContribution(officerRc!, project.id, contribution('federal', 10_000));
  return project;
}

beforeAll(async () => {
  p = await startTestPlatform();
  const admin = await p.userSession('admin', ['001']);
  const csv = ['code,name,parent_code', 'GT01,Guatemala,GTM', 'GT0101,Guatemala,GT01', 'GT0102,Mixco,GT01'].join('\n');
  expectStatus(await admin.request('POST', '/api/v1/org-units/import', { csv }), 200);
  association = await p.userSession('association', []);
  otherAssociation = await p.userSession('association', []);
  officer = await p.userSession('local_officer', ['GT0101']);
  outsider = await p.userSession('local_officer', ['GT0102']);
  member1 = await p.userSession('committee_member', ['GT01']);
  member2 = await p.userSession('committee_member', ['GT01']);
  coordinator = await p.userSession('national_coordinator', ['GTM']);

  const scheme = await coordinator.request('POST', '/api/v1/remittances/schemes', {
    code: 'gt-2x1',
    name: 'Esquema de prueba (GTQ)',
    currency: 'GTQ',
    parties: [
      { key: 'national', name_es: 'Gobierno nacional', name_en: 'National government' },
      { key: 'municipal', name_es: 'Municipalidad', name_en: 'Municipality' },
      { key: 'federal', name_es: 'Cooperación', name_en: 'Cooperation' },
      { key: 'association', name_es: 'Asociación', name_en: 'Association' },
    ],
    rules: [
      { project_type: 'infrastructure', max_budget: 1_000_000, shares: { national: 25, municipal: 25, federal: 25, association: 25 } },
      { project_type: 'productive', max_budget: 300_000, shares: { federal: 50, association: 50 } },
    ],
    criteria: [
      { key: 'benefit', name_es: 'Beneficio', name_en: 'Benefit', weight: 3 },
      { key: 'feasibility', name_es: 'Viabilidad', name_en: 'Feasibility', weight: 2 },
      { key: 'upkeep', name_es: 'Mantenimiento', name_en: 'Upkeep', weight: 1 },
    ],
    min_score: 6,
  });
  expectStatus(scheme, 201);
  schemeId = json(scheme).id;
  associationId = await validatedAssociation(association, 'Club Aldea Unida de Los Ángeles');
});
afterAll(() => p.close());

describe('schemes', () => {
  it('publishes the seeded example scheme, named as an example to adapt', async () => {
    const res = await p.app.inject({ method: 'GET', url: '/api/v1/remittances/schemes' });
    expectStatus(res, 200);
    const example = (json(res).items as Record<string, any>[]).find((s) => s.code === '3x1-ejemplo')!; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(example.name).toMatch(/ejemplo/i);
    expect(example).toMatchObject({ currency: 'MXN', active: true, min_score: 6 });
    expect(example.rules.find((r: { project_type: string }) => r.project_type === 'productive')).toEqual({ project_type: 'productive', max_budget: 300_000, shares: { federal: 50, association: 50 } });
  });

  it('seeds the example once, however often the platform starts', async () => {
    await seedRemittances(p.ctx);
    await seedRemittances(p.ctx);
    expect(await p.ctx.database.rows(sql`SELECT id FROM rm_schemes WHERE code = '3x1-ejemplo'`)).toHaveLength(1);
  });

  it('retires a scheme: it takes no new projects', async () => {
    const created = await coordinator.request('POST', '/api/v1/remittances/schemes', { ...json(await p.app.inject({ method: 'GET', url: `/api/v1/remittances/schemes/${schemeId}` })), id: undefined, active: undefined, created_at: undefined, code: 'retirable' });
    expectStatus(created, 201);
    expectStatus(await coordinator.request('POST', `/api/v1/remittances/schemes/${json(created).id}/retire`), 200);
    const res = await refused(() => association.request('POST', '/api/v1/remittances/projects', proposal({ scheme_id: json(created).id })), 400);
    expect(paths(res)).toEqual(['scheme_id']);
  });
});

describe('a project from submission to closure, through the roles', () => {
  let id: string;
  it('the association registers (its contact a person of the registry) and the officer validates it', async () => {
    const doc = await upload(association);
    const created = await association.request('POST', '/api/v1/remittances/associations', { ...associationInput('Club Flujo Completo'), registration_document_id: doc });
    expectStatus(created, 201);
    expect(json(created)).toMatchObject({ status: 'pending', residence_country: 'USA', residence_country_name: 'Estados Unidos de América', projects_count: 0, registration_document: { id: doc, content_type: 'application/pdf' } });
    expect(json(created).contact).toMatchObject({ given_name: 'Rosa', family_name: 'Tzul Pérez', email: 'rosa.tzul@example.org' });
    const [person] = await p.ctx.database.rows<{ code: string }>(sql`SELECT o.code FROM persons p JOIN org_units o ON o.id = p.org_unit_id WHERE p.id = ${json(created).contact.person_id}`);
    expect(person!.code).toBe('USA');

    const pending = await association.request('POST', '/api/v1/remittances/projects', proposal({ association_id: json(created).id }));
    expectStatus(pending, 400);
    expect(paths(pending)).toEqual(['association_id']);

    expect((json(await officer.request('GET', '/api/v1/remittances/associations?status=pending')).items as { id: string }[]).map((a) => a.id)).toContain(json(created).id);
    const validated = await officer.request('POST', `/api/v1/remittances/associations/${json(created).id}/validate`, { decision: 'validated' });
    expectStatus(validated, 200);
    expect(json(validated)).toMatchObject({ status: 'validated', validated_by_name: officer.user.displayName });
    // The officer reads the registration document; another association cannot.
    expectStatus(await officer.request('GET', `/api/v1/remittances/attachments/${doc}`), 200);
    expectStatus(await otherAssociation.request('GET', `/api/v1/remittances/attachments/${doc}`), 404);
  });

  it('the association proposes; the officer returns it; the association edits and resubmits', async () => {
    const photo = await upload(association, PNG, 'image/png', 'sitio.png');
    const project = await propose({ attachment_ids: [photo] });
    id = project.id;
    expect(project).toMatchObject({ status: 'submitted', currency: 'GTQ', org_unit_code: 'GT0101', org_unit_name: 'Guatemala', budget: 100_000.03, association_id: associationId, allowed_actions: [] });
    expect(project.reference).toMatch(/^P-\d{4}-\d{4}$/);
    expect(project.attachments.map((a: { id: string }) => a.id)).toEqual([photo]);
    expect(json(await officer.request('GET', url(id))).allowed_actions).toEqual(['check']);

    const returned = await officer.request('POST', url(id, '/check'), { complete: false, missing: ['Plano del tanque'] });
    expectStatus(returned, 200);
    expect(json(returned)).toMatchObject({ status: 'returned', check: { complete: false, missing: ['Plano del tanque'], by_name: officer.user.displayName } });
    expect(json(await association.request('GET', url(id))).allowed_actions).toEqual(['edit', 'resubmit']);

    const edited = await association.request('PATCH', url(id), { description: 'Tanque de 50 m³ con plano adjunto.' });
    expectStatus(edited, 200);
    expect(json(edited)).toMatchObject({ status: 'returned', description: 'Tanque de 50 m³ con plano adjunto.', title: 'Agua potable para la aldea' });
    expectStatus(await association.request('POST', url(id, '/resubmit')), 200);
    const checked = await officer.request('POST', url(id, '/check'), { complete: true, note: 'Completo' });
    expect(json(checked).status).toBe('in_review');
  });

  it('two committee members score; each sees only their own sheet until the decision', async () => {
    const first = await member1.request('PUT', url(id, '/scores'), scoresOf([10, 5, 0]));
    expectStatus(first, 200);
    expect(json(first).scores).toMatchObject({ mean: null, sheets: [{ member_id: member1.user.id, weighted: 6.67 }] });
    // Replaced until the decision.
    expectStatus(await member1.request('PUT', url(id, '/scores'), scoresOf([10, 5, 0])), 200);
    const second = await member2.request('PUT', url(id, '/scores'), scoresOf([8, 8, 8]));
    expect(json(second).scores.sheets.map((s: { member_id: string }) => s.member_id)).toEqual([member2.user.id]);

    const seen = json(await coordinator.request('GET', url(id)));
    expect(seen.scores).toMatchObject({ mean: 7.34, below_threshold: false });
    expect(seen.scores.sheets).toHaveLength(2);
    expect(seen.allowed_actions).toEqual(['decide']);
    expect(json(await association.request('GET', url(id))).scores.sheets).toEqual([]);
  });

  it('the coordinator approves, fixing each party\'s commitment in cents (remainder to the last party)', async () => {
    const minutes = await upload(coordinator);
    const res = await coordinator.request('POST', url(id, '/decision'), { decision: 'approved', reasons: 'Alto beneficio', minutes: 'Sesión 3 del comité', minutes_attachment_id: minutes });
    expectStatus(res, 200);
    const project = json(res);
    expect(project.status).toBe('approved');
    expect(project.decision).toMatchObject({ decision: 'approved', reasons: 'Alto beneficio', minutes_attachment: { id: minutes }, by_name: coordinator.user.displayName });
    expect(project.commitments.map((c: { party: string; committed: number; share_pct: number }) => [c.party, c.share_pct, c.committed])).toEqual([
      ['national', 25, 25_000],
      ['municipal', 25, 25_000],
      ['federal', 25, 25_000],
      ['association', 25, 25_000.03],
    ]);
    // After the decision every reader sees every sheet.
    expect(json(await member2.request('GET', url(id))).scores.sheets).toHaveLength(2);
  });

  it('the officer signs the agreement and records contributions; the first starts execution', async () => {
    expectStatus(await officer.request('POST', url(id, '/agreement'), { agreement_number: 'CONV-2025-014', signed_on: '2025-05-20' }), 200);
    const first = await officer.request('POST', url(id, '/contributions'), contribution('national', 25_000));
    expectStatus(first, 201);
    expect(json(first).status).toBe('in_execution');
    for (const [party, amount] of [['municipal', 25_000], ['federal', 20_000], ['federal', 5_000], ['association', 25_000.03]] as const) {
      expectStatus(await officer.request('POST', url(id, '/contributions'), contribution(party, amount)), 201);
    }
    const project = json(await officer.request('GET', url(id)));
    expect(project.commitments.every((c: { remaining: number }) => c.remaining === 0)).toBe(true);
    expect(project.contributions).toHaveLength(5);
    expect(project.allowed_actions).toEqual(['report']);
  });

  it('the association and the officer report progress each quarter; the officer closes at 100 %', async () => {
    const photo = await upload(association, PNG, 'image/png', 'avance.png');
    expectStatus(await association.request('POST', url(id, '/progress'), { period: '2025Q3', physical_pct: 45.5, spent: 40_000, narrative: 'Tanque construido.', photo_ids: [photo] }), 201);
    const last = await officer.request('POST', url(id, '/progress'), { period: '2025Q4', physical_pct: 100, spent: 100_000.03, narrative: 'Red terminada.' });
    expectStatus(last, 201);
    expect(json(last).allowed_actions).toEqual(['report', 'close']);
    expect(json(last).progress[0]).toMatchObject({ period: '2025Q3', physical_pct: 45.5, spent: 40_000, photos: [{ id: photo, file_name: 'avance.png' }] });

    const closed = await officer.request('POST', url(id, '/close'), { beneficiaries: 410, jobs_created: 12, outcome: 'Agua en 82 hogares.' });
    expectStatus(closed, 200);
    const project = json(closed);
    expect(project).toMatchObject({ status: 'closed', closure: { beneficiaries: 410, jobs_created: 12, by_name: officer.user.displayName }, allowed_actions: [] });
    expect(project.history.map((h: { step: string; status_after: string }) => `${h.step}>${h.status_after}`)).toEqual([
      'submit>submitted',
      'check>returned',
      'edit>returned',
      'resubmit>submitted',
      'check>in_review',
      'score>in_review',
      'score>in_review',
      'score>in_review',
      'decide>approved',
      'sign>agreement_signed',
      'contribute>in_execution',
      ...Array(4).fill('contribute>in_execution'),
      'report>in_execution',
      'report>in_execution',
      'close>closed',
    ]);
    // Notes are only what people wrote.
    expect(project.history.filter((h: { note: string | null }) => h.note !== null).map((h: { step: string; note: string }) => `${h.step}: ${h.note}`)).toEqual([
      'check: Plano del tanque',
      'check: Completo',
      'decide: Alto beneficio',
      'sign: CONV-2025-014',
    ]);
    // Every step is in the audit log, with the project's locality.
    const audited = await p.ctx.database.rows<{ action: string }>(sql`SELECT action FROM audit_log WHERE record_id = ${id} ORDER BY seq`);
    expect(audited.map((a) => a.action)).toEqual(project.history.map((h: { step: string }) => `rm_project.${h.step}`));
  });

  it('shows the investment by locality and by source of funds, publicly', async () => {
    const res = await p.app.inject({ method: 'GET', url: '/api/v1/remittances/investment?country=gtm' });
    expectStatus(res, 200);
    const body = json(res);
    expect(body.country).toBe('GTM');
    const place = body.by_locality.find((l: { org_unit_code: string }) => l.org_unit_code === 'GT0101');
    expect(place).toMatchObject({ org_unit_name: 'Guatemala', currency: 'GTQ' });
    expect(place.committed).toBeGreaterThanOrEqual(100_000.03);
    expect(body.by_party.find((x: { party: string }) => x.party === 'association')).toMatchObject({ name_en: 'Association', currency: 'GTQ' });
    expect(body.points.find((x: { project_id: string }) => x.project_id === id)).toMatchObject({ latitude: 14.64, longitude: -90.51, committed: 100_000.03, status: 'closed' });
    expect(JSON.stringify(body)).not.toContain('Rosa');
    expectStatus(await p.app.inject({ method: 'GET', url: '/api/v1/remittances/investment?country=XYZ' }), 404);
  });
});

describe('bad input: a clear message and nothing written', () => {
  it('shares that do not sum to 100 %', async () => {
    const res = await refused(
      () =>
        coordinator.request('POST', '/api/v1/remittances/schemes', {
          code: 'bad-shares',
          name: 'Mal',
          currency: 'GTQ',
          parties: [{ key: 'national', name_es: 'N', name_en: 'N' }, { key: 'association', name_es: 'A', name_en: 'A' }],
          rules: [{ project_type: 'social', max_budget: 1000, shares: { national: 50, association: 49.99 } }],
          criteria: [{ key: 'benefit', name_es: 'B', name_en: 'B', weight: 1 }],
          min_score: 5,
        }),
      400,
    );
    expect(json(res).error.fields).toEqual([{ path: 'rules.0.shares', message: 'Las participaciones suman 99.99 %; deben sumar exactamente 100 %.' }]);
  });

  it('a budget above the scheme\'s cap, or a type the scheme lacks', async () => {
    const res = await refused(() => association.request('POST', '/api/v1/remittances/projects', proposal({ budget: 1_000_000.01 })), 400);
    expect(paths(res)).toEqual(['budget']);
    expect(messages(res)).toBe('El presupuesto supera el tope del esquema para este tipo de proyecto: 1.000.000,00\u00a0GTQ.');
    const english = await association.request('POST', '/api/v1/remittances/projects', proposal({ project_type: 'education' }), { 'accept-language': 'en' });
    expect(paths(english)).toEqual(['project_type']);
    expect(await association.request('POST', '/api/v1/remittances/projects', proposal({ budget: -5 })).then((r) => r.statusCode)).toBe(400);
  });

  it('a contribution beyond a party\'s share names the party and what remains', async () => {
    const project = await projectAt('in_execution'); // federal paid 10,000 of 25,000.00
    const res = await refused(() => officer.request('POST', url(project.id, '/contributions'), contribution('federal', 15_000.01)), 400);
    expect(json(res).error.fields).toEqual([{ path: 'amount', message: 'El aporte supera lo que le queda por aportar a «Cooperación»: 15.000,00\u00a0GTQ.' }]);
    expectStatus(await officer.request('POST', url(project.id, '/contributions'), contribution('federal', 15_000)), 201);
    const unknown = await refused(() => officer.request('POST', url(project.id, '/contributions'), contribution('state', 1)), 400);
    expect(paths(unknown)).toEqual(['party']);
  });

  it('a repeated idempotency key: the same content is answered without writing, other content is a conflict', async () => {
    const project = await projectAt('agreement_signed');
    const entry = contribution('municipal', 1_000);
    expectStatus(await officer.request('POST', url(project.id, '/contributions'), entry), 201);
    const replay = await refused(() => officer.request('POST', url(project.id, '/contributions'), entry), 200);
    expect(json(replay).contributions).toHaveLength(1);
    const conflict = await refused(() => officer.request('POST', url(project.id, '/contributions'), { ...entry, amount: 1_000.5 }), 409);
    expect(json(conflict).error).toMatchObject({ code: 'idempotency_conflict', fields: [{ path: 'idempotency_key' }] });
  });

  it('a step out of order answers 409 naming the current status', async () => {
    const project = await projectAt('in_review');
    const res = await refused(() => officer.request('POST', url(project.id, '/agreement'), { agreement_number: 'X', signed_on: '2025-01-01' }), 409);
    expect(json(res).error).toMatchObject({ code: 'invalid_transition', fields: [{ path: 'status', message: 'Este paso no es posible: el proyecto está en estado «en revisión».' }] });
    const english = await p.userSession('local_officer', ['GT0101']);
    expectStatus(await english.request('PATCH', '/api/v1/me', { locale: 'en' }), 200);
    const en = await refused(() => english.request('POST', url(project.id, '/contributions'), contribution('federal', 1)), 409);
    expect(messages(en)).toBe('This step is not possible: the project is "in review".');
    // Deciding needs a score sheet; closing needs the last report at 100 %.
    const noSheet = await refused(() => coordinator.request('POST', url(project.id, '/decision'), { decision: 'rejected', reasons: 'r', minutes: 'm' }), 409);
    expect(json(noSheet).error.code).toBe('invalid_transition');
    const running = await projectAt('in_execution');
    expectStatus(await officer.request('POST', url(running.id, '/progress'), { period: '2025Q1', physical_pct: 60, spent: 5_000, narrative: 'Avance' }), 201);
    const early = await refused(() => officer.request('POST', url(running.id, '/close'), { beneficiaries: 1, jobs_created: 0, outcome: 'x' }), 409);
    expect(messages(early)).toContain('100 %');
  });

  it('progress: one report per quarter, never going back, spending within what was received', async () => {
    const project = await projectAt('in_execution'); // 10,000 received
    expectStatus(await association.request('POST', url(project.id, '/progress'), { period: '2025Q2', physical_pct: 30, spent: 8_000, narrative: 'n' }), 201);
    const again = await refused(() => officer.request('POST', url(project.id, '/progress'), { period: '2025Q2', physical_pct: 40, spent: 8_000, narrative: 'n' }), 409);
    expect(json(again).error.code).toBe('period_reported');
    const back = await refused(() => officer.request('POST', url(project.id, '/progress'), { period: '2025Q3', physical_pct: 20, spent: 10_000.01, narrative: 'n' }), 400);
    expect(json(back).error.fields).toEqual([
      { path: 'physical_pct', message: 'El avance físico no puede ser menor que el del informe anterior (30 %).' },
      { path: 'spent', message: 'El gasto acumulado supera los aportes recibidos (10.000,00\u00a0GTQ).' },
    ]);
  });

  it('a role without the verb gets 403, before anything is read', async () => {
    const project = await projectAt('in_review');
    await refused(() => member1.request('POST', url(project.id, '/decision'), { decision: 'approved', reasons: 'r', minutes: 'm' }), 403);
    await refused(() => officer.request('PUT', url(project.id, '/scores'), scoresOf([1, 1, 1])), 403);
    await refused(() => association.request('POST', url(project.id, '/check'), { complete: true }), 403);
    await refused(() => member1.request('POST', '/api/v1/remittances/attachments', { file_name: 'a.pdf', content_type: 'application/pdf', data_base64: PDF.toString('base64') }), 403);
    await refused(() => member1.request('POST', url(project.id, '/progress'), { period: '2025Q1', physical_pct: 1, spent: 0, narrative: 'n' }), 403);
  });

  it('a project outside the scope is absent (404), on reads and writes alike', async () => {
    const project = await projectAt('submitted');
    await refused(() => outsider.request('GET', url(project.id)), 404);
    await refused(() => outsider.request('POST', url(project.id, '/check'), { complete: true }), 404);
    expect(json(await outsider.request('GET', '/api/v1/remittances/projects')).items).toEqual([]);
    // Seeing the project (view scope) is not writing it (capture scope).
    const viewer = await p.userSession('local_officer', ['GT0102'], ['GTM']);
    expectStatus(await viewer.request('GET', url(project.id)), 200);
    expect(json(await viewer.request('GET', url(project.id))).allowed_actions).toEqual([]);
    await refused(() => viewer.request('POST', url(project.id, '/check'), { complete: true }), 404);
    const strip = (r: LightMyRequestResponse) => r.body.replace(json(r).request_id as string, '');
    expect(strip(await outsider.request('GET', url(project.id)))).toBe(strip(await outsider.request('GET', url(randomUUID()))));
  });

  it('a member of another association sees none of this one\'s projects or details (404)', async () => {
    const project = await projectAt('submitted');
    const ownAssociation = await validatedAssociation(otherAssociation, 'Otro club');
    await refused(() => otherAssociation.request('GET', url(project.id)), 404);
    await refused(() => otherAssociation.request('PATCH', url(project.id), { title: 'Mío' }), 404);
    await refused(() => otherAssociation.request('GET', `/api/v1/remittances/associations/${associationId}`), 404);
    await refused(() => otherAssociation.request('POST', '/api/v1/remittances/projects', proposal()), 404);
    const visible = (json(await otherAssociation.request('GET', '/api/v1/remittances/projects')).items as { association_id: string }[]).map((x) => x.association_id);
    expect(visible.every((a) => a === ownAssociation)).toBe(true);
    expect((json(await otherAssociation.request('GET', '/api/v1/remittances/associations')).items as { id: string }[]).map((a) => a.id)).toEqual([ownAssociation]);
  });

  it('attachments: the declared type must match the content, and an upload is its uploader\'s until linked', async () => {
    const res = await refused(() => association.request('POST', '/api/v1/remittances/attachments', { file_name: 'x.pdf', content_type: 'application/pdf', data_base64: PNG.toString('base64') }), 400);
    expect(paths(res)).toEqual(['data_base64']);
    const mine = await upload(association);
    await refused(() => otherAssociation.request('GET', `/api/v1/remittances/attachments/${mine}`), 404);
    const foreign = await refused(() => otherAssociation.request('POST', '/api/v1/remittances/associations', { ...associationInput('Club ajeno'), registration_document_id: mine }), 400);
    expect(paths(foreign)).toEqual(['registration_document_id']);
    const file = await association.request('GET', `/api/v1/remittances/attachments/${mine}`);
    expectStatus(file, 200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename="documento.pdf"/);
    expect(file.rawPayload.equals(PDF)).toBe(true);
    const big = Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024)]);
    const tooBig = await refused(() => association.request('POST', '/api/v1/remittances/attachments', { file_name: 'big.pdf', content_type: 'application/pdf', data_base64: big.toString('base64') }), 400);
    expect(paths(tooBig)).toEqual(['data_base64']);
  });

  it('attachments download under a name whose extension is the verified type, with an RFC 8187 filename*', async () => {
    // issue 12, finding 9: `poly.html` holding a PDF was served as poly.html; `'` was left unencoded in filename*.
    const poly = await upload(association, PDF, 'application/pdf', 'poly.html');
    const file = await association.request('GET', `/api/v1/remittances/attachments/${poly}`);
    expectStatus(file, 200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['content-disposition']).toBe('attachment; filename="poly.pdf"');
    const quoted = await upload(association, PNG, 'image/png', "foto d'Ana (1) ñ*.html");
    const png = await association.request('GET', `/api/v1/remittances/attachments/${quoted}`);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.headers['content-disposition']).toBe("attachment; filename=\"foto d_Ana _1_ n_.png\"; filename*=UTF-8''foto%20d%27Ana%20%281%29%20%C3%B1%2A.png");
  });
});

describe('the association contact in export, erasure and merges', () => {
  it('moves the contact to the person that stays when duplicates are merged', async () => {
    const created = json(await association.request('POST', '/api/v1/remittances/associations', associationInput('Club Fusionado')));
    const [stays] = await p.ctx.database.rows<{ id: string }>(sql`INSERT INTO persons (org_unit_id, given_name, family_name) SELECT org_unit_id, given_name, family_name FROM persons WHERE id = ${created.contact.person_id} RETURNING id`);
    const moved = await p.ctx.db.transaction((tx) => remittancesPrivacy.mergePerson!(tx, created.contact.person_id, stays!.id));
    expect(moved).toBe(1);
    expect(json(await officer.request('GET', `/api/v1/remittances/associations/${created.id}`)).contact.person_id).toBe(stays!.id);
  });

  it('exports the associations a person is the contact of, reads of the contact are audited, and erasure detaches it', async () => {
    const created = json(await association.request('POST', '/api/v1/remittances/associations', associationInput('Club Borrable')));
    const personId = created.contact.person_id as string;
    const usa = await p.userSession('admin', ['USA']);
    const exported = await usa.request('GET', `/api/v1/persons/${personId}/export`);
    expectStatus(exported, 200);
    expect(json(exported).data.remittances).toEqual({ contact_of_associations: [{ id: created.id, name: 'Club Borrable', residence_city: 'Los Angeles', status: 'pending' }] });

    const [{ n: readsBefore }] = (await p.ctx.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'rm_association.read_contact' AND record_id = ${created.id}`)) as [{ n: number }];
    expectStatus(await officer.request('GET', `/api/v1/remittances/associations/${created.id}`), 200);
    const [{ n: readsAfter }] = (await p.ctx.database.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'rm_association.read_contact' AND record_id = ${created.id}`)) as [{ n: number }];
    expect(readsAfter).toBe(readsBefore + 1);

    expectStatus(await usa.request('DELETE', `/api/v1/persons/${personId}`), 204);
    const after = await officer.request('GET', `/api/v1/remittances/associations/${created.id}`);
    expectStatus(after, 200);
    expect(json(after)).toMatchObject({ name: 'Club Borrable', contact: null });
    expect(await p.ctx.database.rows(sql`SELECT id FROM persons WHERE id = ${personId}`)).toEqual([]);
  });
});
