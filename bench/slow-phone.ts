// What the page benchmarks share: a slow phone in Chromium (network throttled to 1.6 Mbps down / 750 kbps up with
// 150 ms RTT, CPU 4x slower, cold cache), the list of what a page loads, and its largest contentful paint.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { root } from './lib.js';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const SLOW_PHONE = '1.6 Mbps / 750 kbps, 150 ms RTT, CPU 4x slower, cold cache';

export interface Loaded {
  url: string;
  type: string;
  wireBytes: number;
  atMs: number;
}

const gzipCache = new Map<string, number>();
/** Gzipped size of a built asset (level 9), from `web/dist`: what the page costs whatever the server sends. */
export function gzipOf(url: string): number {
  const path = new URL(url).pathname;
  let n = gzipCache.get(path);
  if (n === undefined) {
    try {
      n = gzipSync(readFileSync(join(root, 'web', 'dist', path)), { level: 9 }).length;
    } catch {
      n = 0;
    }
    gzipCache.set(path, n);
  }
  return n;
}

export async function throttle(cdp: CDPSession): Promise<void> {
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
}

/** Every response the page finishes loading, with its size on the wire and when (ms after `t0()`). */
export function collectLoaded(cdp: CDPSession, t0: () => number): Loaded[] {
  const types = new Map<string, { url: string; type: string }>();
  const loaded: Loaded[] = [];
  cdp.on('Network.responseReceived', (e) => types.set(e.requestId, { url: e.response.url, type: e.type }));
  cdp.on('Network.loadingFinished', (e) => {
    const r = types.get(e.requestId);
    if (r) loaded.push({ ...r, wireBytes: e.encodedDataLength, atMs: Date.now() - t0() });
  });
  return loaded;
}

/**
 * Records, in every page of the context, the largest contentful paint (time and element) and when an element
 * matching `readySelector` (the figure the user came for) first appears. Read them with `readPaints`.
 */
export async function observePaints(context: BrowserContext, readySelector: string): Promise<void> {
  await context.addInitScript((selector: string) => {
    const w = window as unknown as { __lcp: { time: number; element: string }; __ready: number };
    w.__lcp = { time: 0, element: '' };
    w.__ready = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEntry & { element?: Element | null })[]) {
        const el = e.element;
        w.__lcp = { time: e.startTime, element: el ? `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ')[0]}` : ''}` : '' };
      }
    }).observe({ type: 'largest-contentful-paint', buffered: true });
    const mo = new MutationObserver(() => {
      if (!w.__ready && document.querySelector(selector)) {
        w.__ready = performance.now();
        mo.disconnect();
      }
    });
    document.addEventListener('DOMContentLoaded', () => mo.observe(document.body, { childList: true, subtree: true }));
  }, readySelector);
}

/** LCP is final once the user interacts: read it before scrolling or clicking. */
export function readPaints(page: Page): Promise<{ lcp: { time: number; element: string }; readyMs: number }> {
  return page.evaluate(() => {
    const w = window as unknown as { __lcp: { time: number; element: string }; __ready: number };
    return { lcp: w.__lcp, readyMs: w.__ready };
  });
}

export const kb = (n: number) => (n / 1024).toFixed(1);
export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
export const isJs = (l: Loaded) => l.type === 'Script' || l.url.endsWith('.js');
export const assetName = (url: string) => new URL(url).pathname.replace(/^\/assets\//, '');
