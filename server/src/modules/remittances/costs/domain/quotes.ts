import { cellText, columnLetter, type Cell, type Table } from '../../../../core/files/table.js';
import { detectDecimalSeparator, parseNumber, type DecimalSeparator } from '../../../../core/files/numbers.js';
import { PAYOUT_METHODS, PROVIDER_TYPES, SPEEDS } from './catalogue.js';
import { checkCostInput, isQuarter, type CostField, type CostProblemKey } from './costs.js';

/**
 * Service quotes as an analyst enters them (a form) or imports them (a CSV/XLSX file, one quote per row): the rules
 * both share, and the reading of a file into quotes with problems by row and column. Pure.
 */

export type ProviderType = (typeof PROVIDER_TYPES)[number];
export type Speed = (typeof SPEEDS)[number];
export type PayoutMethod = (typeof PAYOUT_METHODS)[number];

export interface QuoteDraft {
  sending_country: string;
  receiving_country: string;
  period: string;
  provider: string;
  provider_type: ProviderType;
  product: string;
  amount_sent: number;
  sending_currency: string;
  receiving_currency: string;
  fee: number;
  exchange_rate: number;
  interbank_rate: number;
  rate_disclosed: boolean;
  speed: Speed;
  payout_method: PayoutMethod;
}
export type QuoteField = keyof QuoteDraft;

/** The columns of an import file, in this order in the template; each field also answers to its Spanish name. */
export const QUOTE_COLUMNS: readonly QuoteField[] = [
  'sending_country',
  'receiving_country',
  'period',
  'provider',
  'provider_type',
  'product',
  'amount_sent',
  'sending_currency',
  'receiving_currency',
  'fee',
  'exchange_rate',
  'interbank_rate',
  'rate_disclosed',
  'speed',
  'payout_method',
];
const SPANISH_COLUMNS: Record<QuoteField, string[]> = {
  sending_country: ['pais_envio', 'pais_de_envio', 'origen'],
  receiving_country: ['pais_recepcion', 'pais_receptor', 'pais_de_recepcion', 'destino'],
  period: ['periodo', 'trimestre'],
  provider: ['proveedor', 'empresa'],
  provider_type: ['tipo_proveedor', 'tipo_de_proveedor', 'tipo'],
  product: ['producto'],
  amount_sent: ['monto_enviado', 'monto'],
  sending_currency: ['moneda_envio', 'moneda_de_envio'],
  receiving_currency: ['moneda_recepcion', 'moneda_de_recepcion'],
  fee: ['comision', 'cargo'],
  exchange_rate: ['tipo_cambio', 'tipo_de_cambio', 'tasa_cliente'],
  interbank_rate: ['tipo_cambio_interbancario', 'tasa_interbancaria'],
  rate_disclosed: ['tasa_divulgada', 'tipo_cambio_divulgado', 'divulga_tasa'],
  speed: ['rapidez', 'velocidad', 'plazo'],
  payout_method: ['forma_pago', 'forma_de_pago', 'metodo_pago'],
};

/** Words people write for each choice (accents and case ignored), beside the codes themselves. */
const CHOICE_WORDS: Record<string, Record<string, string>> = {
  provider_type: { banco: 'bank', mto: 'money_transfer_operator', operador: 'money_transfer_operator', remesadora: 'money_transfer_operator', movil: 'mobile', 'dinero movil': 'mobile', correo: 'post', correos: 'post' },
  speed: { 'menos de 1 hora': 'less_than_1_hour', 'mismo dia': 'same_day', 'dia siguiente': 'next_day', '2-5 dias': '2_5_days', '2 a 5 dias': '2_5_days', 'mas de 5 dias': 'more_than_5_days' },
  payout_method: { efectivo: 'cash', 'cuenta bancaria': 'bank_account', cuenta: 'bank_account', 'billetera movil': 'mobile_wallet', 'monedero movil': 'mobile_wallet', 'entrega a domicilio': 'home_delivery', domicilio: 'home_delivery' },
};
const CHOICES: Record<string, readonly string[]> = { provider_type: PROVIDER_TYPES, speed: SPEEDS, payout_method: PAYOUT_METHODS };
const TRUE_WORDS = new Set(['yes', 'si', 'true', '1', 'y', 's', 'x', 'verdadero']);
const FALSE_WORDS = new Set(['no', 'false', '0', 'n', 'falso']);

