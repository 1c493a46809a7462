import type { ModuleCommand } from '../../core/module.js';
import { seedCore } from '../../core/platform.js';
import { loadBundledData } from './loader.js';

/** `mide data load`: the bundled public data, with a progress bar. */
export const evidenceCommands: readonly ModuleCommand[] = [
  {
    name: 'data load',
    usage: 'mide data load [--force] [--data-dir DIR]',
    summary: 'Load the bundled public data (data/sources) into the evidence store: one transaction per file; a file already loaded (same SHA-256) is skipped unless --force.',
    options: { force: { type: 'boolean' } },
    async run(values, { withPlatform }) {
      const tty = process.stderr.isTTY;
      const bar = (done: number, total: number, label: string) => {
        const width = 30;
        const filled = Math.round((done / total) * width);
        const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${label}`;
        if (tty) process.stderr.write(`\r${line.padEnd(100).slice(0, 100)}`);
      };
      const started = performance.now();
      // Opened without the modules' seed, so that a first load happens here, with its progress bar.
      const results = await withPlatform(
        'data load',
        async (ctx) => {
          await seedCore(ctx);
          return loadBundledData(ctx, { force: values.force === true, onProgress: (done, total, _result, file) => bar(done, total, file) });
        },
        { seed: false },
      );
      if (tty) process.stderr.write('\n');
      let rows = 0;
      for (const r of results) {
        if (r.status === 'loaded') rows += r.rows;
        const what = r.status === 'loaded' ? `${r.rows.toLocaleString('en')} rows loaded in ${(r.ms / 1000).toFixed(1)} s` : r.status === 'unchanged' ? `${r.rows.toLocaleString('en')} rows, already loaded (same content)` : 'file missing';
        console.log(`${r.sourceId.padEnd(32)} ${r.fileName.padEnd(52)} ${what}`);
      }
      console.log(`Loaded ${rows.toLocaleString('en')} rows in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
      return results.some((r) => r.status === 'missing') ? 1 : 0;
    },
  },
];
