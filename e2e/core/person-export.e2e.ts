import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations } from '../support/browser.js';
import { E2E_PASSWORD } from '../support/fixtures.js';
import { apiWrite, browserTabs, createUserAs, open, settled, signIn, signInAdmin, uniqueEmail } from '../support/session.js';

const baseUrl = inject('baseUrl');
const tabs = browserTabs();

/**
 * The person export on the person's page: protected reintegration fields are withheld from the plain download (the
 * page says so); a holder of cases.protected downloads them after typing the password again. The person, the case
 * and its protected fields are set up through the API by a caseworker.
 */
const run = Date.now().toString(36);
const NOTE = `Nota protegida ${run}`;
/** The person's passport number: withheld on the page (its hint shows) until a holder of cases.protected steps up. */
const PASSPORT = `PX-${run}`.toUpperCase();
const users = {
  worker: { email: uniqueEmail('gestora.export'), displayName: `Gestora export ${run}`, roleId: 'case_worker', captureScope: ['GTM'] },
  supervisor: { email: uniqueEmail('supervisora.export'), displayName: `Supervisora export ${run}`, roleId: 'case_supervisor', captureScope: ['GTM'] },
};

let made: Promise<string> | undefined;
const fixture = () => (made ??= makeFixture());

async function makeFixture(): Promise<string> {
  const admin = await tabs.newPage();
  await signInAdmin(admin, baseUrl);
  for (const u of Object.values(users)) await createUserAs(admin, baseUrl, u);
  const worker = await tabs.newPage();
  await signIn(worker, baseUrl, users.worker.email);
  const person = await apiWrite(worker, baseUrl, 'POST', '/persons', { given_name: 'Exporta', family_name: `Protegida ${run}`, org_unit_code: 'GTM', documents: [{ kind: 'passport', number: PASSPORT }] });
  expect(person.status(), await person.text()).toBe(201);
  const personId = ((await person.json()) as { id: string }).id;
  const opened = await apiWrite(worker, baseUrl, 'POST', '/reintegration/cases', {
    person_id: personId,
    org_unit: 'GTM',
    arrival_date: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10),
    returned_from_iso3: 'USA',
    return_how: 'forced',
    household_size: 1,
    immediate_needs: [],
  });
  expect(opened.status(), await opened.text()).toBe(201);
  const caseId = ((await opened.json()) as { id: string }).id;
  const recorded = await apiWrite(worker, baseUrl, 'PUT', `/reintegration/cases/${caseId}/protected`, { psychosocial_notes: NOTE, violence_indication: true });
  expect(recorded.status(), await recorded.text()).toBe(200);
  return personId;
}

async function downloaded(page: Page, click: () => Promise<void>): Promise<string> {
  const download = page.waitForEvent('download');
  await click();
  return readFileSync((await (await download).path())!, 'utf8');
}

describe('the person export', () => {
  it('withholds protected fields, says so, and includes them after the password for a holder of cases.protected', async () => {
    const personId = await fixture();
    const page = await tabs.newPage();
    await signIn(page, baseUrl, users.supervisor.email);
    await open(page, baseUrl, `/persons/${personId}`);
    await page.getByText('no van en este archivo: en su lugar figura "withheld": true.', { exact: false }).waitFor();

    const plainFile = await downloaded(page, () => page.getByRole('button', { name: 'Descargar sus datos (JSON)' }).click());
    expect(plainFile).not.toContain(NOTE);
    expect(plainFile).not.toContain(PASSPORT);
    expect(JSON.parse(plainFile).data.reintegration.cases[0].protected).toEqual({ withheld: true });

    await page.getByRole('button', { name: 'Descargar con los campos protegidos' }).click();
    const form = page.getByRole('form', { name: 'Descargar con los campos protegidos' });
    await form.getByLabel('Contraseña actual').fill('no es la contraseña');
    await form.getByRole('button', { name: 'Descargar con los campos protegidos' }).click();
    await form.getByRole('alert').getByRole('link', { name: 'La contraseña o el código no son correctos (cada código sirve una sola vez).' }).waitFor();
    await settled(page);
    expect(await axeViolations(page)).toEqual([]);

    await form.getByLabel('Contraseña actual').fill(E2E_PASSWORD);
    const withProtected = await downloaded(page, () => form.getByRole('button', { name: 'Descargar con los campos protegidos' }).click());
    expect(JSON.parse(withProtected).data.reintegration.cases[0].protected).toMatchObject({ psychosocialNotes: NOTE, violenceIndication: true });
    expect(JSON.parse(withProtected).data.people.documents[0].number).toBe(PASSPORT);
    await page.getByText('Se descargaron los datos, con los campos protegidos.').waitFor();
  });

  it('shows the document numbers withheld, and to a holder of cases.protected after the password', async () => {
    const personId = await fixture();
    const page = await tabs.newPage();
    await signIn(page, baseUrl, users.supervisor.email);
    await open(page, baseUrl, `/persons/${personId}`);
    const documents = page.getByRole('list').filter({ hasText: 'Pasaporte' }).getByRole('listitem');
    expect(await documents.allTextContents()).toEqual([`Pasaporte •••${PASSPORT.slice(-3)} (número reservado)`]);
    expect(await page.content()).not.toContain(PASSPORT);

    await page.getByRole('button', { name: 'Mostrar números' }).click();
    const form = page.getByRole('form', { name: 'Mostrar números' });
    await form.getByLabel('Contraseña actual').fill('no es la contraseña');
    await form.getByRole('button', { name: 'Mostrar números' }).click();
    await form.getByRole('alert').getByRole('link', { name: 'La contraseña o el código no son correctos (cada código sirve una sola vez).' }).waitFor();
    expect(await page.content()).not.toContain(PASSPORT);
    await settled(page);
    expect(await axeViolations(page)).toEqual([]);

    await form.getByLabel('Contraseña actual').fill(E2E_PASSWORD);
    await form.getByRole('button', { name: 'Mostrar números' }).click();
    await page.getByText('Se muestran los números de los documentos.').waitFor();
    expect(await documents.allTextContents()).toEqual([`Pasaporte ${PASSPORT}`]);
  });

  it('edits a person without showing the numbers back, and keeps the recorded documents', async () => {
    const personId = await fixture();
    const page = await tabs.newPage();
    await signIn(page, baseUrl, users.worker.email);
    await open(page, baseUrl, `/persons/${personId}/edit`);
    await page.getByText('Los números registrados están reservados y no se muestran aquí.', { exact: false }).waitFor();
    expect(await page.content()).not.toContain(PASSPORT);
    await page.getByLabel('Teléfono').fill('+502 5555 1234');
    await page.getByRole('button', { name: 'Guardar cambios' }).click();
    await page.waitForURL((u) => u.pathname === `/persons/${personId}`);
    await settled(page);
    await page.getByText('+502 5555 1234').waitFor();
    expect(await page.getByRole('list').filter({ hasText: 'Pasaporte' }).getByRole('listitem').allTextContents()).toEqual([`Pasaporte •••${PASSPORT.slice(-3)} (número reservado)`]);
  });

  it('offers a caseworker without cases.protected only the download with the fields withheld', async () => {
    const personId = await fixture();
    const page = await tabs.newPage();
    await signIn(page, baseUrl, users.worker.email);
    await open(page, baseUrl, `/persons/${personId}`);
    await page.getByRole('button', { name: 'Descargar sus datos (JSON)' }).waitFor();
    expect(await page.getByRole('button', { name: 'Descargar con los campos protegidos' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Mostrar números' }).count()).toBe(0);
  });
});
