// Protected values at rest: (a) sealing and opening one value (AES-256-GCM with associated data) in this process;
// (b) the start-up sealing of clear values a database from before migration 0016 holds (20,000 identity documents
// with their blind indexes and 20,000 cases' protected fields, inserted in clear by SQL), rows per second; (c)
// `mide keys rotate` over the same data (every value opened and sealed again, every index recomputed, one
// transaction), values per second; (d) reading one person (documents opened) through the API, beside /health.
// On PGlite (embedded) and on a PostgreSQL server. Figures only, no pass/fail.
// Run: npx tsx bench/protected-keys.ts
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../server/src/core/config.js';
import { openMide } from '../server/src/composition/index.js';
import { newDataKey, openField, sealField } from '../server/src/core/crypto.js';
import { rotateKeys, sealClearValues } from '../server/src/core/keys/sealed.js';
import { createUser } from '../server/src/core/access/users.js';
import { CLI_META, SYSTEM } from '../server/src/core/context.js';
import { freePort, onBothEngines, startServer, stopServer, waitForHealth, type EngineName } from './lib.js';

const SECRET = 'bench-secret-protected-keys-0123456789abcdef';
const PASSWORD = 'banco de pruebas con contraseña larga';
const ROWS = 20_000;

function benchPure(): void {
  const dek = newDataKey();
  const keyId = randomUUID();
  const note = 'Refiere ansiedad tras la detención; acepta acompañamiento psicosocial semanal. '.repeat(4);
  const n = 50_000;
  let t0 = performance.now();
  const sealed: string[] = [];
  for (let i = 0; i < n; i++) sealed.push(sealField(dek, keyId, { table: 'rn_case_protected', column: 'psychosocial_notes', rowId: String(i) }, note));
  const sealMs = performance.now() - t0;
  t0 = performance.now();
  for (let i = 0; i < n; i++) openField(dek, { table: 'rn_case_protected', column: 'psychosocial_notes', rowId: String(i) }, sealed[i]!);
  const openMs = performance.now() - t0;
  console.log(`\nProtected values (a), in this process: a ${note.length}-character note sealed ${Math.round(n / (sealMs / 1000)).toLocaleString('en')}/s, opened ${Math.round(n / (openMs / 1000)).toLocaleString('en')}/s (${((sealMs * 1000) / n).toFixed(1)} / ${((openMs * 1000) / n).toFixed(1)} µs each)`);
}

async function benchEngine(engine: EngineName, env: NodeJS.ProcessEnv) {
  const title = engine === 'pglite' ? 'PGlite (embedded)' : 'PostgreSQL server';
  const ctx = await openMide(loadConfig(env, { logLevel: 'silent' }), { command: 'bench', bundledData: false });
  let personId = '';
  const email = `supervisor.${engine}@bench.mide.test`;
  try {
    await createUser(ctx, SYSTEM, CLI_META, { email, displayName: 'Supervisor (bench)', roleId: 'case_supervisor', password: PASSWORD, captureScope: ['HND'], viewScope: ['HND'] });
    // As 0015 left them: persons with a clear document each, cases with clear protected fields.
    await ctx.db.transaction(async (tx) => {
      await tx.execute(sql.raw(`CREATE TEMP TABLE bench_p ON COMMIT DROP AS SELECT n, gen_random_uuid() AS person_id, gen_random_uuid() AS case_id FROM generate_series(1, ${ROWS}) n`));
      await tx.execute(sql.raw(`INSERT INTO persons (id, org_unit_id, given_name, family_name) SELECT person_id, (SELECT id FROM org_units WHERE code = 'HND'), 'Persona', 'Banco ' || n FROM bench_p`));
      await tx.execute(sql.raw(`INSERT INTO person_documents (person_id, kind, number, number_key) SELECT person_id, 'national_id', '0801-1990-' || lpad(n::text, 5, '0'), '08011990' || lpad(n::text, 5, '0') FROM bench_p`));
      await tx.execute(sql.raw(`INSERT INTO rn_cases (id, reference, person_id, org_unit_id, arrival_date, returned_from_iso3, return_how, household_size, plan_due_date)
        SELECT case_id, 'RN-BENCH-' || n, person_id, (SELECT id FROM org_units WHERE code = 'HND'), current_date, 'USA', 'forced', 1, current_date + 30 FROM bench_p`));
      await tx.execute(sql.raw(`INSERT INTO rn_case_protected (case_id, psychosocial_notes, trafficking_indication, violence_indication)
        SELECT case_id, 'Nota psicosocial de prueba número ' || n || ', con el detalle de una entrevista de acogida.', CASE WHEN n % 7 = 0 THEN 'true' ELSE 'false' END, NULL FROM bench_p`));
    });
    const [first] = await ctx.database.rows<{ id: string }>(sql`SELECT id::text AS id FROM persons WHERE family_name = 'Banco 1'`);
    personId = first!.id;

    let t0 = performance.now();
    const sealed = await sealClearValues(ctx, ctx.modules.sealedTables());
    const sealSeconds = (performance.now() - t0) / 1000;
    t0 = performance.now();
    const again = await sealClearValues(ctx, ctx.modules.sealedTables());
    const idleMs = performance.now() - t0;
    t0 = performance.now();
    const rotated = await rotateKeys(ctx, SYSTEM, ctx.modules.sealedTables());
    const rotateSeconds = (performance.now() - t0) / 1000;
    console.log(`\nProtected values, ${title}: ${ROWS.toLocaleString('en')} documents + ${ROWS.toLocaleString('en')} cases' protected fields`);
    console.log(`| step | rows / values | seconds | per second |`);
    console.log(`|---|---:|---:|---:|`);
    console.log(`| (b) start-up sealing of clear rows (one transaction) | ${sealed.toLocaleString('en')} rows | ${sealSeconds.toFixed(2)} | ${Math.round(sealed / sealSeconds).toLocaleString('en')} rows |`);
    console.log(`| (b') the same step at a later start (nothing in clear) | ${again} rows | ${(idleMs / 1000).toFixed(3)} | - |`);
    console.log(`| (c) mide keys rotate (one transaction) | ${rotated.values.toLocaleString('en')} values | ${rotateSeconds.toFixed(2)} | ${Math.round(rotated.values / rotateSeconds).toLocaleString('en')} values |`);
  } finally {
    await ctx.database.close();
  }

  const port = await freePort();
  const server = startServer(port, env);
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(baseUrl, server);
    const login = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const measure = async (url: string, headers: Record<string, string>) => {
      const r = await autocannon({ url, headers, connections: 10, duration: 5 });
      return `${Math.round(r.requests.average)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, non-2xx ${r.non2xx}`;
    };
    await measure(`${baseUrl}/api/v1/persons/${personId}`, { cookie });
    console.log(`| (d) GET /api/v1/persons/:id (its document opened), 10 connections, 5 s | ${await measure(`${baseUrl}/api/v1/persons/${personId}`, { cookie })} |`);
    console.log(`| (d) GET /api/v1/health, the same | ${await measure(`${baseUrl}/api/v1/health`, {})} |`);
  } finally {
    await stopServer(server);
  }
}

export async function benchProtectedKeys(): Promise<void> {
  benchPure();
  await onBothEngines('mide_bench_keys', SECRET, benchEngine);
}

if (import.meta.url === `file://${process.argv[1]}`) await benchProtectedKeys();
