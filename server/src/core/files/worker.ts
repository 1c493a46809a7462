import { parentPort } from 'node:worker_threads';
import { parseCodeList } from '../geo/codelist.js';
import { parseTable, TableError } from './table.js';
import type { Job, Outcome } from './read.js';

/**
 * The worker thread that reads uploads (`read.ts` starts it). It runs only pure parsers, so a hostile file can
 * exhaust this thread's heap or time and be ended with it, never the server's.
 */
parentPort!.on('message', (job: Job) => {
  let outcome: Outcome;
  try {
    if (job.kind === 'table') outcome = { ok: true, value: parseTable(job.bytes, job.options, job.limits) };
    else outcome = { ok: true, value: parseCodeList(job.csv, job.known, { ...job.options, limits: job.limits }) };
  } catch (error) {
    outcome = error instanceof TableError ? { ok: false, key: error.key, params: error.params } : { ok: false, key: 'unexpected', params: { detail: String((error as Error)?.message ?? error).slice(0, 200) } };
  }
  parentPort!.postMessage(outcome);
});
