import { MapChart } from 'echarts/charts';
import { useEffect, useMemo, useState } from 'react';
import { feature } from 'topojson-client';
import type { Feature } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import atlasUrl from 'world-atlas/countries-50m.json?url';
import { useI18n } from '../../../app/i18n';
import { iso3OfNumeric } from '../../../app/countries';
import { formatFull } from '../format';
import { echarts } from './echarts';
import { MAP_NO_DATA, type MapSpec } from './spec';
import { binOf, mapBins } from './bins';
import { useEChart } from './useEChart';

echarts.use([MapChart]);

const MAP_NAME = 'mide-world-50m';
let registered: Promise<void> | null = null;

/**
 * world-atlas countries-50m (the 110m file drops seven Caribbean states), served as its own file and fetched
 * only when the map is about to be seen. Features are keyed by ISO alpha-3; Antarctica is left out.
 */
function registerWorld(): Promise<void> {
  if (!registered) {
    registered = fetch(atlasUrl)
      .then((r) => {
        if (!r.ok) throw new Error(`atlas ${r.status}`);
        return r.json() as Promise<Topology<{ countries: GeometryCollection }>>;
      })
      .then((topo) => {
        const fc = feature(topo, topo.objects.countries);
        const features = fc.features
          .filter((f) => f.id !== '010')
          .map(unwrapAntimeridian)
          .map((f) => ({ ...f, properties: { name: (f.id !== undefined ? iso3OfNumeric(String(f.id)) : undefined) ?? `_${String((f.properties as { name?: string } | null)?.name ?? '')}` } }));
        echarts.registerMap(MAP_NAME, { type: 'FeatureCollection', features } as never);
      })
      .catch((err: unknown) => {
        registered = null;
        throw err;
      });
  }
  return registered;
}

type Ring = number[][];

/**
 * A few rings (Russia's Chukotka, Fiji) run across the antimeridian from -180 to 180: drawn as they are, they paint a
 * band across the whole map. Their points east of 180 (negative longitudes) are pinned to 180.
 */
function unwrapAntimeridian(f: Feature): Feature {
  const g = f.geometry;
  if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) return f;
  const fix = (ring: Ring): Ring => {
    let min = 180;
    let max = -180;
    for (const [x] of ring) {
      if ((x as number) < min) min = x as number;
      if ((x as number) > max) max = x as number;
    }
    return max - min > 300 ? ring.map(([x, y]) => [(x as number) < 0 ? 180 : (x as number), y as number]) : ring;
  };
  const geometry = g.type === 'Polygon' ? { ...g, coordinates: g.coordinates.map(fix) } : { ...g, coordinates: g.coordinates.map((p) => p.map(fix)) };
  return { ...f, geometry };
}

export type MapView = 'world' | 'americas';

export default function WorldMap({ spec, label, view, failed }: { spec: MapSpec; label: string; view: MapView; failed: string }) {
  const { locale } = useI18n();
  const [ready, setReady] = useState(false);
  const [error, setError] = useState(false);

  useEffect(() => {
    let live = true;
    registerWorld().then(
      () => live && setReady(true),
      () => live && setError(true),
    );
    return () => {
      live = false;
    };
  }, []);

  const option = useMemo(() => {
    if (!ready) return null;
    const bins = mapBins(spec.values.map((v) => v.value));
    const data = spec.values.map((v) => ({
      name: v.iso3,
      value: v.value,
      label: v.name,
      itemStyle: { areaColor: bins.colours[binOf(v.value, bins.thresholds)] },
    }));
    if (spec.focus && !spec.values.some((v) => v.iso3 === spec.focus?.iso3)) {
      data.push({ name: spec.focus.iso3, value: Number.NaN, label: spec.focus.label, itemStyle: { areaColor: '#0b0c0c' } });
    }
    const names = new Map(data.map((d) => [d.name, d.label]));
    return {
      animation: false,
      tooltip: {
        trigger: 'item' as const,
        confine: true,
        formatter: (p: { name: string; value: unknown }) => {
          const name = names.get(p.name);
          if (!name) return '';
          const v = typeof p.value === 'number' && Number.isFinite(p.value) ? formatFull(p.value, spec.unit, locale) : spec.focus?.iso3 === p.name ? spec.focus.label : spec.noData;
          return `${name.replace(/[&<>]/g, '')}: <b>${v}</b>`;
        },
      },
      series: [
        {
          type: 'map' as const,
          map: MAP_NAME,
          roam: false,
          selectedMode: false as const,
          aspectScale: 0.8,
          ...(view === 'americas' ? { center: [-80, 12], zoom: 2.4 } : {}),
          itemStyle: { areaColor: MAP_NO_DATA, borderColor: '#6f777b', borderWidth: 0.4 },
          emphasis: { label: { show: false }, itemStyle: { areaColor: '#ffdd00', borderColor: '#0b0c0c', borderWidth: 1 } },
          label: { show: false },
          data,
        },
      ],
    };
  }, [ready, spec, locale, view]);

  const ref = useEChart(option as never);
  if (error) return <p className="ev-chart__placeholder">{failed}</p>;
  return <div ref={ref} className="ev-chart__canvas ev-map" role="img" aria-label={label} aria-busy={!ready} />;
}
