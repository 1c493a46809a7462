/** Answers of the cost-of-sending API (docs/api.md, "Remittances: cost of sending"); JSON is snake_case. */

export type SdgStatus = 'target_met' | 'above_target' | 'flagged';

export interface Area {
  code: string;
  name: string;
}

export interface Source {
  id: string;
  title: string;
  publisher: string;
  licence: string;
  vintage: string;
  url: string | null;
}

export interface CorridorLine {
  corridor: string;
  sending: Area;
  receiving: Area;
  period: string;
  cost_pct_200: number;
  cost_pct_500: number | null;
  providers: number | null;
  status: SdgStatus;
  flow_usd_million: number | null;
  money_kept_usd_million: number | null;
}

export interface CorridorList {
  target_pct: number;
  flag_pct: number;
  items: (CorridorLine & { quoted_services: number })[];
}

export interface Quarter {
  period: string;
  cost_pct_200: number | null;
  cost_pct_500: number | null;
  fx_margin_pct_200: number | null;
  fx_margin_pct_500: number | null;
  providers: number | null;
  official_cost_pct_200: number | null;
}

export interface CorridorDetail {
  corridor: string;
  sending: Area;
  receiving: Area;
  target_pct: number;
  flag_pct: number;
  quarters: Quarter[];
  latest: {
    period: string;
    cost_pct_200: number;
    cost_pct_500: number | null;
    fx_margin_pct_200: number | null;
    providers: number | null;
    status: SdgStatus;
    above_target_pts: number;
    above_flag_pts: number;
  } | null;
  flow: { year: string; usd_million: number; estimate: boolean; label: string; money_kept_usd_million: number | null } | null;
  quotes: { period: string; services: number } | null;
  sources: Source[];
}

export interface Service {
  provider: string;
  provider_type: string;
  product: string;
  quoted_amount: number;
  sending_currency: string;
  receiving_currency: string;
  fee: number;
  exchange_rate: number;
  interbank_rate: number;
  rate_disclosed: boolean;
  speed: string;
  payout_method: string;
  fx_margin_pct: number;
  total_cost_pct: number;
  total_paid: number;
  amount_received: number;
  status: SdgStatus;
}

export interface Services {
  corridor: string;
  period: string | null;
  amount: number;
  target_pct: number;
  average_cost_pct: number | null;
  smart_average_cost_pct: number | null;
  services: Service[];
}

export interface Savings {
  monthly_amount: number;
  cost_pct: number;
  target_pct: number;
  annual_sent: number;
  annual_cost_now: number;
  annual_cost_at_target: number;
  annual_saving: number;
}

export interface Averages {
  simple_mean_pct: number | null;
  weighted_mean_pct: number | null;
  status: SdgStatus | null;
  corridors: number;
  weighted_corridors: number;
  flagged_corridors: number;
  flow_usd_million: number | null;
  money_kept_usd_million: number | null;
}

export interface RegionSdg {
  period: string | null;
  periods: string[];
  target_pct: number;
  flag_pct: number;
  region: Averages & { code: string; name: string };
  world: Averages & { code: string };
  countries: (Averages & { code: string; name: string })[];
  corridors: CorridorLine[];
  flow_label: string;
  sources: Source[];
}

export const PROVIDER_TYPES = ['bank', 'money_transfer_operator', 'mobile', 'post'] as const;
export const SPEEDS = ['less_than_1_hour', 'same_day', 'next_day', '2_5_days', 'more_than_5_days'] as const;
export const PAYOUT_METHODS = ['cash', 'bank_account', 'mobile_wallet', 'home_delivery'] as const;

export interface QuoteInput {
  sending_country: string;
  receiving_country: string;
  period: string;
  provider: string;
  provider_type: (typeof PROVIDER_TYPES)[number];
  product: string;
  amount_sent: number;
  sending_currency: string;
  receiving_currency: string;
  fee: number;
  exchange_rate: number;
  interbank_rate: number;
  rate_disclosed: boolean;
  speed: (typeof SPEEDS)[number];
  payout_method: (typeof PAYOUT_METHODS)[number];
}

export interface Quote extends QuoteInput {
  id: string;
  corridor: string;
  sending_country_name: string;
  receiving_country_name: string;
  fx_margin_pct: number;
  total_cost_pct: number;
  amount_received: number;
  created_by: string;
  created_at: string;
  updated_by: string | null;
  updated_at: string | null;
}
