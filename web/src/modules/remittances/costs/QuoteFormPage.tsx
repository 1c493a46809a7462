import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { api } from '../../../app/api';
import { Button, ButtonGroup } from '../../../app/components/Button';
import { ErrorSummary } from '../../../app/components/ErrorSummary';
import { Radios, Select, TextInput } from '../../../app/components/Field';
import { BackLink, Loading, Notice, PageHeading } from '../../../app/components/Layout';
import { useApi } from '../../../app/components/useApi';
import { useMutation } from '../../../app/components/useMutation';
import { useI18n, type MessageKey } from '../../../app/i18n';
import { navigate } from '../../../app/router';
import type { PageProps } from '../../../app/routes';
import { readDecimal } from './shared';
import { PAYOUT_METHODS, PROVIDER_TYPES, SPEEDS, type Quote, type QuoteInput } from './types';
import './costs.css';

/** Enter or correct one service quote. The server checks the rules (a cost that is not negative, the scope). */

type Form = Record<'sending_country' | 'receiving_country' | 'period' | 'provider' | 'provider_type' | 'product' | 'amount_sent' | 'sending_currency' | 'receiving_currency' | 'fee' | 'exchange_rate' | 'interbank_rate' | 'rate_disclosed' | 'speed' | 'payout_method', string>;

const EMPTY: Form = {
  sending_country: 'USA',
  receiving_country: '',
  period: '',
  provider: '',
  provider_type: 'money_transfer_operator',
  product: '',
  amount_sent: '200',
  sending_currency: 'USD',
  receiving_currency: '',
  fee: '',
  exchange_rate: '',
  interbank_rate: '',
  rate_disclosed: 'yes',
  speed: 'same_day',
  payout_method: 'cash',
};

const fromQuote = (q: Quote): Form => ({
  ...Object.fromEntries(Object.entries(q).map(([k, v]) => [k, String(v)])),
  rate_disclosed: q.rate_disclosed ? 'yes' : 'no',
} as Form);

const NUMBERS = ['amount_sent', 'fee', 'exchange_rate', 'interbank_rate'] as const;
/** Fields that must be filled, in the order the form shows them. */
const ORDER = ['sending_country', 'receiving_country', 'period', 'provider', 'product', 'amount_sent', 'sending_currency', 'fee', 'exchange_rate', 'interbank_rate', 'receiving_currency'] as const;

