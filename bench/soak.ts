// The soak (issue 12): mixed traffic at 50 connections for MIDE_SOAK_SECONDS (600 by default, 10 minutes) against
// TWO `mide serve` processes (the compiled server, same MIDE_SECRET) on one PostgreSQL server started for the
// occasion (scripts/pg-test-server.sh, loopback only). The traffic: sign-ins, profile reads (/me), person and case
// reads (audited), case writes (an assessment, with the CSRF token), the caseload, an evidence import preview and
// import, the analytics CSV, the person export, and an administrator (second factor) reading the users and the
// audit log. Each route is driven by its own autocannon instance whose connections alternate between the two
// processes. Prints per route: requests, unexpected answers (any status other than the route's expected one) and
// timeouts, p50/p95/p99 over every answer; each process's RSS (VmRSS, sampled every 5 s): first, last, max; and
// `mide audit verify` over the chain both processes appended to. Stops by itself, stops both servers and the
// PostgreSQL server and removes its temporary folders, also on failure.
// Needs `npm run build -w server` first (the servers run from server/dist).
// Run: MIDE_SOAK_SECONDS=60 npx tsx bench/soak.ts
import autocannon from 'autocannon';
import { execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '../server/src/core/config.js';
import { openMide } from '../server/src/composition/index.js';
import { createUser } from '../server/src/core/access/users.js';
import { CLI_META, SYSTEM } from '../server/src/core/context.js';
import { totpFor } from '../server/src/core/crypto.js';
import { cli, freePort, root, rssMiB, startServer, stopServer, waitForHealth } from './lib.js';

const SECRET = 'soak-secret-soak-secret-soak-secret-00000';
const PASSWORD = 'banco de pruebas con contraseña larga';
const CONNECTIONS = 50;
/** Persons registered, each with a case, spread over the caseworkers. */
const PEOPLE = 300;
const RSS_EVERY_MS = 5_000;

function soakSeconds(): number {
  const raw = process.env.MIDE_SOAK_SECONDS ?? '600';
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 5 || n > 3_600) throw new Error(`MIDE_SOAK_SECONDS: a whole number of seconds from 5 to 3600, not "${raw}"`);
  return n;
}

interface Session {
  email: string;
  cookie: string;
  csrf: string;
}

interface Route {
  label: string;
  /** Connections, split evenly between the two processes. */
  connections: number;
  /** Requests per second over all this route's connections; unset: as fast as answers come. */
  rate?: number;
  expected: number;
  request: (n: number) => { method: 'GET' | 'POST'; path: string; headers: Record<string, string>; body?: string };
}

interface RouteFigures {
  label: string;
  requests: number;
  unexpected: Record<string, number>;
  errors: number;
  timeouts: number;
  p50: number;
  p95: number;
  p99: number;
  samples: string[];
}

const json = { 'content-type': 'application/json' };

async function post(baseUrl: string, path: string, body: unknown, session?: Session): Promise<Response> {
  const headers: Record<string, string> = { ...json, ...(session && { cookie: session.cookie, 'x-csrf-token': session.csrf }) };
  return fetch(`${baseUrl}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
}

async function expectOk(res: Response, what: string): Promise<unknown> {
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${text.slice(0, 500)}`);
  return text ? JSON.parse(text) : null;
}

/** Password sign-in; an administrator enrols a second factor, as the first sign-in of a new administrator does. */
async function signIn(baseUrl: string, email: string): Promise<Session> {
  const res = await post(baseUrl, '/api/v1/auth/login', { email, password: PASSWORD });
  const body = (await expectOk(res, `sign-in ${email}`)) as { next: string; csrfToken: string };
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  let csrf = body.csrfToken;
  if (body.next === 'mfa_enroll') {
    const start = (await expectOk(await post(baseUrl, '/api/v1/auth/mfa/enroll/start', {}, { email, cookie, csrf }), 'enrol start')) as { secret: string };
    const code = totpFor(start.secret, email).generate();
    csrf = ((await expectOk(await post(baseUrl, '/api/v1/auth/mfa/enroll/confirm', { code }, { email, cookie, csrf }), 'enrol confirm')) as { csrfToken: string }).csrfToken;
  } else if (body.next !== 'done') throw new Error(`sign-in ${email}: unexpected next step ${body.next}`);
  return { email, cookie, csrf };
}

