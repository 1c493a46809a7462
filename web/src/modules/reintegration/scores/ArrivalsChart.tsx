import { LightChart } from '../../../app/components/LightChart';
import { useI18n } from '../../../app/i18n';
import { useRnLabels } from '../labels';
import { RETURN_HOW, type ReturnHow } from '../types';
import { useScoreFormat } from './format';

export interface MonthArrivals {
  month: string;
  how: Record<ReturnHow, number>;
  total: number;
}

/**
 * Arrivals per month as stacked bars, one colour per way of return, with a legend and the same numbers in a table
 * (the chart is an image with a summary for assistive technology; the table is the full alternative). A light chart:
 * the dashboard downloads no chart library.
 */
export function ArrivalsChart({ rows, summary }: { rows: MonthArrivals[]; summary: string }) {
  const { t } = useI18n();
  const labels = useRnLabels();
  const f = useScoreFormat();
  const caption = t('rn.dash.arrivals.table');
  return (
    <>
      <LightChart
        kind="bar"
        categories={rows.map((r) => f.month(r.month))}
        series={RETURN_HOW.map((h) => ({ name: labels.how(h), data: rows.map((r) => r.how[h]) }))}
        label={summary}
        formatTick={(v) => f.count(v)}
        height={260}
      />
      <details className="rn-chart__data">
        <summary>{t('rn.dash.arrivals.showTable')}</summary>
        <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
          <table className="table table--compact">
            <caption className="visually-hidden">{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t('rn.dash.month')}</th>
                {RETURN_HOW.map((h) => (
                  <th scope="col" key={h} className="num">
                    {labels.how(h)}
                  </th>
                ))}
                <th scope="col" className="num">
                  {t('rn.dash.total')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.month}>
                  <th scope="row">{f.month(r.month)}</th>
                  {RETURN_HOW.map((h) => (
                    <td key={h} className="num">
                      {f.count(r.how[h])}
                    </td>
                  ))}
                  <td className="num">{f.count(r.total)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </>
  );
}
