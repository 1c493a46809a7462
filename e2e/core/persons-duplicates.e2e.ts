import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser } from '../support/browser.js';
import { apiWrite, createUserAs, open, pages, screenshotPath, settled, signIn, signInAdmin, uniqueEmail } from '../support/session.js';
import { E2E_PASSWORD } from '../support/fixtures.js';
import { plain } from '../support/text.js';

const baseUrl = inject('baseUrl');
let browser: Browser;
const tabs = pages(() => browser);

/**
 * A national coordinator (capture scope GTM, no second factor) and a person already registered by the
 * administrator, with a passport. The coordinator registers the same person again with the family name spelt
 * slightly differently, the same birth date and a national ID.
 */
const suffix = Date.now().toString(36);
const fixtures = {
  coordinator: { email: uniqueEmail('coordinacion.personas'), displayName: 'Coordinación Personas' },
  existing: { given_name: 'Rigoberta', family_name: `Tzoc Quiej ${suffix}`, birth_date: '1987-03-12' },
  newcomer: { given_name: 'Rigoberta', family_name: `Tzok Quiej ${suffix}` },
  passport: 'P1234567',
  nationalId: '2598 44710 0101',
  existingId: '',
  newcomerId: '',
};

beforeAll(async () => {
  browser = await launchBrowser();
  const admin = await tabs.newPage();
  await signInAdmin(admin, baseUrl);
  await createUserAs(admin, baseUrl, { ...fixtures.coordinator, roleId: 'national_coordinator', captureScope: ['GTM'] });
  const res = await apiWrite(admin, baseUrl, 'POST', '/persons', {
    ...fixtures.existing,
    sex: 'female',
    documents: [{ kind: 'passport', number: fixtures.passport, issuing_country_iso3: 'GTM' }],
    org_unit_code: 'GT0101',
  });
  expect(res.status(), await res.text()).toBe(201);
  fixtures.existingId = ((await res.json()) as { id: string }).id;
  await tabs.closeAll();
});
afterEach(async () => {
  await tabs.closeAll();
});
afterAll(async () => {
  await browser?.close();
});

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
const existingName = `${fixtures.existing.given_name} ${fixtures.existing.family_name}`;
const newcomerName = `${fixtures.newcomer.given_name} ${fixtures.newcomer.family_name}`;

