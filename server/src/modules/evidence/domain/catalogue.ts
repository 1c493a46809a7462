import type { Operand } from './indicators.js';

/**
 * The bundled catalogue: sources (one per release), the data elements loaded from each bundled file, and the starting
 * indicators. Stored as rows at start (upserted), so an analyst adds indicators as data, not code.
 */

export interface SourceDef {
  id: string;
  fileName: string;
  titleEs: string;
  titleEn: string;
  publisher: string;
  licence: string;
  vintage: string;
  url: string;
  kind: 'published' | 'estimate';
}

export const SOURCES: readonly SourceDef[] = [
  {
    id: 'undesa_ims_2020',
    fileName: 'undesa_ims2020_bilateral_by_sex.csv',
    titleEs: 'DAES de las Naciones Unidas, International Migrant Stock 2020 (POP/DB/MIG/Stock/Rev.2020)',
    titleEn: 'UN DESA Population Division, International Migrant Stock 2020 (POP/DB/MIG/Stock/Rev.2020)',
    publisher: 'UN DESA Population Division',
    licence: 'CC BY 3.0 IGO',
    vintage: 'Rev.2020',
    url: 'https://www.un.org/development/desa/pd/content/international-migrant-stock',
    kind: 'published',
  },
  {
    id: 'wdi_2024_05',
    fileName: 'wdi_pull_2024_gdiviz.csv',
    titleEs: 'Banco Mundial, Indicadores del Desarrollo Mundial (extracción de mayo de 2024)',
    titleEn: 'World Bank, World Development Indicators (pulled May 2024)',
    publisher: 'World Bank',
    licence: 'CC BY 4.0',
    vintage: '2024-05',
    url: 'https://databank.worldbank.org/source/world-development-indicators',
    kind: 'published',
  },
  {
    id: 'wdi_2023_05',
    fileName: 'wdi_remittances_2023-05_long.csv',
    titleEs: 'Banco Mundial, Indicadores del Desarrollo Mundial, archivos masivos del 10-05-2023 (remesas y costos)',
    titleEn: 'World Bank, World Development Indicators, bulk files of 2023-05-10 (remittances and costs)',
    publisher: 'World Bank',
    licence: 'CC BY 4.0',
    vintage: '2023-05-10',
    url: 'https://databank.worldbank.org/source/world-development-indicators',
    kind: 'published',
  },
  {
    id: 'wdi_gdp',
    fileName: 'wdi_gdp_current_usd.csv',
    titleEs: 'Banco Mundial, PIB (US$ a precios actuales), NY.GDP.MKTP.CD',
    titleEn: 'World Bank, GDP (current US$), NY.GDP.MKTP.CD',
    publisher: 'World Bank',
    licence: 'CC BY 4.0',
    vintage: '1960-2023 release (datahub datasets/gdp 822019c)',
    url: 'https://data.worldbank.org/indicator/NY.GDP.MKTP.CD',
    kind: 'published',
  },
  {
    id: 'wdi_population',
    fileName: 'wdi_population.csv',
    titleEs: 'Banco Mundial, Población total, SP.POP.TOTL (revisión 2024)',
    titleEn: 'World Bank, Population, total, SP.POP.TOTL (2024 revision)',
    publisher: 'World Bank',
    licence: 'CC BY 4.0',
    vintage: '2024 revision (datahub datasets/population 425fc44)',
    url: 'https://data.worldbank.org/indicator/SP.POP.TOTL',
    kind: 'published',
  },
  {
    id: 'wb_bilateral_remittances_2017',
    fileName: 'WB_Bilateral_Remittance_Estimates_2017_long.csv',
    titleEs: 'Banco Mundial-KNOMAD, estimaciones bilaterales de remesas 2017 (versión de abril de 2018)',
    titleEn: 'World Bank-KNOMAD, bilateral remittance estimates 2017 (April 2018 version)',
    publisher: 'World Bank / KNOMAD',
    licence: 'CC BY 4.0',
    vintage: '2018-04',
    url: 'https://www.knomad.org/data/remittances',
    kind: 'estimate',
  },
  {
    id: 'wb_bilateral_stocks_2017',
    fileName: 'WB_Bilateral_Estimates_Migrant_Stocks_2017_long.csv',
    titleEs: 'Banco Mundial, estimaciones bilaterales de stock de migrantes 2017 (base de la matriz de remesas)',
    titleEn: 'World Bank, bilateral migrant stock estimates 2017 (basis of the remittance matrix)',
    publisher: 'World Bank',
    licence: 'CC BY 4.0',
    vintage: '2018-04',
    url: 'https://www.knomad.org/data/remittances',
    kind: 'estimate',
  },
  {
    id: 'rpw_databank_2020q3',
    fileName: 'rpw_corridor_avg_cost_2011Q1-2020Q3_long.csv',
    titleEs: 'Banco Mundial, Remittance Prices Worldwide: costo total promedio por corredor de enviar US$200 (serie ATCR.CORR)',
    titleEn: 'World Bank, Remittance Prices Worldwide: corridor average total cost of sending US$200 (series ATCR.CORR)',
    publisher: 'World Bank',
    licence: 'CC BY 4.0',
    vintage: '2011Q1-2020Q3 (DataBank)',
    url: 'https://remittanceprices.worldbank.org',
    kind: 'published',
  },
  {
    id: 'rpw_2025q1',
    fileName: 'rpw_corridor_avg_2016Q2-2025Q1.csv',
    titleEs: 'Banco Mundial, Remittance Prices Worldwide: medias simples por corredor calculadas del libro oficial de RPW',
    titleEn: 'World Bank, Remittance Prices Worldwide: corridor simple means computed from the official RPW workbook',
    publisher: 'World Bank',
    licence: 'CC BY 4.0',
    vintage: '2016Q2-2025Q1',
    url: 'https://remittanceprices.worldbank.org',
    kind: 'published',
  },
];

