import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, totpCode } from '../support/browser.js';
import { E2E_PASSWORD, users } from '../support/fixtures.js';
import { browserTabs, createUserAs, me, open, settled, screenshotPath, signIn, signInAdmin, uniqueEmail } from '../support/session.js';

const baseUrl = inject('baseUrl');
const tabs = browserTabs();

const ENROL_TITLE = 'Configure la verificación en dos pasos';

/** Password only: the never-enrolled administrator is sent to the enrolment page. */
async function passwordStep(page: Page): Promise<void> {
  await open(page, baseUrl, '/login');
  await page.getByLabel('Correo electrónico').fill(users.newAdmin);
  await page.getByLabel('Contraseña', { exact: true }).fill(E2E_PASSWORD);
  await page.getByRole('button', { name: 'Iniciar sesión' }).click();
  await page.waitForURL((u) => u.pathname === '/login/mfa-enroll');
  await settled(page);
}

/** The secret as the page shows it (groups of four), without spaces. */
async function secretOnPage(page: Page): Promise<string> {
  const shown = page.getByText(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
  await shown.waitFor();
  return ((await shown.textContent()) ?? '').replace(/\s+/g, '');
}

describe('second factor', () => {
  let secret = '';

  it('an administrator who never signed in must enrol before anything else', async () => {
    const page = await tabs.newPage();
    await passwordStep(page);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(ENROL_TITLE);
    await page.getByText('Su rol exige un segundo factor').waitFor();
    expect((await me(page, baseUrl)).session.state).toBe('mfa_enrollment');

    // every other page of the app sends back to the enrolment page, keeping where to go afterwards
    for (const path of ['/admin/users', '/persons', '/profile', '/']) {
      await page.goto(`${baseUrl}${path}`);
      if (path === '/') {
        // the home page is public: it must not offer the signed-in sections to a half-signed-in session
        await settled(page);
        expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('mide: migración y desarrollo');
        const nav = page.getByRole('navigation', { name: 'Menú principal' });
        expect(await nav.getByRole('link', { name: 'Personas', exact: true }).count()).toBe(0);
        expect(await nav.getByRole('link', { name: 'Administración', exact: true }).count()).toBe(0);
        continue;
      }
      await page.waitForURL((u) => u.pathname === '/login/mfa-enroll');
      expect(new URL(page.url()).searchParams.get('next')).toBe(path);
      await settled(page);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(ENROL_TITLE);
    }
    // and the API refuses the session everything but enrolment
    for (const path of ['/admin/users', '/persons', '/audit']) {
      const res = await page.request.get(`${baseUrl}/api/v1${path}`);
      expect(res.status()).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('mfa_required');
    }
  });

  it('the enrolment page shows a QR image with alt text and the secret as text, and has no axe violations', async () => {
    const page = await tabs.newPage();
    await passwordStep(page);
    const qr = page.getByRole('img', { name: /^Código QR para agregar mide a su aplicación de autenticación/ });
    await qr.waitFor();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    expect(await qr.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0)).toBe(true);
    const shown = await secretOnPage(page);
    expect(shown).toMatch(/^[A-Z2-7]{16,}$/);
    const link = page.getByRole('link', { name: 'Abrir en la aplicación de autenticación de este dispositivo' });
    const uri = new URL((await link.getAttribute('href')) ?? '');
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.searchParams.get('secret')).toBe(shown);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('a wrong code is refused with the error summary; the right code enrols and reaches the home page', async () => {
    const page = await tabs.newPage();
    await passwordStep(page);
    secret = await secretOnPage(page);
    const right = await totpCode(secret);
    const wrong = right.replace(/^./, (d) => String((Number(d) + 5) % 10));

    await page.getByLabel('Código de verificación').fill(wrong);
    const refused = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/mfa/enroll/confirm'));
    await page.getByRole('button', { name: 'Activar la verificación en dos pasos' }).click();
    expect((await refused).status()).toBe(401);
    const summary = page.getByRole('alert');
    await summary.getByRole('link', { name: /^El código no es correcto/ }).waitFor();
    expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Código de verificación').fill(await totpCode(secret));
    await page.getByRole('button', { name: 'Activar la verificación en dos pasos' }).click();
    await page.waitForURL((u) => u.pathname === '/');
    await settled(page);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Hola, nuevo.admin');
    expect((await me(page, baseUrl)).session.state).toBe('active');
    await page.getByRole('navigation', { name: 'Menú principal' }).getByRole('link', { name: 'Administración' }).waitFor();
    // the page the user lands on confirms what just happened (the enrolment page sets this message)
    await page.getByText('La verificación en dos pasos está activada.').waitFor({ timeout: 5_000 });
  });

  it('from then on, sign-in asks for the code of the enrolled secret', async () => {
    expect(secret).not.toBe('');
    const page = await tabs.newPage();
    await signIn(page, baseUrl, users.newAdmin, { totp: secret });
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Hola, nuevo.admin');
  });
});

describe('second factor chosen by a user whose role does not require it', () => {
  it('asks for the password before showing the secret, enrols with a code, and will not replace the factor once it is on', async () => {
    const admin = await tabs.newPage();
    await signInAdmin(admin, baseUrl);
    const email = uniqueEmail('voluntaria');
    await createUserAs(admin, baseUrl, { email, displayName: 'Oficial voluntaria', roleId: 'local_officer', captureScope: ['GT0101'] });

    const page = await tabs.newPage({ width: 360 });
    await signIn(page, baseUrl, email);
    await open(page, baseUrl, '/profile/mfa');
    await page.getByRole('link', { name: 'Configurar la verificación en dos pasos' }).click();
    await page.waitForURL((u) => u.pathname === '/login/mfa-enroll');
    await page.getByText('Para empezar, confirme su contraseña.').waitFor();
    // nothing secret is on the page before the password is confirmed
    expect(await page.getByRole('img', { name: /^Código QR/ }).count()).toBe(0);

    await page.getByLabel('Contraseña actual').fill('no es mi contraseña');
    await page.getByRole('button', { name: 'Continuar' }).click();
    await page.getByRole('alert').getByRole('link', { name: 'La contraseña actual no es correcta.' }).waitFor();
    expect(await page.getByLabel('Contraseña actual').inputValue()).toBe('');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('mfa-enrol-password-360'), fullPage: true });

    await page.getByLabel('Contraseña actual').fill(E2E_PASSWORD);
    await page.getByRole('button', { name: 'Continuar' }).click();
    const secret = await secretOnPage(page);
    await page.getByLabel('Código de verificación').fill(await totpCode(secret));
    await page.getByRole('button', { name: 'Activar la verificación en dos pasos' }).click();
    await page.waitForURL((u) => u.pathname === '/profile');
    await page.getByText('La verificación en dos pasos está activada.').waitFor();
    expect((await me(page, baseUrl)).session.state).toBe('active');

    // With the factor on, the page cannot swap in another phone, even with the right password.
    await open(page, baseUrl, '/login/mfa-enroll');
    await page.getByLabel('Contraseña actual').fill(E2E_PASSWORD);
    await page.getByRole('button', { name: 'Continuar' }).click();
    await page.getByRole('alert').getByRole('link', { name: /^La verificación en dos pasos ya está activada/ }).waitFor();
    expect(await page.getByRole('img', { name: /^Código QR/ }).count()).toBe(0);
  });
});

