import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  buildDivisionSeed,
  buildOrgUnitSeed,
  cleanUntermName,
  COUNTRY_CODES_FILE,
  LAC_COUNTRIES_FILE,
  loadBundledDivisions,
  loadBundledOrgUnitSeed,
  M49_REGION_NAMES_ES,
  matchBundledDivisions,
  padM49,
  planDivisionSeed,
  sourcesDir,
  SUBDIVISIONS_FILE,
  type SeedDivision,
  type SeedOrgUnit,
} from './seed-data.js';

const seed = loadBundledOrgUnitSeed(sourcesDir);
const byCode = new Map(seed.map((u) => [u.code, u]));

function unit(code: string): SeedOrgUnit {
  const u = byCode.get(code);
  if (!u) throw new Error(`missing ${code}`);
  return u;
}

function ancestors(code: string): string[] {
  const chain: string[] = [];
  let cur = byCode.get(code)?.parentCode ?? null;
  while (cur !== null) {
    chain.push(cur);
    cur = byCode.get(cur)?.parentCode ?? null;
  }
  return chain;
}

const lacRows = parse(readFileSync(join(sourcesDir, LAC_COUNTRIES_FILE), 'utf8'), {
  columns: true,
  skip_empty_lines: true,
}) as Record<string, string>[];

describe('sourcesDir', () => {
  it('points at <repo>/data/sources, which holds the bundled files', () => {
    expect(sourcesDir.replace(/\\/g, '/')).toMatch(/\/data\/sources$/);
    expect(existsSync(join(sourcesDir, COUNTRY_CODES_FILE))).toBe(true);
    expect(existsSync(join(sourcesDir, LAC_COUNTRIES_FILE))).toBe(true);
    expect(existsSync(join(sourcesDir, 'PROVENANCE.md'))).toBe(true);
  });
});