export interface DataElementDef {
  id: string;
  sourceId: string;
  code: string | null;
  nameEs: string;
  nameEn: string;
  unit: 'persons' | 'usd' | 'usd_million' | 'pct' | 'number' | 'per_1000' | 'usd_2017_ppp';
  periodType: 'year' | 'quarter' | 'month';
  aggregation: 'sum' | 'none';
  bilateral?: boolean;
  bySex?: boolean;
  descriptionEs?: string;
  descriptionEn?: string;
}

const y = { periodType: 'year' } as const;
const q = { periodType: 'quarter' } as const;

export const DATA_ELEMENTS: readonly DataElementDef[] = [
  { id: 'migrant_stock', sourceId: 'undesa_ims_2020', code: null, nameEs: 'Stock de migrantes internacionales por origen y destino', nameEn: 'International migrant stock by origin and destination', unit: 'persons', ...y, aggregation: 'sum', bilateral: true, bySex: true, descriptionEs: 'Personas nacidas en el país de origen (socio) que viven en el país de destino (unidad).', descriptionEn: 'People born in the origin country (partner) living in the destination country (unit).' },
  { id: 'immigrants', sourceId: 'undesa_ims_2020', code: null, nameEs: 'Inmigrantes (población nacida en el extranjero)', nameEn: 'Immigrants (foreign-born population)', unit: 'persons', ...y, aggregation: 'sum', bySex: true, descriptionEs: 'Suma sobre los orígenes, incluido el origen desconocido.', descriptionEn: 'Sum over origins, unknown origin included.' },
  { id: 'emigrants', sourceId: 'undesa_ims_2020', code: null, nameEs: 'Emigrantes (nacidos en el país que viven en el extranjero)', nameEn: 'Emigrants (born in the country, living abroad)', unit: 'persons', ...y, aggregation: 'sum', bySex: true, descriptionEs: 'Suma sobre los destinos.', descriptionEn: 'Sum over destinations.' },
  { id: 'remittances_received_usd', sourceId: 'wdi_2024_05', code: 'BX.TRF.PWKR.CD.DT', nameEs: 'Remesas personales recibidas (US$ corrientes)', nameEn: 'Personal remittances, received (current US$)', unit: 'usd', ...y, aggregation: 'sum' },
  { id: 'remittances_paid_usd', sourceId: 'wdi_2024_05', code: 'BM.TRF.PWKR.CD.DT', nameEs: 'Remesas personales pagadas (US$ corrientes)', nameEn: 'Personal remittances, paid (current US$)', unit: 'usd', ...y, aggregation: 'sum' },
  { id: 'population_wdi_2024_05', sourceId: 'wdi_2024_05', code: 'SP.POP.TOTL', nameEs: 'Población total (extracción WDI de mayo de 2024)', nameEn: 'Population, total (WDI pull of May 2024)', unit: 'persons', ...y, aggregation: 'sum' },
  { id: 'net_migration', sourceId: 'wdi_2024_05', code: 'SM.POP.NETM', nameEs: 'Migración neta', nameEn: 'Net migration', unit: 'persons', ...y, aggregation: 'sum' },
  { id: 'gdp_per_capita_ppp', sourceId: 'wdi_2024_05', code: 'NY.GDP.PCAP.PP.KD', nameEs: 'PIB per cápita, PPA (US$ internacionales constantes de 2017)', nameEn: 'GDP per capita, PPP (constant 2017 international $)', unit: 'usd_2017_ppp', ...y, aggregation: 'none' },
  { id: 'unemployment_pct', sourceId: 'wdi_2024_05', code: 'SL.UEM.TOTL.ZS', nameEs: 'Desempleo (% de la población activa, estimación OIT)', nameEn: 'Unemployment (% of labour force, ILO estimate)', unit: 'pct', ...y, aggregation: 'none' },
  { id: 'inflation_pct', sourceId: 'wdi_2024_05', code: 'FP.CPI.TOTL.ZG', nameEs: 'Inflación, precios al consumidor (% anual)', nameEn: 'Inflation, consumer prices (annual %)', unit: 'pct', ...y, aggregation: 'none' },
  { id: 'fdi_inflows_usd', sourceId: 'wdi_2024_05', code: 'BX.KLT.DINV.CD.WD', nameEs: 'Inversión extranjera directa, entrada neta (US$)', nameEn: 'Foreign direct investment, net inflows (US$)', unit: 'usd', ...y, aggregation: 'sum' },
  { id: 'fdi_outflows_usd', sourceId: 'wdi_2024_05', code: 'BM.KLT.DINV.CD.WD', nameEs: 'Inversión extranjera directa, salida neta (US$)', nameEn: 'Foreign direct investment, net outflows (US$)', unit: 'usd', ...y, aggregation: 'sum' },
  { id: 'birth_rate', sourceId: 'wdi_2024_05', code: 'SP.DYN.CBRT.IN', nameEs: 'Tasa de natalidad (por 1.000 habitantes)', nameEn: 'Birth rate, crude (per 1,000 people)', unit: 'per_1000', ...y, aggregation: 'none' },
  { id: 'dependency_ratio', sourceId: 'wdi_2024_05', code: 'SP.POP.DPND', nameEs: 'Tasa de dependencia (% de la población en edad de trabajar)', nameEn: 'Age dependency ratio (% of working-age population)', unit: 'pct', ...y, aggregation: 'none' },
  { id: 'remittances_received_usd_2023_05', sourceId: 'wdi_2023_05', code: 'BX.TRF.PWKR.CD.DT', nameEs: 'Remesas personales recibidas (US$, archivos WDI de mayo de 2023)', nameEn: 'Personal remittances, received (US$, WDI files of May 2023)', unit: 'usd', ...y, aggregation: 'sum' },
  { id: 'remittances_paid_usd_2023_05', sourceId: 'wdi_2023_05', code: 'BM.TRF.PWKR.CD.DT', nameEs: 'Remesas personales pagadas (US$, archivos WDI de mayo de 2023)', nameEn: 'Personal remittances, paid (US$, WDI files of May 2023)', unit: 'usd', ...y, aggregation: 'sum' },
  { id: 'remittances_received_pct_gdp_published', sourceId: 'wdi_2023_05', code: 'BX.TRF.PWKR.DT.GD.ZS', nameEs: 'Remesas personales recibidas (% del PIB), publicado por el Banco Mundial', nameEn: 'Personal remittances, received (% of GDP), as published by the World Bank', unit: 'pct', ...y, aggregation: 'none' },
  { id: 'remittance_cost_to_pct', sourceId: 'wdi_2023_05', code: 'SI.RMT.COST.IB.ZS', nameEs: 'Costo promedio de enviar US$200 al país (%)', nameEn: 'Average transaction cost of sending US$200 to the country (%)', unit: 'pct', ...y, aggregation: 'none' },
  { id: 'remittance_cost_from_pct', sourceId: 'wdi_2023_05', code: 'SI.RMT.COST.OB.ZS', nameEs: 'Costo promedio de enviar US$200 desde el país (%)', nameEn: 'Average transaction cost of sending US$200 from the country (%)', unit: 'pct', ...y, aggregation: 'none' },
  { id: 'gdp_usd', sourceId: 'wdi_gdp', code: 'NY.GDP.MKTP.CD', nameEs: 'PIB (US$ a precios actuales)', nameEn: 'GDP (current US$)', unit: 'usd', ...y, aggregation: 'sum' },
  { id: 'population', sourceId: 'wdi_population', code: 'SP.POP.TOTL', nameEs: 'Población total', nameEn: 'Population, total', unit: 'persons', ...y, aggregation: 'sum' },
  { id: 'bilateral_remittances_2017', sourceId: 'wb_bilateral_remittances_2017', code: null, nameEs: 'Remesas bilaterales estimadas, del país remitente (socio) al receptor (unidad) (millones de US$)', nameEn: 'Estimated bilateral remittances, from the sending country (partner) to the receiving one (unit) (US$ million)', unit: 'usd_million', ...y, aggregation: 'sum', bilateral: true, descriptionEs: 'Estimaciones analíticas (asignación Ratha-Shaw), no flujos declarados.', descriptionEn: 'Analytical estimates (Ratha-Shaw allocation), not reported flows.' },
  { id: 'bilateral_stock_2017', sourceId: 'wb_bilateral_stocks_2017', code: null, nameEs: 'Stock bilateral de migrantes estimado 2017, del origen (socio) en el destino (unidad)', nameEn: 'Estimated bilateral migrant stock 2017, from the origin (partner) in the destination (unit)', unit: 'persons', ...y, aggregation: 'sum', bilateral: true },
  { id: 'rpw_cost_200_pct', sourceId: 'rpw_databank_2020q3', code: 'ATCR.CORR', nameEs: 'Costo total promedio de enviar US$200 por el corredor (%)', nameEn: 'Corridor average total cost of sending US$200 (%)', unit: 'pct', ...q, aggregation: 'none', bilateral: true, descriptionEs: 'Unidad: país receptor; socio: país remitente.', descriptionEn: 'Unit: receiving country; partner: sending country.' },
  { id: 'rpw_mean_cost_200_pct', sourceId: 'rpw_2025q1', code: null, nameEs: 'Costo medio de enviar US$200 por el corredor (%, media simple de proveedores)', nameEn: 'Mean cost of sending US$200 in the corridor (%, simple mean over providers)', unit: 'pct', ...q, aggregation: 'none', bilateral: true },
  { id: 'rpw_mean_cost_500_pct', sourceId: 'rpw_2025q1', code: null, nameEs: 'Costo medio de enviar US$500 por el corredor (%, media simple de proveedores)', nameEn: 'Mean cost of sending US$500 in the corridor (%, simple mean over providers)', unit: 'pct', ...q, aggregation: 'none', bilateral: true },
  { id: 'rpw_fx_margin_200_pct', sourceId: 'rpw_2025q1', code: null, nameEs: 'Margen cambiario medio al enviar US$200 (%)', nameEn: 'Mean exchange-rate margin sending US$200 (%)', unit: 'pct', ...q, aggregation: 'none', bilateral: true },
  { id: 'rpw_fx_margin_500_pct', sourceId: 'rpw_2025q1', code: null, nameEs: 'Margen cambiario medio al enviar US$500 (%)', nameEn: 'Mean exchange-rate margin sending US$500 (%)', unit: 'pct', ...q, aggregation: 'none', bilateral: true },
  { id: 'rpw_providers', sourceId: 'rpw_2025q1', code: null, nameEs: 'Proveedores encuestados en el corredor', nameEn: 'Providers surveyed in the corridor', unit: 'number', ...q, aggregation: 'none', bilateral: true },
];

