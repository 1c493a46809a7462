// GET /api/v1/evidence/profiles/GTM: requests per second and p99 at 50 connections for 10 s, on PGlite and on PostgreSQL,
// beside a static JSON file of the same size served by the same server (the built web app's static files) in the
// same run. Needs `npm run build` first (it serves web/dist). Run: npx tsx bench/evidence-profile.ts
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, load, onBothEngines, printLoads, root, startServer, stopServer, waitForHealth } from './lib.js';

const SECRET = 'bench-secret-bench-secret-bench-secret-000';
const STATIC_NAME = 'bench-profile-GTM.json';
const staticFile = join(root, 'web', 'dist', STATIC_NAME);

async function benchEngine(engine: 'pglite' | 'postgres', env: NodeJS.ProcessEnv) {
  const port = await freePort();
  const started = performance.now();
  const server = startServer(port, env);
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(baseUrl, server);
    const startSeconds = (performance.now() - started) / 1000;
    const first = performance.now();
    const body = await (await fetch(`${baseUrl}/api/v1/evidence/profiles/GTM`)).text();
    const buildMs = performance.now() - first;
    writeFileSync(staticFile, body);
    const staticUrl = `${baseUrl}/${STATIC_NAME}`;
    const check = await fetch(staticUrl);
    if (check.status !== 200) throw new Error(`static file not served (${check.status}): is web/dist built?`);
    await load('warm-up', `${baseUrl}/api/v1/evidence/profiles/GTM`, {}, 2);
    const stat = await load(`GET /${STATIC_NAME} (static, ${body.length} bytes)`, staticUrl);
    const profile = await load('GET /api/v1/evidence/profiles/GTM', `${baseUrl}/api/v1/evidence/profiles/GTM`);
    printLoads(
      `${engine === 'pglite' ? 'PGlite (embedded)' : 'PostgreSQL server'}: profile of Guatemala, 50 connections, 10 s each (first start incl. data load ${startSeconds.toFixed(1)} s; first build of the profile ${buildMs.toFixed(0)} ms)`,
      [stat, profile],
      stat,
    );
  } finally {
    await stopServer(server);
    rmSync(staticFile, { force: true });
  }
}

export async function benchEvidenceProfile(): Promise<void> {
  if (!existsSync(join(root, 'web', 'dist', 'index.html'))) {
    console.log('\nEvidence profile benchmark skipped: web/dist is not built (run npm run build).');
    return;
  }
  await onBothEngines('mide_bench_evidence', SECRET, benchEngine);
}

if (import.meta.url === `file://${process.argv[1]}`) await benchEvidenceProfile();
