import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations } from '../support/browser.js';
import { apiWrite, browserTabs, createUserAs, open, screenshotPath, settled, signIn, signInAdmin, uniqueEmail } from '../support/session.js';
import { plain } from '../support/text.js';

const baseUrl = inject('baseUrl');
const tabs = browserTabs();

/**
 * Sustainability scores, the supervision page, the dashboard and the survey's versions, through the pages. Cases
 * are set up through the API (a caseworker registers and plans, a supervisor approves); the surveys are taken,
 * the dashboard read and a second survey version loaded from a file on the pages.
 */
const run = Date.now().toString(36);
const people = {
  caseworker: { email: uniqueEmail('gestor.scores'), displayName: `Gestor de casos ${run}`, roleId: 'case_worker', captureScope: ['GT0101'] },
  caseworker2: { email: uniqueEmail('gestora2.scores'), displayName: `Gestora dos ${run}`, roleId: 'case_worker', captureScope: ['GT0101'] },
  /** Joins the team with no case yet: can still be handed one. */
  newcomer: { email: uniqueEmail('gestor.nuevo.scores'), displayName: `Gestor nuevo ${run}`, roleId: 'case_worker', captureScope: ['GT0102'] },
  supervisor: { email: uniqueEmail('supervisora.scores'), displayName: `Supervisora ${run}`, roleId: 'case_supervisor', captureScope: ['GT01'] },
};
/** A country of return no other browser test uses, so that its row of the dashboard holds only these cases. */
const FROM = 'ESP';
const FROM_NAME = 'España';
const DEFAULT_INSTRUMENT = fileURLToPath(new URL('../../server/src/modules/reintegration/instruments/mide-sustainability-1.json', import.meta.url));

interface Option {
  code: string;
  score: number;
  label: string;
}
interface Instrument {
  id: string;
  version: string;
  threshold: number;
  dimensions: { code: string; weight: number; items: { code: string; weight: number; question: string; options: Option[] }[] }[];
}

beforeAll(async () => {
  const admin = await tabs.newPage();
  await signInAdmin(admin, baseUrl);
  for (const p of Object.values(people)) await createUserAs(admin, baseUrl, p);
  await tabs.closeAll();
});

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
/** A score as the Spanish pages write it ("0,49"). */
const es2 = (v: number) => new Intl.NumberFormat('es', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(v);

/** The composite the scoring rules give for the chosen option of every item (weights normalised, 4 decimals). */
function compositeOf(inst: Instrument, choose: (options: Option[]) => Option): number {
  const mean = (xs: { w: number; v: number }[]) => xs.reduce((s, x) => s + x.w * x.v, 0) / xs.reduce((s, x) => s + x.w, 0);
  const dims = inst.dimensions.map((d) => ({ w: d.weight, v: Math.round(mean(d.items.map((i) => ({ w: i.weight, v: choose(i.options).score }))) * 1e4) / 1e4 }));
  return Math.round(mean(dims) * 1e4) / 1e4;
}

async function as(who: keyof typeof people | 'admin', width = 1280): Promise<Page> {
  await tabs.closeAll();
  const page = await tabs.newPage({ width });
  if (who === 'admin') await signInAdmin(page, baseUrl);
  else await signIn(page, baseUrl, people[who].email);
  return page;
}

async function expectAxeClean(page: Page, what: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `${what}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

/** Elements that stick out of a 360 px viewport (outside the tables' own scrolling regions): none on a usable page. */
async function onPhone(page: Page, name: string): Promise<void> {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 360, height: 800 });
  await page.screenshot({ path: screenshotPath(`${name}-360`), fullPage: true });
  const out = await page.evaluate(() => {
    if (document.documentElement.scrollWidth <= window.innerWidth) return [];
    return Array.from(document.querySelectorAll<HTMLElement>('main *'))
      .filter((el) => !el.closest('.table-wrap') && el.getBoundingClientRect().right > window.innerWidth + 1)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}: ${Math.round(el.getBoundingClientRect().right)} px`);
  });
  expect(out, name).toEqual([]);
  if (size) await page.setViewportSize(size);
}

