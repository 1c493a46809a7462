import { eq, sql } from 'drizzle-orm';
import { createUser, type UserView } from '../core/access/users.js';
import { CLI_META, SYSTEM, type AppContext } from '../core/context.js';
import { recordAudit } from '../core/audit/store.js';
import { rowsOf } from '../core/db/engine.js';
import * as t from './tables.js';
import { platformTableNames } from '../composition/schema.js';
import { sealClearValues } from '../core/keys/sealed.js';
import { sealAll } from './engine.js';
import { fillEmptyTables } from './derived-rows.js';
import { TEST_PASSWORD } from './platform.js';

/**
 * Small fixture factories: one row of a kind, with what it needs passed in, written through the real services where
 * they are cheap (users: password hashing, scopes, audit) and by direct inserts otherwise. Values are chosen to be
 * awkward for a backup: quotes, new lines and non-Latin letters in text, every byte in a file, microseconds and
 * far dates in timestamps, floats that do not print exactly, nested jsonb, arrays, nulls.
 */

export const AWKWARD_TEXT = 'Zoë O\'Brien "Beto"\nsegunda línea\ttab \\ barra 𝄞 日本';

let serial = 0;
const next = () => `${++serial}-${Math.random().toString(36).slice(2, 8)}`;

async function orgUnitId(ctx: AppContext, code: string): Promise<string> {
  const [row] = await ctx.db.select({ id: t.orgUnits.id }).from(t.orgUnits).where(eq(t.orgUnits.code, code));
  if (!row) throw new Error(`fixtures: no org unit ${code} (is the database seeded?)`);
  return row.id;
}

export function newUser(ctx: AppContext, roleId = 'admin', scope: string[] = ['GTM']): Promise<UserView> {
  return createUser(ctx, SYSTEM, CLI_META, {
    email: `${roleId}.${next()}@example.org`,
    displayName: AWKWARD_TEXT.slice(0, 12),
    roleId,
    password: TEST_PASSWORD,
    captureScope: scope,
    viewScope: scope,
  });
}

export async function newSession(ctx: AppContext, userId: string) {
  const [row] = await ctx.db
    .insert(t.sessions)
    .values({ id: `fixture-${next()}`, userId, state: 'active', csrfToken: next(), ip: '203.0.113.7', userAgent: 'fixture/1.0', expiresAt: new Date('2099-12-31T23:59:59.123Z') })
    .returning();
  return row!;
}

export async function newLoginThrottle(ctx: AppContext) {
  await ctx.db.insert(t.loginThrottle).values({ key: `account:${next()}@example.org`, failures: 3, windowStartedAt: new Date() });
}

export async function newOrgUnit(ctx: AppContext, parentCode = 'GTM') {
  const [parent] = await ctx.db.select().from(t.orgUnits).where(eq(t.orgUnits.code, parentCode));
  const code = `FX${serial + 1}`;
  next();
  const [row] = await ctx.db
    .insert(t.orgUnits)
    .values({ code, kind: 'division', depth: parent!.depth + 1, parentId: parent!.id, path: `${parent!.path}/${code}`, nameEs: AWKWARD_TEXT, nameEn: 'Fixture unit' })
    .returning();
  return row!;
}

export async function newPerson(ctx: AppContext, createdBy: string, orgUnitCode = 'GTM') {
  const [row] = await ctx.db
    .insert(t.persons)
    .values({
      orgUnitId: await orgUnitId(ctx, orgUnitCode),
      givenName: 'Zoë',
      familyName: AWKWARD_TEXT,
      birthDate: '1990-02-28',
      sex: 'female',
      nationalityIso3: 'GTM',
      phone: '+502 5555 0000',
      languages: ['es', 'quc'],
      createdBy,
    })
    .returning();
  return row!;
}

export async function newPersonDocument(ctx: AppContext, personId: string) {
  await ctx.db.insert(t.personDocuments).values({ personId, kind: 'passport', number: 'gt-123 456', numberKey: 'GT123456', issuingCountryIso3: 'GTM' });
}

export async function newConsent(ctx: AppContext, personId: string, recordedBy: string, purpose: 'sharing' | 'follow_up' = 'sharing') {
  const [row] = await ctx.db
    .insert(t.consents)
    .values({ personId, purpose, partner: purpose === 'sharing' ? 'Partner "A"' : null, scope: AWKWARD_TEXT, channel: 'paper_form', recordedBy })
    .returning();
  return row!;
}

/** Bytes 0-255 and a few more: bytea must come back exactly. */
const EVERY_BYTE = Uint8Array.from({ length: 300 }, (_, i) => i % 256);

