import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type Session, type TestPlatform } from '../../test/platform.js';

/**
 * What a signed-in user reads (their profile, a person, an export) must not stay in the browser's disk or
 * back/forward cache, nor in a proxy, after they sign out on a shared office computer (OWASP ASVS 5.0, 14.3.2).
 */
describe('answers to a signed-in user are not cached', () => {
  let p: TestPlatform;
  let officer: Session;
  let personId: string;
  beforeAll(async () => {
    p = await startTestPlatform();
    officer = await p.userSession('case_worker', ['GTM']);
    const created = await officer.request('POST', '/api/v1/persons', { given_name: 'Marta', family_name: 'Cruz', org_unit_code: 'GTM' });
    expect(created.statusCode, created.body).toBe(201);
    personId = created.json().id;
  });
  afterAll(() => p.close());

  it('sends Cache-Control: no-store on the profile, a person, the person list, an export and a refusal', async () => {
    for (const url of ['/api/v1/me', `/api/v1/persons/${personId}`, '/api/v1/persons', `/api/v1/persons/${personId}/export`, '/api/v1/audit']) {
      const res = await officer.request('GET', url);
      expect(res.headers['cache-control'], `${url} (${res.statusCode})`).toBe('no-store');
    }
  });

  it('on writes too (the answer holds the record written)', async () => {
    const res = await officer.request('PATCH', `/api/v1/persons/${personId}`, { phone: '+502 5555 0101' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
  });
});

/** The browser-side defences every answer carries (OWASP ASVS 5.0, V3.4 and 4.1.1), and the methods the API takes. */
describe('browser security headers', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startTestPlatform();
  });
  afterAll(() => p.close());

  it('sends a strict policy, no referrer, origin isolation and the JSON charset; no CORS and no framework banner', async () => {
    const res = await p.app.inject({ method: 'GET', url: '/api/v1/health', headers: { origin: 'https://elsewhere.example' } });
    expect(res.statusCode).toBe(200);
    for (const directive of ["default-src 'self'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'"]) {
      expect(res.headers['content-security-policy']).toContain(directive);
    }
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
    // Plain http (no MIDE_PUBLIC_URL): no HSTS, which would lock an office server out of its own address.
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('sends HSTS when the public address is https', async () => {
    const https = await startTestPlatform({ publicUrl: 'https://mide.example.gob' });
    try {
      const res = await https.app.inject({ method: 'GET', url: '/api/v1/health' });
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d{8,}/);
    } finally {
      await https.close();
    }
  });

  it('answers TRACE and methods a route does not declare with the error shape, never echoing the request', async () => {
    for (const method of ['TRACE', 'PUT', 'DELETE'] as const) {
      const res = await p.app.inject({ method, url: '/api/v1/health', headers: { cookie: 'mide_session=x', 'x-secret': 'echo-me' } });
      expect(res.statusCode, method).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, method).toBeLessThan(500);
      expect(res.body).not.toContain('echo-me');
    }
  });
});
