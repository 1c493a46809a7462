import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { PERSON_IN_A, users } from '../support/fixtures.js';
import { browserTabs, open, settled, signIn } from '../support/session.js';

const baseUrl = inject('baseUrl');
const personInA = inject('personInA');
const tabs = browserTabs();

const fullNameA = `${PERSON_IN_A.givenName} ${PERSON_IN_A.familyName}`;
const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
const personsTable = (page: Page) => page.getByRole('region', { name: 'Personas' });

describe('scope', () => {
  it('officer A (GT0101) sees the person registered in GT0101 and opens their record', async () => {
    const page = await tabs.newPage();
    await signIn(page, baseUrl, users.officerA);
    await page.getByRole('navigation', { name: 'Menú principal' }).getByRole('link', { name: 'Personas' }).click();
    await page.waitForURL((u) => u.pathname === '/persons');
    await settled(page);
    expect(await h1(page).textContent()).toBe('Personas');
    const link = personsTable(page).getByRole('link', { name: fullNameA });
    await link.waitFor();
    await personsTable(page).getByRole('row').filter({ has: page.getByRole('link', { name: fullNameA }) }).getByText('Ciudad de Guatemala').waitFor();
    // an officer has no administration
    expect(await page.getByRole('navigation', { name: 'Menú principal' }).getByRole('link', { name: 'Administración' }).count()).toBe(0);

    await link.click();
    await page.waitForURL((u) => u.pathname === `/persons/${personInA}`);
    await settled(page);
    expect(await h1(page).textContent()).toBe(fullNameA);
    await page.getByText('Mujer', { exact: true }).waitFor();
  });

  it('officer B (GT0102) does not see them: not in the list, and their address shows "Página no encontrada" (the API answers 404)', async () => {
    const page = await tabs.newPage();
    await signIn(page, baseUrl, users.officerB);
    await open(page, baseUrl, '/persons');
    await page.getByRole('status').filter({ hasText: /^\d+ personas$/ }).waitFor();
    expect(await page.getByRole('link', { name: fullNameA }).count()).toBe(0);
    // searching by name does not find them either
    await page.getByLabel('Buscar personas').fill(PERSON_IN_A.familyName);
    await page.getByRole('button', { name: 'Buscar', exact: true }).click();
    await page.getByText(`0 personas coinciden con «${PERSON_IN_A.familyName}»`).waitFor();

    const answer = page.waitForResponse((r) => r.url().endsWith(`/api/v1/persons/${personInA}`));
    await page.goto(`${baseUrl}/persons/${personInA}`);
    const res = await answer;
    expect(res.status()).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
    await settled(page);
    expect(await h1(page).textContent()).toBe('Página no encontrada');
    expect(await page.getByText(PERSON_IN_A.familyName).count()).toBe(0);

    // nor can they reach the edit, consent or erase pages of the record
    for (const sub of ['edit', 'consents/new']) {
      await open(page, baseUrl, `/persons/${personInA}/${sub}`);
      expect(await h1(page).textContent()).toBe('Página no encontrada');
    }
  });

  it('officer B registers a person in GT0102 and sees them; officer A does not', async () => {
    const page = await tabs.newPage();
    await signIn(page, baseUrl, users.officerB);
    await open(page, baseUrl, '/persons');
    await page.getByRole('link', { name: 'Registrar una persona' }).click();
    await page.waitForURL((u) => u.pathname === '/persons/new');
    await settled(page);
    expect(await h1(page).textContent()).toBe('Registrar una persona');

    const given = 'Josué';
    const family = `Batz Tzul ${Date.now().toString(36)}`;
    await page.getByLabel('Nombre', { exact: true }).fill(given);
    await page.getByLabel('Apellidos').fill(family);
    await page.getByRole('radio', { name: 'Hombre' }).check();
    await page.getByLabel('Nacionalidad').fill('GTM');
    // the org unit: the picker suggests the officer's capture scope
    const unit = page.getByRole('group', { name: 'Unidad organizativa' });
    await unit.getByRole('list', { name: 'Sugerencias' }).getByRole('button', { name: 'Elegir Santa Catarina Pinula' }).click();
    await unit.getByRole('list', { name: 'Unidades elegidas' }).getByRole('button', { name: 'Quitar Santa Catarina Pinula' }).waitFor();

    const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/persons') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Registrar', exact: true }).click();
    const res = await created;
    expect(res.status()).toBe(201);
    const id = ((await res.json()) as { id: string }).id;
    await page.waitForURL((u) => u.pathname === `/persons/${id}`);
    await settled(page);
    expect(await h1(page).textContent()).toBe(`${given} ${family}`);
    await page.getByText(`Se registró a ${given} ${family}.`).waitFor();

    await open(page, baseUrl, '/persons');
    const row = personsTable(page).getByRole('row').filter({ has: page.getByRole('link', { name: `${given} ${family}` }) });
    await row.getByText('Santa Catarina Pinula').waitFor();

    const pageA = await tabs.newPage();
    await signIn(pageA, baseUrl, users.officerA);
    await open(pageA, baseUrl, '/persons');
    await personsTable(pageA).getByRole('link', { name: fullNameA }).waitFor();
    expect(await pageA.getByRole('link', { name: `${given} ${family}` }).count()).toBe(0);
  });

  it('officer B cannot register a person outside their capture scope', async () => {
    const page = await tabs.newPage();
    await signIn(page, baseUrl, users.officerB);
    await open(page, baseUrl, '/persons/new');
    await page.getByLabel('Nombre', { exact: true }).fill('Fuera');
    await page.getByLabel('Apellidos').fill('Del Ámbito');
    const unit = page.getByRole('group', { name: 'Unidad organizativa' });
    await unit.getByLabel('Buscar una unidad organizativa (Unidad organizativa)').fill('Ciudad de Guate');
    await unit.getByRole('list', { name: 'Resultados de la búsqueda' }).getByRole('button', { name: 'Elegir Ciudad de Guatemala' }).click();
    const refused = page.waitForResponse((r) => r.url().endsWith('/api/v1/persons') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Registrar', exact: true }).click();
    expect((await refused).status()).toBe(400);
    const link = page.getByRole('alert').getByRole('link', { name: /GT0101.*fuera de su ámbito/ });
    expect(await link.getAttribute('href')).toBe('#org_unit_code');
    expect(new URL(page.url()).pathname).toBe('/persons/new');
  });
});