async function ok<T>(res: Awaited<ReturnType<typeof apiWrite>>, what: string): Promise<T> {
  if (!res.ok()) throw new Error(`${what}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

/** A returnee registered in GT0101 with one plan activity (status "planning"), as the caseworker, through the API. */
async function caseInPlanning(page: Page, given: string, arrivedDaysAgo: number, how: string): Promise<string> {
  const person = await ok<{ id: string }>(await apiWrite(page, baseUrl, 'POST', '/persons', { given_name: given, family_name: `Retornado ${run}`, org_unit_code: 'GT0101' }), 'person');
  const c = await ok<{ id: string }>(
    await apiWrite(page, baseUrl, 'POST', '/reintegration/cases', {
      person_id: person.id,
      org_unit: 'GT0101',
      arrival_date: daysAgo(arrivedDaysAgo),
      returned_from_iso3: FROM,
      return_how: how,
      household_size: 3,
      immediate_needs: ['no_income'],
    }),
    'case',
  );
  await ok(await apiWrite(page, baseUrl, 'POST', `/reintegration/cases/${c.id}/plan/activities`, { need: 'no_income', response: 'job_placement', partner: 'INFOP' }), 'activity');
  return c.id;
}

/** Answers every question of the survey form with the option `choose` picks (radio groups named by the question). */
async function answerAll(page: Page, inst: Instrument, choose: (options: Option[]) => Option, skip?: string): Promise<void> {
  for (const d of inst.dimensions)
    for (const item of d.items) {
      if (item.code === skip) continue;
      await page.getByRole('group', { name: item.question, exact: true }).getByLabel(choose(item.options).label, { exact: true }).check();
    }
}

describe('reintegration: sustainability scores, supervision and the dashboard', () => {
  let caseId = '';
  let waitingId = '';
  const middle = (o: Option[]) => o[1]!;
  const best = (o: Option[]) => o[o.length - 1]!;

  it('takes the plan survey and a follow-up survey on the scores tab and shows the change', async () => {
    let page = await as('caseworker');
    caseId = await caseInPlanning(page, `Lucía ${run}`, 10, 'forced');
    const inst = (await (await page.request.get(`${baseUrl}/api/v1/reintegration/instruments/active`)).json()) as Instrument;
    const planComposite = compositeOf(inst, middle);

    await open(page, baseUrl, `/reintegration/cases/${caseId}?tab=scores`);
    let panel = page.getByRole('tabpanel', { name: 'Puntuaciones' });
    await panel.getByText('Todavía no se ha aplicado la encuesta de sostenibilidad en este caso.').waitFor();
    await panel.getByRole('button', { name: 'Aplicar la encuesta' }).click();
    await panel.getByRole('heading', { name: 'Aplicar la encuesta de sostenibilidad' }).waitFor();
    expect(await panel.getByRole('group', { name: 'Momento' }).getByLabel('Al elaborar el plan').isChecked()).toBe(true);
    // One question left out: the summary names it and links to it; nothing is recorded.
    const left = inst.dimensions[2]!.items[0]!;
    await answerAll(page, inst, middle, left.code);
    await panel.getByRole('button', { name: 'Registrar la encuesta' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Hay un problema' });
    await summary.getByRole('link', { name: `Elija una respuesta: ${left.question}` }).click();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe(`answer-${left.code}`);
    await expectAxeClean(page, 'survey form with an error');
    await page.screenshot({ path: screenshotPath('w2-survey-form-1280'), fullPage: true });
    await page.getByRole('group', { name: left.question, exact: true }).getByLabel(middle(left.options).label, { exact: true }).check();
    await panel.getByRole('button', { name: 'Registrar la encuesta' }).click();
    await page.getByText(`Encuesta registrada: puntuación compuesta ${es2(planComposite)}.`).waitFor();
    const rows = panel.getByRole('table', { name: 'Puntuaciones tomadas, de la más reciente a la primera' }).getByRole('row');
    await rows.nth(1).waitFor();
    expect(await rows.count()).toBe(2);
    expect(plain(await rows.nth(1).textContent())).toContain('Al elaborar el plan');
    expect(plain(await rows.nth(1).textContent())).toContain(`versión ${inst.version}`);

    // The plan is submitted and approved, a follow-up is recorded (API); the follow-up survey is taken on the page.
    await ok(await apiWrite(page, baseUrl, 'POST', `/reintegration/cases/${caseId}/plan/submit`, {}), 'submit');
    page = await as('supervisor');
    await ok(await apiWrite(page, baseUrl, 'POST', `/reintegration/cases/${caseId}/plan/approve`, {}), 'approve');
    page = await as('caseworker');
    const followUp = await ok<{ id: string }>(
      await apiWrite(page, baseUrl, 'POST', `/reintegration/cases/${caseId}/follow-ups`, { scheduled_on: daysAgo(1) }),
      'follow-up',
    );
    const followUpId = followUp.id;
    await ok(await apiWrite(page, baseUrl, 'POST', `/reintegration/cases/${caseId}/follow-ups/${followUpId}/record`, { done_on: daysAgo(1), channel: 'visit' }), 'record');

    await open(page, baseUrl, `/reintegration/cases/${caseId}?tab=scores`);
    panel = page.getByRole('tabpanel', { name: 'Puntuaciones' });
    await panel.getByRole('button', { name: 'Aplicar la encuesta' }).click();
    const occasion = panel.getByRole('group', { name: 'Momento' });
    expect(await occasion.getByLabel('En un seguimiento').isChecked()).toBe(true);
    // The only recorded follow-up without a score is chosen already.
    expect(await panel.getByLabel('Seguimiento', { exact: true }).inputValue()).toBe(followUpId);
    await answerAll(page, inst, best);
    await panel.getByRole('button', { name: 'Registrar la encuesta' }).click();
    await page.getByText(`Encuesta registrada: puntuación compuesta ${es2(1)}.`).waitFor();
    const change = panel.getByRole('region', { name: 'Cambio desde la primera puntuación' });
    expect(plain(await change.getByRole('definition').last().textContent())).toBe(`▲ ${new Intl.NumberFormat('es', { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'exceptZero' }).format(1 - planComposite)}`);
    const composite = panel.getByRole('region', { name: 'Compuesta' });
    expect((await composite.getByRole('listitem').allTextContents()).map(plain).map((s) => s.split(': ')[1])).toEqual([es2(planComposite), es2(1)]);
    await composite.getByText(`Umbral de sostenibilidad: ${es2(inst.threshold)}`).waitFor();
    await expectAxeClean(page, 'scores tab');
    await page.screenshot({ path: screenshotPath('w2-scores-tab-1280'), fullPage: true });
    await onPhone(page, 'w2-scores-tab');
    // Scored follow-ups are not offered again.
    await panel.getByRole('button', { name: 'Aplicar la encuesta' }).click();
    await occasion.getByLabel('En un seguimiento').check();
    await panel.getByText('No hay ningún seguimiento realizado sin puntuación.', { exact: false }).waitFor();
  });

  it('lists the plans waiting and the caseload on the supervision page, and reassigns a late case', async () => {
    let page = await as('caseworker2');
    await caseInPlanning(page, `Ana ${run}`, 5, 'assisted_voluntary');
    page = await as('caseworker');
    waitingId = await caseInPlanning(page, `Mateo ${run}`, 40, 'voluntary');
    await ok(await apiWrite(page, baseUrl, 'POST', `/reintegration/cases/${waitingId}/plan/submit`, {}), 'submit');
    page = await as('supervisor');
    await open(page, baseUrl, '/reintegration/supervision');
    await expectAxeClean(page, 'supervision');
    const plans = page.getByRole('region', { name: /^Planes por aprobar/ });
    const link = plans.getByRole('row').filter({ hasText: `Mateo ${run}` }).getByRole('link');
    const overdue = page.getByRole('region', { name: /^Planes vencidos/ });
    await overdue.getByRole('row').filter({ hasText: `Mateo ${run}` }).waitFor();
    const load = page.getByRole('region', { name: 'Casos por gestor o gestora', exact: true });
    const mine = load.getByRole('row').filter({ hasText: people.caseworker.displayName });
    await mine.waitFor();
    // Two open cases (one active, one waiting), one of them late.
    expect((await mine.getByRole('cell').allTextContents()).map(plain).slice(0, 2)).toEqual(['2', '1']);
    await page.screenshot({ path: screenshotPath('w2-supervision-1280'), fullPage: true });
    await onPhone(page, 'w2-supervision');

    // The late case goes to the second caseworker.
    const reassign = page.getByRole('region', { name: 'Reasignar un caso' });
    await reassign.getByRole('button', { name: 'Reasignar' }).click();
    await page.getByRole('alert').filter({ hasText: 'Hay un problema' }).getByRole('link', { name: 'Elija el caso que quiere reasignar.' }).waitFor();
    await reassign.getByLabel('Caso', { exact: true }).selectOption(waitingId);
    // everyone who can take cases in the supervisor's scope is offered, with their units, even with no case yet
    const to = reassign.getByLabel('Nuevo gestor o gestora');
    expect(await to.locator('option', { hasText: `${people.newcomer.displayName} (Santa Catarina Pinula)` }).count()).toBe(1);
    await to.selectOption({ label: `${people.caseworker2.displayName} (Ciudad de Guatemala)` });
    await reassign.getByRole('button', { name: 'Reasignar' }).click();
    await reassign.getByText(new RegExp(`^Caso .+ reasignado a ${people.caseworker2.displayName}\\.$`)).waitFor();
    const theirs = load.getByRole('row').filter({ hasText: people.caseworker2.displayName });
    await expect.poll(async () => (await theirs.getByRole('cell').allTextContents()).map(plain).slice(0, 2)).toEqual(['2', '1']);
    expect((await mine.getByRole('cell').allTextContents()).map(plain).slice(0, 2)).toEqual(['1', '0']);
    await expectAxeClean(page, 'supervision after reassigning');
    await link.click();
    await page.waitForURL((u) => u.pathname === `/reintegration/cases/${waitingId}`);
  });

  it('shows arrivals, statuses and the scores on the dashboard, by period and org unit', async () => {
    const page = await as('supervisor');
    // A period longer than the server covers, typed into the address: the refusal links to the field.
    await open(page, baseUrl, '/reintegration/dashboard?from=2000-01&to=2026-01');
    const refusal = page.getByRole('alert').filter({ hasText: 'Hay un problema' }).getByRole('link');
    expect(await refusal.getAttribute('href')).toBe('#from');
    await open(page, baseUrl, '/reintegration/dashboard');
    await expectAxeClean(page, 'dashboard');
    const byCountry = page.getByRole('table', { name: /^Llegadas por país de procedencia/ });
    // voluntary, assisted voluntary, forced, total
    expect((await byCountry.getByRole('row').filter({ has: page.getByRole('rowheader', { name: FROM_NAME, exact: true }) }).getByRole('cell').allTextContents()).map(plain)).toEqual(['1', '1', '1', '3']);
    const scores = page.getByRole('region', { name: 'Puntuaciones de sostenibilidad' });
    await scores.getByText('Umbral de sostenibilidad: 0,66').waitFor();
    // The figures are the API's, written for the locale.
    const answer = (await (await page.request.get(`${baseUrl}/api/v1/reintegration/dashboard`)).json()) as {
      scores: { total: { returnees: number; composite: number; share_sustainable: number } };
      overdue_plans: number;
    };
    expect(answer.scores.total.returnees).toBeGreaterThanOrEqual(1);
    const byUnit = scores.getByRole('table', { name: 'Por unidad organizativa' });
    // returnees, economic, social, psychosocial, composite, share above the threshold
    const totals = (await byUnit.locator('tfoot td').allTextContents()).map(plain);
    expect(totals[0]).toBe(String(answer.scores.total.returnees));
    expect(totals[4]).toBe(es2(answer.scores.total.composite));
    expect(totals[5]).toBe(plain(new Intl.NumberFormat('es', { style: 'percent', maximumFractionDigits: 0 }).format(answer.scores.total.share_sustainable)));
    expect(plain(await page.getByRole('definition').nth(1).textContent())).toBe(String(answer.overdue_plans));
    await page.screenshot({ path: screenshotPath('w2-dashboard-1280'), fullPage: true });
    await onPhone(page, 'w2-dashboard');

    // This month in Ciudad de Guatemala only: the filters go to the address and the figures follow.
    const month = new Date().toISOString().slice(0, 7);
    await page.getByLabel('Desde el mes').fill(month);
    await page.getByLabel('Hasta el mes').fill(month);
    await page.getByLabel('Buscar una unidad organizativa (Unidad organizativa)').fill('Ciudad de Guate');
    await page.getByRole('list', { name: 'Resultados de la búsqueda' }).getByRole('button', { name: 'Elegir Ciudad de Guatemala' }).click();
    await page.getByRole('button', { name: 'Mostrar' }).click();
    await page.waitForURL((u) => u.searchParams.get('from') === month && u.searchParams.get('org_unit') === 'GT0101');
    await page.getByText(/^Periodo .*; Ciudad de Guatemala\.$/).waitFor();
    await scores.getByRole('table', { name: 'Por trimestre' }).waitFor();

    // The same dashboard in English: words, country names and numbers follow the language.
    await open(page, baseUrl, '/reintegration/dashboard');
    await page.getByRole('group', { name: 'Idioma' }).getByRole('button', { name: 'English' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await settled(page);
    await page.getByRole('heading', { level: 1, name: 'Reintegration dashboard' }).waitFor();
    const byCountryEn = page.getByRole('table', { name: /^Arrivals by country returned from/ });
    expect((await byCountryEn.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Spain', exact: true }) }).getByRole('cell').allTextContents()).map(plain)).toEqual(['1', '1', '1', '3']);
    const scoresEn = page.getByRole('region', { name: 'Sustainability scores' });
    await scoresEn.getByText('Sustainability threshold: 0.66').waitFor();
    const totalsEn = (await scoresEn.getByRole('table', { name: 'By org unit' }).locator('tfoot td').allTextContents()).map(plain);
    expect(totalsEn[4]).toBe(new Intl.NumberFormat('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(answer.scores.total.composite));
    await expectAxeClean(page, 'dashboard in English');
    await page.screenshot({ path: screenshotPath('w2-dashboard-en-1280'), fullPage: true });
    // back to Spanish: the choice is kept in the supervisor's profile
    await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Español' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'es');
  });

  it('lets an administrator load a second survey version from a file, see errors by path, and activate a version', async () => {
    const page = await as('admin');
    await open(page, baseUrl, '/reintegration/instruments');
    const definition = JSON.parse(readFileSync(DEFAULT_INSTRUMENT, 'utf8')) as { version: string; name: Record<string, string>; dimensions: { items: { options: unknown[] }[] }[] };
    const versions = page.getByRole('table', { name: 'Versiones cargadas' });
    await versions.getByRole('row').filter({ hasText: 'Activa' }).first().waitFor();
    const v2 = { ...definition, version: `2-${run}`, name: { ...definition.name, es: `Encuesta de prueba ${run}` } };

    // A broken file: the error names the place in the file; nothing is loaded.
    const broken = structuredClone(v2);
    broken.dimensions[1]!.items[0]!.options = broken.dimensions[1]!.items[0]!.options.slice(0, 1);
    const file = page.getByLabel('Archivo de la encuesta (JSON)');
    await file.setInputFiles({ name: 'encuesta-rota.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
    await page.getByRole('button', { name: 'Cargar y activar' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Hay un problema' });
    await summary.getByText(/dimensions\[1\]\.items\[0\]\.options/).waitFor();
    await expectAxeClean(page, 'instruments with an error');
    expect(await versions.getByRole('row').filter({ hasText: `Encuesta de prueba ${run}` }).count()).toBe(0);

    await file.setInputFiles({ name: 'encuesta-v2.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(v2)) });
    await page.getByRole('button', { name: 'Cargar y activar' }).click();
    await page.getByText(`«Encuesta de prueba ${run}» (versión 2-${run}) cargada; es ahora la encuesta activa.`).waitFor();
    const row = versions.getByRole('row').filter({ hasText: `Encuesta de prueba ${run}` });
    await row.getByText('Activa', { exact: true }).waitFor();
    await page.getByRole('heading', { level: 2, name: `Encuesta de prueba ${run} Activa` }).waitFor();

    // Back to the first version: the other tests' scores were taken with it.
    await versions.getByRole('button', { name: `Activar mide-sustainability, versión ${definition.version}` }).click();
    await page.getByText(`(versión ${definition.version}) es ahora la encuesta activa.`, { exact: false }).waitFor();
    await row.getByText('Inactiva', { exact: true }).waitFor();
    await expectAxeClean(page, 'instruments');
    await page.screenshot({ path: screenshotPath('w2-instruments-1280'), fullPage: true });
    await onPhone(page, 'w2-instruments');
  });
});
