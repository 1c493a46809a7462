// The reintegration caseload with 100,000 generated cases, on PGlite (server with a data folder) and on PostgreSQL:
// GET /api/v1/reintegration/cases with two filters and a name search, signed in as a caseworker scoped to one
// country, at 20 connections for 10 s, beside GET /api/v1/health in the same run. Reports req/s, p50, p95 (from
// every request's latency), p99, errors and non-2xx, and the caseload query's plan (EXPLAIN ANALYZE) per engine.
// The cases are generated with set-based SQL (INSERT … SELECT over generate_series, seeded random), not the API.
// Needs `npm run build` first (the server runs from server/dist).
// Run: npx tsx bench/reintegration-caseload.ts
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../server/src/core/config.js';
import { openMide } from '../server/src/composition/index.js';
import { insertCodeList } from '../server/src/core/geo/store.js';
import { createUser } from '../server/src/core/access/users.js';
import { CLI_META, SYSTEM, type AppContext } from '../server/src/core/context.js';
import { caseloadStatements } from '../server/src/modules/reintegration/store.js';
import { freePort, onBothEngines, startServer, stopServer, waitForHealth, type EngineName } from './lib.js';

const SECRET = 'bench-secret-bench-secret-bench-secret-000';
const PASSWORD = 'banco de pruebas con contraseña larga';
const CASES = 100_000;
const CONNECTIONS = 20;
const SECONDS = 10;
/** The caseworker signs in with this country as scope (about 35% of the cases). */
const SCOPE = 'HND';
const COMMON_NAME = 'martí';
const RARE_NAME = 'xicará';
const FILTERS = 'status=registered,planning&overdue=true';

/**
 * The bundled org units stop at countries: the bench adds 40 first-level divisions (ISO 3166-2 codes) of the four
 * countries most returnees of the region come back to, where the cases are followed.
 */
const DIVISIONS: Record<string, [string, string][]> = {
  HND: [['HN-FM', 'Francisco Morazán'], ['HN-CR', 'Cortés'], ['HN-AT', 'Atlántida'], ['HN-YO', 'Yoro'], ['HN-CP', 'Copán'], ['HN-OL', 'Olancho'], ['HN-CH', 'Choluteca'], ['HN-CM', 'Comayagua'], ['HN-SB', 'Santa Bárbara'], ['HN-EP', 'El Paraíso']],
  GTM: [['GT-GU', 'Guatemala'], ['GT-HU', 'Huehuetenango'], ['GT-SM', 'San Marcos'], ['GT-QZ', 'Quetzaltenango'], ['GT-QC', 'Quiché'], ['GT-AV', 'Alta Verapaz'], ['GT-ES', 'Escuintla'], ['GT-TO', 'Totonicapán'], ['GT-JU', 'Jutiapa'], ['GT-PE', 'Petén']],
  SLV: [['SV-SS', 'San Salvador'], ['SV-SM', 'San Miguel'], ['SV-LI', 'La Libertad'], ['SV-SA', 'Santa Ana'], ['SV-US', 'Usulután'], ['SV-SO', 'Sonsonate'], ['SV-UN', 'La Unión'], ['SV-CH', 'Chalatenango']],
  MEX: [['MX-CHH', 'Chihuahua'], ['MX-BCN', 'Baja California'], ['MX-TAM', 'Tamaulipas'], ['MX-SON', 'Sonora'], ['MX-COA', 'Coahuila'], ['MX-MIC', 'Michoacán'], ['MX-GUA', 'Guanajuato'], ['MX-JAL', 'Jalisco'], ['MX-OAX', 'Oaxaca'], ['MX-GRO', 'Guerrero'], ['MX-PUE', 'Puebla'], ['MX-CMX', 'Ciudad de México']],
};
/** Share of the cases per country. */
const COUNTRY_SHARE: [string, number][] = [['HND', 0.35], ['GTM', 0.35], ['SLV', 0.15], ['MEX', 0.15]];

