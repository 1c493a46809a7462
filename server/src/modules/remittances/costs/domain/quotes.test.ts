import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { readDelimited } from '../../../../core/files/table.js';
import { checkQuote, quotesFromTable, type QuoteDraft } from './quotes.js';

const COUNTRIES = new Set(['USA', 'MEX', 'GTM', 'ESP']);

const valid: QuoteDraft = {
  sending_country: 'USA',
  receiving_country: 'GTM',
  period: '2025Q1',
  provider: 'Remesas Rápidas',
  provider_type: 'money_transfer_operator',
  product: 'Cuenta a efectivo',
  amount_sent: 200,
  sending_currency: 'USD',
  receiving_currency: 'GTQ',
  fee: 4.99,
  exchange_rate: 7.6,
  interbank_rate: 7.75,
  rate_disclosed: true,
  speed: 'less_than_1_hour',
  payout_method: 'cash',
};

describe('the rules of a quote (form and file alike)', () => {
  it('accepts a sound quote', () => {
    expect(checkQuote(valid, COUNTRIES)).toEqual([]);
  });
  it('names each field at fault', () => {
    const problems = checkQuote({ ...valid, sending_country: 'XYZ', receiving_country: 'XYZ', period: '2025-1', sending_currency: 'usd', fee: -1, amount_sent: 200.005, exchange_rate: 9 }, COUNTRIES);
    expect(problems.map((p) => [p.field, p.key])).toEqual([
      ['sending_country', 'unknown_country'],
      ['receiving_country', 'unknown_country'],
      ['receiving_country', 'same_country'],
      ['period', 'bad_quarter'],
      ['sending_currency', 'bad_currency'],
      ['fee', 'negative'],
      ['amount_sent', 'too_many_decimals'],
    ]);
    // a rate better than the interbank rate by more than the fee makes the cost negative
    expect(checkQuote({ ...valid, exchange_rate: 8 }, COUNTRIES).map((p) => [p.field, p.key])).toEqual([['exchange_rate', 'negative_cost']]);
  });
});

const HEADER_ES = 'pais_envio;pais_recepcion;periodo;proveedor;tipo;producto;monto_enviado;moneda_envio;moneda_recepcion;comisión;tipo_cambio;tipo_cambio_interbancario;tasa_divulgada;rapidez;forma_pago';

function file(lines: string[], encoding = 'utf-8') {
  return readDelimited(new Uint8Array(iconv.encode(lines.join('\r\n'), encoding)));
}

describe('reading a file of quotes', () => {
  it('reads Spanish headers, semicolons, decimal commas, Windows-1252 and Spanish words for the choices', () => {
    const t = file(
      [
        HEADER_ES,
        'USA;GTM;2025Q1;Envíos Quetzal;Remesadora;Efectivo;200;USD;GTQ;4,99;7,61;7,7512;sí;Menos de 1 hora;Efectivo',
        'USA;GTM;2025Q1;Banco Uno;banco;Cuenta;500;USD;GTQ;0;7,55;7,7512;no;2-5 días;Cuenta bancaria',
      ],
      'win1252',
    );
    const read = quotesFromTable(t, COUNTRIES);
    expect(read.problems).toEqual([]);
    expect(read.decimal).toBe(',');
    expect(read.quotes).toEqual([
      { ...valid, row: 2, provider: 'Envíos Quetzal', product: 'Efectivo', exchange_rate: 7.61, interbank_rate: 7.7512 },
      { ...valid, row: 3, provider: 'Banco Uno', provider_type: 'bank', product: 'Cuenta', amount_sent: 500, fee: 0, exchange_rate: 7.55, interbank_rate: 7.7512, rate_disclosed: false, speed: '2_5_days', payout_method: 'bank_account' },
    ]);
  });
  it('reports each problem at its row and column, and keeps only the good rows', () => {
    const t = file([
      'sending_country,receiving_country,period,provider,provider_type,product,amount_sent,sending_currency,receiving_currency,fee,exchange_rate,interbank_rate,rate_disclosed,speed,payout_method',
      'USA,MEX,2025Q1,A,bank,p,200,USD,MXN,5,17.1,17.5,yes,same_day,cash',
      'USA,MEX,2025Q5,A,bank,p,abc,USD,MXN,5,17.1,17.5,maybe,same_day,cash',
      'USA,MEX,2025Q1,A,bank,p,200,USD,MXN,5,17.1,17.5,yes,same_day,cash',
      'USA,MEX,2025Q1,B,truck,p,200,USD,MXN,5,18.5,17.5,yes,same_day,cash',
    ]);
    const read = quotesFromTable(t, COUNTRIES);
    expect(read.quotes.map((q) => q.row)).toEqual([2]);
    expect(read.problems.map((p) => [p.row, p.column, p.columnLetter, p.key])).toEqual([
      [3, 'period', 'C', 'bad_quarter'],
      [3, 'amount_sent', 'G', 'not_a_number'],
      [3, 'rate_disclosed', 'M', 'bad_boolean'],
      [4, '', '', 'duplicate_row'],
      [5, 'provider_type', 'E', 'bad_choice'],
      [5, 'exchange_rate', 'K', 'negative_cost'],
    ]);
    expect(read.problems[3]!.params).toEqual({ first: 2 });
  });
  it('names the columns a file lacks', () => {
    const read = quotesFromTable(file(['sending_country,receiving_country,period', 'USA,MEX,2025Q1']), COUNTRIES);
    expect(read.problems.map((p) => p.params?.column)).toEqual(['provider', 'provider_type', 'product', 'amount_sent', 'sending_currency', 'receiving_currency', 'fee', 'exchange_rate', 'interbank_rate', 'rate_disclosed', 'speed', 'payout_method']);
    expect(read.problems.every((p) => p.row === 0 && p.key === 'missing_column')).toBe(true);
  });
});