export type QuoteProblemKey =
  | CostProblemKey
  | 'required'
  | 'unknown_country'
  | 'same_country'
  | 'bad_quarter'
  | 'bad_currency'
  | 'bad_choice'
  | 'not_a_number'
  | 'bad_boolean'
  | 'too_many_decimals'
  | 'duplicate_row'
  | 'missing_column'
  | 'no_rows'
  | 'too_many_rows'
  // found against the database, not by these rules: the caller's capture scope, a quote already stored
  | 'outside_scope'
  | 'exists';

export interface QuoteProblem {
  field: QuoteField | '';
  key: QuoteProblemKey;
  params?: Record<string, string | number>;
}

/** Quote fields named like the public cost calculator's. */
const COST_FIELD: Record<CostField, QuoteField> = { amount: 'amount_sent', fee: 'fee', consumer_rate: 'exchange_rate', interbank_rate: 'interbank_rate' };

const normalise = (s: string) => s.trim().toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
const twoDecimals = (n: number) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6;

/** Rules beyond the shape of each field: known, distinct countries; a quarter; a cost that is not negative. */
export function checkQuote(q: QuoteDraft, knownCountries: ReadonlySet<string>): QuoteProblem[] {
  const problems: QuoteProblem[] = [];
  for (const field of ['sending_country', 'receiving_country'] as const) {
    if (!knownCountries.has(q[field])) problems.push({ field, key: 'unknown_country', params: { value: q[field] } });
  }
  if (q.sending_country === q.receiving_country) problems.push({ field: 'receiving_country', key: 'same_country' });
  if (!isQuarter(q.period)) problems.push({ field: 'period', key: 'bad_quarter', params: { value: q.period } });
  for (const field of ['sending_currency', 'receiving_currency'] as const) {
    if (!/^[A-Z]{3}$/.test(q[field])) problems.push({ field, key: 'bad_currency', params: { value: q[field] } });
  }
  for (const field of ['provider', 'product'] as const) if (q[field].trim() === '') problems.push({ field, key: 'required' });
  for (const p of checkCostInput({ amount: q.amount_sent, fee: q.fee, consumerRate: q.exchange_rate, interbankRate: q.interbank_rate })) {
    problems.push({ field: COST_FIELD[p.field], key: p.key, ...(p.params ? { params: p.params } : {}) });
  }
  for (const field of ['amount_sent', 'fee'] as const) {
    if (Number.isFinite(q[field]) && !twoDecimals(q[field]) && !problems.some((p) => p.field === field)) problems.push({ field, key: 'too_many_decimals' });
  }
  return problems;
}

/** The natural key of a quote: one price per service, amount and quarter. */
export const quoteKey = (q: Pick<QuoteDraft, 'sending_country' | 'receiving_country' | 'period' | 'provider' | 'product' | 'amount_sent'>) =>
  [q.sending_country, q.receiving_country, q.period, normalise(q.provider), normalise(q.product), q.amount_sent.toFixed(2)].join('|');

export interface FileProblem extends QuoteProblem {
  /** Row in the file (0: the file as a whole). */
  row: number;
  /** The column's header as written in the file ('' for the file or the row). */
  column: string;
  columnLetter: string;
}

export interface ReadQuotes {
  quotes: (QuoteDraft & { row: number })[];
  /** Where each field is in the file, to place problems found later. */
  columns: Partial<Record<QuoteField, { column: string; columnLetter: string }>>;
  problems: FileProblem[];
  decimal: DecimalSeparator;
  rows: number;
}

export const MAX_IMPORT_ROWS = 5000;

