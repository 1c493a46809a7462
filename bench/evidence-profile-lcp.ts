// The country profile on a slow phone: Chromium with the network throttled to 1.6 Mbps down / 750 kbps up with
// 150 ms RTT and the CPU slowed 4x. Prints the JavaScript the page loads (bytes on the wire, and gzipped from the
// build output), the time until the headline figures show, the largest contentful paint, and what the charts and
// the map cost once scrolled to. Needs `npm run build` first and Debian's /usr/bin/chromium.
// Run: npx tsx bench/evidence-profile-lcp.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { freePort, startServer, stopServer, waitForHealth } from './lib.js';
import { assetName, CHROMIUM_ARGS, collectLoaded, gzipOf, isJs, kb, median, observePaints, readPaints, SLOW_PHONE, throttle, type Loaded } from './slow-phone.js';

const SECRET = 'bench-secret-bench-secret-bench-secret-000';
const PROFILE = '/evidence/profiles/GTM';
const RUNS = 3;

interface Run {
  lcpMs: number;
  lcpElement: string;
  figuresMs: number;
  loadMs: number;
  initial: Loaded[];
  lazy: Loaded[];
  mapDrawnMs: number | null;
}

async function oneRun(browser: Browser, baseUrl: string): Promise<Run> {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1 });
  await observePaints(context, '.ev-figure__value');
  const page: Page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await throttle(cdp);
  let start = 0;
  const loaded = collectLoaded(cdp, () => start);
  start = Date.now();
  await page.goto(baseUrl + PROFILE, { waitUntil: 'load' });
  await page.waitForSelector('.ev-figure__value', { timeout: 120_000 });
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(500);
  const loadMs = Date.now() - start;
  // LCP is final once the user interacts; read it before scrolling.
  const { lcp, readyMs: figures } = await readPaints(page);
  const initialCount = loaded.length;

  // Scroll through the page: charts and the map load as they come near the viewport.
  const scrollStart = Date.now();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 0; y <= height; y += 700) {
    await page.evaluate((yy) => window.scrollTo(0, yy), y);
    await page.waitForTimeout(200);
  }
  let mapDrawnMs: number | null = null;
  try {
    await page.waitForFunction(() => document.querySelectorAll('.ev-map svg path').length > 100, undefined, { timeout: 120_000 });
    mapDrawnMs = Date.now() - scrollStart;
  } catch {
    mapDrawnMs = null;
  }
  await page.waitForLoadState('networkidle');
  await context.close();
  return {
    lcpMs: lcp.time,
    lcpElement: lcp.element,
    figuresMs: figures,
    loadMs,
    initial: loaded.slice(0, initialCount),
    lazy: loaded.slice(initialCount),
    mapDrawnMs,
  };
}

export async function benchEvidenceProfilePage(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mide-bench-ev-'));
  const port = await freePort();
  const server = startServer(port, { MIDE_DATA_DIR: dataDir, MIDE_SECRET: SECRET });
  const baseUrl = `http://127.0.0.1:${port}`;
  let browser: Browser | null = null;
  try {
    // The first start loads the bundled data; the profile is then built once and cached.
    await waitForHealth(baseUrl, server, 900_000);
    for (const lang of ['es', 'en']) await fetch(`${baseUrl}/api/v1/evidence/profiles/GTM`, { headers: { 'accept-language': lang } });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    const runs: Run[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await oneRun(browser, baseUrl));

    const r = runs[0] as Run;
    console.log(`\nEvidence: country profile ${PROFILE}, Chromium, ${SLOW_PHONE}, 412x823`);
    console.log('| files loaded before LCP settles | wire KiB (as served) | gzip KiB (build output) |');
    console.log('|---|---:|---:|');
    const rows = (list: Loaded[]) => {
      let wire = 0;
      let gz = 0;
      for (const l of list.filter(isJs)) {
        wire += l.wireBytes;
        gz += gzipOf(l.url);
        console.log(`| ${assetName(l.url)} | ${kb(l.wireBytes)} | ${kb(gzipOf(l.url))} |`);
      }
      console.log(`| **JavaScript total** | **${kb(wire)}** | **${kb(gz)}** |`);
      const other = list.filter((l) => !isJs(l));
      for (const l of other) console.log(`| ${assetName(l.url)} (${l.type}) | ${kb(l.wireBytes)} | ${l.url.includes('/assets/') ? kb(gzipOf(l.url)) : '–'} |`);
    };
    rows(r.initial);
    console.log('\n| loaded after scrolling (charts, map) | wire KiB | gzip KiB |');
    console.log('|---|---:|---:|');
    rows(r.lazy);
    console.log(`\n| run | headline figures shown ms | LCP ms | LCP element | load + idle ms | map drawn after scroll ms |`);
    console.log('|---|---:|---:|---|---:|---:|');
    runs.forEach((x, i) => console.log(`| ${i + 1} | ${x.figuresMs.toFixed(0)} | ${x.lcpMs.toFixed(0)} | ${x.lcpElement} | ${x.loadMs} | ${x.mapDrawnMs ?? 'not drawn'} |`));
    console.log(`| median | ${median(runs.map((x) => x.figuresMs)).toFixed(0)} | ${median(runs.map((x) => x.lcpMs)).toFixed(0)} | | ${median(runs.map((x) => x.loadMs))} | |`);
  } finally {
    await browser?.close();
    await stopServer(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchEvidenceProfilePage();
