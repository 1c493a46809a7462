import { describe, expect, it } from 'vitest';
import { openApiDocument } from './openapi.js';

describe('the OpenAPI document for the web types', () => {
  it('is built without a database, a key or a listening server, with every module’s routes', async () => {
    const doc = (await openApiDocument()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    const paths = Object.keys(doc.paths);
    expect(paths).toContain('/api/v1/auth/login');
    expect(paths.some((p) => p.startsWith('/api/v1/reintegration/'))).toBe(true);
    expect(paths.some((p) => p.startsWith('/api/v1/remittances/'))).toBe(true);
    expect(paths.every((p) => p.startsWith('/api/v1/'))).toBe(true);
  });
});
