#!/usr/bin/env node
// Entry point of the `mide` command. Runs the compiled CLI; says how to build it when it is missing.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const compiled = join(here, '..', 'dist', 'composition', 'cli.js');
if (!existsSync(compiled)) {
  console.error('mide: the server is not built yet. Run "npm run build" at the repository root first.');
  process.exit(1);
}
const { runMide } = await import(pathToFileURL(compiled).href);
process.exitCode = await runMide(process.argv.slice(2));
