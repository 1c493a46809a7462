/**
 * A small line chart drawn by hand in SVG (no chart library: the public pages must stay light on a phone): the cost
 * of sending US$200 and US$500 per quarter, with the SDG target (3 %) and the flag line (5 %). The same figures are
 * in a table beside it for screen readers and for copying.
 */

export interface TrendPoint {
  label: string;
  a: number | null;
  b: number | null;
}

const W = 400;
const H = 220;
const PAD = { left: 34, right: 10, top: 12, bottom: 26 };

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
  const values = points.flatMap((p) => [p.a, p.b]).filter((v): v is number => v !== null);
  const top = Math.max(Math.ceil(Math.max(flag, ...values) + 1), 6);
  const step = top > 12 ? 4 : 2;
  const x = (i: number) => PAD.left + (points.length <= 1 ? 0 : (i / (points.length - 1)) * (W - PAD.left - PAD.right));
  const y = (v: number) => PAD.top + (1 - v / top) * (H - PAD.top - PAD.bottom);
  const path = (pick: (p: TrendPoint) => number | null) => {
    let d = '';
    let pen = false;
    points.forEach((p, i) => {
      const v = pick(p);
      if (v === null) {
        pen = false;
        return;
      }
      d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
      pen = true;
    });
    return d;
  };
  const ticks: number[] = [];
  for (let v = 0; v <= top; v += step) ticks.push(v);
  // a year label at every first quarter, thinned to fit
  const years = points.map((p, i) => ({ i, year: p.label.slice(0, 4), first: i === 0 || p.label.slice(0, 4) !== points[i - 1]?.label.slice(0, 4) })).filter((p) => p.first);
  const every = Math.max(1, Math.ceil(years.length / 5));

  return (
    <figure className="rc-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary} className="rc-chart__svg">
        {ticks.map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} className="rc-chart__grid" />
            <text x={PAD.left - 4} y={y(v) + 4} textAnchor="end" className="rc-chart__tick">
              {formatTick(v)}
            </text>
          </g>
        ))}
        {years
          .filter((_, k) => k % every === 0)
          .map((p) => (
            <text key={p.i} x={x(p.i)} y={H - 8} textAnchor="middle" className="rc-chart__tick">
              {p.year}
            </text>
          ))}
        <line x1={PAD.left} x2={W - PAD.right} y1={y(flag)} y2={y(flag)} className="rc-chart__flag" />
        <line x1={PAD.left} x2={W - PAD.right} y1={y(target)} y2={y(target)} className="rc-chart__target" />
        <path d={path((p) => p.b)} className="rc-chart__line rc-chart__line--b" />
        <path d={path((p) => p.a)} className="rc-chart__line rc-chart__line--a" />
      </svg>
      <figcaption className="rc-chart__legend">
        <span className="rc-key rc-key--a">{seriesA}</span>
        <span className="rc-key rc-key--b">{seriesB}</span>
        <span className="rc-key rc-key--target">{targetLabel}</span>
        <span className="rc-key rc-key--flag">{flagLabel}</span>
      </figcaption>
    </figure>
  );
}
