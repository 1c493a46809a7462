import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { api, ApiError, isAbort, query } from '../../../app/api';
import { Button } from '../../../app/components/Button';
import { ErrorSummary } from '../../../app/components/ErrorSummary';
import { Select, TextInput } from '../../../app/components/Field';
import { Breadcrumbs, Loading, Notice, PageHeading, Table } from '../../../app/components/Layout';
import { useApi } from '../../../app/components/useApi';
import { useFormErrors } from '../../../app/components/useFormErrors';
import { useI18n, type MessageKey } from '../../../app/i18n';
import { Link, navigate, useLocation } from '../../../app/router';
import { formatMoney, formatPct, formatPoints, formatQuarter, formatUsdMillion } from './format';
import { readAmount, StatusTag } from './shared';
import { TrendChart } from './TrendChart';
import type { CorridorDetail, CorridorList, Savings, SdgStatus, Services } from './types';
import './costs.css';

/**
 * "¿Cuánto cuesta enviar dinero a …?": a public page for senders and families. Sending country, receiving country
 * and amount live in the URL, so a link can be shared. Shows the corridor's average cost and its trend since 2016,
 * the distance to 3 % and 5 %, the services quoted (sorted by what the family receives), what the exchange-rate
 * margin costs, and what a family would save at 3 %.
 */

const MAX_AMOUNT = 1_000_000;

export default function SendMoneyPage() {
  const { t, locale } = useI18n();
  const { search } = useLocation();
  const errors = useFormErrors();
  const from = (search.get('from') ?? '').toUpperCase();
  const to = (search.get('to') ?? '').toUpperCase();
  const amount = readAmount(search.get('amount') ?? '') ?? 200;
  const monthly = readAmount(search.get('monthly') ?? '') ?? amount;
  const chosen = /^[A-Z]{3}$/.test(from) && /^[A-Z]{3}$/.test(to);

  const list = useApi<CorridorList>('/remittances/corridors');
  const [fromInput, setFrom] = useState(from || 'USA');
  const [toInput, setTo] = useState(to || 'MEX');
  const [amountInput, setAmount] = useState(search.get('amount') ?? '200');
  const [monthlyInput, setMonthly] = useState(search.get('monthly') ?? '');
  useEffect(() => {
    if (from) setFrom(from);
    if (to) setTo(to);
  }, [from, to]);

  const collator = useMemo(() => new Intl.Collator(locale), [locale]);
  const items = list.data?.items ?? [];
  const sendingOptions = useMemo(() => {
    const seen = new Map(items.map((c) => [c.sending.code, c.sending.name]));
    return [...seen].map(([value, label]) => ({ value, label })).sort((a, b) => collator.compare(a.label, b.label));
  }, [items, collator]);
  const receivingOptions = useMemo(
    () => items.filter((c) => c.sending.code === fromInput).map((c) => ({ value: c.receiving.code, label: c.receiving.name })).sort((a, b) => collator.compare(a.label, b.label)),
    [items, fromInput, collator],
  );
  useEffect(() => {
    if (receivingOptions.length && !receivingOptions.some((o) => o.value === toInput)) setTo(receivingOptions[0]!.value);
  }, [receivingOptions, toInput]);

  function submit(e: FormEvent) {
    e.preventDefault();
    const problems: [string, string][] = [];
    const a = readAmount(amountInput);
    if (a === null) problems.push(['rc-amount', t('rc.send.amountInvalid')]);
    else if (a > MAX_AMOUNT) problems.push(['rc-amount', t('rc.send.amountTooLarge')]);
    // the monthly amount is optional: without it, the savings are worked out for the amount above
    const m = monthlyInput.trim() ? readAmount(monthlyInput) : undefined;
    if (m === null || (m !== undefined && m > MAX_AMOUNT)) problems.push(['rc-monthly', t('rc.send.monthlyInvalid')]);
    if (errors.set(problems)) return;
    errors.clear();
    navigate(`/remittances/send${query({ from: fromInput, to: toInput, amount: String(a), monthly: m === undefined ? undefined : String(m) })}`, { keepScroll: true });
  }

  const corridor = `${from}-${to}`;
  return (
    <>
      <Breadcrumbs items={[{ label: t('nav.home'), to: '/' }, { label: t('nav.remittances'), to: '/remittances' }, { label: t('rc.send.crumb') }]} />
      <PageHeading>{chosen && list.data ? t('rc.send.titleTo', { country: items.find((c) => c.corridor === corridor)?.receiving.name ?? to }) : t('rc.send.title')}</PageHeading>
      <p className="lead">{t('rc.send.lead')}</p>
      <ErrorSummary items={errors.items} seq={errors.seq} />
      <form onSubmit={submit} noValidate className="rc-form" aria-label={t('rc.send.formLabel')}>
        {list.error ? (
          <Notice tone="error" title={t('rc.loadFailed')} live>
            {list.error.message}
          </Notice>
        ) : null}
        <div className="rc-form__row">
          <Select id="rc-from" label={t('rc.send.from')} value={fromInput} onValue={setFrom} options={sendingOptions.length ? sendingOptions : [{ value: fromInput, label: fromInput }]} />
          <Select id="rc-to" label={t('rc.send.to')} value={toInput} onValue={setTo} options={receivingOptions.length ? receivingOptions : [{ value: toInput, label: toInput }]} />
        </div>
        <div className="rc-form__row">
          <TextInput id="rc-amount" label={t('rc.send.amount')} hint={t('rc.send.amountHint')} inputMode="decimal" width="10" value={amountInput} onValue={setAmount} error={errors.field('rc-amount')} />
          <TextInput id="rc-monthly" label={t('rc.send.monthly')} hint={t('rc.send.monthlyHint')} inputMode="decimal" width="10" value={monthlyInput} onValue={setMonthly} error={errors.field('rc-monthly')} />
        </div>
        <Button type="submit">{t('rc.send.submit')}</Button>
      </form>
      {chosen ? <CorridorResult corridor={corridor} amount={amount} monthly={monthly} /> : null}
      <p className="rc-more">
        <Link to="/remittances/sdg">{t('rc.send.sdgLink')}</Link>
      </p>
    </>
  );
}

