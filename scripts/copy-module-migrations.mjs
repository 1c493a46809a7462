#!/usr/bin/env node
// Part of `npm run build -w server`: copies each module's own migrations (server/src/modules/<id>/drizzle/, SQL
// and drizzle-kit's journal, which tsc does not emit) beside its compiled manifest in server/dist/modules/<id>/,
// where the manifest's `migrations` folder points in the built server (core/db/migrations.ts).
import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const server = join(dirname(fileURLToPath(import.meta.url)), '..', 'server');
const modules = join(server, 'src', 'modules');
for (const id of readdirSync(modules)) {
  const from = join(modules, id, 'drizzle');
  if (!existsSync(from)) continue;
  const to = join(server, 'dist', 'modules', id, 'drizzle');
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, { recursive: true });
}
