import { useState } from 'react';
import { api } from '../../app/api';
import { Button } from '../../app/components/Button';
import { Loading, Notice, PageHeading, Table, Tag } from '../../app/components/Layout';
import { useApi } from '../../app/components/useApi';
import { formatDateTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useLabels } from '../../app/labels';
import { AdminNav } from './shared';

interface AdminSession {
  id: string;
  user_id: string;
  email: string;
  state: string;
  created_at: string;
  last_seen_at: string;
  ip: string | null;
  user_agent: string | null;
  current: boolean;
}

export default function SessionsPage() {
  const { t, locale } = useI18n();
  const labels = useLabels();
  const { data, error, loading, setData } = useApi<{ items: AdminSession[] }>('/admin/sessions');
  const [status, setStatus] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  async function end(s: AdminSession) {
    if (busy || !data) return;
    setBusy(s.id);
    try {
      await api.del(`/admin/sessions/${encodeURIComponent(s.id)}`);
      setData({ items: data.items.filter((x) => x.id !== s.id) });
      setStatus({ tone: 'success', text: t('adminSessions.ended', { email: s.email }) });
    } catch (err) {
      setStatus({ tone: 'error', text: err instanceof Error ? err.message : t('error.unexpected') });
    }
    setBusy(null);
  }

  return (
    <>
      <PageHeading caption={t('nav.admin')}>{t('admin.nav.sessions')}</PageHeading>
      <AdminNav />
      <p>{t('adminSessions.intro')}</p>
      <div aria-live="polite">
        {status ? (
          <Notice tone={status.tone}>
            <p>{status.text}</p>
          </Notice>
        ) : null}
      </div>
      {loading ? <Loading /> : null}
      {error ? (
        <Notice tone="error" live>
          <p>{error.message}</p>
        </Notice>
      ) : null}
      {data ? (
        <Table
          caption={t('admin.nav.sessions')}
          captionHidden
          className="table--compact table--wide"
          head={[
            t('users.email'),
            t('adminSessions.state'),
            t('sessions.started'),
            t('sessions.lastSeen'),
            t('sessions.ip'),
            t('sessions.device'),
            t('common.actions'),
          ]}
        >
          {data.items.map((s) => (
            <tr key={s.id}>
              <td className="code">
                {s.email} {s.current ? <Tag>{t('sessions.current')}</Tag> : null}
              </td>
              <td>{labels.sessionState(s.state)}</td>
              <td className="nowrap">{formatDateTime(s.created_at, locale)}</td>
              <td className="nowrap">{formatDateTime(s.last_seen_at, locale)}</td>
              <td>{s.ip ?? '—'}</td>
              <td>
                <span className="truncate" title={s.user_agent ?? undefined}>
                  {s.user_agent ?? '—'}
                </span>
              </td>
              <td>
                {s.current ? (
                  <span className="cell-muted">{t('adminSessions.thisOne')}</span>
                ) : (
                  <Button variant="secondary" className="btn--small" busy={busy === s.id} onClick={() => void end(s)}>
                    {t('adminSessions.end')}
                    <span className="visually-hidden"> ({s.email}, {formatDateTime(s.last_seen_at, locale)})</span>
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </Table>
      ) : null}
    </>
  );
}
