import type { Catalogues } from '../../../core/i18n/messages.js';
import type { Locale } from '../../../core/i18n/locales.js';
import type { FileProblem, QuoteProblemKey } from './domain/quotes.js';

/** The cost-of-sending messages (Spanish first): bad input of the calculator, the quote form and quote files. */
type Key =
  | QuoteProblemKey
  | 'file.empty'
  | 'file.malformed'
  | 'file.no_header'
  | 'file.unknown_sheet'
  | 'file.unreadable_xlsx'
  | 'at.row_column'
  | 'at.row'
  | 'at.file'
  | 'unknown_corridor'
  | 'unknown_area'
  | 'exists';

const es: Record<Key, string> = {
  not_positive: 'Debe ser un número mayor que cero.',
  negative: 'No puede ser negativo.',
  too_large: 'Es demasiado grande (como máximo {max}).',
  fee_above_amount: 'La comisión es mayor que el monto enviado.',
  negative_cost: 'Con este tipo de cambio el costo total sería negativo: revise el tipo de cambio al cliente y el interbancario.',
  required: 'Falta este dato.',
  unknown_country: 'País desconocido: «{value}» (use el código ISO de tres letras, p. ej. MEX).',
  same_country: 'El país que recibe debe ser distinto del que envía.',
  bad_quarter: 'Trimestre no válido: «{value}» (use por ejemplo 2025Q1).',
  bad_currency: 'Moneda no válida: «{value}» (use el código ISO 4217, p. ej. USD).',
  bad_choice: 'Valor no reconocido: «{value}» (use uno de: {options}).',
  not_a_number: 'No es un número: «{value}».',
  bad_boolean: 'Use sí o no: «{value}».',
  too_many_decimals: 'Use como máximo dos decimales.',
  duplicate_row: 'Cotización repetida: el mismo servicio, monto y trimestre ya está en la fila {first}.',
  missing_column: 'Falta la columna «{column}».',
  no_rows: 'El archivo no tiene filas de datos.',
  too_many_rows: 'El archivo tiene más de {max} filas.',
  'file.empty': 'El archivo está vacío.',
  'file.malformed': 'El archivo no es un CSV válido.',
  'file.no_header': 'No se encontró la fila de encabezados.',
  'file.unknown_sheet': 'El libro no tiene la hoja «{sheet}».',
  'file.unreadable_xlsx': 'No se pudo leer el libro de Excel (XLSX).',
  'at.row_column': 'Fila {row}, columna {column}',
  'at.row': 'Fila {row}',
  'at.file': 'Archivo',
  unknown_corridor: 'Corredor no válido: «{value}» (use país que envía y país que recibe, p. ej. USA-MEX).',
  unknown_area: 'País o región desconocido: «{value}».',
  exists: 'Ya hay una cotización de este servicio para el mismo monto y trimestre.',
  outside_scope: 'Ni el país que envía ni el que recibe («{value}») están en su ámbito de captura.',
};

const en: Record<Key, string> = {
  not_positive: 'Must be a number greater than zero.',
  negative: 'Cannot be negative.',
  too_large: 'Is too large (at most {max}).',
  fee_above_amount: 'The fee is larger than the amount sent.',
  negative_cost: 'With this exchange rate the total cost would be negative: check the customer and interbank rates.',
  required: 'This is missing.',
  unknown_country: 'Unknown country: "{value}" (use the three-letter ISO code, e.g. MEX).',
  same_country: 'The receiving country must differ from the sending one.',
  bad_quarter: 'Invalid quarter: "{value}" (use for example 2025Q1).',
  bad_currency: 'Invalid currency: "{value}" (use the ISO 4217 code, e.g. USD).',
  bad_choice: 'Unknown value: "{value}" (use one of: {options}).',
  not_a_number: 'Not a number: "{value}".',
  bad_boolean: 'Use yes or no: "{value}".',
  too_many_decimals: 'Use at most two decimals.',
  duplicate_row: 'Repeated quote: the same service, amount and quarter is already in row {first}.',
  missing_column: 'The column "{column}" is missing.',
  no_rows: 'The file has no data rows.',
  too_many_rows: 'The file has more than {max} rows.',
  'file.empty': 'The file is empty.',
  'file.malformed': 'The file is not valid CSV.',
  'file.no_header': 'No header row was found.',
  'file.unknown_sheet': 'The workbook has no sheet "{sheet}".',
  'file.unreadable_xlsx': 'The Excel workbook (XLSX) could not be read.',
  'at.row_column': 'Row {row}, column {column}',
  'at.row': 'Row {row}',
  'at.file': 'File',
  unknown_corridor: 'Invalid corridor: "{value}" (use the sending then the receiving country, e.g. USA-MEX).',
  unknown_area: 'Unknown country or region: "{value}".',
  exists: 'There is already a quote of this service for the same amount and quarter.',
  outside_scope: 'Neither the sending nor the receiving country ("{value}") is in your capture scope.',
};

