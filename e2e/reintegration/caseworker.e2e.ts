import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { axeViolations } from '../support/browser.js';
import { E2E_PASSWORD } from '../support/fixtures.js';
import { browserTabs, createUserAs, open, screenshotPath, settled, signIn, signInAdmin, uniqueEmail } from '../support/session.js';
import { plain, rowCells, overflowing } from '../support/text.js';

const baseUrl = inject('baseUrl');
const tabs = browserTabs();

/**
 * One returnee's case from arrival to closure, through the pages: a caseworker and a supervisor of the
 * municipality GT0101. Only the two users are set up through the API (as the administrator); the person, the case,
 * the consent and every step go through the pages, as the people who use them would.
 */
const run = Date.now().toString(36);
const people = {
  worker: { email: uniqueEmail('gestora.casos'), displayName: `Gestora de casos ${run}`, roleId: 'case_worker', captureScope: ['GT0101'] },
  supervisor: { email: uniqueEmail('supervisor.casos'), displayName: `Supervisor de casos ${run}`, roleId: 'case_supervisor', captureScope: ['GT0101'] },
};
const GIVEN = 'Ana Lucía';
const FAMILY = `Cux Tzoc ${run}`;
const NAME = `${GIVEN} ${FAMILY}`;
const PARTNER = `Asociación Nuevo Horizonte ${run}`;
const NOTES = 'Refiere ansiedad tras la detención; acepta acompañamiento.';

beforeAll(async () => {
  const admin = await tabs.newPage();
  await signInAdmin(admin, baseUrl);
  for (const p of Object.values(people)) await createUserAs(admin, baseUrl, p);
  await tabs.closeAll();
});

const h1 = async (page: Page) => plain(await page.getByRole('heading', { level: 1 }).textContent());

/** Screenshots at 1280 px and on a 360 px phone (where nothing may stick out sideways). */
async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: screenshotPath(`${name}-1280`), fullPage: true });
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

async function as(who: keyof typeof people): Promise<Page> {
  await tabs.closeAll();
  const page = await tabs.newPage({ width: 1280 });
  await signIn(page, baseUrl, people[who].email);
  return page;
}

/** The status the case page shows ("Estado: …"). */
async function caseStatus(page: Page): Promise<string> {
  return plain(await page.locator('.rn-status').textContent());
}

async function expectStatus(page: Page, status: string): Promise<void> {
  await page.locator('.rn-status').getByText(status, { exact: true }).waitFor();
  expect(await caseStatus(page)).toBe(`Estado: ${status}`);
}

async function openTab(page: Page, name: string): Promise<Locator> {
  await page.getByRole('tab', { name }).click();
  expect(await page.getByRole('tab', { name }).getAttribute('aria-selected')).toBe('true');
  const panel = page.getByRole('tabpanel', { name });
  await panel.waitFor();
  await page.waitForFunction(() => document.querySelectorAll('.loading').length === 0);
  return panel;
}

/** The success message the case page announces after a step. */
const announced = (page: Page, text: string) => page.locator('.rn-announce').getByText(text, { exact: true }).waitFor();

