/**
 * Answers of the cost-of-sending API (docs/api.md, "Remittances: cost of sending"), read from the OpenAPI document
 * (`app/api/types.ts`); the lists the quote form offers are checked against it.
 */
import { everyValueOf, type Answer, type Item, type RequestBody } from '../../../app/api/types';

export type CorridorList = Answer<'/remittances/corridors'>;
export type CorridorLine = Item<CorridorList['items']>;
export type SdgStatus = CorridorLine['status'];
export type Area = CorridorLine['sending'];
export type CorridorDetail = Answer<'/remittances/corridors/{corridor}'>;
export type Source = Item<CorridorDetail['sources']>;
export type Quarter = Item<CorridorDetail['quarters']>;
export type Services = Answer<'/remittances/corridors/{corridor}/services'>;
export type Service = Item<Services['services']>;
export type Savings = Answer<'/remittances/savings', 'post'>;
export type RegionSdg = Answer<'/remittances/sdg'>;
/** The averages of a region, a country or the world. */
export type Averages = RegionSdg['world'];

export type QuoteInput = RequestBody<'/remittances/quotes', 'post'>;
export type Quote = Answer<'/remittances/quotes/{id}'>;

export const PROVIDER_TYPES = everyValueOf<QuoteInput['provider_type']>()(['bank', 'money_transfer_operator', 'mobile', 'post']);
export const SPEEDS = everyValueOf<QuoteInput['speed']>()(['less_than_1_hour', 'same_day', 'next_day', '2_5_days', 'more_than_5_days']);
export const PAYOUT_METHODS = everyValueOf<QuoteInput['payout_method']>()(['cash', 'bank_account', 'mobile_wallet', 'home_delivery']);
