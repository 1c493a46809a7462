import { useState, type FormEvent } from 'react';
import { api } from '../../app/api';
import { Button, ButtonGroup } from '../../app/components/Button';
import { ErrorSummary } from '../../app/components/ErrorSummary';
import { Select } from '../../app/components/Field';
import { Loading, Notice, PageHeading, Table } from '../../app/components/Layout';
import { useApi } from '../../app/components/useApi';
import { useMutation } from '../../app/components/useMutation';
import { formatDate, formatNumber } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { Link } from '../../app/router';
import { useRnLabels } from './labels';
import { ReintegrationNav } from './ReintegrationNav';
import type { Supervision } from './scores/types';
import { PlanDue, StatusTag } from './shared';
import { CASE_STATUSES, casePath, personName, type CaseSummary } from './types';
import './reintegration.css';

/** What waits for a supervisor in their view scope: plans and closures to approve, late plans, each caseworker's load. */
export default function SupervisionPage() {
  const { t, locale } = useI18n();
  const labels = useRnLabels();
  const answer = useApi<Supervision>('/reintegration/supervision');
  const data = answer.data;
  const n = (v: number) => formatNumber(v, locale);

  return (
    <>
      <ReintegrationNav trail={[{ label: t('rn.nav.supervision') }]} />
      <PageHeading>{t('rn.supervision.title')}</PageHeading>
      <p className="lead">{t('rn.supervision.intro')}</p>
      {answer.error ? (
        <Notice tone="error" live>
          <p>{answer.error.message}</p>
        </Notice>
      ) : null}
      {!data && answer.loading ? <Loading /> : null}
      {data ? (
        <>
          <CaseList id="plans" title={t('rn.supervision.plans', { count: n(data.plans_waiting.length) })} empty={t('rn.supervision.plans.none')} items={data.plans_waiting} tab="plan" />
          <CaseList id="closures" title={t('rn.supervision.closures', { count: n(data.closures_waiting.length) })} empty={t('rn.supervision.closures.none')} items={data.closures_waiting} />
          <CaseList id="overdue" title={t('rn.supervision.overdue', { count: n(data.overdue.length) })} empty={t('rn.supervision.overdue.none')} items={data.overdue} tab="plan" />

          <section aria-labelledby="caseload-title">
            <h2 id="caseload-title">{t('rn.supervision.caseload')}</h2>
            {data.caseload.length === 0 ? (
              <p>{t('rn.supervision.caseload.none')}</p>
            ) : (
              <Table
                caption={t('rn.supervision.caseload.caption')}
                captionHidden
                head={[t('rn.case.caseworker'), t('rn.supervision.open'), t('rn.supervision.overdueCount'), ...CASE_STATUSES.map((s) => labels.status(s))]}
                numeric={[1, 2, ...CASE_STATUSES.map((_, i) => i + 3)]}
              >
                {data.caseload.map((row) => (
                  <tr key={row.caseworker?.id ?? 'none'}>
                    <th scope="row">{row.caseworker?.name ?? t('rn.supervision.unassigned')}</th>
                    <td className="num">{n(row.open)}</td>
                    <td className="num">{row.overdue > 0 ? <strong>{n(row.overdue)}</strong> : n(0)}</td>
                    {CASE_STATUSES.map((s) => (
                      <td key={s} className="num">
                        {n(row.by_status[s] ?? 0)}
                      </td>
                    ))}
                  </tr>
                ))}
              </Table>
            )}
          </section>
          <Reassign data={data} onDone={answer.reload} />
        </>
      ) : null}
    </>
  );
}

/**
 * Handing a case shown above to another caseworker (a late plan, say). The candidates are everyone who writes cases in
 * part of the supervisor's scope, shown with their units, even with no case yet; the server checks that the new one
 * may work in the case's org unit.
 */
