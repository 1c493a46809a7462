import type { Lang } from './i18n';

/**
 * Country codes the pages need without asking the server: ISO 3166-1 alpha-3 -> numeric (the ids of world-atlas)
 * and alpha-2 (for the browser's own localised names through Intl.DisplayNames), and the 52 areas of Latin America
 * and the Caribbean (UN M49) with their sub-region. Taken from data/sources/country-codes.csv and
 * lac_countries_un_m49.csv. Shared by the evidence pages (maps, profiles), remittance projects and reintegration
 * (the country a returnee came back from).
 */

const WORLD = 'ABW,533,AW;AFG,004,AF;AGO,024,AO;AIA,660,AI;ALA,248,AX;ALB,008,AL;AND,020,AD;ARE,784,AE;ARG,032,AR;ARM,051,AM;ASM,016,AS;ATA,010,AQ;ATF,260,TF;ATG,028,AG;AUS,036,AU;AUT,040,AT;AZE,031,AZ;BDI,108,BI;BEL,056,BE;BEN,204,BJ;BES,535,BQ;BFA,854,BF;BGD,050,BD;BGR,100,BG;BHR,048,BH;BHS,044,BS;BIH,070,BA;BLM,652,BL;BLR,112,BY;BLZ,084,BZ;BMU,060,BM;BOL,068,BO;BRA,076,BR;BRB,052,BB;BRN,096,BN;BTN,064,BT;BVT,074,BV;BWA,072,BW;CAF,140,CF;CAN,124,CA;CCK,166,CC;CHE,756,CH;CHL,152,CL;CHN,156,CN;CIV,384,CI;CMR,120,CM;COD,180,CD;COG,178,CG;COK,184,CK;COL,170,CO;COM,174,KM;CPV,132,CV;CRI,188,CR;CUB,192,CU;CUW,531,CW;CXR,162,CX;CYM,136,KY;CYP,196,CY;CZE,203,CZ;DEU,276,DE;DJI,262,DJ;DMA,212,DM;DNK,208,DK;DOM,214,DO;DZA,012,DZ;ECU,218,EC;EGY,818,EG;ERI,232,ER;ESH,732,EH;ESP,724,ES;EST,233,EE;ETH,231,ET;FIN,246,FI;FJI,242,FJ;FLK,238,FK;FRA,250,FR;FRO,234,FO;FSM,583,FM;GAB,266,GA;GBR,826,GB;GEO,268,GE;GGY,831,GG;GHA,288,GH;GIB,292,GI;GIN,324,GN;GLP,312,GP;GMB,270,GM;GNB,624,GW;GNQ,226,GQ;GRC,300,GR;GRD,308,GD;GRL,304,GL;GTM,320,GT;GUF,254,GF;GUM,316,GU;GUY,328,GY;HKG,344,HK;HMD,334,HM;HND,340,HN;HRV,191,HR;HTI,332,HT;HUN,348,HU;IDN,360,ID;IMN,833,IM;IND,356,IN;IOT,086,IO;IRL,372,IE;IRN,364,IR;IRQ,368,IQ;ISL,352,IS;ISR,376,IL;ITA,380,IT;JAM,388,JM;JEY,832,JE;JOR,400,JO;JPN,392,JP;KAZ,398,KZ;KEN,404,KE;KGZ,417,KG;KHM,116,KH;KIR,296,KI;KNA,659,KN;KOR,410,KR;KWT,414,KW;LAO,418,LA;LBN,422,LB;LBR,430,LR;LBY,434,LY;LCA,662,LC;LIE,438,LI;LKA,144,LK;LSO,426,LS;LTU,440,LT;LUX,442,LU;LVA,428,LV;MAC,446,MO;MAF,663,MF;MAR,504,MA;MCO,492,MC;MDA,498,MD;MDG,450,MG;MDV,462,MV;MEX,484,MX;MHL,584,MH;MKD,807,MK;MLI,466,ML;MLT,470,MT;MMR,104,MM;MNE,499,ME;MNG,496,MN;MNP,580,MP;MOZ,508,MZ;MRT,478,MR;MSR,500,MS;MTQ,474,MQ;MUS,480,MU;MWI,454,MW;MYS,458,MY;MYT,175,YT;NAM,516,NA;NCL,540,NC;NER,562,NE;NFK,574,NF;NGA,566,NG;NIC,558,NI;NIU,570,NU;NLD,528,NL;NOR,578,NO;NPL,524,NP;NRU,520,NR;NZL,554,NZ;OMN,512,OM;PAK,586,PK;PAN,591,PA;PCN,612,PN;PER,604,PE;PHL,608,PH;PLW,585,PW;PNG,598,PG;POL,616,PL;PRI,630,PR;PRK,408,KP;PRT,620,PT;PRY,600,PY;PSE,275,PS;PYF,258,PF;QAT,634,QA;REU,638,RE;ROU,642,RO;RUS,643,RU;RWA,646,RW;SAU,682,SA;SDN,729,SD;SEN,686,SN;SGP,702,SG;SGS,239,GS;SHN,654,SH;SJM,744,SJ;SLB,090,SB;SLE,694,SL;SLV,222,SV;SMR,674,SM;SOM,706,SO;SPM,666,PM;SRB,688,RS;SSD,728,SS;STP,678,ST;SUR,740,SR;SVK,703,SK;SVN,705,SI;SWE,752,SE;SWZ,748,SZ;SXM,534,SX;SYC,690,SC;SYR,760,SY;TCA,796,TC;TCD,148,TD;TGO,768,TG;THA,764,TH;TJK,762,TJ;TKL,772,TK;TKM,795,TM;TLS,626,TL;TON,776,TO;TTO,780,TT;TUN,788,TN;TUR,792,TR;TUV,798,TV;TWN,158,TW;TZA,834,TZ;UGA,800,UG;UKR,804,UA;UMI,581,UM;URY,858,UY;USA,840,US;UZB,860,UZ;VAT,336,VA;VCT,670,VC;VEN,862,VE;VGB,092,VG;VIR,850,VI;VNM,704,VN;VUT,548,VU;WLF,876,WF;WSM,882,WS;YEM,887,YE;ZAF,710,ZA;ZMB,894,ZM;ZWE,716,ZW';

