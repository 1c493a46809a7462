// Issue 20: audited reads of personal data per second with 1, 2 and 4 `mide serve` processes on one PostgreSQL
// server, beside GET /api/v1/health with the same processes. Each audited read (GET /api/v1/persons/:id) appends an
// audit entry in its own transaction with no lock; one elected sealer per database links them. The load is spread
// evenly over the processes (one autocannon per process, the connections split between them). A last line prints
// how long the sealer took to link everything written. Needs `npm run build` first.
// Run: npx tsx bench/audit-scaling.ts
// Before/after: MIDE_BENCH_APP=/path/to/another/checkout (built, with node_modules) runs that build's `mide` instead,
// e.g. the commit before the lock-free audit (its `audit verify` line then reports the old hash chain).
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort, root, stopServer, waitForHealth } from './lib.js';

const PASSWORD = 'banco de pruebas con contraseña larga';
const SECRET = 'bench-secret-bench-secret-bench-secret-000';
const CONNECTIONS = 20;
const SECONDS = Number(process.env.MIDE_BENCH_SECONDS ?? 10);
const PROCESSES = [1, 2, 4];
const APP = process.env.MIDE_BENCH_APP ? `${process.env.MIDE_BENCH_APP.replace(/\/$/, '')}/` : root;
const MIDE = `${APP}server/bin/mide.js`;

function cli(args: string[], env: NodeJS.ProcessEnv, input?: string): string {
  return execFileSync(process.execPath, [MIDE, ...args], { env: { ...process.env, ...env }, input, encoding: 'utf8' });
}

function startServer(port: number, env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [MIDE, 'serve', '--port', String(port)], { env: { ...process.env, MIDE_LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
}

interface Spread {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

/** One autocannon per process, run together; requests per second summed, latencies of the slowest process. */
async function spread(urls: string[], headers: Record<string, string>): Promise<Spread> {
  const per = Math.max(1, Math.round(CONNECTIONS / urls.length));
  const results = await Promise.all(urls.map((url) => autocannon({ url, connections: per, duration: SECONDS, headers })));
  return {
    requestsPerSecond: results.reduce((n, r) => n + r.requests.average, 0),
    p50: Math.max(...results.map((r) => r.latency.p50)),
    p99: Math.max(...results.map((r) => r.latency.p99)),
    non2xx: results.reduce((n, r) => n + r.non2xx, 0),
    errors: results.reduce((n, r) => n + r.errors, 0),
  };
}

async function json(url: string, init: RequestInit = {}) {
  const res = await fetch(url, init);
  if (res.status >= 300) throw new Error(`${init.method ?? 'GET'} ${url}: ${res.status} ${await res.text()}`);
  return { body: (await res.json()) as Record<string, unknown>, res };
}

export async function benchAuditScaling(): Promise<void> {
  const pgDir = mkdtempSync(join(tmpdir(), 'mide-bench-pg-'));
  const pgPort = await freePort();
  const adminUrl = execFileSync('bash', [`${root}scripts/pg-test-server.sh`, 'start', pgDir, String(pgPort)], { encoding: 'utf8' }).trim();
  try {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query('CREATE DATABASE mide_bench_audit');
    const env = { DATABASE_URL: adminUrl.replace(/\/postgres$/, '/mide_bench_audit'), MIDE_SECRET: SECRET };
    cli(['migrate'], env);
    const email = 'caseworker@bench.mide.test';
    cli(['users', 'create', '--email', email, '--role', 'case_worker', '--scope', 'GTM'], env, `${PASSWORD}\n`);

    // Sign in and create the person once, through a first process.
    const firstPort = await freePort();
    const first = startServer(firstPort, env);
    const base = `http://127.0.0.1:${firstPort}`;
    let cookie: string;
    let personId: string;
    try {
      await waitForHealth(base, first);
      const login = await json(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
      cookie = login.res.headers.get('set-cookie')!.split(';')[0]!;
      const csrf = String(login.body.csrf_token);
      const person = await json(`${base}/api/v1/persons`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
        body: JSON.stringify({ given_name: 'Ana', family_name: 'Banco', org_unit_code: 'GTM' }),
      });
      personId = String(person.body.id);
    } finally {
      await stopServer(first);
    }

    if (APP !== root) console.log(`\n(build under test: ${APP})`);
    console.log(`\nAudited reads on one PostgreSQL server: GET /api/v1/persons/:id (one audit entry each), ${CONNECTIONS} connections spread over the processes, ${SECONDS} s each`);
    console.log('| processes | /health req/s | /health p99 ms | audited read req/s | p50 ms | p99 ms | non-2xx | reads vs health |');
    console.log('|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const n of PROCESSES) {
      const ports = await Promise.all(Array.from({ length: n }, () => freePort()));
      const servers = ports.map((port) => startServer(port, env));
      try {
        await Promise.all(ports.map((port, i) => waitForHealth(`http://127.0.0.1:${port}`, servers[i]!)));
        const reads = ports.map((port) => `http://127.0.0.1:${port}/api/v1/persons/${personId}`);
        await spread(reads, { cookie }); // warm-up (caches, pools, the sealer's first pass)
        const health = await spread(
          ports.map((port) => `http://127.0.0.1:${port}/api/v1/health`),
          {},
        );
        const read = await spread(reads, { cookie });
        console.log(
          `| ${n} | ${health.requestsPerSecond.toFixed(0)} | ${health.p99.toFixed(1)} | ${read.requestsPerSecond.toFixed(0)} | ${read.p50.toFixed(1)} | ${read.p99.toFixed(1)} | ${read.non2xx + read.errors} | ${(read.requestsPerSecond / health.requestsPerSecond).toFixed(2)} |`,
        );
      } finally {
        const started = performance.now();
        await Promise.all(servers.map((s) => stopServer(s)));
        if (n === PROCESSES.at(-1)) console.log(`(stopping ${n} processes, the sealer linking what was pending: ${(performance.now() - started).toFixed(0)} ms)`);
      }
    }
    await admin.end();
    const bench = new pg.Client({ connectionString: env.DATABASE_URL });
    await bench.connect();
    const { rows } = await bench.query<{ entries: string; sealed: string }>(
      // (an older build has no audit_seals: its entries carry their own hash)
      `SELECT (SELECT count(*) FROM audit_log) AS entries, ${APP === root ? '(SELECT count(*) FROM audit_seals)' : "'-'"} AS sealed`,
    );
    await bench.end();
    console.log(`audit entries written: ${rows[0]!.entries}, sealed: ${rows[0]!.sealed}`);
    const verify = cli(['audit', 'verify'], env);
    console.log(verify.trim().split('\n').filter((l) => !l.startsWith('Warning')).join('\n'));
  } finally {
    execFileSync('bash', [`${root}scripts/pg-test-server.sh`, 'stop', pgDir]);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchAuditScaling();
