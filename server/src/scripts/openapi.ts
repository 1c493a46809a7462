/**
 * The API's OpenAPI document, built without a database and without listening: the fastify app is built as
 * `mide serve` builds it and made ready (every route registered, every schema turned into JSON Schema), then asked
 * for its document. Registering routes never touches the database, the keys or the audit chain, so the context
 * hands the app a stand-in for each that throws if anything uses it: a route that started querying at registration
 * would make this script fail loudly instead of answering from an empty database.
 *
 *   tsx server/src/scripts/openapi.ts [file]     (stdout without a file)
 *
 * The web build uses it to generate its API types (`web/scripts/api-types.mjs`).
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../core/config.js';
import type { AppContext } from '../core/context.js';
import { buildApp, platformModules } from '../composition/index.js';

/** A value that fails on any use: the proof that building the routes needs no database, keys or audit key. */
function unused(name: string): never {
  return new Proxy(
    {},
    {
      get(_target, prop) {
        // Promise resolution and inspection look for these; they are not uses.
        if (prop === 'then' || typeof prop === 'symbol') return undefined;
        throw new Error(`the OpenAPI document is built without I/O, but building the routes used ctx.${name}.${String(prop)}`);
      },
    },
  ) as never;
}

export async function openApiDocument(): Promise<unknown> {
  const ctx: AppContext = {
    database: unused('database'),
    db: unused('db'),
    config: loadConfig({}),
    secretBox: unused('secretBox'),
    auditKey: unused('auditKey'),
    keyring: unused('keyring'),
    modules: platformModules,
  };
  const app = await buildApp(ctx, { logger: false, serveWeb: false });
  try {
    await app.ready();
    return app.swagger();
  } finally {
    await app.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const json = `${JSON.stringify(await openApiDocument(), null, 2)}\n`;
  const file = process.argv[2];
  if (file) writeFileSync(file, json);
  else process.stdout.write(json);
}
