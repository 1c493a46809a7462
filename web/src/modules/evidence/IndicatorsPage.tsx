import { ButtonLink } from '../../app/components/Button';
import { Breadcrumbs, Loading, Notice, PageHeading, Table, Tag } from '../../app/components/Layout';
import { useApi } from '../../app/components/useApi';
import { useI18n } from '../../app/i18n';
import { Link } from '../../app/router';
import { formulaText, type IndicatorRecord } from './indicator';
import './evidence.css';

/** The indicators: formulas over data elements, stored as data. Analysts add their own here. */
export default function IndicatorsPage() {
  const { t, lang } = useI18n();
  const { data, error, loading } = useApi<{ items: IndicatorRecord[] }>('/evidence/indicators');
  const name = (i: IndicatorRecord) => i.name || (lang === 'es' ? i.name_es : i.name_en) || i.id;
  return (
    <>
      <Breadcrumbs
        items={[
          { label: t('nav.home'), to: '/' },
          { label: t('nav.evidence'), to: '/evidence' },
          { label: t('ev.indicators.title') },
        ]}
      />
      <PageHeading>{t('ev.indicators.title')}</PageHeading>
      <p className="lead ev-intro">{t('ev.indicators.lead')}</p>
      <p>
        <ButtonLink to="/evidence/indicators/new">{t('ev.indicators.new')}</ButtonLink>
      </p>
      {loading ? <Loading /> : null}
      {error ? (
        <Notice tone="error" title={t('ev.loadFailed')}>
          {error.message}
        </Notice>
      ) : null}
      {data ? (
        <Table caption={t('ev.indicators.caption')} head={[t('ev.indicators.name'), t('ev.indicators.formula'), t('ev.indicators.unit'), '']}>
          {data.items.map((i) => (
            <tr key={i.id}>
              <td>
                {i.bundled ? name(i) : <Link to={`/evidence/indicators/${encodeURIComponent(i.id)}`}>{name(i)}</Link>}
                <div className="cell-muted">{i.id}</div>
              </td>
              <td>
                <code className="code">{formulaText(i)}</code>
              </td>
              <td>{i.unit}</td>
              <td>{i.bundled ? <Tag colour="grey">{t('ev.indicators.bundled')}</Tag> : null}</td>
            </tr>
          ))}
        </Table>
      ) : null}
    </>
  );
}
