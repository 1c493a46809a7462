// Time from the README's first command to the first 200 on /api/v1/health, on a fresh clone,
// and the server's memory after start. The clone is of this repository's HEAD into a temporary folder;
// npm installs from its local cache (the registry is the only network), so this is the time a newcomer
// with a warm npm cache waits. Run: npx tsx bench/startup.ts
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, root, rssMiB, waitForHealth } from './lib.js';

export async function benchStartup(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mide-fresh-'));
  try {
    execFileSync('git', ['clone', '--quiet', root, join(dir, 'main')]);
    // The clone needs ../shared beside it only for issue data; the platform itself ships data/sources.
    const port = await freePort();
    const t0 = performance.now();
    const child = spawn('npm', ['run', 'quickstart', '--', '--port', String(port)], {
      cwd: join(dir, 'main'),
      env: { ...process.env, MIDE_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
      detached: true,
    });
    await waitForHealth(`http://127.0.0.1:${port}`, child);
    const seconds = (performance.now() - t0) / 1000;
    const lock = join(dir, 'main', 'var', 'mide.lock');
    const pid = existsSync(lock) ? (JSON.parse(readFileSync(lock, 'utf8')) as { pid: number }).pid : undefined;
    // Memory after start: once the first answer is out, let the process settle for two seconds.
    await new Promise((r) => setTimeout(r, 2000));
    const rss = pid ? rssMiB(pid) : NaN;
    const t1 = performance.now();
    const second = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
    const warmMs = performance.now() - t1;
    console.log('\nFresh clone -> first 200 on /api/v1/health (npm ci from a warm cache, build, create embedded database, migrate, seed)');
    console.log('| measure | value |');
    console.log('|---|---:|');
    console.log(`| first command to first 200 | ${seconds.toFixed(1)} s |`);
    console.log(`| server RSS after start | ${rss.toFixed(0)} MiB |`);
    console.log(`| a later /health (status ${second.status}) | ${warmMs.toFixed(1)} ms |`);
    process.kill(-child.pid!, 'SIGTERM');
    await new Promise((r) => child.once('exit', r));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchStartup();