export async function newAttachment(ctx: AppContext, uploadedBy: string, links: { associationId?: string; projectId?: string; purpose?: t.AttachmentPurpose } = {}) {
  const [row] = await ctx.db
    .insert(t.rmAttachments)
    .values({ fileName: 'acta "final".pdf', contentType: 'application/pdf', size: EVERY_BYTE.length, data: EVERY_BYTE, uploadedBy, ...links })
    .returning();
  return row!;
}

/** An association with its registration document, which refers back to it: one cycle of foreign keys. */
export async function newAssociation(ctx: AppContext, createdBy: string, contactPersonId: string) {
  const document = await newAttachment(ctx, createdBy, { purpose: 'registration' });
  const [association] = await ctx.db
    .insert(t.rmAssociations)
    .values({
      name: 'Club Guastatoya en Los Ángeles',
      residenceOrgUnitId: await orgUnitId(ctx, 'USA'),
      residenceCity: 'Los Ángeles',
      membersCount: 42,
      contactPersonId,
      registrationDocumentId: document.id,
      status: 'validated',
      validatedAt: new Date('2026-03-01T10:11:12.345Z'),
      validatedBy: createdBy,
      createdBy,
    })
    .returning();
  await ctx.db.update(t.rmAttachments).set({ associationId: association!.id }).where(eq(t.rmAttachments.id, document.id));
  await ctx.db.insert(t.rmAssociationMembers).values({ associationId: association!.id, userId: createdBy });
  return association!;
}

export async function newScheme(ctx: AppContext, createdBy: string) {
  const [seeded] = await ctx.db.select().from(t.rmSchemes).limit(1);
  if (!seeded) throw new Error('fixtures: no seeded funding scheme');
  const [row] = await ctx.db
    .insert(t.rmSchemes)
    .values({ ...seeded, id: undefined, code: `FX-${next()}`, name: AWKWARD_TEXT, active: false, createdBy, createdAt: undefined })
    .returning();
  return row!;
}

/**
 * An approved project whose minutes and agreement are attachments that refer back to it, with an event, a score
 * sheet, a contribution, a progress report and a closure: the cycle association -> project -> attachment -> project.
 */
export async function newProject(ctx: AppContext, userId: string, associationId: string, schemeId: string) {
  const minutes = await newAttachment(ctx, userId, { purpose: 'minutes' });
  const agreement = await newAttachment(ctx, userId, { purpose: 'agreement' });
  const [project] = await ctx.db
    .insert(t.rmProjects)
    .values({
      reference: `P-2026-${next()}`,
      associationId,
      schemeId,
      orgUnitId: await orgUnitId(ctx, 'GTM'),
      projectType: 'infrastructure',
      title: 'Agua potable',
      description: AWKWARD_TEXT,
      budget: 123456.78,
      expectedBeneficiaries: 350,
      latitude: 14.634915,
      longitude: -90.506882,
      status: 'in_execution',
      checkComplete: true,
      checkMissing: [],
      checkedBy: userId,
      checkedAt: new Date(),
      decision: 'approved',
      decisionReasons: 'Cumple',
      minutesAttachmentId: minutes.id,
      decidedBy: userId,
      decidedAt: new Date(),
      commitments: [{ party: 'federal', share_pct: 33.33, committed: 4115184 }],
      agreementNumber: 'CONV-1',
      agreementSignedOn: '2026-04-01',
      agreementAttachmentId: agreement.id,
      agreementBy: userId,
      createdBy: userId,
    })
    .returning();
  const projectId = project!.id;
  for (const file of [minutes, agreement]) await ctx.db.update(t.rmAttachments).set({ projectId }).where(eq(t.rmAttachments.id, file.id));
  await newAttachment(ctx, userId, { associationId, projectId, purpose: 'progress' });
  await ctx.db.insert(t.rmProjectEvents).values({ projectId, step: 'approve', statusAfter: 'approved', actorId: userId, note: AWKWARD_TEXT });
  await ctx.db.insert(t.rmScoreSheets).values({ projectId, memberId: userId, scores: [{ criterion: 'impact', score: 4.5, comment: null }] });
  await ctx.db.insert(t.rmContributions).values({ projectId, party: 'federal', amount: 0.1, receivedOn: '2026-05-02', reference: 'TRX-1', idempotencyKey: next(), recordedBy: userId });
  await ctx.db.insert(t.rmProgressReports).values({ projectId, period: '2026Q2', physicalPct: 12.5, spent: 1000.01, narrative: AWKWARD_TEXT, reportedBy: userId });
  await ctx.db.insert(t.rmClosures).values({ projectId, beneficiaries: 360, jobsCreated: 4, outcome: 'Listo', closedBy: userId });
  return project!;
}