describe('buildOrgUnitSeed with the bundled data', () => {
  it('has one world, the UN regions and 249 countries and territories', () => {
    const countries = seed.filter((u) => u.kind === 'country');
    expect(countries).toHaveLength(249);
    expect(seed.filter((u) => u.kind === 'world').map((u) => u.code)).toEqual(['001']);
    // 5 regions + 17 sub-regions + 8 intermediate regions
    expect(seed.filter((u) => u.kind === 'region')).toHaveLength(29);
  });

  it('uses unique codes', () => {
    expect(new Set(seed.map((u) => u.code)).size).toBe(seed.length);
  });

  it('lists every parent before its children, and only the world has no parent', () => {
    const seen = new Set<string>();
    for (const u of seed) {
      if (u.parentCode === null) expect(u.kind).toBe('world');
      else expect(seen.has(u.parentCode), `${u.code} before its parent ${u.parentCode}`).toBe(true);
      seen.add(u.code);
    }
    expect(seed[0]?.code).toBe('001');
  });

  it('is deterministic', () => {
    expect(loadBundledOrgUnitSeed(sourcesDir)).toEqual(seed);
  });

  it('puts Guatemala under Central America > Latin America and the Caribbean > Americas > World', () => {
    expect(ancestors('GTM')).toEqual(['013', '419', '019', '001']);
    const gtm = unit('GTM');
    expect(gtm).toEqual({
      code: 'GTM',
      kind: 'country',
      parentCode: '013',
      nameEs: 'Guatemala',
      nameEn: 'Guatemala',
      iso2: 'GT',
      m49: '320',
    });
  });

  it('has the Spanish names of LAC countries', () => {
    expect(unit('MEX').nameEs).toBe('México');
    expect(unit('MEX').nameEn).toBe('Mexico');
    expect(unit('BRA').nameEs).toBe('Brasil');
    expect(unit('BRA').nameEn).toBe('Brazil');
    expect(unit('HTI').nameEs).toBe('Haití');
    expect(unit('DOM').nameEs).toBe('República Dominicana');
  });

  it('uses the UN form for the Falkland Islands (Malvinas)', () => {
    expect(unit('FLK').nameEn).toBe('Falkland Islands (Malvinas)');
    expect(unit('FLK').nameEs).toBe('Islas Malvinas (Falkland Islands)');
    expect(unit('FLK').parentCode).toBe('005');
  });

  it('strips the UNTERM article and footnote marks from other countries', () => {
    expect(unit('USA').nameEn).toBe('United States of America');
    expect(unit('USA').nameEs).toBe('Estados Unidos de América');
    expect(unit('NLD').nameEn).toBe('Netherlands');
    expect(unit('NLD').nameEs).toBe('Países Bajos');
    expect(unit('VAT').nameEn).toBe('Holy See');
    expect(unit('COK').nameEs).toBe('Islas Cook');
    for (const u of seed) {
      expect(u.nameEn, u.code).not.toMatch(/^the |\((the|el|la|los|las)\)|\*$/i);
      expect(u.nameEs, u.code).not.toMatch(/\((el|la|los|las)\)|\*$/);
      expect(u.nameEs.length).toBeGreaterThan(0);
      expect(u.nameEn.length).toBeGreaterThan(0);
    }
  });

  it('includes territories, and puts Antarctica directly under the world', () => {
    expect(ancestors('ABW')).toEqual(['029', '419', '019', '001']);
    expect(ancestors('PRI')).toEqual(['029', '419', '019', '001']);
    expect(unit('ATA').parentCode).toBe('001');
  });

  it('pads M49 codes to three digits', () => {
    expect(unit('AFG').m49).toBe('004');
    expect(unit('019').parentCode).toBe('001');
    for (const u of seed) {
      expect(u.m49).toMatch(/^\d{3}$/);
      if (u.kind === 'country') {
        expect(u.code).toMatch(/^[A-Z]{3}$/);
        expect(u.iso2).toMatch(/^[A-Z]{2}$/);
      } else {
        expect(u.code).toBe(u.m49);
        expect(u.iso2).toBeNull();
      }
    }
  });

  it('has a Spanish name for every region, taken from the M49 table', () => {
    for (const u of seed.filter((x) => x.kind !== 'country')) {
      expect(M49_REGION_NAMES_ES[u.code], `Spanish name of region ${u.code} ${u.nameEn}`).toBeDefined();
      expect(u.nameEs).toBe(M49_REGION_NAMES_ES[u.code]);
    }
    expect(unit('419').nameEs).toBe('América Latina y el Caribe');
    expect(unit('029').nameEs).toBe('Caribe');
    expect(unit('013').nameEs).toBe('Centroamérica');
    expect(unit('005').nameEs).toBe('América del Sur');
    expect(unit('021').nameEs).toBe('América septentrional');
    expect(unit('019').nameEs).toBe('Américas');
    expect(unit('019').nameEn).toBe('Americas');
    expect(unit('001').nameEs).toBe('Mundo');
    expect(unit('001').nameEn).toBe('World');
  });

  it('links regions: intermediate > sub-region > region > world', () => {
    expect(ancestors('014')).toEqual(['202', '002', '001']);
    expect(ancestors('039')).toEqual(['150', '001']);
    expect(ancestors('419')).toEqual(['019', '001']);
    expect(ancestors('021')).toEqual(['019', '001']);
  });

  it('has the 33 independent LAC states, all under 419, and every LAC area there', () => {
    const independent = lacRows.filter((r) => r.is_independent === 'Yes').map((r) => r.iso3 ?? '');
    expect(independent).toHaveLength(33);
    for (const iso3 of independent) {
      expect(ancestors(iso3), iso3).toContain('419');
    }
    for (const r of lacRows) {
      const u = unit(r.iso3 ?? '');
      expect(ancestors(u.code), u.code).toContain('419');
      if (u.code !== 'FLK') {
        expect(u.nameEs).toBe(r.name_es);
        expect(u.nameEn).toBe(r.name_en);
      }
    }
    const underLac = seed.filter((u) => u.kind === 'country' && ancestors(u.code).includes('419'));
    expect(underLac).toHaveLength(lacRows.length);
  });
});

