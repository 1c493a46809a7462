import { afterAll, beforeAll, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../test/platform.js';

let p: TestPlatform;
beforeAll(async () => { p = await startTestPlatform(); });
afterAll(() => p.close());

it('probe', async () => {
  const show = async (label: string, r: { statusCode: number; body: string }) => console.log(label, r.statusCode, r.body.slice(0, 300));
  const a = p.app;
  console.log(a.printRoutes({ commonPrefix: false }));
  console.log(Object.keys((a.swagger() as { paths: object }).paths));
  const lo = await p.userSession('local_officer', ['GTM']);
  await show('nul', await lo.request('POST', '/api/v1/persons', { givenName: 'a\u0000b', familyName: 'b', orgUnitCode: 'GTM' }));
  await show('head', await a.inject({ method: 'HEAD', url: '/api/v1/audit' }));
  await show('xml', await a.inject({ method: 'POST', url: '/api/v1/persons', payload: '<a/>', headers: { cookie: lo.cookie, 'x-csrf-token': lo.csrfToken, 'content-type': 'application/xml' } }));
  await show('lower orgunit', await lo.request('POST', '/api/v1/persons', { givenName: 'a', familyName: 'b', orgUnitCode: 'gtm' }));
  await show('q percent', await lo.request('GET', '/api/v1/persons?q=%25'));
});
