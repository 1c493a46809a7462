import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../test/platform.js';
import { testEngine } from '../../test/engine.js';

describe('GET /api/v1/health', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform();
  });
  afterAll(() => platform.close());

  it('answers ok with the engine in use', async () => {
    const res = await platform.app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', db: testEngine });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('signs in an administrator through enrolment of the second factor', async () => {
    const admin = await platform.userSession('admin', ['001']);
    const me = await admin.request('GET', '/api/v1/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().user.mfa_enabled).toBe(true);
    expect(me.json().session.state).toBe('active');
  });
});
