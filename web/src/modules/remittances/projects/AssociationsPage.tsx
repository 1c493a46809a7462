import { useEffect, useState, type FormEvent } from 'react';
import { query } from '../../../app/api';
import { useAuth } from '../../../app/auth';
import { Button, ButtonLink } from '../../../app/components/Button';
import { Select } from '../../../app/components/Field';
import { Loading, Notice, PageHeading } from '../../../app/components/Layout';
import { useApi } from '../../../app/components/useApi';
import { FlashNotice } from '../../../app/flash';
import { formatDate } from '../../../app/format';
import { useI18n } from '../../../app/i18n';
import { Link, navigate, useLocation } from '../../../app/router';
import { AssociationStatusTag, ProjectsNav, TitledTable, useProjectLabels } from './shared';
import { ASSOCIATION_STATUSES, type AssociationSummary } from './types';

/**
 * An association representative's own associations (with "register an association"); for an officer
 * (`projects.manage`) every association, filtered by status, to validate.
 */
export default function AssociationsPage() {
  const { t, locale } = useI18n();
  const l = useProjectLabels();
  const { can } = useAuth();
  const { search } = useLocation();
  const officer = can('projects.manage');
  const status = search.get('status') ?? '';
  const [chosen, setChosen] = useState(status);
  const list = useApi<{ items: AssociationSummary[] }>(`/remittances/associations${query({ status })}`);
  // back and forward change the address: the form follows it
  useEffect(() => setChosen(status), [status]);

  function filter(e: FormEvent) {
    e.preventDefault();
    navigate(`/remittances/associations${query({ status: chosen })}`, { replace: true, keepScroll: true });
  }

  const items = list.data?.items ?? [];
  return (
    <>
      <ProjectsNav trail={[{ label: t('rp.associations.title') }]} />
      <FlashNotice />
      <PageHeading>{t('rp.associations.title')}</PageHeading>
      <p className="lead">{officer ? t('rp.associations.leadOfficer') : t('rp.associations.lead')}</p>
      {can('projects.propose') ? (
        <p>
          <ButtonLink to="/remittances/associations/new">{t('rp.associations.register')}</ButtonLink>
        </p>
      ) : null}
      {officer ? (
        <form className="filter filter-panel" onSubmit={filter} role="search" aria-label={t('rp.associations.filter')}>
          <Select
            id="status"
            label={t('rp.associations.status')}
            value={chosen}
            onValue={setChosen}
            options={[{ value: '', label: t('rp.filter.all') }, ...ASSOCIATION_STATUSES.map((s) => ({ value: s, label: l.associationStatus(s) }))]}
          />
          <Button type="submit" variant="secondary">
            {t('rp.filter.apply')}
          </Button>
        </form>
      ) : null}
      {list.loading ? <Loading /> : null}
      {list.error ? (
        <Notice tone="error" title={t('rp.loadFailed')}>
          {list.error.message}
        </Notice>
      ) : null}
      {list.data && items.length === 0 ? <p>{status ? t('rp.associations.noneWithStatus') : officer ? t('rp.associations.noneOfficer') : t('rp.associations.none')}</p> : null}
      {items.length > 0 ? (
        <TitledTable
          caption={t('rp.associations.caption', { count: items.length })}
          head={[t('rp.associations.name'), t('rp.associations.residence'), t('rp.associations.members'), t('rp.associations.projects'), t('rp.associations.status'), t('rp.associations.registered')]}
          numeric={[2, 3]}
          className="table--medium"
        >
          {items.map((a) => (
            <tr key={a.id}>
              <td>
                <Link to={`/remittances/associations/${encodeURIComponent(a.id)}`}>{a.name}</Link>
              </td>
              <td>
                {a.residence_city}, {a.residence_country_name}
              </td>
              <td className="num">{l.number(a.members_count)}</td>
              <td className="num">{l.number(a.projects_count)}</td>
              <td>
                <AssociationStatusTag status={a.status} />
              </td>
              <td className="nowrap">{formatDate(a.created_at, locale)}</td>
            </tr>
          ))}
        </TitledTable>
      ) : null}
    </>
  );
}