function Reassign({ data, onDone }: { data: Supervision; onDone: () => void }) {
  const { t } = useI18n();
  const [caseId, setCaseId] = useState('');
  const [caseworkerId, setCaseworkerId] = useState('');
  const [done, setDone] = useState('');
  const reassign = useMutation(
    (id: string, caseworker_id: string) => api.post<CaseSummary>(`/reintegration/cases/${encodeURIComponent(id)}/caseworker`, { caseworker_id }),
    {
      generalTarget: 'reassign_case',
      onSuccess: (updated) => {
        setDone(t('rn.supervision.reassign.done', { reference: updated.reference, name: updated.caseworker?.name ?? '' }));
        setCaseId('');
        setCaseworkerId('');
        onDone();
      },
    },
  );
  const { busy, errors } = reassign;
  const cases = [...new Map([...data.overdue, ...data.plans_waiting, ...data.closures_waiting].map((c) => [c.id, c])).values()];
  const { caseworkers } = data;
  if (cases.length === 0 || caseworkers.length === 0) return null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setDone('');
    const problems: [string, string][] = [];
    if (!caseId) problems.push(['reassign_case', t('rn.supervision.reassign.caseMissing')]);
    if (!caseworkerId) problems.push(['caseworker_id', t('rn.supervision.reassign.caseworkerMissing')]);
    if (errors.set(problems)) return;
    await reassign.run(caseId, caseworkerId);
  }

  return (
    <section aria-labelledby="reassign-title">
      <h2 id="reassign-title">{t('rn.supervision.reassign.title')}</h2>
      <p>{t('rn.supervision.reassign.body')}</p>
      <div role="status">
        {done ? (
          <Notice tone="success">
            <p>{done}</p>
          </Notice>
        ) : null}
      </div>
      <form onSubmit={submit} noValidate>
        <ErrorSummary items={errors.items} seq={errors.seq} />
        <Select
          id="reassign_case"
          label={t('rn.supervision.reassign.case')}
          error={errors.field('reassign_case')}
          value={caseId}
          onValue={setCaseId}
          options={[
            { value: '', label: t('rn.supervision.reassign.chooseCase') },
            ...cases.map((c) => ({
              value: c.id,
              label: t('rn.supervision.reassign.caseOption', { reference: c.reference, name: personName(c.person) || t('rn.case.erasedPerson'), caseworker: c.caseworker?.name ?? t('rn.supervision.unassigned') }),
            })),
          ]}
        />
        <Select
          id="caseworker_id"
          label={t('rn.supervision.reassign.to')}
          error={errors.field('caseworker_id')}
          value={caseworkerId}
          onValue={setCaseworkerId}
          options={[{ value: '', label: t('rn.supervision.reassign.chooseCaseworker') }, ...caseworkers.map((w) => ({ value: w.id, label: t('rn.supervision.reassign.caseworkerOption', { name: w.name, units: w.units.map((u) => u.name).join(', ') }) }))]}
        />
        <ButtonGroup>
          <Button type="submit" busy={busy}>
            {t('rn.supervision.reassign.submit')}
          </Button>
        </ButtonGroup>
      </form>
    </section>
  );
}

/** Cases that wait for the supervisor, each linking to its case (on a phone, the rows become cards). */
function CaseList({ id, title, empty, items, tab }: { id: string; title: string; empty: string; items: CaseSummary[]; tab?: string }) {
  const { t, locale } = useI18n();
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {items.length === 0 ? (
        <p className="secondary">{empty}</p>
      ) : (
        <div className="table-wrap rn-cards" tabIndex={0} role="region" aria-label={title}>
          <table className="table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('rn.case.reference')}</th>
                <th scope="col">{t('rn.case.person')}</th>
                <th scope="col">{t('rn.case.orgUnit')}</th>
                <th scope="col">{t('rn.case.caseworker')}</th>
                <th scope="col">{t('rn.case.arrival')}</th>
                <th scope="col">{t('rn.case.status')}</th>
                <th scope="col">{t('rn.case.planDue')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.id}>
                  <td data-label={t('rn.case.reference')}>
                    <Link to={casePath(c.id, tab)}>{c.reference}</Link>
                  </td>
                  <td data-label={t('rn.case.person')}>{personName(c.person) || t('rn.case.erasedPerson')}</td>
                  <td data-label={t('rn.case.orgUnit')}>{c.org_unit.name}</td>
                  <td data-label={t('rn.case.caseworker')}>{c.caseworker?.name ?? t('rn.supervision.unassigned')}</td>
                  <td data-label={t('rn.case.arrival')} className="nowrap">
                    {formatDate(c.arrival_date, locale)}
                  </td>
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
      )}
    </section>
  );
}