/** axe's WCAG A/AA violations and, on a phone, content wider than the screen; with a screenshot for people to look at. */
async function problems(page: Page, name: string, width = 1280): Promise<string[]> {
  await settled(page);
  const found = (await axeViolations(page)).map((v) => `${name}: axe ${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  if (width <= 360) {
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    if (scrollWidth > width) found.push(`${name}: horizontal overflow (${scrollWidth}px)`);
  }
  await page.screenshot({ path: screenshotPath(`persons-${name}-${width}`), fullPage: true });
  return found;
}

/** The value cell of a row of the person's summary list. */
const detail = (page: Page, key: string) => page.locator('.summary-list__row').filter({ has: page.locator('dt', { hasText: key }) }).locator('dd');

describe('persons registry: duplicates, merging and consent purposes', () => {
  it('a coordinator registering someone already registered (on a phone) sees the existing record first, goes back, and registers anyway', async () => {
    const width = 360;
    const page = await tabs.newPage({ width });
    await signIn(page, baseUrl, fixtures.coordinator.email);
    await open(page, baseUrl, '/persons/new');
    const found: string[] = [];

    await page.getByLabel('Nombre', { exact: true }).fill(fixtures.newcomer.given_name);
    await page.getByLabel('Apellidos').fill(fixtures.newcomer.family_name);
    await page.getByLabel('Fecha de nacimiento').fill(fixtures.existing.birth_date);
    await page.getByRole('radio', { name: 'Mujer' }).check();
    const languages = page.getByRole('group', { name: 'Idiomas' });
    await languages.getByRole('checkbox', { name: 'Español' }).check();
    await page.getByLabel('Otros idiomas').fill('quc');
    // a document row: added, left empty (an error names it), then filled in
    await page.getByRole('button', { name: 'Añadir un documento' }).click();
    const row = page.getByRole('group', { name: 'Documento 1' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('documents-0-kind');
    const unit = page.getByRole('group', { name: 'Unidad organizativa' });
    await unit.getByLabel('Buscar una unidad organizativa (Unidad organizativa)').fill('Ciudad de Guate');
    await unit.getByRole('list', { name: 'Resultados de la búsqueda' }).getByRole('button', { name: 'Elegir Ciudad de Guatemala' }).click();
    await page.getByRole('button', { name: 'Registrar', exact: true }).click();
    const summaryLink = page.getByRole('alert').getByRole('link', { name: 'Introduzca el número del documento 1, o quítelo' });
    expect(await summaryLink.getAttribute('href')).toBe('#documents-0-number');
    found.push(...(await problems(page, 'form-errors', width)));

    await row.getByLabel('Tipo de documento').selectOption('national_id');
    await row.getByLabel('Número').fill(fixtures.nationalId);
    await row.getByLabel('País que lo emitió').fill('gtm');
    await page.getByRole('button', { name: 'Registrar', exact: true }).click();

    // ---- the duplicates step: the existing record, why, a link to open it; nothing saved yet
    await h1(page).filter({ hasText: '¿Ya está registrada esta persona?' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/persons/new');
    const candidate = page.getByRole('list', { name: 'Posibles duplicados' }).getByRole('listitem').filter({ hasText: existingName });
    expect(plain(await candidate.textContent())).toContain('Nombre parecido y misma fecha de nacimiento');
    expect(plain(await candidate.textContent())).toContain('12 de marzo de 1987');
    expect(await candidate.getByRole('link').getAttribute('href')).toBe(`/persons/${fixtures.existingId}`);
    found.push(...(await problems(page, 'duplicates-step', width)));

    // ---- back to the form: what was typed is still there
    await page.getByRole('button', { name: 'Volver al formulario' }).click();
    await h1(page).filter({ hasText: 'Registrar una persona' }).waitFor();
    expect(await page.getByLabel('Apellidos').inputValue()).toBe(fixtures.newcomer.family_name);
    expect(await page.getByRole('group', { name: 'Documento 1' }).getByLabel('Número').inputValue()).toBe(fixtures.nationalId);

    // ---- again, and this time register anyway
    await page.getByRole('button', { name: 'Registrar', exact: true }).click();
    await page.getByRole('button', { name: 'Registrar de todos modos' }).click();
    await page.waitForURL((u) => /^\/persons\/[0-9a-f-]{36}$/.test(u.pathname));
    await settled(page);
    fixtures.newcomerId = new URL(page.url()).pathname.split('/')[2] ?? '';
    expect(fixtures.newcomerId).not.toBe(fixtures.existingId);
    expect(plain(await h1(page).textContent())).toBe(newcomerName);
    await page.getByText(`Se registró a ${newcomerName}.`).waitFor();
    // two languages: Spanish, and K'iche' by name where the browser knows it (by its code otherwise)
    expect(plain(await detail(page, 'Idiomas').textContent())).toMatch(/^Español, (Quiché|K.iche.|quc)$/);
    // the number is protected: the page shows its last three characters (the coordinator may not reveal it)
    expect(plain(await detail(page, 'Documentos de identidad').textContent())).toBe(`Documento nacional de identidad •••101 (número reservado) (GTM)`);
    expect(found).toEqual([]);
  });

  it('an administrator merges the new record into the existing one from the merge page; the survivor holds both documents', async () => {
    expect(fixtures.newcomerId).not.toBe('');
    const page = await tabs.newPage();
    await signInAdmin(page, baseUrl);
    await open(page, baseUrl, `/persons/${fixtures.existingId}`);
    await page.getByRole('link', { name: 'Fusionar un registro duplicado con este' }).click();
    await page.waitForURL((u) => u.pathname === `/persons/${fixtures.existingId}/merge`);
    await settled(page);
    expect(plain(await h1(page).textContent())).toBe('Fusionar un registro duplicado');
    const found: string[] = [];

    // the duplicates check suggests the new record; the search finds it too
    const suggested = page.getByRole('list', { name: 'Posibles duplicados' }).getByRole('listitem').filter({ hasText: newcomerName });
    expect(plain(await suggested.textContent())).toContain('Nombre parecido y misma fecha de nacimiento');
    await suggested.getByRole('link', { name: `Elegir ${newcomerName}` }).waitFor();
    await page.getByLabel('Buscar personas').fill(fixtures.newcomer.family_name);
    await page.getByRole('button', { name: 'Buscar' }).click();
    const results = page.getByRole('region', { name: 'Resultados de la búsqueda' });
    await results.getByRole('row').filter({ hasText: newcomerName }).waitFor();
    found.push(...(await problems(page, 'merge-choose')));
    await results.getByRole('link', { name: `Elegir ${newcomerName}` }).click();

    // ---- the comparison: names stay, the birth date stays, the languages and the national ID are added
    await h1(page).filter({ hasText: 'Compare los dos registros' }).waitFor();
    await settled(page);
    const compare = page.getByRole('table', { name: 'Los dos registros y el resultado de la fusión' });
    const resultOf = async (field: string) => plain(await compare.getByRole('row').filter({ has: page.getByRole('rowheader', { name: field, exact: true }) }).getByRole('cell').last().textContent());
    expect(await resultOf('Apellidos')).toBe(fixtures.existing.family_name);
    expect(await resultOf('Documentos de identidad')).toBe(`Pasaporte •••567 (número reservado) (GTM)Documento nacional de identidad •••101 (número reservado) (GTM)Se completa`);
    expect(await resultOf('Idiomas')).toMatch(/^Español.+Se completa$/);
    found.push(...(await problems(page, 'merge-compare')));

    // confirming is required
    await page.getByRole('button', { name: 'Fusionar los registros' }).click();
    await page.getByRole('alert').getByRole('link', { name: 'Confirme que entiende que el registro duplicado se borrará' }).waitFor();
    await page.getByRole('checkbox', { name: /^Entiendo que el registro de/ }).check();
    await page.getByRole('button', { name: 'Fusionar los registros' }).click();
    await page.waitForURL((u) => u.pathname === `/persons/${fixtures.existingId}`);
    await settled(page);
    await page.getByText(`Se fusionó el registro de ${newcomerName} con el de ${existingName}.`).waitFor();
    const documents = detail(page, 'Documentos de identidad').getByRole('listitem');
    expect((await documents.allTextContents()).map(plain).sort()).toEqual([`Documento nacional de identidad •••101 (número reservado) (GTM)`, `Pasaporte •••567 (número reservado) (GTM)`]);
    // the administrator holds cases.protected: the numbers after the password again
    await page.getByRole('button', { name: 'Mostrar números' }).click();
    const reveal = page.getByRole('form', { name: 'Mostrar números' });
    await reveal.getByLabel('Contraseña actual').fill(E2E_PASSWORD);
    await reveal.getByRole('button', { name: 'Mostrar números' }).click();
    await page.getByText('Se muestran los números de los documentos.').waitFor();
    expect((await documents.allTextContents()).map(plain).sort()).toEqual([`Documento nacional de identidad ${fixtures.nationalId} (GTM)`, `Pasaporte ${fixtures.passport} (GTM)`]);
    expect(plain(await detail(page, 'Idiomas').textContent())).toMatch(/^Español, (Quiché|K.iche.|quc)$/);
    // the duplicate is gone
    expect((await page.request.get(`${baseUrl}/api/v1/persons/${fixtures.newcomerId}`)).status()).toBe(404);
    expect(found).toEqual([]);
  });

  it('on a phone, a sharing consent needs the partner organisation; with it, it is recorded with its purpose, partner and date', async () => {
    const width = 360;
    const page = await tabs.newPage({ width });
    await signIn(page, baseUrl, fixtures.coordinator.email);
    await open(page, baseUrl, `/persons/${fixtures.existingId}`);
    await page.getByRole('link', { name: 'Registrar un consentimiento' }).click();
    await page.waitForURL((u) => u.pathname === `/persons/${fixtures.existingId}/consents/new`);
    await settled(page);
    const found = await problems(page, 'consent-new', width);

    // the partner field appears only for sharing
    const partner = page.getByLabel('Organización con la que se comparten los datos');
    expect(await partner.isVisible()).toBe(false);
    await page.getByRole('radio', { name: 'Compartir con otra organización' }).check();
    await partner.waitFor({ state: 'visible' });
    await page.getByLabel('Qué se le explicó a la persona y qué aceptó').fill('Datos de contacto y situación laboral, para derivarla al programa de empleo');
    await page.getByRole('radio', { name: 'Formulario en papel' }).check();
    // given ten days ago on paper
    const day = new Date();
    day.setDate(day.getDate() - 10);
    const iso = `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
    await page.getByLabel('Fecha en que dio su consentimiento').fill(iso);
    await page.getByRole('button', { name: 'Registrar el consentimiento' }).click();
    const link = page.getByRole('alert').getByRole('link', { name: 'Introduzca la organización con la que se comparten los datos' });
    expect(await link.getAttribute('href')).toBe('#partner');
    expect(await partner.getAttribute('aria-invalid')).toBe('true');
    found.push(...(await problems(page, 'consent-errors', width)));

    await partner.fill('Pastoral de Movilidad Humana');
    const posted = page.waitForResponse((r) => r.url().endsWith('/consents') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Registrar el consentimiento' }).click();
    const res = await posted;
    expect(res.status()).toBe(201);
    expect(JSON.parse(res.request().postData() ?? '{}')).toMatchObject({ purpose: 'sharing', partner: 'Pastoral de Movilidad Humana', channel: 'paper_form', given_at: expect.stringMatching(new RegExp(`^${iso}T00:00:00[+-]\\d\\d:\\d\\d$`)) });
    await page.waitForURL((u) => u.pathname === `/persons/${fixtures.existingId}`);
    await settled(page);
    await page.getByText('Se registró el consentimiento.').waitFor();
    const consent = page.getByRole('region', { name: `Consentimientos de ${existingName}` }).getByRole('row').filter({ hasText: 'Compartir con otra organización' });
    const text = plain(await consent.textContent());
    expect(text).toContain('Con: Pastoral de Movilidad Humana');
    expect(text).toContain(new Intl.DateTimeFormat('es', { day: 'numeric', month: 'long', year: 'numeric' }).format(day));
    found.push(...(await problems(page, 'person-with-consent', width)));
    expect(found).toEqual([]);
  });
});
