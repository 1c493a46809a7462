import { useState } from 'react';
import { api, ApiError } from '../../app/api';
import { Button, ButtonLink } from '../../app/components/Button';
import { Breadcrumbs, Loading, Notice, PageHeading, Table, Tag } from '../../app/components/Layout';
import { useApi } from '../../app/components/useApi';
import { formatDateTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { Link } from '../../app/router';
import './evidence.css';

export interface ImportRecord {
  id: string;
  file_name: string;
  data_element_ids: string[];
  org_unit_codes: string[];
  scope_code: string;
  period_min: string | null;
  period_max: string | null;
  rows_read: number;
  rows_imported: number;
  rows_unchanged?: number;
  rows_rejected: number;
  status: 'imported' | 'undone';
  /** who: the label of the account */
  created_by: string;
  created_at: string;
  undone_by?: string | null;
  undone_at?: string | null;
}

/** Every import of national data: who, when, what; each can be undone. */
export default function ImportsPage() {
  const { t, locale } = useI18n();
  const { data, error, loading, reload } = useApi<{ items: ImportRecord[] }>('/evidence/imports');
  const [busy, setBusy] = useState<string | null>(null);
  const [status, setStatus] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);

  async function undo(rec: ImportRecord) {
    if (!window.confirm(t('ev.imports.undoConfirm', { file: rec.file_name }))) return;
    setBusy(rec.id);
    setStatus(null);
    try {
      await api.post(`/evidence/imports/${rec.id}/undo`);
      setStatus({ tone: 'success', text: t('ev.imports.undone', { file: rec.file_name }) });
      reload();
    } catch (err) {
      setStatus({ tone: 'error', text: err instanceof ApiError ? err.message : t('error.unexpected') });
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      <Breadcrumbs
        items={[
          { label: t('nav.home'), to: '/' },
          { label: t('nav.evidence'), to: '/evidence' },
          { label: t('ev.imports.title') },
        ]}
      />
      <PageHeading>{t('ev.imports.title')}</PageHeading>
      <p className="lead ev-intro">{t('ev.imports.lead')}</p>
      <p>
        <ButtonLink to="/evidence/imports/new">{t('ev.imports.new')}</ButtonLink>
      </p>
      {status ? (
        <Notice tone={status.tone} live>
          {status.text}
        </Notice>
      ) : null}
      {loading ? <Loading /> : null}
      {error ? (
        <Notice tone="error" title={t('ev.loadFailed')}>
          {error.message}
        </Notice>
      ) : null}
      {data && data.items.length === 0 ? <p>{t('ev.imports.none')}</p> : null}
      {data && data.items.length > 0 ? (
        <Table
          caption={t('ev.imports.caption')}
          head={[t('ev.imports.whenWho'), t('ev.imports.fileWhat'), t('ev.imports.rows'), t('ev.imports.status'), t('common.actions')]}
          numeric={[2]}
        >
          {data.items.map((r) => (
            <tr key={r.id}>
              <td>
                <div className="nowrap">{formatDateTime(r.created_at, locale)}</div>
                <div className="cell-muted">{r.created_by}</div>
              </td>
              <td>
                <div>{r.file_name}</div>
                {r.data_element_ids.map((d) => (
                  <div key={d}>
                    <Link to={`/evidence/series?de=${encodeURIComponent(d)}&ou=${encodeURIComponent(r.scope_code)}`}>{d}</Link>
                  </div>
                ))}
                <span className="cell-muted">
                  {r.org_unit_codes.slice(0, 5).join(', ')}
                  {r.org_unit_codes.length > 5 ? ` (+${r.org_unit_codes.length - 5})` : ''}
                  {r.period_min ? ` · ${r.period_min}${r.period_max && r.period_max !== r.period_min ? `–${r.period_max}` : ''}` : ''}
                </span>
              </td>
              <td className="num">
                {t('ev.imports.rowsDetail', { imported: r.rows_imported, read: r.rows_read, rejected: r.rows_rejected })}
              </td>
              <td>
                {r.status === 'undone' ? (
                  <>
                    <Tag colour="grey">{t('ev.imports.statusUndone')}</Tag>
                    {r.undone_at ? (
                      <div className="cell-muted">
                        {r.undone_by} · {formatDateTime(r.undone_at, locale)}
                      </div>
                    ) : null}
                  </>
                ) : (
                  <Tag colour="green">{t('ev.imports.statusImported')}</Tag>
                )}
              </td>
              <td>
                {r.status === 'imported' ? (
                  <Button variant="warning" className="btn--small" busy={busy === r.id} onClick={() => void undo(r)}>
                    {t('ev.imports.undo')}
                    <span className="visually-hidden"> {r.file_name}</span>
                  </Button>
                ) : null}
              </td>
            </tr>
          ))}
        </Table>
      ) : null}
    </>
  );
}
