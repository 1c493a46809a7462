import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser.js';
import { apiWrite, createUserAs, open, pages, screenshotPath, settled, signIn, signInAdmin, uniqueEmail } from '../support/session.js';
import { plain } from '../support/text.js';

const baseUrl = inject('baseUrl');
let browser: Browser;
const tabs = pages(() => browser);

/**
 * A national coordinator of Guatemala (capture scope GTM, `data.import`, no second factor), three departments with
 * accented names (the fixtures hold only GT01 and its two municipalities), and a monthly national series to import into.
 */
const fixtures = {
  coordinator: { email: uniqueEmail('coordinacion.importa'), displayName: 'Coordinación Importaciones' },
  series: `remesas_depto_${Date.now().toString(36)}`,
  seriesName: 'Remesas recibidas por departamento',
};
const DEPARTMENTS = ['code,name,parent_code', 'GT07,Sololá,GTM', 'GT09,Quetzaltenango,GTM', 'GT17,Petén,GTM'].join('\n');

beforeAll(async () => {
  browser = await launchBrowser();
  const admin = await tabs.newPage();
  await signInAdmin(admin, baseUrl);
  const units = await apiWrite(admin, baseUrl, 'POST', '/org-units/import', { csv: DEPARTMENTS });
  expect(units.status(), await units.text()).toBe(200);
  await createUserAs(admin, baseUrl, { ...fixtures.coordinator, roleId: 'national_coordinator', captureScope: ['GTM'] });
  await tabs.closeAll();

  const coordinator = await tabs.newPage();
  await signIn(coordinator, baseUrl, fixtures.coordinator.email);
  const de = await apiWrite(coordinator, baseUrl, 'POST', '/evidence/data-elements', {
    id: fixtures.series,
    name_es: fixtures.seriesName,
    name_en: 'Remittances received by department',
    unit: 'number',
    period_type: 'month',
    aggregation: 'sum',
    publisher: 'Banco de Guatemala',
  });
  expect(de.status(), await de.text()).toBe(201);
  await tabs.closeAll();
});
afterEach(async () => {
  await tabs.closeAll();
});
afterAll(async () => {
  await browser?.close();
});

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

/** What a ministry's Excel writes on Spanish Windows: Windows-1252, semicolons, decimal commas, months as "mar-24". */
function ministryCsv(rows: [string, string, string][]): Buffer {
  const text = ['Departamento;Período;Monto recibido', ...rows.map((r) => r.join(';'))].join('\r\n') + '\r\n';
  return iconv.encode(text, 'win1252');
}

const BAD_ROWS: [string, string, string][] = [
  ['Quetzaltenango', 'mar-24', '12.345,67'],
  ['Sololá', 'mar-24', '23.456,78'],
  ['Petén', 'mar-24', 'abc'], // file row 4: not a number
  ['Quetzaltenango', 'abr-24', '34.567,89'],
  ['Sololá', 'abr-24', '45.678,90'],
  ['Petén', 'abr-24', '56.789,01'],
];
const FIXED_ROWS: [string, string, string][] = BAD_ROWS.map((r) => (r[2] === 'abc' ? [r[0], r[1], '11.223,34'] : r));

/** The cells of a table's body rows, as text. */
async function bodyRows(table: Locator): Promise<string[][]> {
  const rows = table.locator('tbody').getByRole('row');
  const out: string[][] = [];
  for (let i = 0; i < (await rows.count()); i++) out.push((await rows.nth(i).getByRole('cell').allTextContents()).map(plain));
  return out;
}

async function upload(page: Page, name: string, content: Buffer): Promise<void> {
  await page.getByLabel('Archivo', { exact: true }).setInputFiles({ name, mimeType: 'text/csv', buffer: content });
  await page.getByRole('button', { name: 'Leer el archivo' }).click();
}

