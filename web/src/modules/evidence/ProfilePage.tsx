import { Breadcrumbs, Loading, Notice, PageHeading } from '../../app/components/Layout';
import { useApi } from '../../app/components/useApi';
import { useI18n, type Translate } from '../../app/i18n';
import { Link } from '../../app/router';
import type { PageProps } from '../../app/routes';
import { ChartFrame, type Row, type SourceRef } from './ChartFrame';
import { mapBins } from './charts/bins';
import { MAP_NO_DATA } from './charts/spec';
import { isRegion, LAC } from '../../app/countries';
import { Figures, type FigureCard } from './Figures';
import { fileName, formatAxis, formatFull, formatPeriod } from './format';
import { areaName } from './names';
import type { Partner, Profile, Provenance } from './types';
import './evidence.css';

const SDG_TARGET = 3;

/** The sources of a block, with their vintage and a link, from the profile's list of sources. */
function sourcesOf(p: Profile, prov: Partial<Provenance> | undefined): SourceRef[] {
  if (!prov) return [];
  const refs = (prov.source_ids ?? [])
    .map((id) => p.sources.find((s) => s.id === id))
    .filter((s): s is Profile['sources'][number] => !!s)
    .map((s) => ({ name: s.title, vintage: s.vintage, url: s.url }));
  if (refs.length) return refs;
  return prov.source ? [{ name: prov.source, vintage: prov.vintage }] : [];
}

function span(periods: string[]): string {
  if (periods.length === 0) return '';
  const first = periods[0] as string;
  const last = periods[periods.length - 1] as string;
  return first === last ? first : `${first}–${last}`;
}

function partnerTable(t: Translate, rows: Partner[], name: (c: string, n?: string) => string): { columns: { key: string; label: string; unit?: string }[]; rows: Row[] } {
  return {
    columns: [
      { key: 'name', label: t('ev.col.country') },
      { key: 'iso3', label: t('ev.col.code') },
      { key: 'total', label: t('ev.col.total'), unit: 'persons' },
      { key: 'male', label: t('ev.col.male'), unit: 'persons' },
      { key: 'female', label: t('ev.col.female'), unit: 'persons' },
      { key: 'year', label: t('ev.col.year') },
    ],
    rows: rows.map((p) => ({ name: name(p.iso3, p.name), iso3: p.iso3, total: p.total, male: p.male, female: p.female, year: String(p.year) })),
  };
}

