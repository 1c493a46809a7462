import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CodeListError, CodeListOptions, CodeListRow, KnownCode } from '../geo/codelist.js';
import { DEFAULT_FILE_LIMITS, mib, type FileLimits } from './limits.js';
import { looksLikeXlsx } from './decode.js';
import { TableError, type ReadOptions, type Table, type TableErrorKey } from './table.js';
import { ZipError, ZipReader } from './zip.js';

/**
 * Uploads are read off the request thread: a pool of worker threads (two at most, shared by every import) runs the
 * pure parsers of `table.ts` and `codelist.ts`. Each worker has a heap limit and each read a deadline; a file that
 * passes either ends its worker (a fresh one takes the next read) and is refused as "too complex", so a hostile
 * file costs one worker, never the server, and `/health` keeps answering meanwhile.
 *
 * The worker's code is `worker.js` beside this file once compiled (`server/bin/mide.js` runs `dist`); under vitest
 * and tsx this file is TypeScript, and the worker is started with the tsx loader on its `.ts` source.
 */

export type Job =
  | { kind: 'table'; bytes: Uint8Array; options: ReadOptions; limits: FileLimits }
  | { kind: 'codelist'; csv: string; known: ReadonlyMap<string, KnownCode>; options: CodeListOptions; limits: FileLimits };

export type Outcome = { ok: true; value: unknown } | { ok: false; key: TableErrorKey | 'unexpected'; params: Record<string, string | number> };

const POOL_SIZE = 2;

interface Slot {
  worker: Worker;
  heapMb: number;
  busy: boolean;
}

interface Pending {
  job: Job;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

const slots: Slot[] = [];
const queue: Pending[] = [];

/** The compiled worker; or, from TypeScript source, a bootstrap that registers tsx in the new thread first. */
function workerSource(): { source: URL | string; eval: boolean } {
  const self = import.meta.url;
  if (!self.endsWith('.ts')) return { source: new URL('./worker.js', self), eval: false };
  // The ESM entry of tsx's API: require.resolve finds the CommonJS one, whose register() fails from a worker.
  const tsx = pathToFileURL(createRequire(self).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const entry = new URL('./worker.ts', self).href;
  return { source: `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); });`, eval: true };
}

function spawn(limits: FileLimits): Slot {
  const { source, eval: isEval } = workerSource();
  const worker = new Worker(source, { eval: isEval, resourceLimits: { maxOldGenerationSizeMb: limits.heapMb, maxYoungGenerationSizeMb: 64 } });
  worker.unref(); // an idle reader never keeps the process alive
  const slot: Slot = { worker, heapMb: limits.heapMb, busy: false };
  slots.push(slot);
  return slot;
}

function retire(slot: Slot): void {
  const i = slots.indexOf(slot);
  if (i >= 0) slots.splice(i, 1);
  void slot.worker.terminate();
}

/** A free worker with the heap limit the next job asks for; an idle one with another limit makes room for it. */
function pump(): void {
  while (queue.length) {
    const { limits } = queue[0]!.job;
    let slot = slots.find((s) => !s.busy && s.heapMb === limits.heapMb);
    if (!slot && slots.length >= POOL_SIZE) {
      const other = slots.find((s) => !s.busy);
      if (other) retire(other);
    }
    if (!slot && slots.length < POOL_SIZE) slot = spawn(limits);
    if (!slot) return;
    run(slot, queue.shift()!);
  }
}

/** How many reads the workers have done and how many workers were ended by a file (for tests and the bench). */
export const readerStats = { reads: 0, ended: 0 };

function run(slot: Slot, pending: Pending): void {
  const { worker } = slot;
  slot.busy = true;
  worker.ref();
  let settled = false;
  const finish = (outcome: Outcome | Error, keep: boolean) => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    worker.off('message', onMessage);
    worker.off('error', onError);
    worker.off('exit', onExit);
    slot.busy = false;
    readerStats.reads++;
    if (keep) worker.unref();
    else {
      readerStats.ended++;
      retire(slot);
    }
    if (outcome instanceof Error) pending.reject(outcome);
    else if (outcome.ok) pending.resolve(outcome.value);
    else if (outcome.key === 'unexpected') pending.reject(new Error(`file reader: ${String(outcome.params.detail)}`));
    else pending.reject(new TableError(outcome.key, outcome.params));
    pump();
  };
  const tooComplex = () => new TableError('too_complex', { seconds: Math.round(pending.job.limits.parseMs / 1000), heap: pending.job.limits.heapMb });
  const onMessage = (outcome: Outcome) => finish(outcome, true);
  // Out of heap: the file was too much for the worker. Anything else (the worker could not start) is the server's fault.
  const onError = (error: Error & { code?: string }) => finish(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? tooComplex() : error, false);
  const onExit = () => finish(tooComplex(), false);
  const timer = setTimeout(() => finish(tooComplex(), false), pending.job.limits.parseMs);
  worker.on('message', onMessage);
  worker.on('error', onError);
  worker.on('exit', onExit);
  worker.postMessage(pending.job);
}

function submit(job: Job): Promise<unknown> {
  return new Promise((resolve, reject) => {
    queue.push({ job, resolve, reject });
    pump();
  });
}

/** Reads an upload as a table in a worker: XLSX by its ZIP signature, anything else as delimited text. */
export async function readTable(bytes: Uint8Array, options: ReadOptions = {}, limits: FileLimits = DEFAULT_FILE_LIMITS): Promise<Table> {
  // Refused here, without waiting for a worker: the size, and the sizes a ZIP directory declares, are known without
  // inflating anything (reading the directory is a walk over at most 10,000 fixed-size records).
  if (bytes.byteLength > limits.fileBytes) throw new TableError('file_too_large', { size: mib(bytes.byteLength), max: mib(limits.fileBytes) });
  if (looksLikeXlsx(bytes)) {
    try {
      new ZipReader(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), limits);
    } catch (error) {
      if (error instanceof ZipError) throw new TableError(error.key === 'unreadable' ? 'unreadable_xlsx' : error.key, error.params);
      throw error;
    }
  }
  return (await submit({ kind: 'table', bytes, options, limits })) as Table;
}

/** Parses an org-unit code list in a worker (`parseCodeList`). */
export async function readCodeList(csv: string, known: ReadonlyMap<string, KnownCode>, options: CodeListOptions = {}): Promise<{ rows: CodeListRow[]; errors: CodeListError[] }> {
  return (await submit({ kind: 'codelist', csv, known, options, limits: options.limits ?? DEFAULT_FILE_LIMITS })) as { rows: CodeListRow[]; errors: CodeListError[] };
}
