// Loading all bundled evidence data into a fresh embedded database (PGlite in a data folder): seconds and rows per
// second, beside a raw COPY of the very same rows (already serialised) into an identical table with the same
// indexes, in the same engine and the same run. The ratio is COPY time / load time (1.0 = as fast as raw COPY).
// Run: npx tsx bench/evidence-load.ts
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../server/src/core/config.js';
import { openMide } from '../server/src/composition/index.js';
import { seedCore } from '../server/src/core/platform.js';
import { bundledFilePath, loadAreaIndex, loadBundledData } from '../server/src/modules/evidence/loader.js';
import { SOURCES } from '../server/src/modules/evidence/domain/catalogue.js';
import { parseBundledFile } from '../server/src/modules/evidence/domain/bundled.js';
import { valuesCsv } from '../server/src/modules/evidence/store.js';

export async function benchEvidenceLoad(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mide-bench-evidence-'));
  try {
    const config = loadConfig({}, { dataDir, secret: 'bench-secret-bench-secret-bench-secret-000', logLevel: 'silent' });
    const ctx = await openMide(config, { command: 'bench', seed: false });
    try {
      await seedCore(ctx);
      const t0 = performance.now();
      const results = await loadBundledData(ctx);
      const loadSeconds = (performance.now() - t0) / 1000;
      const rows = results.reduce((n, r) => n + r.rows, 0);

      // The same rows, serialised before the clock starts, COPYed into a twin table (same columns and indexes).
      const areas = await loadAreaIndex(ctx.db);
      const blobs = SOURCES.map((s) => {
        const parsed = parseBundledFile(s.id, readFileSync(bundledFilePath(s), 'utf8'), areas);
        return new Blob([valuesCsv(parsed.rows.map((r) => ({ ...r, disagg: '' })), s.id, null)]);
      });
      const client = (ctx.db as unknown as { session: { client: { query(q: string, p?: unknown[], o?: { blob?: Blob }): Promise<unknown> } } }).session.client;
      await client.query('CREATE TABLE ev_values_copy (LIKE ev_values INCLUDING ALL)');
      const t1 = performance.now();
      for (const blob of blobs) {
        await client.query('BEGIN');
        await client.query(`COPY ev_values_copy (de, ou, pe, partner, sex, disagg, value, source_id, computed, import_id) FROM '/dev/blob' WITH (FORMAT csv)`, [], { blob });
        await client.query('COMMIT');
      }
      const copySeconds = (performance.now() - t1) / 1000;

      console.log('\nEvidence: loading the bundled data into a fresh embedded database (PGlite, data folder)');
      console.log('| what | rows | seconds | rows/s | COPY time / this time |');
      console.log('|---|---:|---:|---:|---:|');
      console.log(`| mide data load (parse, derive totals, COPY, one transaction per file) | ${rows} | ${loadSeconds.toFixed(1)} | ${(rows / loadSeconds).toFixed(0)} | ${(copySeconds / loadSeconds).toFixed(2)} |`);
      console.log(`| raw COPY of the same rows (pre-serialised) | ${rows} | ${copySeconds.toFixed(1)} | ${(rows / copySeconds).toFixed(0)} | 1.00 |`);
      for (const r of results) console.log(`|   ${r.fileName} | ${r.rows} | ${(r.ms / 1000).toFixed(1)} | ${(r.rows / (r.ms / 1000)).toFixed(0)} | |`);
    } finally {
      await ctx.database.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchEvidenceLoad();
