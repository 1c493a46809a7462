import fc from 'fast-check';
import { eq, sql, inArray } from 'drizzle-orm';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type Session, type TestPlatform } from '../../test/platform.js';
import { registeredRoutes } from '../../test/routes.js';
import { sessions, users } from '../access/schema.js';
import { appendAudit } from '../audit/store.js';
import { sha256Hex } from '../crypto.js';

/**
 * Property-based fuzzing of every route of the API, in CI. The routes come from the OpenAPI document the app
 * serves (which carries each route's params, query and body as JSON Schema, generated from the zod schemas), so
 * a new route is fuzzed by itself, with payloads built from its own schema: a plausible request, then one
 * hostile change (a wrong type, a huge or unicode-edge string, an edge number, deep nesting, an unknown field,
 * an array where an object goes, a hostile path parameter). Each is sent anonymously, as a signed-in admin and
 * as a viewer, both with a valid CSRF token.
 *
 * Outcome: never a 5xx; and for a refused request (4xx), nothing written: the database is the same
 * before and after: no row of any table written, except what a refused request legitimately changes (see
 * `installWriteLog`).
 *
 * Deterministic (fixed seed; MIDE_FUZZ_SEED to replay another) and bounded (MIDE_FUZZ_RUNS per route).
 */

const SEED = Number(process.env.MIDE_FUZZ_SEED ?? 20261204);
const RUNS_PER_ROUTE = Number(process.env.MIDE_FUZZ_RUNS ?? 6);

// ---- the routes, from the OpenAPI document -----------------------------------------------------------------

type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  default?: unknown;
};

interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema: JsonSchema;
}

interface Operation {
  method: string;
  path: string;
  params: Parameter[];
  body: JsonSchema | undefined;
}

function operationsOf(doc: { paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema: JsonSchema }> } }>> }): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      ops.push({
        method: method.toUpperCase(),
        path,
        params: op.parameters ?? [],
        body: op.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  return ops;
}

// ---- plausible values from a schema --------------------------------------------------------------------------

/** A well-formed UUID (version 4) that no row has: fixed, so that a failing case replays the same. */
const NO_SUCH_ID = '6b0c8a52-3f1e-4c7a-9d2b-5e8f1a4c7d90';

const STRING_CANDIDATES = [
  'GTM', 'GT01', 'es', 'x', '2024', '2024-01', '2024-01-15', 'USA-MEX', '2024Q1', '2024-Q1', '2024-H1', '2024-S1',
  '123456', 'https://example.org/x', 'abc', 'T', 'fuzz@example.org', '1',
];

function plausible(schema: JsonSchema | undefined, depth = 0): unknown {
  if (!schema || depth > 6) return null;
  if (schema.const !== undefined) return schema.const;
  if (schema.default !== undefined) return schema.default;
  if (schema.enum?.length) return schema.enum[0];
  const options = schema.anyOf ?? schema.oneOf;
  if (options?.length) return plausible(options.find((o) => o.type !== 'null') ?? options[0], depth + 1);
  if (schema.allOf?.length) return plausible(schema.allOf[0], depth + 1);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'string':
      return plausibleString(schema);
    case 'integer':
    case 'number':
      return schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1);
    case 'boolean':
      return false;
    case 'array':
      return Array.from({ length: Math.max(schema.minItems ?? 0, 1) }, () => plausible(schema.items, depth + 1));
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [name, prop] of Object.entries(schema.properties ?? {})) out[name] = plausible(prop, depth + 1);
      return out;
    }
    default:
      return schema.properties ? plausible({ ...schema, type: 'object' }, depth) : 'x';
  }
}

function plausibleString(schema: JsonSchema): string {
  if (schema.format === 'uuid') return NO_SUCH_ID;
  if (schema.format === 'date') return '2024-01-15';
  if (schema.format === 'date-time') return '2024-01-15T10:00:00.000Z';
  if (schema.format === 'email') return 'fuzz@example.org';
  const fits = (s: string) =>
    s.length >= (schema.minLength ?? 0) && s.length <= (schema.maxLength ?? Infinity) && (!schema.pattern || new RegExp(schema.pattern, 'u').test(s));
  const found = STRING_CANDIDATES.find(fits);
  if (found) return found;
  return 'x'.repeat(Math.max(schema.minLength ?? 1, 1));
}

