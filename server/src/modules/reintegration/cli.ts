import { readFileSync } from 'node:fs';
import { CLI_META, SYSTEM } from '../../core/context.js';
import type { ModuleCommand } from '../../core/module.js';
import { applyRetention } from './retention.js';
import { loadInstrument } from './scores.js';

/** `mide reintegration retention` and `mide reintegration instrument`. */
export const reintegrationCommands: readonly ModuleCommand[] = [
  {
    name: 'reintegration retention',
    usage: 'mide reintegration retention [--dry-run] [--data-dir DIR]',
    summary: 'Remove the records of closed reintegration cases whose retention period (modules/reintegration/retention.json) has passed; --dry-run only counts.',
    options: { 'dry-run': { type: 'boolean' } },
    async run(values, { withPlatform }) {
      const dryRun = values['dry-run'] === true;
      const results = await withPlatform('reintegration retention', (ctx) => applyRetention(ctx, { dryRun, meta: CLI_META }));
      for (const r of results) console.log(`${r.record.padEnd(20)} ${String(r.months_after_closure).padStart(4)} months  closed before ${r.closed_before.slice(0, 10)}  ${r.cases} case(s) ${dryRun ? 'due' : 'done'}`);
      return 0;
    },
  },
  {
    name: 'reintegration instrument',
    usage: 'mide reintegration instrument --file FILE.json [--data-dir DIR]',
    summary:
      'Load a version of the sustainability survey from its file (items, scoring and weights, as modules/reintegration/instruments/mide-sustainability-1.json); it becomes the active survey. All or nothing.',
    options: { file: { type: 'string' } },
    async run(values, { withPlatform }) {
      if (typeof values.file !== 'string') {
        console.error('mide reintegration instrument: missing --file FILE.json');
        return 2;
      }
      const text = readFileSync(values.file, 'utf8');
      let definition: unknown;
      try {
        definition = JSON.parse(text);
      } catch (error) {
        console.error(`mide: ${values.file} is not valid JSON (${(error as Error).message}); nothing was loaded.`);
        return 1;
      }
      const loaded = await withPlatform('reintegration instrument', (ctx) => loadInstrument(ctx, SYSTEM, CLI_META, 'en', definition));
      console.log(`Loaded "${loaded.name}" (${loaded.code}, version ${loaded.version}): it is now the active survey.`);
      return 0;
    },
  },
];
