/**
 * Retention of reintegration records: how long after a case is closed each kind of record is kept. The periods are
 * data (`retention.json`, validated here); `retentionCutoff` says before which closure date a record is due.
 */
import { z } from 'zod';

export const RETENTION_RECORDS = ['protected_fields', 'free_text_notes', 'assessment_answers', 'person_link'] as const;
export type RetentionRecord = (typeof RETENTION_RECORDS)[number];

export const retentionPolicySchema = z.strictObject({
  version: z.string().min(1),
  description: z.string(),
  rules: z
    .array(z.strictObject({ record: z.enum(RETENTION_RECORDS), months_after_closure: z.number().int().min(1).max(1200), why: z.string() }))
    .min(1)
    .refine((rules) => new Set(rules.map((r) => r.record)).size === rules.length, { message: 'each record type once' }),
});
export type RetentionPolicy = z.infer<typeof retentionPolicySchema>;

/** Cases closed before this instant have passed the period (calendar months back from `now`, clamped to month ends). */
export function retentionCutoff(now: Date, months: number): Date {
  const cutoff = new Date(now);
  const day = cutoff.getUTCDate();
  cutoff.setUTCDate(1);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  const lastDay = new Date(Date.UTC(cutoff.getUTCFullYear(), cutoff.getUTCMonth() + 1, 0)).getUTCDate();
  cutoff.setUTCDate(Math.min(day, lastDay));
  return cutoff;
}
