// The public calculator page (/remittances/send) on a slow phone: Chromium with the network throttled to 1.6 Mbps
// down / 750 kbps up with 150 ms RTT and the CPU slowed 4x, cold cache, 360x740. Prints the JavaScript the page loads
// (bytes on the wire, and gzipped from the build output), when the corridor's average shows, and the largest
// contentful paint. Needs `npm run build` first and Debian's /usr/bin/chromium.
// Run: npx tsx bench/remittances-calculator-lcp.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { freePort, startServer, stopServer, waitForHealth } from './lib.js';
import { assetName, CHROMIUM_ARGS, collectLoaded, gzipOf, isJs, kb, median, observePaints, readPaints, SLOW_PHONE, throttle, type Loaded } from './slow-phone.js';

const SECRET = 'bench-secret-bench-secret-bench-secret-000';
const PAGE = '/remittances/send?from=USA&to=MEX&amount=200&monthly=300';
const RUNS = 3;

interface Run {
  lcpMs: number;
  lcpElement: string;
  averageMs: number;
  loadMs: number;
  loaded: Loaded[];
}

async function oneRun(browser: Browser, baseUrl: string): Promise<Run> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 1, locale: 'es' });
  await observePaints(context, '.rc-figure__value');
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await throttle(cdp);
  let start = 0;
  const loaded = collectLoaded(cdp, () => start);
  start = Date.now();
  await page.goto(baseUrl + PAGE, { waitUntil: 'load' });
  await page.waitForSelector('.rc-figure__value', { timeout: 120_000 });
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(500);
  const loadMs = Date.now() - start;
  const { lcp, readyMs } = await readPaints(page);
  await context.close();
  return { lcpMs: lcp.time, lcpElement: lcp.element, averageMs: readyMs, loadMs, loaded };
}

export async function benchRemittancesCalculatorPage(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mide-bench-rc-page-'));
  const port = await freePort();
  const server = startServer(port, { MIDE_DATA_DIR: dataDir, MIDE_SECRET: SECRET });
  const baseUrl = `http://127.0.0.1:${port}`;
  let browser: Browser | null = null;
  try {
    await waitForHealth(baseUrl, server, 900_000);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    const runs: Run[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await oneRun(browser, baseUrl));

    const r = runs[0] as Run;
    console.log(`\nRemittances: calculator ${PAGE}, Chromium, ${SLOW_PHONE}, 360x740`);
    console.log('| file | wire KiB (as served) | gzip KiB (build output) |');
    console.log('|---|---:|---:|');
    let wire = 0;
    let gz = 0;
    for (const l of r.loaded.filter(isJs)) {
      wire += l.wireBytes;
      gz += gzipOf(l.url);
      console.log(`| ${assetName(l.url)} | ${kb(l.wireBytes)} | ${kb(gzipOf(l.url))} |`);
    }
    console.log(`| **JavaScript total** | **${kb(wire)}** | **${kb(gz)}** |`);
    for (const l of r.loaded.filter((x) => !isJs(x))) console.log(`| ${assetName(l.url)} (${l.type}) | ${kb(l.wireBytes)} | ${l.url.includes('/assets/') ? kb(gzipOf(l.url)) : '–'} |`);
    console.log('\n| run | corridor average shown ms | LCP ms | LCP element | load + idle ms |');
    console.log('|---|---:|---:|---|---:|');
    runs.forEach((x, i) => console.log(`| ${i + 1} | ${x.averageMs.toFixed(0)} | ${x.lcpMs.toFixed(0)} | ${x.lcpElement} | ${x.loadMs} |`));
    console.log(`| median | ${median(runs.map((x) => x.averageMs)).toFixed(0)} | ${median(runs.map((x) => x.lcpMs)).toFixed(0)} | | ${median(runs.map((x) => x.loadMs))} |`);
  } finally {
    await browser?.close();
    await stopServer(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchRemittancesCalculatorPage();
