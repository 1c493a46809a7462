import { describe, expect, inject, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { axeViolations } from '../support/browser.js';
import { browserTabs, createUserAs, open, screenshotPath, settled, signIn, signInAdmin, uniqueEmail } from '../support/session.js';
import { plain } from '../support/text.js';

const baseUrl = inject('baseUrl');
const tabs = browserTabs();

/** Whitespace as people read it: Intl puts no-break spaces before "%" and "US$" in Spanish. */
const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

async function axeProblems(page: Page, name: string): Promise<string[]> {
  await page.screenshot({ path: screenshotPath(`remittances-${name}`), fullPage: true });
  return (await axeViolations(page)).map((v) => `${name}: axe ${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
}

/** A headline figure, found by its label (the card is a list item). */
const figure = (page: Page, label: string) => page.getByRole('listitem').filter({ has: page.getByText(label, { exact: true }) });

async function bodyRows(table: Locator): Promise<string[][]> {
  const rows = table.locator('tbody').getByRole('row');
  const out: string[][] = [];
  for (let i = 0; i < (await rows.count()); i++) out.push((await rows.nth(i).locator('th, td').allTextContents()).map(plain));
  return out;
}

describe('remittances: what it costs to send money home', () => {
  it('a sender on a 360 px phone, in Spanish, finds the cost from the USA to Mexico, its distance to 3 %, and what the family would save; the link can be shared', async () => {
    const page = await tabs.newPage({ width: 360 });
    await open(page, baseUrl, '/remittances');
    expect(plain(await h1(page).textContent())).toBe('Remesas');
    await page.getByRole('link', { name: '¿Cuánto cuesta enviar dinero?' }).click();
    await page.waitForURL((u) => u.pathname === '/remittances/send');
    await settled(page);

    // a bad amount is refused beside its field, and the summary links to it
    await page.getByLabel('Monto a enviar (US$)').fill('doscientos');
    await page.getByRole('button', { name: 'Ver el costo' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Hay un problema' });
    await summary.getByRole('link', { name: 'Escriba un monto mayor que cero, por ejemplo 200' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('rc-amount');

    await page.getByLabel('País desde el que envía').selectOption('USA');
    await page.getByLabel('País que recibe').selectOption('MEX');
    await page.getByLabel('Monto a enviar (US$)').fill('200');
    await page.getByLabel('Cuánto envía cada mes (US$)').fill('300');
    await page.getByRole('button', { name: 'Ver el costo' }).click();
    await page.waitForURL((u) => u.searchParams.get('from') === 'USA' && u.searchParams.get('to') === 'MEX' && u.searchParams.get('amount') === '200' && u.searchParams.get('monthly') === '300');
    await page.getByRole('heading', { level: 2, name: /^Enviar 200\sUS\$ de Estados Unidos de América a México$/ }).waitFor();
    expect(plain(await h1(page).textContent())).toBe('¿Cuánto cuesta enviar dinero a México?');

    // the corridor average, as the World Bank publishes it for 2025Q1
    const average = figure(page, 'Costo promedio de enviar 200\u00a0US$');
    expect(plain(await average.textContent())).toContain('4,98 %');
    expect(plain(await average.textContent())).toContain('2025 T1, promedio de 46 servicios (Banco Mundial)');
    // the distance to 3 % and to 5 %
    await page.getByText('Por encima del 3 %', { exact: true }).waitFor();
    expect(plain(await page.getByText(/^4,98\s%: /).textContent())).toBe('4,98 %: 1,98 puntos por encima de la meta de 3 % (ODS 10.c) y 0,02 puntos por debajo del límite de 5 %.');
    // the trend since 2016, drawn without a chart library, and as a table
    const chart = page.getByRole('img', { name: /^Costo de enviar US\$200 de Estados Unidos de América a México: .* en 2016 T2 y 4,98\s% en 2025 T1\.$/ });
    await chart.scrollIntoViewIfNeeded();
    await page.getByText('Ver las cifras en una tabla').click();
    const trend = await bodyRows(page.getByRole('table', { name: 'Cómo ha cambiado el costo desde 2016' }));
    expect(trend[0]![0]).toBe('2016 T2');
    expect(trend.at(-1)!.slice(0, 2)).toEqual(['2025 T1', '4,98 %']);
    // "no fee" is not "no cost"
    await page.getByRole('heading', { level: 2, name: '«Sin comisión» no es «sin costo»' }).waitFor();
    // savings: 300 a month at the corridor's 4.978 % is 179.21 a year; at 3 % it would be 108
    expect(plain(await page.getByText(/^Si envía 300/).textContent())).toBe('Si envía 300 US$ cada mes, en un año envía 3.600 US$ y paga 179,21 US$ en costos (al 4,98 %).');
    expect(plain(await page.locator('.rc-saving').textContent())).toBe('Al 3 % pagaría 108 US$: su familia tendría 71,21 US$ más al año.');
    // the money that would stay with families is labelled as an estimate
    await page.getByText('Estimación de 2017 (Banco Mundial-KNOMAD), no un flujo declarado.', { exact: true }).waitFor();
    expect(await axeProblems(page, 'send-360')).toEqual([]);

    // the same link in a fresh browser shows the same answer
    const shared = await tabs.newPage({ width: 360 });
    await open(shared, baseUrl, new URL(page.url()).pathname + new URL(page.url()).search);
    expect(plain(await figure(shared, 'Costo promedio de enviar 200\u00a0US$').textContent())).toContain('4,98 %');
    expect(await shared.getByLabel('Monto a enviar (US$)').inputValue()).toBe('200');

    // the SDG page lists the corridor against 3 %, with the estimate label
    await shared.getByRole('link', { name: 'Todos los corredores frente a la meta 10.c de los ODS' }).click();
    await shared.waitForURL((u) => u.pathname === '/remittances/sdg');
    await settled(shared);
    const corridors = shared.getByRole('table', { name: 'Corredores hacia América Latina y el Caribe' });
    const row = corridors.getByRole('row').filter({ has: shared.getByRole('rowheader', { name: 'Estados Unidos de América → México' }) });
    expect(plain(await row.textContent())).toContain('4,98 %');
    expect(plain(await row.textContent())).toContain('Por encima del 3 %');
    expect(await axeProblems(shared, 'sdg-360')).toEqual([]);
  });

  it('an analyst imports service quotes: a bad row is shown at its row and column and nothing is imported; the corrected file is, and the public page ranks the services', async () => {
    const admin = await tabs.newPage();
    await signInAdmin(admin, baseUrl);
    const analyst = { email: uniqueEmail('analista.remesas'), displayName: 'Analista de remesas' };
    await createUserAs(admin, baseUrl, { ...analyst, roleId: 'analyst', captureScope: ['GTM'] });

    const page = await tabs.newPage();
    await signIn(page, baseUrl, analyst.email);
    await open(page, baseUrl, '/remittances');
    await page.getByRole('link', { name: 'Cotizaciones de servicios' }).click();
    await page.waitForURL((u) => u.pathname === '/remittances/quotes');
    await settled(page);
    await page.getByRole('link', { name: 'Importar un archivo' }).click();
    await page.waitForURL((u) => u.pathname === '/remittances/quotes/import');
    await settled(page);

    const header = 'pais_envio;pais_recepcion;periodo;proveedor;tipo;producto;monto_enviado;moneda_envio;moneda_recepcion;comision;tipo_cambio;tipo_cambio_interbancario;tasa_divulgada;rapidez;forma_pago';
    const rows = [
      'USA;GTM;2025Q1;Remesas Maya;remesadora;Efectivo;200;USD;GTQ;4,50;7,60;7,72;sí;mismo día;efectivo',
      'USA;GTM;2025Q1;Banco Dos;banco;Cuenta;200;USD;GTQ;-3;7,58;7,72;no;2-5 días;cuenta bancaria',
      'USA;GTM;2025Q1;Móvil Ya;móvil;Billetera;200;USD;GTQ;1,99;7,65;7,72;sí;menos de 1 hora;billetera móvil',
    ];
    const upload = async (name: string, lines: string[]) => {
      await page.getByLabel('Archivo', { exact: true }).setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from([header, ...lines].join('\r\n'), 'utf8') });
      await page.getByRole('button', { name: 'Revisar el archivo' }).click();
      await page.getByRole('heading', { level: 2, name: `Revisión de «${name}»` }).waitFor();
    };
    await upload('cotizaciones.csv', rows);
    await page.getByText('Errores en el archivo: 1', { exact: true }).waitFor();
    expect(plain(await page.getByText(/^Filas leídas:/).textContent())).toBe('Filas leídas: 3. Cotizaciones listas: 2. Filas con errores: 1.');
    const problems = page.getByRole('table', { name: 'Errores por fila y columna' });
    expect(await bodyRows(problems)).toEqual([['3', 'comision (J)', 'No puede ser negativo.']]);
    expect(await page.getByRole('button', { name: /^Importar/ }).count()).toBe(0);
    expect(await axeProblems(page, 'quotes-import-errors')).toEqual([]);

    await upload('cotizaciones-corregido.csv', rows.map((r) => r.replace(';-3;', ';0;')));
    await page.getByText('No se encontraron errores.', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Importar las cotizaciones (3)' }).click();
    await page.getByText('Cotizaciones importadas: 3.', { exact: true }).waitFor();
    await page.getByRole('link', { name: 'Ver las cotizaciones' }).click();
    await page.waitForURL((u) => u.pathname === '/remittances/quotes');
    await settled(page);
    expect(plain(await page.getByRole('table', { name: 'Cotizaciones (3)' }).textContent())).toContain('Remesas Maya');

    // the public page, in another browser with no account: the services sorted by what the family receives
    const publicPage = await tabs.newPage({ width: 360 });
    await open(publicPage, baseUrl, '/remittances/send?from=USA&to=GTM&amount=200');
    const services = publicPage.getByRole('table', { name: /^Servicios para enviar 200\sUS\$$/ });
    await services.waitFor();
    const ranked = await bodyRows(services);
    expect(ranked.map((r) => r[0]!.split(' ')[0])).toEqual(['Móvil', 'Remesas', 'Banco']);
    expect(ranked[0]!.slice(1, 4)).toEqual(['1.530 GTQ', '201,99 US$', '1,90 %']);
    expect(await axeProblems(publicPage, 'send-services-360')).toEqual([]);
  });
});
