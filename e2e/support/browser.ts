import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { TOTP, Secret } from 'otpauth';
import { TOTP_STEPS_FILE } from './fixtures.js';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Debian's Chromium, driven by playwright-core. Flags: no sandbox as root; no background network (there is none). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.MIDE_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export async function newContext(browser: Browser, options: { locale?: string; width?: number } = {}): Promise<BrowserContext> {
  return browser.newContext({
    locale: options.locale ?? 'es-GT',
    viewport: { width: options.width ?? 1280, height: 900 },
  });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core with the WCAG 2.0/2.1 A and AA rules on the page as it is now. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
}

const STEP_MS = 30_000;

/**
 * A code of the second factor the server has not taken yet. A code is good once (the server keeps the last time
 * step each account used), so this is the code of the first step after the last one this run used for the secret:
 * the current step or the next, which the server accepts for clock drift. When both are used it waits for time to
 * catch up, as a person would.
 */
export async function totpCode(base32: string): Promise<string> {
  const used = (existsSync(TOTP_STEPS_FILE) ? JSON.parse(readFileSync(TOTP_STEPS_FILE, 'utf8')) : {}) as Record<string, number>;
  const step = Math.max(Math.floor(Date.now() / STEP_MS), (used[base32] ?? -1) + 1);
  const wait = (step - 1) * STEP_MS - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait + 50));
  mkdirSync(dirname(TOTP_STEPS_FILE), { recursive: true });
  writeFileSync(TOTP_STEPS_FILE, JSON.stringify({ ...used, [base32]: step }));
  return new TOTP({ secret: Secret.fromBase32(base32), digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: step * STEP_MS });
}
