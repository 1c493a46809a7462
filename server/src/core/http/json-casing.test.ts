import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../test/platform.js';

/**
 * The API has one JSON casing, snake_case (ARCHITECTURE.md, "JSON casing"): every field name a route reads or
 * writes, in its body, query, path parameters or answer. The walk reads the OpenAPI document, so a new route is
 * checked the day it is added. DHIS2's dimension names (dx, ou, pe) are snake_case already.
 */
const SNAKE_CASE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

type JsonSchema = {
  $ref?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema | JsonSchema[];
  prefixItems?: JsonSchema[];
  additionalProperties?: JsonSchema | boolean;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  not?: JsonSchema;
};
type Parameter = { name: string; in: string; schema?: JsonSchema };
type Operation = {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
};
type OpenApiDocument = { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, JsonSchema> } };

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch']);

/** Every property name in a schema, with where it is ("body.person.given_name"); a record's keys are data, not names. */
function propertyNames(doc: OpenApiDocument, schema: JsonSchema | undefined, at: string, seen = new Set<string>()): { name: string; at: string }[] {
  if (!schema || typeof schema !== 'object') return [];
  if (schema.$ref) {
    if (seen.has(schema.$ref)) return [];
    const name = schema.$ref.replace('#/components/schemas/', '');
    return propertyNames(doc, doc.components?.schemas?.[name], at, new Set([...seen, schema.$ref]));
  }
  const found: { name: string; at: string }[] = [];
  for (const [name, child] of Object.entries(schema.properties ?? {})) {
    found.push({ name, at: `${at}.${name}` });
    found.push(...propertyNames(doc, child, `${at}.${name}`, seen));
  }
  const items = Array.isArray(schema.items) ? schema.items : schema.items ? [schema.items] : [];
  for (const child of [...items, ...(schema.prefixItems ?? [])]) found.push(...propertyNames(doc, child, `${at}[]`, seen));
  if (typeof schema.additionalProperties === 'object') found.push(...propertyNames(doc, schema.additionalProperties, `${at}{}`, seen));
  for (const child of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])]) found.push(...propertyNames(doc, child, at, seen));
  return found;
}

/** Every field name of one operation: its path and query parameters, its request body and each of its answers. */
function operationNames(doc: OpenApiDocument, operation: Operation): { name: string; at: string }[] {
  const found: { name: string; at: string }[] = [];
  for (const parameter of operation.parameters ?? []) {
    if (parameter.in !== 'query' && parameter.in !== 'path') continue;
    found.push({ name: parameter.name, at: `${parameter.in}.${parameter.name}` });
    found.push(...propertyNames(doc, parameter.schema, `${parameter.in}.${parameter.name}`));
  }
  for (const [type, content] of Object.entries(operation.requestBody?.content ?? {})) found.push(...propertyNames(doc, content.schema, `body(${type})`));
  for (const [status, response] of Object.entries(operation.responses ?? {})) {
    for (const content of Object.values(response.content ?? {})) found.push(...propertyNames(doc, content.schema, `answer ${status}`));
  }
  return found;
}

describe('JSON casing of the whole API', () => {
  let platform: TestPlatform;
  let doc: OpenApiDocument;
  beforeAll(async () => {
    platform = await startTestPlatform();
    const res = await platform.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    doc = res.json() as OpenApiDocument;
  });
  afterAll(() => platform?.close());

  it('finds the names it checks: the walk reads bodies, queries, path parameters and answers', () => {
    const names = Object.values(doc.paths).flatMap((item) =>
      Object.entries(item)
        .filter(([method]) => METHODS.has(method))
        .flatMap(([, operation]) => operationNames(doc, operation)),
    );
    const places = new Set(names.map((n) => n.at.split(/[.(]/)[0]!.split(' ')[0]));
    expect([...places].sort()).toEqual(['answer', 'body', 'path', 'query']);
    expect(names.length).toBeGreaterThan(1000);
  });

  it('names every field in snake_case', () => {
    const offending: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        if (!METHODS.has(method)) continue;
        for (const { name, at } of operationNames(doc, operation)) {
          if (!SNAKE_CASE.test(name)) offending.push(`${method.toUpperCase()} ${path}: ${at}`);
        }
      }
    }
    expect([...new Set(offending)]).toEqual([]);
  });
});