/** Every row of the table as a quote, or the problems of that row, each at its column. */
export function quotesFromTable(table: Table, knownCountries: ReadonlySet<string>): ReadQuotes {
  const index = new Map<QuoteField, number>();
  table.headers.forEach((h, i) => {
    const name = normalise(h).replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
    const field = QUOTE_COLUMNS.find((f) => f === name || SPANISH_COLUMNS[f].includes(name));
    if (field && !index.has(field)) index.set(field, i);
  });
  const columns: ReadQuotes['columns'] = Object.fromEntries([...index].map(([f, i]) => [f, { column: table.headers[i]!, columnLetter: columnLetter(i) }]));
  const fileProblem = (key: QuoteProblemKey, params?: Record<string, string | number>): FileProblem => ({ row: 0, column: '', columnLetter: '', field: '', key, ...(params ? { params } : {}) });
  const missing = QUOTE_COLUMNS.filter((f) => !index.has(f));
  if (missing.length) return { quotes: [], problems: missing.map((f) => fileProblem('missing_column', { column: f })), columns, decimal: '.', rows: table.rows.length };
  if (table.rows.length === 0) return { quotes: [], problems: [fileProblem('no_rows')], columns, decimal: '.', rows: 0 };
  if (table.rows.length > MAX_IMPORT_ROWS) return { quotes: [], problems: [fileProblem('too_many_rows', { max: MAX_IMPORT_ROWS })], columns, decimal: '.', rows: table.rows.length };

  const numeric: QuoteField[] = ['amount_sent', 'fee', 'exchange_rate', 'interbank_rate'];
  const decimal = detectDecimalSeparator(
    table.rows.flatMap((r) => numeric.map((f) => r.cells[index.get(f)!]).filter((c): c is string => typeof c === 'string')),
    table.delimiter === ';' ? ',' : '.',
  );

  const quotes: ReadQuotes['quotes'] = [];
  const problems: FileProblem[] = [];
  const firstRowOf = new Map<string, number>();
  for (const { row, cells } of table.rows) {
    const at = (field: QuoteField) => ({ row, column: table.headers[index.get(field)!]!, columnLetter: columnLetter(index.get(field)!) });
    const rowProblems: FileProblem[] = [];
    const cell = (field: QuoteField): Cell => cells[index.get(field)!] ?? null;
    const text = (field: QuoteField) => cellText(cell(field));
    const fail = (field: QuoteField, key: QuoteProblemKey, params?: Record<string, string | number>) => rowProblems.push({ ...at(field), field, key, ...(params ? { params } : {}) });
    const required = (field: QuoteField) => {
      const v = text(field);
      if (v === '') fail(field, 'required');
      return v;
    };
    const number = (field: QuoteField) => {
      const raw = cell(field);
      if (raw === null || cellText(raw) === '') {
        fail(field, 'required');
        return Number.NaN;
      }
      const n = parseNumber(raw, decimal);
      if (n === null || n === undefined) {
        fail(field, 'not_a_number', { value: cellText(raw) });
        return Number.NaN;
      }
      return n;
    };
    const choice = <T extends string>(field: QuoteField): T => {
      const v = required(field);
      if (v === '') return '' as T;
      const word = normalise(v).replace(/\s+/g, ' ');
      const code = CHOICES[field]!.includes(word.replace(/ /g, '_')) ? word.replace(/ /g, '_') : CHOICE_WORDS[field]?.[word];
      if (!code) fail(field, 'bad_choice', { value: v, options: CHOICES[field]!.join(', ') });
      return (code ?? '') as T;
    };
    const disclosed = () => {
      const v = normalise(required('rate_disclosed'));
      if (v === '') return false;
      if (TRUE_WORDS.has(v)) return true;
      if (!FALSE_WORDS.has(v)) fail('rate_disclosed', 'bad_boolean', { value: text('rate_disclosed') });
      return false;
    };
    const quote: QuoteDraft = {
      sending_country: required('sending_country').toUpperCase(),
      receiving_country: required('receiving_country').toUpperCase(),
      period: required('period').toUpperCase().replace(/\s+/g, ''),
      provider: required('provider'),
      provider_type: choice<ProviderType>('provider_type'),
      product: required('product'),
      amount_sent: number('amount_sent'),
      sending_currency: required('sending_currency').toUpperCase(),
      receiving_currency: required('receiving_currency').toUpperCase(),
      fee: number('fee'),
      exchange_rate: number('exchange_rate'),
      interbank_rate: number('interbank_rate'),
      rate_disclosed: disclosed(),
      speed: choice<Speed>('speed'),
      payout_method: choice<PayoutMethod>('payout_method'),
    };
    // The shared rules, for the fields that read well (an empty cell already has its problem).
    const reported = new Set(rowProblems.map((p) => p.field));
    for (const p of checkQuote(quote, knownCountries)) {
      if (p.field && !reported.has(p.field) && !(p.key === 'required' && text(p.field) === '')) fail(p.field, p.key, p.params);
    }
    if (rowProblems.length === 0) {
      const key = quoteKey(quote);
      const first = firstRowOf.get(key);
      if (first !== undefined) rowProblems.push({ row, column: '', columnLetter: '', field: '', key: 'duplicate_row', params: { first } });
      else firstRowOf.set(key, row);
    }
    // left to right, as the user reads the row
    rowProblems.sort((a, b) => (a.columnLetter ? 0 : 1) - (b.columnLetter ? 0 : 1) || a.columnLetter.length - b.columnLetter.length || a.columnLetter.localeCompare(b.columnLetter));
    if (rowProblems.length) problems.push(...rowProblems);
    else quotes.push({ ...quote, row });
  }
  return { quotes, problems, columns, decimal, rows: table.rows.length };
}
