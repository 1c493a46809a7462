import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { axeViolations } from '../support/browser.js';
import { browserTabs, open, screenshotPath, settled } from '../support/session.js';
import { plain } from '../support/text.js';

const baseUrl = inject('baseUrl');
const tabs = browserTabs();

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

/** Whitespace as people read it: Intl puts a no-break space before "%" in Spanish. */

/** A headline figure of a profile, found by its label (the card is a list item). */
const figureCard = (page: Page, label: string) => page.getByRole('listitem').filter({ has: page.getByText(label, { exact: true }) });

/** Clicks a language in the header's switcher and waits until the page says so. */
async function choose(page: Page, name: 'English' | 'Español', lang: 'en' | 'es'): Promise<void> {
  await page.getByRole('group', { name: lang === 'en' ? 'Idioma' : 'Language' }).getByRole('button', { name }).click();
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
  await settled(page);
}

/** axe problems as readable strings (empty: none). */
async function axeProblems(page: Page, name: string): Promise<string[]> {
  const problems = (await axeViolations(page)).map((v) => `${name}: axe ${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
  await page.screenshot({ path: screenshotPath(`evidence-${name}`), fullPage: true });
  return problems;
}

/** Shows the table tab of a chart frame and returns the table's rows. */
async function tableOf(frame: Locator): Promise<Locator> {
  await frame.scrollIntoViewIfNeeded();
  const tab = frame.getByRole('tab', { name: /^(Tabla|Table)$/ });
  await tab.click();
  expect(await tab.getAttribute('aria-selected')).toBe('true');
  const table = frame.getByRole('table');
  await table.waitFor();
  return table;
}

/** A minimal RFC 4180 reader (quoted cells with commas, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

describe('evidence: a newcomer', () => {
  it("opens the platform in Spanish, finds Guatemala's profile, sees remittances as % of GDP with its source, opens the map, switches to English, compares Guatemala, Honduras and El Salvador, downloads the CSV", async () => {
    const page = await tabs.newPage();
    const problems: string[] = [];

    // ---- the home page, in Spanish, without signing in
    await open(page, baseUrl, '/');
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    await page.getByRole('navigation', { name: 'Menú principal' }).getByRole('link', { name: 'Evidencia' }).click();
    await page.waitForURL((u) => u.pathname === '/evidence');
    await settled(page);
    expect(await h1(page).textContent()).toBe('Evidencia sobre migración y desarrollo');

    // ---- Guatemala's profile, from the list of country profiles
    await page.getByRole('region', { name: 'Centroamérica' }).getByRole('link', { name: 'Guatemala', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/evidence/profiles/GTM');
    await settled(page);
    expect(plain(await h1(page).textContent())).toContain('Guatemala: migración y remesas');

    // the headline figure: remittances as % of GDP, with its year and its source
    const pct = figureCard(page, 'Remesas recibidas, % del PIB');
    await pct.waitFor();
    const pctText = plain(await pct.textContent());
    expect(pctText).toContain('19,2 %');
    expect(pctText).toContain('Año: 2022');
    expect(pctText).toMatch(/Fuente: .*(Banco Mundial|World Bank)/);

    // the same number with two decimals in the table of the % of GDP chart, and the chart's source underneath
    const gdpFrame = page.getByRole('region', { name: /^Remesas recibidas por Guatemala como porcentaje del PIB/ });
    const gdpTable = await tableOf(gdpFrame);
    const row2022 = gdpTable.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '2022', exact: true }) });
    expect(plain(await row2022.textContent())).toContain('19,16 %');
    // "Fuente:" is in bold; the paragraph holding it names the source and its vintage
    expect(plain(await gdpFrame.getByText('Fuente:', { exact: true }).locator('..').textContent())).toMatch(/^Fuente: .*(Banco Mundial|World Bank)/);

    problems.push(...(await axeProblems(page, 'profile-GTM-es')));

    // ---- the map: it sits below the fold and renders once scrolled near
    const mapFrame = page.getByRole('region', { name: /^Dónde viven las personas emigrantes de Guatemala, \d{4}$/ });
    await mapFrame.scrollIntoViewIfNeeded();
    const map = mapFrame.getByRole('img', { name: /^Mapa del mundo con \d+ países de residencia de emigrantes de Guatemala; el principal es Estados Unidos/ });
    await map.waitFor();
    await mapFrame.locator('[role="img"][aria-busy="false"]').waitFor();
    await map.locator('svg').first().waitFor();
    expect(await map.locator('svg path').count()).toBeGreaterThan(50);
    // the same numbers as a table: destination countries, the United States first
    const mapTable = await tableOf(mapFrame);
    const firstRow = mapTable.getByRole('row').nth(1);
    expect(plain(await firstRow.getByRole('rowheader').textContent())).toBe('Estados Unidos');
    await mapTable.getByRole('rowheader', { name: 'México', exact: true }).waitFor();

    // ---- English
    await choose(page, 'English', 'en');
    expect(page.url()).toBe(`${baseUrl}/evidence/profiles/GTM`);
    expect(plain(await h1(page).textContent())).toContain('Guatemala: migration and remittances');
    const pctEn = plain(await figureCard(page, 'Remittances received, % of GDP').textContent());
    expect(pctEn).toContain('19.2%');
    expect(pctEn).toContain('Year: 2022');
    expect(pctEn).toMatch(/Source: .*(World Bank|Banco Mundial)/);
    await page.getByRole('navigation', { name: 'On this page' }).waitFor();
    expect(await page.getByText('Remesas recibidas, % del PIB', { exact: true }).count()).toBe(0);

    // ---- compare Guatemala, Honduras and El Salvador
    await page.getByRole('navigation', { name: 'On this page' }).getByRole('link', { name: 'Compare with other countries' }).click();
    await page.waitForURL((u) => u.pathname === '/evidence/compare');
    await settled(page);
    expect(plain(await h1(page).textContent())).toBe('Compare countries');
    const url = new URL(page.url());
    expect(url.searchParams.get('ou')?.split(',')).toEqual(['GTM', 'HND', 'SLV']);
    const chosen = page.getByRole('list', { name: 'Chosen' });
    for (const name of ['Guatemala', 'Honduras', 'El Salvador']) await chosen.getByRole('listitem').filter({ hasText: name }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Results' }).waitFor();

    // the one chart of the comparison: the region that has a Chart / Table switch
    const frame = page.getByRole('region').filter({ has: page.getByRole('tab', { name: 'Table' }) });
    const compareTable = await tableOf(frame);
    const headers = (await compareTable.getByRole('columnheader').allTextContents()).map(plain);
    expect(headers).toEqual(['Year', 'Guatemala', 'Honduras', 'El Salvador']);
    const compare2022 = compareTable.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '2022', exact: true }) });
    const cells2022 = (await compare2022.getByRole('cell').allTextContents()).map(plain);
    expect(cells2022).toHaveLength(3);
    expect(cells2022[0]).toBe('19.16%');
    for (const c of cells2022) expect(c).toMatch(/^\d+(\.\d+)?%$/);

    problems.push(...(await axeProblems(page, 'compare-GTM-HND-SLV-en')));

    // ---- the CSV of the whole table
    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download the full table (CSV)' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const path = await download.path();
    const csv = parseCsv(readFileSync(path, 'utf8'));
    const [head, ...records] = csv;
    expect(head).toEqual(expect.arrayContaining(['dx', 'ou', 'ou_name', 'pe', 'value', 'source']));
    const col = (name: string) => head!.indexOf(name);
    const byOu = (ou: string) => records.filter((r) => r[col('ou')] === ou);
    for (const ou of ['GTM', 'HND', 'SLV']) expect(byOu(ou).length, `${ou} rows in the CSV`).toBeGreaterThan(0);
    expect(new Set(records.map((r) => r[col('ou')]))).toEqual(new Set(['GTM', 'HND', 'SLV']));
    const gtm2022 = byOu('GTM').find((r) => r[col('pe')] === '2022');
    expect(gtm2022, 'Guatemala 2022 in the CSV').toBeTruthy();
    expect(Number(gtm2022![col('value')])).toBeCloseTo(19.16, 1);
    expect(gtm2022![col('source')]).toMatch(/World Bank|Banco Mundial/);

    expect(problems).toEqual([]);
  });
});
