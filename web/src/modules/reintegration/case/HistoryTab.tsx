import { Loading, Notice } from '../../../app/components/Layout';
import { useApi } from '../../../app/components/useApi';
import { formatDateTime } from '../../../app/format';
import { useI18n } from '../../../app/i18n';
import { useRnLabels } from '../labels';
import type { HistoryItem } from '../types';

/** Details worth a line in the history, in this order; other keys (ids) stay in the audit log. */
const SHOWN_DETAILS = ['reason', 'note', 'partner', 'kind', 'need', 'response', 'activities', 'reference'] as const;

/** Every step and piece of work on the case, oldest first, from GET …/history. */
export function HistoryTab({ caseId }: { caseId: string }) {
  const { t, tDynamic, locale } = useI18n();
  const labels = useRnLabels();
  const history = useApi<{ items: HistoryItem[] }>(`/reintegration/cases/${encodeURIComponent(caseId)}/history`);
  if (history.loading) return <Loading />;
  if (!history.data)
    return (
      <Notice tone="error" live>
        <p>{history.error?.message}</p>
      </Notice>
    );

  const detail = (key: string, value: string | number | null): string => {
    if (value === null) return '';
    const v = String(value);
    const shown = key === 'reason' ? labels.closure(v) : key === 'kind' ? labels.kind(v) : key === 'need' ? labels.need(v) : key === 'response' ? labels.response(v) : v;
    return `${tDynamic(`rn.history.detail.${key}`, key)}: ${shown}`;
  };

  return (
    <>
      <h2>{t('rn.history.title')}</h2>
      <ol className="rn-history">
        {history.data.items.map((e, i) => {
          const details = SHOWN_DETAILS.filter((k) => k in e.detail && e.detail[k] !== null).map((k) => detail(k, e.detail[k] ?? null));
          return (
            <li key={i} className="rn-history__item">
              <p className="rn-history__what">
                <strong>{labels.event(e.action)}</strong>
                {e.to_status ? <> {t('rn.history.toStatus', { status: labels.status(e.to_status) })}</> : null}
              </p>
              <p className="secondary rn-small">{t('rn.history.byAt', { actor: e.actor, at: formatDateTime(e.at, locale) })}</p>
              {details.length ? <p className="rn-small">{details.join(' · ')}</p> : null}
            </li>
          );
        })}
      </ol>
    </>
  );
}