describe('buildOrgUnitSeed rules on small inputs', () => {
  const header =
    'ISO3166-1-Alpha-3,ISO3166-1-Alpha-2,M49,Region Code,Region Name,Sub-region Code,Sub-region Name,' +
    'Intermediate Region Code,Intermediate Region Name,UNTERM English Short,UNTERM Spanish Short,' +
    'CLDR display name,official_name_en,official_name_es';
  const lacHeader = 'iso2,iso3,m49,name_en,name_es';

  it('skips rows without alpha-3 or M49 code and falls back to official and CLDR names', () => {
    const csv = [
      '\uFEFF' + header,
      'XKX,XK,,150,Europe,039,Southern Europe,,,Kosovo,Kosovo,Kosovo,Kosovo,Kosovo',
      ',,680,150,Europe,154,Northern Europe,,,Sark,Sark,Sark,Sark,Sark',
      'TTT,TT,5,,,,,,,,,Testland,Official Testland,Tierra de Prueba',
      'UUU,UU,6,,,,,,,,,Cldrland,,',
    ].join('\n');
    const out = buildOrgUnitSeed(csv, lacHeader + '\n');
    expect(out.map((u) => u.code)).toEqual(['001', 'TTT', 'UUU']);
    expect(out[1]).toMatchObject({ parentCode: '001', nameEn: 'Official Testland', nameEs: 'Tierra de Prueba', m49: '005' });
    expect(out[2]).toMatchObject({ nameEn: 'Cldrland', nameEs: 'Cldrland', m49: '006' });
  });

  it('fails loudly when a region has no Spanish name', () => {
    const csv = [header, 'AAA,AA,7,999,Nowhere,,,,,A,A,A,A,A'].join('\n');
    expect(() => buildOrgUnitSeed(csv, lacHeader)).toThrow(/Spanish name .*999/);
  });
});

describe('name and code helpers', () => {
  it('cleans UNTERM short names', () => {
    expect(cleanUntermName('Bahamas (the)')).toBe('Bahamas');
    expect(cleanUntermName('Bahamas (las)')).toBe('Bahamas');
    expect(cleanUntermName('Cook Islands (the) **')).toBe('Cook Islands');
    expect(cleanUntermName('the Gambia')).toBe('Gambia');
    expect(cleanUntermName('Bolivia (Plurinational State of)')).toBe('Bolivia (Plurinational State of)');
    expect(cleanUntermName('')).toBe('');
  });

  it('pads M49 codes', () => {
    expect(padM49('19')).toBe('019');
    expect(padM49('4')).toBe('004');
    expect(padM49('419')).toBe('419');
    expect(padM49('')).toBe('');
    expect(padM49('x')).toBe('');
  });
});

describe('the bundled ISO 3166-2 divisions', () => {
  const divisions = loadBundledDivisions(sourcesDir);
  const division = (code: string): SeedDivision => {
    const d = divisions.find((x) => x.code === code);
    if (!d) throw new Error(`missing ${code}`);
    return d;
  };

  it('holds the first level of every country that has one, each under a country of the tree', () => {
    expect(existsSync(join(sourcesDir, SUBDIVISIONS_FILE))).toBe(true);
    expect(divisions).toHaveLength(3685);
    const countryIso2 = new Set(seed.filter((u) => u.kind === 'country').map((u) => u.iso2));
    for (const d of divisions) expect(countryIso2.has(d.countryIso2), d.code).toBe(true);
    expect(new Set(divisions.map((d) => d.countryIso2)).size).toBe(200);
    expect(divisions.filter((d) => d.countryIso2 === 'GT')).toHaveLength(22);
    expect(divisions.filter((d) => d.countryIso2 === 'MX')).toHaveLength(32);
    expect(divisions.filter((d) => d.countryIso2 === 'SV')).toHaveLength(14);
    expect(divisions.filter((d) => d.countryIso2 === 'HN')).toHaveLength(18);
  });

  it('names them in Spanish where iso-codes translates, in the English (official) form otherwise', () => {
    expect(division('GT-SA')).toEqual({ code: 'GT-SA', countryIso2: 'GT', nameEn: 'Sacatepéquez', nameEs: 'Sacatepéquez' });
    expect(division('CA-BC')).toMatchObject({ nameEn: 'British Columbia', nameEs: 'Columbia Británica' });
    expect(division('MX-CMX').nameEs).toBe('Ciudad de México');
  });

  it('leaves out what ISO 3166-1 codes as countries of their own, and the levels below the first', () => {
    for (const code of ['US-PR', 'FR-GF', 'CN-HK', 'NL-AW']) expect(divisions.some((d) => d.code === code), code).toBe(false);
    // Spain's first level is its autonomous communities, not its provinces.
    expect(divisions.some((d) => d.code === 'ES-AN')).toBe(true);
    expect(divisions.some((d) => d.code === 'ES-SE')).toBe(false);
  });

  it('refuses a malformed file', () => {
    const header = 'country_iso2,code,type,name_en,name_es\n';
    expect(() => buildDivisionSeed(header + 'GT,HN-AT,Department,Atlántida,\n')).toThrow(/bad row/);
    expect(() => buildDivisionSeed(header + 'GT,GT-AV,Department,Alta Verapaz,\nGT,GT-AV,Department,Alta Verapaz,\n')).toThrow(/twice/);
    expect(buildDivisionSeed(header + 'GT,GT-AV,Department,Alta Verapaz,\n')).toEqual([{ code: 'GT-AV', countryIso2: 'GT', nameEn: 'Alta Verapaz', nameEs: 'Alta Verapaz' }]);
  });
});