// ---- hostile values --------------------------------------------------------------------------------------------

const MB = 1024 * 1024;
/** Built once: 10,000 levels of nesting, as JSON text (JSON.stringify would recurse as deep). */
const DEEP_JSON = '['.repeat(5000) + '{"a":'.repeat(5000) + '1' + '}'.repeat(5000) + ']'.repeat(5000);
const DEEP = { __deep: true } as const;
const HUGE = 'x'.repeat(MB + 7);

const UNICODE_EDGES = [
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDFFFy',
  '\u202Eabc\u202C',
  '\u200F\u200E',
  'e\u0301\u0302\u0303\u0304\u0305',
  '😀👩🏽‍🌾🇬🇹',
  '\uFFFF',
  '\uFEFF',
  '\u2028\u2029',
  '',
  ' ',
  '\t\n\r',
  '%00',
  '../../../etc/passwd',
  "'; SELECT pg_sleep(0); --",
  '<script>alert(1)</script>',
  '=cmd|"/c calc"!A1',
  'a'.repeat(10_000),
];

const NUMBER_EDGES: unknown[] = [
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  1e308,
  -0,
  -1,
  0.5,
  Number.MAX_SAFE_INTEGER + 2,
  -(2 ** 63),
  2 ** 63,
  2 ** 31,
  '12abc',
  '0x10',
  ' 1 ',
];

const WRONG_TYPES: unknown[] = [null, true, false, 0, 'x', [], {}, [[[]]], { a: { b: {} } }, [{ a: 1 }], ['x']];

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...UNICODE_EDGES),
  fc.constantFrom(...NUMBER_EDGES),
  fc.constantFrom(...WRONG_TYPES),
  fc.constantFrom(DEEP, HUGE, NO_SUCH_ID, '00000000-0000-0000-0000-000000000000'),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.oneof(fc.integer(), fc.double()),
);

const HOSTILE_PATH_SEGMENTS = [
  '%00',
  'a%00b',
  '..',
  '%2e%2e',
  '%2e%2e%2f%2e%2e',
  '%ZZ',
  '%ED%A0%80', // a lone surrogate in CESU-8: invalid UTF-8
  '%F0%9F%98%80',
  '%EF%BF%BF',
  '%E2%80%AE',
  'a'.repeat(5000),
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '-1',
  '1e309',
  'NaN',
];

type Identity = 'anonymous' | 'admin' | 'viewer';

type Change =
  | { kind: 'field'; where: 'body' | 'query'; index: number; value: unknown }
  | { kind: 'drop'; where: 'body' | 'query'; index: number }
  | { kind: 'unknown_field'; where: 'body' | 'query'; value: unknown }
  | { kind: 'whole_body'; value: unknown }
  | { kind: 'raw_body'; text: string }
  | { kind: 'path'; index: number; segment: string }
  | { kind: 'duplicate_query'; index: number }
  | { kind: 'all_strings'; value: string }
  | { kind: 'string_at'; index: number; value: string }
  | { kind: 'none' };

const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...UNICODE_EDGES) },
  { weight: 1, arbitrary: fc.constantFrom('1e309', 'NaN', '-0', '99999999999999999999999', HUGE) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }).map((t) => `${t}\u0000${t}`) },
);

const change: fc.Arbitrary<Change> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('all_strings' as const), value: hostileString }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('string_at' as const), index: fc.nat(30), value: hostileString }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('field' as const), where: fc.constantFrom('body' as const, 'query' as const), index: fc.nat(40), value: hostileValue }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('drop' as const), where: fc.constantFrom('body' as const, 'query' as const), index: fc.nat(40) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('unknown_field' as const), where: fc.constantFrom('body' as const, 'query' as const), value: hostileValue }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('whole_body' as const), value: hostileValue }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('raw_body' as const),
      text: fc.constantFrom(DEEP_JSON, '{"a":', 'null', '[]', '"x"', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"x":1}}}', '\u0000', '{"a":"\\u0000"}', '{"a":"\\ud800"}'),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('path' as const), index: fc.nat(3), segment: fc.constantFrom(...HOSTILE_PATH_SEGMENTS) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicate_query' as const), index: fc.nat(10) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
);

