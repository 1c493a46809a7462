import { useEffect, useState, type FormEvent } from 'react';
import { query, type ApiError, type OrgUnitRef } from '../../app/api';
import { useAuth } from '../../app/auth';
import { Button, ButtonGroup } from '../../app/components/Button';
import { ErrorSummary } from '../../app/components/ErrorSummary';
import { TextInput } from '../../app/components/Field';
import { Loading, Notice, PageHeading, Table } from '../../app/components/Layout';
import { useApi } from '../../app/components/useApi';
import { useFormErrors } from '../../app/components/useFormErrors';
import { useI18n } from '../../app/i18n';
import { navigate, useLocation } from '../../app/router';
import { OrgUnitPicker } from '../../app/components/OrgUnitPicker';
import { useRnLabels } from './labels';
import { ReintegrationNav } from './ReintegrationNav';
import { ArrivalsChart, type MonthArrivals } from './scores/ArrivalsChart';
import { monthsBetween, useScoreFormat } from './scores/format';
import { MEASURES, type Dashboard, type ScoreMeans } from './scores/types';
import { StatusTag } from './shared';
import { RETURN_HOW } from './types';
import './reintegration.css';
import './scores/scores.css';

const HERE = '/reintegration/dashboard';
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

const sum = (xs: readonly { count: number }[]) => xs.reduce((s, x) => s + x.count, 0);

/** The reintegration dashboard: arrivals, cases, referrals, closures and sustainability scores in the view scope. */
export default function DashboardPage() {
  const { t } = useI18n();
  const { search } = useLocation();
  const applied = { from: search.get('from') ?? '', to: search.get('to') ?? '', org_unit: search.get('org_unit') ?? '' };
  const answer = useApi<Dashboard>(`/reintegration/dashboard${query(applied)}`);
  const data = answer.data;

  return (
    <>
      <ReintegrationNav trail={[{ label: t('rn.nav.dashboard') }]} />
      <PageHeading caption={t('rn.title')}>{t('rn.dash.title')}</PageHeading>
      <p className="lead">{t('rn.dash.intro')}</p>
      <Filters answer={data} refused={answer.error} applied={applied} />
      {answer.error && answer.error.fields.length === 0 ? (
        <Notice tone="error" live>
          <p>{answer.error.message}</p>
        </Notice>
      ) : null}
      {!data && answer.loading ? <Loading /> : null}
      {data ? <Figures data={data} /> : null}
    </>
  );
}

/** Period (months) and org unit, kept in the address so that a reload or a shared link shows the same figures. */
function Filters({ answer, refused, applied }: { answer: Dashboard | undefined; refused: ApiError | undefined; applied: { from: string; to: string; org_unit: string } }) {
  const { t } = useI18n();
  const { me } = useAuth();
  const errors = useFormErrors();
  const [from, setFrom] = useState(applied.from);
  const [to, setTo] = useState(applied.to);
  const [unit, setUnit] = useState<OrgUnitRef[]>([]);
  // The answer says which period and unit it covers (the server's default period when none was asked for).
  useEffect(() => {
    if (!answer) return;
    setFrom(answer.from);
    setTo(answer.to);
    setUnit(answer.org_unit ? [answer.org_unit] : []);
  }, [answer]);

  // A period the server refuses (too long, say), from an edited address: its messages go beside the fields.
  const { fromApi } = errors;
  useEffect(() => {
    if (refused && refused.fields.length > 0) fromApi(refused);
  }, [refused, fromApi]);

  function submit(e: FormEvent) {
    e.preventDefault();
    const problems: [string, string][] = [];
    if (!MONTH.test(from)) problems.push(['from', t('rn.dash.month.invalid')]);
    if (!MONTH.test(to)) problems.push(['to', t('rn.dash.month.invalid')]);
    if (problems.length === 0 && from > to) problems.push(['to', t('rn.dash.month.order')]);
    if (errors.set(problems)) return;
    navigate(`${HERE}${query({ from, to, org_unit: unit[0]?.code })}`, { keepScroll: true });
  }

  return (
    <form className="rn-filters" role="search" aria-label={t('rn.dash.filters')} onSubmit={submit} noValidate>
      <ErrorSummary items={errors.items} seq={errors.seq} />
      <div className="rn-filter-months">
        <TextInput id="from" type="month" label={t('rn.dash.from')} hint={t('rn.dash.month.hint')} error={errors.field('from')} value={from} onValue={setFrom} width="10" />
        <TextInput id="to" type="month" label={t('rn.dash.to')} hint={t('rn.dash.month.hint')} error={errors.field('to')} value={to} onValue={setTo} width="10" />
      </div>
      <OrgUnitPicker id="org_unit" single legend={t('rn.dash.orgUnit')} hint={t('rn.dash.orgUnit.hint')} value={unit} onChange={setUnit} suggestions={me?.user.viewScope ?? []} />
      <ButtonGroup>
        <Button type="submit">{t('rn.dash.apply')}</Button>
      </ButtonGroup>
    </form>
  );
}

