import { useMemo, useState, type FormEvent } from 'react';
import { Button } from '../../app/components/Button';
import { Select, TextInput } from '../../app/components/Field';
import { Breadcrumbs, Loading, Notice, PageHeading } from '../../app/components/Layout';
import { useApi } from '../../app/components/useApi';
import { useI18n } from '../../app/i18n';
import { navigate, useLocation } from '../../app/router';
import { analyticsPath, readAnalytics } from './analytics';
import { useDxCatalogue } from './catalogue';
import { ChartFrame, type Column, type Row } from './ChartFrame';
import { fileName, formatFull, formatPeriod } from './format';
import { areaName } from './names';
import './evidence.css';

/** A series over the units below one org unit (a country's departments, a department's municipalities). */
export default function SeriesPage() {
  const { t, lang, locale } = useI18n();
  const { search } = useLocation();
  const de = search.get('de') ?? '';
  const parent = (search.get('ou') ?? '').toUpperCase();
  const [deInput, setDeInput] = useState(de);
  const [ouInput, setOuInput] = useState(parent || 'GTM');
  const { options } = useDxCatalogue();

  const path = de && parent ? analyticsPath({ dx: [de], ou: [`${parent}:children`] }) : null;
  const { data, error, loading } = useApi<unknown>(path);
  const view = useMemo(() => (data ? readAnalytics(data) : null), [data]);

  function submit(e: FormEvent) {
    e.preventDefault();
    navigate(`/evidence/series?de=${encodeURIComponent(deInput)}&ou=${encodeURIComponent(ouInput.trim().toUpperCase())}`, { keepScroll: true });
  }

  const meta = view?.dx.get(de);
  const unit = meta?.unit || options.find((o) => o.id === de)?.unit || 'number';
  const seriesName = meta?.name || options.find((o) => o.id === de)?.name || de;
  const parentName = areaName(parent, lang, t);
  const vals = view?.values.filter((v) => v.dx === de) ?? [];
  const periods = [...new Set(vals.map((v) => v.pe))].sort();
  const latest = periods.at(-1);
  const name = (c: string) => view?.ouNames.get(c) || c;
  const withData = [...new Set(vals.map((v) => v.ou))];
  const at = new Map(vals.map((v) => [`${v.ou}|${v.pe}`, v.value]));
  const latestRows = withData.map((c) => ({ c, v: at.get(`${c}|${latest}`) ?? null })).sort((a, b) => (b.v ?? -Infinity) - (a.v ?? -Infinity));
  const columns: Column[] = [{ key: 'ou', label: t('ev.series.unit') }, { key: 'code', label: t('ev.col.code') }, ...periods.map((p) => ({ key: p, label: formatPeriod(p, t('ev.quarterLetter')), unit }))];
  const rows: Row[] = withData.map((c) => Object.fromEntries([['ou', name(c)], ['code', c], ...periods.map((p) => [p, at.get(`${c}|${p}`) ?? null])]));

  return (
    <>
      <Breadcrumbs
        items={[
          { label: t('nav.home'), to: '/' },
          { label: t('nav.evidence'), to: '/evidence' },
          { label: t('ev.series.title') },
        ]}
      />
      <PageHeading>{t('ev.series.title')}</PageHeading>
      <p className="lead ev-intro">{t('ev.series.lead')}</p>
      <form onSubmit={submit} noValidate>
        <div className="ev-form-row">
          <Select id="ev-series-de" label={t('ev.series.series')} value={deInput} onValue={setDeInput} options={[{ value: '', label: t('ev.compare.choose') }, ...options.map((o) => ({ value: o.id, label: o.name })), ...(deInput && !options.some((o) => o.id === deInput) ? [{ value: deInput, label: deInput }] : [])]} />
          <TextInput id="ev-series-ou" label={t('ev.series.parent')} hint={t('ev.series.parentHint')} value={ouInput} onValue={setOuInput} width="10" />
          <div className="field">
            <Button type="submit">{t('ev.series.show')}</Button>
          </div>
        </div>
      </form>
      {!path ? (
        <p className="ev-note">{t('ev.series.prompt')}</p>
      ) : loading ? (
        <Loading />
      ) : error ? (
        <Notice tone="error" title={t('ev.loadFailed')} live>
          {error.message}
        </Notice>
      ) : view ? (
        <ChartFrame
          id="ev-series"
          title={t('ev.series.chartTitle', { series: seriesName, parent: parentName, period: formatPeriod(latest, t('ev.quarterLetter')) })}
          subtitle={periods.length > 1 ? t('ev.series.tableAll', { span: `${formatPeriod(periods[0], t('ev.quarterLetter'))}–${formatPeriod(latest, t('ev.quarterLetter'))}` }) : undefined}
          summary={t('ev.series.summary', {
            series: seriesName,
            count: latestRows.length,
            first: latestRows[0] ? name(latestRows[0].c) : '–',
            value: latestRows[0]?.v != null ? formatFull(latestRows[0].v, unit, locale) : '–',
          })}
          chart={{
            type: 'xy',
            height: Math.max(220, latestRows.length * 30 + 40),
            spec: { kind: 'hbar', unit, categories: latestRows.map((r) => name(r.c)), series: [{ name: formatPeriod(latest, t('ev.quarterLetter')), data: latestRows.map((r) => r.v) }] },
          }}
          columns={columns}
          rows={rows}
          sources={meta?.sources ?? []}
          csvName={fileName(de, parent)}
        />
      ) : null}
    </>
  );
}