export interface WorldCode {
  iso3: string;
  numeric: string;
  iso2: string;
}

let byIso3: Map<string, WorldCode> | null = null;
function table(): Map<string, WorldCode> {
  if (!byIso3) {
    byIso3 = new Map();
    for (const item of WORLD.split(';')) {
      const [iso3, numeric, iso2] = item.split(',') as [string, string, string];
      byIso3.set(iso3, { iso3, numeric, iso2 });
    }
  }
  return byIso3;
}

export function worldCode(iso3: string): WorldCode | undefined {
  return table().get(iso3);
}

/** iso3 of a world-atlas feature id (ISO numeric). */
export function iso3OfNumeric(numeric: string): string | undefined {
  for (const c of table().values()) if (c.numeric === numeric) return c.iso3;
  return undefined;
}

export type SubRegion = '013' | '029' | '005';

export interface LacCountry {
  iso3: string;
  iso2: string;
  region: SubRegion;
  nameEs: string;
  nameEn: string;
  independent: boolean;
}

export const LAC: readonly LacCountry[] = (
  [
  ['ABW', 'AW', '029', 'Aruba', 'Aruba', false],
  ['AIA', 'AI', '029', 'Anguila', 'Anguilla', false],
  ['ARG', 'AR', '005', 'Argentina', 'Argentina', true],
  ['ATG', 'AG', '029', 'Antigua y Barbuda', 'Antigua and Barbuda', true],
  ['BES', 'BQ', '029', 'Bonaire, San Eustaquio y Saba', 'Bonaire, Sint Eustatius and Saba', false],
  ['BHS', 'BS', '029', 'Bahamas', 'Bahamas', true],
  ['BLM', 'BL', '029', 'Saint Barthélemy', 'Saint Barthélemy', false],
  ['BLZ', 'BZ', '013', 'Belice', 'Belize', true],
  ['BOL', 'BO', '005', 'Bolivia', 'Bolivia', true],
  ['BRA', 'BR', '005', 'Brasil', 'Brazil', true],
  ['BRB', 'BB', '029', 'Barbados', 'Barbados', true],
  ['BVT', 'BV', '005', 'Isla Bouvet', 'Bouvet Island', false],
  ['CHL', 'CL', '005', 'Chile', 'Chile', true],
  ['COL', 'CO', '005', 'Colombia', 'Colombia', true],
  ['CRI', 'CR', '013', 'Costa Rica', 'Costa Rica', true],
  ['CUB', 'CU', '029', 'Cuba', 'Cuba', true],
  ['CUW', 'CW', '029', 'Curaçao', 'Curaçao', false],
  ['CYM', 'KY', '029', 'Islas Caimán', 'Cayman Islands', false],
  ['DMA', 'DM', '029', 'Dominica', 'Dominica', true],
  ['DOM', 'DO', '029', 'República Dominicana', 'Dominican Republic', true],
  ['ECU', 'EC', '005', 'Ecuador', 'Ecuador', true],
  ['FLK', 'FK', '005', 'Islas Malvinas', 'Falkland Islands (Malvinas)', false],
  ['GLP', 'GP', '029', 'Guadalupe', 'Guadeloupe', false],
  ['GRD', 'GD', '029', 'Granada', 'Grenada', true],
  ['GTM', 'GT', '013', 'Guatemala', 'Guatemala', true],
  ['GUF', 'GF', '005', 'Guayana Francesa', 'French Guiana', false],
  ['GUY', 'GY', '005', 'Guyana', 'Guyana', true],
  ['HND', 'HN', '013', 'Honduras', 'Honduras', true],
  ['HTI', 'HT', '029', 'Haití', 'Haiti', true],
  ['JAM', 'JM', '029', 'Jamaica', 'Jamaica', true],
  ['KNA', 'KN', '029', 'Saint Kitts y Nevis', 'Saint Kitts and Nevis', true],
  ['LCA', 'LC', '029', 'Santa Lucía', 'Saint Lucia', true],
  ['MAF', 'MF', '029', 'Saint Martin (francesa)', 'Saint Martin (French part)', false],
  ['MEX', 'MX', '013', 'México', 'Mexico', true],
  ['MSR', 'MS', '029', 'Montserrat', 'Montserrat', false],
  ['MTQ', 'MQ', '029', 'Martinica', 'Martinique', false],
  ['NIC', 'NI', '013', 'Nicaragua', 'Nicaragua', true],
  ['PAN', 'PA', '013', 'Panamá', 'Panama', true],
  ['PER', 'PE', '005', 'Perú', 'Peru', true],
  ['PRI', 'PR', '029', 'Puerto Rico', 'Puerto Rico', false],
  ['PRY', 'PY', '005', 'Paraguay', 'Paraguay', true],
  ['SGS', 'GS', '005', 'Georgia del Sur y las Islas Sandwich del Sur', 'South Georgia and the South Sandwich Islands', false],
  ['SLV', 'SV', '013', 'El Salvador', 'El Salvador', true],
  ['SUR', 'SR', '005', 'Suriname', 'Suriname', true],
  ['SXM', 'SX', '029', 'Sint Maarten (neerlandesa)', 'Sint Maarten (Dutch part)', false],
  ['TCA', 'TC', '029', 'Islas Turcas y Caicos', 'Turks and Caicos Islands', false],
  ['TTO', 'TT', '029', 'Trinidad y Tobago', 'Trinidad and Tobago', true],
  ['URY', 'UY', '005', 'Uruguay', 'Uruguay', true],
  ['VCT', 'VC', '029', 'San Vicente y las Granadinas', 'Saint Vincent and the Grenadines', true],
  ['VEN', 'VE', '005', 'Venezuela', 'Venezuela', true],
  ['VGB', 'VG', '029', 'Islas Vírgenes británicas', 'Virgin Islands, British', false],
  ['VIR', 'VI', '029', 'Islas Vírgenes de los Estados Unidos', 'Virgin Islands, U.S.', false],
  ] as const
).map(([iso3, iso2, region, nameEs, nameEn, independent]) => ({ iso3, iso2, region: region as SubRegion, nameEs, nameEn, independent }));

