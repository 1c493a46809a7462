import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError } from './lock.js';
import { assertCliBuilt, freePort, freshDir, runCli, startCli, waitForOk } from '../../test/cli.js';

/** The PID of a process that has exited (spawned and waited for). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

const lockOf = (dir: string) => join(dir, 'mide.lock');
const writeLock = (dir: string, owner: object) => writeFileSync(lockOf(dir), JSON.stringify(owner));

describe('acquireDataDirLock in one process', () => {
  const dirs: string[] = [];
  const dir = () => {
    const d = freshDir('lock');
    dirs.push(d);
    return d;
  };
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('writes a lock file naming this process and removes it on release', () => {
    const d = dir();
    const release = acquireDataDirLock(d, 'serve');
    const owner = JSON.parse(readFileSync(lockOf(d), 'utf8')) as { pid: number; host: string; command: string };
    expect(owner).toMatchObject({ pid: process.pid, host: hostname(), command: 'serve' });
    release();
    expect(existsSync(lockOf(d))).toBe(false);
    release(); // twice is harmless
  });

  it('refuses a second lock on the same folder, naming the PID and the command that holds it', () => {
    const d = dir();
    const release = acquireDataDirLock(d, 'serve');
    try {
      expect(() => acquireDataDirLock(d, 'migrate')).toThrow(DataDirLockedError);
      expect(() => acquireDataDirLock(d, 'migrate')).toThrow(`in use by process ${process.pid} ("mide serve"`);
      // The same folder spelt differently is the same folder.
      expect(() => acquireDataDirLock(join(d, '.', '..', d.split('/').at(-1)!), 'migrate')).toThrow(DataDirLockedError);
    } finally {
      release();
    }
    // Released: it can be taken again.
    acquireDataDirLock(d, 'migrate')();
  });

  it('takes over the stale lock of a process that died', () => {
    const d = dir();
    const pid = deadPid();
    writeLock(d, { pid, host: hostname(), command: 'serve', startedAt: '2026-01-01T00:00:00.000Z' });
    const release = acquireDataDirLock(d, 'migrate');
    expect(JSON.parse(readFileSync(lockOf(d), 'utf8'))).toMatchObject({ pid: process.pid, command: 'migrate' });
    release();
    expect(existsSync(lockOf(d))).toBe(false);
  });

  it('takes over a half-written or corrupt lock file', () => {
    const d = dir();
    writeFileSync(lockOf(d), '{"pid": 12');
    acquireDataDirLock(d, 'serve')();
    writeFileSync(lockOf(d), '');
    acquireDataDirLock(d, 'serve')();
  });

  it('takes over a lock naming its own PID that it does not hold (PID 1 in a restarted container)', () => {
    const d = dir();
    writeLock(d, { pid: process.pid, host: hostname(), command: 'serve', startedAt: '2026-01-01T00:00:00.000Z' });
    const release = acquireDataDirLock(d, 'serve');
    try {
      // Now it does hold it: a second acquisition is refused.
      expect(() => acquireDataDirLock(d, 'migrate')).toThrow(DataDirLockedError);
    } finally {
      release();
    }
  });

  it('refuses a lock held on another machine (a shared folder) and says how to clear it', () => {
    const d = dir();
    writeLock(d, { pid: process.pid, host: `not-${hostname()}`, command: 'serve', startedAt: '2026-01-01T00:00:00.000Z' });
    expect(() => acquireDataDirLock(d, 'migrate')).toThrow(/another machine[\s\S]*delete .*mide\.lock/);
    expect(existsSync(lockOf(d))).toBe(true);
  });

  it('refuses the lock of a live process', () => {
    const d = dir();
    // PID 1 always exists (init); it is not this process.
    writeLock(d, { pid: 1, host: hostname(), command: 'serve', startedAt: '2026-01-01T00:00:00.000Z' });
    expect(() => acquireDataDirLock(d, 'migrate')).toThrow('in use by process 1');
  });
});

describe('two processes on one data folder', () => {
  let dataDir: string;
  beforeAll(() => {
    assertCliBuilt();
    dataDir = freshDir('lock-serve');
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('stops a second process with a clear message while the server runs, and lets it in after a graceful stop', { timeout: 300_000 }, async () => {
    const port = await freePort();
    const server = startCli(['serve', '--port', String(port), '--data-dir', dataDir]);
    try {
      // The first start migrates and seeds the folder: allow it time (no assertion on how long).
      await waitForOk(`http://127.0.0.1:${port}/api/v1/health`, server.exited, 240_000);
      expect(existsSync(lockOf(dataDir))).toBe(true);

      const second = await runCli(['migrate', '--data-dir', dataDir]);
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(`in use by process ${server.child.pid}`);
      expect(second.stderr).toContain('mide serve');
      expect(second.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace

      server.child.kill('SIGTERM');
      const exit = await server.exited;
      expect(exit, server.output()).toEqual({ code: 0, signal: null });
      expect(existsSync(lockOf(dataDir))).toBe(false);
    } finally {
      if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
    }

    const after = await runCli(['migrate', '--data-dir', dataDir]);
    expect(after.stderr).toBe('');
    expect(after.code).toBe(0);
    expect(after.stdout).toContain('Database is up to date.');
    expect(existsSync(lockOf(dataDir))).toBe(false);
  });
});
