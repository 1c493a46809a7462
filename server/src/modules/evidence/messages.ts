import type { Catalogues } from '../../core/i18n/messages.js';
import type { Locale } from '../../core/i18n/locales.js';
import type { ImportProblem, ImportProblemKey } from './domain/mapping.js';

/** The evidence module's own messages (Spanish first), for import problems and file errors. */
type Key = ImportProblemKey | 'file.empty' | 'file.malformed' | 'file.no_header' | 'file.unknown_sheet' | 'file.unreadable_xlsx' | 'at.row_column' | 'at.row' | 'at.mapping' | 'unknown_dx' | 'unknown_ou' | 'bad_pe' | 'too_many' | 'compare_count' | 'indicator_exists' | 'data_element_exists' | 'unknown_operand' | 'bundled_read_only' | 'not_bilateral' | 'unknown_area';

const es: Record<Key, string> = {
  unknown_column: 'La columna «{column}» no está en el archivo.',
  unknown_org_unit: 'Unidad territorial desconocida: «{value}».',
  ambiguous_org_unit: '«{value}» corresponde a varias unidades territoriales; use el código o elija el nivel.',
  outside_scope: 'La unidad «{value}» está fuera de su ámbito de captura.',
  unknown_period: 'Periodo no reconocido: «{value}».',
  period_type: 'El periodo «{value}» no es del tipo de la serie ({expected}).',
  not_a_number: 'No es un número: «{value}».',
  unknown_data_element: 'Elemento de datos desconocido: «{value}».',
  not_importable: 'La serie «{value}» viene de una fuente publicada y no admite importaciones.',
  duplicate_row: 'Fila duplicada: el mismo dato ya está en la fila {first}.',
  conflicts_existing: 'Ya hay un valor distinto ({value}) de la importación {import}; deshágala antes de importar este.',
  bad_sex: 'Sexo no reconocido: «{value}» (use Total, Hombres o Mujeres).',
  too_many_values: 'El archivo tiene más de {max} valores.',
  no_values: 'El archivo no tiene ningún valor que importar.',
  'file.empty': 'El archivo está vacío.',
  'file.malformed': 'El archivo no es un CSV válido.',
  'file.no_header': 'No se encontró la fila de encabezados (fila {row}).',
  'file.unknown_sheet': 'El libro no tiene la hoja «{sheet}».',
  'file.unreadable_xlsx': 'No se pudo leer el libro de Excel (XLSX).',
  'at.row_column': 'Fila {row}, columna {column}',
  'at.row': 'Fila {row}',
  'at.mapping': 'Asignación de columnas',
  unknown_dx: 'Dato o indicador desconocido: «{value}».',
  unknown_ou: 'Unidad territorial desconocida: «{value}».',
  bad_pe: 'Periodo no válido: «{value}» (use 2020, 2020Q1, 202003 o un intervalo 1990..2020).',
  too_many: 'Demasiados elementos: como máximo {max}.',
  compare_count: 'Elija entre 2 y 8 países.',
  indicator_exists: 'Ya existe un indicador con el identificador «{value}».',
  data_element_exists: 'Ya existe un elemento de datos con el identificador «{value}».',
  unknown_operand: 'El elemento de datos «{value}» no existe.',
  bundled_read_only: 'Los indicadores incluidos con la plataforma no se pueden modificar; cree uno nuevo.',
  not_bilateral: 'El elemento «{value}» no es bilateral: no admite reducción por socio.',
  unknown_area: 'País o región desconocido: «{value}».',
};

