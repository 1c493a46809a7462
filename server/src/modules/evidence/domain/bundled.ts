import { parse } from 'csv-parse/sync';
import { CODE_ALIASES, DATA_ELEMENTS, STATISTICAL_AREAS, WDI_CODES, WORLD } from './catalogue.js';

/**
 * The bundled files as rows of the indicator store, plus the sums this platform computes from them (totals over
 * partners, regional totals). Pure: text in, rows out.
 *
 * Areas: values keep their ISO3 code whether or not it is an org unit. World Bank aggregates (LCN, HIC, ...) are
 * dropped, except the world (`WLD` -> `001`), which the World Bank publishes. UN DESA's `XXX` (unknown origin) and
 * `CHI` (Channel Islands) are kept, so the world total of the stock (the sum of every row) is the published
 * 280,598,105; regional sums follow the org-unit tree (`CHI` counts in Northern Europe, `XXX` in no region).
 */

export interface ValueRow {
  de: string;
  ou: string;
  pe: string;
  partner: string;
  sex: 'T' | 'M' | 'F';
  value: number;
  computed: boolean;
}

export interface AreaIndex {
  /** Codes values may use: countries and regions of the org-unit tree, plus statistical areas. */
  known: ReadonlySet<string>;
  /** Region codes above an area (world included), nearest first. */
  ancestors: ReadonlyMap<string, readonly string[]>;
}

/** Builds the area index from org units (code, path, kind). */
export function areaIndex(units: { code: string; path: string; kind: string }[]): AreaIndex {
  const known = new Set<string>();
  const ancestors = new Map<string, string[]>();
  const pathOf = new Map(units.map((u) => [u.code, u.path]));
  for (const u of units) {
    if (u.kind !== 'country' && u.kind !== 'region' && u.kind !== 'world') continue;
    known.add(u.code);
    ancestors.set(u.code, u.path.split('/').filter(Boolean).slice(0, -1).reverse());
  }
  for (const [code, parent] of Object.entries(STATISTICAL_AREAS)) {
    known.add(code);
    const p = pathOf.get(parent);
    ancestors.set(code, p ? p.split('/').filter(Boolean).reverse() : [WORLD]);
  }
  known.add('XXX');
  ancestors.set('XXX', [WORLD]);
  return { known, ancestors };
}

const alias = (code: string) => CODE_ALIASES[code] ?? code;

function records(text: string): string[][] {
  return parse(text.replace(/^\uFEFF/, ''), { skip_empty_lines: true, relax_column_count: true }) as string[][];
}

