// Would preparing the hot statements help? (issue 20: "hot statements are prepared, planned once per connection,
// starting with the caseload, /me and the case".) On the caseload bench's 100,000 generated cases, this captures
// the SQL the server really sends for the session lookup (/me and every request), one case read (GET
// /reintegration/cases/:id) and the caseload with two filters and a name search, then for each statement prints the
// median of 5 EXPLAIN ANALYZE runs: planning and execution time with a custom plan (what an unnamed statement gets
// today), and with the generic plan a prepared statement settles on (PREPARE, plan_cache_mode=force_generic_plan,
// EXECUTE), and whether that generic plan has the same shape. Planning saved is the first pair's planning minus the
// second's; a generic plan of another shape is a plan PostgreSQL would pick for every value, good or not.
// Both engines (MIDE_BENCH_ENGINES to choose). Run: npx tsx bench/planning.ts
import { sql } from 'drizzle-orm';
import { loadConfig } from '../server/src/core/config.js';
import { openMide } from '../server/src/composition/index.js';
import { createUser } from '../server/src/core/access/users.js';
import { login } from '../server/src/core/access/auth.js';
import { loadActor } from '../server/src/core/access/store.js';
import { sha256Hex } from '../server/src/core/crypto.js';
import { CLI_META, SYSTEM, type AppContext, type RequestMeta } from '../server/src/core/context.js';
import { getCase, listCases } from '../server/src/modules/reintegration/cases.js';
import { generateCases } from './reintegration-caseload.js';
import { onBothEngines, type EngineName } from './lib.js';

const SECRET = 'bench-secret-bench-secret-bench-secret-000';
const PASSWORD = 'banco de pruebas con contraseña larga';
const RUNS = 5;

type Query = (text: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;
interface Captured {
  label: string;
  text: string;
  params: unknown[];
}

/** The driver object drizzle sends statements to: a pg Pool, or the PGlite instance. */
const driverOf = (ctx: AppContext) => (ctx.db as unknown as { session: { client: { query: (...a: unknown[]) => Promise<unknown>; connect?: () => Promise<{ query: Query; release(): void }> } } }).session.client;

/**
 * Captures the statements drizzle sends, as drizzle writes them (before the PGlite engine turns its kept-planned
 * statements into EXECUTE): the session's logger, set before the first statement is prepared.
 */
function captureLogger(ctx: AppContext) {
  let seen: { text: string; params: unknown[] }[] | null = null;
  (ctx.db as unknown as { session: { logger: { logQuery(text: string, params: unknown[]): void } } }).session.logger = {
    logQuery(text, params) {
      seen?.push({ text, params });
    },
  };
  /** Every SELECT `work` sends (not those inside transactions, such as the audit append). */
  return async (work: () => Promise<unknown>) => {
    seen = [];
    try {
      await work();
      return seen.filter((s) => /^\s*(select|with)\b/i.test(s.text) && !/audit_append/.test(s.text));
    } finally {
      seen = null;
    }
  };
}

/** One session for PREPARE and EXECUTE: a pooled client on PostgreSQL, the instance itself on PGlite. */
async function inSession<T>(ctx: AppContext, fn: (q: Query) => Promise<T>): Promise<T> {
  const driver = driverOf(ctx);
  if (ctx.database.engine === 'postgres' && driver.connect) {
    const client = await driver.connect();
    try {
      return await fn((text, params) => client.query(text, params));
    } finally {
      client.release();
    }
  }
  return fn((text, params) => driver.query(text, params) as ReturnType<Query>);
}

/** A bound value as an untyped SQL literal (EXECUTE takes no bind parameters inside EXPLAIN). */
function literal(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return `'${v.toISOString()}'`;
  if (Array.isArray(v)) return `'{${v.map((x) => `"${String(x).replace(/["\\]/g, '\\$&')}"`).join(',')}}'`;
  return `'${String(v).replace(/'/g, "''")}'`;
}

