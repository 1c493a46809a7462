/** Answers of the evidence API (server/src/modules/evidence/routes.ts, docs/api.md "Evidence"). */

export interface Provenance {
  source: string;
  source_ids: string[];
  publisher: string;
  vintage: string;
  licence: string;
  computed: boolean;
  published: boolean;
  estimate: boolean;
}

export interface Figure extends Partial<Provenance> {
  id: string;
  label?: string;
  value: number | null;
  unit: string;
  period: string | null;
  target?: number;
  note?: string | null;
  source: string;
  vintage: string;
  computed: boolean;
  url?: string | null;
}

export interface SexSplit {
  total: number | null;
  male: number | null;
  female: number | null;
}

export interface Partner {
  iso3: string;
  name: string;
  m49: string | null;
  total: number;
  male: number | null;
  female: number | null;
  year: string;
}

export interface SourceInfo {
  id: string;
  title: string;
  publisher: string;
  licence: string;
  vintage: string;
  url: string | null;
  kind: string;
}

export interface Profile {
  code: string;
  name: string;
  kind: string;
  m49: string | null;
  locale: string;
  built_at: string;
  members: { code: string; name: string }[];
  figures: Figure[];
  remittances: { series: { year: string; received: number | null; paid: number | null; pct_gdp: number | null }[] } & Provenance;
  stocks: { series: { year: string; emigrants: SexSplit; immigrants: SexSplit }[] } & Provenance;
  top_destinations: Partner[];
  top_origins: Partner[];
  emigrant_map: { year: string; atlas: string; items: { iso3: string; m49: string | null; value: number }[] };
  bilateral_remittances: {
    year: string;
    label: string;
    inbound: { iso3: string; name: string; usd_million: number }[];
    outbound: { iso3: string; name: string; usd_million: number }[];
  } & Provenance;
  corridor_costs: {
    period: string | null;
    target: number;
    items: { from: string; name: string; cost_200_pct: number; cost_500_pct: number | null; providers: number | null }[];
  } & Provenance;
  data_gaps: { id: string; message: string }[];
  sources: SourceInfo[];
  attribution: string;
}

export interface Corridor {
  origin: { code: string; name: string };
  destination: { code: string; name: string };
  stock: { series: { year: string; total: number | null; male: number | null; female: number | null }[]; unit: string } & Provenance;
  remittance_estimate: { year: string; usd_million: number | null; migrant_stock_2017: number | null; label: string } & Provenance;
  cost: {
    target: number;
    series: { period: string; official_200_pct: number | null; mean_200_pct: number | null; mean_500_pct: number | null; fx_margin_200_pct: number | null; providers: number | null }[];
  } & Provenance;
}