// Mostly the admin, who passes every permission check, so that most payloads reach the schemas and handlers.
const identity = fc.oneof(
  { weight: 3, arbitrary: fc.constant<Identity>('admin') },
  { weight: 1, arbitrary: fc.constant<Identity>('viewer') },
  { weight: 1, arbitrary: fc.constant<Identity>('anonymous') },
);
const fuzzCase = fc.record({ identity, change, pick: fc.nat() });
type FuzzCase = { identity: Identity; change: Change; pick: number };

/**
 * Ids that exist (one or two rows of every table with a uuid id, collected at the start) and one that does not:
 * a path parameter takes one of them, so payloads reach handlers holding real records, not only the 404.
 */
let idPool: string[] = [NO_SUCH_ID];
let idsByTable = new Map<string, string[]>();

/** Ids for the path parameter after `segment` (`quotes` in `/quotes/{id}`): those of tables named like it first. */
function idsFor(segment: string): string[] {
  const stem = segment.replace(/-/g, '_').replace(/(ies|s)$/, '');
  const matching = [...idsByTable].filter(([table]) => table.includes(stem)).flatMap(([, ids]) => ids);
  return matching.length ? [...matching, NO_SUCH_ID] : idPool;
}

/** Cases every route gets first, whatever the random draw: the classic ones, so that none is left to chance. */
function examplesFor(op: Operation): [FuzzCase][] {
  const cases: Omit<FuzzCase, 'pick'>[] = [
    { identity: 'admin', change: { kind: 'none' } },
    { identity: 'admin', change: { kind: 'all_strings', value: 'a\u0000b' } },
    { identity: 'anonymous', change: { kind: 'all_strings', value: 'a\u0000b' } },
    { identity: 'viewer', change: { kind: 'all_strings', value: 'a\u0000b' } },
    { identity: 'admin', change: { kind: 'all_strings', value: 'x\uD800y' } },
    { identity: 'admin', change: { kind: 'all_strings', value: '1e309' } },
    { identity: 'admin', change: { kind: 'all_strings', value: 'a'.repeat(10_000) } },
    { identity: 'admin', change: { kind: 'unknown_field', where: op.body ? 'body' : 'query', value: { a: 1 } } },
  ];
  for (let i = 0; i < Math.min(stringSlots(op), 8); i++) cases.push({ identity: 'admin', change: { kind: 'string_at', index: i, value: 'a\u0000b' } });
  if (op.params.some((p) => p.in === 'path')) {
    cases.push({ identity: 'admin', change: { kind: 'path', index: 0, segment: '%00' } });
    cases.push({ identity: 'admin', change: { kind: 'path', index: 0, segment: '00000000-0000-0000-0000-000000000000' } });
  }
  if (op.body) {
    cases.push({ identity: 'admin', change: { kind: 'raw_body', text: DEEP_JSON } });
    cases.push({ identity: 'admin', change: { kind: 'whole_body', value: [] } });
    cases.push({ identity: 'admin', change: { kind: 'all_strings', value: HUGE } });
  }
  return cases.map((c, i) => [{ ...c, pick: i }]);
}

// ---- building and sending a request ----------------------------------------------------------------------------

interface BuiltRequest {
  method: string;
  url: string;
  /** JSON text of the body, or undefined for none. */
  payload: string | undefined;
}

/** JSON text of a value, with the deep-nesting marker replaced by 10,000 levels. */
function toJson(value: unknown): string {
  const text = JSON.stringify(value, (_key, v: unknown) => (v === DEEP ? '\u0001DEEP\u0001' : v));
  return text.replace(/"\\u0001DEEP\\u0001"/g, DEEP_JSON);
}

/** A query-string value, percent-encoded; a lone surrogate (which encodeURIComponent refuses) as invalid UTF-8. */
function encodeQueryValue(value: unknown): string {
  const text = typeof value === 'string' ? value : value === DEEP ? DEEP_JSON : JSON.stringify(value);
  return text.replace(/[\uD800-\uDFFF]/gu, '\u0001').split('\u0001').map(encodeURIComponent).join('%ED%A0%80');
}