/** WDI series codes to data element ids, per source file. */
export const WDI_CODES: Readonly<Record<string, Readonly<Record<string, string>>>> = Object.fromEntries(
  SOURCES.map((s) => [s.id, Object.fromEntries(DATA_ELEMENTS.filter((d) => d.sourceId === s.id && d.code).map((d) => [d.code!, d.id]))]),
);

export interface IndicatorDef {
  id: string;
  nameEs: string;
  nameEn: string;
  descriptionEs: string;
  descriptionEn: string;
  numerator: Operand;
  denominator: Operand | null;
  factor: number;
  constant: number;
  unit: string;
  decimals: number;
  publishedDe: string | null;
}

const ind = (d: Partial<IndicatorDef> & Pick<IndicatorDef, 'id' | 'nameEs' | 'nameEn' | 'numerator' | 'unit'>): IndicatorDef => ({
  descriptionEs: '',
  descriptionEn: '',
  denominator: null,
  factor: 1,
  constant: 0,
  decimals: 2,
  publishedDe: null,
  ...d,
});

export const INDICATORS: readonly IndicatorDef[] = [
  ind({ id: 'remittances_pct_gdp', nameEs: 'Remesas recibidas (% del PIB)', nameEn: 'Remittances received (% of GDP)', numerator: { de: 'remittances_received_usd' }, denominator: { de: 'gdp_usd' }, factor: 100, unit: 'pct', publishedDe: 'remittances_received_pct_gdp_published', descriptionEs: 'Donde el Banco Mundial publica la razón (BX.TRF.PWKR.DT.GD.ZS) se muestra la publicada; si no, remesas (WDI mayo 2024) / PIB (WDI).', descriptionEn: 'Where the World Bank publishes the ratio (BX.TRF.PWKR.DT.GD.ZS) the published one is shown; otherwise remittances (WDI May 2024) / GDP (WDI).' }),
  ind({ id: 'remittances_paid_pct_gdp', nameEs: 'Remesas pagadas (% del PIB)', nameEn: 'Remittances paid (% of GDP)', numerator: { de: 'remittances_paid_usd' }, denominator: { de: 'gdp_usd' }, factor: 100, unit: 'pct' }),
  ind({ id: 'remittances_per_emigrant', nameEs: 'Remesas recibidas por emigrante (US$)', nameEn: 'Remittances received per emigrant (US$)', numerator: { de: 'remittances_received_usd' }, denominator: { de: 'emigrants' }, unit: 'usd', decimals: 0 }),
  ind({ id: 'remittances_per_capita', nameEs: 'Remesas recibidas por habitante (US$)', nameEn: 'Remittances received per inhabitant (US$)', numerator: { de: 'remittances_received_usd' }, denominator: { de: 'population_wdi_2024_05' }, unit: 'usd', decimals: 0, descriptionEs: 'Numerador y denominador de la misma extracción WDI (mayo 2024).', descriptionEn: 'Numerator and denominator from the same WDI pull (May 2024).' }),
  ind({ id: 'emigrants_per_1000', nameEs: 'Emigrantes por cada 1.000 habitantes', nameEn: 'Emigrants per 1,000 inhabitants', numerator: { de: 'emigrants' }, denominator: { de: 'population' }, factor: 1000, unit: 'per_1000', decimals: 1 }),
  ind({ id: 'immigrants_pct_population', nameEs: 'Inmigrantes (% de la población)', nameEn: 'Immigrants (% of population)', numerator: { de: 'immigrants' }, denominator: { de: 'population' }, factor: 100, unit: 'pct' }),
  ind({ id: 'female_share_emigrants', nameEs: 'Mujeres entre los emigrantes (%)', nameEn: 'Women among emigrants (%)', numerator: { de: 'emigrants', sex: 'F' }, denominator: { de: 'emigrants' }, factor: 100, unit: 'pct', decimals: 1 }),
  ind({ id: 'female_share_immigrants', nameEs: 'Mujeres entre los inmigrantes (%)', nameEn: 'Women among immigrants (%)', numerator: { de: 'immigrants', sex: 'F' }, denominator: { de: 'immigrants' }, factor: 100, unit: 'pct', decimals: 1 }),
  ind({ id: 'top_destination_share', nameEs: 'Emigrantes en el principal país de destino (%)', nameEn: 'Emigrants in the top destination country (%)', numerator: { de: 'migrant_stock', reduce: 'max_destination' }, denominator: { de: 'emigrants' }, factor: 100, unit: 'pct', decimals: 1 }),
  ind({ id: 'net_migration_per_1000', nameEs: 'Migración neta por cada 1.000 habitantes', nameEn: 'Net migration per 1,000 inhabitants', numerator: { de: 'net_migration' }, denominator: { de: 'population_wdi_2024_05' }, factor: 1000, unit: 'per_1000', decimals: 1 }),
  ind({ id: 'remittances_growth_pct', nameEs: 'Crecimiento anual de las remesas recibidas (%)', nameEn: 'Annual growth of remittances received (%)', numerator: { de: 'remittances_received_usd' }, denominator: { de: 'remittances_received_usd', lag: 1 }, factor: 100, constant: -100, unit: 'pct', decimals: 1 }),
  ind({ id: 'emigrants_growth_5y_pct', nameEs: 'Crecimiento quinquenal de los emigrantes (%)', nameEn: 'Five-year growth of emigrants (%)', numerator: { de: 'emigrants' }, denominator: { de: 'emigrants', lag: 5 }, factor: 100, constant: -100, unit: 'pct', decimals: 1 }),
  ind({ id: 'immigrants_growth_5y_pct', nameEs: 'Crecimiento quinquenal de los inmigrantes (%)', nameEn: 'Five-year growth of immigrants (%)', numerator: { de: 'immigrants' }, denominator: { de: 'immigrants', lag: 5 }, factor: 100, constant: -100, unit: 'pct', decimals: 1 }),
];

/**
 * Statistical areas in the data that are not org units, with the UN region that holds them for regional sums:
 * `CHI` Channel Islands (Northern Europe), `XKX` Kosovo (Southern Europe; UN DESA counts it inside Serbia).
 * `XXX` (unknown origin) belongs to no region: it counts in world totals only.
 */
export const STATISTICAL_AREAS: Readonly<Record<string, string>> = { CHI: '154', XKX: '039' };
export const CODE_ALIASES: Readonly<Record<string, string>> = { WLD: '001', KSV: 'XKX' };
export const WORLD = '001';

/** The SDG 10.c target for the cost of sending remittances (% of the amount sent). */
export const SDG_10C_TARGET_PCT = 3;