/** One autocannon instance for one route, over both processes, keeping every answer's latency and status. */
function drive(route: Route, baseUrls: string[], seconds: number): Promise<RouteFigures> {
  const latencies: number[] = [];
  const unexpected: Record<string, number> = {};
  const samples: string[] = [];
  let n = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        // autocannon takes several URLs and gives connection i the URL i % count (its types say one string).
        url: baseUrls as unknown as string,
        connections: route.connections,
        duration: seconds,
        ...(route.rate !== undefined && { overallRate: route.rate }),
        timeout: 10,
        requests: [
          {
            setupRequest: (req) => ({ ...req, ...route.request(n++) }),
            onResponse: (status, body) => {
              if (status === route.expected) return;
              unexpected[status] = (unexpected[status] ?? 0) + 1;
              if (samples.length < 5) samples.push(`${status} ${String(body).slice(0, 300)}`);
            },
          },
        ],
      },
      (error: unknown, result) => {
        if (error) return reject(error);
        latencies.sort((a, b) => a - b);
        const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
        resolve({ label: route.label, requests: latencies.length, unexpected, errors: result.errors, timeouts: result.timeouts, p50: at(0.5), p95: at(0.95), p99: at(0.99), samples });
      },
    );
    instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  });
}

function routes(s: { caseworkers: Session[]; analyst: Session; admin: Session; personIds: string[]; caseIds: string[]; dataElement: string }): Route[] {
  const worker = (n: number) => s.caseworkers[n % s.caseworkers.length]!;
  const as = (x: Session, write = false) => ({ cookie: x.cookie, ...(write && { ...json, 'x-csrf-token': x.csrf }) });
  // Person (and case) i was registered by caseworker i % count, who may see it.
  const own = (n: number, ids: string[]) => ({ who: worker(n % ids.length), id: ids[n % ids.length]! });
  const csv = (n: number) =>
    Buffer.from(['ou,pe,lote,value', ...['2019', '2020', '2021'].map((pe, k) => `GTM,${pe},${n},${(n * 3 + k) % 100_000}`)].join('\n')).toString('base64');
  const mapping = { layout: 'long', orgUnit: { column: 'ou' }, period: { column: 'pe' }, dataElement: { id: s.dataElement }, value: 'value', disaggregations: [{ column: 'lote', name: 'lote' }] };
  return [
    { label: 'POST /auth/login', connections: 2, rate: 4, expected: 200, request: (n) => ({ method: 'POST', path: '/api/v1/auth/login', headers: json, body: JSON.stringify({ email: worker(n).email, password: PASSWORD }) }) },
    { label: 'GET /me', connections: 12, expected: 200, request: (n) => ({ method: 'GET', path: '/api/v1/me', headers: as(n % 5 === 4 ? s.analyst : worker(n)) }) },
    { label: 'GET /persons/:id (audited)', connections: 6, expected: 200, request: (n) => { const o = own(n, s.personIds); return { method: 'GET', path: `/api/v1/persons/${o.id}`, headers: as(o.who) }; } },
    { label: 'GET /reintegration/cases/:id (audited)', connections: 6, expected: 200, request: (n) => { const o = own(n, s.caseIds); return { method: 'GET', path: `/api/v1/reintegration/cases/${o.id}`, headers: as(o.who) }; } },
    { label: 'GET /reintegration/cases (caseload)', connections: 4, expected: 200, request: (n) => ({ method: 'GET', path: '/api/v1/reintegration/cases?status=registered', headers: as(worker(n)) }) },
    {
      label: 'POST /reintegration/cases/:id/assessments',
      connections: 6,
      rate: 10,
      expected: 200,
      request: (n) => {
        const o = own(n, s.caseIds);
        return { method: 'POST', path: `/api/v1/reintegration/cases/${o.id}/assessments`, headers: as(o.who, true), body: JSON.stringify({ kind: 'vulnerability', answers: { factors: n % 2 ? ['single_parent'] : [], level: (['low', 'medium', 'high'] as const)[n % 3], notes: `visita ${n}` } }) };
      },
    },
    { label: 'POST /imports/preview', connections: 2, rate: 2, expected: 200, request: (n) => ({ method: 'POST', path: '/api/v1/imports/preview', headers: as(s.analyst, true), body: JSON.stringify({ fileName: `soak-${n}.csv`, contentBase64: csv(1_000_000 + n), mapping }) }) },
    { label: 'POST /imports', connections: 2, rate: 1, expected: 201, request: (n) => ({ method: 'POST', path: '/api/v1/imports', headers: as(s.analyst, true), body: JSON.stringify({ fileName: `soak-${n}.csv`, contentBase64: csv(n), mapping }) }) },
    { label: 'GET /analytics format=csv', connections: 4, expected: 200, request: () => ({ method: 'GET', path: '/api/v1/analytics?dx=remittances_received_usd&ou=GTM,HND,SLV,MEX&pe=2000..2024&format=csv', headers: {} }) },
    { label: 'GET /persons/:id/export', connections: 4, expected: 200, request: (n) => { const o = own(n, s.personIds); return { method: 'GET', path: `/api/v1/persons/${o.id}/export`, headers: as(o.who) }; } },
    { label: 'GET /admin/users, /audit (admin)', connections: 2, expected: 200, request: (n) => ({ method: 'GET', path: n % 2 ? '/api/v1/admin/users' : '/api/v1/audit', headers: as(s.admin) }) },
  ];
}

