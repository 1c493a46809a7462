import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../app/api';
import { Button, ButtonGroup } from '../../app/components/Button';
import { ErrorSummary } from '../../app/components/ErrorSummary';
import { Fieldset, Select, TextInput, Textarea } from '../../app/components/Field';
import { Breadcrumbs, Loading, Notice, PageHeading } from '../../app/components/Layout';
import { useApi } from '../../app/components/useApi';
import { useFormErrors } from '../../app/components/useFormErrors';
import { useI18n } from '../../app/i18n';
import { Link, navigate } from '../../app/router';
import type { PageProps } from '../../app/routes';
import { formulaText, type IndicatorRecord, type Operand } from './indicator';
import './evidence.css';

interface DataElement {
  id: string;
  name?: string;
  name_es?: string;
  name_en?: string;
  unit?: string;
  bilateral?: boolean;
  by_sex?: boolean;
}

const UNITS = ['pct', 'number', 'persons', 'usd', 'usd_million', 'per_1000', 'index'];

function OperandFields({ id, legend, value, onValue, des, optional, error }: { id: string; legend: string; value: Operand | null; onValue: (o: Operand | null) => void; des: DataElement[]; optional?: boolean; error?: string | undefined }) {
  const { t, lang } = useI18n();
  const name = (d: DataElement) => d.name || (lang === 'es' ? d.name_es : d.name_en) || d.id;
  const de = des.find((d) => d.id === value?.de);
  const set = (patch: Partial<Operand>) => {
    const next = { ...(value ?? { de: '' }), ...patch } as Operand;
    for (const k of Object.keys(next) as (keyof Operand)[]) if (next[k] === undefined || next[k] === '') delete next[k];
    onValue(next.de ? next : null);
  };
  return (
    <Fieldset id={`${id}-set`} legend={legend} legendClassName="legend legend--m">
      <Select
        id={id}
        label={t('ev.indicator.dataElement')}
        error={error}
        value={value?.de ?? ''}
        onValue={(v) => (v ? set({ de: v }) : onValue(null))}
        options={[{ value: '', label: optional ? t('ev.indicator.noDenominator') : t('ev.compare.choose') }, ...des.map((d) => ({ value: d.id, label: `${name(d)} (${d.id})` }))]}
      />
      {value?.de ? (
        <div className="ev-form-row">
          {de?.by_sex ? (
            <Select
              id={`${id}-sex`}
              label={t('ev.col.sex')}
              value={value.sex ?? 'T'}
              onValue={(v) => set({ sex: v === 'T' ? undefined : (v as 'M' | 'F') })}
              options={[
                { value: 'T', label: t('ev.col.total') },
                { value: 'F', label: t('ev.col.female') },
                { value: 'M', label: t('ev.col.male') },
              ]}
            />
          ) : null}
          <TextInput id={`${id}-lag`} label={t('ev.indicator.lag')} hint={t('ev.indicator.lagHint')} inputMode="numeric" width="3" value={value.lag ? String(value.lag) : ''} onValue={(v) => set({ lag: /^\d+$/.test(v) && Number(v) > 0 ? Number(v) : undefined })} />
          {de?.bilateral ? (
            <Select
              id={`${id}-reduce`}
              label={t('ev.indicator.reduce')}
              value={value.reduce ?? ''}
              onValue={(v) => set({ reduce: (v || undefined) as Operand['reduce'] })}
              options={[
                { value: '', label: t('common.none') },
                { value: 'max_destination', label: t('ev.indicator.maxDestination') },
                { value: 'max_origin', label: t('ev.indicator.maxOrigin') },
              ]}
            />
          ) : null}
        </div>
      ) : null}
    </Fieldset>
  );
}

