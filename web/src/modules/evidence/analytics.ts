import { query } from '../../app/api';

/**
 * GET /api/v1/evidence/analytics?dx=..&ou=..&pe=.. read into one shape: values by (dx, ou, pe), with the names, units and
 * sources of the dx items. Accepts a list of rows `{dx, ou, pe, value}` or DHIS2-style `{headers, rows}`.
 */
export interface AnalyticsValue {
  dx: string;
  ou: string;
  pe: string;
  value: number;
  computed?: boolean;
}

export interface DxMeta {
  id: string;
  name: string;
  unit: string;
  decimals?: number;
  sources: { name: string; vintage?: string | undefined; url?: string | null | undefined }[];
}

export interface AnalyticsView {
  values: AnalyticsValue[];
  dx: Map<string, DxMeta>;
  ouNames: Map<string, string>;
  /** some values are modelled estimates */
  estimate: boolean;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** Values of a multi-valued parameter are joined with ','. */
export const LIST_SEP = ',';

/** `/evidence/analytics` (any units, `GTM:children` for the units below) or `/evidence/compare` (2 to 8 areas); CSV/XLSX with `format`. */
export function analyticsPath(p: { dx: string[]; ou: string[]; pe?: string | undefined }, format?: 'csv' | 'xlsx', endpoint: 'analytics' | 'compare' = 'analytics'): string {
  return `/evidence/${endpoint}${query({ dx: p.dx.join(LIST_SEP), ou: p.ou.join(LIST_SEP), pe: p.pe, format })}`;
}

export function readAnalytics(json: unknown): AnalyticsView {
  const o = isObj(json) ? json : {};
  const values: AnalyticsValue[] = [];
  const rows = Array.isArray(o.rows) ? o.rows : Array.isArray(o.items) ? o.items : Array.isArray(o.values) ? o.values : [];
  const headers = Array.isArray(o.headers) ? o.headers.map((h) => (isObj(h) ? str(h.name) : str(h))) : null;
  for (const r of rows) {
    if (Array.isArray(r) && headers) {
      const at = (k: string) => r[headers.indexOf(k)];
      const v = Number(at('value'));
      if (Number.isFinite(v)) values.push({ dx: str(at('dx')), ou: str(at('ou')), pe: str(at('pe')), value: v });
    } else if (isObj(r)) {
      const v = typeof r.value === 'number' ? r.value : Number(r.value);
      if (Number.isFinite(v) && r.value !== null) values.push({ dx: str(r.dx ?? r.de ?? r.indicator), ou: str(r.ou), pe: str(r.pe ?? r.period), value: v, computed: r.computed === true });
    }
  }
  const dx = new Map<string, DxMeta>();
  const ouNames = new Map<string, string>();
  const dims = isObj(o.dimensions) ? o.dimensions : undefined;
  if (dims) {
    // the server's shape: {dimensions: {dx: [{id, name, unit}], ou: [{code, name}], pe}, rows: [{dx, ou, pe, value, source, vintage, computed, estimate}]}
    const srcByDx = new Map<string, Map<string, DxMeta['sources'][number]>>();
    for (const r of rows) {
      if (!isObj(r) || !r.source) continue;
      const id = str(r.dx);
      const m = srcByDx.get(id) ?? new Map();
      const name = str(r.source);
      const vintage = str(r.vintage) || undefined;
      m.set(`${name}|${vintage ?? ''}`, { name, vintage });
      srcByDx.set(id, m);
    }
    for (const d of Array.isArray(dims.dx) ? dims.dx : []) {
      if (!isObj(d)) continue;
      const id = str(d.id);
      dx.set(id, { id, name: str(d.name), unit: str(d.unit), sources: [...(srcByDx.get(id)?.values() ?? [])] });
    }
    for (const u of Array.isArray(dims.ou) ? dims.ou : []) if (isObj(u)) ouNames.set(str(u.code), str(u.name));
    return { values, dx, ouNames, estimate: rows.some((r) => isObj(r) && r.estimate === true) };
  }
  const meta = isObj(o.metaData) ? o.metaData : isObj(o.meta) ? o.meta : o;
  const items = meta.dx ?? meta.indicators ?? meta.dataItems;
  const list = Array.isArray(items) ? items : isObj(items) ? Object.entries(items).map(([id, v]) => ({ id, ...(isObj(v) ? v : {}) })) : [];
  for (const d of list) {
    if (!isObj(d)) continue;
    const srcs = Array.isArray(d.sources) ? d.sources : d.source ? [d.source] : [];
    dx.set(str(d.id), {
      id: str(d.id),
      name: str(d.name),
      unit: str(d.unit),
      decimals: typeof d.decimals === 'number' ? d.decimals : undefined,
      sources: srcs.map((s) => (isObj(s) ? { name: str(s.name ?? s.title), vintage: str(s.vintage) || undefined, url: str(s.url) || null } : { name: str(s) })),
    });
  }
  const ous = meta.ou ?? meta.orgUnits;
  const ouList = Array.isArray(ous) ? ous : isObj(ous) ? Object.entries(ous).map(([code, v]) => ({ code, name: isObj(v) ? v.name : v })) : [];
  for (const u of ouList) if (isObj(u)) ouNames.set(str(u.code ?? u.id), str(u.name));
  return { values, dx, ouNames, estimate: false };
}
