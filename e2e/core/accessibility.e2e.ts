import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser } from '../support/browser.js';
import { E2E_PASSWORD, users } from '../support/fixtures.js';
import { apiWrite, createUserAs, open, pages, screenshotPath, settled, signIn, signInAdmin, uniqueEmail } from '../support/session.js';

const baseUrl = inject('baseUrl');
let browser: Browser;
const tabs = pages(() => browser);

const WIDTHS = [1280, 360] as const;

/** Records made for these pages: an administrator who must still enrol, and a person with a consent. */
const fixtures = { enrolEmail: uniqueEmail('admin.por.enrolar'), personId: '', userId: '' };

beforeAll(async () => {
  browser = await launchBrowser();
  const page = await tabs.newPage();
  await signInAdmin(page, baseUrl);
  await createUserAs(page, baseUrl, { email: fixtures.enrolEmail, displayName: 'Admin por enrolar', roleId: 'admin', captureScope: ['001'] });
  const person = await apiWrite(page, baseUrl, 'POST', '/persons', {
    given_name: 'Ana Lucía',
    family_name: 'Pérez de la Cruz Hernández',
    birth_date: '1991-04-05',
    sex: 'female',
    nationality_iso3: 'GTM',
    phone: '+502 5555 0101',
    email: 'ana.lucia@example.org',
    org_unit_code: 'GT0101',
  });
  expect(person.status()).toBe(201);
  fixtures.personId = ((await person.json()) as { id: string }).id;
  const consent = await apiWrite(page, baseUrl, 'POST', `/persons/${fixtures.personId}/consents`, {
    purpose: 'follow_up',
    scope: 'Gestión del caso de reintegración: datos de contacto, solo el equipo municipal',
    channel: 'in_person',
  });
  expect(consent.status()).toBe(201);
  const list = (await (await page.request.get(`${baseUrl}/api/v1/admin/users`)).json()) as { items: { id: string; email: string }[] };
  fixtures.userId = list.items.find((u) => u.email === users.officerA)?.id ?? '';
  await tabs.closeAll();
});
afterEach(async () => {
  await tabs.closeAll();
});
afterAll(async () => {
  await browser?.close();
});