export default function ProfilePage({ params }: PageProps) {
  const { t, lang, locale } = useI18n();
  const code = (params.code ?? '').toUpperCase();
  const valid = /^[A-Z]{3}$/.test(code) || /^\d{3}$/.test(code);
  const { data: p, error, loading } = useApi<Profile>(valid ? `/evidence/profiles/${encodeURIComponent(code)}` : null);
  const name = (c: string, n?: string) => areaName(c, lang, t, n);
  const title = p ? areaName(p.code, lang, t, p.name) : areaName(code, lang, t);
  const region = isRegion(code);
  const q = t('ev.quarterLetter');

  const crumbs = (
    <Breadcrumbs
      items={[
        { label: t('nav.home'), to: '/' },
        { label: t('nav.evidence'), to: '/evidence' },
        { label: title },
      ]}
    />
  );

  if (!valid || error?.status === 404) {
    return (
      <>
        {crumbs}
        <PageHeading>{t('ev.profile.notFound')}</PageHeading>
        <p>{t('ev.profile.notFoundBody', { code })}</p>
        <p>
          <Link to="/evidence">{t('ev.profile.allProfiles')}</Link>
        </p>
      </>
    );
  }

  const heading = (
    <PageHeading caption={region ? t('ev.profile.captionRegion') : t('ev.profile.captionCountry')} title={t('ev.profile.docTitle', { name: title })}>
      {t('ev.profile.title', { name: title })}
    </PageHeading>
  );

  const lead = <p className="lead ev-intro">{region ? t('ev.profile.leadRegion', { name: title }) : t('ev.profile.lead', { name: title })}</p>;

  if (loading || !p) {
    return (
      <>
        {crumbs}
        {heading}
        {lead}
        {error ? (
          <Notice tone="error" title={t('ev.loadFailed')} live>
            {error.message}
          </Notice>
        ) : (
          <Loading />
        )}
      </>
    );
  }

  const fig = (id: string) => p.figures.find((f) => f.id === id);
  const cost = fig('remittance_cost_pct');
  const target = cost?.target ?? p.corridor_costs.target ?? SDG_TARGET;
  const cards: FigureCard[] = [
    { key: 'em', label: t('ev.figure.emigrants'), figure: fig('emigrants_total') },
    { key: 'im', label: t('ev.figure.immigrants'), figure: fig('immigrants_total') },
    { key: 'rr', label: t('ev.figure.remittancesReceived'), figure: fig('remittances_received_usd') },
    { key: 'rg', label: t('ev.figure.remittancesPctGdp'), figure: fig('remittances_received_pct_gdp') },
    { key: 'rp', label: t('ev.figure.remittancesPaid'), figure: fig('remittances_paid_usd') },
    // sending costs are per corridor and country; they are not aggregated over a region
    ...(region ? [] : [{
      key: 'cost',
      label: t('ev.figure.cost'),
      figure: cost,
      extra: t('ev.figure.costTarget'),
      flag:
        cost && cost.value !== null
          ? { text: cost.value > target ? t('ev.figure.aboveTarget') : t('ev.figure.withinTarget'), above: cost.value > target }
          : undefined,
    }]),
  ];

  // ----- remittances over time -----
  const remSeries = p.remittances.series.filter((x) => x.received !== null || x.paid !== null);
  const remYears = remSeries.map((x) => x.year);
  const hasPaid = remSeries.some((x) => x.paid !== null);
  const pctSeries = p.remittances.series.filter((x) => x.pct_gdp !== null);
  const firstRecv = remSeries.find((x) => x.received !== null);
  const lastRecv = remSeries.filter((x) => x.received !== null).at(-1);
  const pctFig = fig('remittances_received_pct_gdp');

  // ----- stocks by sex -----
  const stockChart = (kind: 'emigrants' | 'immigrants') => {
    const rows = p.stocks.series.map((s) => ({ year: s.year, ...s[kind] })).filter((r) => r.total !== null);
    const years = rows.map((r) => r.year);
    const last = rows.at(-1);
    return (
      <ChartFrame
        id={`ev-${kind}`}
        title={t(kind === 'emigrants' ? 'ev.chart.emigrantsBySex' : 'ev.chart.immigrantsBySex', { name: title, span: span(years) })}
        subtitle={t(kind === 'emigrants' ? 'ev.chart.emigrantsBySexSub' : 'ev.chart.immigrantsBySexSub')}
        summary={t('ev.chart.bySexSummary', {
          name: title,
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
            categories: years,
            series: [
              { name: t('ev.col.female'), data: rows.map((r) => r.female) },
              { name: t('ev.col.male'), data: rows.map((r) => r.male) },
            ],
          },
        }}
        columns={[
          { key: 'year', label: t('ev.col.year') },
          { key: 'total', label: t('ev.col.total'), unit: 'persons' },
          { key: 'female', label: t('ev.col.female'), unit: 'persons' },
          { key: 'male', label: t('ev.col.male'), unit: 'persons' },
        ]}
        rows={rows.map((r) => ({ year: r.year, total: r.total, female: r.female, male: r.male }))}
        sources={sourcesOf(p, p.stocks)}
        note={p.stocks.computed ? t('ev.chart.computedNote') : undefined}
        csvName={fileName(t('ev.csv.profile'), p.code, t(kind === 'emigrants' ? 'ev.csv.emigrants' : 'ev.csv.immigrants'))}
      />
    );
  };

  // ----- top partners -----
  const partnerChart = (kind: 'destinations' | 'origins') => {
    const list = kind === 'destinations' ? p.top_destinations : p.top_origins;
    const tb = partnerTable(t, list, name);
    const year = String(list[0]?.year ?? '');
    const top = list[0];
    return (
      <ChartFrame
        id={`ev-top-${kind}`}
        title={t(kind === 'destinations' ? 'ev.chart.topDestinations' : 'ev.chart.topOrigins', { name: title, year })}
        subtitle={t(kind === 'destinations' ? 'ev.chart.topDestinationsSub' : 'ev.chart.topOriginsSub', { name: title })}
        summary={t('ev.chart.topSummary', {
          first: top ? name(top.iso3, top.name) : '–',
          value: top ? formatFull(top.total, 'persons', locale) : '–',
          count: list.length,
        })}
        chart={{
          type: 'xy',
          height: Math.max(220, list.length * 34 + 40),
          spec: { kind: 'hbar', unit: 'persons', categories: list.map((x) => name(x.iso3, x.name)), series: [{ name: t('ev.col.total'), data: list.map((x) => x.total) }] },
        }}
        columns={tb.columns}
        rows={tb.rows}
        sources={sourcesOf(p, p.stocks)}
        csvName={fileName(t('ev.csv.profile'), p.code, t(kind === 'destinations' ? 'ev.csv.destinations' : 'ev.csv.origins'))}
      />
    );
  };

  // ----- map -----
  const mapItems = p.emigrant_map.items.filter((d) => d.value > 0);
  const mapName = (iso3: string) => name(iso3, p.top_destinations.find((d) => d.iso3 === iso3)?.name);
  const bins = mapBins(mapItems.map((d) => d.value));
  const fmtAxis = (v: number) => formatAxis(v, 'persons', locale);
  const legend = [
    ...bins.colours.map((c, i) => {
      const lo = i === 0 ? null : bins.thresholds[i - 1];
      const hi = bins.thresholds[i];
      const label =
        lo == null && hi != null
          ? t('ev.map.below', { value: fmtAxis(hi) })
          : hi == null && lo != null
            ? t('ev.map.orMore', { value: fmtAxis(lo) })
            : lo != null && hi != null
              ? t('ev.map.range', { from: fmtAxis(lo), to: fmtAxis(hi) })
              : t('ev.map.any');
      return { colour: c, label };
    }),
    { colour: MAP_NO_DATA, label: t('ev.map.noData') },
  ];
  if (!region) legend.push({ colour: '#0b0c0c', label: t('ev.map.focus', { name: title }) });

  // ----- bilateral remittances (estimates) -----
  const bil = p.bilateral_remittances.inbound.slice().sort((a, b) => b.usd_million - a.usd_million).slice(0, 10);
  const bilSent = p.bilateral_remittances.outbound.slice().sort((a, b) => b.usd_million - a.usd_million).slice(0, 5);

  // ----- cost by sending country -----
  const costs = p.corridor_costs.items.slice().sort((a, b) => a.cost_200_pct - b.cost_200_pct);
  const costPeriod = formatPeriod(p.corridor_costs.period, q);

  const sections: { id: string; label: string }[] = [
    { id: 'ev-remittances', label: t('ev.toc.remittances') },
    { id: 'ev-emigrants', label: t('ev.toc.stocks') },
    { id: 'ev-top-destinations', label: t('ev.toc.partners') },
    { id: 'ev-map', label: t('ev.toc.map') },
    { id: 'ev-bilateral', label: t('ev.toc.bilateral') },
    ...(region ? [] : [{ id: 'ev-cost', label: t('ev.toc.cost') }]),
    { id: 'ev-gaps', label: t('ev.toc.gaps') },
  ];
  const compareWith = region ? ['GTM', 'HND', 'SLV'] : [p.code, ...(p.code === 'GTM' ? ['HND', 'SLV'] : ['GTM'])];

  return (
    <>
      {crumbs}
      {heading}
      {lead}

      <Figures cards={cards} heading={t('ev.profile.figuresHeading')} />

      <nav className="ev-contents" aria-labelledby="ev-contents-h">
        <h2 id="ev-contents-h">{t('ev.toc.heading')}</h2>
        <ul>
          {sections.map((s) => (
            <li key={s.id}>
              <a href={`#${s.id}`}>{s.label}</a>
            </li>
          ))}
          <li>
            <Link to={`/evidence/compare?ou=${compareWith.join(',')}&dx=remittances_pct_gdp`}>{t('ev.toc.compare')}</Link>
          </li>
        </ul>
      </nav>

      <ChartFrame
        id="ev-remittances"
        title={t('ev.chart.remittances', { name: title, span: span(remYears) })}
        subtitle={t('ev.chart.remittancesSub')}
        summary={t('ev.chart.remittancesSummary', {
          name: title,
          from: firstRecv ? `${formatFull(firstRecv.received, 'usd', locale)} (${firstRecv.year})` : '–',
          to: lastRecv ? `${formatFull(lastRecv.received, 'usd', locale)} (${lastRecv.year})` : '–',
        })}
        chart={{
          type: 'xy',
          spec: {
            kind: 'line',
            unit: 'usd',
            categories: remYears,
            series: [
              { name: t('ev.series.received'), data: remSeries.map((x) => x.received) },
              ...(hasPaid ? [{ name: t('ev.series.paid'), data: remSeries.map((x) => x.paid) }] : []),
            ],
          },
        }}
        columns={[
          { key: 'year', label: t('ev.col.year') },
          { key: 'received', label: t('ev.col.receivedUsd'), unit: 'usd' },
          ...(hasPaid ? [{ key: 'paid', label: t('ev.col.paidUsd'), unit: 'usd' }] : []),
        ]}
        rows={remSeries.map((x) => ({ year: x.year, received: x.received, paid: x.paid }))}
        sources={sourcesOf(p, p.remittances)}
        note={p.remittances.computed ? t('ev.chart.computedNote') : undefined}
        csvName={fileName(t('ev.csv.profile'), p.code, t('ev.csv.remittances'))}
      />

      {pctSeries.length ? (
        <ChartFrame
          id="ev-remittances-gdp"
          title={t('ev.chart.remittancesGdp', { name: title, span: span(pctSeries.map((x) => x.year)) })}
          subtitle={t('ev.chart.remittancesGdpSub')}
          summary={t('ev.chart.remittancesGdpSummary', {
            name: title,
            value: pctFig?.value != null ? formatFull(pctFig.value, 'pct', locale, 1) : '–',
            year: pctFig?.period ?? '',
          })}
          chart={{ type: 'xy', spec: { kind: 'line', unit: 'pct', categories: pctSeries.map((x) => x.year), series: [{ name: t('ev.col.pctGdp'), data: pctSeries.map((x) => x.pct_gdp) }] } }}
          columns={[
            { key: 'year', label: t('ev.col.year') },
            { key: 'pct', label: t('ev.col.pctGdp'), unit: 'pct', decimals: 2 },
          ]}
          rows={pctSeries.map((x) => ({ year: x.year, pct: x.pct_gdp }))}
          sources={sourcesOf(p, pctFig)}
          csvName={fileName(t('ev.csv.profile'), p.code, t('ev.csv.remittancesGdp'))}
          note={pctFig?.note ?? undefined}
        />
      ) : null}

      {stockChart('emigrants')}
      {stockChart('immigrants')}
      {partnerChart('destinations')}
      {partnerChart('origins')}

      <ChartFrame
        id="ev-map"
        title={t('ev.chart.map', { name: title, year: p.emigrant_map.year })}
        subtitle={t('ev.chart.mapSub')}
        summary={t('ev.chart.mapSummary', {
          name: title,
          count: mapItems.length,
          first: p.top_destinations[0] ? name(p.top_destinations[0].iso3, p.top_destinations[0].name) : '–',
        })}
        chart={{
          type: 'map',
          spec: {
            unit: 'persons',
            values: mapItems.map((d) => ({ iso3: d.iso3, name: mapName(d.iso3), value: d.value })),
            focus: region ? undefined : { iso3: p.code, label: t('ev.map.focusShort') },
            noData: t('ev.map.noData'),
          },
          legend,
        }}
        columns={[
          { key: 'name', label: t('ev.col.country') },
          { key: 'iso3', label: t('ev.col.code') },
          { key: 'total', label: t('ev.col.emigrants'), unit: 'persons' },
        ]}
        rows={mapItems
          .slice()
          .sort((a, b) => b.value - a.value)
          .map((d) => ({ name: mapName(d.iso3), iso3: d.iso3, total: d.value }))}
        sources={sourcesOf(p, p.stocks)}
        csvName={fileName(t('ev.csv.profile'), p.code, t('ev.csv.map'))}
      />

      <ChartFrame
        id="ev-bilateral"
        title={t('ev.chart.bilateral', { name: title, year: p.bilateral_remittances.year })}
        subtitle={t('ev.chart.bilateralSub')}
        estimate
        summary={t('ev.chart.bilateralSummary', {
          name: title,
          first: bil[0] ? name(bil[0].iso3, bil[0].name) : '–',
          value: bil[0] ? formatFull(bil[0].usd_million, 'usd_million', locale) : '–',
        })}
        chart={{
          type: 'xy',
          height: Math.max(220, bil.length * 34 + 40),
          spec: { kind: 'hbar', unit: 'usd_million', categories: bil.map((b) => name(b.iso3, b.name)), series: [{ name: t('ev.col.usdMillion'), data: bil.map((b) => b.usd_million), estimate: true }] },
        }}
        columns={[
          { key: 'name', label: t('ev.col.sendingCountry') },
          { key: 'iso3', label: t('ev.col.code') },
          { key: 'value', label: t('ev.col.usdMillion'), unit: 'usd_million' },
        ]}
        rows={bil.map((b) => ({ name: name(b.iso3, b.name), iso3: b.iso3, value: b.usd_million }))}
        sources={sourcesOf(p, p.bilateral_remittances)}
        csvName={fileName(t('ev.csv.profile'), p.code, t('ev.csv.bilateral'))}
        note={
          <>
            {p.bilateral_remittances.label}
            {bilSent.length ? (
              <>
                {'. '}
                {t('ev.chart.bilateralSent', { name: title })} {bilSent.map((b) => `${name(b.iso3, b.name)} (${formatFull(b.usd_million, 'usd_million', locale)})`).join(', ')}
              </>
            ) : null}
          </>
        }
      />

      {region ? null : (
        <ChartFrame
          id="ev-cost"
          title={t('ev.chart.costByOrigin', { name: title, period: costPeriod })}
          subtitle={t('ev.chart.costByOriginSub')}
          summary={t('ev.chart.costByOriginSummary', {
            name: title,
            count: costs.length,
            cheapest: costs[0] ? `${name(costs[0].from, costs[0].name)} (${formatFull(costs[0].cost_200_pct, 'pct', locale, 1)})` : '–',
          })}
          chart={{
            type: 'xy',
            height: Math.max(220, costs.length * 34 + 40),
            spec: {
              kind: 'hbar',
              unit: 'pct',
              categories: costs.map((c) => name(c.from, c.name)),
              series: [{ name: t('ev.col.costPct'), data: costs.map((c) => c.cost_200_pct) }],
              target: { value: target, label: t('ev.chart.target') },
            },
          }}
          columns={[
            { key: 'name', label: t('ev.col.sendingCountry') },
            { key: 'cost200', label: t('ev.col.costPct'), unit: 'pct', decimals: 2 },
            { key: 'cost500', label: t('ev.col.cost500Pct'), unit: 'pct', decimals: 2 },
            { key: 'providers', label: t('ev.col.providers'), unit: 'number' },
          ]}
          rows={costs.map((c) => ({ name: name(c.from, c.name), cost200: c.cost_200_pct, cost500: c.cost_500_pct, providers: c.providers }))}
          sources={sourcesOf(p, p.corridor_costs)}
          csvName={fileName(t('ev.csv.profile'), p.code, t('ev.csv.cost'))}
          note={costs.length ? <Link to={`/evidence/corridors/${p.code}/${costs.find((c) => c.from === 'USA') ? 'USA' : costs[0]?.from}`}>{t('ev.chart.costTrendLink')}</Link> : undefined}
        />
      )}

      <section className="ev-chart" id="ev-gaps" aria-labelledby="ev-gaps-h">
        <h2 className="ev-chart__title" id="ev-gaps-h">
          {t('ev.gaps.title', { name: title })}
        </h2>
        <p className="ev-chart__subtitle">{t('ev.gaps.sub')}</p>
        {p.data_gaps.length === 0 ? (
          <p>{t('ev.gaps.none')}</p>
        ) : (
          <ul className="list ev-gaps">
            {p.data_gaps.map((g) => (
              <li key={g.id}>{g.message}</li>
            ))}
          </ul>
        )}
      </section>

      {region ? (
        <section className="ev-chart" aria-labelledby="ev-members-h">
          <h2 className="ev-chart__title" id="ev-members-h">
            {t('ev.profile.members', { name: title })}
          </h2>
          <ul className="ev-areas">
            {(p.members.length ? p.members : LAC.filter((c) => code === '419' || c.region === code).map((c) => ({ code: c.iso3, name: '' })))
              .map((m) => ({ code: m.code, label: name(m.code, m.name || undefined) }))
              .sort((a, b) => a.label.localeCompare(b.label, lang))
              .map((m) => (
                <li key={m.code}>
                  <Link to={`/evidence/profiles/${m.code}`}>{m.label}</Link>
                </li>
              ))}
          </ul>
        </section>
      ) : null}

      <p className="ev-note">{p.attribution}</p>
    </>
  );
}
