import { useId } from 'react';
import { useI18n } from '../../../app/i18n';
import { useScoreFormat } from './format';

/**
 * Scores from 0 to 1 as horizontal bars, each with its label and its value written out (the bars are decoration:
 * the text says everything). A threshold, when given, is drawn as a line across every bar and named underneath.
 */
export function ScoreBars({ title, bars, threshold }: { title: string; bars: { key: string; label: string; value: number | null }[]; threshold: number | null }) {
  const { t } = useI18n();
  const f = useScoreFormat();
  const id = useId();
  const pct = (v: number) => `${Math.max(0, Math.min(1, v)) * 100}%`;
  return (
    <section className="rn-bars" aria-labelledby={id}>
      <h4 className="rn-bars__title" id={id}>
        {title}
      </h4>
      <ul className="rn-bars__list">
        {bars.map((b) => (
          <li key={b.key} className="rn-bars__row">
            <span className="rn-bars__label">
              {b.label}
              <span className="visually-hidden">: </span>
            </span>
            <span className="rn-bars__track" aria-hidden="true">
              {b.value !== null ? <span className={`rn-bars__fill${threshold !== null && b.value >= threshold ? ' rn-bars__fill--above' : ''}`} style={{ width: pct(b.value) }} /> : null}
              {threshold !== null ? <span className="rn-bars__threshold" style={{ left: pct(threshold) }} /> : null}
            </span>
            <span className="rn-bars__value">{f.score(b.value)}</span>
          </li>
        ))}
      </ul>
      {threshold !== null ? (
        <p className="rn-bars__note">
          <span className="rn-bars__threshold-key" aria-hidden="true" /> {t('rn.scores.threshold', { threshold: f.score(threshold) })}
        </p>
      ) : null}
    </section>
  );
}
