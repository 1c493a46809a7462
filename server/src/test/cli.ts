import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEST_SECRET } from './engine.js';

/**
 * Runs the compiled `mide` command as a separate process, as an operator would.
 * The CLI runs from server/dist: `npm run build -w server` first (scripts/test-all.sh builds before testing).
 */
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const MIDE_BIN = join(repoRoot, 'server', 'bin', 'mide.js');

export function assertCliBuilt(): void {
  if (!existsSync(join(repoRoot, 'server', 'dist', 'composition', 'cli.js'))) {
    throw new Error('The CLI is not built: run "npm run build -w server" before these tests.');
  }
}

/** A new empty folder under .test-tmp for one data directory (or a backup file). */
export function freshDir(prefix: string): string {
  const base = join(repoRoot, '.test-tmp');
  mkdirSync(base, { recursive: true });
  return mkdtempSync(join(base, `${prefix}-`));
}

/** The parent's environment without anything that configures mide, plus what the test gives. */
export function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k.startsWith('MIDE_') || ['DATABASE_URL', 'PORT', 'HOST', 'NODE_OPTIONS'].includes(k)) continue;
    env[k] = v;
  }
  return { ...env, MIDE_SECRET: TEST_SECRET, MIDE_LOG_LEVEL: 'warn', ...extra };
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `mide ...args` to completion; `input` is written to standard input (then closed). */
export function runCli(args: string[], options: { env?: Record<string, string>; input?: string } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MIDE_BIN, ...args], { env: cliEnv(options.env), cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** Starts a long-running `mide ...args` (serve); collects its output. */
export function startCli(args: string[], env: Record<string, string> = {}): { child: ChildProcess; output: () => string; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> } {
  const child = spawn(process.execPath, [MIDE_BIN, ...args], { env: cliEnv(env), cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString('utf8')));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, output: () => output, exited };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Polls `url` until it answers 200, the process exits, or `deadlineMs` passes. */
export async function waitForOk(url: string, exited: Promise<unknown>, deadlineMs = 60_000): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  const end = Date.now() + deadlineMs;
  while (Date.now() < end && !gone) {
    try {
      const res = await fetch(url);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(gone ? `the process exited before ${url} answered` : `${url} did not answer 200 in time`);
}
