import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations } from '../support/browser.js';
import { apiWrite, browserTabs, createUserAs, open, screenshotPath, settled, signIn, signInAdmin, uniqueEmail } from '../support/session.js';
import { plain, rowCells, overflowing } from '../support/text.js';

const baseUrl = inject('baseUrl');
const tabs = browserTabs();

/**
 * One co-funded project from submission to closure, each step taken by its role on its own page: an association
 * representative, a local officer of Guatemala department GT01, two committee members and a national coordinator.
 * Only the users are set up through the API (as the administrator); everything else goes through the pages.
 */
const run = Date.now().toString(36);
const people = {
  association: { email: uniqueEmail('club.xela'), displayName: 'Rosa Tzul (Club Xela)', roleId: 'association', captureScope: ['GTM'] },
  officer: { email: uniqueEmail('oficial.proyectos'), displayName: 'Oficial de proyectos GT01', roleId: 'local_officer', captureScope: ['GT01'] },
  memberA: { email: uniqueEmail('comite.a'), displayName: 'Comité miembro A', roleId: 'committee_member', captureScope: ['GT01'] },
  memberB: { email: uniqueEmail('comite.b'), displayName: 'Comité miembro B', roleId: 'committee_member', captureScope: ['GT01'] },
  coordinator: { email: uniqueEmail('coordinacion.proyectos'), displayName: 'Coordinación de proyectos', roleId: 'national_coordinator', captureScope: ['GTM'] },
};
const SCHEME = { name: `Programa 2x1 Guatemala ${run}`, code: `gt-2x1-${run}` };
const ASSOCIATION = `Club Xela de Los Ángeles ${run}`;
const PROJECT = `Agua potable para la zona 6 ${run}`;
/** A small but real PDF, so the upload is what a browser would send. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

beforeAll(async () => {
  const admin = await tabs.newPage();
  await signInAdmin(admin, baseUrl);
  for (const p of Object.values(people)) await createUserAs(admin, baseUrl, p);
  await tabs.closeAll();
});

const h1 = async (page: Page) => plain(await page.getByRole('heading', { level: 1 }).textContent());

/** The page as it is now, on a 360 px phone: nothing sticks out sideways; a screenshot to look at. */
async function onPhone(page: Page, name: string): Promise<void> {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 360, height: 800 });
  await page.screenshot({ path: screenshotPath(`${name}-360`), fullPage: true });
  expect(await overflowing(page), name).toEqual([]);
  if (size) await page.setViewportSize(size);
}

