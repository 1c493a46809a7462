import './light-chart.css';

/**
 * A light chart drawn by hand in SVG, with no chart library: stacked bars or lines over
 * categories, with optional reference lines (a target, a flag). For the pages that must stay light (the public
 * calculator, the reintegration dashboard); only pages that draw a map or a dense evidence chart load ECharts.
 * The chart is an image with a one-sentence name; the page puts the same figures in a table.
 */

/** Colours with at least 3:1 contrast against white (the first of the evidence charts' palette). */
export const CHART_COLOURS = ['#1d70b8', '#b0430c', '#00703c', '#4c2c92'];

export interface ChartSeries {
  name: string;
  data: (number | null)[];
}

export interface ReferenceLine {
  value: number;
  label: string;
  tone: 'target' | 'flag';
}

export interface LightChartProps {
  kind: 'bar' | 'line';
  /** along the x axis, one per value of each series */
  categories: string[];
  series: ChartSeries[];
  references?: ReferenceLine[];
  /** one sentence saying what the chart shows (its accessible name) */
  label: string;
  formatTick: (value: number) => string;
  /** the label under a category, or null for none (thinned to about six by default) */
  categoryLabel?: (category: string, index: number) => string | null;
  /** drawn under the chart: the series' names and the reference lines */
  legend?: boolean;
  height?: number;
}

const W = 400;
const PAD = { left: 40, right: 10, top: 12, bottom: 26 };

/** Round steps (1, 2 or 5 times a power of ten) that give about five grid lines up to `max`. */
export function niceTicks(max: number): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  const ticks: number[] = [];
  for (let v = 0; v < max + step; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

export function LightChart({ kind, categories, series, references = [], label, formatTick, categoryLabel, legend = true, height = 220 }: LightChartProps) {
  const H = height;
  const n = categories.length;
  const totals = categories.map((_, i) => (kind === 'bar' ? series.reduce((s, x) => s + (x.data[i] ?? 0), 0) : Math.max(0, ...series.map((x) => x.data[i] ?? 0))));
  const ticks = niceTicks(Math.max(0, ...totals, ...references.map((r) => r.value)));
  const top = ticks[ticks.length - 1] ?? 1;
  const plotW = W - PAD.left - PAD.right;
  const y = (v: number) => PAD.top + (1 - v / top) * (H - PAD.top - PAD.bottom);
  const band = n > 0 ? plotW / n : plotW;
  const x = kind === 'bar' ? (i: number) => PAD.left + band * (i + 0.5) : (i: number) => PAD.left + (n <= 1 ? 0 : (i / (n - 1)) * plotW);
  const every = Math.max(1, Math.ceil(n / 6));
  const labelOf = categoryLabel ?? ((c: string, i: number) => (i % every === 0 ? c : null));

  return (
    <figure className="light-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} className="light-chart__svg">
        {ticks.map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} className="light-chart__grid" />
            <text x={PAD.left - 4} y={y(v) + 4} textAnchor="end" className="light-chart__tick">
              {formatTick(v)}
            </text>
          </g>
        ))}
        {categories.map((c, i) => {
          const text = labelOf(c, i);
          return text === null ? null : (
            <text key={i} x={x(i)} y={H - 8} textAnchor="middle" className="light-chart__tick">
              {text}
            </text>
          );
        })}
        {kind === 'bar' ? <Bars series={series} n={n} band={band} x={x} y={y} /> : <Lines series={series} x={x} y={y} />}
        {references.map((r) => (
          <line key={r.label} x1={PAD.left} x2={W - PAD.right} y1={y(r.value)} y2={y(r.value)} className={`light-chart__ref light-chart__ref--${r.tone}`} />
        ))}
      </svg>
      {legend ? (
        <figcaption className="light-chart__legend">
          {series.map((s, i) => (
            <span key={s.name} className={`light-chart__key${kind === 'bar' ? ' light-chart__key--swatch' : i % 2 === 1 ? ' light-chart__key--dashed' : ''}`} style={{ color: CHART_COLOURS[i % CHART_COLOURS.length] }}>
              <span className="light-chart__key-text">{s.name}</span>
            </span>
          ))}
          {references.map((r) => (
            <span key={r.label} className={`light-chart__key light-chart__key--${r.tone}`}>
              <span className="light-chart__key-text">{r.label}</span>
            </span>
          ))}
        </figcaption>
      ) : null}
    </figure>
  );
}

type Scale = (v: number) => number;

/** One bar per category, the series piled up. */
function Bars({ series, n, band, x, y }: { series: ChartSeries[]; n: number; band: number; x: Scale; y: Scale }) {
  const width = band * 0.7;
  const rects = [];
  for (let i = 0; i < n; i++) {
    let base = 0;
    for (const [k, s] of series.entries()) {
      const v = s.data[i] ?? 0;
      if (v <= 0) continue;
      rects.push(<rect key={`${i}-${k}`} x={x(i) - width / 2} y={y(base + v)} width={width} height={y(base) - y(base + v)} fill={CHART_COLOURS[k % CHART_COLOURS.length]} />);
      base += v;
    }
  }
  return <g>{rects}</g>;
}

/** A line per series; a missing value lifts the pen. */
export function linePath(data: (number | null)[], x: Scale, y: Scale): string {
  let d = '';
  let pen = false;
  data.forEach((v, i) => {
    if (v === null) {
      pen = false;
      return;
    }
    d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
    pen = true;
  });
  return d;
}

function Lines({ series, x, y }: { series: ChartSeries[]; x: Scale; y: Scale }) {
  // drawn last to first, so the first series is on top
  return (
    <g>
      {[...series].reverse().map((s, r) => {
        const k = series.length - 1 - r;
        return <path key={s.name} d={linePath(s.data, x, y)} className={`light-chart__line${k % 2 === 1 ? ' light-chart__line--dashed' : ''}`} stroke={CHART_COLOURS[k % CHART_COLOURS.length]} />;
      })}
    </g>
  );
}
