import { describe, expect, inject, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { E2E_PASSWORD } from '../support/fixtures.js';
import { browserTabs, me, open, settled, signIn, signInAdmin, uniqueEmail } from '../support/session.js';

const baseUrl = inject('baseUrl');
const tabs = browserTabs();

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

/** Searches the org-unit picker of `legend` and adds the unit named `name`. */
async function pick(page: Page, legend: string, search: string, name: string): Promise<void> {
  const group = page.getByRole('group', { name: legend });
  await group.getByLabel(`Buscar una unidad organizativa (${legend})`).fill(search);
  await group.getByRole('list', { name: 'Resultados de la búsqueda' }).getByRole('button', { name: `Agregar ${name}` }).click();
  await group.getByRole('list', { name: 'Unidades elegidas' }).getByRole('button', { name: `Quitar ${name}`, exact: true }).waitFor();
}

function rowOf(page: Page, text: string): Locator {
  return page.getByRole('row').filter({ hasText: text });
}

async function adminUser(page: Page, id: string) {
  const res = await page.request.get(`${baseUrl}/api/v1/admin/users/${id}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as { role_id: string; active: boolean; capture_scope: { code: string }[]; view_scope: { code: string }[] };
}

describe('user administration', () => {
  const created = { email: uniqueEmail('funcionaria.nueva'), name: 'Funcionaria Nueva', id: '' };

  it('creates a local officer with the org-unit picker; a short password gets the server\'s field error first', async () => {
    const page = await tabs.newPage();
    await signInAdmin(page, baseUrl);
    await open(page, baseUrl, '/admin/users');
    expect(await h1(page).textContent()).toBe('Usuarios');
    await page.getByRole('link', { name: 'Crear un usuario' }).click();
    await page.waitForURL((u) => u.pathname === '/admin/users/new');
    await settled(page);
    expect(await h1(page).textContent()).toBe('Crear un usuario');

    await page.getByLabel('Correo electrónico', { exact: true }).fill(created.email);
    await page.getByLabel('Nombre', { exact: true }).fill(created.name);
    await page.getByLabel('Rol', { exact: true }).selectOption({ label: 'Funcionario/a local' });
    await page.getByLabel('Contraseña inicial').fill('corta');
    await pick(page, 'Ámbito de registro', 'Ciudad de Guate', 'Ciudad de Guatemala');
    // the view scope suggests the capture scope's units
    await page
      .getByRole('group', { name: 'Ámbito de consulta' })
      .getByRole('list', { name: 'Sugerencias' })
      .getByRole('button', { name: 'Agregar Ciudad de Guatemala' })
      .click();
    await page.getByRole('group', { name: 'Ámbito de consulta' }).getByRole('list', { name: 'Unidades elegidas' }).getByRole('button', { name: 'Quitar Ciudad de Guatemala' }).waitFor();

    const refused = page.waitForResponse((r) => r.url().endsWith('/api/v1/admin/users') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Crear un usuario' }).click();
    expect((await refused).status()).toBe(400);
    const message = 'La contraseña debe tener al menos 12 caracteres.';
    const summary = page.getByRole('alert');
    expect(await summary.getByRole('link', { name: message }).getAttribute('href')).toBe('#password');
    expect(await page.locator('#password-error').textContent()).toContain(message);
    expect(await page.getByLabel('Contraseña inicial').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Contraseña inicial').fill(E2E_PASSWORD);
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/admin/users') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Crear un usuario' }).click();
    const res = await answer;
    expect(res.status()).toBe(201);
    created.id = ((await res.json()) as { id: string }).id;
    await page.waitForURL((u) => u.pathname === '/admin/users');
    await settled(page);
    await page.getByText(`Se creó la cuenta de ${created.name}.`).waitFor();
    const row = rowOf(page, created.email);
    await row.getByRole('link', { name: created.name }).waitFor();
    await row.getByText('Funcionario/a local').waitFor();
    await row.getByText('Activa', { exact: true }).waitFor();

    const stored = await adminUser(page, created.id);
    expect(stored.role_id).toBe('local_officer');
    expect(stored.capture_scope.map((o) => o.code)).toEqual(['GT0101']);
    expect(stored.view_scope.map((o) => o.code)).toEqual(['GT0101']);

    // the list filter finds them
    await page.getByLabel('Filtrar usuarios').fill('funcionaria nueva');
    await page.getByText(/^Se muestran 1 de \d+ usuarios$/).waitFor();
  });

  it('edits the role and the scope', async () => {
    expect(created.id).not.toBe('');
    const page = await tabs.newPage();
    await signInAdmin(page, baseUrl);
    await open(page, baseUrl, '/admin/users');
    await rowOf(page, created.email).getByRole('link', { name: created.name }).click();
    await page.waitForURL((u) => u.pathname === `/admin/users/${created.id}`);
    await settled(page);
    expect(await h1(page).textContent()).toBe(`Editar a ${created.name}`);

    await page.getByLabel('Rol', { exact: true }).selectOption({ label: 'Gestor/a de casos' });
    const capture = page.getByRole('group', { name: 'Ámbito de registro' });
    await capture.getByRole('button', { name: 'Quitar Ciudad de Guatemala' }).click();
    await capture.getByText('Ninguna unidad elegida.').waitFor();
    await pick(page, 'Ámbito de registro', 'Santa Catarina', 'Santa Catarina Pinula');
    await pick(page, 'Ámbito de consulta', 'GT01', 'Guatemala');

    await page.getByRole('button', { name: 'Guardar cambios' }).click();
    await page.waitForURL((u) => u.pathname === '/admin/users');
    await settled(page);
    await page.getByText(`Se guardaron los cambios de ${created.name}.`).waitFor();
    await rowOf(page, created.email).getByText('Gestor/a de casos').waitFor();

    const stored = await adminUser(page, created.id);
    expect(stored.role_id).toBe('case_worker');
    expect(stored.capture_scope.map((o) => o.code)).toEqual(['GT0102']);
    expect(stored.view_scope.map((o) => o.code).sort()).toEqual(['GT01', 'GT0101']);
  });

  it('the sessions page lists sessions and ends one', async () => {
    const userPage = await tabs.newPage();
    await signIn(userPage, baseUrl, created.email);
    expect((await me(userPage, baseUrl)).session.state).toBe('active');

    const page = await tabs.newPage();
    await signInAdmin(page, baseUrl);
    await open(page, baseUrl, '/admin/sessions');
    expect(await h1(page).textContent()).toBe('Sesiones');
    const table = page.getByRole('region', { name: 'Sesiones' });
    await table.getByRole('row').filter({ hasText: 'Esta sesión' }).getByText('Su sesión actual').waitFor();
    const row = table.getByRole('row').filter({ hasText: created.email });
    expect(await row.count()).toBe(1);
    await row.getByText('Activa', { exact: true }).waitFor();

    const ended = page.waitForResponse((r) => r.request().method() === 'DELETE' && r.url().includes('/api/v1/admin/sessions/'));
    await row.getByRole('button', { name: new RegExp(`^Cerrar \\(${created.email.replace(/\./g, '\\.')}, `) }).click();
    expect((await ended).status()).toBe(204);
    await page.getByText(`Se cerró la sesión de ${created.email}.`).waitFor();
    expect(await table.getByRole('row').filter({ hasText: created.email }).count()).toBe(0);

    // the other browser is signed out
    expect((await userPage.request.get(`${baseUrl}/api/v1/me`)).status()).toBe(401);
  });

  it('deactivates the account; it can no longer sign in', async () => {
    const page = await tabs.newPage();
    await signInAdmin(page, baseUrl);
    await open(page, baseUrl, `/admin/users/${created.id}`);
    const active = page.getByLabel('Cuenta activa');
    expect(await active.isChecked()).toBe(true);
    await active.uncheck();
    await page.getByRole('button', { name: 'Guardar cambios' }).click();
    await page.waitForURL((u) => u.pathname === '/admin/users');
    await settled(page);
    await rowOf(page, created.email).getByText('Inactiva', { exact: true }).waitFor();
    expect((await adminUser(page, created.id)).active).toBe(false);

    const userPage = await tabs.newPage();
    await open(userPage, baseUrl, '/login');
    await userPage.getByLabel('Correo electrónico').fill(created.email);
    await userPage.getByLabel('Contraseña', { exact: true }).fill(E2E_PASSWORD);
    await userPage.getByRole('button', { name: 'Iniciar sesión' }).click();
    await userPage.getByRole('alert').getByRole('link', { name: 'El correo o la contraseña no son correctos.' }).waitFor();
  });

  it('the roles page shows the permission matrix and saves a change', async () => {
    const page = await tabs.newPage();
    await signInAdmin(page, baseUrl);
    await open(page, baseUrl, '/admin/roles');
    expect(await h1(page).textContent()).toBe('Roles y permisos');
    const matrix = page.getByRole('region', { name: 'Permisos de cada rol' });
    for (const role of ['Administración', 'Coordinación nacional', 'Funcionario/a local', 'Gestor/a de casos', 'Analista', 'Consulta']) {
      await matrix.getByRole('columnheader', { name: role }).waitFor();
    }
    await matrix.getByRole('rowheader', { name: /^Consultar el registro de auditoría/ }).waitFor();
    expect(await page.getByRole('checkbox', { name: 'Administración: Gestionar usuarios y sesiones' }).isChecked()).toBe(true);

    const box = page.getByRole('checkbox', { name: 'Consulta: Consultar el registro de auditoría' });
    expect(await box.isChecked()).toBe(false);
    await box.check();
    await matrix.getByText('Cambios sin guardar').waitFor();
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/admin/roles/viewer') && r.request().method() === 'PUT');
    await page.getByRole('button', { name: 'Guardar Consulta' }).click();
    expect((await saved).status()).toBe(200);
    await page.getByText('Se guardaron los permisos de «Consulta».').waitFor();
    expect(await matrix.getByText('Cambios sin guardar').count()).toBe(0);

    await page.reload();
    await settled(page);
    expect(await page.getByRole('checkbox', { name: 'Consulta: Consultar el registro de auditoría' }).isChecked()).toBe(true);

    // the administration role keeps the management of users: the server refuses, the page says why
    await page.getByRole('checkbox', { name: 'Administración: Gestionar usuarios y sesiones' }).uncheck();
    await page.getByRole('button', { name: 'Guardar Administración' }).click();
    await page.getByText(/^Administración: .+/).waitFor();
    await page.reload();
    await settled(page);
    expect(await page.getByRole('checkbox', { name: 'Administración: Gestionar usuarios y sesiones' }).isChecked()).toBe(true);

    // put the viewer role back as it was
    await page.getByRole('checkbox', { name: 'Consulta: Consultar el registro de auditoría' }).uncheck();
    await page.getByRole('button', { name: 'Guardar Consulta' }).click();
    await page.getByText('Se guardaron los permisos de «Consulta».').waitFor();
    const roles = (await (await page.request.get(`${baseUrl}/api/v1/admin/roles`)).json()) as { items: { id: string; permissions: string[] }[] };
    expect(roles.items.find((r) => r.id === 'viewer')?.permissions).toEqual(['data.read']);
  });

  it('the audit page lists user.create and reports the chain intact', async () => {
    const page = await tabs.newPage();
    await signInAdmin(page, baseUrl);
    await open(page, baseUrl, '/admin/audit');
    expect(await h1(page).textContent()).toBe('Registro de auditoría');
    await page.getByLabel('Acción', { exact: true }).fill('user.create');
    await page.getByRole('button', { name: 'Aplicar filtros' }).click();
    await page.waitForURL((u) => u.searchParams.get('action') === 'user.create');
    await settled(page);
    const table = page.getByRole('region', { name: 'Entradas' });
    await table.getByRole('row').filter({ hasText: created.id }).filter({ hasText: 'user.create' }).waitFor();
    // The unfiltered list, shown until the filtered answer arrives, has that row too: wait for the filter to apply
    // (under load the row was found in the old list and the other actions read beside it).
    await expect.poll(async () => new Set(await table.locator('tbody tr td:nth-child(4)').allTextContents()), { timeout: 15_000 }).toEqual(new Set(['user.create']));

    await page.getByRole('button', { name: 'Comprobar la cadena' }).click();
    await page.getByText(/^La cadena está íntegra: se comprobaron [\d.]+ entradas\.$/).waitFor();
  });

  it('browses the org units from the world down to a department', async () => {
    const page = await tabs.newPage();
    await signInAdmin(page, baseUrl);
    await open(page, baseUrl, '/admin/org-units');
    expect(await h1(page).textContent()).toBe('Unidades organizativas');
    const trail: string[] = [];
    for (const code of ['001', '019', '419', '013', 'GTM', 'GT01']) {
      const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name: code, exact: true }) });
      const link = row.getByRole('link');
      const name = (await link.textContent()) ?? '';
      await link.click();
      await page.waitForURL((u) => u.pathname === `/admin/org-units/${code}`);
      await settled(page);
      expect(await h1(page).textContent()).toBe(name);
      const crumbs = page.getByRole('navigation', { name: 'Ruta de navegación' });
      expect(await crumbs.getByRole('link').allTextContents()).toEqual(['Unidades organizativas', ...trail]);
      trail.push(name);
    }
    // the department's municipalities
    await page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'GT0101', exact: true }) }).getByRole('link', { name: 'Ciudad de Guatemala' }).waitFor();
    await page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'GT0102', exact: true }) }).getByRole('link', { name: 'Santa Catarina Pinula' }).waitFor();
    // a breadcrumb goes back up
    await page.getByRole('navigation', { name: 'Ruta de navegación' }).getByRole('link', { name: trail[3] }).click();
    await page.waitForURL((u) => u.pathname === '/admin/org-units/013');
  });

  it('the import page checks a bad file, showing the problem at its row and column, then imports a good one', async () => {
    const page = await tabs.newPage();
    await signInAdmin(page, baseUrl);
    await open(page, baseUrl, '/admin/org-units');
    await page.getByRole('link', { name: 'Importar unidades desde CSV' }).click();
    await page.waitForURL((u) => u.pathname === '/admin/org-units/import');
    await settled(page);
    expect(await h1(page).textContent()).toBe('Importar unidades desde CSV');

    const csv = page.getByLabel('Contenido CSV');
    await csv.fill(['code,name,parent_code', 'GT0103,Chinautla,GT01', 'GT0104,San José del Golfo,GTXX'].join('\n'));
    const checked = page.waitForResponse((r) => r.url().endsWith('/api/v1/org-units/import'));
    await page.getByRole('button', { name: 'Comprobar' }).click();
    expect((await checked).status()).toBe(400);
    const summary = page.getByRole('alert');
    await summary.getByRole('heading', { name: 'Hay un problema' }).waitFor();
    expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
    const problem = summary.getByRole('link', { name: /3.*parent_code.*GTXX/ });
    expect(await problem.getAttribute('href')).toBe('#csv');
    const table = page.getByRole('region', { name: 'Problemas encontrados (1)' });
    const row = table.getByRole('row').filter({ hasText: 'GTXX' });
    expect(await row.locator('td').first().textContent()).toMatch(/^(row|fila) 3, (column|columna) parent_code$/);
    expect(await csv.getAttribute('aria-invalid')).toBe('true');

    await csv.fill(['code,name,parent_code', 'GT0103,Chinautla,GT01', 'GT0104,San José del Golfo,GT01'].join('\n'));
    await page.getByRole('button', { name: 'Comprobar' }).click();
    await page.getByText('Se comprobaron 2 filas sin problemas. Ya puede importarlas.').waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    // a check imports nothing
    expect((await page.request.get(`${baseUrl}/api/v1/org-units/GT0103`)).status()).toBe(404);

    const imported = page.waitForResponse((r) => r.url().endsWith('/api/v1/org-units/import'));
    await page.getByRole('button', { name: 'Importar', exact: true }).click();
    expect((await imported).status()).toBe(200);
    await page.getByText('Se importaron 2 unidades.').waitFor();

    await open(page, baseUrl, '/admin/org-units/GT01');
    await page.getByRole('link', { name: 'Chinautla' }).waitFor();
    await page.getByRole('link', { name: 'San José del Golfo' }).waitFor();
  });
});