const en: Record<Key, string> = {
  unknown_column: 'The column "{column}" is not in the file.',
  unknown_org_unit: 'Unknown org unit: "{value}".',
  ambiguous_org_unit: '"{value}" matches several org units; use the code or choose the level.',
  outside_scope: 'The unit "{value}" is outside your capture scope.',
  unknown_period: 'Unknown period: "{value}".',
  period_type: 'The period "{value}" is not of the series\' type ({expected}).',
  not_a_number: 'Not a number: "{value}".',
  unknown_data_element: 'Unknown data element: "{value}".',
  not_importable: 'The series "{value}" comes from a published source and takes no imports.',
  duplicate_row: 'Duplicate row: the same value is already in row {first}.',
  conflicts_existing: 'There is already a different value ({value}) from import {import}; undo it before importing this one.',
  bad_sex: 'Unknown sex: "{value}" (use Total, Male or Female).',
  too_many_values: 'The file has more than {max} values.',
  no_values: 'The file has no value to import.',
  'file.empty': 'The file is empty.',
  'file.malformed': 'The file is not valid CSV.',
  'file.no_header': 'No header row was found (row {row}).',
  'file.unknown_sheet': 'The workbook has no sheet "{sheet}".',
  'file.unreadable_xlsx': 'The Excel workbook (XLSX) could not be read.',
  'at.row_column': 'Row {row}, column {column}',
  'at.row': 'Row {row}',
  'at.mapping': 'Column mapping',
  unknown_dx: 'Unknown data element or indicator: "{value}".',
  unknown_ou: 'Unknown org unit: "{value}".',
  bad_pe: 'Invalid period: "{value}" (use 2020, 2020Q1, 202003 or a range 1990..2020).',
  too_many: 'Too many items: at most {max}.',
  compare_count: 'Choose from 2 to 8 countries.',
  indicator_exists: 'An indicator with the id "{value}" already exists.',
  data_element_exists: 'A data element with the id "{value}" already exists.',
  unknown_operand: 'The data element "{value}" does not exist.',
  bundled_read_only: 'Indicators shipped with the platform cannot be changed; create a new one.',
  not_bilateral: 'The data element "{value}" is not bilateral: it takes no reduction over partners.',
  unknown_area: 'Unknown country or region: "{value}".',
};

const pt: Record<Key, string> = {
  ...en,
  unknown_org_unit: 'Unidade territorial desconhecida: «{value}».',
  unknown_period: 'Período não reconhecido: «{value}».',
  not_a_number: 'Não é um número: «{value}».',
  duplicate_row: 'Linha duplicada: o mesmo dado já está na linha {first}.',
  outside_scope: 'A unidade «{value}» está fora do seu âmbito de captura.',
  'at.row_column': 'Linha {row}, coluna {column}',
  'at.row': 'Linha {row}',
};

const fr: Record<Key, string> = {
  ...en,
  unknown_org_unit: 'Unité territoriale inconnue : « {value} ».',
  unknown_period: 'Période non reconnue : « {value} ».',
  not_a_number: 'Ce n’est pas un nombre : « {value} ».',
  duplicate_row: 'Ligne en double : la même donnée figure déjà à la ligne {first}.',
  outside_scope: 'L’unité « {value} » est hors de votre périmètre de saisie.',
  'at.row_column': 'Ligne {row}, colonne {column}',
  'at.row': 'Ligne {row}',
};

const catalogues: Record<Locale, Record<Key, string>> = { es, en, pt, fr };

/** The catalogue as the manifest registers it (`core/i18n/messages.ts`). */
export const evidenceCatalogues: Catalogues = catalogues;

export type EvidenceMessageKey = Key;

export function evidenceText(locale: Locale, key: Key, params: Record<string, string | number> = {}): string {
  const template = catalogues[locale]?.[key] ?? es[key];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (params[name] !== undefined ? String(params[name]) : `{${name}}`));
}

/** Where a problem is, in words: "Fila 12, columna monto (C)". */
export function problemPath(locale: Locale, p: ImportProblem): string {
  if (p.row === 0) return evidenceText(locale, 'at.mapping');
  if (!p.column) return evidenceText(locale, 'at.row', { row: p.row });
  return evidenceText(locale, 'at.row_column', { row: p.row, column: p.columnLetter ? `${p.column} (${p.columnLetter})` : p.column });
}
