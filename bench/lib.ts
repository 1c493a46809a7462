import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createServer } from 'node:net';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

export const root = fileURLToPath(new URL('../', import.meta.url));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export async function waitForHealth(baseUrl: string, child: ChildProcess, timeoutMs = 600_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${baseUrl}/api/v1/health`);
      if (res.status === 200) return;
    } catch {
      // not yet listening
    }
    if (Date.now() > deadline) throw new Error('no 200 from /api/v1/health in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

export function cli(args: string[], env: NodeJS.ProcessEnv, input?: string): string {
  return execFileSync(process.execPath, [`${root}server/bin/mide.js`, ...args], { env: { ...process.env, ...env }, input, encoding: 'utf8' });
}

export function startServer(port: number, env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [`${root}server/bin/mide.js`, 'serve', '--port', String(port)], {
    env: { ...process.env, MIDE_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

export interface Load {
  label: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/** 50 connections for `seconds`, as the issue asks. */
export async function load(label: string, url: string, headers: Record<string, string> = {}, seconds = 10, connections = 50): Promise<Load> {
  const result = await autocannon({ url, connections, duration: seconds, headers });
  return {
    label,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

export function printLoads(title: string, rows: Load[], baseline: Load) {
  console.log(`\n${title}`);
  console.log('| request | req/s | p50 ms | p99 ms | errors | non-2xx | req/s vs baseline |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(
      `| ${r.label} | ${r.requestsPerSecond.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.errors} | ${r.non2xx} | ${(r.requestsPerSecond / baseline.requestsPerSecond).toFixed(2)} |`,
    );
  }
}

export type EngineName = 'pglite' | 'postgres';

/** `MIDE_BENCH_ENGINES=postgres` (or `pglite`) runs one engine only, for trying a change quickly; both by default. */
function benchEngines(): EngineName[] {
  const asked = (process.env.MIDE_BENCH_ENGINES ?? 'pglite,postgres').split(',').map((e) => e.trim());
  const unknown = asked.filter((e) => e !== 'pglite' && e !== 'postgres');
  if (unknown.length) throw new Error(`MIDE_BENCH_ENGINES: unknown engine ${unknown.join(', ')} (pglite, postgres)`);
  return asked as EngineName[];
}

/**
 * Runs `bench` once on a fresh embedded database and once on a fresh database of a PostgreSQL server started
 * for the occasion (scripts/pg-test-server.sh), passing the environment that points the server at each.
 */
export async function onBothEngines(
  database: string,
  secret: string,
  bench: (engine: EngineName, env: NodeJS.ProcessEnv) => Promise<void>,
): Promise<void> {
  const engines = benchEngines();
  if (engines.includes('pglite')) await onPglite(secret, bench);
  if (engines.includes('postgres')) await onPostgres(database, secret, bench);
}

async function onPglite(secret: string, bench: (engine: EngineName, env: NodeJS.ProcessEnv) => Promise<void>) {
  const dataDir = mkdtempSync(join(tmpdir(), 'mide-bench-'));
  try {
    await bench('pglite', { MIDE_DATA_DIR: dataDir, MIDE_SECRET: secret });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function onPostgres(database: string, secret: string, bench: (engine: EngineName, env: NodeJS.ProcessEnv) => Promise<void>) {
  const pgDir = mkdtempSync(join(tmpdir(), 'mide-bench-pg-'));
  const port = await freePort();
  const adminUrl = execFileSync('bash', [`${root}scripts/pg-test-server.sh`, 'start', pgDir, String(port)], { encoding: 'utf8' }).trim();
  try {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
    await bench('postgres', { DATABASE_URL: adminUrl.replace(/\/postgres$/, `/${database}`), MIDE_SECRET: secret });
  } finally {
    execFileSync('bash', [`${root}scripts/pg-test-server.sh`, 'stop', pgDir]);
  }
}
