import { useState } from 'react';
import { api, query } from '../../../app/api';
import { Button, ButtonLink } from '../../../app/components/Button';
import { Breadcrumbs, Loading, Notice, PageHeading, Table } from '../../../app/components/Layout';
import { useApi } from '../../../app/components/useApi';
import { useI18n, type MessageKey } from '../../../app/i18n';
import { Link, useLocation } from '../../../app/router';
import { formatMoney, formatPct, formatQuarter } from './format';
import type { Quote } from './types';
import './costs.css';

/** Service quotes in the analyst's scope (`remittances.quotes`): newest quarter first, with edit and delete. */
export default function QuotesPage() {
  const { t, locale } = useI18n();
  const { search } = useLocation();
  const corridor = search.get('corridor') ?? undefined;
  const list = useApi<{ items: Quote[] }>(`/remittances/quotes${query({ corridor })}`);
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const q = t('rc.quarterLetter');

  async function remove(quote: Quote) {
    if (!window.confirm(t('rc.quotes.confirmDelete', { provider: quote.provider, product: quote.product, period: formatQuarter(quote.period, q) }))) return;
    try {
      await api.del(`/remittances/quotes/${quote.id}`);
      setMessage({ tone: 'success', text: t('rc.quotes.deleted', { provider: quote.provider }) });
      list.reload();
    } catch (err) {
      setMessage({ tone: 'error', text: err instanceof Error ? err.message : String(err) });
    }
  }

  return (
    <>
      <Breadcrumbs items={[{ label: t('nav.home'), to: '/' }, { label: t('nav.remittances'), to: '/remittances' }, { label: t('rc.quotes.title') }]} />
      <PageHeading>{t('rc.quotes.title')}</PageHeading>
      <p className="lead">{t('rc.quotes.lead')}</p>
      <div className="rc-actions rc-toolbar">
        <ButtonLink to="/remittances/quotes/new">{t('rc.quotes.new')}</ButtonLink>
        <ButtonLink to="/remittances/quotes/import" variant="secondary">
          {t('rc.quotes.import')}
        </ButtonLink>
      </div>
      {message ? (
        <Notice tone={message.tone} live>
          {message.text}
        </Notice>
      ) : null}
      {list.error ? (
        <Notice tone="error" title={t('rc.loadFailed')} live>
          {list.error.message}
        </Notice>
      ) : !list.data ? (
        <Loading />
      ) : list.data.items.length === 0 ? (
        <p>{t('rc.quotes.empty')}</p>
      ) : (
        <Table
          caption={t('rc.quotes.caption', { count: list.data.items.length })}
          head={[t('rc.col.period'), t('rc.col.corridor'), t('rc.col.service'), t('rc.col.amount'), t('rc.col.fee'), t('rc.col.totalCost'), t('common.actions')]}
          numeric={[3, 4, 5]}
          className="table--wide"
        >
          {list.data.items.map((x) => (
            <tr key={x.id}>
              <td>{formatQuarter(x.period, q)}</td>
              <td>{t('rc.sdg.corridorName', { from: x.sending_country_name, to: x.receiving_country_name })}</td>
              <th scope="row">
                {x.provider}
                <span className="rc-sub">
                  {x.product} · {t(`rc.providerType.${x.provider_type}` as MessageKey)}
                </span>
              </th>
              <td className="num">{formatMoney(x.amount_sent, x.sending_currency, locale)}</td>
              <td className="num">{formatMoney(x.fee, x.sending_currency, locale)}</td>
              <td className="num">{formatPct(x.total_cost_pct, locale)}</td>
              <td>
                <div className="rc-actions">
                  <Link to={`/remittances/quotes/${x.id}`}>
                    {t('rc.quotes.edit')}
                    <span className="visually-hidden"> {`${x.provider}, ${x.product}, ${formatMoney(x.amount_sent, x.sending_currency, locale)}`}</span>
                  </Link>
                  <Button variant="link" onClick={() => void remove(x)}>
                    {t('rc.quotes.delete')}
                    <span className="visually-hidden"> {`${x.provider}, ${x.product}, ${formatMoney(x.amount_sent, x.sending_currency, locale)}`}</span>
                  </Button>
                </div>
              </td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}
