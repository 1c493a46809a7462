import { useState, type FormEvent } from 'react';
import { query } from '../../app/api';
import { useAuth } from '../../app/auth';
import { Button, ButtonLink } from '../../app/components/Button';
import { TextInput } from '../../app/components/Field';
import { Loading, Notice, PageHeading, Table } from '../../app/components/Layout';
import { useApi } from '../../app/components/useApi';
import { FlashNotice } from '../../app/flash';
import { formatDate, formatNumber } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { Link, navigate, useLocation } from '../../app/router';
import { fullName, type PersonSummary } from './types';

export default function PersonsListPage() {
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const { search } = useLocation();
  const q = search.get('q') ?? '';
  const [text, setText] = useState(q);
  const { data, error, loading } = useApi<{ items: PersonSummary[] }>(`/persons${query({ q })}`);

  function submit(e: FormEvent) {
    e.preventDefault();
    navigate(`/persons${query({ q: text.trim() })}`, { keepScroll: true });
  }

  return (
    <>
      <FlashNotice />
      <PageHeading>{t('persons.title')}</PageHeading>
      <p>{t('persons.intro')}</p>
      {can('persons.write') ? <ButtonLink to="/persons/new">{t('persons.new')}</ButtonLink> : null}
      <form className="filter" role="search" onSubmit={submit} noValidate>
        <TextInput id="q" type="search" label={t('persons.search')} hint={t('persons.search.hint')} value={text} onValue={setText} autoComplete="off" width="20" />
        <Button type="submit" variant="secondary">
          {t('persons.search.button')}
        </Button>
      </form>
      {error ? (
        <Notice tone="error" live>
          <p>{error.message}</p>
        </Notice>
      ) : null}
      <p role="status" className="secondary">
        {loading
          ? t('common.loading')
          : data
            ? q
              ? t('persons.count.query', { count: formatNumber(data.items.length, locale), q })
              : t('persons.count', { count: formatNumber(data.items.length, locale) })
            : ''}
      </p>
      {loading && !data ? <Loading /> : null}
      {data && data.items.length > 0 ? (
        <Table caption={t('persons.title')} captionHidden head={[t('persons.name'), t('persons.orgUnit'), t('persons.createdAt')]}>
          {data.items.map((p) => (
            <tr key={p.id}>
              <td>
                <Link to={`/persons/${encodeURIComponent(p.id)}`}>{fullName(p)}</Link>
              </td>
              <td>{p.org_unit.name}</td>
              <td className="nowrap">{formatDate(p.created_at, locale)}</td>
            </tr>
          ))}
        </Table>
      ) : null}
    </>
  );
}