// Names, most frequent first: a name is drawn at position floor(n * r^k), so the head of each list is common (Martínez
// is in about a tenth of the family names); a few family names of Mayan origin are drawn uniformly from 4% of the
// draws, so each is rare (Xicará in under 1% of the persons).
const MALE = ['José', 'Juan', 'Luis', 'Carlos', 'Jorge', 'Miguel', 'Francisco', 'Jesús', 'Mario', 'Óscar', 'Pedro', 'Manuel', 'Antonio', 'Víctor', 'Héctor', 'Andrés', 'Ramón', 'Marvin', 'Edwin', 'Wilmer', 'Kevin', 'Darwin', 'Nelson', 'Rigoberto', 'Ángel', 'Julio', 'César', 'Rubén', 'Efraín', 'Martín', 'Tomás', 'Sebastián', 'Germán', 'Isaías', 'Elías', 'Joaquín', 'Nicolás', 'Maximiliano'];
const FEMALE = ['María', 'Ana', 'Rosa', 'Carmen', 'Sofía', 'Lucía', 'Gabriela', 'Daniela', 'Karla', 'Sandra', 'Yesenia', 'Glenda', 'Marta', 'Inés', 'Mónica', 'Verónica', 'Andrea', 'Fernanda', 'Patricia', 'Beatriz', 'Dulce', 'Ángela', 'Lourdes', 'Belén', 'Concepción', 'Guadalupe', 'Martina', 'Itzel', 'Xiomara', 'Jimena', 'Noemí', 'Raquel', 'Zoila', 'Águeda'];
const FAMILY = ['Martínez', 'Hernández', 'López', 'García', 'González', 'Pérez', 'Rodríguez', 'Sánchez', 'Ramírez', 'Cruz', 'Flores', 'Gómez', 'Díaz', 'Reyes', 'Morales', 'Jiménez', 'Álvarez', 'Ruiz', 'Mejía', 'Castillo', 'Ortiz', 'Chávez', 'Vásquez', 'Aguilar', 'Velásquez', 'Juárez', 'Domínguez', 'Zelaya', 'Maldonado', 'Orellana', 'Barahona', 'Funes', 'Alvarado', 'Méndez', 'Ávila', 'Núñez', 'Quiñónez', 'Argueta', 'Portillo', 'Rivas', 'Escobar', 'Guzmán', 'Ordóñez'];
const RARE_FAMILY = ['Tzul', 'Ajú', 'Coc', 'Caal', 'Choc', 'Ixcoy', 'Batz', 'Xicará', 'Cuxil', 'Tecún'];
const RARE_SHARE = 0.04;

const list = (xs: string[]) => `ARRAY[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(',')}]::text[]`;
const pick = (xs: string[], r: string, skew: number) => `(${list(xs)})[1 + floor(power(${r}, ${skew}) * ${xs.length})::int]`;
const familyName = (r: string) => `CASE WHEN ${r} < ${RARE_SHARE} THEN ${pick(RARE_FAMILY, `${r} / ${RARE_SHARE}`, 1)} ELSE ${pick(FAMILY, `(${r} - ${RARE_SHARE}) / ${1 - RARE_SHARE}`, 1.3)} END`;

export interface CaseloadFigures {
  label: string;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/** autocannon for `seconds`, keeping every response's latency to read the p95 autocannon does not report. */
async function measure(label: string, url: string, headers: Record<string, string>, seconds = SECONDS): Promise<CaseloadFigures> {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections: CONNECTIONS, duration: seconds, headers }, (error: unknown, done) => (error ? reject(error) : resolve(done)));
    instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  });
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { label, requestsPerSecond: result.requests.average, p50: at(0.5), p95: at(0.95), p99: at(0.99), errors: result.errors, non2xx: result.non2xx };
}