/** Every string of a plausible value (field values, not names) replaced by one hostile string. */
function replaceStrings(value: unknown, by: string): unknown {
  if (typeof value === 'string') return by;
  if (Array.isArray(value)) return value.map((v) => replaceStrings(v, by));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceStrings(v, by)]));
  return value;
}

/** The one string of a plausible value at position `index` (counting every string leaf, in order) replaced. */
function replaceStringAt(value: unknown, index: number, by: string): unknown {
  let seen = 0;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return seen++ === index ? by : v;
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value);
}

function countStrings(value: unknown): number {
  if (typeof value === 'string') return 1;
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + countStrings(v), 0);
  if (value && typeof value === 'object') return Object.values(value).reduce((n: number, v) => n + countStrings(v), 0);
  return 0;
}

/** The query parameters a plausible request sends: the required ones and the free ones (optional choices are left out). */
function sentQueryParams(op: Operation): Parameter[] {
  return op.params.filter((p) => p.in === 'query' && (p.required || p.schema.enum === undefined));
}

/** How many strings a plausible request of the route holds (path parameters, then query, then body). */
function stringSlots(op: Operation): number {
  const params = [...op.params.filter((p) => p.in === 'path'), ...sentQueryParams(op)].filter((p) => typeof plausible(p.schema) === 'string').length;
  return params + countStrings(plausible(op.body));
}

function build(op: Operation, c: Change, pick = 0): BuiltRequest {
  const pathParams = op.params.filter((p) => p.in === 'path');
  const slots = Math.max(stringSlots(op), 1);
  let slot = c.kind === 'string_at' ? c.index % slots : -1;
  /** For `string_at`: whether the next string slot is the one to replace. */
  const takeSlot = () => c.kind === 'string_at' && slot-- === 0;
  let pathIndex = 0;
  const target = c.kind === 'path' && pathParams.length ? c.index % pathParams.length : -1;
  const url = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const param = pathParams.find((p) => p.name === name);
    const i = pathIndex++;
    if (c.kind === 'path' && i === target) return c.segment;
    const ids = param?.schema.format === 'uuid' ? idsFor(op.path.split(`/{${name}}`)[0]!.split('/').pop() ?? '') : [];
    const value = ids.length ? ids[(pick + i) % ids.length] : plausible(param?.schema);
    if ((c.kind === 'all_strings' || takeSlot()) && typeof value === 'string') return encodeQueryValue((c as { value: string }).value);
    return encodeURIComponent(String(value));
  });

  const query: [string, string][] = sentQueryParams(op).map((p) => {
      const value = plausible(p.schema);
      const replace = typeof value === 'string' && (c.kind === 'all_strings' || takeSlot());
      return [p.name, encodeQueryValue(replace ? (c as { value: string }).value : value)];
    });
  if (c.kind === 'field' && c.where === 'query' && query.length) {
    const i = c.index % query.length;
    query[i] = [query[i]![0], encodeQueryValue(c.value)];
  } else if (c.kind === 'drop' && c.where === 'query' && query.length) {
    query.splice(c.index % query.length, 1);
  } else if (c.kind === 'unknown_field' && c.where === 'query') {
    query.push(['fuzzUnknown', encodeQueryValue(c.value)]);
  } else if (c.kind === 'duplicate_query' && query.length) {
    query.push(query[c.index % query.length]!);
  }
  const search = query.length ? `?${query.map(([k, v]) => `${k}=${v}`).join('&')}` : '';

  let payload: string | undefined;
  if (op.body || c.kind === 'whole_body' || c.kind === 'raw_body') {
    let body = plausible(op.body);
    if (c.kind === 'whole_body') body = c.value;
    else if (c.kind === 'all_strings') body = replaceStrings(body, c.value);
    else if (c.kind === 'string_at' && slot >= 0) body = replaceStringAt(body, slot, c.value);
    else if (body && typeof body === 'object' && !Array.isArray(body)) {
      const record = body as Record<string, unknown>;
      const names = Object.keys(record);
      if (c.kind === 'field' && c.where === 'body' && names.length) record[names[c.index % names.length]!] = c.value;
      else if (c.kind === 'drop' && c.where === 'body' && names.length) delete record[names[c.index % names.length]!];
      else if (c.kind === 'unknown_field' && c.where === 'body') record.fuzzUnknown = c.value;
    }
    payload = c.kind === 'raw_body' ? c.text : toJson(body ?? {});
  }
  return { method: op.method, url: `${url}${search}`, payload };
}