describe('planDivisionSeed', () => {
  const bundled: SeedDivision[] = [
    { code: 'GT-AV', countryIso2: 'GT', nameEs: 'Alta Verapaz', nameEn: 'Alta Verapaz' },
    { code: 'GT-PE', countryIso2: 'GT', nameEs: 'Petén', nameEn: 'Petén' },
    { code: 'GT-GU', countryIso2: 'GT', nameEs: 'Guatemala', nameEn: 'Guatemala' },
    { code: 'XX-01', countryIso2: 'XX', nameEs: 'Nowhere', nameEn: 'Nowhere' },
  ];
  const countries = [{ code: 'GTM', iso2: 'GT' }];

  it('creates every division on a tree that has none, under its country, and skips countries the tree lacks', () => {
    const plan = planDivisionSeed(bundled, { countries, knownCodes: new Set(['GTM']), divisions: [] });
    expect(plan.create.map((d) => [d.code, d.countryCode])).toEqual([
      ['GT-AV', 'GTM'],
      ['GT-PE', 'GTM'],
      ['GT-GU', 'GTM'],
    ]);
    expect(plan.attach).toEqual([]);
  });

  it('leaves alone a division whose ISO code a unit carries, whatever its name now is', () => {
    const plan = planDivisionSeed(bundled, {
      countries,
      knownCodes: new Set(['GTM', 'GT-AV', 'GT-PE', 'GT-GU']),
      divisions: [{ id: 'u1', countryCode: 'GTM', nameEs: 'Nombre que puso un administrador', nameEn: 'Renamed', hasIsoCode: true }],
    });
    expect(plan).toEqual({ create: [], attach: [] });
  });

  it('gives the ISO code to the one division of the country with the same name, and none to two of them', () => {
    const plan = planDivisionSeed(bundled, {
      countries,
      knownCodes: new Set(['GTM', 'GT16', 'GT01', 'GT01B']),
      divisions: [
        { id: 'gt16', countryCode: 'GTM', nameEs: 'ALTA  VERAPAZ', nameEn: 'Alta Verapaz', hasIsoCode: false },
        { id: 'gt01', countryCode: 'GTM', nameEs: 'Guatemala', nameEn: 'Guatemala', hasIsoCode: false },
        { id: 'gt01b', countryCode: 'GTM', nameEs: 'Guatemala', nameEn: 'Guatemala', hasIsoCode: false },
      ],
    });
    expect(plan.attach).toEqual([{ orgUnitId: 'gt16', code: 'GT-AV' }]);
    expect(plan.create.map((d) => d.code)).toEqual(['GT-PE', 'GT-GU']);
  });
});

describe('matchBundledDivisions', () => {
  const untouched = [
    { id: 'gt-gu', countryCode: 'GTM', nameEs: 'Guatemala', nameEn: 'Guatemala' },
    { id: 'gt-sa', countryCode: 'GTM', nameEs: 'Sacatepéquez', nameEn: 'Sacatepéquez' },
    { id: 'hn-at', countryCode: 'HND', nameEs: 'Atlántida', nameEn: 'Atlántida' },
  ];
  const row = (code: string, nameEs: string, parentCode: string, kind: 'division' | 'municipality' = 'division') => ({ code, nameEs, nameEn: nameEs, parentCode, kind });

  it('takes a division row under a country for the bundled division of that country with its name, once', () => {
    const rows = [row('GT01', 'Guatemala', 'GTM'), row('GT03', 'SACATEPEQUEZ', 'gtm'), row('GT01B', 'Guatemala', 'GTM'), row('GT0101', 'Guatemala', 'GT01', 'municipality'), row('SV01', 'Atlántida', 'SLV'), row('GT77', 'Departamento', 'GTM')];
    const matched = matchBundledDivisions(rows, untouched);
    expect([...matched].map(([r, u]) => [r.code, u.id])).toEqual([
      ['GT01', 'gt-gu'],
      ['GT03', 'gt-sa'],
    ]);
  });
});
