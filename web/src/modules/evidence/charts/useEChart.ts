import { useEffect, useRef } from 'react';
import { echarts } from './echarts';

type Chart = ReturnType<typeof echarts.init>;
type Option = Parameters<Chart['setOption']>[0];

/**
 * Mounts an ECharts instance on the returned element, sets `option`, follows the element's size. The instance is
 * created only once the element has a size (a chart laid out at 0 x 0, e.g. in a hidden panel, breaks the map's
 * projection), and the latest option is applied then.
 */
export function useEChart(option: Option | null) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<Chart | null>(null);
  const latest = useRef<Option | null>(option);
  latest.current = option;

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const sized = () => el.clientWidth > 0 && el.clientHeight > 0;
    const ensure = () => {
      if (!sized()) return;
      if (!chart.current) {
        chart.current = echarts.init(el, null, { renderer: 'svg' });
        if (latest.current) chart.current.setOption(latest.current, { notMerge: true });
      } else {
        chart.current.resize();
      }
    };
    const ro = new ResizeObserver(ensure);
    ro.observe(el);
    ensure();
    return () => {
      ro.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (option && chart.current) chart.current.setOption(option, { notMerge: true });
  }, [option]);

  return ref;
}