async function expectAxeClean(page: Page, what: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `${what}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

async function as(who: keyof typeof people, width = 1280): Promise<Page> {
  await tabs.closeAll();
  const page = await tabs.newPage({ width });
  await signIn(page, baseUrl, people[who].email);
  return page;
}

async function continueTo(page: Page, heading: string): Promise<void> {
  await page.getByRole('button', { name: 'Continuar' }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

/** The text of the status the project page announces ("Estado: …"). */
async function projectStatus(page: Page): Promise<string> {
  return plain(await page.getByRole('heading', { level: 2, name: /^Estado:/ }).textContent());
}

async function openProject(page: Page, projectPath: string): Promise<void> {
  await open(page, baseUrl, projectPath);
  expect(await h1(page)).toBe(PROJECT);
}

describe('remittances: a co-funded project through the roles’ pages', () => {
  it('goes from a new scheme and association to a closed project shown on the public investment page, refusing a contribution beyond a party’s share', async () => {
    // ---- the coordinator publishes a GTQ scheme; the running sum says when the shares do not reach 100 %
    let page = await as('coordinator');
    await open(page, baseUrl, '/remittances/schemes');
    await expectAxeClean(page, 'schemes');
    await page.screenshot({ path: screenshotPath('remittances-schemes'), fullPage: true });
    await onPhone(page, 'remittances-schemes');
    await page.getByRole('link', { name: 'Definir un esquema' }).click();
    await page.waitForURL((u) => u.pathname === '/remittances/schemes/new');
    await settled(page);
    await page.getByLabel('Nombre del esquema').fill(SCHEME.name);
    await page.getByLabel('Código').fill(SCHEME.code);
    await page.getByLabel('Moneda').fill('gtq');
    await page.getByRole('button', { name: 'Añadir una parte' }).click();
    const party = (n: number) => page.getByRole('group', { name: `Parte ${n}`, exact: true });
    await party(1).getByLabel('Nombre en español').fill('Gobierno central');
    await party(1).getByLabel('Nombre en inglés').fill('Central government');
    await party(2).getByLabel('Nombre en español').fill('Municipalidad');
    await party(3).getByLabel('Nombre en español').fill('Asociación de migrantes');
    expect(await party(3).getByLabel('Clave').inputValue()).toBe('asociacion_de_migrantes');
    await page.getByLabel('Financia: Infraestructura').check();
    await page.getByLabel('Presupuesto máximo: Infraestructura').fill('500.000');
    const shares = page.getByRole('group', { name: 'Porcentaje de cada parte: Infraestructura' });
    await shares.getByLabel('Gobierno central (%)').fill('40');
    await shares.getByLabel('Municipalidad (%)').fill('30');
    await shares.getByLabel('Asociación de migrantes (%)').fill('20');
    expect(plain(await shares.getByText(/^Suma:/).textContent())).toBe('Suma: 90 %; faltan 10 puntos para 100 %.');
    await page.getByRole('button', { name: 'Añadir un criterio' }).click();
    const criterion = (n: number) => page.getByRole('group', { name: `Criterio ${n}`, exact: true });
    await criterion(1).getByLabel('Nombre en español').fill('Impacto social');
    await criterion(1).getByLabel('Peso').fill('3');
    await criterion(2).getByLabel('Nombre en español').fill('Viabilidad técnica');
    await criterion(2).getByLabel('Peso').fill('2');
    await page.getByLabel('Umbral de la media del comité (0 a 10)').fill('6');
    await page.getByRole('button', { name: 'Publicar el esquema' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Hay un problema' });
    await summary.getByRole('link', { name: 'Los porcentajes de «Infraestructura» suman 90 %; deben sumar exactamente 100 %.' }).waitFor();
    await expectAxeClean(page, 'scheme form with errors');
    await page.screenshot({ path: screenshotPath('remittances-scheme-form-errors'), fullPage: true });
    await onPhone(page, 'remittances-scheme-form-errors');
    await shares.getByLabel('Asociación de migrantes (%)').fill('30');
    expect(plain(await shares.getByText(/^Suma:/).textContent())).toBe('Suma: 100 %.');
    await page.getByRole('button', { name: 'Publicar el esquema' }).click();
    await page.waitForURL((u) => u.pathname === '/remittances/schemes');
    await page.getByText(`Esquema «${SCHEME.name}» publicado.`).waitFor();
    const card = page.getByRole('region', { name: `${SCHEME.name} Vigente`, exact: true });
    const rules = card.getByRole('table', { name: `${SCHEME.name}: tope y porcentaje de cada parte por tipo de proyecto` });
    expect(await rowCells(rules.getByRole('row').nth(1))).toEqual(['Infraestructura', '500.000,00 GTQ', '40 %', '30 %', '30 %']);

    // ---- the association registers itself, with its registration document
    page = await as('association');
    await open(page, baseUrl, '/remittances/associations');
    expect(await h1(page)).toBe('Asociaciones de migrantes');
    await page.getByRole('link', { name: 'Registrar una asociación' }).click();
    await page.waitForURL((u) => u.pathname === '/remittances/associations/new');
    await settled(page);
    await page.getByRole('button', { name: 'Registrar la asociación' }).click();
    await page.getByRole('alert').filter({ hasText: 'Hay un problema' }).getByRole('link', { name: 'Escriba el nombre de la asociación.' }).waitFor();
    await page.getByLabel('Nombre de la asociación').fill(ASSOCIATION);
    await page.getByLabel('País de residencia').selectOption('USA');
    await page.getByLabel('Ciudad de residencia').fill('Los Ángeles');
    await page.getByLabel('Número de miembros').fill('42');
    await page.getByLabel('Nombre', { exact: true }).fill('Rosa');
    await page.getByLabel('Apellidos').fill('Tzul Ixcoy');
    await page.getByLabel('Correo electrónico').fill('rosa.tzul@example.org');
    await page.getByLabel('Documento de registro').setInputFiles({ name: 'acta-constitutiva.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByRole('list', { name: 'Archivos adjuntos: Documento de registro' }).getByRole('button', { name: 'Quitar acta-constitutiva.pdf' }).waitFor();
    await expectAxeClean(page, 'association form');
    await page.screenshot({ path: screenshotPath('remittances-association-form'), fullPage: true });
    await onPhone(page, 'remittances-association-form');
    await page.getByRole('button', { name: 'Registrar la asociación' }).click();
    await page.waitForURL((u) => /^\/remittances\/associations\/[^/]+$/.test(u.pathname) && !u.pathname.endsWith('/new'));
    await settled(page);
    expect(await h1(page)).toBe(ASSOCIATION);
    await page.getByText('Pendiente de validación', { exact: true }).waitFor();
    const associationPath = new URL(page.url()).pathname;

    // ---- the officer validates it from the list of pending associations
    page = await as('officer');
    await open(page, baseUrl, '/remittances/associations?status=pending');
    await expectAxeClean(page, 'associations to validate');
    await page.getByRole('link', { name: ASSOCIATION }).click();
    await page.waitForURL((u) => u.pathname === associationPath);
    await settled(page);
    await page.getByRole('link', { name: 'acta-constitutiva.pdf' }).waitFor();
    await expectAxeClean(page, 'association to validate');
    await onPhone(page, 'remittances-association-validate');
    await page.getByLabel('Validar: los datos y el documento son correctos').check();
    await page.getByRole('button', { name: 'Guardar la decisión' }).click();
    await page.getByText(`Asociación «${ASSOCIATION}» validada: ya puede proponer proyectos.`).waitFor();
    await page.getByText('Validada', { exact: true }).waitFor();

    // ---- the association proposes a project, one page at a time, with the shares shown live
    page = await as('association');
    await open(page, baseUrl, '/remittances/projects');
    await page.getByRole('link', { name: 'Proponer un proyecto' }).click();
    await page.waitForURL((u) => u.pathname === '/remittances/projects/new');
    await settled(page);
    expect(await h1(page)).toBe('Asociación, esquema y tipo de proyecto');
    await page.getByText('Paso 1 de 6', { exact: false }).first().waitFor();
    await page.getByLabel('Asociación que propone').selectOption({ label: ASSOCIATION });
    await page.getByLabel('Esquema de cofinanciamiento').selectOption({ label: `${SCHEME.name} (GTQ)` });
    await page.getByLabel('Infraestructura (hasta 500.000,00 GTQ)').check();
    await expectAxeClean(page, 'proposal, step 1');
    await continueTo(page, 'Dónde se hará');
    await page.getByLabel('Buscar una unidad organizativa (Localidad del proyecto)').fill('Ciudad de Guate');
    await page.getByRole('list', { name: 'Resultados de la búsqueda' }).getByRole('button', { name: 'Elegir Ciudad de Guatemala' }).click();
    await page.getByLabel('Latitud').fill('14,6349');
    await page.getByLabel('Longitud').fill('-90,5069');
    await continueTo(page, 'Qué se hará');
    await page.getByLabel('Título del proyecto').fill(PROJECT);
    await page.getByLabel('Descripción').fill('Red de distribución de agua potable para 300 familias, con tanque elevado de 50 m³.');
    await page.getByLabel('Personas beneficiarias previstas').fill('1200');
    await continueTo(page, 'Presupuesto');
    await page.getByLabel('Presupuesto total (GTQ)').fill('600.000,00');
    await page.getByText('Supera el tope en 100.000,00 GTQ.').waitFor();
    await page.getByRole('button', { name: 'Continuar' }).click();
    await page.getByRole('alert').filter({ hasText: 'Hay un problema' }).getByRole('link', { name: 'El presupuesto supera el tope del esquema para este tipo de proyecto (500.000,00 GTQ).' }).waitFor();
    await page.getByLabel('Presupuesto total (GTQ)').fill('200.000,00');
    const parts = page.getByRole('table', { name: 'Lo que aportaría cada parte' });
    expect(await rowCells(parts.getByRole('row').nth(1))).toEqual(['Gobierno central', '40 %', '80.000,00 GTQ']);
    expect(await rowCells(parts.getByRole('row').nth(3))).toEqual(['Asociación de migrantes', '30 %', '60.000,00 GTQ']);
    await expectAxeClean(page, 'proposal, budget');
    await page.screenshot({ path: screenshotPath('remittances-proposal-budget'), fullPage: true });
    await onPhone(page, 'remittances-proposal-budget');
    await continueTo(page, 'Documentos');
    await page.getByLabel('Documentos del proyecto').setInputFiles({ name: 'planos-red-agua.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByRole('button', { name: 'Quitar planos-red-agua.pdf' }).waitFor();
    await continueTo(page, 'Revise la propuesta antes de enviarla');
    await expectAxeClean(page, 'proposal, check your answers');
    await page.screenshot({ path: screenshotPath('remittances-proposal-check'), fullPage: true });
    await onPhone(page, 'remittances-proposal-check');
    await page.getByRole('button', { name: 'Enviar la propuesta' }).click();
    await page.waitForURL((u) => /^\/remittances\/projects\/[^/]+$/.test(u.pathname) && !u.pathname.endsWith('/new'));
    await settled(page);
    expect(await h1(page)).toBe(PROJECT);
    expect(await projectStatus(page)).toBe('Estado: Presentado');
    const projectPath = new URL(page.url()).pathname;
    const reference = plain(await page.locator('.caption').first().textContent()).split(' · ')[0]!;
    expect(reference).toMatch(/^P-\d{4}-\d{4}$/);

    // ---- the officer finds it in the pipeline and checks it is complete
    page = await as('officer');
    await open(page, baseUrl, '/remittances/projects');
    expect(await h1(page)).toBe('Proyectos cofinanciados: seguimiento');
    await page.getByRole('navigation', { name: 'Proyectos por estado' }).getByRole('link', { name: /Presentado/ }).click();
    await settled(page);
    await expectAxeClean(page, 'pipeline');
    await page.screenshot({ path: screenshotPath('remittances-pipeline'), fullPage: true });
    await onPhone(page, 'remittances-pipeline');
    await page.getByRole('link', { name: reference }).click();
    await page.waitForURL((u) => u.pathname === projectPath);
    await settled(page);
    await page.getByLabel('Sí: pasa al comité de validación').check();
    await page.getByRole('button', { name: 'Guardar la revisión' }).click();
    await page.getByText('Revisión guardada: el proyecto pasa al comité de validación.').waitFor();
    expect(await projectStatus(page)).toBe('Estado: En evaluación del comité');

    // ---- two committee members score it; the weighted total is shown as they choose
    for (const [who, scores, total] of [
      ['memberA', ['8', '7'], '7,60'],
      ['memberB', ['6', '9'], '7,20'],
    ] as const) {
      page = await as(who);
      await openProject(page, projectPath);
      await page.getByRole('link', { name: 'Abrir la hoja de calificación' }).click();
      await page.waitForURL((u) => u.pathname === `${projectPath}/score`);
      await settled(page);
      await page.getByLabel('Puntuación: Impacto social').selectOption(scores[0]);
      await page.getByText('Se calcula cuando todos los criterios tienen puntuación.').waitFor();
      await page.getByLabel('Puntuación: Viabilidad técnica').selectOption(scores[1]);
      await page.getByText(`${total} de 10`, { exact: true }).waitFor();
      await page.getByLabel('Comentario: Impacto social').fill('Beneficia a toda la zona.');
      if (who === 'memberA') await expectAxeClean(page, 'scoring sheet');
      if (who === 'memberA') {
        await page.screenshot({ path: screenshotPath('remittances-scoring-sheet'), fullPage: true });
        await onPhone(page, 'remittances-scoring-sheet');
      }
      await page.getByRole('button', { name: 'Guardar mi calificación' }).click();
      await page.waitForURL((u) => u.pathname === projectPath);
      await page.getByText(`Calificación de ${reference} guardada: ${total} de 10.`).waitFor();
      // until the decision, a member sees only their own sheet
      const sheets = page.getByRole('table', { name: 'Hojas de calificación' });
      expect(await sheets.locator('tbody tr').count()).toBe(1);
      expect(plain(await sheets.locator('tbody tr').first().textContent())).toContain(people[who].displayName);
    }

    // ---- the coordinator approves it with reasons and minutes; each party's commitment is fixed
    page = await as('coordinator');
    await openProject(page, projectPath);
    await page.getByText('Hojas de calificación: 2. Media del comité: 7,40 (umbral del esquema: 6,00).').waitFor();
    await page.getByLabel('Aprobar el proyecto').check();
    await page.getByLabel('Motivos').fill('Alto impacto y viabilidad comprobada.');
    await page.getByLabel('Acta del comité').fill('Sesión del comité con dos miembros; se aprueba por unanimidad.');
    await page.getByRole('button', { name: 'Registrar la decisión' }).click();
    await page.getByText('Proyecto aprobado. Los compromisos de cada parte quedaron fijados.').waitFor();
    expect(await projectStatus(page)).toBe('Estado: Aprobado');
    const ledger = () => page.getByRole('table', { name: 'Compromisos y aportes recibidos por parte' });
    expect(await rowCells(ledger().getByRole('row').nth(1))).toEqual(['Gobierno central', '40 %', '80.000,00 GTQ', '0,00 GTQ', '80.000,00 GTQ']);
    // after the decision, both sheets are shown
    expect(await page.getByRole('table', { name: 'Hojas de calificación' }).locator('tbody tr').count()).toBe(2);

    // ---- the officer signs the agreement and records the contributions; one beyond a party's share is refused
    page = await as('officer');
    await openProject(page, projectPath);
    await page.getByLabel('Número del convenio').fill(`CONV-${run}`);
    await page.getByLabel('Fecha de firma').fill('2026-07-01');
    await page.getByRole('button', { name: 'Registrar el convenio' }).click();
    await page.getByText('Convenio registrado.').waitFor();
    expect(await projectStatus(page)).toBe('Estado: Convenio firmado');

    const contribute = async (partyLabel: RegExp, amount: string, ref: string) => {
      await page.getByLabel('Parte que aporta').selectOption({ label: (await page.getByLabel('Parte que aporta').locator('option').allTextContents()).find((o) => partyLabel.test(o))! });
      await page.getByLabel('Monto recibido (GTQ)').fill(amount);
      await page.getByLabel('Fecha de recepción').fill('2026-07-15');
      await page.getByLabel('Referencia del pago').fill(ref);
      await page.getByRole('button', { name: 'Registrar el aporte' }).click();
    };
    await contribute(/^Gobierno central/, '90.000,00', `TR-${run}-1`);
    const refused = page.getByRole('alert').filter({ hasText: 'Hay un problema' });
    await refused.waitFor();
    expect(plain(await refused.textContent())).toContain('«Gobierno central»: 80.000,00 GTQ');
    await expectAxeClean(page, 'project page with a refused contribution');
    await page.screenshot({ path: screenshotPath('remittances-project-refused-contribution'), fullPage: true });
    await onPhone(page, 'remittances-project-refused-contribution');
    // nothing was written
    expect(await rowCells(ledger().getByRole('row').nth(1))).toEqual(['Gobierno central', '40 %', '80.000,00 GTQ', '0,00 GTQ', '80.000,00 GTQ']);
    expect(await projectStatus(page)).toBe('Estado: Convenio firmado');
    await page.getByLabel('Monto recibido (GTQ)').fill('80.000,00');
    await page.getByRole('button', { name: 'Registrar el aporte' }).click();
    await page.getByText('Aporte de 80.000,00 GTQ registrado.').waitFor();
    expect(await projectStatus(page)).toBe('Estado: En ejecución');
    await contribute(/^Municipalidad/, '60.000,00', `TR-${run}-2`);
    await page.getByText('Aporte de 60.000,00 GTQ registrado.').waitFor();
    await contribute(/^Asociación de migrantes/, '60.000,00', `TR-${run}-3`);
    await page.getByText('Aporte de 60.000,00 GTQ registrado.').waitFor();
    // the last two notices read alike: wait for the ledger itself
    await expect.poll(() => rowCells(ledger().getByRole('row').last())).toEqual(['Total', '100 %', '200.000,00 GTQ', '200.000,00 GTQ', '0,00 GTQ']);

    // ---- the association reports a first quarter; the officer reports the work finished and closes the project
    page = await as('association');
    await openProject(page, projectPath);
    await page.getByLabel('Trimestre', { exact: true }).fill('2026Q3');
    await page.getByLabel('Avance físico (%)').fill('40');
    await page.getByLabel('Gastado hasta la fecha (GTQ)').fill('90.000,00');
    await page.getByLabel('Qué se hizo en el trimestre').fill('Zanjeo y tubería principal instalados.');
    await page.getByRole('button', { name: 'Enviar el informe' }).click();
    await page.getByText('Informe de 2026Q3 registrado.').waitFor();

    page = await as('officer', 360);
    await openProject(page, projectPath);
    await page.getByLabel('Trimestre', { exact: true }).fill('2026Q4');
    await page.getByLabel('Avance físico (%)').fill('100');
    await page.getByLabel('Gastado hasta la fecha (GTQ)').fill('198.500,00');
    await page.getByLabel('Qué se hizo en el trimestre').fill('Tanque y conexiones domiciliares terminados.');
    await page.getByRole('button', { name: 'Enviar el informe' }).click();
    await page.getByText('Informe de 2026Q4 registrado.').waitFor();
    await page.getByText('Avance físico: 100 % (informe de 2026Q4)').waitFor();
    await page.getByLabel('Personas beneficiarias', { exact: true }).fill('1250');
    await page.getByLabel('Empleos creados').fill('14');
    await page.getByLabel('Resultados', { exact: true }).fill('300 familias con agua potable en casa.');
    await page.getByRole('button', { name: 'Cerrar el proyecto' }).click();
    await page.getByText('Proyecto cerrado.').waitFor();
    expect(await projectStatus(page)).toBe('Estado: Cerrado');
    expect(await page.getByRole('heading', { level: 2, name: 'Lo que puede hacer ahora' }).count()).toBe(0);
    const history = plain(await page.getByRole('heading', { level: 2, name: 'Historial' }).locator('xpath=..').textContent());
    for (const step of ['Presentación', 'Revisión de completitud', 'Calificación del comité', 'Decisión', 'Firma del convenio', 'Aporte recibido', 'Informe de avance', 'Cierre']) expect(history).toContain(step);
    await page.screenshot({ path: screenshotPath('remittances-project-closed-360'), fullPage: true });
    expect(await overflowing(page)).toEqual([]);
    await expectAxeClean(page, 'closed project at 360 px');

    // ---- anyone (signed out) sees the investment in the locality, by source of funds and on the map
    await tabs.closeAll();
    page = await tabs.newPage({ width: 360 });
    await open(page, baseUrl, '/remittances/investment?country=GTM');
    expect(await h1(page)).toBe('Inversión de los proyectos cofinanciados');
    const localities = page.getByRole('table', { name: 'Inversión por localidad en Guatemala' });
    const row = localities.getByRole('row').filter({ hasText: 'Ciudad de Guatemala' });
    expect(plain(await row.textContent())).toContain('200.000,00 GTQ');
    const byParty = page.getByRole('table', { name: 'Inversión por fuente de los fondos en Guatemala' });
    expect(plain(await byParty.getByRole('row').filter({ hasText: 'Municipalidad' }).textContent())).toContain('60.000,00 GTQ');
    await page.getByRole('table', { name: 'Proyectos en el mapa' }).getByRole('cell', { name: reference }).waitFor();
    await page.getByRole('img', { name: /^Mapa de Guatemala con \d+ proyectos/ }).waitFor();
    await page.screenshot({ path: screenshotPath('remittances-investment-360'), fullPage: true });
    expect(await overflowing(page)).toEqual([]);
    await expectAxeClean(page, 'investment page at 360 px');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: screenshotPath('remittances-investment-1280'), fullPage: true });
    // the same page in English: names, money and labels follow the language
    await page.getByRole('group', { name: 'Idioma' }).getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Investment of co-funded projects' }).waitFor();
    const byPartyEn = page.getByRole('table', { name: 'Investment by source of funds in Guatemala' });
    expect(plain(await byPartyEn.getByRole('row').filter({ hasText: 'Central government' }).textContent())).toContain('GTQ 80,000.00');
    await expectAxeClean(page, 'investment page in English');
  }, 400_000);

  it('returns an incomplete proposal to the association, which corrects it on the same pages and resubmits it', async () => {
    // set-up through the API: a second association, validated, with a proposal under the seeded example scheme
    const name = `Club Quetzaltenango de Houston ${run}`;
    const title = `Taller de costura comunitario ${run}`;
    let page = await as('association');
    const schemes = (await (await page.request.get(`${baseUrl}/api/v1/remittances/schemes`)).json()) as { items: { id: string; code: string }[] };
    const example = schemes.items.find((x) => x.code === '3x1-ejemplo');
    expect(example).toBeDefined();
    const created = await apiWrite(page, baseUrl, 'POST', '/remittances/associations', {
      name,
      residence_country: 'USA',
      residence_city: 'Houston',
      members_count: 18,
      contact: { given_name: 'Mario', family_name: 'Coyoy', phone: '+1 713 555 0100' },
    });
    expect(created.status(), await created.text()).toBe(201);
    const associationId = ((await created.json()) as { id: string }).id;
    page = await as('officer');
    const validated = await apiWrite(page, baseUrl, 'POST', `/remittances/associations/${associationId}/validate`, { decision: 'validated' });
    expect(validated.status(), await validated.text()).toBe(200);
    page = await as('association');
    const proposed = await apiWrite(page, baseUrl, 'POST', '/remittances/projects', {
      association_id: associationId,
      scheme_id: example!.id,
      org_unit_code: 'GT0102',
      project_type: 'productive',
      title,
      description: 'Doce máquinas de coser y capacitación para una cooperativa de mujeres.',
      budget: 120000,
      expected_beneficiaries: 40,
    });
    expect(proposed.status(), await proposed.text()).toBe(201);
    const projectPath = `/remittances/projects/${((await proposed.json()) as { id: string }).id}`;

    // ---- the officer returns it, naming what is missing
    page = await as('officer');
    await open(page, baseUrl, projectPath);
    expect(await h1(page)).toBe(title);
    await page.getByLabel('No: devolverla a la asociación').check();
    await page.getByRole('button', { name: 'Guardar la revisión' }).click();
    await page.getByRole('alert').filter({ hasText: 'Hay un problema' }).getByRole('link', { name: 'Escriba qué falta, un elemento por línea.' }).waitFor();
    await page.getByLabel('Qué falta').fill('Cotización de las máquinas\nActa de la asamblea de la cooperativa');
    await page.getByRole('button', { name: 'Guardar la revisión' }).click();
    await page.getByText('Revisión guardada: el proyecto se devolvió a la asociación.').waitFor();
    expect(await projectStatus(page)).toBe('Estado: Devuelto para completar');

    // ---- the association sees what is missing, corrects the proposal and sends it again
    page = await as('association');
    await open(page, baseUrl, projectPath);
    const check = plain(await page.getByRole('heading', { level: 2, name: 'Revisión de completitud' }).locator('xpath=..').textContent());
    expect(check).toContain('Cotización de las máquinas');
    expect(check).toContain('Acta de la asamblea de la cooperativa');
    await page.getByRole('link', { name: 'Corregir la propuesta' }).click();
    await page.waitForURL((u) => u.pathname === `${projectPath}/edit`);
    await settled(page);
    expect(await h1(page)).toBe('Asociación, esquema y tipo de proyecto');
    expect(await page.getByLabel('Asociación que propone').count()).toBe(0);
    await continueTo(page, 'Dónde se hará');
    await continueTo(page, 'Qué se hará');
    expect(await page.getByLabel('Título del proyecto').inputValue()).toBe(title);
    await continueTo(page, 'Presupuesto');
    expect(await page.getByLabel('Presupuesto total (MXN)').inputValue()).toBe('120000,00');
    await page.getByLabel('Presupuesto total (MXN)').fill('118.500,00');
    await continueTo(page, 'Documentos');
    await page.getByLabel('Documentos del proyecto').setInputFiles([
      { name: 'cotizacion-maquinas.pdf', mimeType: 'application/pdf', buffer: PDF },
      { name: 'acta-asamblea.pdf', mimeType: 'application/pdf', buffer: PDF },
    ]);
    await page.getByRole('button', { name: 'Quitar acta-asamblea.pdf' }).waitFor();
    await continueTo(page, 'Revise la propuesta antes de enviarla');
    await expectAxeClean(page, 'correction, check your answers');
    await page.getByRole('button', { name: 'Guardar los cambios' }).click();
    await page.waitForURL((u) => u.pathname === projectPath);
    await page.getByText(/^Cambios guardados en P-\d{4}-\d{4}\./).waitFor();
    expect(await projectStatus(page)).toBe('Estado: Devuelto para completar');
    await page.getByRole('button', { name: 'Volver a presentar' }).click();
    await page.getByText(/^Proyecto P-\d{4}-\d{4} presentado de nuevo\.$/).waitFor();
    expect(await projectStatus(page)).toBe('Estado: Presentado');
    const summary = plain(await page.getByRole('heading', { level: 2, name: 'El proyecto' }).locator('xpath=..').textContent());
    expect(summary).toContain('118.500,00 MXN');
    expect(summary).toContain('cotizacion-maquinas.pdf');
    expect(summary).toContain('acta-asamblea.pdf');
    await expectAxeClean(page, 'resubmitted project');

    // ---- the association's own list of projects shows where each one stands
    await open(page, baseUrl, '/remittances/projects');
    expect(await h1(page)).toBe('Proyectos cofinanciados');
    const mine = page.getByRole('table', { name: /^Proyectos \(\d+\)$/ });
    expect(plain(await mine.getByRole('row').filter({ hasText: title }).textContent())).toContain('Presentado');
    await expectAxeClean(page, 'an association’s projects');
    await onPhone(page, 'remittances-association-projects');
  }, 300_000);
});
