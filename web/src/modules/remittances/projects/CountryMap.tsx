import { useEffect, useMemo, useState } from 'react';
import { feature } from 'topojson-client';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import atlasUrl from 'world-atlas/countries-50m.json?url';

/**
 * One country's outline with points on it, drawn as plain SVG (no chart library): the same world-atlas file the
 * evidence maps use, fetched only when this lazily-loaded component is shown. An equirectangular projection
 * scaled by cos(latitude) is faithful enough at the size of one country.
 */

export interface MapPoint {
  id: string;
  latitude: number;
  longitude: number;
  label: string;
}

let atlas: Promise<Topology<{ countries: GeometryCollection }>> | null = null;
function loadAtlas() {
  if (!atlas) {
    atlas = fetch(atlasUrl)
      .then((r) => {
        if (!r.ok) throw new Error(`atlas ${r.status}`);
        return r.json() as Promise<Topology<{ countries: GeometryCollection }>>;
      })
      .catch((err: unknown) => {
        atlas = null;
        throw err;
      });
  }
  return atlas;
}

type Ring = number[][];

function ringsOf(f: Feature): Ring[] {
  const g = f.geometry as Polygon | MultiPolygon | null;
  if (!g) return [];
  return g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
}

const WIDTH = 800;
const PAD = 20;

export default function CountryMap({ numericId, points, label, failed }: { numericId: string; points: MapPoint[]; label: string; failed: string }) {
  const [shape, setShape] = useState<Feature | null>(null);
  const [error, setError] = useState(false);

  useEffect(() => {
    let live = true;
    loadAtlas().then(
      (topo) => {
        if (!live) return;
        const fc = feature(topo, topo.objects.countries);
        setShape(fc.features.find((f) => String(f.id) === numericId) ?? null);
      },
      () => live && setError(true),
    );
    return () => {
      live = false;
    };
  }, [numericId]);

  const drawing = useMemo(() => {
    if (!shape) return null;
    const rings = ringsOf(shape);
    let minX = 180, maxX = -180, minY = 90, maxY = -90;
    const widen = (x: number, y: number) => {
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    };
    for (const ring of rings) for (const [x, y] of ring) widen(x!, y!);
    for (const p of points) widen(p.longitude, p.latitude);
    const k = Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
    const spanX = Math.max((maxX - minX) * k, 1e-6);
    const spanY = Math.max(maxY - minY, 1e-6);
    const scale = (WIDTH - 2 * PAD) / spanX;
    const height = Math.min(Math.round(spanY * scale + 2 * PAD), 900);
    const s = Math.min(scale, (height - 2 * PAD) / spanY);
    const project = (x: number, y: number): [number, number] => [PAD + (x - minX) * k * s, PAD + (maxY - y) * s];
    const d = rings
      .map((ring) => ring.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${project(x!, y!).map((n) => n.toFixed(1)).join(',')}`).join('') + 'Z')
      .join('');
    return { d, height, dots: points.map((p) => ({ ...p, xy: project(p.longitude, p.latitude) })) };
  }, [shape, points]);

  if (error) return <p className="ev-chart__placeholder">{failed}</p>;
  if (!drawing) return <div className="rp-map rp-map--loading" aria-busy="true" />;
  return (
    <svg className="rp-map" viewBox={`0 0 ${WIDTH} ${drawing.height}`} role="img" aria-label={label}>
      <path d={drawing.d} className="rp-map__land" />
      {drawing.dots.map((p) => (
        <circle key={p.id} cx={p.xy[0]} cy={p.xy[1]} r={9} className="rp-map__point">
          <title>{p.label}</title>
        </circle>
      ))}
    </svg>
  );
}