function num(text: string | undefined): number | null {
  if (text === undefined || text.trim() === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

export interface ParsedFile {
  rows: ValueRow[];
  /** Rows of the file not loaded (aggregates of other classifications, empty values). */
  skipped: number;
}

const sumsOf = (de: string) => DATA_ELEMENTS.find((d) => d.id === de)?.aggregation === 'sum';

/**
 * Adds regional totals of additive data elements: for each region above each area, the sum of its members' values
 * (computed). The world is summed too unless the file publishes it.
 */
function addRegionalSums(rows: ValueRow[], areas: AreaIndex, worldFromAllRows: boolean): ValueRow[] {
  const published = new Set(rows.filter((r) => r.ou === WORLD).map((r) => `${r.de}|${r.pe}|${r.sex}`));
  const sums = new Map<string, number>();
  for (const r of rows) {
    if (r.partner !== '' || r.computed || !sumsOf(r.de) || r.ou === WORLD) continue;
    // Only countries and statistical areas add up; region rows of the file itself are not summed again.
    const up = areas.ancestors.get(r.ou);
    if (!up) continue;
    for (const region of up) {
      if (region === WORLD && (published.has(`${r.de}|${r.pe}|${r.sex}`) || !worldFromAllRows)) continue;
      const key = `${r.de}|${region}|${r.pe}|${r.sex}`;
      sums.set(key, (sums.get(key) ?? 0) + r.value);
    }
  }
  const out: ValueRow[] = [];
  for (const [key, value] of sums) {
    const [de, ou, pe, sex] = key.split('|') as [string, string, string, 'T' | 'M' | 'F'];
    out.push({ de, ou, pe, partner: '', sex, value, computed: true });
  }
  return out;
}

function undesa(text: string, areas: AreaIndex): ParsedFile {
  const rows: ValueRow[] = [];
  const imm = new Map<string, number>();
  const emi = new Map<string, number>();
  let skipped = 0;
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  const recs = records(text);
  for (let i = 1; i < recs.length; i++) {
    const [year, dest, orig, male, female, total] = recs[i]!;
    const t = num(total);
    if (!year || !dest || !orig || t === null) {
      skipped++;
      continue;
    }
    const bySex: ['T' | 'M' | 'F', number | null][] = [['T', t], ['M', num(male)], ['F', num(female)]];
    for (const [sex, v] of bySex) {
      if (v === null) continue;
      rows.push({ de: 'migrant_stock', ou: dest, pe: year, partner: orig, sex, value: v, computed: false });
      add(imm, `${dest}|${year}|${sex}`, v);
      add(emi, `${orig}|${year}|${sex}`, v);
      // The world: every row counts once on each side (unknown origin and the Channel Islands included).
      add(imm, `${WORLD}|${year}|${sex}`, v);
      add(emi, `${WORLD}|${year}|${sex}`, v);
    }
  }
  const totals: ValueRow[] = [];
  for (const [de, m] of [['immigrants', imm], ['emigrants', emi]] as const) {
    for (const [key, value] of m) {
      const [ou, pe, sex] = key.split('|') as [string, string, 'T' | 'M' | 'F'];
      totals.push({ de, ou, pe, partner: '', sex, value, computed: true });
    }
  }
  // Regional totals from country totals (the world is already there).
  const regional = addRegionalSums(totals.filter((r) => r.ou !== WORLD).map((r) => ({ ...r, computed: false })), areas, false);
  return { rows: [...rows, ...totals, ...regional], skipped };
}

/** WDI long files: `iso3,indicator,year,value` (2024 pull) or `iso3,country_name,indicator,year,value` (2023 files). */
function wdiLong(sourceId: string, text: string, areas: AreaIndex): ParsedFile {
  const codes = WDI_CODES[sourceId] ?? {};
  const recs = records(text);
  const header = recs[0]!.map((h) => h.trim().toLowerCase());
  const [ci, ii, yi, vi] = ['iso3', 'indicator', 'year', 'value'].map((c) => header.indexOf(c)) as [number, number, number, number];
  const rows: ValueRow[] = [];
  let skipped = 0;
  for (let i = 1; i < recs.length; i++) {
    const r = recs[i]!;
    const de = codes[r[ii]!];
    const ou = alias(r[ci]!);
    const v = num(r[vi]);
    if (!de || v === null || !areas.known.has(ou)) {
      skipped++;
      continue;
    }
    rows.push({ de, ou, pe: r[yi]!, partner: '', sex: 'T', value: v, computed: false });
  }
  return { rows: [...rows, ...addRegionalSums(rows, areas, true)], skipped };
}

/** Datahub `Country Name,Country Code,Year,Value` files of one series. */
function datahub(de: string, text: string, areas: AreaIndex): ParsedFile {
  const recs = records(text);
  const rows: ValueRow[] = [];
  let skipped = 0;
  for (let i = 1; i < recs.length; i++) {
    const [, code, year, value] = recs[i]!;
    const ou = alias(code ?? '');
    const v = num(value);
    if (!year || v === null || !areas.known.has(ou)) {
      skipped++;
      continue;
    }
    rows.push({ de, ou, pe: year, partner: '', sex: 'T', value: v, computed: false });
  }
  return { rows: [...rows, ...addRegionalSums(rows, areas, true)], skipped };
}

/** Two-column bilateral files of 2017; `fromFirst`: the first column is the partner (sender / origin). */
function bilateral2017(de: string, text: string): ParsedFile {
  const recs = records(text);
  const rows: ValueRow[] = [];
  let skipped = 0;
  for (let i = 1; i < recs.length; i++) {
    const [partner, unit, value] = recs[i]!;
    const v = num(value);
    if (!partner || !unit || v === null) {
      skipped++;
      continue;
    }
    rows.push({ de, ou: alias(unit), pe: '2017', partner: alias(partner), sex: 'T', value: v, computed: false });
  }
  return { rows, skipped };
}

function rpwDatabank(text: string): ParsedFile {
  const recs = records(text);
  const rows: ValueRow[] = [];
  let skipped = 0;
  for (let i = 1; i < recs.length; i++) {
    const [source, , dest, , quarter, value] = recs[i]!;
    const v = num(value);
    if (!source || !dest || !quarter || !/^\d{4}Q[1-4]$/.test(quarter) || v === null) {
      skipped++;
      continue;
    }
    rows.push({ de: 'rpw_cost_200_pct', ou: alias(dest), pe: quarter, partner: alias(source), sex: 'T', value: v, computed: false });
  }
  return { rows, skipped };
}

function rpwMeans(text: string): ParsedFile {
  const recs = records(text);
  const header = recs[0]!;
  const col = (name: string) => header.indexOf(name);
  const series: [string, number][] = [
    ['rpw_mean_cost_200_pct', col('avg_cost_pct_200usd')],
    ['rpw_mean_cost_500_pct', col('avg_cost_pct_500usd')],
    ['rpw_fx_margin_200_pct', col('avg_fx_margin_200usd')],
    ['rpw_fx_margin_500_pct', col('avg_fx_margin_500usd')],
    ['rpw_providers', col('num_providers')],
  ];
  const [pi, si, di] = [col('period'), col('source_code'), col('destination_code')];
  const rows: ValueRow[] = [];
  let skipped = 0;
  for (let i = 1; i < recs.length; i++) {
    const r = recs[i]!;
    const m = /^(\d{4})_([1-4])Q$/.exec(r[pi] ?? '');
    if (!m || !r[si] || !r[di]) {
      skipped++;
      continue;
    }
    for (const [de, c] of series) {
      const v = num(r[c]);
      if (v === null) continue;
      rows.push({ de, ou: alias(r[di]!), pe: `${m[1]}Q${m[2]}`, partner: alias(r[si]!), sex: 'T', value: v, computed: false });
    }
  }
  return { rows, skipped };
}

export function parseBundledFile(sourceId: string, text: string, areas: AreaIndex): ParsedFile {
  switch (sourceId) {
    case 'undesa_ims_2020':
      return undesa(text, areas);
    case 'wdi_2024_05':
    case 'wdi_2023_05':
      return wdiLong(sourceId, text, areas);
    case 'wdi_gdp':
      return datahub('gdp_usd', text, areas);
    case 'wdi_population':
      return datahub('population', text, areas);
    case 'wb_bilateral_remittances_2017':
      return bilateral2017('bilateral_remittances_2017', text);
    case 'wb_bilateral_stocks_2017':
      return bilateral2017('bilateral_stock_2017', text);
    case 'rpw_databank_2020q3':
      return rpwDatabank(text);
    case 'rpw_2025q1':
      return rpwMeans(text);
    default:
      throw new Error(`no parser for source ${sourceId}`);
  }
}
