import { inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/engine.js';
import { rnAssessments, rnCaseEvents, rnCaseProtected, rnCases, rnFollowUps, rnPlanActivities, rnReferrals, rnScores } from './schema.js';

/**
 * How each kind of personal record on a set of cases is removed; erasure of a person runs them all, retention runs
 * each when its period has passed. Case rows themselves stay, for the counts.
 */

/** Written in place of an override reason: the referral stays one made without consent, its words go. */
export const ERASED_MARK = '[erased]';

export async function dropProtectedFields(tx: Executor, caseIds: string[]): Promise<number> {
  return (await tx.delete(rnCaseProtected).where(inArray(rnCaseProtected.caseId, caseIds)).returning({ id: rnCaseProtected.caseId })).length;
}

/** Assessment answers and the answers behind sustainability scores; the scores' numbers stay for the statistics. */
export async function emptyAssessmentAnswers(tx: Executor, caseIds: string[]): Promise<number> {
  const assessments = await tx.update(rnAssessments).set({ answers: {} }).where(sql`${inArray(rnAssessments.caseId, caseIds)} AND ${rnAssessments.answers} <> '{}'::jsonb`).returning({ id: rnAssessments.id });
  const scores = await tx.update(rnScores).set({ answers: {} }).where(sql`${inArray(rnScores.caseId, caseIds)} AND ${rnScores.answers} <> '{}'::jsonb`).returning({ id: rnScores.id });
  return assessments.length + scores.length;
}

export async function clearFreeTextNotes(tx: Executor, caseIds: string[]): Promise<number> {
  let touched = 0;
  touched += (await tx.update(rnPlanActivities).set({ notes: null }).where(sql`${inArray(rnPlanActivities.caseId, caseIds)} AND ${rnPlanActivities.notes} IS NOT NULL`).returning({ id: rnPlanActivities.id })).length;
  touched += (
    await tx
      .update(rnReferrals)
      .set({ outcomeNotes: null, overrideReason: sql`CASE WHEN ${rnReferrals.overrideReason} IS NULL THEN NULL ELSE ${ERASED_MARK} END` })
      .where(sql`${inArray(rnReferrals.caseId, caseIds)} AND (${rnReferrals.outcomeNotes} IS NOT NULL OR ${rnReferrals.overrideReason} <> ${ERASED_MARK})`)
      .returning({ id: rnReferrals.id })
  ).length;
  touched += (await tx.update(rnFollowUps).set({ notes: null }).where(sql`${inArray(rnFollowUps.caseId, caseIds)} AND ${rnFollowUps.notes} IS NOT NULL`).returning({ id: rnFollowUps.id })).length;
  touched += (await tx.update(rnCaseEvents).set({ detail: sql`${rnCaseEvents.detail} - 'note'` }).where(sql`${inArray(rnCaseEvents.caseId, caseIds)} AND ${rnCaseEvents.detail} ? 'note'`).returning({ id: rnCaseEvents.id })).length;
  touched += (await tx.update(rnCases).set({ closureNote: null }).where(sql`${inArray(rnCases.id, caseIds)} AND ${rnCases.closureNote} IS NOT NULL`).returning({ id: rnCases.id })).length;
  return touched;
}

export async function unlinkPerson(tx: Executor, caseIds: string[]): Promise<number> {
  const now = new Date();
  return (await tx.update(rnCases).set({ personId: null, erasedAt: now, updatedAt: now }).where(inArray(rnCases.id, caseIds)).returning({ id: rnCases.id })).length;
}

/** Everything personal on the cases (a person's erasure). */
export async function scrubCases(tx: Executor, caseIds: string[]): Promise<number> {
  if (caseIds.length === 0) return 0;
  await dropProtectedFields(tx, caseIds);
  await emptyAssessmentAnswers(tx, caseIds);
  await clearFreeTextNotes(tx, caseIds);
  return unlinkPerson(tx, caseIds);
}
