import { useState, type FormEvent } from 'react';
import { query } from '../../../app/api';
import { Button } from '../../../app/components/Button';
import { Select } from '../../../app/components/Field';
import { Breadcrumbs, Loading, Notice, PageHeading, Table } from '../../../app/components/Layout';
import { useApi } from '../../../app/components/useApi';
import { useI18n, type MessageKey } from '../../../app/i18n';
import { Link, navigate, useLocation } from '../../../app/router';
import { formatPct, formatQuarter, formatUsdMillion } from './format';
import { StatusTag } from './shared';
import type { Averages, RegionSdg } from './types';
import './costs.css';

/**
 * SDG 10.c.1 in a region: receiving countries and corridors against 3 %, flagged above 5 %, and the money that would
 * stay with families if every corridor cost 3 % (annual flow × gap), the flows being the 2017 bilateral estimates.
 */

const REGIONS = ['419', '013', '029', '005', '001'] as const;

export default function SdgPage() {
  const { t, locale } = useI18n();
  const { search } = useLocation();
  const region = REGIONS.find((r) => r === search.get('region')) ?? '419';
  const period = /^\d{4}Q[1-4]$/.test(search.get('period') ?? '') ? search.get('period')! : undefined;
  const data = useApi<RegionSdg>(`/remittances/sdg${query({ region, period })}`);
  const [regionInput, setRegion] = useState<string>(region);
  const [periodInput, setPeriod] = useState<string>(period ?? '');
  const q = t('rc.quarterLetter');
  const d = data.data;

  function submit(e: FormEvent) {
    e.preventDefault();
    navigate(`/remittances/sdg${query({ region: regionInput, period: periodInput || undefined })}`, { keepScroll: true });
  }
  const pct = (v: number | null) => (v === null ? '–' : formatPct(v, locale));
  const millions = (v: number | null) => (v === null ? '–' : formatUsdMillion(v, locale));
  const card = (label: string, a: Averages) => (
    <li className="rc-figure">
      <p className="rc-figure__label">{label}</p>
      <p className="rc-figure__value">{pct(a.simple_mean_pct)}</p>
      <p className="rc-figure__meta">{t('rc.sdg.weighted', { value: pct(a.weighted_mean_pct) })}</p>
      <p className="rc-figure__meta">{t('rc.sdg.corridorsMeta', { corridors: a.corridors, flagged: a.flagged_corridors })}</p>
    </li>
  );

  return (
    <>
      <Breadcrumbs items={[{ label: t('nav.home'), to: '/' }, { label: t('nav.remittances'), to: '/remittances' }, { label: t('rc.sdg.crumb') }]} />
      <PageHeading caption={t('rc.sdg.caption')}>{t('rc.sdg.title')}</PageHeading>
      <p className="lead">{t('rc.sdg.lead')}</p>
      <form onSubmit={submit} noValidate className="rc-form" aria-label={t('rc.sdg.formLabel')}>
        <div className="rc-form__row">
          <Select id="rc-region" label={t('rc.sdg.region')} value={regionInput} onValue={setRegion} options={REGIONS.map((r) => ({ value: r, label: t(`rc.region.${r}` as MessageKey) }))} />
          <Select
            id="rc-period"
            label={t('rc.sdg.period')}
            value={periodInput}
            onValue={setPeriod}
            options={[{ value: '', label: t('rc.sdg.latest') }, ...(d?.periods ?? []).slice().reverse().map((p) => ({ value: p, label: formatQuarter(p, q) }))]}
          />
        </div>
        <Button type="submit">{t('rc.sdg.show')}</Button>
      </form>
      {data.error ? (
        <Notice tone="error" title={t('rc.loadFailed')} live>
          {data.error.message}
        </Notice>
      ) : !d ? (
        <Loading />
      ) : (
        <>
          <h2>{t('rc.sdg.averagesTitle', { region: d.region.name, period: formatQuarter(d.period ?? '', q) })}</h2>
          <ul className="rc-figures">
            {card(d.region.name, d.region)}
            {region !== '001' ? card(t('rc.region.001'), d.world) : null}
            <li className="rc-figure">
              <p className="rc-figure__label">{t('rc.sdg.keptTitle')}</p>
              <p className="rc-figure__value">{t('rc.sdg.usdMillion', { value: millions(d.region.money_kept_usd_million) })}</p>
              <p className="rc-figure__meta">{t('rc.sdg.keptMeta', { flow: millions(d.region.flow_usd_million) })}</p>
            </li>
          </ul>
          <p>
            <em>{d.flow_label}.</em> {t('rc.sdg.method')}
          </p>

          <h2>{t('rc.sdg.countriesTitle')}</h2>
          <Table
            caption={t('rc.sdg.countriesCaption', { region: d.region.name })}
            head={[t('rc.col.country'), t('rc.col.simpleMean'), t('rc.col.status'), t('rc.col.weightedMean'), t('rc.col.corridors'), t('rc.col.flagged'), t('rc.col.kept')]}
            numeric={[1, 3, 4, 5, 6]}
          >
            {d.countries.map((c) => (
              <tr key={c.code}>
                <th scope="row">{c.name}</th>
                <td className="num">{pct(c.simple_mean_pct)}</td>
                <td>{c.status ? <StatusTag status={c.status} /> : null}</td>
                <td className="num">{pct(c.weighted_mean_pct)}</td>
                <td className="num">{c.corridors}</td>
                <td className="num">{c.flagged_corridors}</td>
                <td className="num">{millions(c.money_kept_usd_million)}</td>
              </tr>
            ))}
          </Table>

          <h2>{t('rc.sdg.corridorsTitle')}</h2>
          <Table
            caption={t('rc.sdg.corridorsCaption', { region: d.region.name })}
            head={[t('rc.col.corridor'), t('rc.col.cost200'), t('rc.col.status'), t('rc.col.flow'), t('rc.col.kept')]}
            numeric={[1, 3, 4]}
          >
            {d.corridors.map((c) => (
              <tr key={c.corridor}>
                <th scope="row">
                  <Link to={`/remittances/send${query({ from: c.sending.code, to: c.receiving.code })}`}>{t('rc.sdg.corridorName', { from: c.sending.name, to: c.receiving.name })}</Link>
                </th>
                <td className="num">{pct(c.cost_pct_200)}</td>
                <td>
                  <StatusTag status={c.status} />
                </td>
                <td className="num">{millions(c.flow_usd_million)}</td>
                <td className="num">{millions(c.money_kept_usd_million)}</td>
              </tr>
            ))}
          </Table>
          <p className="rc-sources">
            {t('rc.sources')}: {d.sources.map((s) => `${s.title} (${s.licence})`).join('; ')}
          </p>
        </>
      )}
    </>
  );
}
