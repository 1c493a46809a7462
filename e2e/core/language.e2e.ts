import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser.js';
import { createUserAs, me, open, pages, settled, signIn, signInAdmin, uniqueEmail } from '../support/session.js';

const baseUrl = inject('baseUrl');
let browser: Browser;
const tabs = pages(() => browser);

/** A national coordinator of their own (no second factor required; sees Administration), so no other test's user changes language. */
const coordinator = { email: uniqueEmail('coordinacion.idioma'), displayName: 'Coordinación Idioma' };

beforeAll(async () => {
  browser = await launchBrowser();
  const page = await tabs.newPage();
  await signInAdmin(page, baseUrl);
  await createUserAs(page, baseUrl, { ...coordinator, roleId: 'national_coordinator', captureScope: ['GTM'] });
  await tabs.closeAll();
});
afterEach(async () => {
  await tabs.closeAll();
});
afterAll(async () => {
  await browser?.close();
});

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
const htmlLang = (page: Page) => page.locator('html').getAttribute('lang');

/** Clicks a language in the header's switcher and waits until the page says so. */
async function choose(page: Page, name: 'English' | 'Español', lang: 'en' | 'es'): Promise<void> {
  await page.getByRole('group', { name: lang === 'en' ? 'Idioma' : 'Language' }).getByRole('button', { name }).click();
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
  await settled(page);
}

describe('language', () => {
  it('a visitor switches to English; the choice is remembered after a reload; and back to Spanish', async () => {
    const page = await tabs.newPage();
    await open(page, baseUrl, '/');
    expect(await htmlLang(page)).toBe('es');
    expect(await h1(page).textContent()).toBe('mide: migración y desarrollo');
    expect(await page.getByRole('button', { name: 'Español' }).getAttribute('aria-current')).toBe('true');

    await choose(page, 'English', 'en');
    expect(await h1(page).textContent()).toBe('mide: migration and development');
    expect(await page.title()).toBe('mide: migration and development – mide');
    await page.getByRole('link', { name: 'Sign in' }).first().waitFor();
    await page.getByRole('link', { name: 'API documentation' }).waitFor();
    expect(await page.getByRole('button', { name: 'English' }).getAttribute('aria-current')).toBe('true');

    await page.reload();
    await settled(page);
    expect(await htmlLang(page)).toBe('en');
    expect(await h1(page).textContent()).toBe('mide: migration and development');

    // the sign-in page too: labels of the form change
    await open(page, baseUrl, '/login');
    expect(await h1(page).textContent()).toBe('Sign in');
    await page.getByLabel('Email address').waitFor();

    await choose(page, 'Español', 'es');
    expect(await h1(page).textContent()).toBe('Iniciar sesión');
    await page.getByLabel('Correo electrónico').waitFor();
  });

  it('signed in, the choice is saved to the profile and follows the user to a new browser', async () => {
    const page = await tabs.newPage();
    await signIn(page, baseUrl, coordinator.email);
    expect(await htmlLang(page)).toBe('es');
    expect(await h1(page).textContent()).toBe(`Hola, ${coordinator.displayName}`);
    const nav = page.getByRole('navigation', { name: 'Menú principal' });
    await nav.getByRole('link', { name: 'Administración' }).waitFor();
    expect((await me(page, baseUrl)).user.locale).toBe('es');

    const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/me') && r.request().method() === 'PATCH');
    await choose(page, 'English', 'en');
    expect((await saved).status()).toBe(200);
    expect(await h1(page).textContent()).toBe(`Hello, ${coordinator.displayName}`);
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Administration' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    expect((await me(page, baseUrl)).user.locale).toBe('en');

    // the API speaks the user's language too
    const notFound = await page.request.get(`${baseUrl}/api/v1/persons/00000000-0000-4000-8000-000000000000`);
    expect(((await notFound.json()) as { error: { message: string } }).error.message).toBe('Not found.');

    // a new browser (no remembered choice) starts in Spanish and adopts the saved language at sign-in
    const other = await tabs.newPage();
    await signIn(other, baseUrl, coordinator.email);
    await other.waitForFunction(() => document.documentElement.lang === 'en');
    await settled(other);
    expect(await h1(other).textContent()).toBe(`Hello, ${coordinator.displayName}`);

    // back to Spanish, saved as well
    await choose(other, 'Español', 'es');
    expect(await h1(other).textContent()).toBe(`Hola, ${coordinator.displayName}`);
    expect((await me(other, baseUrl)).user.locale).toBe('es');
  });

  it('dates and numbers on the audit page follow the language', async () => {
    const page = await tabs.newPage();
    await signIn(page, baseUrl, coordinator.email);
    await open(page, baseUrl, '/admin/audit');
    expect(await h1(page).textContent()).toBe('Registro de auditoría');
    const firstDate = () => page.getByRole('region', { name: /^(Entradas|Entries)$/ }).locator('tbody tr').first().locator('td').nth(1).textContent();
    // Spanish: "5 mar 2026, 14:03" (lower-case month); English (en-GB): "5 Mar 2026, 14:03"
    expect(await firstDate()).toMatch(/^\d{1,2} (ene|feb|mar|abr|may|jun|jul|ago|sept?|oct|nov|dic)\.? \d{4}, \d{2}:\d{2}$/);
    await page.getByText(/^\d[\d.]* entradas mostradas$/).waitFor();

    await choose(page, 'English', 'en');
    expect(await h1(page).textContent()).toBe('Audit log');
    expect(await firstDate()).toMatch(/^\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec) \d{4}, \d{2}:\d{2}$/);
    await page.getByText(/^\d[\d,]* entries shown$/).waitFor();

    await choose(page, 'Español', 'es');
    expect((await me(page, baseUrl)).user.locale).toBe('es');
  });
});
