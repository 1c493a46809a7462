import { useEffect, useState, type FormEvent } from 'react';
import { api, isAbort, query, type OrgUnitRef } from '../../app/api';
import { useAuth } from '../../app/auth';
import { Button, ButtonLink } from '../../app/components/Button';
import { Checkbox, CheckboxGroup, Select, TextInput } from '../../app/components/Field';
import { Notice, PageHeading } from '../../app/components/Layout';
import { useApi } from '../../app/components/useApi';
import { FlashNotice } from '../../app/flash';
import { formatDate, formatNumber } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { Link, navigate, useLocation } from '../../app/router';
import type { OrgUnit } from '../../core/admin/shared';
import { useRnLabels } from './labels';
import { ReintegrationNav } from './ReintegrationNav';
import { PlanDue, StatusTag } from './shared';
import { CASE_STATUSES, casePath, personName, type Caseload, type ReturnCategory } from './types';
import './reintegration.css';

const PAGE_SIZE = 25;
const NO_UNITS: OrgUnitRef[] = [];

/** The filters, as they sit in the address (so that reload, back and a shared link keep them). */
interface Filters {
  status: string[];
  overdue: boolean;
  org_unit: string;
  category: string;
  mine: boolean;
  q: string;
}

function readFilters(search: URLSearchParams): Filters {
  return {
    status: (search.get('status') ?? '').split(',').filter((s) => (CASE_STATUSES as readonly string[]).includes(s)),
    overdue: search.get('overdue') === 'true',
    org_unit: search.get('org_unit') ?? '',
    category: search.get('category') ?? '',
    mine: search.get('caseworker') === 'me',
    q: search.get('q') ?? '',
  };
}

function filterQuery(f: Filters, page = 1): Record<string, string | number | undefined> {
  return {
    status: f.status.join(','),
    overdue: f.overdue ? 'true' : undefined,
    org_unit: f.org_unit,
    category: f.category,
    caseworker: f.mine ? 'me' : undefined,
    q: f.q.trim().length >= 2 ? f.q.trim() : undefined,
    page: page > 1 ? page : undefined,
  };
}

/**
 * The org units a user may filter by: those of their view scope and, one level down, their parts (a supervisor of
 * a country picks a department; a caseworker of a municipality has just that one).
 */
function useScopeUnits(scope: readonly OrgUnitRef[]): { unit: OrgUnitRef; child: boolean }[] {
  const [children, setChildren] = useState<Record<string, OrgUnitRef[]>>({});
  const codes = scope.map((u) => u.code).join(',');
  useEffect(() => {
    const ctl = new AbortController();
    Promise.all(codes.split(',').filter(Boolean).map(async (code) => [code, (await api.get<{ items: OrgUnit[] }>(`/org-units${query({ parent: code })}`, { signal: ctl.signal })).items] as const))
      .then((lists) => setChildren(Object.fromEntries(lists.map(([code, items]) => [code, items.map((o) => ({ code: o.code, name: o.name, kind: o.kind }))]))))
      .catch((err: unknown) => {
        // without the parts, the scope's own units still filter
        if (!isAbort(err)) setChildren({});
      });
    return () => ctl.abort();
  }, [codes]);
  return scope.flatMap((unit) => [{ unit, child: false }, ...(children[unit.code] ?? []).map((c) => ({ unit: c, child: true }))]);
}

