import { sql, type SQL } from 'drizzle-orm';
import { appendAudit } from '../../core/audit/store.js';
import { authorFields, SYSTEM, type AppContext, type Author, type RequestMeta } from '../../core/context.js';
import { rowsOf, type Executor } from '../../core/db/engine.js';
import policyFile from './retention.json' with { type: 'json' };
import { retentionCutoff, retentionPolicySchema, type RetentionPolicy, type RetentionRecord } from './domain/retention.js';
import { ERASED_MARK, clearFreeTextNotes, dropProtectedFields, emptyAssessmentAnswers, unlinkPerson } from './scrub.js';

/**
 * Enforces the retention periods of `retention.json` on closed cases (`mide reintegration retention [--dry-run]`):
 * for each record type, the closed cases past the period that still hold such records are found and those records
 * removed, all rules in one transaction with one audit entry per rule. A dry run counts and changes nothing.
 */

/** The bundled policy, checked when first used (a malformed file stops the command with zod's message). */
export const bundledRetentionPolicy = (): RetentionPolicy => retentionPolicySchema.parse(policyFile);

/** Which closed cases still hold the record type (so a second run finds nothing to do). */
const STILL_HELD: Record<RetentionRecord, SQL> = {
  protected_fields: sql`EXISTS (SELECT 1 FROM rn_case_protected p WHERE p.case_id = c.id)`,
  assessment_answers: sql`(EXISTS (SELECT 1 FROM rn_assessments a WHERE a.case_id = c.id AND a.answers <> '{}'::jsonb)
    OR EXISTS (SELECT 1 FROM rn_scores s WHERE s.case_id = c.id AND s.answers <> '{}'::jsonb))`,
  free_text_notes: sql`(c.closure_note IS NOT NULL
    OR EXISTS (SELECT 1 FROM rn_plan_activities x WHERE x.case_id = c.id AND x.notes IS NOT NULL)
    OR EXISTS (SELECT 1 FROM rn_referrals r WHERE r.case_id = c.id AND (r.outcome_notes IS NOT NULL OR r.override_reason <> ${ERASED_MARK}))
    OR EXISTS (SELECT 1 FROM rn_follow_ups f WHERE f.case_id = c.id AND f.notes IS NOT NULL)
    OR EXISTS (SELECT 1 FROM rn_case_events e WHERE e.case_id = c.id AND e.detail ? 'note'))`,
  person_link: sql`c.person_id IS NOT NULL`,
};

const REMOVE: Record<RetentionRecord, (tx: Executor, ids: string[]) => Promise<number>> = {
  protected_fields: dropProtectedFields,
  assessment_answers: emptyAssessmentAnswers,
  free_text_notes: clearFreeTextNotes,
  person_link: unlinkPerson,
};

export interface RetentionResult {
  record: RetentionRecord;
  months_after_closure: number;
  closed_before: string;
  cases: number;
}

async function dueCases(tx: Executor, record: RetentionRecord, closedBefore: Date): Promise<string[]> {
  const result = await tx.execute(sql`SELECT c.id FROM rn_cases c WHERE c.status = 'closed' AND c.closed_at < ${closedBefore.toISOString()} AND ${STILL_HELD[record]}`);
  return rowsOf<{ id: string }>(result).map((r) => r.id);
}

export async function applyRetention(ctx: AppContext, options: { dryRun: boolean; now?: Date; policy?: RetentionPolicy; author?: Author; meta?: RequestMeta }): Promise<RetentionResult[]> {
  const policy = options.policy ?? bundledRetentionPolicy();
  const now = options.now ?? new Date();
  return ctx.db.transaction(async (tx) => {
    const results: RetentionResult[] = [];
    for (const rule of policy.rules) {
      const closedBefore = retentionCutoff(now, rule.months_after_closure);
      const ids = await dueCases(tx, rule.record, closedBefore);
      results.push({ record: rule.record, months_after_closure: rule.months_after_closure, closed_before: closedBefore.toISOString(), cases: ids.length });
      if (options.dryRun || ids.length === 0) continue;
      await REMOVE[rule.record](tx, ids);
      await appendAudit(tx, {
        ...authorFields(options.author ?? SYSTEM),
        ...(options.meta ?? {}),
        action: 'reintegration.retention',
        recordType: 'rn_case',
        changedFields: [rule.record, `policy:${policy.version}`, `cases:${ids.length}`],
      });
    }
    return results;
  });
}
