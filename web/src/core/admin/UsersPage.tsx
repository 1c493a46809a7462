import { useState } from 'react';
import { ButtonLink } from '../../app/components/Button';
import { TextInput } from '../../app/components/Field';
import { Loading, Notice, PageHeading, Table, Tag } from '../../app/components/Layout';
import { useApi } from '../../app/components/useApi';
import { FlashNotice } from '../../app/flash';
import { formatDateTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useLabels } from '../../app/labels';
import { Link } from '../../app/router';
import { AdminNav, type AdminUser } from './shared';

function norm(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

export default function UsersPage() {
  const { t, locale } = useI18n();
  const labels = useLabels();
  const { data, error, loading } = useApi<{ items: AdminUser[] }>('/admin/users');
  const [filter, setFilter] = useState('');

  const all = data?.items ?? [];
  const f = norm(filter.trim());
  const shown = f
    ? all.filter((u) => norm(`${u.display_name} ${u.email} ${labels.role(u.role_id)} ${u.role_id}`).includes(f))
    : all;

  return (
    <>
      <FlashNotice />
      <PageHeading caption={t('nav.admin')}>{t('admin.nav.users')}</PageHeading>
      <AdminNav />
      <ButtonLink to="/admin/users/new">{t('users.create')}</ButtonLink>
      {loading ? <Loading /> : null}
      {error ? (
        <Notice tone="error" live>
          <p>{error.message}</p>
        </Notice>
      ) : null}
      {data ? (
        <>
          <div className="filter">
            <TextInput
              id="filter"
              type="search"
              label={t('users.filter')}
              hint={t('users.filter.hint')}
              value={filter}
              onValue={setFilter}
              autoComplete="off"
              width="20"
            />
          </div>
          <p role="status" className="secondary">
            {t('users.count', { shown: shown.length, total: all.length })}
          </p>
          <Table
            caption={t('admin.nav.users')}
            captionHidden
          className="table--wide"
            head={[t('users.name'), t('users.email'), t('users.role'), t('users.status'), t('users.mfa'), t('users.lastLogin')]}
          >
            {shown.map((u) => (
              <tr key={u.id}>
                <td>
                  <Link to={`/admin/users/${encodeURIComponent(u.id)}`}>{u.display_name || u.email}</Link>
                </td>
                <td className="code">{u.email}</td>
                <td>{labels.role(u.role_id)}</td>
                <td>{u.active ? <Tag colour="green">{t('users.active')}</Tag> : <Tag colour="grey">{t('users.inactive')}</Tag>}</td>
                <td>{u.mfa_enabled ? <Tag colour="blue">{t('profile.mfa.on')}</Tag> : <Tag colour="yellow">{t('profile.mfa.off')}</Tag>}</td>
                <td className="nowrap">{u.last_login_at ? formatDateTime(u.last_login_at, locale) : t('users.never')}</td>
              </tr>
            ))}
          </Table>
        </>
      ) : null}
    </>
  );
}