/** Everything wrong with the page as it is now, as readable strings (empty: all good). */
async function check(page: Page, name: string, width: number): Promise<string[]> {
  await settled(page);
  const problems: string[] = [];
  for (const v of await axeViolations(page)) {
    problems.push(`axe ${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
  }
  const h1s = await page.locator('h1').count();
  if (h1s !== 1) problems.push(`${h1s} h1 elements`);
  const lang = await page.locator('html').getAttribute('lang');
  if (lang !== 'es') problems.push(`html lang=${lang}`);
  if (width === 360) {
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    if (scrollWidth > 360) {
      const wide = await page.evaluate(() =>
        Array.from(document.querySelectorAll('body *'))
          .filter((el) => el.getBoundingClientRect().right > 361 && !el.closest('.table-wrap'))
          .slice(0, 3)
          .map((el) => `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''}`),
      );
      problems.push(`horizontal overflow: scrollWidth ${scrollWidth} (${wide.join(', ')})`);
    }
  }
  await page.screenshot({ path: screenshotPath(`${name}-${width}`), fullPage: true });
  return problems.map((p) => `${name} @${width}: ${p}`);
}

async function visit(page: Page, path: string, name: string, width: number): Promise<string[]> {
  await open(page, baseUrl, path);
  return check(page, name, width);
}

describe.each(WIDTHS)('every page at %i px, in Spanish', (width) => {
  it('pages for visitors: home, sign-in, not found', async () => {
    const page = await tabs.newPage({ width });
    const problems = [
      ...(await visit(page, '/', 'home-visitor', width)),
      ...(await visit(page, '/login', 'login', width)),
      ...(await visit(page, '/esto-no-existe', 'not-found-visitor', width)),
    ];
    // the sign-in page with its error summary
    await open(page, baseUrl, '/login');
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    await page.getByRole('alert').waitFor();
    problems.push(...(await check(page, 'login-errors', width)));
    expect(problems).toEqual([]);
  });

  it('second-factor pages: the code page and the required enrolment page', async () => {
    const page = await tabs.newPage({ width });
    await open(page, baseUrl, '/login');
    await page.getByLabel('Correo electrónico').fill(users.admin);
    await page.getByLabel('Contraseña', { exact: true }).fill(E2E_PASSWORD);
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    await page.waitForURL((u) => u.pathname === '/login/mfa');
    const problems = await check(page, 'mfa-verify', width);

    const enrol = await tabs.newPage({ width });
    await open(enrol, baseUrl, '/login');
    await enrol.getByLabel('Correo electrónico').fill(fixtures.enrolEmail);
    await enrol.getByLabel('Contraseña', { exact: true }).fill(E2E_PASSWORD);
    await enrol.getByRole('button', { name: 'Iniciar sesión' }).click();
    await enrol.waitForURL((u) => u.pathname === '/login/mfa-enroll');
    await enrol.getByRole('img', { name: /^Código QR/ }).waitFor();
    problems.push(...(await check(enrol, 'mfa-enroll', width)));
    expect(problems).toEqual([]);
  });

  it('pages of a signed-in administrator', async () => {
    expect(fixtures.personId).not.toBe('');
    expect(fixtures.userId).not.toBe('');
    const page = await tabs.newPage({ width });
    await signInAdmin(page, baseUrl);
    const person = `/persons/${fixtures.personId}`;
    const list: [string, string][] = [
      ['/', 'home'],
      ['/profile', 'profile'],
      ['/profile/details', 'profile-details'],
      ['/profile/password', 'profile-password'],
      ['/profile/mfa', 'profile-mfa'],
      ['/login/mfa-enroll', 'mfa-enroll-optional'],
      ['/admin', 'admin'],
      ['/admin/users', 'users'],
      ['/admin/users/new', 'user-new'],
      [`/admin/users/${fixtures.userId}`, 'user-edit'],
      ['/admin/roles', 'roles'],
      ['/admin/sessions', 'sessions'],
      ['/admin/audit', 'audit'],
      ['/admin/org-units', 'org-units'],
      ['/admin/org-units/GT01', 'org-unit-GT01'],
      ['/admin/org-units/import', 'org-units-import'],
      ['/persons', 'persons'],
      ['/persons/new', 'person-new'],
      [person, 'person'],
      [`${person}/edit`, 'person-edit'],
      [`${person}/consents/new`, 'consent-new'],
      [`${person}/erase`, 'person-erase'],
      [`${person}/merge`, 'person-merge'],
      ['/esto-no-existe', 'not-found'],
      ['/persons/00000000-0000-4000-8000-000000000000', 'person-not-found'],
    ];
    const problems: string[] = [];
    for (const [path, name] of list) problems.push(...(await visit(page, path, name, width)));

    // forms in their error state
    await open(page, baseUrl, '/admin/users/new');
    await page.getByRole('button', { name: 'Crear un usuario' }).click();
    await page.getByRole('alert').waitFor();
    problems.push(...(await check(page, 'user-new-errors', width)));
    await open(page, baseUrl, '/persons/new');
    await page.getByRole('button', { name: 'Registrar', exact: true }).click();
    await page.getByRole('alert').waitFor();
    problems.push(...(await check(page, 'person-new-errors', width)));
    // the import page with its table of problems
    await open(page, baseUrl, '/admin/org-units/import');
    await page.getByLabel('Contenido CSV').fill('code,name,parent_code\nXX1,Uno,NOPE\nXX2,,GT01');
    await page.getByRole('button', { name: 'Comprobar' }).click();
    await page.getByRole('alert').waitFor();
    problems.push(...(await check(page, 'org-units-import-errors', width)));
    // the audit page after a chain check
    await open(page, baseUrl, '/admin/audit');
    await page.getByRole('button', { name: 'Comprobar la cadena' }).click();
    await page.getByText(/^La cadena está íntegra/).waitFor();
    problems.push(...(await check(page, 'audit-verified', width)));
    // the menu, opened, on a narrow screen
    if (width === 360) {
      await open(page, baseUrl, '/');
      await page.getByRole('button', { name: 'Menú' }).click();
      await page.getByRole('navigation', { name: 'Menú principal' }).getByRole('link', { name: 'Personas' }).waitFor();
      problems.push(...(await check(page, 'menu-open', width)));
    }
    expect(problems).toEqual([]);
  });

  it('pages of a local officer (no administration)', async () => {
    const page = await tabs.newPage({ width });
    await signIn(page, baseUrl, users.officerA);
    const problems = [
      ...(await visit(page, '/', 'officer-home', width)),
      ...(await visit(page, '/persons', 'officer-persons', width)),
      ...(await visit(page, '/admin', 'officer-forbidden', width)),
      ...(await visit(page, '/profile', 'officer-profile', width)),
      ...(await visit(page, '/profile/mfa', 'officer-profile-mfa', width)),
    ];
    expect(problems).toEqual([]);
  });
});

describe('tables at 1280 px', () => {
  it('show every column without scrolling sideways (actions and role columns are not hidden on a desktop screen)', async () => {
    const page = await tabs.newPage({ width: 1280 });
    await signInAdmin(page, baseUrl);
    const clipped: string[] = [];
    for (const path of ['/admin/users', '/admin/sessions', '/admin/roles', '/admin/audit', '/admin/org-units/GT01', '/persons', `/persons/${fixtures.personId}`, '/profile']) {
      await open(page, baseUrl, path);
      const regions = await page.evaluate(() =>
        Array.from(document.querySelectorAll('[role="region"]'))
          .filter((r) => r.querySelector('table'))
          .map((r) => {
            const box = r.getBoundingClientRect();
            const hidden = Array.from(r.querySelectorAll('thead th, thead td'))
              .filter((th) => th.getBoundingClientRect().right > box.right + 1)
              .map((th) => (th.textContent ?? '').trim() || '(blank)');
            return { name: r.getAttribute('aria-label') ?? '', scroll: r.scrollWidth, width: r.clientWidth, hidden };
          }),
      );
      for (const r of regions) {
        if (r.scroll > r.width + 1) clipped.push(`${path} «${r.name}»: ${r.scroll}px of content in ${r.width}px; columns out of view: ${r.hidden.join(', ')}`);
      }
    }
    expect(clipped).toEqual([]);
  });
});