/** Administrator, four caseworkers (two in Guatemala, two in Honduras), an analyst in Guatemala; then persons and cases. */
async function prepare(env: NodeJS.ProcessEnv): Promise<void> {
  const ctx = await openMide(loadConfig(env, { logLevel: 'silent' }), { command: 'bench' });
  try {
    const user = (email: string, roleId: string, scope: string[]) =>
      createUser(ctx, SYSTEM, CLI_META, { email, displayName: email.split('@')[0]!, roleId, password: PASSWORD, captureScope: scope, viewScope: scope });
    await user('admin@soak.mide.test', 'admin', ['001']);
    for (const [i, country] of ['GTM', 'GTM', 'HND', 'HND'].entries()) await user(`caseworker${i}@soak.mide.test`, 'case_worker', [country]);
    await user('analyst@soak.mide.test', 'analyst', ['GTM']);
  } finally {
    await ctx.database.close();
  }
}

async function seed(baseUrl: string, caseworkers: Session[], analyst: Session): Promise<{ personIds: string[]; caseIds: string[]; dataElement: string }> {
  const personIds: string[] = [];
  const caseIds: string[] = [];
  const arrival = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
  for (let i = 0; i < PEOPLE; i++) {
    const who = caseworkers[i % caseworkers.length]!;
    const country = i % caseworkers.length < 2 ? 'GTM' : 'HND';
    const person = (await expectOk(
      await post(baseUrl, '/api/v1/persons', { givenName: `Persona ${i}`, familyName: `Retornada ${i % 37}`, birthDate: `19${70 + (i % 30)}-0${1 + (i % 9)}-1${i % 10}`, sex: i % 3 ? 'male' : 'female', nationalityIso3: country, orgUnitCode: country, documents: [{ kind: 'national_id', number: `SOAK-${country}-${100000 + i}`, issuingCountryIso3: country }] }, who),
      'register person',
    )) as { id: string };
    const c = (await expectOk(
      await post(baseUrl, '/api/v1/reintegration/cases', { person_id: person.id, org_unit: country, arrival_date: arrival, returned_from_iso3: 'USA', return_how: 'forced', household_size: 1 + (i % 6), immediate_needs: ['no_income'] }, who),
      'register case',
    )) as { id: string };
    personIds.push(person.id);
    caseIds.push(c.id);
  }
  const dataElement = 'soak_remesas_lote';
  await expectOk(
    await post(baseUrl, '/api/v1/data-elements', { id: dataElement, nameEs: 'Remesas por lote (soak)', nameEn: 'Remittances by batch (soak)', unit: 'usd', periodType: 'year', aggregation: 'sum', publisher: 'Banco de pruebas' }, analyst),
    'define data element',
  );
  return { personIds, caseIds, dataElement };
}

interface RssSeries {
  label: string;
  pid: number;
  samples: number[];
}

function sampleRss(series: RssSeries[]): () => void {
  const take = () => {
    for (const s of series) {
      try {
        s.samples.push(rssMiB(s.pid));
      } catch {
        // the process has exited; its last figure stays the last
      }
    }
  };
  take();
  const timer = setInterval(take, RSS_EVERY_MS);
  return () => {
    clearInterval(timer);
    take();
  };
}

