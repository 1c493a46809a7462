import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

/**
 * Seed of the org-unit tree, built from the bundled public data in `data/sources/`:
 *   world (001) > UN region > UN sub-region > UN intermediate region (where the UN has one) > country (ISO alpha-3)
 *   > first-level division (ISO 3166-2, `buildDivisionSeed`).
 * Municipalities, and divisions with other codes, are imported later (see codelist.ts), not seeded.
 */

export interface SeedOrgUnit {
  code: string;
  kind: 'world' | 'region' | 'country';
  parentCode: string | null;
  nameEs: string;
  nameEn: string;
  iso2: string | null;
  m49: string | null;
}

export const WORLD_CODE = '001';
export const COUNTRY_CODES_FILE = 'country-codes.csv';
export const LAC_COUNTRIES_FILE = 'lac_countries_un_m49.csv';
/** Written by `scripts/data/iso-3166-2.mjs` from Debian's iso-codes (see PROVENANCE.md). */
export const SUBDIVISIONS_FILE = 'iso_3166-2_subdivisions.csv';

/**
 * Absolute path of `<repo>/data/sources`. This module lives at `server/src/core/geo/` (and compiled at
 * `server/dist/core/geo/`), both four levels below the repository root.
 */
export const sourcesDir: string = fileURLToPath(new URL('../../../../data/sources', import.meta.url));

/**
 * UN M49 names in Spanish of every region, sub-region and intermediate region used in the UN geoscheme
 * (UNSD "Metodología - Códigos estándar de países y zonas"). The leading article the UN writes
 * ("el Caribe", "las Américas") is dropped so that the names sort and read well in lists.
 */
export const M49_REGION_NAMES_ES: Readonly<Record<string, string>> = {
  '001': 'Mundo',
  '002': 'África',
  '015': 'África septentrional',
  '202': 'África subsahariana',
  '011': 'África occidental',
  '014': 'África oriental',
  '017': 'África central',
  '018': 'África meridional',
  '019': 'Américas',
  '419': 'América Latina y el Caribe',
  '029': 'Caribe',
  '013': 'Centroamérica',
  '005': 'América del Sur',
  '021': 'América septentrional',
  '142': 'Asia',
  '143': 'Asia central',
  '030': 'Asia oriental',
  '035': 'Asia sudoriental',
  '034': 'Asia meridional',
  '145': 'Asia occidental',
  '150': 'Europa',
  '151': 'Europa oriental',
  '154': 'Europa septentrional',
  '039': 'Europa meridional',
  '155': 'Europa occidental',
  '009': 'Oceanía',
  '053': 'Australia y Nueva Zelandia',
  '054': 'Melanesia',
  '057': 'Micronesia',
  '061': 'Polinesia',
};

/**
 * Names fixed by UN usage, overriding whatever the files say. Côte d'Ivoire has no UNTERM short name in the
 * file and its `official_name_en` there is "Ivory Coast", which the UN does not use.
 */
const NAME_OVERRIDES: Readonly<Record<string, { nameEn: string; nameEs: string }>> = {
  FLK: { nameEn: 'Falkland Islands (Malvinas)', nameEs: 'Islas Malvinas (Falkland Islands)' },
  CIV: { nameEn: 'Côte d’Ivoire', nameEs: 'Côte d’Ivoire' },
};

type CsvRecord = Record<string, string | undefined>;

function readCsv(text: string): CsvRecord[] {
  return parse(text.replace(/^\uFEFF/, ''), {
    columns: true,
    skip_empty_lines: true,
    trim: true,
  }) as CsvRecord[];
}

function cell(record: CsvRecord, column: string): string {
  return (record[column] ?? '').trim();
}

/** M49 codes as 3-digit zero-padded strings ("19" -> "019"); '' if absent or not numeric. */
export function padM49(value: string | undefined): string {
  const v = (value ?? '').trim();
  if (!/^\d{1,3}$/.test(v)) return '';
  return v.padStart(3, '0');
}

/**
 * UNTERM short names carry the article in parentheses and footnote marks:
 * "Bahamas (the)" -> "Bahamas", "Cook Islands (the) **" -> "Cook Islands", "Perú (el)" -> "Perú",
 * "the Netherlands" -> "Netherlands". Descriptive parentheses such as "(Plurinational State of)" stay.
 */