export default function CaseloadPage() {
  const { t, locale } = useI18n();
  const labels = useRnLabels();
  const { can, me } = useAuth();
  const { search, href } = useLocation();
  const applied = readFilters(search);
  const page = Math.max(1, Number(search.get('page')) || 1);
  const [draft, setDraft] = useState<Filters>(applied);
  const [qError, setQError] = useState<string | undefined>();
  const list = useApi<Caseload>(`/reintegration/cases${query({ ...filterQuery(applied, page), page_size: PAGE_SIZE })}`);
  // Back and forward change the address: the form shows the filters of the list it sits above.
  useEffect(() => setDraft(readFilters(new URLSearchParams(href.split('?')[1] ?? ''))), [href]);
  const categories = useApi<{ items: ReturnCategory[] }>('/reintegration/return-categories');

  const set = <K extends keyof Filters>(k: K) => (v: Filters[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const go = (f: Filters, p = 1) => navigate(`/reintegration${query(filterQuery(f, p))}`, { keepScroll: true });

  function submit(e: FormEvent) {
    e.preventDefault();
    const q = draft.q.trim();
    if (q.length === 1) {
      setQError(t('rn.caseload.search.short'));
      return;
    }
    setQError(undefined);
    go(draft);
  }

  function clear() {
    const none: Filters = { status: [], overdue: false, org_unit: '', category: '', mine: false, q: '' };
    setDraft(none);
    go(none);
  }

  const units = useScopeUnits(me?.user.view_scope ?? NO_UNITS);
  const data = list.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.page_size)) : 1;

  return (
    <>
      <ReintegrationNav />
      <FlashNotice />
      <PageHeading caption={t('rn.title')}>{t('rn.caseload.title')}</PageHeading>
      <p>{t('rn.caseload.intro')}</p>
      {can('cases.write') ? <ButtonLink to="/reintegration/cases/new">{t('rn.caseload.register')}</ButtonLink> : null}

      <form className="rn-filters" role="search" aria-label={t('rn.caseload.filters')} onSubmit={submit} noValidate>
        <TextInput id="q" type="search" label={t('rn.caseload.search')} hint={t('rn.caseload.search.hint')} value={draft.q} onValue={set('q')} error={qError} autoComplete="off" width="20" />
        <CheckboxGroup
          id="status"
          legend={t('rn.caseload.status')}
          options={CASE_STATUSES.map((s) => ({ value: s, label: labels.status(s) }))}
          value={draft.status}
          onValue={set('status')}
        />
        <div className="rn-filters__row">
          <Select
            id="org_unit"
            label={t('rn.caseload.orgUnit')}
            value={draft.org_unit}
            onValue={set('org_unit')}
            options={[{ value: '', label: t('rn.caseload.any') }, ...units.map(({ unit, child }) => ({ value: unit.code, label: child ? `– ${unit.name}` : unit.name }))]}
          />
          <Select
            id="category"
            label={t('rn.caseload.category')}
            value={draft.category}
            onValue={set('category')}
            options={[
              { value: '', label: t('rn.caseload.any') },
              ...(categories.data?.items ?? []).map((c) => ({ value: c.code, label: `${c.label} (${c.country_iso3})` })),
            ]}
          />
        </div>
        <div className="choices">
          <Checkbox id="overdue" label={t('rn.caseload.overdueOnly')} checked={draft.overdue} onChecked={set('overdue')} />
          <Checkbox id="mine" label={t('rn.caseload.mine')} checked={draft.mine} onChecked={set('mine')} />
        </div>
        <div className="btn-group">
          <Button type="submit">{t('rn.caseload.apply')}</Button>
          <Button variant="secondary" onClick={clear}>
            {t('rn.caseload.clear')}
          </Button>
        </div>
      </form>

      {list.error ? (
        <Notice tone="error" live>
          <p>{list.error.message}</p>
        </Notice>
      ) : null}
      <p role="status" className="secondary">
        {list.loading ? t('common.loading') : data ? t('rn.caseload.count', { count: formatNumber(data.total, locale) }) : ''}
      </p>

      {data && data.items.length > 0 ? (
        <div className="table-wrap rn-cards" tabIndex={0} role="region" aria-label={t('rn.caseload.caption')}>
          <table className="table">
            <caption className="visually-hidden">{t('rn.caseload.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('rn.case.reference')}</th>
                <th scope="col">{t('rn.case.person')}</th>
                <th scope="col">{t('rn.case.arrival')}</th>
                <th scope="col">{t('rn.case.from')}</th>
                <th scope="col">{t('rn.case.how')}</th>
                <th scope="col">{t('rn.case.status')}</th>
                <th scope="col">{t('rn.case.planDue')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((c) => (
                <tr key={c.id}>
                  <td data-label={t('rn.case.reference')} className="nowrap">
                    <Link to={casePath(c.id)}>{c.reference}</Link>
                  </td>
                  <td data-label={t('rn.case.person')}>{personName(c.person) || t('rn.case.erasedPerson')}</td>
                  <td data-label={t('rn.case.arrival')} className="nowrap">
                    {formatDate(c.arrival_date, locale)}
                  </td>
                  <td data-label={t('rn.case.from')}>{labels.country(c.returned_from_iso3)}</td>
                  <td data-label={t('rn.case.how')}>{labels.how(c.return_how)}</td>
                  <td data-label={t('rn.case.status')}>
                    <StatusTag status={c.status} />
                  </td>
                  <td data-label={t('rn.case.planDue')}>
                    <PlanDue due={c.plan_due_date} overdue={c.overdue} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      {data && pages > 1 ? (
        <nav className="rn-pager" aria-label={t('rn.caseload.pages')}>
          {page > 1 ? <Link to={`/reintegration${query(filterQuery(applied, page - 1))}`}>{t('rn.caseload.previous')}</Link> : <span />}
          <span>{t('rn.caseload.pageOf', { page: formatNumber(page, locale), pages: formatNumber(pages, locale) })}</span>
          {page < pages ? <Link to={`/reintegration${query(filterQuery(applied, page + 1))}`}>{t('rn.caseload.next')}</Link> : <span />}
        </nav>
      ) : null}
    </>
  );
}