export async function benchSoak(): Promise<void> {
  const seconds = soakSeconds();
  const pgDir = mkdtempSync(join(tmpdir(), 'mide-soak-pg-'));
  const pgPort = await freePort();
  const adminUrl = execFileSync('bash', [`${root}scripts/pg-test-server.sh`, 'start', pgDir, String(pgPort)], { encoding: 'utf8' }).trim();
  const servers: ChildProcess[] = [];
  // Interrupted (Ctrl-C, a CI timeout): the servers die with the process group, but pg_ctl's server does not, so
  // stop it and remove its folder before leaving.
  const interrupted = (signal: NodeJS.Signals) => {
    for (const s of servers) if (s.exitCode === null) s.kill('SIGKILL');
    try {
      execFileSync('bash', [`${root}scripts/pg-test-server.sh`, 'stop', pgDir]);
    } finally {
      process.exit(signal === 'SIGINT' ? 130 : 143);
    }
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query('CREATE DATABASE mide_soak');
    await admin.end();
    const env = { DATABASE_URL: adminUrl.replace(/\/postgres$/, '/mide_soak'), MIDE_SECRET: SECRET };
    const t0 = performance.now();
    await prepare(env);
    const ports = [await freePort(), await freePort()];
    for (const port of ports) servers.push(startServer(port, env));
    const baseUrls = ports.map((p) => `http://127.0.0.1:${p}`);
    for (const [i, url] of baseUrls.entries()) await waitForHealth(url, servers[i]!);
    const caseworkers: Session[] = [];
    for (let i = 0; i < 4; i++) caseworkers.push(await signIn(baseUrls[i % 2]!, `caseworker${i}@soak.mide.test`));
    const analyst = await signIn(baseUrls[0]!, 'analyst@soak.mide.test');
    const adminSession = await signIn(baseUrls[1]!, 'admin@soak.mide.test');
    const seeded = await seed(baseUrls[0]!, caseworkers, analyst);
    const plan = routes({ caseworkers, analyst, admin: adminSession, ...seeded });
    const total = plan.reduce((sum, r) => sum + r.connections, 0);
    if (total !== CONNECTIONS) throw new Error(`the routes use ${total} connections, not ${CONNECTIONS}`);
    console.log(
      `\nSoak: ${CONNECTIONS} connections of mixed traffic for ${seconds} s over two server processes on one PostgreSQL server ` +
        `(${PEOPLE} persons with a case, 4 caseworkers, an analyst, an administrator; prepared in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
    );
    const rss = servers.map((s, i) => ({ label: `process ${i + 1} (pid ${s.pid})`, pid: s.pid!, samples: [] as number[] }));
    const loadAtStart = loadavg()[0]!;
    const stopSampling = sampleRss(rss);
    const started = performance.now();
    let figures: RouteFigures[];
    try {
      figures = await Promise.all(plan.map((r) => drive(r, baseUrls, seconds)));
    } finally {
      stopSampling();
    }
    const elapsed = (performance.now() - started) / 1000;
    for (const [i, s] of servers.entries()) if (s.exitCode !== null) console.log(`process ${i + 1} exited with ${s.exitCode} during the soak`);

    console.log('| route | conns | requests | req/s | unexpected | errors | timeouts | p50 ms | p95 ms | p99 ms |');
    console.log('|---|---:|---:|---:|---|---:|---:|---:|---:|---:|');
    for (const [i, f] of figures.entries()) {
      const bad = Object.entries(f.unexpected).map(([status, count]) => `${count}×${status}`).join(' ') || '0';
      console.log(`| ${f.label} | ${plan[i]!.connections} | ${f.requests} | ${(f.requests / elapsed).toFixed(1)} | ${bad} | ${f.errors} | ${f.timeouts} | ${f.p50.toFixed(1)} | ${f.p95.toFixed(1)} | ${f.p99.toFixed(1)} |`);
    }
    const unexpected = figures.reduce((sum, f) => sum + Object.values(f.unexpected).reduce((a, b) => a + b, 0), 0);
    const errors = figures.reduce((sum, f) => sum + f.errors, 0);
    const requests = figures.reduce((sum, f) => sum + f.requests, 0);
    console.log(`Total: ${requests} answers in ${elapsed.toFixed(0)} s (${(requests / elapsed).toFixed(0)} req/s); ${unexpected} unexpected answers, ${errors} errors (of which ${figures.reduce((s, f) => s + f.timeouts, 0)} timeouts).`);
    for (const f of figures) for (const sample of f.samples) console.log(`  ${f.label}: ${sample}`);

    // The first sample is taken before any traffic; the one a minute in shows the process warmed up, so growth
    // after it (not after the first) is what would point at a leak.
    const warm = Math.min(Math.round(60_000 / RSS_EVERY_MS), Math.floor(seconds / (RSS_EVERY_MS / 1000)));
    console.log(`\nMemory (VmRSS every ${RSS_EVERY_MS / 1000} s, MiB)`);
    console.log(`| process | first (before traffic) | after ${(warm * RSS_EVERY_MS) / 1000} s | last | max | samples |`);
    console.log('|---|---:|---:|---:|---:|---:|');
    for (const r of rss) {
      console.log(`| ${r.label} | ${r.samples[0]?.toFixed(0)} | ${r.samples[warm]?.toFixed(0)} | ${r.samples.at(-1)?.toFixed(0)} | ${Math.max(...r.samples).toFixed(0)} | ${r.samples.length} |`);
    }
    console.log(`Machine load average (1 min) at start ${loadAtStart.toFixed(1)}, at end ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores (other work on the machine slows every figure above).`);

    for (const s of servers) await stopServer(s);
    try {
      console.log(`\nmide audit verify after the soak: ${cli(['audit', 'verify'], env).trim().split('\n').join(' / ')}`);
    } catch (error) {
      const e = error as { status?: number; stdout?: string; stderr?: string };
      console.log(`\nmide audit verify after the soak FAILED (exit ${e.status}): ${(e.stdout ?? '') + (e.stderr ?? '')}`);
    }
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    for (const s of servers) await stopServer(s);
    execFileSync('bash', [`${root}scripts/pg-test-server.sh`, 'stop', pgDir]);
    rmSync(pgDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchSoak();
