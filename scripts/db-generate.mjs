#!/usr/bin/env node
// npm run db:generate [-- <module-id>] [-- drizzle-kit options such as --name add_column]
// Writes the SQL migration for a schema change: the core's (and the three first modules', whose history is in
// server/drizzle/) with server/drizzle.config.ts, or a module's own with server/src/modules/<id>/drizzle.config.ts
// into that module's drizzle/ folder (ARCHITECTURE.md, "Databases" and "Adding a module").
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const module = args[0] && !args[0].startsWith('-') ? args.shift() : null;
const config = module ? join('server', 'src', 'modules', module, 'drizzle.config.ts') : join('server', 'drizzle.config.ts');
if (!existsSync(join(root, config))) {
  console.error(`db:generate: ${config} not found (a module keeps its own migrations only when it has that file)`);
  process.exit(1);
}
execFileSync('npx', ['drizzle-kit', 'generate', '--config', config, ...args], { cwd: root, stdio: 'inherit' });
