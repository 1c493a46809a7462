import { LightChart } from '../../../app/components/LightChart';

/**
 * The cost of sending US$200 and US$500 per quarter, with the SDG target (3 %) and the flag line (5 %), as a light
 * chart (no chart library: the public pages must stay light on a phone). The same figures are in a table beside it
 * for screen readers and for copying.
 */

export interface TrendPoint {
  /** the quarter, `2016Q2` */
  label: string;
  a: number | null;
  b: number | null;
}

/** A year's label under its first quarter, thinned to about five. */
export function yearLabels(quarters: string[]): (quarter: string, index: number) => string | null {
  const starts = quarters.flatMap((q, i) => (i === 0 || q.slice(0, 4) !== quarters[i - 1]?.slice(0, 4) ? [i] : []));
  const every = Math.max(1, Math.ceil(starts.length / 5));
  const shown = new Set(starts.filter((_, k) => k % every === 0));
  return (quarter, index) => (shown.has(index) ? quarter.slice(0, 4) : null);
}

export function TrendChart({
  points,
  target,
  flag,
  summary,
  seriesA,
  seriesB,
  targetLabel,
  flagLabel,
  formatTick,
}: {
  points: TrendPoint[];
  target: number;
  flag: number;
  /** One sentence saying what the chart shows (its accessible name). */
  summary: string;
  seriesA: string;
  seriesB: string;
  targetLabel: string;
  flagLabel: string;
  formatTick: (v: number) => string;
}) {
  const quarters = points.map((p) => p.label);
  return (
    <LightChart
      kind="line"
      categories={quarters}
      series={[
        { name: seriesA, data: points.map((p) => p.a) },
        { name: seriesB, data: points.map((p) => p.b) },
      ]}
      references={[
        { value: target, label: targetLabel, tone: 'target' },
        { value: flag, label: flagLabel, tone: 'flag' },
      ]}
      label={summary}
      formatTick={formatTick}
      categoryLabel={yearLabels(quarters)}
    />
  );
}
