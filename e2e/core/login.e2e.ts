import { describe, expect, inject, it } from 'vitest';
import { axeViolations, totpCode } from '../support/browser.js';
import { E2E_PASSWORD, ENROLLED_ADMIN_TOTP, users } from '../support/fixtures.js';
import { browserTabs, open, settled, signInAdmin, uniqueEmail } from '../support/session.js';

const baseUrl = inject('baseUrl');
const tabs = browserTabs();

describe('sign-in', () => {
  it('shows the sign-in page in Spanish', async () => {
    const page = await tabs.newPage();
    await open(page, baseUrl, '/login');
    expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Iniciar sesión');
    expect(await page.title()).toBe('Iniciar sesión – mide');
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    expect(await page.getByLabel('Correo electrónico').getAttribute('autocomplete')).toBe('username');
    expect(await page.getByLabel('Contraseña', { exact: true }).getAttribute('type')).toBe('password');
  });

  it('signs the enrolled administrator in with password and code, and lands on the home page', async () => {
    const page = await tabs.newPage();
    await signInAdmin(page, baseUrl);
    expect(new URL(page.url()).pathname).toBe('/');
    const h1 = page.getByRole('heading', { level: 1 });
    expect(await h1.textContent()).toBe('Hola, admin');
    expect(await page.title()).toBe('Hola, admin – mide');
    // the header names the account and links to it; the menu offers the sections the role may use
    const account = page.getByRole('link', { name: 'Mi cuenta: admin' });
    expect(await account.getAttribute('href')).toBe('/profile');
    const nav = page.getByRole('navigation', { name: 'Menú principal' });
    await nav.getByRole('link', { name: 'Administración' }).waitFor();
    await nav.getByRole('link', { name: 'Personas' }).waitFor();
    await page.getByRole('button', { name: 'Cerrar sesión' }).waitFor();
  });

  it('a sign-in that fails shows the error summary, focused and linking to the field, with no axe violations', async () => {
    const page = await tabs.newPage();
    await open(page, baseUrl, '/login');
    // an address no test needs, so the failure counts against nobody's throttle that matters
    await page.getByLabel('Correo electrónico').fill(uniqueEmail('equivocado'));
    await page.getByLabel('Contraseña', { exact: true }).fill('no es la contraseña correcta');
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'));
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    expect((await answer).status()).toBe(401);

    const summary = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'Hay un problema' }) });
    await summary.waitFor();
    // the summary comes before the h1, at the top of the page
    expect(await page.evaluate(() => {
      const s = document.querySelector('[role="alert"]');
      const h = document.querySelector('h1');
      return !!s && !!h && (s.compareDocumentPosition(h) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
    })).toBe(true);
    expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
    const link = summary.getByRole('link', { name: 'El correo o la contraseña no son correctos.' });
    expect(await link.getAttribute('href')).toBe('#email');
    // the field shows the message too, and is described by it
    const email = page.getByLabel('Correo electrónico');
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(await email.getAttribute('aria-describedby')).toContain('email-error');
    expect(await page.locator('#email-error').textContent()).toContain('El correo o la contraseña no son correctos.');
    // the password is cleared
    expect(await page.getByLabel('Contraseña', { exact: true }).inputValue()).toBe('');

    expect(await axeViolations(page)).toEqual([]);

    await link.click();
    expect(await email.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it('an empty form is caught in the browser, without asking the server', async () => {
    const page = await tabs.newPage();
    await open(page, baseUrl, '/login');
    let loginRequests = 0;
    page.on('request', (r) => {
      if (r.url().endsWith('/api/v1/auth/login')) loginRequests++;
    });
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    const summary = page.getByRole('alert');
    await summary.getByRole('link', { name: 'Introduzca su correo electrónico' }).waitFor();
    await summary.getByRole('link', { name: 'Introduzca su contraseña' }).waitFor();
    expect(loginRequests).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('signing out returns to the sign-in page and ends the session', async () => {
    const page = await tabs.newPage();
    await signInAdmin(page, baseUrl);
    await page.getByRole('button', { name: 'Cerrar sesión' }).click();
    await page.waitForURL((u) => u.pathname === '/login');
    await settled(page);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Iniciar sesión');
    expect((await page.request.get(`${baseUrl}/api/v1/me`)).status()).toBe(401);
    // a protected page now sends to the sign-in page, keeping where to come back
    await page.goto(`${baseUrl}/profile`);
    await page.waitForURL((u) => u.pathname === '/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/profile');
  });

  it('after sign-in the user returns to the page they asked for', async () => {
    const page = await tabs.newPage();
    await page.goto(`${baseUrl}/admin/users`);
    await page.waitForURL((u) => u.pathname === '/login');
    await settled(page);
    await page.getByLabel('Correo electrónico').fill(users.admin);
    await page.getByLabel('Contraseña', { exact: true }).fill(E2E_PASSWORD);
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    await page.waitForURL((u) => u.pathname === '/login/mfa');
    await page.getByLabel('Código de verificación').fill(await totpCode(ENROLLED_ADMIN_TOTP));
    await page.getByRole('button', { name: 'Continuar' }).click();
    await page.waitForURL((u) => u.pathname === '/admin/users');
    await settled(page);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Usuarios');
  });
});