export async function newServiceQuote(ctx: AppContext, userId: string) {
  await ctx.db.insert(t.rmServiceQuotes).values({
    sendingCountry: 'USA',
    receivingCountry: 'GTM',
    sendingPath: '/419/021/USA',
    receivingPath: '/419/013/GTM',
    period: '2026Q1',
    provider: `Remesas ${next()}`,
    providerType: 'money_transfer_operator',
    product: 'Cuenta',
    amountSent: 200,
    sendingCurrency: 'USD',
    receivingCurrency: 'GTQ',
    fee: 4.99,
    exchangeRate: 7.6543210987,
    interbankRate: 7.7,
    rateDisclosed: true,
    speed: 'same_day',
    payoutMethod: 'cash',
    createdBy: userId,
    createdByLabel: 'fixture',
    updatedBy: userId,
    updatedByLabel: 'fixture',
    updatedAt: new Date(),
  });
}

/** A national series as an officer would import it: source, data element, indicator, import, values, a cached profile. */
export async function newEvidence(ctx: AppContext, userId: string) {
  const id = `FX_${next().replace(/-/g, '_')}`;
  await ctx.db.insert(t.evSources).values({ id, titleEs: AWKWARD_TEXT, titleEn: 'Fixture', publisher: 'INE', licence: 'CC-BY-4.0', vintage: '2026', kind: 'national', createdBy: userId });
  await ctx.db.insert(t.evDataElements).values({ id: `${id}_DE`, nameEs: 'Retornados', nameEn: 'Returnees', unit: 'persons', periodType: 'year', aggregation: 'sum', bySex: true, sourceId: id, createdBy: userId });
  await ctx.db.insert(t.evIndicators).values({ id: `${id}_IND`, nameEs: 'Tasa', nameEn: 'Rate', numerator: { de: `${id}_DE`, sex: 'F' }, denominator: { de: `${id}_DE` }, factor: 100, unit: 'pct', publishedDe: `${id}_DE`, createdBy: userId });
  const [imported] = await ctx.db
    .insert(t.evImports)
    .values({
      fileName: 'retornados.csv',
      contentHash: 'ab'.repeat(32),
      dataElementIds: [`${id}_DE`],
      orgUnitCodes: ['GTM'],
      scopeCode: 'GTM',
      scopePath: '/419/013/GTM',
      periodMin: '2025',
      periodMax: '2025',
      rowsRead: 2,
      rowsImported: 2,
      rowsUnchanged: 0,
      rowsRejected: 0,
      mapping: { ou: 'pais', pe: 'anio', nested: { list: [1, 2.5, null] } },
      createdBy: userId,
      createdByLabel: 'fixture',
    })
    .returning();
  await ctx.db.insert(t.evValues).values([
    { de: `${id}_DE`, ou: 'GTM', pe: '2025', sex: 'F', value: 0.1 + 0.2, sourceId: id, importId: imported!.id },
    { de: `${id}_DE`, ou: 'GTM', pe: '2025', sex: 'T', value: 1e-300, sourceId: id, importId: imported!.id },
    { de: `${id}_DE`, ou: 'GTM', pe: '2025', sex: 'M', value: 123456789.12345679, sourceId: id, computed: true },
  ]);
  await ctx.db.insert(t.evProfileCache).values({ code: 'GTM', locale: `es-${next()}`, body: JSON.stringify({ title: AWKWARD_TEXT }) });
}