describe('evidence: an officer imports national data', () => {
  it('imports a Windows-1252, semicolon-separated file with decimal commas and one bad row: sees the error at its row, fixes the file, imports it, sees the series on the chart, and undoes it', async () => {
    const page = await tabs.newPage();
    await signIn(page, baseUrl, fixtures.coordinator.email);
    const badName = `remesas-departamentos-${fixtures.series}.csv`;
    const fixedName = `remesas-departamentos-${fixtures.series}-corregido.csv`;

    // ---- from the evidence page to the imports and the wizard
    await open(page, baseUrl, '/evidence');
    await page.getByRole('link', { name: 'Datos nacionales: importaciones' }).click();
    await page.waitForURL((u) => u.pathname === '/evidence/imports');
    await settled(page);
    expect(plain(await h1(page).textContent())).toBe('Datos nacionales: importaciones');
    await page.getByRole('link', { name: 'Importar un archivo' }).click();
    await page.waitForURL((u) => u.pathname === '/evidence/imports/new');
    await settled(page);
    expect(plain(await h1(page).textContent())).toContain('Importar series nacionales');
    expect(plain(await page.getByText(/^Paso \d de 4$/).textContent())).toBe('Paso 1 de 4');

    // ---- step 1: the file with a bad row
    await upload(page, badName, ministryCsv(BAD_ROWS));
    await page.getByText('Paso 2 de 4', { exact: true }).waitFor();
    const read = plain(await page.getByText(`«${badName}»`).textContent());
    expect(read).toContain('6 filas, 3 columnas');
    expect(read).toMatch(/Codificación windows-1252, separador punto y coma/);
    // the accents came through: the file was read as Windows-1252, not as broken UTF-8
    const sample = page.getByRole('table', { name: 'Primeras filas del archivo' });
    expect((await sample.getByRole('columnheader').allTextContents()).map(plain)).toEqual(['Departamento', 'Período', 'Monto recibido']);
    const sampleRows = await bodyRows(sample);
    expect(sampleRows.slice(0, 3)).toEqual([
      ['Quetzaltenango', 'mar-24', '12.345,67'],
      ['Sololá', 'mar-24', '23.456,78'],
      ['Petén', 'mar-24', 'abc'],
    ]);

    // ---- step 2: the columns (guessed from their names), the series, the decimal separator
    expect(await page.getByLabel('Columna de la unidad territorial').inputValue()).toBe('Departamento');
    expect(await page.getByLabel('Columna del periodo').inputValue()).toBe('Período');
    expect(await page.getByLabel('Columna del valor').inputValue()).toBe('Monto recibido');
    await page.getByLabel('Columna de la serie (elemento de datos)').selectOption('');
    await page.getByLabel('Serie', { exact: true }).selectOption(fixtures.series);
    await page.getByRole('radio', { name: 'Coma (1.234,5)' }).check();
    await page.getByRole('button', { name: 'Revisar los datos' }).click();

    // ---- step 3: the preview names the bad row and column, in Spanish
    await page.getByText('Paso 3 de 4', { exact: true }).waitFor();
    await page.getByText('El archivo tiene 1 error', { exact: true }).waitFor();
    expect(plain(await page.getByText(/^Filas leídas:/).textContent())).toBe('Filas leídas: 6. Valores listos para importar: 5. Filas con errores: 1.');
    const problems = page.getByRole('table', { name: 'Errores por fila y columna' });
    expect((await problems.getByRole('columnheader').allTextContents()).map(plain)).toEqual(['Fila', 'Columna', 'Problema']);
    expect(await bodyRows(problems)).toEqual([['4', 'Monto recibido (C)', 'No es un número: «abc».']]);
    // the valid values are read with decimal commas
    const values = page.getByRole('table', { name: 'Primeros valores que se importarán' });
    const valueRows = await bodyRows(values);
    expect(valueRows[0]).toEqual(['2', fixtures.series, 'GT09', '202403', expect.any(String), '12.345,67']);
    expect(valueRows.map((r) => r[0])).not.toContain('4');
    // nothing is imported while errors remain: the import button asks for the "valid rows only" choice
    await page.getByRole('button', { name: 'Importar las filas válidas' }).waitFor();
    await page.getByLabel(/^Importar solo las filas válidas \(5 valores\)/).waitFor();

    // ---- the corrected file: same columns, so straight back to the preview
    await page.getByRole('button', { name: 'Subir el archivo corregido' }).click();
    await page.getByText('Paso 1 de 4', { exact: true }).waitFor();
    await upload(page, fixedName, ministryCsv(FIXED_ROWS));
    await page.getByText('Paso 3 de 4', { exact: true }).waitFor();
    await page.getByText('No se encontraron errores.', { exact: true }).waitFor();
    expect(plain(await page.getByText(/^Filas leídas:/).textContent())).toBe('Filas leídas: 6. Valores listos para importar: 6. Filas con errores: 0.');
    expect(await page.getByRole('table', { name: 'Errores por fila y columna' }).count()).toBe(0);
    const fixedValues = await bodyRows(page.getByRole('table', { name: 'Primeros valores que se importarán' }));
    expect(fixedValues.find((r) => r[0] === '4')).toEqual(['4', fixtures.series, 'GT17', '202403', expect.any(String), '11.223,34']);

    // ---- step 4: import
    const imported = page.waitForResponse((r) => r.url().endsWith('/api/v1/evidence/imports') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Importar', exact: true }).click();
    const res = await imported;
    expect(res.status()).toBe(201);
    const record = (await res.json()) as { id: string; scope_code: string; rows_imported: number; org_unit_codes: string[] };
    expect(record.rows_imported).toBe(6);
    expect([...record.org_unit_codes].sort()).toEqual(['GT07', 'GT09', 'GT17']);
    await page.getByText('Paso 4 de 4', { exact: true }).waitFor();
    await page.getByText('Importación hecha', { exact: true }).waitFor();
    await page.getByText('Se importaron 6 valores.', { exact: true }).waitFor();

    // ---- the imports list shows it
    await page.getByRole('link', { name: 'Datos nacionales: importaciones' }).last().click();
    await page.waitForURL((u) => u.pathname === '/evidence/imports');
    await settled(page);
    const list = page.getByRole('table', { name: 'Importaciones' });
    const row = list.getByRole('row').filter({ hasText: fixedName });
    await row.waitFor();
    const rowText = plain(await row.textContent());
    expect(rowText).toContain(fixtures.coordinator.email); // who: the account's label
    expect(rowText).toContain('6 importadas de 6; 0 rechazadas');
    expect(rowText).toContain('Importada');
    expect(rowText).toContain('GT07, GT09, GT17');
    expect(rowText).toContain('202403–202404');
    expect(await list.getByRole('row').filter({ hasText: badName }).filter({ hasNotText: 'corregido' }).count()).toBe(0);

    // ---- the series, as a chart and as a table
    await row.getByRole('link', { name: fixtures.series }).click();
    await page.waitForURL((u) => u.pathname === '/evidence/series' && u.searchParams.get('de') === fixtures.series);
    await settled(page);
    const frame = page.getByRole('region', { name: new RegExp(`^${fixtures.seriesName} en .*, 2024-04$`) });
    await frame.waitFor();
    const chart = frame.getByRole('img', { name: new RegExp(`^Gráfico de barras de ${fixtures.seriesName} en 3 unidades; la mayor es Petén con 56\\.789(,01)?\\.`) });
    await frame.scrollIntoViewIfNeeded();
    await chart.waitFor();
    await chart.locator('svg').first().waitFor();
    await page.screenshot({ path: screenshotPath('evidence-series-imported'), fullPage: true });

    await frame.getByRole('tab', { name: 'Tabla' }).click();
    const table = frame.getByRole('table');
    await table.waitFor();
    expect((await table.getByRole('columnheader').allTextContents()).map(plain)).toEqual(['Unidad territorial', 'Código', '2024-03', '2024-04']);
    const seriesRow = async (name: string) => {
      const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
      return [name, ...(await row.getByRole('cell').allTextContents()).map(plain)].join(' ');
    };
    // Values of unit "number" are shown in the table with no decimals (format.ts, formatFull): accept the value rounded
    // or in full, so that this test checks the data and not that display choice (see the report).
    expect(await seriesRow('Quetzaltenango')).toMatch(/^Quetzaltenango GT09 (12\.345,67|12\.346) (34\.567,89|34\.568)$/);
    expect(await seriesRow('Sololá')).toMatch(/^Sololá GT07 (23\.456,78|23\.457) (45\.678,9|45\.679)$/);
    expect(await seriesRow('Petén')).toMatch(/^Petén GT17 (11\.223,34|11\.223) (56\.789,01|56\.789)$/);

    // the chart's CSV has the numbers exactly as imported
    const downloading = page.waitForEvent('download');
    await frame.getByRole('button', { name: /^Descargar CSV/ }).click();
    const csv = readFileSync(await (await downloading).path(), 'utf8').replace(/^\uFEFF/, '');
    const lines = csv.trim().split(/\r?\n/).map((l) => l.split(','));
    expect(lines[0]).toEqual(['Unidad territorial', 'Código', '2024-03', '2024-04']);
    expect(csv).toContain('Fuente: Banco de Guatemala'); // the source travels with the numbers
    expect(lines.filter((l) => /^GT\d+$/.test(l[1] ?? '')).sort((a, b) => a[1]!.localeCompare(b[1]!))).toEqual([
      ['Sololá', 'GT07', '23456.78', '45678.9'],
      ['Quetzaltenango', 'GT09', '12345.67', '34567.89'],
      ['Petén', 'GT17', '11223.34', '56789.01'],
    ]);

    // ---- undo the import: its values go
    await open(page, baseUrl, '/evidence/imports');
    page.once('dialog', (d) => {
      expect(d.message()).toBe(`¿Deshacer la importación de «${fixedName}»? Sus valores se retirarán.`);
      void d.accept();
    });
    const undoRow = page.getByRole('table', { name: 'Importaciones' }).getByRole('row').filter({ hasText: fixedName });
    await undoRow.getByRole('button', { name: `Deshacer ${fixedName}` }).click();
    await page.getByText(`Se deshizo la importación de «${fixedName}».`, { exact: true }).waitFor();
    await undoRow.getByText('Deshecha', { exact: true }).waitFor();
    expect(await undoRow.getByRole('button', { name: /^Deshacer/ }).count()).toBe(0);

    await open(page, baseUrl, `/evidence/series?de=${fixtures.series}&ou=${record.scope_code}`);
    await page.getByText('No hay datos para este gráfico.', { exact: true }).waitFor();
    expect(await page.getByRole('rowheader', { name: 'Petén', exact: true }).count()).toBe(0);
  });
});
