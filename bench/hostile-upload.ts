// /health while hostile workbooks are previewed (issue 12, finding 3): the real server (server/dist), an analyst
// signed in, GET /api/v1/health at 10 connections for 5 s idle, then for 5 s while four loops post
// POST /api/v1/evidence/imports/preview one after another: a 300 MB shared string (its size declared, and under a lying
// size), a 2 GiB zip bomb under a lying size, and a legitimate 50,000-row workbook. Prints p50/p99 of both runs and their ratio, the answers of the loops, and the
// server's RSS before and after. The hostile files are made in memory (server/src/test/hostile-files.ts).
// Needs `npm run build` first. Run: npx tsx bench/hostile-upload.ts
import { cli, freePort, load, onBothEngines, rssMiB, startServer, stopServer, waitForHealth, type EngineName } from './lib.js';
import { sharedStringBomb, xlsxOf, zipBomb } from '../server/src/test/hostile-files.js';

const PASSWORD = 'banco de pruebas con contraseña larga';
const SECRET = 'bench-secret-bench-secret-bench-secret-000';
const SECONDS = 5;
const CONNECTIONS = 10;

async function signIn(baseUrl: string, email: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
  if (res.status !== 200) throw new Error(`login ${res.status}: ${await res.text()}`);
  const body = (await res.json()) as { csrf_token: string };
  return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: body.csrf_token };
}

function legitimateWorkbook(rows: number): Buffer {
  const table: (string | number)[][] = [['Departamento', 'Mes', 'Monto (US$)']];
  for (let i = 0; i < rows; i++) table.push([`GT${String((i % 22) + 1).padStart(2, '0')}`, `2024-${String((i % 12) + 1).padStart(2, '0')}`, (i * 37.5) % 100_000]);
  return xlsxOf(table);
}

async function benchEngine(engine: EngineName, env: NodeJS.ProcessEnv) {
  const email = `analyst.${engine}@bench.mide.test`;
  cli(['users', 'create', '--email', email, '--role', 'analyst', '--scope', 'GTM'], env, `${PASSWORD}\n`);
  const files = [
    { label: '300 MB shared string (declared)', body: sharedStringBomb(300, false).toString('base64') },
    { label: '300 MB shared string (lying size)', body: sharedStringBomb(300, true).toString('base64') },
    { label: '2 GiB zip bomb', body: zipBomb(2, true).toString('base64') },
    { label: '50,000-row workbook', body: legitimateWorkbook(50_000).toString('base64') },
  ];
  const port = await freePort();
  const server = startServer(port, env);
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(baseUrl, server);
    const { cookie, csrf } = await signIn(baseUrl, email);
    await load('warm-up', `${baseUrl}/api/v1/health`, {}, 1, CONNECTIONS);
    const rssBefore = rssMiB(server.pid!);
    const idle = await load('GET /api/v1/health, idle', `${baseUrl}/api/v1/health`, {}, SECONDS, CONNECTIONS);

    let peak = rssBefore;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMiB(server.pid!))), 100);
    let running = true;
    const answers = new Map<string, { count: number; statuses: Map<number, number>; ms: number }>();
    const loops = files.map(async (f) => {
      const tally = { count: 0, statuses: new Map<number, number>(), ms: 0 };
      answers.set(f.label, tally);
      const payload = JSON.stringify({ file_name: 'upload.xlsx', content_base64: f.body });
      while (running) {
        const t0 = performance.now();
        const res = await fetch(`${baseUrl}/api/v1/evidence/imports/preview`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf }, body: payload });
        await res.arrayBuffer();
        tally.ms += performance.now() - t0;
        tally.count++;
        tally.statuses.set(res.status, (tally.statuses.get(res.status) ?? 0) + 1);
      }
    });
    await new Promise((r) => setTimeout(r, 300)); // the first uploads are in the workers
    const busy = await load('GET /api/v1/health, during hostile previews', `${baseUrl}/api/v1/health`, {}, SECONDS, CONNECTIONS);
    running = false;
    await Promise.all(loops);
    clearInterval(sampler);
    const rssAfter = rssMiB(server.pid!);

    console.log(`\nHostile uploads, ${engine === 'pglite' ? 'PGlite (embedded)' : 'PostgreSQL server'}: /health at ${CONNECTIONS} connections for ${SECONDS} s each`);
    console.log('| run | req/s | p50 ms | p99 ms | errors | non-2xx |');
    console.log('|---|---:|---:|---:|---:|---:|');
    for (const r of [idle, busy]) console.log(`| ${r.label} | ${r.requestsPerSecond.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.errors} | ${r.non2xx} |`);
    console.log(`p99 during / idle: ${(busy.p99 / Math.max(idle.p99, 1)).toFixed(1)}x; p50 during / idle: ${(busy.p50 / Math.max(idle.p50, 1)).toFixed(1)}x`);
    console.log('| upload (POST /api/v1/evidence/imports/preview, in a loop) | answers | statuses | mean ms |');
    console.log('|---|---:|---|---:|');
    for (const [label, t] of answers) console.log(`| ${label} | ${t.count} | ${[...t.statuses].map(([s, n]) => `${s}×${n}`).join(', ')} | ${(t.ms / Math.max(t.count, 1)).toFixed(0)} |`);
    console.log(`Server RSS (the process, its reading workers included): ${rssBefore.toFixed(0)} MiB before, ${peak.toFixed(0)} MiB at most during, ${rssAfter.toFixed(0)} MiB after`);
  } finally {
    await stopServer(server);
  }
}

export async function benchHostileUpload(): Promise<void> {
  await onBothEngines('mide_bench_hostile', SECRET, benchEngine);
}

if (import.meta.url === `file://${process.argv[1]}`) await benchHostileUpload();
