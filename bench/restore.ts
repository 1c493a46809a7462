// Backup and restore of the round-trip database (every table holds rows: server/src/test/fixtures.ts fillEveryTable)
// plus the bundled public data (about 460,000 rows), on PGlite (data folders) and on PostgreSQL. `mide backup` and
// `mide restore` run as the operator runs them, as child processes; their peak memory is the kernel's RSS high-water
// mark of that process (VmHWM, sampled until it exits). On PGlite the database engine runs inside that process, so
// its memory is counted; on PostgreSQL the server's is not. The restore's time includes starting the process and
// migrating the empty target; beside it, the same command refused by the restored database shows what starting and
// opening cost alone. Needs `npm run build -w server` first (the CLI runs from server/dist).
// Run: npx tsx bench/restore.ts
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '../server/src/core/config.js';
import { openMide } from '../server/src/composition/index.js';
import { fillEveryTable } from '../server/src/test/fixtures.js';
import { onBothEngines, root, type EngineName } from './lib.js';

const SECRET = 'bench-secret-bench-secret-bench-secret-000';

interface Run {
  seconds: number;
  peakMiB: number;
  stdout: string;
}

/** Runs `mide ...args`, sampling the child's RSS high-water mark every 20 ms. */
function mide(args: string[], env: NodeJS.ProcessEnv, expectedCode = 0): Promise<Run> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [`${root}server/bin/mide.js`, ...args], { env: { ...process.env, MIDE_LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', expectedCode === 0 ? 'inherit' : 'pipe'] });
    let stdout = '';
    let peakKb = 0;
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr?.resume();
    const timer = setInterval(() => {
      try {
        const hwm = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0);
        peakKb = Math.max(peakKb, hwm);
      } catch {
        // exited between two samples
      }
    }, 20);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(timer);
      if (code !== expectedCode) reject(new Error(`mide ${args[0]} exited with ${code}: ${stdout}`));
      else resolve({ seconds: (performance.now() - t0) / 1000, peakMiB: peakKb / 1024, stdout });
    });
  });
}

interface Row {
  engine: EngineName;
  rows: number;
  tables: number;
  fileMiB: number;
  backup: Run;
  restore: Run;
  /** The same restore refused by the restored (no longer empty) database: starting, opening and checking only. */
  refused: Run;
}

async function benchOne(engine: EngineName, env: NodeJS.ProcessEnv): Promise<Row> {
  // The source: migrated, seeded with the bundled data, then one of everything in every table.
  const config = loadConfig(env);
  const ctx = await openMide(config, { command: 'bench' });
  await fillEveryTable(ctx);
  await ctx.database.close();

  const work = mkdtempSync(join(tmpdir(), 'mide-bench-restore-'));
  try {
    const file = join(work, 'bench.mide.gz');
    const backup = await mide(['backup', '--out', file], env);
    let targetEnv: NodeJS.ProcessEnv;
    let dropTarget = async () => undefined as void;
    if (engine === 'pglite') {
      targetEnv = { ...env, MIDE_DATA_DIR: join(work, 'target') };
    } else {
      const admin = env.DATABASE_URL!.replace(/\/[^/]+$/, '/postgres');
      const client = new pg.Client({ connectionString: admin });
      await client.connect();
      await client.query('CREATE DATABASE mide_bench_restore_target');
      await client.end();
      targetEnv = { ...env, DATABASE_URL: env.DATABASE_URL!.replace(/\/[^/]+$/, '/mide_bench_restore_target') };
      dropTarget = async () => {
        const c = new pg.Client({ connectionString: admin });
        await c.connect();
        await c.query('DROP DATABASE IF EXISTS mide_bench_restore_target WITH (FORCE)');
        await c.end();
      };
    }
    try {
      const restore = await mide(['restore', '--in', file], targetEnv);
      const [, rows, tables] = /Restored (\d+) rows into (\d+) tables/.exec(restore.stdout) ?? [];
      const refused = await mide(['restore', '--in', file], targetEnv, 1);
      return { engine, rows: Number(rows), tables: Number(tables), fileMiB: statSync(file).size / 2 ** 20, backup, restore, refused };
    } finally {
      await dropTarget();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export async function benchRestore(): Promise<void> {
  const rows: Row[] = [];
  await onBothEngines('mide_bench_restore', SECRET, async (engine, env) => {
    rows.push(await benchOne(engine, env));
  });
  console.log('\nBackup and restore of the round-trip database (every table) plus the bundled public data, `mide backup` / `mide restore` as child processes');
  console.log('| engine | rows | tables | file MiB | backup s | backup peak RSS MiB | restore s | restore rows/s | restore peak RSS MiB | refused restore (start, open, check): s, peak RSS MiB |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(
      `| ${r.engine} | ${r.rows} | ${r.tables} | ${r.fileMiB.toFixed(1)} | ${r.backup.seconds.toFixed(1)} | ${r.backup.peakMiB.toFixed(0)} | ${r.restore.seconds.toFixed(1)} | ${(r.rows / r.restore.seconds).toFixed(0)} | ${r.restore.peakMiB.toFixed(0)} | ${r.refused.seconds.toFixed(1)}, ${r.refused.peakMiB.toFixed(0)} |`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchRestore();
