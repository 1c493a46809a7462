import { describe, expect, inject, it } from 'vitest';
import { axeViolations } from '../support/browser.js';
import { browserTabs, open, signInAdmin } from '../support/session.js';
import { plain } from '../support/text.js';

const baseUrl = inject('baseUrl');
const tabs = browserTabs();

describe('__id__: the items page', () => {
  it('an administrator lists and creates items, and a repeated name is refused beside its field', async () => {
    const page = await tabs.newPage();
    await signInAdmin(page, baseUrl);
    await open(page, baseUrl, '/__id__');
    expect(plain(await page.getByRole('heading', { level: 1 }).textContent())).toBe('Elementos');

    const name = `Elemento ${Date.now()}`;
    await page.getByLabel('Nombre').fill(name);
    await page.getByRole('button', { name: 'Crear el elemento' }).click();
    await page.getByRole('status').filter({ hasText: `Se creó el elemento «${name}».` }).waitFor();
    await page.getByRole('cell', { name, exact: true }).waitFor();

    await page.getByLabel('Nombre').fill(name.toUpperCase());
    await page.getByRole('button', { name: 'Crear el elemento' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Hay un problema' });
    await summary.getByRole('link', { name: `Ya existe un elemento llamado «${name.toUpperCase()}».` }).waitFor();

    expect((await axeViolations(page)).map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });
});
