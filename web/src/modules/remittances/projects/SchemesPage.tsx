import { useState } from 'react';
import { api, ApiError } from '../../../app/api';
import { useAuth } from '../../../app/auth';
import { Button, ButtonLink } from '../../../app/components/Button';
import { Loading, Notice, PageHeading, Tag } from '../../../app/components/Layout';
import { useApi } from '../../../app/components/useApi';
import { FlashNotice } from '../../../app/flash';
import { formatDate, formatNumber } from '../../../app/format';
import { useI18n } from '../../../app/i18n';
import { ProjectsNav, TitledTable, useProjectLabels } from './shared';
import type { Scheme } from './types';

/** The funding schemes, public: who puts in what share, up to which amount, and the published scoring criteria. */
export default function SchemesPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const list = useApi<{ items: Scheme[] }>('/remittances/schemes');
  const [status, setStatus] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const manage = can('schemes.manage');

  async function retire(s: Scheme) {
    if (!window.confirm(t('rp.schemes.retireConfirm', { name: s.name }))) return;
    setBusy(s.id);
    setStatus(null);
    try {
      await api.post<Scheme>(`/remittances/schemes/${encodeURIComponent(s.id)}/retire`);
      setStatus({ tone: 'success', text: t('rp.schemes.retired', { name: s.name }) });
      list.reload();
    } catch (err) {
      setStatus({ tone: 'error', text: err instanceof ApiError ? err.message : t('error.unexpected') });
    } finally {
      setBusy(null);
    }
  }

  const items = list.data?.items ?? [];
  return (
    <>
      <ProjectsNav trail={[{ label: t('rp.schemes.title') }]} />
      <FlashNotice />
      <PageHeading>{t('rp.schemes.title')}</PageHeading>
      <p className="lead">{t('rp.schemes.lead')}</p>
      {manage ? (
        <p>
          <ButtonLink to="/remittances/schemes/new">{t('rp.schemes.new')}</ButtonLink>
        </p>
      ) : null}
      {status ? (
        <Notice tone={status.tone} live>
          <p>{status.text}</p>
        </Notice>
      ) : null}
      {list.loading ? <Loading /> : null}
      {list.error ? (
        <Notice tone="error" title={t('rp.loadFailed')}>
          {list.error.message}
        </Notice>
      ) : null}
      {list.data && items.length === 0 ? <p>{t('rp.schemes.none')}</p> : null}
      {items.map((s) => (
        <SchemeCard key={s.id} scheme={s} onRetire={manage && s.active ? () => void retire(s) : undefined} busy={busy === s.id} />
      ))}
    </>
  );
}

function SchemeCard({ scheme: s, onRetire, busy }: { scheme: Scheme; onRetire: (() => void) | undefined; busy: boolean }) {
  const { t, locale } = useI18n();
  const l = useProjectLabels();
  const hid = `scheme-${s.id}`;
  const weightSum = s.criteria.reduce((sum, c) => sum + c.weight, 0);
  return (
    <section className="rp-scheme" aria-labelledby={hid}>
      <h2 id={hid}>
        {s.name} {s.active ? <Tag colour="green">{t('rp.schemes.active')}</Tag> : <Tag colour="grey">{t('rp.schemes.retiredTag')}</Tag>}
      </h2>
      <p className="secondary">{t('rp.schemes.meta', { code: s.code, currency: s.currency, date: formatDate(s.created_at, locale) })}</p>
      <p>
        <strong>{t('rp.schemes.parties')}:</strong> {s.parties.map((p) => l.named(p)).join(', ')}
      </p>
      <TitledTable
        caption={t('rp.schemes.rulesCaption', { name: s.name })}
        head={[t('rp.project.type'), t('rp.schemes.maxBudget'), ...s.parties.map((p) => l.named(p))]}
        numeric={[1, ...s.parties.map((_, i) => i + 2)]}
        className="table--compact table--medium"
      >
        {s.rules.map((r) => (
          <tr key={r.project_type}>
            <td>{l.type(r.project_type)}</td>
            <td className="num nowrap">{l.money(r.max_budget, s.currency)}</td>
            {s.parties.map((p) => (
              <td key={p.key} className="num">
                {r.shares[p.key] ? l.pct(r.shares[p.key]!) : '–'}
              </td>
            ))}
          </tr>
        ))}
      </TitledTable>
      <TitledTable caption={t('rp.schemes.criteriaCaption', { name: s.name })} head={[t('rp.schemes.criterion'), t('rp.schemes.weight'), t('rp.schemes.weightShare')]} numeric={[1, 2]} className="table--compact">
        {s.criteria.map((c) => (
          <tr key={c.key}>
            <td>{l.named(c)}</td>
            <td className="num">{formatNumber(c.weight, locale)}</td>
            <td className="num">{formatNumber(weightSum > 0 ? c.weight / weightSum : 0, locale, { style: 'percent', maximumFractionDigits: 1 })}</td>
          </tr>
        ))}
      </TitledTable>
      <p>{t('rp.schemes.minScore', { min: l.score(s.min_score) })}</p>
      {onRetire ? (
        <Button variant="warning" className="btn--small" busy={busy} onClick={onRetire}>
          {t('rp.schemes.retire')}
          <span className="visually-hidden"> {s.name}</span>
        </Button>
      ) : null}
    </section>
  );
}
