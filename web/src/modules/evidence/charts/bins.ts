import { MAP_BINS } from './spec';

/** "Nice" thresholds (1, 2.5, 5 x 10^n) for a choropleth legend: up to six classes, lowest first. */
export function mapBins(values: number[]): { thresholds: number[]; colours: string[] } {
  const positive = values.filter((v) => Number.isFinite(v) && v > 0);
  if (positive.length === 0) return { thresholds: [], colours: [MAP_BINS[2] as string] };
  const max = Math.max(...positive);
  const min = Math.min(...positive);
  const nice: number[] = [];
  for (let e = Math.floor(Math.log10(Math.max(min, 1))); e <= Math.ceil(Math.log10(max)); e++) {
    for (const m of [1, 2.5, 5]) {
      const v = m * 10 ** e;
      if (v > min && v < max) nice.push(v);
    }
  }
  // keep at most five thresholds, spread over the range
  let thresholds = nice;
  if (nice.length > 5) {
    const step = nice.length / 5;
    thresholds = Array.from({ length: 5 }, (_, i) => nice[Math.min(nice.length - 1, Math.round((i + 1) * step) - 1)] as number);
    thresholds = [...new Set(thresholds)];
  }
  const colours = MAP_BINS.slice(MAP_BINS.length - thresholds.length - 1);
  return { thresholds, colours };
}

export function binOf(value: number, thresholds: number[]): number {
  let i = 0;
  while (i < thresholds.length && value >= (thresholds[i] as number)) i++;
  return i;
}