const pt: Record<Key, string> = {
  ...en,
  not_positive: 'Deve ser um número maior que zero.',
  negative: 'Não pode ser negativo.',
  too_large: 'É grande demais (no máximo {max}).',
  fee_above_amount: 'A tarifa é maior que o valor enviado.',
  negative_cost: 'Com esta taxa de câmbio o custo total seria negativo: verifique a taxa ao cliente e a interbancária.',
  required: 'Este dado está faltando.',
  unknown_country: 'País desconhecido: «{value}» (use o código ISO de três letras, p. ex. MEX).',
  same_country: 'O país que recebe deve ser diferente do que envia.',
  bad_quarter: 'Trimestre inválido: «{value}» (use por exemplo 2025Q1).',
  not_a_number: 'Não é um número: «{value}».',
  duplicate_row: 'Cotação repetida: o mesmo serviço, valor e trimestre já está na linha {first}.',
  missing_column: 'Falta a coluna «{column}».',
  'at.row_column': 'Linha {row}, coluna {column}',
  'at.row': 'Linha {row}',
  'at.file': 'Arquivo',
  unknown_corridor: 'Corredor inválido: «{value}» (use o país que envia e o que recebe, p. ex. USA-MEX).',
};

const fr: Record<Key, string> = {
  ...en,
  not_positive: 'Doit être un nombre supérieur à zéro.',
  negative: 'Ne peut pas être négatif.',
  too_large: 'Est trop grand (au plus {max}).',
  fee_above_amount: 'Les frais dépassent le montant envoyé.',
  negative_cost: 'Avec ce taux de change le coût total serait négatif : vérifiez le taux client et le taux interbancaire.',
  required: 'Cette donnée manque.',
  unknown_country: 'Pays inconnu : « {value} » (utilisez le code ISO à trois lettres, p. ex. MEX).',
  same_country: 'Le pays qui reçoit doit être différent de celui qui envoie.',
  bad_quarter: 'Trimestre non valide : « {value} » (par exemple 2025Q1).',
  not_a_number: 'Ce n’est pas un nombre : « {value} ».',
  duplicate_row: 'Cotation répétée : le même service, montant et trimestre figure déjà à la ligne {first}.',
  missing_column: 'La colonne « {column} » manque.',
  'at.row_column': 'Ligne {row}, colonne {column}',
  'at.row': 'Ligne {row}',
  'at.file': 'Fichier',
  unknown_corridor: 'Corridor non valide : « {value} » (pays d’envoi puis pays de réception, p. ex. USA-MEX).',
};

const catalogues: Record<Locale, Record<Key, string>> = { es, en, pt, fr };

/** The catalogue as the manifest registers it (`core/i18n/messages.ts`). */
export const costCatalogues: Catalogues = catalogues;

export type CostMessageKey = Key;

export function costText(locale: Locale, key: Key, params: Record<string, string | number> = {}): string {
  const template = catalogues[locale]?.[key] ?? es[key];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (params[name] !== undefined ? String(params[name]) : `{${name}}`));
}

/** Where a problem of a file is, in words: "Fila 4, columna fee (J)". */
export function filePlace(locale: Locale, p: Pick<FileProblem, 'row' | 'column' | 'columnLetter'>): string {
  if (p.row === 0) return costText(locale, 'at.file');
  if (!p.column) return costText(locale, 'at.row', { row: p.row });
  return costText(locale, 'at.row_column', { row: p.row, column: `${p.column} (${p.columnLetter})` });
}
