// The public cost calculator's API: requests per second and p99 of POST /api/v1/remittances/cost at 50 connections
// for 10 s, beside GET /api/v1/health in the same run (the baseline), and the corridor read the public page makes
// first (GET /api/v1/remittances/corridors/USA-MEX). Embedded engine (PGlite), fresh data folder: the first start
// loads the bundled data. Needs `npm run build` first.
// Run: npx tsx bench/remittances-cost.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { freePort, load, printLoads, startServer, stopServer, waitForHealth, type Load } from './lib.js';

const SECRET = 'bench-secret-bench-secret-bench-secret-000';
const BODY = JSON.stringify({ amount: 200, fee: 5, consumer_rate: 17.1, interbank_rate: 17.5 });

/** `load` for a JSON POST (lib.ts's `load` sends GETs). */
async function loadPost(label: string, url: string, body: string, seconds = 10, connections = 50): Promise<Load> {
  const result = await autocannon({ url, method: 'POST', body, headers: { 'content-type': 'application/json' }, connections, duration: seconds });
  return { label, requestsPerSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx };
}

export async function benchRemittancesCost(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mide-bench-rc-'));
  const port = await freePort();
  const server = startServer(port, { MIDE_DATA_DIR: dataDir, MIDE_SECRET: SECRET });
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(baseUrl, server, 900_000);
    const check = await fetch(`${baseUrl}/api/v1/remittances/cost`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: BODY });
    if (check.status !== 200) throw new Error(`POST /remittances/cost answered ${check.status}: ${await check.text()}`);
    await loadPost('warm-up', `${baseUrl}/api/v1/remittances/cost`, BODY, 2);
    const health = await load('GET /api/v1/health (baseline)', `${baseUrl}/api/v1/health`);
    const cost = await loadPost('POST /api/v1/remittances/cost (calculator)', `${baseUrl}/api/v1/remittances/cost`, BODY);
    const corridor = await load('GET /api/v1/remittances/corridors/USA-MEX', `${baseUrl}/api/v1/remittances/corridors/USA-MEX`);
    printLoads('Remittances: the public calculator API, PGlite (embedded), 50 connections, 10 s each', [health, cost, corridor], health);
  } finally {
    await stopServer(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchRemittancesCost();
