import { Tag } from '../../app/components/Layout';
import { formatDate } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { STATUS_COLOUR, useRnLabels } from './labels';
import type { CaseStatus } from './types';

export function StatusTag({ status }: { status: CaseStatus }) {
  const labels = useRnLabels();
  return <Tag colour={STATUS_COLOUR[status]}>{labels.status(status)}</Tag>;
}

/** The plan's due date, and a red "overdue" tag when the plan is late (no approved plan by then). */
export function PlanDue({ due, overdue }: { due: string; overdue: boolean }) {
  const { t, locale } = useI18n();
  return (
    <>
      <span className="nowrap">{formatDate(due, locale)}</span>
      {overdue ? (
        <>
          {' '}
          <Tag colour="red">{t('rn.overdue')}</Tag>
        </>
      ) : null}
    </>
  );
}

/** A decimal typed in the reader's way ("1.234,5" or "1,234.5" both read as 1234.5 where unambiguous). */
export function parseAmount(text: string): number | null {
  const s = text.trim().replace(/\s/g, '');
  if (!s) return null;
  const lastSep = Math.max(s.lastIndexOf(','), s.lastIndexOf('.'));
  const decimals = lastSep >= 0 && s.length - lastSep - 1 !== 3 ? s.slice(lastSep + 1) : '';
  const whole = (decimals ? s.slice(0, lastSep) : s).replace(/[.,]/g, '');
  const n = Number(decimals ? `${whole}.${decimals}` : whole);
  return Number.isFinite(n) ? n : null;
}