describe('changing the password', () => {
  it('refuses a wrong current password and a keyboard row beside their fields; with the right one, the new password is the one that signs in', async () => {
    const admin = await tabs.newPage();
    await signInAdmin(admin, baseUrl);
    const email = uniqueEmail('cambia.clave');
    await createUserAs(admin, baseUrl, { email, displayName: 'Oficial que cambia la clave', roleId: 'local_officer', captureScope: ['GT0101'] });

    const page = await tabs.newPage({ width: 360 });
    await signIn(page, baseUrl, email);
    await open(page, baseUrl, '/profile/password');
    const newPassword = 'otra contraseña larga y nueva para mide';
    await page.getByLabel('Contraseña actual').fill('no es la contraseña actual');
    await page.getByLabel('Nueva contraseña').fill(newPassword);
    await page.getByRole('button', { name: 'Cambiar la contraseña' }).click();
    await page.getByRole('alert').getByRole('link', { name: 'La contraseña actual no es correcta.' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // A keyboard row is refused with the reason beside the new password's field.
    await page.getByLabel('Contraseña actual').fill(E2E_PASSWORD);
    await page.getByLabel('Nueva contraseña').fill('qwertyuiopas');
    await page.getByRole('button', { name: 'Cambiar la contraseña' }).click();
    await page.getByRole('alert').getByRole('link', { name: /^La contraseña es casi toda una fila del teclado o una serie/ }).waitFor();
    expect(await page.locator('#new_password-error').textContent()).toContain('qwertyuiop');

    await page.getByLabel('Contraseña actual').fill(E2E_PASSWORD);
    await page.getByLabel('Nueva contraseña').fill(newPassword);
    await page.getByRole('button', { name: 'Cambiar la contraseña' }).click();
    await page.waitForURL((u) => u.pathname === '/profile');
    await page.getByText('Su contraseña se cambió. Se cerraron sus otras sesiones.').waitFor();

    const again = await tabs.newPage();
    await signIn(again, baseUrl, email, { password: newPassword });
    expect((await me(again, baseUrl)).user.email).toBe(email);
  });
});