function describeCase(req: BuiltRequest, identity: Identity, res: LightMyRequestResponse | undefined, extra = ''): string {
  const cut = (s: string | undefined, n: number) => (s === undefined ? '(none)' : s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);
  return [
    `${req.method} ${cut(req.url, 300)} as ${identity}`,
    `payload: ${cut(req.payload, 400)}`,
    res ? `answer: ${res.statusCode} ${cut(res.body, 600)}` : '',
    extra,
  ]
    .filter(Boolean)
    .join('\n');
}

// ---- what a request wrote ---------------------------------------------------------------------------------------

/**
 * Every row written to any table is noted by a trigger installed on the test database (a log rather than a
 * checksum of every table after each request: as strict, it also sees a write undone by a later one, and costs
 * one small query per request instead of reading every table). A write in a transaction that rolls back
 * disappears with it, as it should: only what a request left behind counts.
 *
 * What a refused request may legitimately change, and nothing else:
 * - `sessions.last_seen_at`: every authenticated request refreshes it (the idle timeout), refused or not;
 * - `login_throttle`: failed sign-ins and codes are counted, which is the point of the throttle;
 * - audit entries of failed sign-ins, second-factor codes and re-authentications (security events kept on
 *   purpose). Every other audit entry (reads, writes) must come only with a successful answer.
 */
const REFUSAL_AUDIT_ACTIONS = ['auth.login_failed', 'auth.mfa_failed', 'auth.reauth_failed'];
const UNWATCHED_TABLES = ['login_throttle', 'fuzz_writes'];

async function installWriteLog(platform: TestPlatform): Promise<number> {
  const db = platform.ctx.database;
  await db.rows(sql.raw(`CREATE TABLE fuzz_writes (seq bigserial PRIMARY KEY, tbl text NOT NULL, op text NOT NULL, row_text text)`));
  await db.rows(
    sql.raw(`CREATE FUNCTION fuzz_note() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      IF TG_TABLE_NAME = 'sessions' AND TG_OP = 'UPDATE' AND (to_jsonb(NEW) - 'last_seen_at') = (to_jsonb(OLD) - 'last_seen_at') THEN
        RETURN NULL;
      END IF;
      IF TG_TABLE_NAME = 'audit_log' AND TG_OP = 'INSERT' AND to_jsonb(NEW)->>'action' IN (${REFUSAL_AUDIT_ACTIONS.map((a) => `'${a}'`).join(', ')}) THEN
        RETURN NULL;
      END IF;
      INSERT INTO fuzz_writes (tbl, op, row_text)
        VALUES (TG_TABLE_NAME, TG_OP, left(CASE WHEN TG_OP = 'DELETE' THEN to_jsonb(OLD) ELSE to_jsonb(NEW) END::text, 300));
      RETURN NULL;
    END $fn$`),
  );
  const tables = await db.rows<{ schema: string; name: string }>(
    sql`SELECT schemaname AS schema, tablename AS name FROM pg_tables
        WHERE schemaname NOT IN ('pg_catalog', 'information_schema') AND schemaname NOT LIKE 'drizzle%' ORDER BY 1, 2`,
  );
  const watched = tables.filter((t) => !UNWATCHED_TABLES.includes(t.name));
  for (const t of watched) {
    await db.rows(sql.raw(`CREATE TRIGGER fuzz_note AFTER INSERT OR UPDATE OR DELETE ON "${t.schema}"."${t.name}" FOR EACH ROW EXECUTE FUNCTION fuzz_note()`));
  }
  return watched.length;
}