/** Add (or change) an indicator without code: numerator / denominator x factor over data elements. */
export default function IndicatorFormPage({ params }: PageProps) {
  const { t } = useI18n();
  const editing = params.id ? decodeURIComponent(params.id) : null;
  const errors = useFormErrors();
  const des = useApi<{ items: DataElement[] }>('/evidence/data-elements');
  const all = useApi<{ items: IndicatorRecord[] }>(editing ? '/evidence/indicators' : null);
  const existing = { data: all.data?.items.find((i) => i.id === editing), loading: all.loading };
  const [id, setId] = useState('');
  const [nameEs, setNameEs] = useState('');
  const [nameEn, setNameEn] = useState('');
  const [descriptionEs, setDescriptionEs] = useState('');
  const [descriptionEn, setDescriptionEn] = useState('');
  const [numerator, setNumerator] = useState<Operand | null>(null);
  const [denominator, setDenominator] = useState<Operand | null>(null);
  const [factor, setFactor] = useState('100');
  const [constant, setConstant] = useState('0');
  const [unit, setUnit] = useState('pct');
  const [decimals, setDecimals] = useState('2');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const i = existing.data;
    if (!i) return;
    setId(i.id);
    setNameEs(i.name_es ?? '');
    setNameEn(i.name_en ?? '');
    setDescriptionEs(i.description_es ?? '');
    setDescriptionEn(i.description_en ?? '');
    setNumerator(i.numerator);
    setDenominator(i.denominator);
    setFactor(String(i.factor));
    setConstant(String(i.constant));
    setUnit(i.unit);
    setDecimals(String(i.decimals));
  }, [existing.data]);

  const parse = (s: string) => Number(s.trim().replace(',', '.'));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const problems: [string, string][] = [];
    if (!editing && !/^[a-z][a-z0-9_]{2,59}$/.test(id)) problems.push(['ev-ind-id', t('ev.indicator.errorId')]);
    if (!nameEs.trim()) problems.push(['ev-ind-name-es', t('ev.indicator.errorName')]);
    if (!nameEn.trim()) problems.push(['ev-ind-name-en', t('ev.indicator.errorName')]);
    if (!numerator) problems.push(['ev-ind-num', t('ev.indicator.errorNumerator')]);
    if (!Number.isFinite(parse(factor)) || parse(factor) === 0) problems.push(['ev-ind-factor', t('ev.indicator.errorNumber')]);
    if (!Number.isFinite(parse(constant))) problems.push(['ev-ind-constant', t('ev.indicator.errorNumber')]);
    if (!/^[0-6]$/.test(decimals.trim())) problems.push(['ev-ind-decimals', t('ev.indicator.errorDecimals')]);
    if (errors.set(problems)) return;
    const body = {
      ...(editing ? {} : { id }),
      name_es: nameEs.trim(),
      name_en: nameEn.trim(),
      description_es: descriptionEs.trim(),
      description_en: descriptionEn.trim(),
      numerator,
      denominator,
      factor: parse(factor),
      constant: parse(constant),
      unit,
      decimals: Number(decimals),
    };
    setBusy(true);
    try {
      if (editing) await api.patch(`/evidence/indicators/${encodeURIComponent(editing)}`, body);
      else await api.post('/evidence/indicators', body);
      navigate(`/evidence/compare?ou=GTM,HND,SLV&dx=${encodeURIComponent(editing ?? id)}`);
    } catch (err) {
      errors.fromApi(err, {
        fieldIds: { id: 'ev-ind-id', name_es: 'ev-ind-name-es', name_en: 'ev-ind-name-en', numerator: 'ev-ind-num', denominator: 'ev-ind-den', factor: 'ev-ind-factor', constant: 'ev-ind-constant', decimals: 'ev-ind-decimals', unit: 'ev-ind-unit' },
      });
    } finally {
      setBusy(false);
    }
  }

  const title = editing ? t('ev.indicator.editTitle') : t('ev.indicator.newTitle');
  const list = (des.data?.items ?? []).slice().sort((a, b) => a.id.localeCompare(b.id));

  return (
    <>
      <Breadcrumbs
        items={[
          { label: t('nav.home'), to: '/' },
          { label: t('nav.evidence'), to: '/evidence' },
          { label: t('ev.indicators.title'), to: '/evidence/indicators' },
          { label: title },
        ]}
      />
      <ErrorSummary items={errors.items} seq={errors.seq} />
      <PageHeading>{title}</PageHeading>
      <p className="ev-intro">{t('ev.indicator.lead')}</p>
      {des.loading || existing.loading ? <Loading /> : null}
      {des.error ? (
        <Notice tone="error" title={t('ev.loadFailed')}>
          {des.error.message}
        </Notice>
      ) : null}
      <form onSubmit={(e) => void submit(e)} noValidate>
        {!editing ? <TextInput id="ev-ind-id" label={t('ev.indicator.id')} hint={t('ev.indicator.idHint')} error={errors.field('ev-ind-id')} value={id} onValue={setId} width="20" spellCheck={false} /> : null}
        <TextInput id="ev-ind-name-es" label={t('ev.indicator.nameEs')} error={errors.field('ev-ind-name-es')} value={nameEs} onValue={setNameEs} lang="es" />
        <TextInput id="ev-ind-name-en" label={t('ev.indicator.nameEn')} error={errors.field('ev-ind-name-en')} value={nameEn} onValue={setNameEn} lang="en" />
        <OperandFields id="ev-ind-num" legend={t('ev.indicator.numerator')} value={numerator} onValue={setNumerator} des={list} error={errors.field('ev-ind-num')} />
        <OperandFields id="ev-ind-den" legend={t('ev.indicator.denominator')} value={denominator} onValue={setDenominator} des={list} optional error={errors.field('ev-ind-den')} />
        <div className="ev-form-row">
          <TextInput id="ev-ind-factor" label={t('ev.indicator.factor')} hint={t('ev.indicator.factorHint')} error={errors.field('ev-ind-factor')} inputMode="decimal" width="5" value={factor} onValue={setFactor} />
          <TextInput id="ev-ind-constant" label={t('ev.indicator.constant')} error={errors.field('ev-ind-constant')} inputMode="decimal" width="5" value={constant} onValue={setConstant} />
          <Select id="ev-ind-unit" label={t('ev.indicators.unit')} value={unit} onValue={setUnit} options={UNITS.map((u) => ({ value: u, label: t(`ev.unit.${u}` as 'ev.unit.pct') }))} />
          <TextInput id="ev-ind-decimals" label={t('ev.indicator.decimals')} error={errors.field('ev-ind-decimals')} inputMode="numeric" width="2" value={decimals} onValue={setDecimals} />
        </div>
        <p>
          <strong>{t('ev.indicator.formulaPreview')}</strong>
        </p>
        <p className="ev-formula" aria-live="polite">
          {numerator ? formulaText({ numerator, denominator, factor: parse(factor) || 1, constant: parse(constant) || 0 }) : '…'}
        </p>
        <Textarea id="ev-ind-desc-es" label={`${t('ev.indicator.descriptionEs')} (${t('common.optional').toLowerCase()})`} value={descriptionEs} onValue={setDescriptionEs} rows={3} />
        <Textarea id="ev-ind-desc-en" label={`${t('ev.indicator.descriptionEn')} (${t('common.optional').toLowerCase()})`} value={descriptionEn} onValue={setDescriptionEn} rows={3} />
        <ButtonGroup>
          <Button type="submit" busy={busy}>
            {busy ? t('common.working') : t('common.save')}
          </Button>
          <Link to="/evidence/indicators">{t('common.cancel')}</Link>
        </ButtonGroup>
      </form>
    </>
  );
}
