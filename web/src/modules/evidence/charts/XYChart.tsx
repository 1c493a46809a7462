import { useMemo } from 'react';
import { useI18n } from '../../../app/i18n';
import { formatAxis, formatFull } from '../format';
import { PALETTE, SYMBOLS, type XYChartSpec } from './spec';
import { useEChart } from './useEChart';

const TEXT = '#0b0c0c';
const MUTED = '#505a5f';
const GRID = '#dcdcdc';

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Line and bar charts (lazy chunk). The container is an image for assistive technology; the table says the same. */
export default function XYChart({ spec, label, height = 320 }: { spec: XYChartSpec; label: string; height?: number }) {
  const { locale } = useI18n();

  const option = useMemo(() => {
    const horizontal = spec.kind === 'hbar';
    const narrow = typeof window !== 'undefined' && window.innerWidth < 500;
    const valueAxis = {
      type: 'value' as const,
      // Counts of people have no halves: whole steps even when the largest count is small.
      minInterval: spec.unit === 'persons' ? 1 : undefined,
      axisLabel: { color: MUTED, fontSize: 12, formatter: (v: number) => formatAxis(v, spec.unit, locale) },
      splitLine: { lineStyle: { color: GRID } },
    };
    const categoryAxis = {
      type: 'category' as const,
      data: spec.categories,
      inverse: horizontal,
      axisLabel: {
        color: TEXT,
        fontSize: 12,
        width: horizontal ? (narrow ? 100 : 170) : undefined,
        overflow: horizontal ? ('truncate' as const) : undefined,
        hideOverlap: true,
      },
      axisLine: { lineStyle: { color: MUTED } },
      axisTick: { alignWithLabel: true },
    };
    const many = spec.series.length > 1;
    const series = spec.series.map((s, i) => {
      const color = PALETTE[i % PALETTE.length];
      if (spec.kind === 'line') {
        return {
          type: 'line' as const,
          name: s.name,
          data: s.data,
          color,
          symbol: SYMBOLS[i % SYMBOLS.length],
          symbolSize: 6,
          showSymbol: spec.categories.length <= 40,
          connectNulls: false,
          lineStyle: { width: 2.5, type: s.estimate || i % 3 === 2 ? ('dashed' as const) : i % 3 === 1 ? ('solid' as const) : ('solid' as const) },
          endLabel: spec.endLabels
            ? { show: true, formatter: () => s.name, color, fontWeight: 'bold' as const, fontSize: 12, distance: 6 }
            : undefined,
          labelLayout: spec.endLabels ? { moveOverlap: 'shiftY' as const } : undefined,
          markLine:
            i === 0 && spec.target
              ? {
                  silent: true,
                  symbol: 'none',
                  lineStyle: { color: TEXT, type: 'dashed' as const, width: 1.5 },
                  label: { formatter: spec.target.label, position: 'insideEndTop' as const, color: TEXT, fontSize: 12 },
                  data: [{ yAxis: spec.target.value }],
                }
              : undefined,
        };
      }
      return {
        type: 'bar' as const,
        name: s.name,
        data: s.data,
        color,
        stack: spec.stacked ? 'total' : undefined,
        barMaxWidth: 28,
        itemStyle: s.estimate ? { decal: { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [2, 3], rotation: -Math.PI / 4, color: 'rgba(255,255,255,0.45)' } } : undefined,
        markLine:
          i === 0 && spec.target
            ? {
                silent: true,
                symbol: 'none',
                lineStyle: { color: TEXT, type: 'dashed' as const, width: 1.5 },
                label: { formatter: spec.target.label, position: horizontal ? ('start' as const) : ('insideEndTop' as const), color: TEXT, fontSize: 12 },
                data: [horizontal ? { xAxis: spec.target.value } : { yAxis: spec.target.value }],
              }
            : undefined,
        label:
          horizontal && !spec.stacked && !many
            ? { show: true, position: 'right' as const, color: TEXT, fontSize: 12, formatter: (p: { value: unknown }) => formatAxis(Number(p.value), spec.unit, locale) }
            : undefined,
      };
    });

    return {
      animation: false,
      textStyle: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, "DejaVu Sans", sans-serif' },
      grid: {
        left: 8,
        right: spec.endLabels ? (narrow ? 84 : 120) : horizontal ? 56 : 16,
        top: 16,
        bottom: 8,
        containLabel: true,
      },
      tooltip: {
        trigger: 'axis' as const,
        axisPointer: { type: spec.kind === 'line' ? ('line' as const) : ('shadow' as const) },
        confine: true,
        valueFormatter: (v: unknown) => (typeof v === 'number' ? formatFull(v, spec.unit, locale) : '–'),
        formatter: (params: unknown) => {
          const list = (Array.isArray(params) ? params : [params]) as { axisValueLabel: string; marker: string; seriesName: string; value: unknown }[];
          const head = escapeHtml(list[0]?.axisValueLabel ?? '');
          const rows = list
            .filter((p) => typeof p.value === 'number')
            .map((p) => `${p.marker}${escapeHtml(p.seriesName)}: <b>${escapeHtml(formatFull(p.value as number, spec.unit, locale))}</b>`);
          return [head, ...rows].join('<br>');
        },
      },
      xAxis: horizontal ? valueAxis : categoryAxis,
      yAxis: horizontal ? categoryAxis : valueAxis,
      series,
    };
  }, [spec, locale]);

  const ref = useEChart(option as never);
  return <div ref={ref} className="ev-chart__canvas" role="img" aria-label={label} style={{ height }} />;
}
