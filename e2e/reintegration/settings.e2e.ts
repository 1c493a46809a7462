import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, totpCode } from '../support/browser.js';
import { ENROLLED_ADMIN_TOTP } from '../support/fixtures.js';
import { apiWrite, browserTabs, open, screenshotPath, settled, signInAdmin } from '../support/session.js';
import { plain } from '../support/text.js';

const baseUrl = inject('baseUrl');
const personInA = inject('personInA');
const tabs = browserTabs();

/**
 * An administrator configures Honduras' return categories and the response grid on the settings page; the new
 * category is then offered when an arrival is registered in Honduras, and the case is exported with a code of the
 * administrator's second factor instead of the password.
 */
const run = Date.now().toString(36);
const CODE = `retornado_${run}`;
const LABEL_ES = `Persona retornada por decreto ${run}`;
type Grid = { entries: { need: string; response: string }[] };
/** Each need's responses in order (the order of the needs themselves is the page's, not the test's, business). */
const byNeed = (grid: Grid) => grid.entries.reduce<Record<string, string[]>>((acc, e) => ({ ...acc, [e.need]: [...(acc[e.need] ?? []), e.response] }), {});
let gridBefore: Grid | undefined;

// The other browser tests plan from the shipped grid: it goes back as it was.
afterAll(async () => {
  if (!gridBefore) return;
  const page = await tabs.newPage();
  await signInAdmin(page, baseUrl);
  expect((await apiWrite(page, baseUrl, 'PUT', '/reintegration/grid', gridBefore)).status()).toBe(200);
  await tabs.closeAll();
});

