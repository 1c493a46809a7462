import { eq, inArray } from 'drizzle-orm';
import { appendAudit } from '../../core/audit/store.js';
import { WITHHELD, type PersonalDataHolder } from '../../core/people/privacy-registry.js';
import type { SealedTable } from '../../core/keys/sealed.js';
import { rnAssessments, rnCaseEvents, rnCaseProtected, rnCases, rnFollowUps, rnPlanActivities, rnReferrals, rnScores } from './schema.js';
import { scrubCases } from './scrub.js';

/**
 * The personal data of reintegration cases. Erasure keeps each case row (arrival, where from, how, category,
 * household size, status, closure reason) with `person_id` null, so the counts survive; everything written about the
 * person (assessment and survey answers, protected fields, notes) is removed, while the sustainability scores' numbers stay, and a tombstone per case goes into the audit log.
 */
/** The protected fields are sealed, each bound to its case (see `rn_case_protected`). */
export const reintegrationSealed: SealedTable[] = [{ table: 'rn_case_protected', idColumn: 'case_id', columns: ['psychosocial_notes', 'trafficking_indication', 'violence_indication'] }];

export const reintegrationPrivacy: PersonalDataHolder = {
  owner: 'reintegration',
  holds: [
    { table: 'rn_cases', fields: ['person_id', 'arrival_date', 'returned_from_iso3', 'return_how', 'return_category', 'household_size', 'immediate_needs', 'closure_note'], purpose: 'Follow the returnee’s reintegration from arrival to closure' },
    { table: 'rn_assessments', fields: ['answers'], purpose: 'Vulnerability, needs, skills gained abroad and use of remittances, to build the plan' },
    { table: 'rn_case_protected', fields: ['psychosocial_notes', 'trafficking_indication', 'violence_indication'], purpose: 'Protection; readable only with cases.protected and the password again' },
    { table: 'rn_plan_activities', fields: ['need', 'response', 'partner', 'notes'], purpose: 'The reintegration plan' },
    { table: 'rn_referrals', fields: ['partner', 'service', 'override_reason', 'outcome_notes'], purpose: 'Referrals to partner organisations, with their consent basis' },
    { table: 'rn_follow_ups', fields: ['scheduled_on', 'done_on', 'notes'], purpose: 'Follow-up of the reintegration' },
    { table: 'rn_scores', fields: ['answers', 'taken_on', 'economic', 'social', 'psychosocial', 'composite'], purpose: 'Sustainability of the reintegration, at the plan and at follow-ups' },
  ],

  async exportPerson(tx, personId, access) {
    const cases = await tx.select().from(rnCases).where(eq(rnCases.personId, personId));
    const ids = cases.map((c) => c.id);
    if (ids.length === 0) return { cases: [] };
    // One after the other, not Promise.all: a transaction is one connection, which runs one query at a time (pg 8
    // queues the rest with a deprecation warning, pg 9 refuses them; one-query-per-client.test.ts).
    const assessments = await tx.select().from(rnAssessments).where(inArray(rnAssessments.caseId, ids));
    const protectedFields = await tx.select().from(rnCaseProtected).where(inArray(rnCaseProtected.caseId, ids));
    const activities = await tx.select().from(rnPlanActivities).where(inArray(rnPlanActivities.caseId, ids));
    const referrals = await tx.select().from(rnReferrals).where(inArray(rnReferrals.caseId, ids));
    const followUps = await tx.select().from(rnFollowUps).where(inArray(rnFollowUps.caseId, ids));
    const scores = await tx.select().from(rnScores).where(inArray(rnScores.caseId, ids));
    const history = await tx.select().from(rnCaseEvents).where(inArray(rnCaseEvents.caseId, ids));
    const of = <T extends { caseId: string }>(rows: T[], id: string) => rows.filter((r) => r.caseId === id);
    // Protected fields only with cases.protected and the step-up; otherwise withheld on every case (recorded or
    // not, so the export does not tell whether there is anything to withhold).
    const flag = (v: string | null) => (v === null ? null : v === 'true');
    const protectedOf = async (caseId: string) => {
      if (!access.protected) return WITHHELD;
      const row = of(protectedFields, caseId)[0];
      if (!row) return null;
      const open = (column: string, value: string | null) => access.keyring.openOrNull(tx, { table: 'rn_case_protected', column, rowId: caseId }, value);
      return {
        ...row,
        psychosocialNotes: await open('psychosocial_notes', row.psychosocialNotes),
        traffickingIndication: flag(await open('trafficking_indication', row.traffickingIndication)),
        violenceIndication: flag(await open('violence_indication', row.violenceIndication)),
      };
    };
    const opened = new Map<string, unknown>();
    for (const c of cases) opened.set(c.id, await protectedOf(c.id));
    return {
      cases: cases.map((c) => ({
        ...c,
        assessments: of(assessments, c.id),
        protected: opened.get(c.id),
        activities: of(activities, c.id),
        referrals: of(referrals, c.id),
        follow_ups: of(followUps, c.id),
        scores: of(scores, c.id),
        history: of(history, c.id),
      })),
    };
  },

  async erasePerson(tx, personId) {
    const ids = (await tx.select({ id: rnCases.id }).from(rnCases).where(eq(rnCases.personId, personId))).map((c) => c.id);
    const touched = await scrubCases(tx, ids);
    // The tombstone: which case lost its personal data, never what it said.
    for (const id of ids) {
      await appendAudit(tx, { actorId: null, actorLabel: 'person erasure', action: 'reintegration.case_erased', recordType: 'rn_case', recordId: id, changedFields: ['person_id', 'answers', 'protected', 'notes'] });
    }
    return touched;
  },

  async mergePerson(tx, fromPersonId, intoPersonId) {
    const moved = await tx.update(rnCases).set({ personId: intoPersonId, updatedAt: new Date() }).where(eq(rnCases.personId, fromPersonId)).returning({ id: rnCases.id });
    return moved.length;
  },
};
