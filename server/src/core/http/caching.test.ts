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
    const created = await officer.request('POST', '/api/v1/persons', { givenName: 'Marta', familyName: 'Cruz', orgUnitCode: 'GTM' });
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
