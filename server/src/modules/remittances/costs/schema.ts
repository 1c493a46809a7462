import { sql } from 'drizzle-orm';
import { boolean, doublePrecision, index, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../../core/access/schema.js';
import { PAYOUT_METHODS, PROVIDER_TYPES, SPEEDS } from './domain/catalogue.js';

/**
 * Tables of the cost-of-sending sub-area (prefix `rm_`). The corridor averages themselves are public statistics held
 * by the evidence module (`ev_values`, RPW series); here are the quotes an analyst collects, service by service.
 */

/**
 * One price quote: what a provider charged in a quarter to send `amount_sent` from one country to another. The
 * corridor's countries' org-unit paths are kept for scope checks in SQL (a country's path never changes).
 */
export const rmServiceQuotes = pgTable(
  'rm_service_quotes',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    sendingCountry: text('sending_country').notNull(),
    receivingCountry: text('receiving_country').notNull(),
    sendingPath: text('sending_path').notNull(),
    receivingPath: text('receiving_path').notNull(),
    /** 2025Q1 */
    period: text('period').notNull(),
    provider: text('provider').notNull(),
    providerType: text('provider_type', { enum: PROVIDER_TYPES }).notNull(),
    product: text('product').notNull(),
    amountSent: numeric('amount_sent', { precision: 14, scale: 2, mode: 'number' }).notNull(),
    sendingCurrency: text('sending_currency').notNull(),
    receivingCurrency: text('receiving_currency').notNull(),
    fee: numeric('fee', { precision: 14, scale: 2, mode: 'number' }).notNull(),
    /** Receiving currency per unit of sending currency, as given to the customer. */
    exchangeRate: doublePrecision('exchange_rate').notNull(),
    interbankRate: doublePrecision('interbank_rate').notNull(),
    rateDisclosed: boolean('rate_disclosed').notNull(),
    speed: text('speed', { enum: SPEEDS }).notNull(),
    payoutMethod: text('payout_method', { enum: PAYOUT_METHODS }).notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdByLabel: text('created_by_label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedByLabel: text('updated_by_label'),
    updatedAt: timestamp('updated_at', { withTimezone: true }),
  },
  (t) => [
    // one price per service, amount and quarter: an import or a form cannot enter the same quote twice
    uniqueIndex('rm_service_quotes_key').on(t.sendingCountry, t.receivingCountry, t.period, t.provider, t.product, t.amountSent),
    index('rm_service_quotes_sending_path_idx').using('btree', t.sendingPath.op('text_pattern_ops')),
    index('rm_service_quotes_receiving_path_idx').using('btree', t.receivingPath.op('text_pattern_ops')),
  ],
);
