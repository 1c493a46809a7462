import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { APIResponse, Browser, BrowserContext, Cookie, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { launchBrowser, newContext, totpCode } from './browser.js';
import { E2E_PASSWORD, ENROLLED_ADMIN_TOTP, users } from './fixtures.js';

/** Where screenshots go (ignored by git: `.test-tmp/`). */
export const SCREENSHOT_DIR = join(fileURLToPath(new URL('../../', import.meta.url)), '.test-tmp', 'screenshots');

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return join(SCREENSHOT_DIR, `${name}.png`);
}

/** A unique e-mail for records a test creates (one server serves the whole run, and users persist). */
export function uniqueEmail(prefix: string): string {
  return `${prefix}.${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}@e2e.mide.test`;
}

/** Waits until the page shows its h1 and nothing is still loading (no "Cargando…" status). */
export async function settled(page: Page): Promise<void> {
  try {
    await page.locator('h1').first().waitFor({ state: 'visible' });
    await page.waitForFunction(() => document.querySelectorAll('.loading').length === 0);
  } catch (err) {
    const text = await page.evaluate(() => document.body?.innerText.slice(0, 300) ?? '').catch(() => '?');
    const errors = (pageErrors.get(page) ?? []).slice(-5).join(' | ');
    throw new Error(`${page.url()} did not settle (${(err as Error).message.split('\n')[0]}); page text: ${JSON.stringify(text)}; errors: ${errors}`);
  }
}

/** Console errors and failed requests of each page, to explain a page that never renders. */
const pageErrors = new WeakMap<Page, string[]>();
function watch(page: Page): Page {
  const list: string[] = [];
  pageErrors.set(page, list);
  page.on('pageerror', (e) => list.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') list.push(`console: ${m.text()}`);
  });
  page.on('requestfailed', (r) => list.push(`failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  return page;
}

/** Opens a path of the app and waits for it to settle. */
export async function open(page: Page, baseUrl: string, path: string): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await settled(page);
}

/**
 * Signs in through the sign-in page (Spanish labels). With `totp`, answers the second-factor page with a code
 * computed from that secret. Waits until the app has left the /login pages.
 */
export async function signIn(page: Page, baseUrl: string, email: string, opts: { password?: string; totp?: string } = {}): Promise<void> {
  await open(page, baseUrl, '/login');
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByLabel('Contraseña', { exact: true }).fill(opts.password ?? E2E_PASSWORD);
  await page.getByRole('button', { name: 'Iniciar sesión' }).click();
  if (opts.totp) {
    await page.getByRole('heading', { level: 1, name: 'Introduzca su código de verificación' }).waitFor();
    await page.getByLabel('Código de verificación').fill(await totpCode(opts.totp));
    await page.getByRole('button', { name: 'Continuar' }).click();
  }
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  await settled(page);
}

/** The administrator's session cookies, per server, kept for the rest of the test file. */
const adminSessions = new Map<string, Cookie[]>();

/**
 * The enrolled administrator, signed in. The first time in a test file through both factors on the sign-in pages;
 * later tests of the file reuse that session while it is still active (a second-factor code is good once, so
 * signing in again within 30 seconds would wait for a fresh one). A test that signs out ends the shared session, and
 * the next one signs in again.
 */
export async function signInAdmin(page: Page, baseUrl: string): Promise<void> {
  const saved = adminSessions.get(baseUrl);
  if (saved) {
    await page.context().addCookies(saved);
    const res = await page.request.get(`${baseUrl}/api/v1/me`);
    if (res.ok() && ((await res.json()) as { session: { state: string } }).session.state === 'active') return open(page, baseUrl, '/');
    await page.context().clearCookies();
  }
  await signIn(page, baseUrl, users.admin, { totp: ENROLLED_ADMIN_TOTP });
  adminSessions.set(baseUrl, await page.context().cookies(baseUrl));
}

/** GET /api/v1/me with the page's cookies. */
export async function me(page: Page, baseUrl: string): Promise<{ user: { email: string; locale: string; role_id: string }; session: { state: string; csrf_token: string } }> {
  const res = await page.request.get(`${baseUrl}/api/v1/me`);
  if (!res.ok()) throw new Error(`GET /me answered ${res.status()}`);
  return (await res.json()) as Awaited<ReturnType<typeof me>>;
}

/** A write to the API with the page's cookies and CSRF token (for setting up records, not for what is tested). */
export async function apiWrite(page: Page, baseUrl: string, method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, data?: unknown): Promise<APIResponse> {
  const { session } = await me(page, baseUrl);
  return page.request.fetch(`${baseUrl}/api/v1${path}`, {
    method,
    headers: { 'X-CSRF-Token': session.csrf_token, 'Content-Type': 'application/json' },
    ...(data === undefined ? {} : { data: JSON.stringify(data) }),
  });
}

/** Creates a user through the API as the signed-in administrator of `page` (the view scope defaults to the capture scope). Returns the new user's id. */
export async function createUserAs(
  page: Page,
  baseUrl: string,
  user: { email: string; displayName: string; roleId: string; captureScope: string[]; viewScope?: string[] },
): Promise<string> {
  const res = await apiWrite(page, baseUrl, 'POST', '/admin/users', {
    email: user.email,
    display_name: user.displayName,
    role_id: user.roleId,
    password: E2E_PASSWORD,
    capture_scope: user.captureScope,
    view_scope: user.viewScope ?? user.captureScope,
  });
  if (res.status() !== 201) throw new Error(`creating ${user.email}: ${res.status()} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

/**
 * Fresh contexts (fresh cookies and storage) for each test, all closed after the test, even when it fails.
 * Call `closeAll` in `afterEach`.
 */
export function pages(getBrowser: () => Browser) {
  const opened: BrowserContext[] = [];
  return {
    async newPage(options: { locale?: string; width?: number } = {}): Promise<Page> {
      const context = await newContext(getBrowser(), options);
      opened.push(context);
      return watch(await context.newPage());
    },
    async closeAll(): Promise<void> {
      await Promise.all(opened.splice(0).map((c) => c.close()));
    },
  };
}

/**
 * One browser for the test file and fresh contexts for each test, closed after it even when it fails:
 * registers the beforeAll/afterEach/afterAll hooks and returns the tabs.
 */
export function browserTabs() {
  let browser: Browser | undefined;
  const tabs = pages(() => {
    if (!browser) throw new Error('the browser is not started yet');
    return browser;
  });
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterEach(() => tabs.closeAll());
  afterAll(async () => {
    await browser?.close();
  });
  return tabs;
}
