import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { api, ApiError, isAbort, query } from '../../app/api';
import { Button } from '../../app/components/Button';
import { Select } from '../../app/components/Field';
import { Breadcrumbs, Loading, Notice, PageHeading } from '../../app/components/Layout';
import { useI18n } from '../../app/i18n';
import { Link, navigate } from '../../app/router';
import type { PageProps } from '../../app/routes';
import { ChartFrame, type SourceRef } from './ChartFrame';
import { LAC, worldCode } from '../../app/countries';
import { Figures, type FigureCard } from './Figures';
import { fileName, formatFull, formatPeriod } from './format';
import { areaName } from './names';
import type { Corridor, Figure, Provenance } from './types';
import './evidence.css';

const COMMON_DESTINATIONS = ['USA', 'ESP', 'CAN', 'CRI', 'ARG', 'CHL', 'ITA', 'DEU', 'GBR', 'FRA', 'PAN', 'MEX', 'BRA', 'COL', 'PER', 'DOM', 'JPN', 'NLD', 'PRT'];

interface CorridorView {
  stocks: { year: string; total: number | null; male: number | null; female: number | null }[];
  stockSource?: SourceRef | undefined;
  stockPublisher: string;
  costPublisher: string;
  remittance: Figure | undefined;
  remittanceLabel: string;
  cost: { period: string; value: number; official: number | null }[];
  costSource?: SourceRef | undefined;
  target: number;
}

const ref = (p: Provenance): SourceRef | undefined => (p.source ? { name: p.source, vintage: p.vintage } : undefined);

function readCorridor(c: Corridor): CorridorView {
  return {
    stocks: c.stock.series,
    stockSource: ref(c.stock),
    stockPublisher: c.stock.publisher,
    costPublisher: c.cost.publisher,
    remittance:
      c.remittance_estimate.usd_million !== null
        ? { id: 'bilateral', value: c.remittance_estimate.usd_million, unit: 'usd_million', period: c.remittance_estimate.year, source: c.remittance_estimate.source, publisher: c.remittance_estimate.publisher, vintage: c.remittance_estimate.vintage, computed: false }
        : undefined,
    remittanceLabel: c.remittance_estimate.label,
    cost: c.cost.series
      .map((x) => ({ period: x.period, value: x.mean_200_pct ?? x.official_200_pct ?? NaN, official: x.official_200_pct }))
      .filter((x) => Number.isFinite(x.value)),
    costSource: ref(c.cost),
    target: c.cost.target,
  };
}

function CorridorPicker({ origin, destination }: { origin: string; destination: string }) {
  const { t, lang } = useI18n();
  const [o, setO] = useState(origin || 'GTM');
  const [d, setD] = useState(destination || 'USA');
  const c = new Intl.Collator(lang);
  const origins = LAC.filter((x) => x.independent)
    .map((x) => ({ value: x.iso3, label: areaName(x.iso3, lang, t) }))
    .sort((a, b) => c.compare(a.label, b.label));
  const destinations = COMMON_DESTINATIONS.filter((x) => worldCode(x))
    .map((x) => ({ value: x, label: areaName(x, lang, t) }))
    .sort((a, b) => c.compare(a.label, b.label));
  if (d && !destinations.some((x) => x.value === d)) destinations.unshift({ value: d, label: areaName(d, lang, t) });
  function submit(e: FormEvent) {
    e.preventDefault();
    navigate(`/evidence/corridors/${o}/${d}`);
  }
  return (
    <form onSubmit={submit} noValidate>
      <div className="ev-form-row">
        <Select id="ev-origin" label={t('ev.corridor.origin')} value={o} onValue={setO} options={origins} />
        <Select id="ev-destination" label={t('ev.corridor.destination')} value={d} onValue={setD} options={destinations} />
        <div className="field">
          <Button type="submit">{t('ev.corridor.show')}</Button>
        </div>
      </div>
    </form>
  );
}