async function existingIds(): Promise<Map<string, string[]>> {
  const tables = await platform.ctx.database.rows<{ schema: string; name: string }>(
    sql`SELECT table_schema AS schema, table_name AS name FROM information_schema.columns
        WHERE column_name = 'id' AND data_type = 'uuid' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2`,
  );
  const ids = new Map<string, string[]>();
  for (const t of tables) {
    const rows = await platform.ctx.database.rows<{ id: string }>(sql.raw(`SELECT id::text AS id FROM "${t.schema}"."${t.name}" ORDER BY id LIMIT 2`));
    if (rows.length) ids.set(t.name, rows.map((r) => r.id));
  }
  return ids;
}

/** The rows written since the last call (and forgets them). */
async function takeWrites(): Promise<string[]> {
  const rows = await platform.ctx.database.rows<{ tbl: string; op: string; row_text: string }>(sql`SELECT tbl, op, row_text FROM fuzz_writes ORDER BY seq LIMIT 5`);
  if (rows.length === 0) return [];
  await platform.ctx.database.rows(sql`DELETE FROM fuzz_writes`);
  return rows.map((r) => `${r.op} ${r.tbl} ${r.row_text}`);
}

// ---- the test ----------------------------------------------------------------------------------------------------

let platform: TestPlatform;
let operations: Operation[];
let identities: Record<Exclude<Identity, 'anonymous'>, Session>;
let savedSessions: (typeof sessions.$inferSelect)[];

beforeAll(async () => {
  // The small template (org units, roles, catalogues): the one with the bundled public data makes every
  // statistics answer slower and the file too slow for CI.
  platform = await startTestPlatform();
  identities = { admin: await platform.userSession('admin', ['001']), viewer: await platform.userSession('viewer', ['GTM']) };
  const ids = Object.values(identities).map((s) => sha256Hex(s.cookie.slice('mide_session='.length)));
  savedSessions = await platform.ctx.db.select().from(sessions).where(inArray(sessions.id, ids));
  const doc = await platform.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
  operations = operationsOf(doc.json());
  const person = await identities.admin.request('POST', '/api/v1/persons', { given_name: 'Ana', family_name: 'Fuzz', org_unit_code: 'GTM' });
  expect(person.statusCode, person.body).toBe(201);
  idsByTable = await existingIds();
  // Never the fuzzer's own accounts: a successful deactivation or reset would end its identities for the rest of the run.
  const own = new Set(Object.values(identities).map((i) => i.user.id));
  for (const [table, ids] of idsByTable) idsByTable.set(table, ids.filter((id) => !own.has(id)));
  idPool = [...idPool, ...[...idsByTable.values()].flat()];
  expect(await installWriteLog(platform)).toBeGreaterThan(20);
}, 120_000);
afterAll(() => platform?.close());

/** A successful sign-out or session end may end the fuzzer's own sessions: put them back as they were. */
async function keepSessions() {
  const ids = savedSessions.map((s) => s.id);
  const alive = await platform.ctx.db.select({ id: sessions.id, state: sessions.state }).from(sessions).where(inArray(sessions.id, ids));
  if (alive.length === ids.length && alive.every((a) => a.state === 'active')) return;
  await platform.ctx.db.delete(sessions).where(inArray(sessions.id, ids));
  await platform.ctx.db.insert(sessions).values(savedSessions.map((s) => ({ ...s, lastSeenAt: new Date() })));
}

/** One seed per route, from the fixed seed and the route: every route gets its own sequence of cases, the same on every run. */
function seedOf(op: Operation): number {
  let h = SEED | 0;
  for (const ch of `${op.method} ${op.path}`) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return h;
}

/** The router's routes grouped by path, from the one reader of fastify's route tree. */
function routerRoutes(app: FastifyInstance): { path: string; methods: string[] }[] {
  const byPath = new Map<string, string[]>();
  for (const route of registeredRoutes(app)) {
    const [method, path] = route.split(' ') as [string, string];
    byPath.set(path, [...(byPath.get(path) ?? []), method]);
  }
  return [...byPath].map(([path, methods]) => ({ path, methods }));
}

function send(req: BuiltRequest, identity: Identity) {
  const headers: Record<string, string> = {};
  if (req.payload !== undefined) headers['content-type'] = 'application/json';
  if (identity !== 'anonymous') {
    headers.cookie = identities[identity].cookie;
    headers['x-csrf-token'] = identities[identity].csrfToken;
  }
  return platform.app.inject({ method: req.method as 'GET', url: req.url, payload: req.payload, headers });
}