interface Explained {
  planning: number;
  execution: number;
  shape: string;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function parse(rows: Record<string, unknown>[]): Explained {
  const lines = rows.map((r) => String(r['QUERY PLAN']));
  const time = (label: string) => Number(new RegExp(`${label}: ([\\d.]+) ms`).exec(lines.find((l) => l.startsWith(label)) ?? '')?.[1] ?? NaN);
  // The plan's node types and the indexes they use, without costs, times or values.
  const shape = lines
    .filter((l) => l.includes('->') || !/^\s/.test(l))
    .filter((l) => !/^(Planning|Execution)/.test(l))
    .map((l) => l.replace(/\s*\(.*$/, '').replace(/\s+on\s+\S+(\s+\S+)?$/, (m) => m).trim())
    .join(' / ');
  return { planning: time('Planning Time'), execution: time('Execution Time'), shape };
}

async function explain(ctx: AppContext, statement: Captured): Promise<{ custom: Explained; generic: Explained }> {
  return inSession(ctx, async (q) => {
    const custom: Explained[] = [];
    for (let i = 0; i < RUNS; i++) custom.push(parse((await q(`EXPLAIN (ANALYZE, COSTS OFF, SUMMARY ON) ${statement.text}`, statement.params)).rows));
    const generic: Explained[] = [];
    await q('SET plan_cache_mode = force_generic_plan');
    try {
      await q(`PREPARE bench_planning AS ${statement.text}`);
      const args = statement.params.length ? `(${statement.params.map(literal).join(', ')})` : '';
      // The first EXECUTE builds the generic plan; the ones after reuse it, which is what a prepared statement costs.
      await q(`EXECUTE bench_planning${args}`);
      for (let i = 0; i < RUNS; i++) generic.push(parse((await q(`EXPLAIN (ANALYZE, COSTS OFF, SUMMARY ON) EXECUTE bench_planning${args}`)).rows));
    } finally {
      await q('DEALLOCATE ALL');
      await q('RESET plan_cache_mode');
    }
    const pick = (xs: Explained[]) => ({ planning: median(xs.map((x) => x.planning)), execution: median(xs.map((x) => x.execution)), shape: xs[0]!.shape });
    return { custom: pick(custom), generic: pick(generic) };
  });
}

async function benchEngine(engine: EngineName, env: NodeJS.ProcessEnv) {
  const ctx = await openMide(loadConfig(env, { logLevel: 'silent' }), { command: 'bench' });
  const capture = captureLogger(ctx);
  try {
    const email = `planning.${engine}@bench.mide.test`;
    await createUser(ctx, SYSTEM, CLI_META, { email, displayName: 'Caseworker (planning)', roleId: 'case_worker', password: PASSWORD, captureScope: ['HND'], viewScope: ['HND'] });
    const generated = await generateCases(ctx);
    const meta: RequestMeta = { ip: '127.0.0.1', requestId: 'bench-planning', userAgent: 'bench' };
    const { token } = await login(ctx, meta, email, PASSWORD);
    const sessionId = sha256Hex(token);
    const actor = (await loadActor(ctx.db, sessionId, 30))!;
    const [one] = await ctx.database.rows<{ id: string }>(sql`SELECT c.id FROM rn_cases c JOIN org_units o ON o.id = c.org_unit_id WHERE o.path LIKE '%/HND/%' ORDER BY c.arrival_date DESC LIMIT 1`);
    const statements: Captured[] = [
      ...(await capture(() => loadActor(ctx.db, sessionId, 30))).map((s) => ({ ...s, label: 'session lookup (every request, /me)' })),
      ...(await capture(() => getCase(ctx, actor, meta, 'es', one!.id))).map((s, i) => ({ ...s, label: `case read, statement ${i + 1}` })),
      ...(await capture(() => listCases(ctx, actor, meta, 'es', { status: ['registered', 'planning'], overdue: true, q: 'martí', page: 1, page_size: 50 }))).map((s, i) => ({
        ...s,
        label: `caseload status=registered,planning&overdue=true&q=martí, statement ${i + 1}`,
      })),
    ];
    console.log(`\nPlanning of the hot statements, ${engine === 'pglite' ? 'PGlite' : 'PostgreSQL server'} (${generated.counts.rn_cases} cases; median of ${RUNS} EXPLAIN ANALYZE, ms)`);
    console.log('| statement | custom plan: planning | execution | generic plan: planning | execution | same plan shape |');
    console.log('|---|---:|---:|---:|---:|---|');
    const shapes: string[] = [];
    for (const s of statements) {
      const { custom, generic } = await explain(ctx, s);
      const same = custom.shape === generic.shape;
      console.log(`| ${s.label} | ${custom.planning.toFixed(2)} | ${custom.execution.toFixed(2)} | ${generic.planning.toFixed(2)} | ${generic.execution.toFixed(2)} | ${same ? 'yes' : 'no'} |`);
      if (!same) shapes.push(`${s.label}:\n      custom:  ${custom.shape}\n      generic: ${generic.shape}`);
    }
    for (const s of shapes) console.log(`    ${s}`);
  } finally {
    await ctx.database.close();
  }
}

export async function benchPlanning(): Promise<void> {
  await onBothEngines('mide_bench_planning', SECRET, benchEngine);
}

if (import.meta.url === `file://${process.argv[1]}`) await benchPlanning();