function CorridorResult({ corridor, amount, monthly }: { corridor: string; amount: number; monthly: number }) {
  const { t, locale } = useI18n();
  const detail = useApi<CorridorDetail>(`/remittances/corridors/${corridor}`);
  const d = detail.data;
  const services = useApi<Services>(d?.quotes ? `/remittances/corridors/${corridor}/services${query({ amount })}` : null);
  const latest = d?.latest ?? null;
  // The RPW averages are for US$200 and US$500: the nearer one stands for the amount asked.
  const tierCost = latest ? (amount >= 350 && latest.cost_pct_500 !== null ? { tier: 500, pct: latest.cost_pct_500 } : { tier: 200, pct: latest.cost_pct_200 }) : null;
  const monthlyCost = latest ? (monthly >= 350 && latest.cost_pct_500 !== null ? latest.cost_pct_500 : latest.cost_pct_200) : null;
  const [savings, setSavings] = useState<Savings | null>(null);
  useEffect(() => {
    if (monthlyCost === null) return;
    const ctl = new AbortController();
    setSavings(null);
    api
      .post<Savings>('/remittances/savings', { monthly_amount: monthly, cost_pct: monthlyCost }, { signal: ctl.signal })
      .then(setSavings)
      .catch((err: unknown) => {
        if (!isAbort(err)) setSavings(null);
      });
    return () => ctl.abort();
  }, [monthly, monthlyCost]);

  if (detail.error) {
    return (
      <Notice tone="error" title={detail.error.status === 404 ? t('rc.send.unknownCorridor') : t('rc.loadFailed')} live>
        {detail.error instanceof ApiError && detail.error.status !== 404 ? detail.error.message : null}
      </Notice>
    );
  }
  if (!d) return <Loading />;
  const q = t('rc.quarterLetter');
  const usd = (v: number) => formatMoney(v, 'USD', locale);
  const trend = d.quarters.filter((x) => x.period >= '2016Q2' && (x.cost_pct_200 !== null || x.cost_pct_500 !== null));
  const names = { from: d.sending.name, to: d.receiving.name };

  return (
    <section aria-labelledby="rc-result" className="rc-result">
      <h2 id="rc-result" className="rc-result__title">
        {t('rc.send.resultTitle', { amount: usd(amount), ...names })}
      </h2>
      {!latest || !tierCost ? (
        <Notice>{t('rc.send.noData')}</Notice>
      ) : (
        <>
          <ul className="rc-figures">
            <li className="rc-figure">
              <p className="rc-figure__label">{t('rc.send.average', { amount: usd(tierCost.tier) })}</p>
              <p className="rc-figure__value">{formatPct(tierCost.pct, locale)}</p>
              <p className="rc-figure__meta">
                {t('rc.send.averageMeta', { period: formatQuarter(latest.period, q), providers: latest.providers ?? '–' })}
              </p>
            </li>
            <li className="rc-figure">
              <p className="rc-figure__label">{t('rc.send.costOfAmount', { amount: usd(amount) })}</p>
              <p className="rc-figure__value">{usd((amount * tierCost.pct) / 100)}</p>
              <p className="rc-figure__meta">{t('rc.send.costOfAmountMeta', { received: usd(amount - (amount * tierCost.pct) / 100) })}</p>
            </li>
          </ul>
          <div className="rc-distance">
            <p>
              <StatusTag status={sdgStatusOf(tierCost.pct, d.target_pct, d.flag_pct)} />
            </p>
            <p>{distanceText(t, tierCost.pct, d.target_pct, d.flag_pct, locale)}</p>
            <Scale value={tierCost.pct} target={d.target_pct} flag={d.flag_pct} format={(v) => formatPct(v, locale, 0)} />
          </div>
        </>
      )}

      <h2>{t('rc.send.servicesTitle')}</h2>
      {!d.quotes ? (
        <p>{t('rc.send.noServices')}</p>
      ) : services.error ? (
        <Notice tone="error" title={t('rc.loadFailed')}>
          {services.error.message}
        </Notice>
      ) : !services.data ? (
        <Loading />
      ) : (
        <>
          <p>
            {t('rc.send.servicesLead', { period: formatQuarter(services.data.period ?? '', q), count: services.data.services.length })}{' '}
            {services.data.average_cost_pct !== null ? t('rc.send.servicesAverage', { value: formatPct(services.data.average_cost_pct, locale) }) : null}{' '}
            {services.data.smart_average_cost_pct !== null ? t('rc.send.servicesSmart', { value: formatPct(services.data.smart_average_cost_pct, locale) }) : null}
          </p>
          <Table
            caption={t('rc.send.servicesCaption', { amount: usd(amount) })}
            head={[t('rc.col.service'), t('rc.col.received'), t('rc.col.paid'), t('rc.col.totalCost'), t('rc.col.fxMargin'), t('rc.col.speed')]}
            numeric={[1, 2, 3, 4]}
            className="rc-services"
          >
            {services.data.services.map((s) => (
              <tr key={`${s.provider}|${s.product}`}>
                <th scope="row">
                  {s.provider}
                  <span className="rc-sub">
                    {s.product} · {t(`rc.providerType.${s.provider_type}` as MessageKey)}
                    {s.rate_disclosed ? null : ` · ${t('rc.send.rateHidden')}`}
                    {s.quoted_amount === amount ? null : ` · ${t('rc.send.feeQuotedFor', { amount: formatMoney(s.quoted_amount, s.sending_currency, locale) })}`}
                  </span>
                </th>
                <td className="num">{formatMoney(s.amount_received, s.receiving_currency, locale)}</td>
                <td className="num">{formatMoney(s.total_paid, s.sending_currency, locale)}</td>
                <td className="num">{formatPct(s.total_cost_pct, locale)}</td>
                <td className="num">{formatPct(s.fx_margin_pct, locale)}</td>
                <td>{t(`rc.speed.${s.speed}` as MessageKey)}</td>
              </tr>
            ))}
          </Table>
        </>
      )}

      {trend.length > 1 ? (
        <>
          <h2>{t('rc.send.trendTitle')}</h2>
          <TrendChart
            points={trend.map((x) => ({ label: x.period, a: x.cost_pct_200, b: x.cost_pct_500 }))}
            target={d.target_pct}
            flag={d.flag_pct}
            summary={t('rc.send.trendSummary', {
              ...names,
              first: formatQuarter(trend[0]!.period, q),
              firstValue: trend[0]!.cost_pct_200 !== null ? formatPct(trend[0]!.cost_pct_200, locale) : '–',
              last: formatQuarter(trend.at(-1)!.period, q),
              lastValue: trend.at(-1)!.cost_pct_200 !== null ? formatPct(trend.at(-1)!.cost_pct_200!, locale) : '–',
            })}
            seriesA={t('rc.send.series200')}
            seriesB={t('rc.send.series500')}
            targetLabel={t('rc.send.targetLine')}
            flagLabel={t('rc.send.flagLine')}
            formatTick={(v) => formatPct(v, locale, 0)}
          />
          <details className="rc-details">
            <summary>{t('rc.send.trendTable')}</summary>
            <Table caption={t('rc.send.trendTitle')} captionHidden head={[t('rc.col.period'), t('rc.send.series200'), t('rc.send.series500'), t('rc.col.fxMargin200'), t('rc.col.providers')]} numeric={[1, 2, 3, 4]} className="table--compact">
              {trend.map((x) => (
                <tr key={x.period}>
                  <th scope="row">{formatQuarter(x.period, q)}</th>
                  <td className="num">{x.cost_pct_200 !== null ? formatPct(x.cost_pct_200, locale) : '–'}</td>
                  <td className="num">{x.cost_pct_500 !== null ? formatPct(x.cost_pct_500, locale) : '–'}</td>
                  <td className="num">{x.fx_margin_pct_200 !== null ? formatPct(x.fx_margin_pct_200, locale) : '–'}</td>
                  <td className="num">{x.providers ?? '–'}</td>
                </tr>
              ))}
            </Table>
          </details>
        </>
      ) : null}

      <h2>{t('rc.send.fxTitle')}</h2>
      <p>{t('rc.send.fxExplain')}</p>
      <p>{t('rc.send.fxExample', { amount: usd(200), margin: formatPct(2.5, locale), lost: usd(5) })}</p>
      {latest?.fx_margin_pct_200 != null ? (
        <p>
          {t('rc.send.fxHere', { ...names, period: formatQuarter(latest.period, q), margin: formatPct(latest.fx_margin_pct_200, locale), lost: usd((200 * latest.fx_margin_pct_200) / 100), total: formatPct(latest.cost_pct_200, locale) })}
        </p>
      ) : null}

      <h2>{t('rc.send.savingsTitle')}</h2>
      {savings ? (
        <>
          <p>{t('rc.send.savingsNow', { monthly: usd(savings.monthly_amount), sent: usd(savings.annual_sent), cost: usd(savings.annual_cost_now), pct: formatPct(savings.cost_pct, locale) })}</p>
          <p className="rc-saving">
            {savings.annual_saving > 0
              ? t('rc.send.savingsAtTarget', { cost: usd(savings.annual_cost_at_target), saving: usd(savings.annual_saving) })
              : t('rc.send.savingsNone')}
          </p>
        </>
      ) : latest ? (
        <Loading />
      ) : (
        <p>{t('rc.send.noData')}</p>
      )}
      {d.flow && d.flow.money_kept_usd_million !== null ? (
        <p>
          {t('rc.send.flowKept', { ...names, flow: formatUsdMillion(d.flow.usd_million, locale), kept: formatUsdMillion(d.flow.money_kept_usd_million, locale) })} <em>{d.flow.label}.</em>
        </p>
      ) : null}
      <p className="rc-sources">
        {t('rc.sources')}: {d.sources.map((s) => `${s.title} (${s.licence})`).join('; ')}
      </p>
    </section>
  );
}

