import { describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { BACKEND_SERVICES, ROLES, TOKEN_AUDIENCE, TOKEN_ISSUER } from '@rectify/contracts';
import { parseSigningKey, signAccessToken } from '@rectify/platform';
import { api, handMadeToken, login, mintToken, stackKeys } from '../harness/index.js';

describe('gateway: login, routing and the shared guard', () => {
  it('logs a demo user in and describes them', async () => {
    const token = await login('jiandu');
    const me = await api('GET', '/api/auth/me', { token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ username: 'jiandu', role: ROLES.SUPERVISION_OFFICER, enterpriseCode: null });
  });

  it('refuses a wrong password and an unknown user with the same 401', async () => {
    const wrong = await api('POST', '/api/auth/login', { body: { username: 'jiandu', password: 'not-it' } });
    const unknown = await api('POST', '/api/auth/login', { body: { username: 'nobody-here', password: 'not-it' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.message).toBe(unknown.body.message);
  });

  it('names the missing field when a login body is incomplete', async () => {
    const res = await api('POST', '/api/auth/login', { body: { username: 'jiandu', extra: 1 } });
    expect(res.status).toBe(400);
    const fields = (res.body.fields as { field: string }[]).map((f) => f.field).sort();
    expect(fields).toEqual(['extra', 'password']);
  });

  it.each(BACKEND_SERVICES)('reaches the health of %s through the gateway', async (service) => {
    const res = await api('GET', `/api/${service}/health`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.info.database.status).toBe('up');
    expect(res.body.info.temporal.status).toBe('up');
  });

  it.each(BACKEND_SERVICES)('refuses %s without a token (401) and answers with one', async (service) => {
    expect((await api('GET', `/api/${service}/about`)).status).toBe(401);
    const ok = await api('GET', `/api/${service}/about`, { token: await login('chushi') });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ service, user: { username: 'chushi' } });
  });

  it('refuses a route to a role that may not use it (403)', async () => {
    const res = await api('POST', '/api/issues/probe', { token: await login('e001-audit'), body: { text: 'nope' } });
    expect(res.status).toBe(403);
  });

  it('runs a workflow on the real Temporal server through the worker and the issues activity worker', async () => {
    const res = await api('POST', '/api/issues/probe', { token: await login('yunwei'), body: { text: 'foundation' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ echo: 'foundation', answeredBy: 'issues' });
    expect(res.body.workflowId).toMatch(/^probe-foundation-/);
  });

  describe('tokens that are not good enough get 401', () => {
    const claims = {
      sub: '00000000-0000-0000-0000-000000000000',
      username: 'yunwei',
      displayName: 'x',
      role: ROLES.OPERATOR,
      enterpriseCode: null,
      unitCode: null,
    };
    const header = () => ({ alg: 'EdDSA', typ: 'JWT', kid: stackKeys().signing.kid });
    const body = (extra: object) => ({ ...claims, aud: TOKEN_AUDIENCE, iss: TOKEN_ISSUER, exp: Math.floor(Date.now() / 1000) + 60, ...extra });
    const foreignKey = () => {
      const jwk = { ...generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' }), kid: stackKeys().signing.kid };
      return parseSigningKey(JSON.stringify(jwk));
    };
    const cases: [string, () => string][] = [
      ['expired', () => mintToken(claims, { ttlSeconds: -60 })],
      ['signed with another key under the gateway\'s kid', () => signAccessToken(claims, foreignKey())],
      ['for another audience', () => handMadeToken(header(), body({ aud: 'someone-else' }))],
      ['from another issuer', () => handMadeToken(header(), body({ iss: 'evil' }))],
      ['with an unknown role', () => handMadeToken(header(), body({ role: 'emperor' }))],
      ['without exp', () => handMadeToken(header(), body({ exp: undefined }))],
      ['unsigned (alg none)', () => `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(body({}))).toString('base64url')}.`],
      ['garbage', () => 'not.a.token'],
    ];
    it('accepts the control token those cases are made from', async () => {
      expect((await api('GET', '/api/issues/about', { token: handMadeToken(header(), body({})) })).status).toBe(200);
    });
    it.each(cases)('%s', async (_name, make) => {
      const res = await api('GET', '/api/issues/about', { token: make() });
      expect(res.status).toBe(401);
    });
  });

  it('shows an enterprise user only its own enterprise', async () => {
    const res = await api<{ code: string }[]>('GET', '/api/directory/enterprises', { token: await login('e002-audit') });
    expect(res.status).toBe(200);
    expect(res.body.map((e) => e.code)).toEqual(['E002']);
    const all = await api<{ code: string }[]>('GET', '/api/directory/enterprises', { token: await login('jiandu') });
    expect(all.body.map((e) => e.code)).toEqual(['E001', 'E002']);
  });

  it('makes the next login wait after repeated failures (429)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      // A name no other test logs in with: the pause must not slow the other tests' users.
      statuses.push((await api('POST', '/api/auth/login', { body: { username: `rate-limit-probe-${process.pid}`, password: `wrong-${i}` } })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('serves the OpenAPI document of the gateway and of every service to a signed-in user', async () => {
    const token = await login('jiandu');
    const gateway = await api('GET', '/docs/json', { token });
    expect(gateway.status).toBe(200);
    expect(Object.keys(gateway.body.paths)).toContain('/api/auth/login');
    for (const service of BACKEND_SERVICES) {
      const doc = await api('GET', `/api/${service}/docs/json`, { token });
      expect(doc.status).toBe(200);
      expect(Object.keys(doc.body.paths)).toContain('/health');
    }
  });
});
