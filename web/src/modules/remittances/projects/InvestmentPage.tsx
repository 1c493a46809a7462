import { lazy, Suspense, useEffect, useState, type FormEvent } from 'react';
import { query } from '../../../app/api';
import { Button } from '../../../app/components/Button';
import { Select } from '../../../app/components/Field';
import { Loading, Notice, PageHeading } from '../../../app/components/Layout';
import { useApi } from '../../../app/components/useApi';
import { formatNumber } from '../../../app/format';
import { useI18n } from '../../../app/i18n';
import { navigate, useLocation } from '../../../app/router';
import { LAC, worldCode } from '../../../app/countries';
import { ProjectsNav, StatusTag, TitledTable, useProjectLabels } from './shared';
import type { Investment, ProjectStatus } from './types';

const CountryMap = lazy(() => import('./CountryMap'));
const DEFAULT_COUNTRY = 'MEX';

/**
 * Public: where co-funded projects (approved or later) put money in a country, by locality and by source of funds,
 * with the projects' points on a map and the same points in a table.
 */
export default function InvestmentPage() {
  const { t, lang, locale } = useI18n();
  const l = useProjectLabels();
  const { search } = useLocation();
  const country = (search.get('country') ?? DEFAULT_COUNTRY).toUpperCase();
  const [chosen, setChosen] = useState(country);
  const data = useApi<Investment>(`/remittances/investment${query({ country })}`);
  useEffect(() => setChosen(country), [country]);
  const countries = LAC.filter((c) => c.independent)
    .map((c) => ({ value: c.iso3, label: lang === 'es' ? c.nameEs : c.nameEn }))
    .sort((a, b) => a.label.localeCompare(b.label, locale));
  const countryName = countries.find((c) => c.value === country)?.label ?? country;

  function choose(e: FormEvent) {
    e.preventDefault();
    navigate(`/remittances/investment${query({ country: chosen })}`, { replace: true, keepScroll: true });
  }

  const inv = data.data;
  const numeric = worldCode(country)?.numeric;
  const maxCommitted = Math.max(1, ...(inv?.by_party ?? []).map((p) => p.committed));
  const currencies = inv?.currency_totals.length ?? 0;

  return (
    <>
      <ProjectsNav trail={[{ label: t('rp.investment.title') }]} />
      <PageHeading>{t('rp.investment.title')}</PageHeading>
      <p className="lead">{t('rp.investment.lead')}</p>
      <form className="filter filter-panel" onSubmit={choose} aria-label={t('rp.investment.chooseLabel')}>
        <Select id="country" label={t('rp.investment.country')} value={chosen} onValue={setChosen} options={countries} />
        <Button type="submit" variant="secondary">
          {t('rp.investment.show')}
        </Button>
      </form>
      {data.loading ? <Loading /> : null}
      {data.error ? (
        <Notice tone="error" title={t('rp.loadFailed')}>
          {data.error.message}
        </Notice>
      ) : null}
      {inv && inv.by_locality.length === 0 ? <p>{t('rp.investment.none', { country: countryName })}</p> : null}
      {inv && inv.by_locality.length > 0 ? (
        <>
          <h2>{t('rp.investment.inCountry', { country: countryName })}</h2>
          <ul className="rp-figures">
            {inv.currency_totals.map((c) => (
              <li key={c.currency} className="rp-figure">
                <p className="rp-figure__label">{t('rp.investment.committed', { currency: c.currency })}</p>
                <p className="rp-figure__value">{l.money(c.committed, c.currency)}</p>
                <p className="rp-figure__meta">{t('rp.investment.receivedOf', { received: l.money(c.received, c.currency), pct: formatNumber(c.committed > 0 ? c.received / c.committed : 0, locale, { style: 'percent', maximumFractionDigits: 0 }) })}</p>
              </li>
            ))}
            <li className="rp-figure">
              <p className="rp-figure__label">{t('rp.investment.projects')}</p>
              <p className="rp-figure__value">{l.number(inv.by_locality.reduce((s, r) => s + r.projects, 0))}</p>
              <p className="rp-figure__meta">{t('rp.investment.localities', { count: new Set(inv.by_locality.map((r) => r.org_unit_code)).size })}</p>
            </li>
          </ul>

          <TitledTable
            caption={t('rp.investment.byLocality', { country: countryName })}
            head={[t('rp.project.locality'), t('rp.investment.projects'), ...(currencies > 1 ? [t('rp.investment.currency')] : []), t('rp.ledger.committed'), t('rp.ledger.received'), t('rp.investment.beneficiaries')]}
            numeric={currencies > 1 ? [1, 3, 4, 5] : [1, 2, 3, 4]}
            className="table--medium"
          >
            {inv.by_locality.map((r) => (
              <tr key={`${r.org_unit_code}-${r.currency}`}>
                <td>
                  {r.org_unit_name} <span className="cell-muted">({r.org_unit_code})</span>
                </td>
                <td className="num">{l.number(r.projects)}</td>
                {currencies > 1 ? <td>{r.currency}</td> : null}
                <td className="num nowrap">{l.money(r.committed, r.currency)}</td>
                <td className="num nowrap">{l.money(r.received, r.currency)}</td>
                <td className="num">{l.number(r.beneficiaries)}</td>
              </tr>
            ))}
          </TitledTable>

          <TitledTable
            caption={t('rp.investment.byParty', { country: countryName })}
            head={[t('rp.scheme.party'), t('rp.ledger.committed'), t('rp.ledger.received'), t('rp.investment.bar')]}
            numeric={[1, 2]}
            className="table--medium"
          >
            {inv.by_party.map((p) => (
              <tr key={`${p.party}-${p.currency}`}>
                <td>{lang === 'es' ? p.name_es : p.name_en || p.name_es}</td>
                <td className="num nowrap">{l.money(p.committed, p.currency)}</td>
                <td className="num nowrap">{l.money(p.received, p.currency)}</td>
                <td className="rp-bar-cell">
                  <span className="visually-hidden">{t('rp.investment.barText', { pct: formatNumber(p.committed > 0 ? p.received / p.committed : 0, locale, { style: 'percent', maximumFractionDigits: 0 }) })}</span>
                  <span className="rp-bar" aria-hidden="true">
                    <span className="rp-bar__committed" style={{ width: `${(p.committed / maxCommitted) * 100}%` }}>
                      <span className="rp-bar__received" style={{ width: `${p.committed > 0 ? (p.received / p.committed) * 100 : 0}%` }} />
                    </span>
                  </span>
                </td>
              </tr>
            ))}
          </TitledTable>
          <p className="secondary rp-bar-legend" aria-hidden="true">
            <span className="rp-swatch rp-swatch--committed" /> {t('rp.ledger.committed')} <span className="rp-swatch rp-swatch--received" /> {t('rp.ledger.received')}
          </p>

          <h2>{t('rp.investment.mapTitle')}</h2>
          {inv.points.length === 0 ? (
            <p>{t('rp.investment.noPoints')}</p>
          ) : (
            <>
              {numeric ? (
                <Suspense fallback={<div className="rp-map rp-map--loading" />}>
                  <CountryMap
                    numericId={numeric}
                    points={inv.points.map((p) => ({ id: p.project_id, latitude: p.latitude, longitude: p.longitude, label: `${p.reference} · ${p.title} · ${l.money(p.committed, p.currency)}` }))}
                    label={t('rp.investment.mapLabel', { country: countryName, count: inv.points.length })}
                    failed={t('rp.investment.mapFailed')}
                  />
                </Suspense>
              ) : null}
              <TitledTable
                caption={t('rp.investment.pointsCaption')}
                head={[t('rp.project.reference'), t('rp.project.title'), t('rp.project.status'), t('rp.ledger.committed'), t('rp.project.coordinates')]}
                numeric={[3]}
                className="table--medium table--compact"
              >
                {inv.points.map((p) => (
                  <tr key={p.project_id}>
                    <td className="nowrap">{p.reference}</td>
                    <td>{p.title}</td>
                    <td>
                      {/* the investment answer types the status as a plain string; it is a project's status */}
                      <StatusTag status={p.status as ProjectStatus} />
                    </td>
                    <td className="num nowrap">{l.money(p.committed, p.currency)}</td>
                    <td className="nowrap">
                      {formatNumber(p.latitude, locale, { maximumFractionDigits: 4 })}, {formatNumber(p.longitude, locale, { maximumFractionDigits: 4 })}
                    </td>
                  </tr>
                ))}
              </TitledTable>
            </>
          )}
        </>
      ) : null}
    </>
  );
}
