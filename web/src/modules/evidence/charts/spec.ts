import type { Unit } from '../format';

/**
 * What a chart shows, independent of the charting library: the pages describe charts with these plain objects
 * and the lazily loaded chart chunk turns them into ECharts options. Pages never import ECharts.
 */
export interface SeriesSpec {
  name: string;
  data: (number | null)[];
  /** draw as an estimate (dashed line, hatched bar) */
  estimate?: boolean;
}

export interface XYChartSpec {
  kind: 'line' | 'bar' | 'hbar';
  /** category labels along the x axis (years), or along the y axis for horizontal bars */
  categories: string[];
  series: SeriesSpec[];
  unit: Unit;
  /** stack the bars (male + female) */
  stacked?: boolean;
  /** a horizontal reference line: the 3 % target of SDG 10.c */
  target?: { value: number; label: string };
  /** label each line at its end (several countries), as Our World in Data does */
  endLabels?: boolean;
}

export interface MapValue {
  iso3: string;
  name: string;
  value: number;
}

export interface MapSpec {
  values: MapValue[];
  unit: Unit;
  /** the country the map is about, outlined and named */
  focus?: { iso3: string; label: string };
  /** labels of the legend */
  noData: string;
}

/** Colours with at least 3:1 contrast against white; lines also differ by symbol and dash, and carry labels. */
export const PALETTE = ['#1d70b8', '#b0430c', '#00703c', '#4c2c92', '#912b88', '#505a5f', '#6f4e0b', '#0b6275'];
export const SYMBOLS = ['circle', 'rect', 'triangle', 'diamond', 'pin', 'arrow', 'roundRect', 'emptyCircle'];
/** Sequential blues for the map, light to dark, and the colour of areas without data. */
export const MAP_BINS = ['#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#08519c', '#08306b'];
export const MAP_NO_DATA = '#f3f2f1';
