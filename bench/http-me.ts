// Requests per second and p99 of GET /api/v1/me (authenticated) at 50 connections for 10 s, on PGlite and on
// PostgreSQL, each beside GET /api/v1/health in the same run as the baseline. Needs `npm run build` first.
// Run: npx tsx bench/http-me.ts
import { cli, freePort, load, onBothEngines, printLoads, startServer, stopServer, waitForHealth } from './lib.js';

const PASSWORD = 'banco de pruebas con contraseña larga';
const SECRET = 'bench-secret-bench-secret-bench-secret-000';

async function signIn(baseUrl: string, email: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${res.status}: ${await res.text()}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  return cookie;
}

async function benchEngine(engine: 'pglite' | 'postgres', env: NodeJS.ProcessEnv) {
  const email = `viewer.${engine}@bench.mide.test`;
  // A viewer has no second factor to pass; /me still loads the session, role and scopes.
  cli(['users', 'create', '--email', email, '--role', 'viewer', '--scope', 'GTM,HND,SLV'], env, `${PASSWORD}\n`);
  const port = await freePort();
  const server = startServer(port, env);
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(baseUrl, server);
    const cookie = await signIn(baseUrl, email);
    await load('warm-up', `${baseUrl}/api/v1/me`, { cookie }, 2);
    const health = await load('GET /api/v1/health (baseline)', `${baseUrl}/api/v1/health`);
    const me = await load('GET /api/v1/me (signed in)', `${baseUrl}/api/v1/me`, { cookie });
    printLoads(`${engine === 'pglite' ? 'PGlite (embedded)' : 'PostgreSQL server'}: 50 connections, 10 s each`, [health, me], health);
  } finally {
    await stopServer(server);
  }
}

export async function benchHttpMe(): Promise<void> {
  await onBothEngines('mide_bench', SECRET, benchEngine);
}

if (import.meta.url === `file://${process.argv[1]}`) await benchHttpMe();