export function cleanUntermName(value: string | undefined): string {
  let v = (value ?? '').trim();
  v = v.replace(/\s*\*+$/, '');
  v = v.replace(/\s*\((?:the|el|la|los|las|l'|le|les)\)$/i, '');
  v = v.replace(/^the\s+/i, '');
  return v.trim();
}

function firstNonEmpty(...values: string[]): string {
  return values.find((v) => v.length > 0) ?? '';
}

interface RegionInfo {
  code: string;
  nameEn: string;
  parentCode: string;
}

/**
 * Builds world, region and country rows from the two bundled CSV files.
 * Country names: the LAC file's `name_en`/`name_es` for Latin American and Caribbean areas; otherwise the
 * UNTERM short names without article or footnote marks; otherwise the M49 `official_name_en`/`official_name_es`
 * (the UN form, e.g. "China, Hong Kong Special Administrative Region"), then the CLDR display name.
 * The result is in depth-first order (parents always before children), children sorted with regions before
 * countries and then by code, so the output is deterministic.
 */
export function buildOrgUnitSeed(countryCodesCsv: string, lacCsv: string): SeedOrgUnit[] {
  const lac = new Map<string, CsvRecord>();
  for (const r of readCsv(lacCsv)) {
    const iso3 = cell(r, 'iso3').toUpperCase();
    if (iso3) lac.set(iso3, r);
  }

  const regions = new Map<string, RegionInfo>();
  const addRegion = (code: string, nameEn: string, parentCode: string): void => {
    const existing = regions.get(code);
    if (existing) {
      if (existing.parentCode !== parentCode) {
        throw new Error(`M49 region ${code} has two parents: ${existing.parentCode} and ${parentCode}`);
      }
      if (!existing.nameEn && nameEn) existing.nameEn = nameEn;
      return;
    }
    regions.set(code, { code, nameEn, parentCode });
  };

  const countries: SeedOrgUnit[] = [];
  const seenCountries = new Set<string>();
  for (const r of readCsv(countryCodesCsv)) {
    const iso3 = cell(r, 'ISO3166-1-Alpha-3').toUpperCase();
    const m49 = padM49(cell(r, 'M49'));
    if (!/^[A-Z]{3}$/.test(iso3) || !m49) continue;
    if (seenCountries.has(iso3)) throw new Error(`Country ${iso3} appears twice in ${COUNTRY_CODES_FILE}`);
    seenCountries.add(iso3);

    const regionCode = padM49(cell(r, 'Region Code'));
    const subCode = padM49(cell(r, 'Sub-region Code'));
    const interCode = padM49(cell(r, 'Intermediate Region Code'));
    if (regionCode) addRegion(regionCode, cell(r, 'Region Name'), WORLD_CODE);
    if (subCode) addRegion(subCode, cell(r, 'Sub-region Name'), regionCode || WORLD_CODE);
    if (interCode) addRegion(interCode, cell(r, 'Intermediate Region Name'), subCode || regionCode || WORLD_CODE);
    const parentCode = interCode || subCode || regionCode || WORLD_CODE;

    const lacRow = lac.get(iso3);
    const nameEn =
      NAME_OVERRIDES[iso3]?.nameEn ??
      firstNonEmpty(
        lacRow ? cell(lacRow, 'name_en') : '',
        cleanUntermName(cell(r, 'UNTERM English Short')),
        cell(r, 'official_name_en'),
        cell(r, 'CLDR display name'),
        iso3,
      );
    const nameEs =
      NAME_OVERRIDES[iso3]?.nameEs ??
      firstNonEmpty(
        lacRow ? cell(lacRow, 'name_es') : '',
        cleanUntermName(cell(r, 'UNTERM Spanish Short')),
        cell(r, 'official_name_es'),
        nameEn,
      );
    const iso2 = cell(r, 'ISO3166-1-Alpha-2').toUpperCase();
    countries.push({
      code: iso3,
      kind: 'country',
      parentCode,
      nameEs,
      nameEn,
      iso2: /^[A-Z]{2}$/.test(iso2) ? iso2 : null,
      m49,
    });
  }

  const units: SeedOrgUnit[] = [
    {
      code: WORLD_CODE,
      kind: 'world',
      parentCode: null,
      nameEs: M49_REGION_NAMES_ES[WORLD_CODE] ?? 'Mundo',
      nameEn: 'World',
      iso2: null,
      m49: WORLD_CODE,
    },
  ];
  for (const reg of regions.values()) {
    const nameEs = M49_REGION_NAMES_ES[reg.code];
    if (!nameEs) throw new Error(`No Spanish name for M49 region ${reg.code} (${reg.nameEn})`);
    units.push({
      code: reg.code,
      kind: 'region',
      parentCode: reg.parentCode,
      nameEs,
      nameEn: reg.nameEn || nameEs,
      iso2: null,
      m49: reg.code,
    });
  }
  units.push(...countries);
  return depthFirst(units);
}

const KIND_ORDER: Record<SeedOrgUnit['kind'], number> = { world: 0, region: 1, country: 2 };

function depthFirst(units: SeedOrgUnit[]): SeedOrgUnit[] {
  const children = new Map<string | null, SeedOrgUnit[]>();
  for (const u of units) {
    const list = children.get(u.parentCode) ?? [];
    list.push(u);
    children.set(u.parentCode, list);
  }
  for (const list of children.values()) {
    list.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  }
  const out: SeedOrgUnit[] = [];
  const stack: SeedOrgUnit[] = [...(children.get(null) ?? [])].reverse();
  while (stack.length > 0) {
    const u = stack.pop() as SeedOrgUnit;
    out.push(u);
    const kids = children.get(u.code);
    if (kids) for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i] as SeedOrgUnit);
  }
  if (out.length !== units.length) throw new Error('Org-unit seed has units whose parent is missing');
  return out;
}

/** Reads `country-codes.csv` and `lac_countries_un_m49.csv` from `dir` (default: the bundled data) and builds the seed. */
export function loadBundledOrgUnitSeed(dir: string = sourcesDir): SeedOrgUnit[] {
  const countryCodes = readFileSync(join(dir, COUNTRY_CODES_FILE), 'utf8');
  const lacCountries = readFileSync(join(dir, LAC_COUNTRIES_FILE), 'utf8');
  return buildOrgUnitSeed(countryCodes, lacCountries);
}

/** A first-level division of ISO 3166-2, to be seeded under the country whose alpha-2 code is `countryIso2`. */
export interface SeedDivision {
  /** The ISO 3166-2 code ("GT-AV"): the unit's code and its `iso_3166_2` code. */
  code: string;
  countryIso2: string;
  nameEs: string;
  nameEn: string;
}

const ISO_3166_2_CODE = /^([A-Z]{2})-[A-Z0-9]{1,3}$/;

/** Reads the bundled subdivisions file (`country_iso2,code,type,name_en,name_es`); a malformed row fails loudly. */
export function buildDivisionSeed(subdivisionsCsv: string): SeedDivision[] {
  const seen = new Set<string>();
  return readCsv(subdivisionsCsv).map((r) => {
    const code = cell(r, 'code').toUpperCase();
    const countryIso2 = cell(r, 'country_iso2').toUpperCase();
    const nameEn = cell(r, 'name_en');
    if (ISO_3166_2_CODE.exec(code)?.[1] !== countryIso2 || !nameEn) throw new Error(`${SUBDIVISIONS_FILE}: bad row ${JSON.stringify(r)}`);
    if (seen.has(code)) throw new Error(`${SUBDIVISIONS_FILE}: ${code} appears twice`);
    seen.add(code);
    return { code, countryIso2, nameEn, nameEs: cell(r, 'name_es') || nameEn };
  });
}

/** Reads `iso_3166-2_subdivisions.csv` from `dir` (default: the bundled data). */
export function loadBundledDivisions(dir: string = sourcesDir): SeedDivision[] {
  return buildDivisionSeed(readFileSync(join(dir, SUBDIVISIONS_FILE), 'utf8'));
}

/** Names compared the way people write them: no accents, no case, single spaces. */
export function foldName(name: string): string {
  return stripAccents(name).toLowerCase().replace(/\s+/g, ' ').trim();
}

function stripAccents(value: string): string {
  return value.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

export interface DivisionPlan {
  /** Divisions to create under their country. */
  create: (SeedDivision & { countryCode: string })[];
  /** Existing divisions, created by hand with another code, that are the ISO one: they get its code, nothing else changes. */
  attach: { orgUnitId: string; code: string }[];
}

/**
 * What a start does with the bundled divisions, given the tree as it is: a division whose ISO code some unit already
 * carries (as its code or as its `iso_3166_2` code) is left alone, whatever an administrator changed in it; a country's
 * only division with the same name (in either language) that has no ISO code yet is that division; the rest are new.
 * Countries missing from the tree are skipped. Pure, so a second start plans nothing.
 */
export function planDivisionSeed(
  divisions: readonly SeedDivision[],
  tree: {
    countries: readonly { code: string; iso2: string | null }[];
    /** Every code any unit carries, upper case. */
    knownCodes: ReadonlySet<string>;
    divisions: readonly { id: string; countryCode: string; nameEs: string; nameEn: string; hasIsoCode: boolean }[];
  },
): DivisionPlan {
  const countryByIso2 = new Map(tree.countries.filter((c) => c.iso2).map((c) => [c.iso2 as string, c.code]));
  const uncodedByName = new Map<string, string[]>();
  for (const d of tree.divisions) {
    if (d.hasIsoCode) continue;
    for (const name of new Set([foldName(d.nameEs), foldName(d.nameEn)])) {
      const key = `${d.countryCode}|${name}`;
      uncodedByName.set(key, [...(uncodedByName.get(key) ?? []), d.id]);
    }
  }
  const plan: DivisionPlan = { create: [], attach: [] };
  const attached = new Set<string>();
  for (const division of divisions) {
    if (tree.knownCodes.has(division.code)) continue;
    const countryCode = countryByIso2.get(division.countryIso2);
    if (!countryCode) continue;
    const sameName = [...new Set([foldName(division.nameEs), foldName(division.nameEn)].flatMap((n) => uncodedByName.get(`${countryCode}|${n}`) ?? []))];
    const only = sameName.length === 1 ? sameName[0] : undefined;
    if (only && !attached.has(only)) {
      attached.add(only);
      plan.attach.push({ orgUnitId: only, code: division.code });
    } else {
      plan.create.push({ ...division, countryCode });
    }
  }
  return plan;
}

/** A bundled division as it was seeded: its own code is still its ISO code, and nothing hangs from it or points to it. */
export interface UntouchedDivision {
  id: string;
  countryCode: string;
  nameEs: string;
  nameEn: string;
}

/**
 * The rows of an office's code list that are bundled divisions under another code ("GT01,Guatemala,GTM" when GT-GU
 * Guatemala was seeded): a division row under a country whose name (in either language) is that of exactly one
 * untouched bundled division of the country. That unit takes the row's code and names, and keeps its ISO code as
 * another code, instead of a second Guatemala appearing beside it. Pure.
 */
export function matchBundledDivisions<R extends { code: string; parentCode: string; kind: string | null; nameEs: string; nameEn: string }>(
  rows: readonly R[],
  untouched: readonly UntouchedDivision[],
): Map<R, UntouchedDivision> {
  const byName = new Map<string, UntouchedDivision[]>();
  for (const d of untouched) {
    for (const name of new Set([foldName(d.nameEs), foldName(d.nameEn)])) {
      const key = `${d.countryCode.toUpperCase()}|${name}`;
      byName.set(key, [...(byName.get(key) ?? []), d]);
    }
  }
  const matched = new Map<R, UntouchedDivision>();
  const taken = new Set<string>();
  for (const row of rows) {
    if (row.kind !== 'division') continue;
    const names = new Set([foldName(row.nameEs), foldName(row.nameEn || row.nameEs)]);
    const candidates = [...new Set([...names].flatMap((n) => byName.get(`${row.parentCode.toUpperCase()}|${n}`) ?? []))];
    const only = candidates.length === 1 ? candidates[0] : undefined;
    if (only && !taken.has(only.id)) {
      taken.add(only.id);
      matched.set(row, only);
    }
  }
  return matched;
}
