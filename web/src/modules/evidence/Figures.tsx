import { Tag } from '../../app/components/Layout';
import { useI18n } from '../../app/i18n';
import { formatFull, formatHeadline, formatPeriod } from './format';
import type { Figure } from './types';

export interface FigureCard {
  key: string;
  label: string;
  figure: Figure | undefined;
  /** extra line under the value (e.g. "against the 3 % target") */
  extra?: string | undefined;
  /** value above a target: flagged with a word, not only a colour */
  flag?: { text: string; above: boolean } | undefined;
}

/** The headline figures of a profile: what, how much, when, from where. Plain HTML, painted before any chart. */
export function Figures({ cards, heading }: { cards: FigureCard[]; heading: string }) {
  const { t, locale } = useI18n();
  return (
    <section aria-labelledby="ev-figures-heading">
      <h2 id="ev-figures-heading" className="visually-hidden">
        {heading}
      </h2>
      <ul className="ev-figures">
        {cards.map((c) => {
          const f = c.figure;
          const has = f && f.value !== null && f.value !== undefined;
          return (
            <li key={c.key} className={`ev-figure${c.flag !== undefined ? ' ev-figure--target' : ''}`}>
              <p className="ev-figure__label">{c.label}</p>
              {has ? (
                <p className="ev-figure__value" title={formatFull(f.value, f.unit, locale)}>
                  <span>{formatHeadline(f.value, f.unit, locale)}</span>
                  {c.flag ? <Tag colour={c.flag.above ? 'red' : 'green'}>{c.flag.text}</Tag> : null}
                </p>
              ) : (
                <p className="ev-figure__value ev-figure__value--missing">{t('ev.figure.missing')}</p>
              )}
              {has && f.period ? (
                <p className="ev-figure__meta">
                  {t('ev.figure.period', { period: formatPeriod(f.period, t('ev.quarterLetter')) })}
                  {f.computed ? ` · ${t('ev.figure.computed')}` : ''}
                </p>
              ) : null}
              {f?.note || c.extra ? <p className="ev-figure__meta">{f?.note || c.extra}</p> : null}
              {f?.source ? (
                <p className="ev-figure__meta" title={f.source}>
                  {t('ev.chart.source')}: {f.publisher || f.source}
                  {f.vintage ? `, ${f.vintage}` : ''}
                </p>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
