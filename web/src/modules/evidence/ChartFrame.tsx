import { lazy, Suspense, useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Tag } from '../../app/components/Layout';
import { useI18n } from '../../app/i18n';
import { downloadText } from '../../app/download';
import { formatFull, toCsv, type Cell, type Unit } from './format';
import { PALETTE, type MapSpec, type XYChartSpec } from './charts/spec';
import type { MapView } from './charts/WorldMap';

const XYChart = lazy(() => import('./charts/XYChart'));
const WorldMap = lazy(() => import('./charts/WorldMap'));

export interface Column {
  key: string;
  label: string;
  /** numeric columns are right-aligned and formatted for the locale in the table (raw in the CSV) */
  unit?: Unit;
  decimals?: number;
}

export type Row = Record<string, Cell>;

export interface SourceRef {
  name: string;
  vintage?: string | null | undefined;
  url?: string | null | undefined;
}

/** Renders its children only once the placeholder comes near the viewport: charts below the fold cost nothing. */
function WhenVisible({ children, height }: { children: ReactNode; height: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || seen) return;
    if (typeof IntersectionObserver === 'undefined') {
      setSeen(true);
      return;
    }
    const io = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setSeen(true);
      },
      { rootMargin: '300px 0px' },
    );
    io.observe(el);
    return () => io.disconnect();
  }, [seen]);
  return (
    <div ref={ref} style={seen ? undefined : { minHeight: height }}>
      {seen ? children : null}
    </div>
  );
}

function ChartPlaceholder({ height, text }: { height: number; text: string }) {
  return (
    <div className="ev-chart__placeholder" style={{ minHeight: height }}>
      {text}
    </div>
  );
}

export type FrameChart =
  | { type: 'xy'; spec: XYChartSpec; height?: number }
  | { type: 'map'; spec: MapSpec; legend: { colour: string; label: string }[] }
  | { type: 'none' };

/**
 * A chart in the manner of Our World in Data's grapher: a title that says what it shows, a subtitle, the chart
 * (or the same numbers as a table) behind two tabs, the source and vintage underneath, and a CSV of the numbers.
 */
