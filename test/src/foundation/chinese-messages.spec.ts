import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { BACKEND_SERVICES } from '@rectify/contracts';
import { api, login } from '../harness/index.js';
import { loadOperations, type Operation } from '../bad-input/openapi.js';

/**
 * Every 4xx a user can see answers in Chinese: Nest's own 404 (「Cannot GET …」) and the 405 of a
 * route asked with a method it does not serve, for every route of every OpenAPI document; and a
 * validation refusal names each field once, by its Chinese label.
 * (Each DTO constraint's message is checked by the services' unit tests, chinese-messages.spec.ts.)
 */
const hasChinese = (text: unknown) => typeof text === 'string' && /[\u3400-\u9fff]/.test(text);
const messages = (body: { message?: unknown }) => (Array.isArray(body.message) ? body.message : [body.message]);

/** A documented path with its parameters filled in. */
const concrete = (path: string) => path.replace(/\{(\w+)\}/g, (_, name: string) => (name === 'ledgerNo' ? 'E001-2099-99999' : name === 'pushNo' ? 'JP-2099-9999' : randomUUID()));

/** Each documented path once, with the methods its document gives it. */
async function documentedPaths(): Promise<Map<string, Set<string>>> {
  const ops: Operation[] = await loadOperations(BACKEND_SERVICES);
  const paths = new Map<string, Set<string>>();
  for (const op of ops) paths.set(op.path, (paths.get(op.path) ?? new Set()).add(op.method));
  return paths;
}

describe('every 4xx a user can see is Chinese', () => {
  it('answers a method a route does not serve with 405, its Allow header and a Chinese message — for every documented route', async () => {
    const paths = await documentedPaths();
    expect(paths.size).toBeGreaterThan(80);
    const token = await login('jiandu');
    const misses: string[] = [];
    for (const [path, methods] of paths) {
      // No Rectify route serves PATCH, so every documented path answers it with 405.
      const res = await api('PATCH', concrete(path), { token, body: {} });
      const allow = (res.headers.get('allow') ?? '').split(/,\s*/);
      const ok = res.status === 405 && [...methods].every((m) => allow.includes(m)) && messages(res.body).every(hasChinese);
      if (!ok) misses.push(`${path}: ${res.status} allow=[${allow.join(',')}] ${JSON.stringify(res.body).slice(0, 200)}`);
    }
    expect(misses).toEqual([]);
  });

  it('answers a path no route serves with 404 and a Chinese message — under every documented route and every service', async () => {
    const paths = await documentedPaths();
    const token = await login('jiandu');
    const misses: string[] = [];
    for (const path of [...paths.keys(), ...BACKEND_SERVICES.map((s) => `/api/${s}`), '/api']) {
      const res = await api('GET', `${concrete(path)}/zz-no-such-route`, { token });
      // A deeper path may be another route's (`/problems/{ledgerNo}`: 404 "问题 … 不存在", or 405): never served, always Chinese.
      const ok = res.status >= 400 && res.status < 500 && messages(res.body).every(hasChinese);
      if (!ok) misses.push(`${path}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    }
    expect(misses).toEqual([]);
    for (const service of BACKEND_SERVICES) {
      const res = await api('GET', `/api/${service}/zz-no-such-route`, { token });
      expect([res.status, res.body.message]).toEqual([404, '接口不存在：GET /zz-no-such-route']);
    }
    const gateway = await api('POST', '/api/zz-no-such-route');
    expect([gateway.status, gateway.body.message]).toEqual([404, '接口不存在：POST /api/zz-no-such-route']);
  });

  it("answers a request Node's parser refuses (a URL over the header limit) with JSON in Chinese, not an empty 431", async () => {
    const res = await api('GET', `/api/issues/problems?q=${'x'.repeat(20_000)}`, { token: await login('jiandu') });
    expect([res.status, res.body]).toEqual([431, { statusCode: 431, error: 'Request Header Fields Too Large', message: '请求头或网址过长' }]);
  });

  it('names each refused field once, by its Chinese label, and refuses unknown fields in Chinese', async () => {
    const token = await login('jiandu');
    const list = await api('GET', '/api/issues/problems?pageSize=abc&zzUnknown=1', { token });
    expect(list.status).toBe(400);
    expect(list.body.fields).toEqual(
      expect.arrayContaining([
        { field: 'pageSize', reasons: ['每页条数必须是整数'] },
        { field: 'zzUnknown', reasons: ['不接受字段 zzUnknown（接口没有这个字段）'] },
      ]),
    );
    const registration = await api('POST', '/api/issues/problems', { token, body: { itemNo: 7, title: '' } });
    expect(registration.status).toBe(400);
    const fields = registration.body.fields as { field: string; reasons: string[] }[];
    expect(fields.find((f) => f.field === 'itemNo')).toEqual({ field: 'itemNo', reasons: ['条目编号必须是文本'] });
    expect(fields.find((f) => f.field === 'title')).toEqual({ field: 'title', reasons: ['标题不能为空且不超过 200 个字符'] });
    expect(fields.every((f) => f.reasons.length === 1 && hasChinese(f.reasons[0]))).toBe(true);
    expect(new Set(fields.map((f) => f.field)).size).toBe(fields.length);
    expect(messages(registration.body)).toEqual(fields.map((f) => `${f.field}: ${f.reasons[0]}`));
  });
});
