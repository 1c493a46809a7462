import { useState, type FormEvent } from 'react';
import { api } from '../../app/api';
import { Button, ButtonGroup } from '../../app/components/Button';
import { ErrorSummary } from '../../app/components/ErrorSummary';
import { Radios, Select, TextInput } from '../../app/components/Field';
import { Breadcrumbs, PageHeading } from '../../app/components/Layout';
import { useFormErrors } from '../../app/components/useFormErrors';
import { useI18n } from '../../app/i18n';
import { Link, navigate } from '../../app/router';
import './evidence.css';

const UNITS = ['number', 'persons', 'usd', 'usd_million', 'pct', 'per_1000', 'index'];

/** Define a national series (a data element) before importing its values. */
export default function DataElementFormPage() {
  const { t } = useI18n();
  const errors = useFormErrors();
  const [id, setId] = useState('');
  const [nameEs, setNameEs] = useState('');
  const [nameEn, setNameEn] = useState('');
  const [unit, setUnit] = useState('usd');
  const [periodType, setPeriodType] = useState('month');
  const [aggregation, setAggregation] = useState('sum');
  const [publisher, setPublisher] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const problems: [string, string][] = [];
    if (!/^[a-z][a-z0-9_]{2,59}$/.test(id)) problems.push(['ev-de-id', t('ev.indicator.errorId')]);
    if (!nameEs.trim()) problems.push(['ev-de-name-es', t('ev.indicator.errorName')]);
    if (!publisher.trim()) problems.push(['ev-de-publisher', t('ev.dataElement.errorPublisher')]);
    if (errors.set(problems)) return;
    setBusy(true);
    try {
      await api.post('/evidence/data-elements', { id, name_es: nameEs.trim(), name_en: nameEn.trim() || undefined, unit, period_type: periodType, aggregation, publisher: publisher.trim() });
      navigate('/evidence/imports/new');
    } catch (err) {
      errors.fromApi(err, { fieldIds: { id: 'ev-de-id', name_es: 'ev-de-name-es', name_en: 'ev-de-name-en', publisher: 'ev-de-publisher' } });
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Breadcrumbs
        items={[
          { label: t('nav.home'), to: '/' },
          { label: t('nav.evidence'), to: '/evidence' },
          { label: t('ev.imports.title'), to: '/evidence/imports' },
          { label: t('ev.dataElement.title') },
        ]}
      />
      <ErrorSummary items={errors.items} seq={errors.seq} />
      <PageHeading>{t('ev.dataElement.title')}</PageHeading>
      <p className="ev-intro">{t('ev.dataElement.lead')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextInput id="ev-de-id" label={t('ev.indicator.id')} hint={t('ev.dataElement.idHint')} error={errors.field('ev-de-id')} value={id} onValue={setId} width="20" spellCheck={false} />
        <TextInput id="ev-de-name-es" label={t('ev.indicator.nameEs')} error={errors.field('ev-de-name-es')} value={nameEs} onValue={setNameEs} lang="es" />
        <TextInput id="ev-de-name-en" label={`${t('ev.indicator.nameEn')} (${t('common.optional').toLowerCase()})`} error={errors.field('ev-de-name-en')} value={nameEn} onValue={setNameEn} lang="en" />
        <Select id="ev-de-unit" label={t('ev.indicators.unit')} value={unit} onValue={setUnit} options={UNITS.map((u) => ({ value: u, label: t(`ev.unit.${u}` as 'ev.unit.pct') }))} />
        <Radios
          id="ev-de-period"
          legend={t('ev.dataElement.periodType')}
          inline
          value={periodType}
          onValue={setPeriodType}
          options={[
            { value: 'year', label: t('ev.dataElement.year') },
            { value: 'quarter', label: t('ev.dataElement.quarter') },
            { value: 'month', label: t('ev.dataElement.month') },
          ]}
        />
        <Radios
          id="ev-de-aggregation"
          legend={t('ev.dataElement.aggregation')}
          value={aggregation}
          onValue={setAggregation}
          options={[
            { value: 'sum', label: t('ev.dataElement.sum') },
            { value: 'none', label: t('ev.dataElement.none') },
          ]}
        />
        <TextInput id="ev-de-publisher" label={t('ev.dataElement.publisher')} hint={t('ev.dataElement.publisherHint')} error={errors.field('ev-de-publisher')} value={publisher} onValue={setPublisher} />
        <ButtonGroup>
          <Button type="submit" busy={busy}>
            {busy ? t('common.working') : t('ev.dataElement.save')}
          </Button>
          <Link to="/evidence/imports/new">{t('common.cancel')}</Link>
        </ButtonGroup>
      </form>
    </>
  );
}