describe('fuzzing every route of the API', () => {
  it('enumerates the routes from the OpenAPI document: all of them, no hand-made list', () => {
    expect(operations.length).toBeGreaterThan(100);
    // Every route the router knows under /api/v1 is in the document (only the document itself and its page are not).
    const known = new Set(operations.map((o) => `${o.method} ${o.path.replace(/\{(\w+)\}/g, ':$1')}`));
    const routed = routerRoutes(platform.app);
    expect(routed.length).toBeGreaterThan(100);
    let checked = 0;
    for (const { path, methods } of routed) {
      if (!path.startsWith('/api/v1/') || path.startsWith('/api/v1/docs') || path === '/api/v1/openapi.json') continue;
      for (const method of methods.filter((m) => m !== 'HEAD')) {
        expect(known, `${method} ${path}`).toContain(`${method} ${path}`);
        checked++;
      }
    }
    expect(checked).toBe(operations.length);
  });

  it('notes any row written, except what a refused request may write', async () => {
    await takeWrites();
    const db = platform.ctx.db;
    const sessionId = savedSessions[0]!.id;
    // Allowed: the idle refresh of a session, a failed sign-in in the audit log and its throttle counter.
    await db.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.id, sessionId));
    await appendAudit(db, { actorId: null, actorLabel: 'fuzz', action: 'auth.login_failed', recordType: 'user', recordId: null, ip: null, requestId: null });
    const failed = await platform.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'nobody@example.org', password: 'not the password at all' } });
    expect(failed.statusCode).toBe(401);
    expect(await takeWrites()).toEqual([]);
    // Anything else is seen: a session's state, a user's name, any other audit entry.
    await db.update(sessions).set({ userAgent: 'fuzz check' }).where(eq(sessions.id, sessionId));
    await db.update(users).set({ displayName: 'Cambiado' }).where(eq(users.id, identities.viewer.user.id));
    await appendAudit(db, { actorId: null, actorLabel: 'fuzz', action: 'person.read', recordType: 'person', recordId: null, ip: null, requestId: null });
    const writes = await takeWrites();
    expect(writes.map((w) => w.split(' ').slice(0, 2).join(' '))).toEqual(['UPDATE sessions', 'UPDATE users', 'INSERT audit_log']);
  });

  it('never answers 5xx, and a refused request writes nothing', async () => {
    const found: string[] = [];
    const statuses = new Map<string, number>();
    for (const op of operations) {
      await takeWrites();
      await fc.assert(
        fc.asyncProperty(fuzzCase, async ({ identity, change: c, pick }) => {
          const req = build(op, c, pick);
          const res = await send(req, identity);
          statuses.set(`${identity} ${res.statusCode}`, (statuses.get(`${identity} ${res.statusCode}`) ?? 0) + 1);
          const writes = await takeWrites();
          if (process.env.MIDE_FUZZ_VERBOSE === '2' && c.kind === 'none' && identity === 'admin') {
            console.log(`plausible ${op.method} ${op.path}: ${res.statusCode} ${res.statusCode >= 400 ? res.body.slice(0, 300) : ''}`);
          }
          if (res.statusCode >= 500) throw new Error(`5xx\n${describeCase(req, identity, res)}`);
          if (res.statusCode >= 400 && writes.length > 0) {
            throw new Error(`a refused request wrote\n${describeCase(req, identity, res, `wrote: ${writes.join('\n')}`)}`);
          }
          if (res.statusCode < 400 && req.method !== 'GET') {
            await keepSessions();
            await takeWrites();
          }
        }),
        { seed: seedOf(op), numRuns: examplesFor(op).length + RUNS_PER_ROUTE, examples: examplesFor(op), endOnFailure: false, reporter: (out) => { if (out.failed) found.push(`${op.method} ${op.path}: ${String(out.errorInstance)}`); } },
      );
    }
    if (process.env.MIDE_FUZZ_VERBOSE) console.log([...statuses].sort().map(([k, v]) => `${k}: ${v}`).join(', '));
    expect(found, found.join('\n\n')).toEqual([]);
  }, 600_000);
});
