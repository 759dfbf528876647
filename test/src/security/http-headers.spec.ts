import { describe, expect, it } from '@jest/globals';
import { BACKEND_SERVICES } from '@rectify/contracts';
import { login, stack } from '../harness/index.js';

/**
 * Browser hygiene on every answer: helmet's headers with Rectify's CSP, no X-Powered-By,
 * Cache-Control no-store on API answers (the console's hashed assets stay cacheable), and the
 * OpenAPI docs behind login outside the dev profile (the test stacks are not the dev profile).
 */
async function get(path: string, token?: string, init: RequestInit = {}) {
  const res = await fetch(`${stack().urls.gateway}${path}`, { ...init, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.headers as Record<string, string>) } });
  await res.arrayBuffer();
  return res;
}

function expectHygiene(what: string, headers: Headers): void {
  expect({
    what,
    poweredBy: headers.get('x-powered-by'),
    nosniff: headers.get('x-content-type-options'),
    referrer: headers.get('referrer-policy'),
    frameAncestors: /frame-ancestors 'none'/.test(headers.get('content-security-policy') ?? ''),
    frameOptions: headers.get('x-frame-options'),
  }).toEqual({ what, poweredBy: null, nosniff: 'nosniff', referrer: 'no-referrer', frameAncestors: true, frameOptions: 'DENY' });
}

describe('headers of every answer', () => {
  it('API answers — the gateway\'s own, proxied ones, refusals, health — carry the hygiene headers and no-store', async () => {
    const token = await login('jiandu');
    const answers: [string, Response][] = [
      ['login', await get('/api/auth/login', undefined, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'jiandu', password: 'rectify-demo' }) })],
      ['ledger (proxied)', await get('/api/issues/problems?pageSize=1', token)],
      ['a 401', await get('/api/issues/problems')],
      ['a 404', await get('/api/issues/problems/E001-2026-99999', token)],
      ['a 400 from the parser', await get('/api/auth/login', undefined, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' })],
      ['health', await get('/health')],
      ...(await Promise.all(BACKEND_SERVICES.map(async (s): Promise<[string, Response]> => [`${s} about`, await get(`/api/${s}/about`, token)]))),
    ];
    for (const [what, res] of answers) {
      expectHygiene(what, res.headers);
      expect([what, /\bno-store\b/.test(res.headers.get('cache-control') ?? '')]).toEqual([what, true]);
    }
  });

  it('the console\'s index.html is revalidated and its hashed assets stay cacheable', async () => {
    const index = await fetch(`${stack().urls.gateway}/`);
    const html = await index.text();
    expectHygiene('index.html', index.headers);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    const asset = /(?:src|href)="(\/assets\/[^"]+)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    const res = await get(asset!);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toMatch(/max-age=31536000/);
  });
});

describe('the OpenAPI docs outside the dev profile', () => {
  it('answer 401 in Chinese without a valid token, and the documents to a signed-in user', async () => {
    const token = await login('e001-business');
    for (const base of ['', ...BACKEND_SERVICES.map((s) => `/api/${s}`)]) {
      for (const path of [`${base}/docs`, `${base}/docs/json`, `${base}/docs/swagger-ui-init.js`]) {
        const anonymous = await fetch(`${stack().urls.gateway}${path}`);
        const body = (await anonymous.json()) as { message: string };
        expect([path, anonymous.status, body.message]).toEqual([path, 401, '查看接口文档需要登录：请在 Authorization 头中提供访问令牌（Bearer）']);
        expect([path, (await get(path, 'not-a-token')).status]).toEqual([path, 401]);
      }
      const doc = await get(`${base}/docs/json`, token);
      expect([base, doc.status]).toEqual([base, 200]);
    }
  });
});
