import type { FileLimitKey } from './limits.js';

/**
 * What each file limit says to the person who uploaded the file: which limit, its value, and where (row and column
 * for a cell); and the two refusals every import shares (a binary file, a header without rows). The core's
 * catalogue under `file.` (`file.too_many_rows`, registered by `i18n/messages.ts`); modules word their own file
 * messages (empty, malformed, ...) in theirs. `fileProblemKey` names the message of a refusal.
 */
export type SharedFileKey = FileLimitKey | 'not_text' | 'no_rows';
type Messages = Record<SharedFileKey, string>;

const es: Messages = {
  not_text: 'El archivo no es texto ni un libro de Excel (parece {kind}). Suba un CSV o un XLSX.',
  no_rows: 'El archivo tiene la fila de encabezados (fila {row}) pero ninguna fila de datos.',
  file_too_large: 'El archivo pesa {size} MiB y el máximo es {max} MiB. Divídalo en varios archivos.',
  uncompressed_too_large: 'El libro de Excel ocupa {size} MiB descomprimido y el máximo es {max} MiB. Divídalo en varios archivos.',
  compression_ratio: 'El libro de Excel se descomprime más de {max} veces su tamaño (parte «{entry}»): no parece un libro normal y no se lee.',
  cell_too_long: 'Fila {row}, columna {column}: la celda tiene {length} caracteres y el máximo es {max}.',
  line_too_long: 'Fila {row}: la línea tiene más de {max} caracteres (¿unas comillas sin cerrar?).',
  too_many_rows: 'El archivo tiene más de {max} filas (fila {row}). Divídalo en varios archivos.',
  too_many_columns: 'Fila {row}: el archivo tiene más de {max} columnas.',
  too_many_cells: 'El archivo tiene más de {max} celdas (fila {row}). Divídalo en varios archivos.',
  too_complex: 'El archivo no se pudo leer en {seconds} s con la memoria disponible. Divídalo en varios archivos o guárdelo como CSV.',
};

const en: Messages = {
  not_text: 'The file is neither text nor an Excel workbook (it looks like {kind}). Upload a CSV or an XLSX file.',
  no_rows: 'The file has a header row (row {row}) but no data rows.',
  file_too_large: 'The file is {size} MiB and the maximum is {max} MiB. Split it into several files.',
  uncompressed_too_large: 'The Excel workbook is {size} MiB uncompressed and the maximum is {max} MiB. Split it into several files.',
  compression_ratio: 'The Excel workbook inflates to more than {max} times its size (part "{entry}"): it does not look like a normal workbook and is not read.',
  cell_too_long: 'Row {row}, column {column}: the cell has {length} characters and the maximum is {max}.',
  line_too_long: 'Row {row}: the line has more than {max} characters (an unclosed quote?).',
  too_many_rows: 'The file has more than {max} rows (row {row}). Split it into several files.',
  too_many_columns: 'Row {row}: the file has more than {max} columns.',
  too_many_cells: 'The file has more than {max} cells (row {row}). Split it into several files.',
  too_complex: 'The file could not be read within {seconds} s and the memory available. Split it into several files or save it as CSV.',
};

const pt: Messages = {
  not_text: 'O arquivo não é texto nem uma pasta de trabalho do Excel (parece {kind}). Envie um CSV ou um XLSX.',
  no_rows: 'O arquivo tem a linha de cabeçalho (linha {row}) mas nenhuma linha de dados.',
  file_too_large: 'O arquivo tem {size} MiB e o máximo é {max} MiB. Divida-o em vários arquivos.',
  uncompressed_too_large: 'A pasta de trabalho do Excel ocupa {size} MiB descompactada e o máximo é {max} MiB. Divida-a em vários arquivos.',
  compression_ratio: 'A pasta de trabalho do Excel se descompacta em mais de {max} vezes o seu tamanho (parte «{entry}»): não parece uma pasta normal e não é lida.',
  cell_too_long: 'Linha {row}, coluna {column}: a célula tem {length} caracteres e o máximo é {max}.',
  line_too_long: 'Linha {row}: a linha tem mais de {max} caracteres (aspas não fechadas?).',
  too_many_rows: 'O arquivo tem mais de {max} linhas (linha {row}). Divida-o em vários arquivos.',
  too_many_columns: 'Linha {row}: o arquivo tem mais de {max} colunas.',
  too_many_cells: 'O arquivo tem mais de {max} células (linha {row}). Divida-o em vários arquivos.',
  too_complex: 'O arquivo não pôde ser lido em {seconds} s com a memória disponível. Divida-o em vários arquivos ou salve-o como CSV.',
};

const fr: Messages = {
  not_text: 'Le fichier n’est ni du texte ni un classeur Excel (il ressemble à {kind}). Envoyez un fichier CSV ou XLSX.',
  no_rows: 'Le fichier a une ligne d’en-têtes (ligne {row}) mais aucune ligne de données.',
  file_too_large: 'Le fichier pèse {size} Mio et le maximum est de {max} Mio. Divisez-le en plusieurs fichiers.',
  uncompressed_too_large: 'Le classeur Excel occupe {size} Mio décompressé et le maximum est de {max} Mio. Divisez-le en plusieurs fichiers.',
  compression_ratio: 'Le classeur Excel se décompresse en plus de {max} fois sa taille (partie « {entry} ») : il ne ressemble pas à un classeur normal et n’est pas lu.',
  cell_too_long: 'Ligne {row}, colonne {column} : la cellule compte {length} caractères et le maximum est de {max}.',
  line_too_long: 'Ligne {row} : la ligne compte plus de {max} caractères (un guillemet non fermé ?).',
  too_many_rows: 'Le fichier compte plus de {max} lignes (ligne {row}). Divisez-le en plusieurs fichiers.',
  too_many_columns: 'Ligne {row} : le fichier compte plus de {max} colonnes.',
  too_many_cells: 'Le fichier compte plus de {max} cellules (ligne {row}). Divisez-le en plusieurs fichiers.',
  too_complex: 'Le fichier n’a pas pu être lu en {seconds} s avec la mémoire disponible. Divisez-le en plusieurs fichiers ou enregistrez-le au format CSV.',
};

export const fileMessages = { es, en, pt, fr };

export const isFileLimitKey = (key: string): key is SharedFileKey => Object.prototype.hasOwnProperty.call(es, key);

/** The message key of a file refusal: the core's for a limit or a shared refusal, else the module's own (`<module>.file.<key>`). */
export const fileProblemKey = (key: string, moduleNamespace: string): string => (isFileLimitKey(key) ? `file.${key}` : `${moduleNamespace}.file.${key}`);