/** A reintegration case with every record a case can have, its protected fields included. */
export async function newCase(ctx: AppContext, userId: string, personId: string, consentId: string) {
  const [instrument] = await ctx.db.select().from(t.rnInstruments).where(eq(t.rnInstruments.active, true));
  if (!instrument) throw new Error('fixtures: no active sustainability instrument');
  const [kase] = await ctx.db
    .insert(t.rnCases)
    .values({
      reference: `RN-2026-${next()}`,
      personId,
      orgUnitId: await orgUnitId(ctx, 'GTM'),
      caseworkerId: userId,
      arrivalDate: '2026-01-15',
      returnedFromIso3: 'USA',
      returnHow: 'forced',
      householdSize: 4,
      immediateNeeds: ['housing', 'health'],
      status: 'planning',
      planDueDate: '2026-02-15',
      createdBy: userId,
    })
    .returning();
  const caseId = kase!.id;
  await ctx.db.insert(t.referenceCounters).values({ series: 'rn_case', year: 2026, last: 1 }).onConflictDoNothing();
  await ctx.db.insert(t.rnAssessments).values({ caseId, kind: 'needs', answers: { shelter: true, note: AWKWARD_TEXT }, assessedBy: userId });
  await ctx.db.insert(t.rnCaseProtected).values({ caseId, psychosocialNotes: AWKWARD_TEXT, traffickingIndication: 'false', violenceIndication: 'true', updatedBy: userId });
  await ctx.db.insert(t.rnPlanActivities).values({ caseId, need: 'housing', response: 'job_placement', partner: 'Casa del Migrante', startDate: '2026-01-16', cost: 99.99, currency: 'GTQ' });
  await ctx.db.insert(t.rnReferrals).values({ caseId, partner: 'Partner "A"', service: 'shelter', consentId, createdBy: userId });
  const [followUp] = await ctx.db.insert(t.rnFollowUps).values({ caseId, scheduledOn: '2026-04-15', doneOn: '2026-04-16', channel: 'phone', notes: AWKWARD_TEXT, recordedBy: userId }).returning();
  await ctx.db.insert(t.rnCaseEvents).values({ caseId, actorId: userId, actorLabel: 'fixture', action: 'case.registered', toStatus: 'registered', detail: { reason: null, n: 1 } });
  await ctx.db.insert(t.rnScores).values({
    caseId,
    instrumentId: instrument.id,
    occasion: 'follow_up',
    followUpId: followUp!.id,
    takenOn: '2026-04-16',
    answers: { econ_1: 'a' },
    economic: 0.3333,
    social: 0.5,
    psychosocial: 1,
    composite: 0.6111,
    sustainable: true,
    recordedBy: userId,
  });
  return kase!;
}

/**
 * One database in which every table of the public schema holds rows, foreign-key cycles included: the round-trip
 * test of backup and restore (server/src/core/db/restore-roundtrip.test.ts) runs on it, and fails naming any table
 * left empty. A module table the factories below leave empty gets a row derived from its columns (derived-rows.ts),
 * which is enough for a simple table; a table that needs particular rows gets a factory above, called below.
 */
export async function fillEveryTable(ctx: AppContext) {
  const admin = await newUser(ctx, 'admin', ['GTM']); // users, user_scopes, audit_log
  const caseworker = await newUser(ctx, 'case_worker', ['GTM']);
  await newSession(ctx, admin.id);
  await newLoginThrottle(ctx);
  const unit = await newOrgUnit(ctx, 'GTM');
  await ctx.db.insert(t.orgUnitCodes).values({ orgUnitId: unit.id, scheme: 'pcode', code: `P${unit.code}` }); // org_unit_codes
  const person = await newPerson(ctx, caseworker.id);
  await newPersonDocument(ctx, person.id);
  const consent = await newConsent(ctx, person.id, caseworker.id);
  const association = await newAssociation(ctx, admin.id, person.id);
  const scheme = await newScheme(ctx, admin.id);
  await newProject(ctx, admin.id, association.id, scheme.id);
  await newServiceQuote(ctx, admin.id);
  await newEvidence(ctx, admin.id);
  await newCase(ctx, caseworker.id, person.id, consent.id);
  await recordAudit(ctx.db, { actorId: admin.id, actorLabel: admin.email, action: 'fixture.filled', recordType: 'fixture', recordId: AWKWARD_TEXT, changedFields: ['a', 'b'] });
  await fillEmptyTables(ctx, ctx.modules.list.flatMap((m) => Object.values(m.tables))); // new modules' simple tables
  await sealClearValues(ctx, ctx.modules.sealedTables()); // protected values and document numbers encrypted, crypto_keys
  await sealAll(ctx); // audit_seals: the entries above linked into the keyed chain
}

/**
 * Tables that hold no row: empty when `fillEveryTable` reaches every table. The tables are the platform's (the core's
 * and every manifest's, from the composition root); a table of the database that no manifest declares is named too.
 */
export async function emptyTables(ctx: AppContext): Promise<string[]> {
  const inDatabase = rowsOf<{ name: string }>(
    await ctx.db.execute(sql`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`),
  ).map((r) => r.name);
  const declared = platformTableNames();
  const empty: string[] = inDatabase.filter((name) => !declared.includes(name)).map((name) => `${name} (declared by no manifest)`);
  for (const name of declared) {
    const [row] = rowsOf<{ any: boolean }>(await ctx.db.execute(sql.raw(`SELECT EXISTS (SELECT 1 FROM "${name.replace(/"/g, '""')}") AS any`)));
    if (!row!.any) empty.push(name);
  }
  return empty;
}