export default function QuoteFormPage({ params }: PageProps) {
  const { t, locale } = useI18n();
  const id = params.id;
  const existing = useApi<Quote>(id ? `/remittances/quotes/${id}` : null);
  const countries = useApi<{ items: { code: string; name: string }[] }>('/org-units?kind=country&limit=400');
  const [form, setForm] = useState<Form>(EMPTY);
  const save = useMutation((body: QuoteInput) => (id ? api.put(`/remittances/quotes/${id}`, body) : api.post('/remittances/quotes', body)), {
    fieldIds: Object.fromEntries(Object.keys(EMPTY).map((k) => [k, `rc-${k}`])),
    generalTarget: 'rc-provider',
    onSuccess: () => navigate('/remittances/quotes'),
  });
  const { busy, errors } = save;
  useEffect(() => {
    if (existing.data) setForm(fromQuote(existing.data));
  }, [existing.data]);
  const set = (k: keyof Form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  const collator = useMemo(() => new Intl.Collator(locale), [locale]);
  const countryOptions = useMemo(
    () => [{ value: '', label: t('rc.quote.choose') }, ...(countries.data?.items ?? []).map((c) => ({ value: c.code, label: `${c.name} (${c.code})` })).sort((a, b) => collator.compare(a.label, b.label))],
    [countries.data, collator, t],
  );
  const choices = (prefix: string, list: readonly string[]) => list.map((v) => ({ value: v, label: t(`${prefix}.${v}` as MessageKey) }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    // in the order of the form, each message naming its field
    const problems: [string, string][] = [];
    const numbers: Partial<Record<(typeof NUMBERS)[number], number>> = {};
    const label = (k: keyof Form) => t(`rc.quote.${k}` as MessageKey);
    for (const k of ORDER) {
      if (!form[k].trim()) problems.push([`rc-${k}`, t('rc.quote.required', { field: label(k) })]);
      else if ((NUMBERS as readonly string[]).includes(k)) {
        const n = readDecimal(form[k]);
        if (n === null) problems.push([`rc-${k}`, t('rc.quote.notANumber', { field: label(k) })]);
        else numbers[k as (typeof NUMBERS)[number]] = n;
      }
    }
    if (errors.set(problems)) return;
    const body: QuoteInput = {
      sending_country: form.sending_country,
      receiving_country: form.receiving_country,
      period: form.period.trim().toUpperCase(),
      provider: form.provider.trim(),
      provider_type: form.provider_type as QuoteInput['provider_type'],
      product: form.product.trim(),
      amount_sent: numbers.amount_sent!,
      sending_currency: form.sending_currency.trim().toUpperCase(),
      receiving_currency: form.receiving_currency.trim().toUpperCase(),
      fee: numbers.fee!,
      exchange_rate: numbers.exchange_rate!,
      interbank_rate: numbers.interbank_rate!,
      rate_disclosed: form.rate_disclosed === 'yes',
      speed: form.speed as QuoteInput['speed'],
      payout_method: form.payout_method as QuoteInput['payout_method'],
    };
    await save.run(body);
  }

  if (id && existing.error) {
    return (
      <Notice tone="error" title={t('rc.loadFailed')} live>
        {existing.error.message}
      </Notice>
    );
  }
  if (id && !existing.data) return <Loading />;
  const text = (k: keyof Form, width: '20' | '10' | '5' | '4' | '3' | 'full' = 'full', extra: { hint?: string; inputMode?: 'decimal' } = {}) => (
    <TextInput id={`rc-${k}`} label={t(`rc.quote.${k}` as MessageKey)} width={width} value={form[k]} onValue={set(k)} error={errors.field(`rc-${k}`)} {...extra} />
  );

  return (
    <>
      <BackLink to="/remittances/quotes">{t('rc.quotes.title')}</BackLink>
      <PageHeading>{id ? t('rc.quote.editTitle') : t('rc.quote.newTitle')}</PageHeading>
      <ErrorSummary items={errors.items} seq={errors.seq} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="rc-form__row">
          <Select id="rc-sending_country" label={t('rc.quote.sending_country')} value={form.sending_country} onValue={set('sending_country')} options={countryOptions} error={errors.field('rc-sending_country')} />
          <Select id="rc-receiving_country" label={t('rc.quote.receiving_country')} value={form.receiving_country} onValue={set('receiving_country')} options={countryOptions} error={errors.field('rc-receiving_country')} />
        </div>
        {text('period', '5', { hint: t('rc.quote.periodHint') })}
        {text('provider', '20')}
        <Select id="rc-provider_type" label={t('rc.quote.provider_type')} value={form.provider_type} onValue={set('provider_type')} options={choices('rc.providerType', PROVIDER_TYPES)} />
        {text('product', '20', { hint: t('rc.quote.productHint') })}
        <div className="rc-form__row">
          {text('amount_sent', '10', { inputMode: 'decimal' })}
          {text('sending_currency', '4', { hint: t('rc.quote.currencyHint') })}
          {text('fee', '10', { inputMode: 'decimal', hint: t('rc.quote.feeHint') })}
        </div>
        <div className="rc-form__row">
          {text('exchange_rate', '10', { inputMode: 'decimal', hint: t('rc.quote.rateHint') })}
          {text('interbank_rate', '10', { inputMode: 'decimal', hint: t('rc.quote.interbankHint') })}
          {text('receiving_currency', '4', { hint: t('rc.quote.currencyHint') })}
        </div>
        <Radios id="rc-rate_disclosed" legend={t('rc.quote.rate_disclosed')} inline value={form.rate_disclosed} onValue={set('rate_disclosed')} options={[{ value: 'yes', label: t('rc.yes') }, { value: 'no', label: t('rc.no') }]} />
        <Select id="rc-speed" label={t('rc.quote.speed')} value={form.speed} onValue={set('speed')} options={choices('rc.speed', SPEEDS)} />
        <Select id="rc-payout_method" label={t('rc.quote.payout_method')} value={form.payout_method} onValue={set('payout_method')} options={choices('rc.payout', PAYOUT_METHODS)} />
        <ButtonGroup>
          <Button type="submit" busy={busy}>
            {id ? t('common.saveChanges') : t('rc.quote.save')}
          </Button>
        </ButtonGroup>
      </form>
    </>
  );
}
