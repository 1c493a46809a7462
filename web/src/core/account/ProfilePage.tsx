import { useState } from 'react';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { Button } from '../../app/components/Button';
import { Loading, Notice, PageHeading, SummaryList, Table, Tag } from '../../app/components/Layout';
import { useApi } from '../../app/components/useApi';
import { FlashNotice } from '../../app/flash';
import { formatDateTime } from '../../app/format';
import { LANGS, useI18n } from '../../app/i18n';
import { useLabels } from '../../app/labels';
import { Link, navigate } from '../../app/router';

interface MySession {
  id: string;
  created_at: string;
  last_seen_at: string;
  ip: string | null;
  user_agent: string | null;
  current: boolean;
}

export default function ProfilePage() {
  const { t, locale } = useI18n();
  const { me, setMe } = useAuth();
  const labels = useLabels();
  const sessions = useApi<{ items: MySession[] }>('/me/sessions');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!me) return null;
  const u = me.user;

  async function signOutEverywhere() {
    if (busy) return;
    setBusy(true);
    try {
      await api.post('/auth/logout-everywhere');
      setMe(null);
      navigate('/login');
    } catch (err) {
      setError(err instanceof Error ? err.message : t('error.unexpected'));
      setBusy(false);
    }
  }

  const change = (to: string, what: string) => (
    <Link to={to}>
      {t('common.change')}
      <span className="visually-hidden"> {what}</span>
    </Link>
  );

  return (
    <>
      <FlashNotice />
      <PageHeading>{t('profile.title')}</PageHeading>
      <SummaryList
        rows={[
          { key: t('profile.displayName'), value: u.display_name, action: change('/profile/details', t('profile.displayName')) },
          { key: t('profile.email'), value: u.email },
          { key: t('profile.role'), value: labels.role(u.role_id) },
          {
            key: t('profile.language'),
            value: LANGS.find((l) => l.code === u.locale)?.name ?? u.locale,
            action: change('/profile/details', t('profile.language')),
          },
          { key: t('profile.password'), value: '••••••••••', action: change('/profile/password', t('profile.password')) },
          {
            key: t('profile.mfa'),
            value: u.mfa_enabled ? <Tag colour="green">{t('profile.mfa.on')}</Tag> : <Tag colour="grey">{t('profile.mfa.off')}</Tag>,
            action: change('/profile/mfa', t('profile.mfa')),
          },
          {
            key: t('profile.viewScope'),
            value: u.view_scope.length ? u.view_scope.map((o) => o.name).join(', ') : t('common.none'),
          },
          {
            key: t('profile.captureScope'),
            value: u.capture_scope.length ? u.capture_scope.map((o) => o.name).join(', ') : t('common.none'),
          },
        ]}
      />

      <h2>{t('profile.sessions.title')}</h2>
      <p>{t('profile.sessions.intro')}</p>
      {sessions.loading ? <Loading /> : null}
      {sessions.error ? (
        <Notice tone="error" live>
          <p>{sessions.error.message}</p>
        </Notice>
      ) : null}
      {sessions.data ? (
        <Table
          caption={t('profile.sessions.caption')}
          captionHidden
          className="table--medium"
          head={[t('sessions.started'), t('sessions.lastSeen'), t('sessions.ip'), t('sessions.device')]}
        >
          {sessions.data.items.map((s) => (
            <tr key={s.id}>
              <td className="nowrap">
                {formatDateTime(s.created_at, locale)} {s.current ? <Tag>{t('sessions.current')}</Tag> : null}
              </td>
              <td className="nowrap">{formatDateTime(s.last_seen_at, locale)}</td>
              <td>{s.ip ?? '—'}</td>
              <td>
                <span className="truncate" title={s.user_agent ?? undefined}>
                  {s.user_agent ?? '—'}
                </span>
              </td>
            </tr>
          ))}
        </Table>
      ) : null}
      {error ? (
        <Notice tone="error" live>
          <p>{error}</p>
        </Notice>
      ) : null}
      <p>{t('profile.signOutEverywhere.hint')}</p>
      <Button variant="secondary" busy={busy} onClick={() => void signOutEverywhere()}>
        {t('profile.signOutEverywhere')}
      </Button>
    </>
  );
}