/** The regions a profile exists for, by M49 code. */
export const REGIONS = ['419', '013', '029', '005'] as const;
export type RegionCode = (typeof REGIONS)[number];

export function isRegion(code: string): code is RegionCode {
  return (REGIONS as readonly string[]).includes(code);
}

const lacByIso3 = new Map(LAC.map((c) => [c.iso3, c]));
const displayNames = new Map<Lang, Intl.DisplayNames | null>();

function regionNames(lang: Lang): Intl.DisplayNames | null {
  if (!displayNames.has(lang)) {
    try {
      displayNames.set(lang, new Intl.DisplayNames([lang], { type: 'region' }));
    } catch {
      displayNames.set(lang, null);
    }
  }
  return displayNames.get(lang) ?? null;
}

/**
 * A country's name in the reader's language: the UN names of Latin America and the Caribbean in Spanish and
 * English, else the browser's own short names ("Estados Unidos", "Corea del Sur"), which read better than official
 * ones; undefined for a code neither knows.
 */
export function countryName(iso3: string, lang: Lang): string | undefined {
  const lac = lacByIso3.get(iso3);
  if (lac && (lang === 'es' || lang === 'en')) return lang === 'es' ? lac.nameEs : lac.nameEn;
  const iso2 = worldCode(iso3)?.iso2;
  const name = iso2 ? regionNames(lang)?.of(iso2) : undefined;
  if (name && name !== iso2) return name;
  return lac?.nameEn;
}

/** Every country of ISO 3166-1 as options of a list, by name in the reader's language. */
export function countryOptions(lang: Lang, locale: string): { value: string; label: string }[] {
  return [...table().keys()]
    .map((iso3) => ({ value: iso3, label: countryName(iso3, lang) ?? iso3 }))
    .sort((a, b) => a.label.localeCompare(b.label, locale));
}
