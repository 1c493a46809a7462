import { useMemo, useState, type FormEvent } from 'react';
import { Button } from '../../app/components/Button';
import { ErrorSummary } from '../../app/components/ErrorSummary';
import { CheckboxGroup, Select } from '../../app/components/Field';
import { Breadcrumbs, Loading, Notice, PageHeading } from '../../app/components/Layout';
import { useApi } from '../../app/components/useApi';
import { useFormErrors } from '../../app/components/useFormErrors';
import { useI18n } from '../../app/i18n';
import { navigate, useLocation } from '../../app/router';
import { analyticsPath, readAnalytics } from './analytics';
import { useDxCatalogue } from './catalogue';
import { ChartFrame, type Column, type Row } from './ChartFrame';
import { LAC, REGIONS } from '../../app/countries';
import { fileName } from './format';
import { areaName } from './names';
import './evidence.css';

const MIN = 2;
const MAX = 8;
const FIRST_YEAR = 1990;
const LAST_YEAR = new Date().getFullYear();

function splitList(v: string | null): string[] {
  return (v ?? '')
    .split(/[;,]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Compare 2 to 8 countries on chosen indicators. Everything the page shows is in its address, so it can be shared. */
export default function ComparePage() {
  const { t, lang } = useI18n();
  const { search } = useLocation();
  const ou = splitList(search.get('ou')).map((s) => s.toUpperCase()).slice(0, MAX);
  const dx = splitList(search.get('dx'));
  const pe = search.get('pe') ?? '';
  const [from, to] = /^(\d{4})(?:-|:|\.\.)(\d{4})?$/.exec(pe)?.slice(1) ?? ['2000', ''];
  const { options, loading: catalogueLoading } = useDxCatalogue();
  const errors = useFormErrors();

  // the form's own state, applied to the address on submit
  const [picked, setPicked] = useState<string[]>(ou);
  const [adding, setAdding] = useState('');
  const [chosenDx, setChosenDx] = useState<string[]>(dx.length ? dx : ['remittances_pct_gdp']);
  const [fromYear, setFromYear] = useState(from ?? '2000');
  const [toYear, setToYear] = useState(to ?? '');

  const ready = ou.length >= MIN && dx.length > 0;
  const period = `${from ?? FIRST_YEAR}..${to || LAST_YEAR}`;
  const path = ready ? analyticsPath({ dx, ou, pe: period }, undefined, 'compare') : null;
  const { data, error, loading } = useApi<unknown>(path);
  const view = useMemo(() => (data ? readAnalytics(data) : null), [data]);

  const areas = useMemo(() => {
    const c = new Intl.Collator(lang);
    return [
      ...REGIONS.map((r) => ({ value: r, label: areaName(r, lang, t) })),
      ...LAC.filter((x) => x.independent)
        .map((x) => ({ value: x.iso3, label: areaName(x.iso3, lang, t) }))
        .sort((a, b) => c.compare(a.label, b.label)),
    ];
  }, [lang, t]);

  const collator = new Intl.Collator(lang);
  const byName = <T extends { name: string }>(xs: T[]) => xs.slice().sort((a, b) => collator.compare(a.name, b.name));
  const years = Array.from({ length: LAST_YEAR - FIRST_YEAR + 1 }, (_, i) => String(FIRST_YEAR + i));

  function submit(e: FormEvent) {
    e.preventDefault();
    const problems: [string, string][] = [];
    if (picked.length < MIN) problems.push(['ev-add', t('ev.compare.errorMin', { min: MIN })]);
    if (picked.length > MAX) problems.push(['ev-add', t('ev.compare.errorMax', { max: MAX })]);
    if (chosenDx.length === 0) problems.push(['ev-dx', t('ev.compare.errorDx')]);
    if (toYear && Number(toYear) < Number(fromYear)) problems.push(['ev-to', t('ev.compare.errorYears')]);
    if (errors.set(problems)) return;
    const qs = new URLSearchParams();
    qs.set('ou', picked.join(','));
    qs.set('dx', chosenDx.join(','));
    qs.set('pe', `${fromYear}-${toYear || ''}`.replace(/-$/, `-${LAST_YEAR}`));
    navigate(`/evidence/compare?${qs.toString().replace(/%2C/g, ',')}`, { keepScroll: true });
  }

  function add() {
    if (!adding || picked.includes(adding)) return;
    if (picked.length >= MAX) {
      errors.set([['ev-add', t('ev.compare.errorMax', { max: MAX })]]);
      return;
    }
    errors.clear();
    setPicked([...picked, adding]);
    setAdding('');
  }

  const ouLabel = (c: string) => view?.ouNames.get(c) && !/^[A-Z]{3}$|^\d{3}$/.test(c) ? (view.ouNames.get(c) as string) : areaName(c, lang, t, view?.ouNames.get(c));
  const title = t('ev.compare.title');
  const csvHref = ready ? `/api/v1${analyticsPath({ dx, ou, pe: period }, 'csv', 'compare')}` : '';
  const xlsxHref = ready ? `/api/v1${analyticsPath({ dx, ou, pe: period }, 'xlsx', 'compare')}` : '';

  return (
    <>
      <Breadcrumbs
        items={[
          { label: t('nav.home'), to: '/' },
          { label: t('nav.evidence'), to: '/evidence' },
          { label: title },
        ]}
      />
      <ErrorSummary items={errors.items} seq={errors.seq} />
      <PageHeading>{title}</PageHeading>
      <p className="lead ev-intro">{t('ev.compare.lead', { min: MIN, max: MAX })}</p>

      <form onSubmit={submit} noValidate className="ev-compare-form">
        <h2 className="h3-like">{t('ev.compare.countries')}</h2>
        {picked.length ? (
          <ul className="ev-picks" aria-label={t('ev.compare.chosen')}>
            {picked.map((c) => (
              <li key={c}>
                {areaName(c, lang, t)}
                <button type="button" className="link-button" onClick={() => setPicked(picked.filter((x) => x !== c))}>
                  {t('ev.compare.remove')}
                  <span className="visually-hidden"> {areaName(c, lang, t)}</span>
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="ev-note">{t('ev.compare.noneChosen')}</p>
        )}
        <div className="ev-form-row">
          <Select
            id="ev-add"
            label={t('ev.compare.addCountry')}
            hint={t('ev.compare.addHint', { min: MIN, max: MAX })}
            error={errors.field('ev-add')}
            value={adding}
            onValue={setAdding}
            options={[{ value: '', label: t('ev.compare.choose') }, ...areas.filter((a) => !picked.includes(a.value))]}
          />
          <div className="field">
            <Button variant="secondary" onClick={add}>
              {t('ev.compare.add')}
            </Button>
          </div>
        </div>

        <CheckboxGroup
          id="ev-dx"
          legend={t('ev.compare.indicators')}
          error={errors.field('ev-dx')}
          options={byName(options.filter((o) => o.kind === 'indicator')).map((o) => ({ value: o.id, label: o.name }))}
          value={chosenDx.filter((d) => options.find((o) => o.id === d)?.kind !== 'dataElement')}
          onValue={(v) => setChosenDx([...v, ...chosenDx.filter((d) => options.find((o) => o.id === d)?.kind === 'dataElement')])}
        />
        {options.some((o) => o.kind === 'dataElement') ? (
          <details className="ev-details" open={chosenDx.some((d) => options.find((o) => o.id === d)?.kind === 'dataElement')}>
            <summary>{t('ev.compare.moreSeries')}</summary>
            <CheckboxGroup
              id="ev-de"
              legend={t('ev.compare.series')}
              options={byName(options.filter((o) => o.kind === 'dataElement')).map((o) => ({ value: o.id, label: o.name }))}
              value={chosenDx.filter((d) => options.find((o) => o.id === d)?.kind === 'dataElement')}
              onValue={(v) => setChosenDx([...chosenDx.filter((d) => options.find((o) => o.id === d)?.kind !== 'dataElement'), ...v])}
            />
          </details>
        ) : null}
        {catalogueLoading ? <Loading /> : null}

        <div className="ev-form-row">
          <Select id="ev-from" label={t('ev.compare.from')} value={fromYear} onValue={setFromYear} options={years.map((y) => ({ value: y, label: y }))} />
          <Select
            id="ev-to"
            label={t('ev.compare.to')}
            error={errors.field('ev-to')}
            value={toYear}
            onValue={setToYear}
            options={[{ value: '', label: t('ev.compare.latest') }, ...years.map((y) => ({ value: y, label: y }))]}
          />
        </div>
        <Button type="submit">{t('ev.compare.show')}</Button>
      </form>

      {!ready ? (
        <p className="ev-note">{t('ev.compare.prompt', { min: MIN })}</p>
      ) : loading ? (
        <Loading />
      ) : error ? (
        <Notice tone="error" title={t('ev.loadFailed')} live>
          {error.message}
        </Notice>
      ) : view ? (
        <>
          <h2>{t('ev.compare.results')}</h2>
          <p className="ev-note">{t('ev.compare.share')}</p>
          <p className="btn-group">
            <a className="btn btn--secondary" href={csvHref} download>
              {t('ev.compare.downloadCsv')}
            </a>
            <a className="btn btn--secondary" href={xlsxHref} download>
              {t('ev.compare.downloadXlsx')}
            </a>
          </p>
          {dx.map((id) => {
            const meta = view.dx.get(id);
            const opt = options.find((o) => o.id === id);
            const unit = meta?.unit || opt?.unit || 'number';
            const name = meta?.name || opt?.name || id;
            const vals = view.values.filter((v) => v.dx === id);
            const periods = [...new Set(vals.map((v) => v.pe))].sort();
            const at = new Map(vals.map((v) => [`${v.ou}|${v.pe}`, v.value]));
            const columns: Column[] = [{ key: 'pe', label: t('ev.col.year') }, ...ou.map((c) => ({ key: c, label: ouLabel(c), unit, decimals: meta?.decimals }))];
            const rows: Row[] = periods.map((p) => Object.fromEntries([['pe', p], ...ou.map((c) => [c, at.get(`${c}|${p}`) ?? null])]));
            const latest = ou
              .map((c) => {
                const last = vals.filter((v) => v.ou === c).sort((a, b) => a.pe.localeCompare(b.pe)).at(-1);
                return last ? `${ouLabel(c)} ${last.pe}` : null;
              })
              .filter(Boolean);
            const span = periods.length ? `${periods[0]}–${periods.at(-1)}` : '';
            return (
              <ChartFrame
                key={id}
                id={`ev-dx-${id}`}
                title={t('ev.compare.chartTitle', { indicator: name, span })}
                subtitle={ou.map(ouLabel).join(', ')}
                summary={t('ev.compare.chartSummary', { indicator: name, areas: ou.map(ouLabel).join(', '), latest: latest.join('; ') })}
                chart={{
                  type: 'xy',
                  spec: {
                    kind: 'line',
                    unit,
                    categories: periods,
                    endLabels: true,
                    series: ou.map((c) => ({ name: ouLabel(c), data: periods.map((p) => at.get(`${c}|${p}`) ?? null) })),
                  },
                }}
                columns={columns}
                rows={rows}
                sources={meta?.sources ?? []}
                csvName={fileName(t('ev.csv.compare'), id, ou.join('-'))}
                estimate={view.estimate}
                note={vals.some((v) => v.computed) ? t('ev.chart.computedNote') : undefined}
              />
            );
          })}
        </>
      ) : null}
    </>
  );
}