/** Divisions, 40 caseworkers (one per division), persons with a document each, and the cases, in one transaction. */
export async function generateCases(ctx: AppContext): Promise<{ seconds: number; counts: Record<string, number> }> {
  const t0 = performance.now();
  await ctx.db.transaction(async (tx) => {
    await insertCodeList(
      tx,
      Object.entries(DIVISIONS).flatMap(([country, units]) => units.map(([code, name], i) => ({ code, nameEs: name, nameEn: name, parentCode: country, kind: 'division' as const, row: i + 2 }))),
    );
  });
  const units = Object.entries(DIVISIONS).flatMap(([country, list]) => list.map(([code], pos) => `('${country}', ${pos}, ${list.length}, '${code}')`));
  const shares = COUNTRY_SHARE.reduce<{ acc: number; sql: string[] }>(
    (s, [c, share]) => ({ acc: s.acc + share, sql: [...s.sql, `WHEN rc < ${(s.acc + share).toFixed(4)} THEN '${c}'`] }),
    { acc: 0, sql: [] },
  ).sql.join(' ');
  const statements = [
    // The test server commits asynchronously: VACUUM cannot mark pages all-visible before the commit is on disk.
    `SET LOCAL synchronous_commit = on`,
    `SELECT setseed(0.2026)`,
    `CREATE TEMP TABLE bench_units ON COMMIT DROP AS
       SELECT v.country, v.pos, v.per_country, o.id AS org_unit_id, gen_random_uuid() AS caseworker_id, v.code
       FROM (VALUES ${units.join(',')}) AS v(country, pos, per_country, code) JOIN org_units o ON o.code = v.code`,
    `INSERT INTO users (id, email, display_name, password_hash, role_id)
       SELECT caseworker_id, lower(code) || '.caseworker@bench.mide.test', ${pick([...MALE, ...FEMALE], 'random()', 1)} || ' ' || ${pick(FAMILY, 'random()', 1.5)},
              '!bench: no sign-in', 'case_worker' FROM bench_units`,
    `INSERT INTO user_scopes (user_id, org_unit_id, kind) SELECT caseworker_id, org_unit_id, 'capture' FROM bench_units`,
    // One row per returnee with every random draw it needs; `age` is the days since arrival (3 years).
    `CREATE TEMP TABLE bench_people ON COMMIT DROP AS
       SELECT r.*, u.org_unit_id, u.caseworker_id, gen_random_uuid() AS person_id, gen_random_uuid() AS case_id,
              (current_date - r.age) AS arrival
       FROM (SELECT n, CASE ${shares} ELSE 'MEX' END AS country, random() AS ru, random() AS rs, random() AS rg, random() AS rf1,
                    random() AS rf2, random() AS rb, floor(random() * 1095)::int AS age, random() AS rst, random() AS rst2,
                    random() AS rh, random() AS rhow, random() AS rfrom, random() AS rcat, random() AS rw, random() AS rd, random() AS rn
             FROM (SELECT n, random() AS rc FROM generate_series(1, ${CASES}) AS n) AS g) AS r
       JOIN bench_units u ON u.country = r.country AND u.pos = floor(r.ru * u.per_country)::int`,
    `INSERT INTO persons (id, org_unit_id, given_name, family_name, birth_date, sex, nationality_iso3, languages, created_at)
       SELECT person_id, org_unit_id,
              CASE WHEN rs < 0.64 THEN ${pick(MALE, 'rg', 2)} ELSE ${pick(FEMALE, 'rg', 2)} END,
              ${familyName('rf1')} || ' ' || ${familyName('rf2')},
              arrival - (6570 + floor(rb * rb * 14600))::int,
              CASE WHEN rs < 0.64 THEN 'male' ELSE 'female' END, country,
              CASE WHEN country = 'GTM' AND rn < 0.2 THEN ARRAY['es', 'quc'] ELSE ARRAY['es'] END,
              arrival::timestamptz + interval '9 hours'
       FROM bench_people`,
    // National identity numbers in each country's usual shape (DNI, DPI, DUI, CURP-like), unique per person.
    `INSERT INTO person_documents (person_id, kind, number, number_key, issuing_country_iso3)
       SELECT person_id, 'national_id', doc, upper(regexp_replace(doc, '[^A-Za-z0-9]', '', 'g')), country
       FROM (SELECT person_id, country, CASE country
               WHEN 'HND' THEN '0801-' || (1960 + n % 45) || '-' || lpad((n % 100000)::text, 5, '0')
               WHEN 'GTM' THEN lpad((n * 7919 % 10000)::text, 4, '0') || ' ' || lpad(n::text, 5, '0') || ' 0101'
               WHEN 'SLV' THEN lpad((n * 31)::text, 8, '0') || '-' || (n % 10)
               ELSE 'MEX' || lpad(n::text, 7, '0') || 'HDFRNS0' || (n % 10) END AS doc
             FROM bench_people) AS d`,
    // Status follows the time since arrival: recent cases are being registered and planned, older ones mostly
    // active or closed; about a fifth of the open cases older than 30 days are still without a plan (overdue).
    `CREATE TEMP TABLE bench_status ON COMMIT DROP AS
       SELECT case_id, CASE
                WHEN age < 30 THEN CASE WHEN rst < 0.45 THEN 'registered' WHEN rst < 0.85 THEN 'planning' ELSE 'plan_submitted' END
                WHEN rst < 0.15 + 0.7 * age / 1095.0 THEN 'closed'
                WHEN rst2 < 0.70 THEN 'active' WHEN rst2 < 0.75 THEN 'closure_requested' WHEN rst2 < 0.80 THEN 'plan_submitted'
                WHEN rst2 < 0.90 THEN 'planning' ELSE 'registered' END AS status
       FROM bench_people`,
    `INSERT INTO rn_cases (id, reference, person_id, org_unit_id, caseworker_id, arrival_date, returned_from_iso3, return_how, return_category,
                           household_size, immediate_needs, status, plan_due_date, plan_submitted_at, plan_approved_at,
                           closure_reason, closure_requested_at, closed_at, created_at, updated_at)
       SELECT p.case_id,
              'RN-' || extract(year FROM arrival) || '-' || lpad((row_number() OVER (PARTITION BY extract(year FROM arrival) ORDER BY arrival, n))::text, 5, '0'),
              person_id, org_unit_id, CASE WHEN rw < 0.93 THEN caseworker_id END, arrival,
              CASE WHEN country = 'MEX' THEN CASE WHEN rfrom < 0.95 THEN 'USA' ELSE 'CAN' END
                   WHEN rfrom < 0.62 THEN 'USA' WHEN rfrom < 0.92 THEN 'MEX' WHEN rfrom < 0.96 THEN 'ESP' ELSE 'CRI' END,
              CASE WHEN rhow < 0.65 THEN 'forced' WHEN rhow < 0.85 THEN 'voluntary' ELSE 'assisted_voluntary' END,
              CASE WHEN country = 'MEX' THEN NULL WHEN rcat < 0.5 THEN 'example_deported' WHEN rcat < 0.8 THEN 'example_returned_worker'
                   WHEN rcat < 0.9 THEN 'example_child_returnee' ELSE 'example_protection_needs' END,
              1 + floor(power(rh, 1.6) * 8)::int,
              string_to_array((ARRAY['no_income,documentation', 'no_income,debt', 'housing,health', 'no_income,psychosocial_support',
                     'skills_recognition,debt', 'family_reunification,legal_assistance', 'education,community_reintegration'])[1 + floor(rn * 7)::int], ','),
              s.status, arrival + 30,
              CASE WHEN s.status NOT IN ('registered', 'planning') THEN arrival::timestamptz + interval '20 days' END,
              CASE WHEN s.status IN ('active', 'closure_requested', 'closed') THEN arrival::timestamptz + interval '25 days' END,
              CASE WHEN s.status IN ('closure_requested', 'closed') THEN
                (ARRAY['plan_completed', 'plan_completed', 'plan_completed', 'returnee_choice', 'moved_away', 'migrated_again', 'no_longer_eligible', 'deceased'])[1 + floor(rd * 8)::int] END,
              CASE WHEN s.status IN ('closure_requested', 'closed') THEN arrival::timestamptz + ((30 + floor(rd * greatest(age - 30, 1)))::int * interval '1 day') END,
              CASE WHEN s.status = 'closed' THEN arrival::timestamptz + ((31 + floor(rd * greatest(age - 30, 1)))::int * interval '1 day') END,
              arrival::timestamptz + interval '9 hours', arrival::timestamptz + interval '9 hours'
       FROM bench_people p JOIN bench_status s ON s.case_id = p.case_id`,
    `INSERT INTO rn_reference_counters (year, last)
       SELECT extract(year FROM arrival_date)::int, count(*) FROM rn_cases GROUP BY 1
       ON CONFLICT (year) DO UPDATE SET last = greatest(rn_reference_counters.last, excluded.last)`,
  ];
  await ctx.db.transaction(async (tx) => {
    for (const statement of statements) await tx.execute(sql.raw(statement));
  });
  // PGlite has no autovacuum: statistics and the visibility map (index-only scans) are made by hand; a PostgreSQL
  // server's autovacuum does the same soon after a load this size. On PostgreSQL the first VACUUM after the load
  // often leaves pages not all-visible (seen here; an older snapshot of a concurrent autovacuum or the row locks of
  // the foreign-key checks are the likely reasons): repeat until the map is set, as autovacuum would in time.
  await ctx.db.execute(sql.raw('VACUUM ANALYZE org_units, users, user_scopes, persons, person_documents, rn_cases, rn_reference_counters'));
  for (let attempt = 0; attempt < 30; attempt++) {
    const [row] = await ctx.database.rows<{ pending: number }>(
      sql.raw(`SELECT count(*)::int AS pending FROM pg_class WHERE relname IN ('persons', 'rn_cases') AND relallvisible < 0.99 * relpages`),
    );
    if (row!.pending === 0) break;
    await new Promise((r) => setTimeout(r, 1000));
    await ctx.db.execute(sql.raw('VACUUM persons, users, rn_cases'));
  }
  const seconds = (performance.now() - t0) / 1000;
  const counts: Record<string, number> = {};
  for (const table of ['persons', 'person_documents', 'rn_cases']) {
    const [row] = await ctx.database.rows<{ n: number }>(sql.raw(`SELECT count(*)::int AS n FROM ${table}`));
    counts[table] = row!.n;
  }
  return { seconds, counts };
}