function Figures({ data }: { data: Dashboard }) {
  const { t, locale } = useI18n();
  const labels = useRnLabels();
  const f = useScoreFormat();
  const arrivals = sum(data.arrivals_by_month);
  const period = t('rn.dash.period', { from: f.month(data.from), to: f.month(data.to) });
  const where = data.org_unit ? data.org_unit.name : t('rn.dash.allUnits');

  // Arrivals per month and way of return, every month of the period (months without arrivals as zero).
  const monthRows: MonthArrivals[] = monthsBetween(data.from, data.to).map((month) => {
    const of = data.arrivals_by_month.filter((a) => a.month === month);
    const how = Object.fromEntries(RETURN_HOW.map((h) => [h, sum(of.filter((a) => a.return_how === h))])) as MonthArrivals['how'];
    return { month, how, total: sum(of) };
  });

  // Arrivals by country of return, split by how.
  const countries = [...new Set(data.arrivals_by_month.map((a) => a.returned_from_iso3))];
  const byCountry = countries
    .map((c) => {
      const rows = data.arrivals_by_month.filter((a) => a.returned_from_iso3 === c);
      return { country: c, name: labels.country(c), total: sum(rows), how: Object.fromEntries(RETURN_HOW.map((h) => [h, sum(rows.filter((r) => r.return_how === h))])) as Record<string, number> };
    })
    .sort((a, b) => b.total - a.total || a.name.localeCompare(b.name, locale));

  const cases = sum(data.cases_by_status);
  const closures = sum(data.closure_reasons);
  const scores = data.scores;

  return (
    <>
      <p className="secondary" role="status">
        {t('rn.dash.showing', { period, where })}
      </p>
      <dl className="rn-figures">
        <div>
          <dt>{t('rn.dash.fig.arrivals')}</dt>
          <dd>{f.count(arrivals)}</dd>
        </div>
        <div>
          <dt>{t('rn.dash.fig.overdue')}</dt>
          <dd>{f.count(data.overdue_plans)}</dd>
        </div>
        <div>
          <dt>{t('rn.dash.fig.scored')}</dt>
          <dd>{f.count(scores.total.returnees)}</dd>
        </div>
        <div>
          <dt>{t('rn.dash.fig.sustainable')}</dt>
          <dd>{f.share(scores.total.share_sustainable)}</dd>
        </div>
      </dl>

      <section className="rn-chart" aria-labelledby="arrivals">
        <h2 id="arrivals">{t('rn.dash.arrivals.title')}</h2>
        <p className="secondary">{t('rn.dash.arrivals.subtitle', { period, where })}</p>
        {arrivals === 0 ? <p className="secondary">{t('rn.dash.none')}</p> : <ArrivalsChart rows={monthRows} summary={t('rn.dash.arrivals.summary', { count: f.count(arrivals), period })} />}
      </section>

      <section className="rn-dash-section" aria-labelledby="by-country">
        <h2 id="by-country">{t('rn.dash.byCountry.title')}</h2>
        {byCountry.length === 0 ? (
          <p className="secondary">{t('rn.dash.none')}</p>
        ) : (
          <Table caption={t('rn.dash.byCountry.caption', { period })} captionHidden head={[t('rn.dash.country'), ...RETURN_HOW.map((h) => labels.how(h)), t('rn.dash.total')]} numeric={[1, 2, 3, 4]}>
            {byCountry.map((c) => (
              <tr key={c.country}>
                <th scope="row">{c.name}</th>
                {RETURN_HOW.map((h) => (
                  <td key={h} className="num">
                    {f.count(c.how[h] ?? 0)}
                  </td>
                ))}
                <td className="num">{f.count(c.total)}</td>
              </tr>
            ))}
          </Table>
        )}
      </section>

      <div className="rn-dash-grid">
        <section className="rn-dash-section" aria-labelledby="by-status">
          <h2 id="by-status">{t('rn.dash.status.title')}</h2>
          <p className="secondary">{t('rn.dash.status.hint')}</p>
          {data.cases_by_status.length === 0 ? (
            <p className="secondary">{t('rn.dash.none')}</p>
          ) : (
            <Table caption={t('rn.dash.status.title')} captionHidden head={[t('rn.case.status'), t('rn.dash.cases'), t('rn.dash.share')]} numeric={[1, 2]}>
              {data.cases_by_status.map((s) => (
                <tr key={s.status}>
                  <th scope="row">
                    <StatusTag status={s.status} />
                  </th>
                  <td className="num">{f.count(s.count)}</td>
                  <td className="num">{f.share(cases > 0 ? s.count / cases : null)}</td>
                </tr>
              ))}
            </Table>
          )}
        </section>
        <section className="rn-dash-section" aria-labelledby="closures">
          <h2 id="closures">{t('rn.dash.closures.title')}</h2>
          {data.closure_reasons.length === 0 ? (
            <p className="secondary">{t('rn.dash.none')}</p>
          ) : (
            <Table caption={t('rn.dash.closures.title')} captionHidden head={[t('rn.case.closureReason'), t('rn.dash.cases'), t('rn.dash.share')]} numeric={[1, 2]}>
              {data.closure_reasons.map((c) => (
                <tr key={c.reason}>
                  <th scope="row">{labels.closure(c.reason)}</th>
                  <td className="num">{f.count(c.count)}</td>
                  <td className="num">{f.share(closures > 0 ? c.count / closures : null)}</td>
                </tr>
              ))}
            </Table>
          )}
        </section>
      </div>

      <section className="rn-dash-section" aria-labelledby="referrals">
        <h2 id="referrals">{t('rn.dash.referrals.title')}</h2>
        {data.referrals_by_partner.length === 0 ? (
          <p className="secondary">{t('rn.dash.none')}</p>
        ) : (
          <Table caption={t('rn.dash.referrals.title')} captionHidden head={[t('rn.dash.partner'), t('rn.dash.partnerResponse'), t('rn.dash.outcome'), t('rn.dash.referrals')]} numeric={[3]}>
            {data.referrals_by_partner.map((r) => (
              <tr key={`${r.partner}|${r.partner_response ?? ''}|${r.outcome ?? ''}`}>
                <th scope="row">{r.partner}</th>
                <td>{r.partner_response ? labels.partnerResponse(r.partner_response) : t('rn.dash.waiting')}</td>
                <td>{r.outcome ? labels.outcome(r.outcome) : t('rn.dash.noOutcome')}</td>
                <td className="num">{f.count(r.count)}</td>
              </tr>
            ))}
          </Table>
        )}
      </section>

      <section className="rn-dash-section" aria-labelledby="scores">
        <h2 id="scores">{t('rn.dash.scores.title')}</h2>
        {scores.instrument ? (
          <>
            <p>
              {t('rn.dash.scores.instrument', { name: scores.instrument.name, version: scores.instrument.version })}{' '}
              <strong>{t('rn.scores.threshold', { threshold: f.score(scores.instrument.threshold) })}</strong>
            </p>
            <p className="secondary">{t('rn.dash.scores.how')}</p>
            {scores.total.returnees === 0 ? <p className="secondary">{t('rn.dash.scores.none')}</p> : null}
            {scores.total.returnees > 0 ? (
              <>
                <MeansTable
                  caption={t('rn.dash.scores.byUnit')}
                  first={t('rn.case.orgUnit')}
                  rows={scores.by_org_unit.map((r) => ({ key: r.org_unit.code, label: r.org_unit.name, means: r }))}
                  total={scores.total}
                />
                <MeansTable
                  caption={t('rn.dash.scores.byQuarter')}
                  first={t('rn.dash.quarterCol')}
                  rows={scores.by_period.map((r) => ({ key: r.period, label: f.quarter(r.period), means: r }))}
                  total={scores.total}
                />
              </>
            ) : null}
          </>
        ) : (
          <p className="secondary">{t('rn.dash.scores.noInstrument')}</p>
        )}
      </section>
    </>
  );
}

/** Mean scores of the groups' returnees (their latest score each), the share above the threshold, and a total row. */
function MeansTable({ caption, first, rows, total }: { caption: string; first: string; rows: { key: string; label: string; means: ScoreMeans }[]; total: ScoreMeans }) {
  const { t } = useI18n();
  const f = useScoreFormat();
  const cells = (m: ScoreMeans) => (
    <>
      <td className="num">{f.count(m.returnees)}</td>
      {MEASURES.map((k) => (
        <td key={k} className="num">
          {f.score(m[k])}
        </td>
      ))}
      <td className="num">{f.share(m.share_sustainable)}</td>
    </>
  );
  return (
    <>
      <h3>{caption}</h3>
      <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
        <table className="table table--compact">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{first}</th>
              <th scope="col" className="num">
                {t('rn.dash.returnees')}
              </th>
              {MEASURES.map((k) => (
                <th scope="col" key={k} className="num">
                  {f.measure(k)}
                </th>
              ))}
              <th scope="col" className="num">
                {t('rn.dash.shareSustainable')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.label}</th>
                {cells(r.means)}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('rn.dash.total')}</th>
              {cells(total)}
            </tr>
          </tfoot>
        </table>
      </div>
    </>
  );
}