describe('reintegration: a caseworker follows a returnee from arrival to closure', () => {
  it('registers, assesses, plans, is refused a referral without consent, records it, refers, follows up and has the case closed', async () => {
    // ---- the caseload, empty of this run's case; the way to register a return
    let page = await as('worker');
    await open(page, baseUrl, '/reintegration');
    expect(await h1(page)).toBe('Mi cartera de casos');
    await expectAxeClean(page, 'caseload');
    await page.getByRole('link', { name: 'Registrar retorno' }).click();
    await page.waitForURL((u) => u.pathname === '/reintegration/cases/new');
    await settled(page);
    expect(await h1(page)).toBe('¿Quién retornó?');

    // ---- nobody by that name: the person is registered on the persons form, which comes back here
    await page.getByLabel('Nombre o documento').fill(FAMILY);
    await page.getByRole('button', { name: 'Buscar', exact: true }).click();
    await page.getByText(`Nadie en el registro coincide con «${FAMILY}».`).waitFor();
    await page.getByRole('link', { name: 'Registrar una persona nueva' }).click();
    await page.waitForURL((u) => u.pathname === '/persons/new');
    await settled(page);
    await page.getByLabel('Nombre', { exact: true }).fill(GIVEN);
    await page.getByLabel('Apellidos').fill(FAMILY);
    await page.getByLabel('Fecha de nacimiento').fill('1994-03-12');
    await page.getByRole('radio', { name: 'Mujer' }).check();
    await page.getByLabel('Nacionalidad').fill('GTM');
    const unit = page.getByRole('group', { name: 'Unidad organizativa' });
    await unit.getByRole('list', { name: 'Sugerencias' }).getByRole('button', { name: 'Elegir Ciudad de Guatemala' }).click();
    await page.getByRole('button', { name: 'Registrar', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/reintegration/cases/new' && u.searchParams.has('person'));
    await settled(page);
    expect(await h1(page)).toBe(`Llegada de ${NAME}`);

    // ---- the arrival: a missing country is named in the error summary, then the case is registered
    await page.getByRole('radio', { name: 'Voluntario asistido' }).check();
    await page.getByLabel('Categoría de retorno').selectOption({ label: 'Ejemplo: persona deportada' });
    await page.getByLabel('Personas en el hogar').fill('4');
    await page.getByRole('checkbox', { name: 'Sin ingresos' }).check();
    await page.getByRole('checkbox', { name: 'Deudas' }).check();
    await page.getByRole('button', { name: 'Registrar el caso' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Hay un problema' });
    await summary.getByRole('link', { name: 'Elija el país desde el que retornó.' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('returned_from_iso3');
    await expectAxeClean(page, 'arrival form with errors');
    await shoot(page, 'w1-register');
    await page.getByLabel('País desde el que retornó').selectOption({ label: 'Estados Unidos' });
    await page.getByRole('button', { name: 'Registrar el caso' }).click();
    await page.waitForURL((u) => u.pathname.startsWith('/reintegration/cases/') && !u.pathname.endsWith('/new'));
    await settled(page);
    const casePath = new URL(page.url()).pathname;
    expect(await h1(page)).toBe(NAME);
    const flash = plain(await page.getByText(/^Caso RN-\d{4}-\d+ registrado para/).textContent());
    const reference = /RN-\d{4}-\d+/.exec(flash)![0];
    expect(flash).toBe(`Caso ${reference} registrado para ${NAME}.`);
    await expectStatus(page, 'Registrado');
    // only the steps this case allows now: no plan to submit yet, nothing for a supervisor
    expect(await page.getByRole('button', { name: 'Enviar el plan a supervisión' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Aprobar el plan' }).count()).toBe(0);

    // ---- protected fields: recorded by the caseworker, who cannot show them (no cases.protected)
    let panel = page.getByRole('tabpanel', { name: 'Persona' });
    await panel.getByText('Registrar datos protegidos').click();
    await panel.getByLabel('Notas psicosociales').fill(NOTES);
    await panel.getByRole('group', { name: 'Indicios de trata de personas' }).getByRole('radio', { name: 'No' }).check();
    await panel.getByRole('button', { name: 'Guardar datos protegidos' }).click();
    await announced(page, 'Datos protegidos guardados.');
    expect(await panel.getByText(NOTES).count()).toBe(0);
    expect(await panel.getByText('Oculto', { exact: true }).count()).toBe(3);
    expect(await panel.getByRole('button', { name: 'Mostrar' }).count()).toBe(0);
    await shoot(page, 'w1-case-person');

    // ---- a needs assessment
    panel = await openTab(page, 'Evaluaciones');
    expect(new URL(page.url()).searchParams.get('tab')).toBe('assessments');
    await panel.getByRole('radio', { name: 'Necesidades' }).check();
    await panel.getByLabel('Sin ingresos').selectOption({ label: 'Alta' });
    await panel.getByLabel('Deudas').selectOption({ label: 'Media' });
    await panel.getByRole('button', { name: 'Guardar la evaluación' }).click();
    await announced(page, 'Evaluación registrada: Necesidades.');
    await panel.getByRole('heading', { level: 3, name: /^Necesidades/ }).waitFor();

    // ---- the plan from the grid's proposals, then submitted
    panel = await openTab(page, 'Plan');
    await panel.getByLabel('Socio para «Colocación laboral»').fill('Servicio Nacional de Empleo');
    await panel.getByRole('button', { name: 'Añadir al plan Colocación laboral' }).click();
    await announced(page, 'Actividad «Colocación laboral» añadida al plan.');
    await panel.getByLabel('Socio para «Educación financiera»').fill(PARTNER);
    await panel.getByRole('button', { name: 'Añadir al plan Educación financiera' }).click();
    await announced(page, 'Actividad «Educación financiera» añadida al plan.');
    const activities = panel.getByRole('table', { name: 'Actividades del plan' });
    expect((await rowCells(activities.getByRole('row').nth(1))).slice(0, 3)).toEqual(['Sin ingresos', 'Colocación laboral', 'Servicio Nacional de Empleo']);
    expect((await rowCells(activities.getByRole('row').nth(2))).slice(0, 3)).toEqual(['Deudas', 'Educación financiera', PARTNER]);
    expect(await panel.getByLabel('Socio para «Colocación laboral»').count()).toBe(0);
    await expectStatus(page, 'En planificación');
    await expectAxeClean(page, 'case page, plan tab');
    await shoot(page, 'w1-case-plan');
    await page.getByRole('button', { name: 'Enviar el plan a supervisión' }).click();
    await announced(page, 'Plan enviado a supervisión.');
    await expectStatus(page, 'Plan enviado');

    // ---- the supervisor approves the plan
    page = await as('supervisor');
    await open(page, baseUrl, casePath);
    await page.getByRole('button', { name: 'Aprobar el plan' }).click();
    const approval = page.getByRole('form', { name: 'Aprobar el plan' });
    await approval.getByLabel('Nota (opcional)').fill('Plan coherente con las necesidades evaluadas.');
    await approval.getByRole('button', { name: 'Confirmar' }).click();
    await announced(page, 'Plan aprobado: el caso está activo.');
    await expectStatus(page, 'Activo');
    // the supervisor shows the protected fields, giving the password again
    panel = page.getByRole('tabpanel', { name: 'Persona' });
    await panel.getByRole('button', { name: 'Mostrar' }).click();
    await panel.getByLabel('Contraseña actual').fill(E2E_PASSWORD);
    await panel.getByRole('button', { name: 'Mostrar' }).click();
    await panel.getByText(NOTES).waitFor();
    // and exports the case: a wrong password is refused beside its field, the right one downloads the JSON
    await page.getByRole('button', { name: 'Exportar el caso (JSON)' }).click();
    const exportForm = page.getByRole('form', { name: 'Exportar el caso (JSON)' });
    await exportForm.getByLabel('Contraseña actual').fill('no es la contraseña');
    await exportForm.getByRole('button', { name: 'Exportar', exact: true }).click();
    await exportForm.getByRole('alert').getByRole('link', { name: 'La contraseña o el código no son correctos (cada código sirve una sola vez).' }).waitFor();
    await exportForm.getByLabel('Contraseña actual').fill(E2E_PASSWORD);
    const download = page.waitForEvent('download');
    await exportForm.getByRole('button', { name: 'Exportar', exact: true }).click();
    expect((await download).suggestedFilename()).toBe(`case-${reference}.json`);
    await announced(page, 'Caso exportado: el archivo JSON se ha descargado.');

    // ---- the caseworker refers: refused without the person's consent to share with that partner
    page = await as('worker');
    await open(page, baseUrl, `${casePath}?tab=referrals`);
    panel = page.getByRole('tabpanel', { name: 'Derivaciones' });
    await panel.getByLabel('Socio', { exact: true }).fill(PARTNER);
    await panel.getByLabel('Servicio', { exact: true }).fill('Taller de educación financiera');
    await panel.getByRole('button', { name: 'Derivar', exact: true }).click();
    const refusal = panel.getByRole('status').filter({ hasText: 'Falta el consentimiento para compartir' });
    await refusal.getByText(`La persona no ha dado su consentimiento para compartir sus datos con «${PARTNER}».`, { exact: false }).waitFor();
    expect(await panel.getByRole('heading', { level: 3, name: `${PARTNER}: Taller de educación financiera` }).count()).toBe(0);
    await expectAxeClean(page, 'referral refused');
    await shoot(page, 'w1-case-referral-refused');

    // ---- the consent to share with that partner, recorded on the person's pages, back to the referrals
    await refusal.getByRole('link', { name: `Registrar el consentimiento para compartir con ${PARTNER}` }).click();
    await page.waitForURL((u) => u.pathname.endsWith('/consents/new'));
    await settled(page);
    expect(await page.getByRole('radio', { name: 'Compartir con otra organización' }).isChecked()).toBe(true);
    expect(await page.getByLabel('Organización con la que se comparten los datos').inputValue()).toBe(PARTNER);
    await page.getByLabel('Qué se le explicó a la persona y qué aceptó').fill('Compartir nombre y contacto con la asociación para el taller.');
    await page.getByRole('radio', { name: 'En persona' }).check();
    await page.getByRole('button', { name: 'Registrar el consentimiento' }).click();
    await page.waitForURL((u) => u.pathname === casePath && u.searchParams.get('tab') === 'referrals');
    await settled(page);
    await page.getByText('Se registró el consentimiento.').waitFor();

    // ---- referred, and the partner accepts; the service was provided
    panel = page.getByRole('tabpanel', { name: 'Derivaciones' });
    await panel.getByLabel('Socio', { exact: true }).fill(PARTNER);
    await panel.getByLabel('Servicio', { exact: true }).fill('Taller de educación financiera');
    await panel.getByRole('button', { name: 'Derivar', exact: true }).click();
    await announced(page, `Derivación a ${PARTNER} registrada.`);
    const referral = panel.getByRole('region', { name: `${PARTNER}: Taller de educación financiera` });
    await referral.getByText('Consentimiento de la persona para compartir sus datos').waitFor();
    await referral.getByRole('group', { name: `Respuesta de ${PARTNER}` }).getByRole('radio', { name: 'Aceptada' }).check();
    await referral.getByRole('button', { name: 'Guardar la respuesta' }).click();
    await announced(page, `Respuesta de ${PARTNER} registrada: Aceptada.`);
    await referral.getByLabel(`Resultado de la derivación a ${PARTNER}`).selectOption({ label: 'Servicio prestado' });
    await referral.getByRole('button', { name: 'Guardar el resultado' }).click();
    await announced(page, `Resultado de la derivación a ${PARTNER} registrado.`);

    // ---- a follow-up scheduled and recorded
    panel = await openTab(page, 'Seguimientos');
    const today = await page.evaluate(() => {
      const d = new Date();
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    });
    await panel.getByLabel('Fecha prevista').fill(today);
    await panel.getByRole('button', { name: 'Programar', exact: true }).click();
    await panel.getByText('Pendiente', { exact: true }).waitFor();
    await panel.getByLabel('Medio', { exact: true }).selectOption({ label: 'Visita' });
    await panel.getByLabel('Notas del seguimiento').fill('Asistió al taller; busca empleo en la construcción.');
    await panel.getByRole('button', { name: 'Registrar el seguimiento' }).click();
    await panel.getByText('Realizado', { exact: true }).waitFor();
    await panel.getByText('Asistió al taller; busca empleo en la construcción.').waitFor();
    await expectAxeClean(page, 'case page, follow-ups tab');
    await shoot(page, 'w1-case-follow-ups');

    // ---- the caseworker asks to close the case: plan completed
    await page.getByRole('button', { name: 'Solicitar el cierre' }).click();
    const closure = page.getByRole('form', { name: 'Solicitar el cierre' });
    await closure.getByRole('radio', { name: 'Plan cumplido' }).check();
    await closure.getByRole('button', { name: 'Confirmar' }).click();
    await expectStatus(page, 'Cierre solicitado');

    // ---- the supervisor approves the closure; the history lists every step
    page = await as('supervisor');
    await open(page, baseUrl, '/reintegration');
    const row = page.getByRole('table', { name: 'Casos de la cartera' }).getByRole('row').filter({ has: page.getByRole('link', { name: reference }) });
    expect(await rowCells(row)).toEqual([reference, NAME, expect.any(String), 'Estados Unidos', 'Voluntario asistido', 'Cierre solicitado', expect.any(String)]);
    await page.getByRole('link', { name: reference }).click();
    await page.waitForURL((u) => u.pathname === casePath);
    await settled(page);
    await page.getByRole('button', { name: 'Aprobar el cierre' }).click();
    const decision = page.getByRole('form', { name: 'Aprobar el cierre' });
    // the supervisor sees the reason the caseworker gave before deciding
    await decision.getByText('Plan cumplido').waitFor();
    await expectAxeClean(page, 'case page, approving the closure');
    await shoot(page, 'w1-case-approve-closure');
    await decision.getByRole('button', { name: 'Confirmar' }).click();
    await announced(page, 'Cierre aprobado: el caso está cerrado.');
    await expectStatus(page, 'Cerrado');
    expect(await page.getByRole('button', { name: 'Solicitar el cierre' }).count()).toBe(0);
    panel = await openTab(page, 'Historial');
    const steps = (await panel.locator('.rn-history__what strong').allTextContents()).map(plain);
    expect(steps).toEqual([
      'Caso registrado',
      'Datos protegidos registrados',
      'Evaluación registrada',
      'Actividad añadida al plan',
      'Actividad añadida al plan',
      'Plan enviado a supervisión',
      'Plan aprobado',
      'Derivación con consentimiento',
      'Respuesta del socio registrada',
      'Resultado de la derivación registrado',
      'Seguimiento programado',
      'Seguimiento realizado',
      'Cierre solicitado',
      'Cierre aprobado',
    ]);
    // the supervisor's note on the plan stays with the approval
    await panel.getByText('Nota: Plan coherente con las necesidades evaluadas.').waitFor();
    await expectAxeClean(page, 'case page, history tab');
    // the tabs follow the WAI-ARIA pattern: arrows and Home move the selection (and the address) with the focus
    await page.getByRole('tab', { name: 'Historial' }).focus();
    await page.keyboard.press('Home');
    await page.waitForURL((u) => u.searchParams.get('tab') === 'person');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Persona');
    await page.keyboard.press('ArrowLeft');
    await page.waitForURL((u) => u.searchParams.get('tab') === 'history');
    expect(await page.getByRole('tab', { name: 'Historial' }).getAttribute('aria-selected')).toBe('true');

    // ---- the caseload keeps its filters in the address: closed cases only, after a reload
    await open(page, baseUrl, '/reintegration');
    await page.getByRole('checkbox', { name: 'Cerrado' }).check();
    await page.getByLabel('Buscar', { exact: true }).fill(FAMILY);
    await page.getByLabel('Unidad territorial').selectOption({ label: 'Ciudad de Guatemala' });
    await page.getByRole('button', { name: 'Aplicar filtros' }).click();
    await page.waitForURL((u) => u.searchParams.get('status') === 'closed' && u.searchParams.get('org_unit') === 'GT0101');
    await page.reload();
    await settled(page);
    expect(await page.getByRole('checkbox', { name: 'Cerrado' }).isChecked()).toBe(true);
    expect(await page.getByLabel('Buscar', { exact: true }).inputValue()).toBe(FAMILY);
    await page.getByRole('status').filter({ hasText: 'Casos encontrados: 1' }).waitFor();
    await expectAxeClean(page, 'caseload with filters');
    await shoot(page, 'w1-caseload');
  });
});