/** A migration corridor (origin -> destination): migrant stock by sex over time, remittance estimate, cost trend. */
export default function CorridorPage({ params }: PageProps) {
  const { t, lang, locale } = useI18n();
  const origin = (params.origin ?? '').toUpperCase();
  const destination = (params.destination ?? '').toUpperCase();
  const chosen = /^[A-Z]{3}$/.test(origin) && /^[A-Z]{3}$/.test(destination);
  const [view, setView] = useState<CorridorView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const q = t('ev.quarterLetter');

  useEffect(() => {
    if (!chosen) return;
    const ctl = new AbortController();
    setView(null);
    setError(null);
    api
      .get<Corridor>(`/evidence/corridors${query({ origin, destination })}`, { signal: ctl.signal })
      .then((c) => setView(readCorridor(c)))
      .catch((err: unknown) => {
        if (isAbort(err)) return;
        setError(err instanceof ApiError ? err : new ApiError(0, 'internal', String(err)));
      });
    return () => ctl.abort();
  }, [chosen, origin, destination]);

  const oName = areaName(origin, lang, t);
  const dName = areaName(destination, lang, t);
  const title = chosen ? t('ev.corridor.title', { origin: oName, destination: dName }) : t('ev.corridor.indexTitle');
  const stocks = useMemo(() => (view?.stocks ?? []).filter((s) => s.total !== null || s.male !== null), [view]);
  const last = stocks.at(-1);
  const lastCost = view?.cost.at(-1);

  const cards: FigureCard[] = view
    ? [
        {
          key: 'stock',
          label: t('ev.corridor.stock', { origin: oName, destination: dName }),
          figure: last ? { id: 'stock', value: last.total, unit: 'persons', period: last.year, source: view.stockSource?.name ?? '', publisher: view.stockPublisher, vintage: view.stockSource?.vintage ?? '', computed: false } : undefined,
        },
        { key: 'rem', label: t('ev.corridor.remittance', { origin: oName, destination: dName }), figure: view.remittance, extra: view.remittanceLabel },
        {
          key: 'cost',
          label: t('ev.corridor.cost', { origin: oName, destination: dName }),
          figure: lastCost ? { id: 'cost', value: lastCost.value, unit: 'pct', period: formatPeriod(lastCost.period, q), source: view.costSource?.name ?? '', publisher: view.costPublisher, vintage: view.costSource?.vintage ?? '', computed: false } : undefined,
          extra: t('ev.figure.costTarget'),
          flag: lastCost ? { text: lastCost.value > view.target ? t('ev.figure.aboveTarget') : t('ev.figure.withinTarget'), above: lastCost.value > view.target } : undefined,
        },
      ]
    : [];

  return (
    <>
      <Breadcrumbs
        items={[
          { label: t('nav.home'), to: '/' },
          { label: t('nav.evidence'), to: '/evidence' },
          ...(chosen ? [{ label: t('ev.corridor.indexTitle'), to: '/evidence/corridors' }] : []),
          { label: chosen ? `${oName} → ${dName}` : t('ev.corridor.indexTitle') },
        ]}
      />
      <PageHeading caption={chosen ? t('ev.corridor.caption') : undefined}>{title}</PageHeading>
      <p className="lead ev-intro">{t('ev.corridor.lead')}</p>
      <CorridorPicker origin={origin} destination={destination} />

      {!chosen ? null : error ? (
        <Notice tone="error" title={t('ev.loadFailed')} live>
          {error.message}
        </Notice>
      ) : !view ? (
        <Loading />
      ) : (
        <>
          <Figures cards={cards} heading={t('ev.profile.figuresHeading')} />
          <p>
            <Link to={`/evidence/profiles/${origin}`}>{t('ev.corridor.profileOf', { name: oName })}</Link>
            {LAC.some((c) => c.iso3 === destination) ? (
              <>
                {' · '}
                <Link to={`/evidence/profiles/${destination}`}>{t('ev.corridor.profileOf', { name: dName })}</Link>
              </>
            ) : null}
          </p>
          <ChartFrame
            id="ev-corridor-stock"
            title={t('ev.corridor.stockChart', { origin: oName, destination: dName, span: stocks.length ? `${stocks[0]?.year}–${last?.year}` : '' })}
            subtitle={t('ev.corridor.stockChartSub')}
            summary={t('ev.chart.bySexSummary', {
              name: `${oName} → ${dName}`,
              year: last?.year ?? '',
              total: last?.total != null ? formatFull(last.total, 'persons', locale) : '–',
              female: last?.female != null ? formatFull(last.female, 'persons', locale) : '–',
            })}
            chart={{
              type: 'xy',
              spec: {
                kind: 'bar',
                stacked: true,
                unit: 'persons',
                categories: stocks.map((s) => s.year),
                series: [
                  { name: t('ev.col.female'), data: stocks.map((s) => s.female) },
                  { name: t('ev.col.male'), data: stocks.map((s) => s.male) },
                ],
              },
            }}
            columns={[
              { key: 'year', label: t('ev.col.year') },
              { key: 'total', label: t('ev.col.total'), unit: 'persons' },
              { key: 'female', label: t('ev.col.female'), unit: 'persons' },
              { key: 'male', label: t('ev.col.male'), unit: 'persons' },
            ]}
            rows={stocks.map((s) => ({ ...s }))}
            sources={view.stockSource ? [view.stockSource] : [{ name: t('ev.source.undesa'), vintage: 'Rev.2020' }]}
            csvName={fileName(t('ev.csv.corridor'), origin, destination, t('ev.csv.stock'))}
          />
          <ChartFrame
            id="ev-corridor-cost"
            title={t('ev.corridor.costChart', { origin: dName, destination: oName })}
            subtitle={t('ev.chart.costSub')}
            summary={t('ev.chart.costSummary', { name: `${dName} → ${oName}`, value: lastCost ? formatFull(lastCost.value, 'pct', locale, 1) : '–', period: lastCost ? formatPeriod(lastCost.period, q) : '' })}
            chart={{
              type: 'xy',
              spec: {
                kind: 'line',
                unit: 'pct',
                categories: view.cost.map((c) => formatPeriod(c.period, q)),
                series: [{ name: t('ev.series.cost'), data: view.cost.map((c) => c.value) }],
                target: { value: view.target, label: t('ev.chart.target') },
              },
            }}
            columns={[
              { key: 'period', label: t('ev.col.period') },
              { key: 'value', label: t('ev.col.costPct'), unit: 'pct', decimals: 2 },
              { key: 'official', label: t('ev.col.costOfficial'), unit: 'pct', decimals: 2 },
            ]}
            rows={view.cost.map((c) => ({ period: formatPeriod(c.period, q), value: c.value, official: c.official }))}
            sources={view.costSource ? [view.costSource] : []}
            csvName={fileName(t('ev.csv.corridor'), origin, destination, t('ev.csv.cost'))}
          />
        </>
      )}
    </>
  );
}
