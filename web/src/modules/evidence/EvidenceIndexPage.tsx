import { useAuth } from '../../app/auth';
import { PageHeading } from '../../app/components/Layout';
import { useI18n } from '../../app/i18n';
import { Link } from '../../app/router';
import { LAC, REGIONS, type SubRegion } from '../../app/countries';
import { areaName } from './names';
import './evidence.css';

const SUBREGIONS: SubRegion[] = ['013', '029', '005'];

/** The evidence module's front page: profiles of every country and region, comparisons, corridors, national data. */
export default function EvidenceIndexPage() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const collator = new Intl.Collator(lang);
  const sorted = (list: typeof LAC) => list.slice().sort((a, b) => collator.compare(areaName(a.iso3, lang, t), areaName(b.iso3, lang, t)));
  const territories = sorted(LAC.filter((c) => !c.independent && c.iso3 !== 'BVT' && c.iso3 !== 'SGS'));

  return (
    <>
      <PageHeading>{t('ev.index.title')}</PageHeading>
      <p className="lead ev-intro">{t('ev.index.lead')}</p>

      <h2>{t('ev.index.regions')}</h2>
      <ul className="ev-areas">
        {REGIONS.map((r) => (
          <li key={r}>
            <Link to={`/evidence/profiles/${r}`}>{t(`ev.region.${r}`)}</Link>
          </li>
        ))}
      </ul>

      <h2>{t('ev.index.countries')}</h2>
      {SUBREGIONS.map((r) => (
        <section key={r} aria-labelledby={`ev-sub-${r}`}>
          <h3 id={`ev-sub-${r}`}>{t(`ev.region.${r}`)}</h3>
          <ul className="ev-areas">
            {sorted(LAC.filter((c) => c.region === r && c.independent)).map((c) => (
              <li key={c.iso3}>
                <Link to={`/evidence/profiles/${c.iso3}`}>{areaName(c.iso3, lang, t)}</Link>
              </li>
            ))}
          </ul>
        </section>
      ))}
      <details className="ev-details">
        <summary>{t('ev.index.territories')}</summary>
        <ul className="ev-areas">
          {territories.map((c) => (
            <li key={c.iso3}>
              <Link to={`/evidence/profiles/${c.iso3}`}>{areaName(c.iso3, lang, t)}</Link>
            </li>
          ))}
        </ul>
      </details>

      <h2>{t('ev.index.tools')}</h2>
      <ul className="card-list">
        <li>
          <h3>
            <Link to="/evidence/compare?ou=GTM,HND,SLV&dx=remittances_pct_gdp">{t('ev.compare.title')}</Link>
          </h3>
          <p>{t('ev.index.compareDescription')}</p>
        </li>
        <li>
          <h3>
            <Link to="/evidence/corridors">{t('ev.corridor.indexTitle')}</Link>
          </h3>
          <p>{t('ev.index.corridorDescription')}</p>
        </li>
        {can('data.import') ? (
          <li>
            <h3>
              <Link to="/evidence/imports">{t('ev.imports.title')}</Link>
            </h3>
            <p>{t('ev.index.importsDescription')}</p>
          </li>
        ) : null}
        <li>
          <h3>
            <Link to="/evidence/series">{t('ev.series.title')}</Link>
          </h3>
          <p>{t('ev.index.seriesDescription')}</p>
        </li>
        {can('indicators.manage') ? (
          <li>
            <h3>
              <Link to="/evidence/indicators">{t('ev.indicators.title')}</Link>
            </h3>
            <p>{t('ev.index.indicatorsDescription')}</p>
          </li>
        ) : null}
      </ul>
    </>
  );
}