export function ChartFrame({
  id,
  title,
  subtitle,
  chart,
  summary,
  columns,
  rows,
  sources,
  csvName,
  estimate,
  note,
  headingLevel = 2,
}: {
  id: string;
  title: string;
  subtitle?: ReactNode;
  chart: FrameChart;
  /** the chart's text alternative (aria-label of the image) */
  summary: string;
  columns: Column[];
  rows: Row[];
  sources: SourceRef[];
  csvName: string;
  /** the numbers are modelled estimates: say so */
  estimate?: boolean;
  note?: ReactNode;
  headingLevel?: 2 | 3;
}) {
  const { t, locale } = useI18n();
  const uid = useId().replace(/:/g, '');
  const [tab, setTab] = useState<'chart' | 'table'>(chart.type === 'none' ? 'table' : 'chart');
  const [view, setView] = useState<MapView>('world');
  const tabs: ('chart' | 'table')[] = chart.type === 'none' ? ['table'] : ['chart', 'table'];
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const H = headingLevel === 2 ? 'h2' : 'h3';

  function onKey(e: KeyboardEvent<HTMLButtonElement>, i: number) {
    let next = -1;
    if (e.key === 'ArrowRight') next = (i + 1) % tabs.length;
    else if (e.key === 'ArrowLeft') next = (i - 1 + tabs.length) % tabs.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = tabs.length - 1;
    if (next < 0) return;
    e.preventDefault();
    setTab(tabs[next] as 'chart' | 'table');
    tabRefs.current[next]?.focus();
  }

  function download() {
    const header = columns.map((c) => c.label);
    const body = rows.map((r) => columns.map((c) => r[c.key]));
    const src = sources.map((s) => [s.name, s.vintage].filter(Boolean).join(', ')).join('; ');
    const text = toCsv(header, body);
    downloadText(`${csvName}.csv`, src ? `${text}${toCsv([`${t('ev.chart.source')}: ${src}`], []).replace(/^\uFEFF/, '')}` : text);
  }

  const height = chart.type === 'xy' ? (chart.height ?? 320) : 420;
  const empty = rows.length === 0;

  return (
    <section className="ev-chart" id={id} aria-labelledby={`${uid}-title`}>
      <header className="ev-chart__header">
        <H className="ev-chart__title" id={`${uid}-title`}>
          {title}
        </H>
        {subtitle ? <p className="ev-chart__subtitle">{subtitle}</p> : null}
        {estimate ? (
          <p className="ev-chart__estimate">
            <Tag colour="yellow">{t('ev.chart.estimate')}</Tag> {t('ev.chart.estimateNote')}
          </p>
        ) : null}
      </header>

      {empty ? (
        <p className="ev-chart__empty">{t('ev.chart.noData')}</p>
      ) : (
        <>
          <div className="ev-chart__bar">
            {tabs.length > 1 ? (
              <div className="ev-tabs" role="tablist" aria-label={t('ev.chart.viewLabel', { title })}>
                {tabs.map((k, i) => (
                  <button
                    key={k}
                    ref={(el) => {
                      tabRefs.current[i] = el;
                    }}
                    type="button"
                    role="tab"
                    id={`${uid}-tab-${k}`}
                    aria-selected={tab === k}
                    aria-controls={`${uid}-panel-${k}`}
                    tabIndex={tab === k ? 0 : -1}
                    className="ev-tabs__tab"
                    onClick={() => setTab(k)}
                    onKeyDown={(e) => onKey(e, i)}
                  >
                    {k === 'chart' ? (chart.type === 'map' ? t('ev.chart.tabMap') : t('ev.chart.tabChart')) : t('ev.chart.tabTable')}
                  </button>
                ))}
              </div>
            ) : null}
            <button type="button" className="btn btn--secondary btn--small ev-chart__csv" onClick={download}>
              {t('ev.chart.downloadCsv')}
              <span className="visually-hidden">: {title}</span>
            </button>
          </div>

          {chart.type !== 'none' ? (
            <div
              role="tabpanel"
              id={`${uid}-panel-chart`}
              aria-labelledby={`${uid}-tab-chart`}
              hidden={tab !== 'chart'}
              className="ev-chart__panel"
            >
              {chart.type === 'map' ? (
                <div className="ev-map__views" role="group" aria-label={t('ev.map.viewLabel')}>
                  {(['world', 'americas'] as const).map((v) => (
                    <button key={v} type="button" className="ev-toggle" aria-pressed={view === v} onClick={() => setView(v)}>
                      {v === 'world' ? t('ev.map.world') : t('ev.map.americas')}
                    </button>
                  ))}
                </div>
              ) : null}
              {tab === 'chart' ? (
                <WhenVisible height={height}>
                  <Suspense fallback={<ChartPlaceholder height={height} text={t('ev.chart.loading')} />}>
                    {chart.type === 'xy' ? (
                      <XYChart spec={chart.spec} label={summary} height={height} />
                    ) : (
                      <WorldMap spec={chart.spec} label={summary} view={view} failed={t('ev.map.failed')} />
                    )}
                  </Suspense>
                </WhenVisible>
              ) : null}
              {chart.type === 'xy' && (chart.spec.series.length > 1 || chart.spec.target) ? (
                <ul className="ev-legend" aria-label={t('ev.chart.legend')}>
                  {chart.spec.series.map((s, i) => (
                    <li key={s.name}>
                      <span className={`ev-legend__swatch${chart.spec.kind === 'line' ? ' ev-legend__swatch--line' : ''}${s.estimate ? ' ev-legend__swatch--estimate' : ''}`} style={{ background: PALETTE[i % PALETTE.length], color: PALETTE[i % PALETTE.length] }} aria-hidden="true" />
                      {s.name}
                    </li>
                  ))}
                  {chart.spec.target ? (
                    <li>
                      <span className="ev-legend__swatch ev-legend__swatch--target" aria-hidden="true" />
                      {chart.spec.target.label}
                    </li>
                  ) : null}
                </ul>
              ) : null}
              {chart.type === 'map' ? (
                <ul className="ev-legend" aria-label={t('ev.chart.legend')}>
                  {chart.legend.map((l) => (
                    <li key={l.label}>
                      <span className="ev-legend__swatch ev-legend__swatch--area" style={{ background: l.colour }} aria-hidden="true" />
                      {l.label}
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : null}

          <div role="tabpanel" id={`${uid}-panel-table`} aria-labelledby={tabs.length > 1 ? `${uid}-tab-table` : undefined} aria-label={tabs.length > 1 ? undefined : title} hidden={tab !== 'table'}>
            {tab === 'table' ? <DataTable caption={title} columns={columns} rows={rows} locale={locale} /> : null}
          </div>
        </>
      )}

      <footer className="ev-chart__footer">
        {sources.length > 0 ? (
          <p className="ev-chart__source">
            <strong>{t('ev.chart.source')}:</strong>{' '}
            {sources.map((s, i) => (
              <span key={`${s.name}|${s.vintage ?? ''}`}>
                {i > 0 ? '; ' : ''}
                {s.url ? <a href={s.url}>{s.name}</a> : s.name}
                {s.vintage ? ` (${s.vintage})` : ''}
              </span>
            ))}
          </p>
        ) : null}
        {note ? <p className="ev-chart__note">{note}</p> : null}
      </footer>
    </section>
  );
}

/** The numbers of a chart as an accessible table in a scrolling, keyboard-focusable region. */
export function DataTable({ caption, columns, rows, locale }: { caption: string; columns: Column[]; rows: Row[]; locale: string }) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table className="table table--compact ev-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" key={c.key} className={c.unit ? 'num' : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              {columns.map((c, j) => {
                const v = r[c.key];
                const text = c.unit ? (typeof v === 'number' ? formatFull(v, c.unit, locale, c.decimals) : '–') : String(v ?? '');
                return j === 0 ? (
                  <th scope="row" key={c.key}>
                    {text}
                  </th>
                ) : (
                  <td key={c.key} className={c.unit ? 'num' : undefined}>
                    {text}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