function sdgStatusOf(pct: number, target: number, flag: number): SdgStatus {
  if (pct <= target) return 'target_met';
  return pct > flag ? 'flagged' : 'above_target';
}

function distanceText(t: (k: MessageKey, v?: Record<string, string | number>) => string, pct: number, target: number, flag: number, locale: string): string {
  const vars = { value: formatPct(pct, locale), target: formatPct(target, locale, 0), flag: formatPct(flag, locale, 0), toTarget: formatPoints(pct - target, locale), toFlag: formatPoints(pct - flag, locale) };
  if (pct <= target) return t('rc.send.distanceMet', vars);
  if (pct <= flag) return t('rc.send.distanceAbove', vars);
  return t('rc.send.distanceFlagged', vars);
}

/** A bar from 0 to the larger of the cost and 10 %, with marks at 3 % and 5 %: where the corridor stands. */
function Scale({ value, target, flag, format }: { value: number; target: number; flag: number; format: (v: number) => string }) {
  const max = Math.max(10, Math.ceil(value));
  const at = (v: number) => `${Math.min(100, (v / max) * 100)}%`;
  return (
    <div className="rc-scale" aria-hidden="true">
      <div className="rc-scale__bar" style={{ width: at(value) }} />
      <span className="rc-scale__mark rc-scale__mark--target" style={{ left: at(target) }}>
        {format(target)}
      </span>
      <span className="rc-scale__mark rc-scale__mark--flag" style={{ left: at(flag) }}>
        {format(flag)}
      </span>
    </div>
  );
}