async function expectAxeClean(page: Page, what: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `${what}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

/** Screenshots at 1280 px and 360 px; at 360 px nothing may stick out sideways (outside the tables' scrolling). */
async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: screenshotPath(`${name}-1280`), fullPage: true });
  await page.setViewportSize({ width: 360, height: 800 });
  await page.screenshot({ path: screenshotPath(`${name}-360`), fullPage: true });
  const overflowing = await page.evaluate(() =>
    document.documentElement.scrollWidth <= window.innerWidth
      ? []
      : Array.from(document.querySelectorAll<HTMLElement>('main *'))
          .filter((el) => !el.closest('.table-wrap') && el.getBoundingClientRect().right > window.innerWidth + 1)
          .map((el) => `${el.tagName.toLowerCase()}.${el.className}`),
  );
  expect(overflowing, name).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 800 });
}

const apiGet = async <T,>(page: Page, path: string): Promise<T> => (await (await page.request.get(`${baseUrl}/api/v1${path}`)).json()) as T;

describe('reintegration settings: return categories and the response grid', () => {
  it('an administrator edits Honduras’ categories and the grid, and the arrival form offers the new category', async () => {
    const page = await tabs.newPage({ width: 1280 });
    await signInAdmin(page, baseUrl);
    gridBefore = await apiGet<Grid>(page, '/reintegration/grid');

    // ---- from the module's navigation to Honduras' list: mide's examples, said to be examples
    await open(page, baseUrl, '/reintegration');
    await page.getByRole('navigation', { name: 'Secciones de reintegración' }).getByRole('link', { name: 'Configuración' }).click();
    await page.waitForURL((u) => u.pathname === '/reintegration/settings');
    await settled(page);
    await page.getByLabel('País', { exact: true }).selectOption('HND');
    await page.getByRole('button', { name: 'Ver sus categorías' }).click();
    const categories = page.getByRole('form', { name: 'Categorías de Honduras' });
    await categories.waitFor();
    await categories.getByText(/no son la ley de ningún país/).waitFor();
    expect(await categories.getByRole('group', { name: /^Categoría \d+ Ejemplo$/ }).count()).toBe(4);
    await expectAxeClean(page, 'settings');
    await shoot(page, 'rn-settings');

    // ---- a new category with a repeated code is refused beside its field; fixed, moved first, an example removed
    await categories.getByRole('button', { name: 'Agregar una categoría' }).click();
    const fifth = categories.getByRole('group', { name: 'Categoría 5' });
    await fifth.getByLabel('Código').fill('example_deported');
    await fifth.getByLabel('Nombre en español').fill(LABEL_ES);
    await fifth.getByLabel('Nombre en inglés').fill(`Person returned by decree ${run}`);
    // leaving with unsaved changes asks first; staying keeps them
    const asked = page.waitForEvent('dialog').then(async (dialog) => {
      const question = dialog.message();
      await dialog.dismiss();
      return question;
    });
    await page.getByRole('navigation', { name: 'Secciones de reintegración' }).getByRole('link', { name: 'Tablero' }).click();
    expect(await asked).toBe('Hay cambios sin guardar en la configuración. ¿Quiere salir sin guardarlos?');
    expect(new URL(page.url()).pathname).toBe('/reintegration/settings');
    expect(await fifth.getByLabel('Nombre en español').inputValue()).toBe(LABEL_ES);
    await categories.getByRole('button', { name: 'Guardar las categorías' }).click();
    const repeated = 'Categoría 5: el código «example_deported» ya está en la categoría 2.';
    await categories.getByRole('alert').getByRole('link', { name: repeated }).waitFor();
    await fifth.getByText(repeated).waitFor();
    await expectAxeClean(page, 'settings with an error');
    await fifth.getByLabel('Código').fill(CODE);
    for (let i = 0; i < 4; i++) await categories.getByRole('button', { name: `Subir ${LABEL_ES}` }).click();
    await categories.getByRole('button', { name: 'Quitar Ejemplo: persona deportada' }).click();
    await categories.getByRole('button', { name: 'Guardar las categorías' }).click();
    await categories.getByRole('status').getByText('Categorías de Honduras guardadas.').waitFor();
    // saved: no longer examples, in the order given
    const hnd = await apiGet<{ items: { code: string; example: boolean }[] }>(page, '/reintegration/return-categories?country=HND');
    expect(hnd.items.map((c) => c.code)).toEqual([CODE, 'example_returned_worker', 'example_child_returnee', 'example_protection_needs']);
    expect(hnd.items.every((c) => !c.example)).toBe(true);
    expect(await categories.getByText(/no son la ley de ningún país/).count()).toBe(0);

    // ---- the grid: "Grupo de ahorro" added to "Salud", moved above the first response, and one removed
    const health = page.getByRole('region', { name: 'Salud', exact: true });
    const healthBefore = gridBefore.entries.filter((e) => e.need === 'health').map((e) => e.response);
    expect(healthBefore.length).toBeGreaterThan(0);
    await health.getByLabel('Respuesta que agregar').selectOption({ label: 'Grupo de ahorro' });
    await health.getByRole('button', { name: 'Agregar (Salud)' }).click();
    for (let i = 0; i < healthBefore.length; i++) await health.getByRole('button', { name: 'Subir Grupo de ahorro (Salud)' }).click();
    const removed = plain(await health.getByRole('listitem').last().locator('span').first().textContent());
    await health.getByRole('button', { name: `Quitar ${removed} (Salud)` }).click();
    const gridForm = page.getByRole('form', { name: 'Respuestas propuestas por necesidad' });
    await gridForm.getByRole('button', { name: 'Guardar las respuestas propuestas' }).click();
    await gridForm.getByRole('status').getByText('Respuestas propuestas guardadas.').waitFor();
    const { health: healthAfter, ...othersAfter } = byNeed(await apiGet<Grid>(page, '/reintegration/grid'));
    const { health: _, ...othersBefore } = byNeed(gridBefore);
    expect(healthAfter).toEqual(['savings_group', ...healthBefore.slice(0, -1)]);
    expect(othersAfter).toEqual(othersBefore);

    // ---- an arrival in Honduras offers the new category, not the removed one
    await open(page, baseUrl, `/reintegration/cases/new?person=${encodeURIComponent(personInA)}`);
    const unit = page.getByRole('group', { name: 'Unidad que sigue el caso' });
    await unit.getByRole('searchbox').fill('Honduras');
    await unit.getByRole('button', { name: /^Buscar/ }).click();
    await unit.getByRole('button', { name: 'Elegir Honduras' }).click();
    const category = page.getByLabel('Categoría de retorno', { exact: true });
    await category.waitFor();
    const offered = (await category.locator('option').allTextContents()).map(plain);
    expect(offered).toContain(LABEL_ES);
    expect(offered).not.toContain('Ejemplo: persona deportada');
    await category.selectOption({ label: LABEL_ES });
    await page.getByLabel('País desde el que retornó').selectOption('USA');
    await page.getByRole('radio', { name: 'Forzado (deportación)' }).check();
    await page.getByRole('button', { name: 'Registrar el caso' }).click();
    await page.waitForURL((u) => /^\/reintegration\/cases\/[^/]+$/.test(u.pathname) && !u.pathname.endsWith('/new'));
    await settled(page);

    // ---- the administrator has a second factor: the export accepts its code instead of the password
    await page.getByRole('button', { name: 'Exportar el caso (JSON)' }).click();
    const exportForm = page.getByRole('form', { name: 'Exportar el caso (JSON)' });
    await exportForm.getByRole('radio', { name: 'Un código de mi aplicación' }).check();
    await exportForm.getByLabel('Código de verificación').fill('12345');
    await exportForm.getByRole('button', { name: 'Exportar', exact: true }).click();
    await exportForm.getByRole('alert').getByRole('link', { name: 'El código debe tener 6 cifras' }).waitFor();
    await expectAxeClean(page, 'export with a second-factor code');
    await shoot(page, 'rn-reauth-code');
    await exportForm.getByLabel('Código de verificación').fill(await totpCode(ENROLLED_ADMIN_TOTP));
    const download = page.waitForEvent('download');
    await exportForm.getByRole('button', { name: 'Exportar', exact: true }).click();
    const exported = readFileSync(await (await download).path(), 'utf8');
    expect(exported).toContain(`"return_category": "${CODE}"`);
  });
});