/** The caseload query's plan: the SQL the server runs for (b), with EXPLAIN ANALYZE, summarised to its node lines. */
async function explainCaseload(ctx: AppContext, q: string): Promise<string[]> {
  const [unit] = await ctx.database.rows<{ path: string }>(sql`SELECT path FROM org_units WHERE code = ${SCOPE}`);
  const today = new Date().toISOString().slice(0, 10);
  const { page, total, counted } = caseloadStatements(ctx.db, { prefixes: [unit!.path], status: ['registered', 'planning'], overdue: true, q, today, limit: 50, offset: 0 });
  // With a search the page statement also counts; without one the total is a second statement.
  const statements = counted ? { page } : { page, total };
  const client = (ctx.db as unknown as { session: { client: { query(text: string, params: unknown[]): Promise<{ rows: Record<string, string>[] }> } } }).session.client;
  const lines: string[] = [];
  for (const [name, statement] of Object.entries(statements)) {
    const { sql: text, params } = statement.toSQL();
    const { rows } = await client.query(`EXPLAIN (ANALYZE, COSTS OFF, SUMMARY ON) ${text}`, params);
    lines.push(`${name}:`, ...rows.map((r) => '    ' + r['QUERY PLAN']));
  }
  return lines;
}

async function signIn(baseUrl: string, email: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
  if (res.status !== 200) throw new Error(`login ${res.status}: ${await res.text()}`);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

async function benchEngine(engine: EngineName, env: NodeJS.ProcessEnv) {
  const title = engine === 'pglite' ? 'PGlite (embedded, data folder)' : 'PostgreSQL server';
  const email = `caseworker.${engine}@bench.mide.test`;
  // Prepared in this process (migrations, seed, generation, plan), then closed so the server can open the folder.
  const ctx = await openMide(loadConfig(env, { logLevel: 'silent' }), { command: 'bench' });
  let generated: Awaited<ReturnType<typeof generateCases>>;
  let plans: string[];
  try {
    await createUser(ctx, SYSTEM, CLI_META, { email, displayName: 'Caseworker (bench)', roleId: 'case_worker', password: PASSWORD, captureScope: [SCOPE], viewScope: [SCOPE] });
    generated = await generateCases(ctx);
    plans = [...(await explainCaseload(ctx, COMMON_NAME)), ...(await explainCaseload(ctx, RARE_NAME))];
  } finally {
    await ctx.database.close();
  }
  const port = await freePort();
  const server = startServer(port, env);
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(baseUrl, server);
    const cookie = await signIn(baseUrl, email);
    const caseload = (q: string) => `${baseUrl}/api/v1/reintegration/cases?${FILTERS}&q=${encodeURIComponent(q)}`;
    const totals: string[] = [];
    for (const q of [COMMON_NAME, RARE_NAME]) {
      const res = await fetch(caseload(q), { headers: { cookie } });
      if (res.status !== 200) throw new Error(`caseload answered ${res.status}: ${await res.text()}`);
      const body = (await res.json()) as { total: number; items: unknown[] };
      totals.push(`q=${q}: ${body.total} cases (${body.items.length} on the first page)`);
    }
    await measure('warm-up', caseload(COMMON_NAME), { cookie }, 2);
    const rows = [
      await measure('(a) GET /api/v1/health (baseline)', `${baseUrl}/api/v1/health`, {}),
      await measure(`(b) caseload ${FILTERS}&q=${COMMON_NAME}`, caseload(COMMON_NAME), { cookie }),
      await measure(`(c) caseload ${FILTERS}&q=${RARE_NAME}`, caseload(RARE_NAME), { cookie }),
    ];
    const c = generated.counts;
    console.log(`\nReintegration caseload, ${title}: ${CONNECTIONS} connections, ${SECONDS} s each`);
    console.log(
      `Data: ${c.rn_cases} cases, ${c.persons} persons, ${c.person_documents} documents in 40 divisions of HND/GTM/SLV/MEX, generated with ` +
        `INSERT … SELECT over generate_series (seeded random) in ${generated.seconds.toFixed(1)} s, then VACUUM ANALYZE (PGlite has no autovacuum). Caseworker scoped to ${SCOPE}; ${totals.join('; ')}.`,
    );
    console.log('| request | req/s | p50 ms | p95 ms | p99 ms | errors | non-2xx | p95 / health p95 |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const r of rows) {
      console.log(`| ${r.label} | ${r.requestsPerSecond.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.errors} | ${r.non2xx} | ${(r.p95 / rows[0]!.p95).toFixed(1)} |`);
    }
    console.log(`\nCaseload query plans (${title}), EXPLAIN ANALYZE of the SQL the server runs for (b) then (c):`);
    console.log(plans.map((l) => '    ' + l).join('\n'));
  } finally {
    await stopServer(server);
  }
}

export async function benchReintegrationCaseload(): Promise<void> {
  await onBothEngines('mide_bench_caseload', SECRET, benchEngine);
}

if (import.meta.url === `file://${process.argv[1]}`) await benchReintegrationCaseload();
