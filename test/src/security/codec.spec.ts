import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { PROBLEM_WORKFLOW, problemWorkflowId, TASK_QUEUES } from '@rectify/contracts';
import { stateQuery } from '@rectify/workflows';
import { api, closeTemporal, eventually, jsonPayload, login, payloadKeyEnv, payloadsOf, rawTemporal, stack, temporal, type JsonPayload } from '../harness/index.js';
import { register } from '../ledger/fixtures.js';

/**
 * 涉密 stays secret end to end (docs/security.md): what the Temporal server holds of a problem's
 * workflow is ciphertext, and only a signed-in operator or Supervision Division officer gets it
 * decoded, through the gateway's codec endpoint the Temporal UI calls.
 */
const text = (base64: string | undefined) => Buffer.from(base64 ?? '', 'base64').toString('utf8');

const title = `涉密测试问题 ${randomUUID().slice(0, 8)}`;
let problem: { ledgerNo: string; id: string };
let payloads: JsonPayload[] = [];
let patchMarkers: unknown[] = [];
const uiOrigin = () => new URL(stack().urls.temporalUi ?? 'http://127.0.0.1:8233').origin;

beforeAll(async () => {
  problem = await register('e001-audit', { title, confidentiality: 'confidential', tags: ['personnel_violation'] });
  const raw = await rawTemporal();
  // The start event and the first workflow task (with its activities) are in the history.
  const events = await eventually('the problem workflow to run its first task', async () => {
    const history = await raw.workflow.getHandle(problemWorkflowId(problem.ledgerNo)).fetchHistory();
    const list = history.events ?? [];
    return list.some((e) => e.workflowTaskCompletedEventAttributes) && list.some((e) => e.activityTaskScheduledEventAttributes) ? list : undefined;
  }, 30_000);
  patchMarkers = events
    .filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_patch')
    .flatMap((e) => Object.values(e.markerRecordedEventAttributes!.details ?? {}).flatMap((d) => d.payloads ?? []))
    .map((p) => JSON.parse(Buffer.from(p.data ?? new Uint8Array()).toString('utf8')) as unknown);
  payloads = payloadsOf(events).map(jsonPayload);
});

afterAll(async () => {
  await closeTemporal();
});

describe('Temporal payloads', () => {
  it('are encrypted in the server\'s history: binary/encrypted with the current key id, no plaintext', () => {
    const keyId = payloadKeyEnv().TEMPORAL_PAYLOAD_KEY_ID;
    expect(payloads.length).toBeGreaterThanOrEqual(2); // at least the workflow input and an activity's arguments
    for (const p of payloads) {
      expect({ encoding: text(p.metadata['encoding']), keyId: text(p.metadata['encryption-key-id']) }).toEqual({ encoding: 'binary/encrypted', keyId });
    }
    const all = Buffer.concat(payloads.map((p) => Buffer.from(p.data, 'base64')));
    for (const clear of [title, problem.ledgerNo, problem.id, 'json/plain', 'E001']) expect({ clear, found: all.includes(Buffer.from(clear)) }).toEqual({ clear, found: false });
    // The only clear payloads besides search attributes: patch markers, which hold a patch id and nothing else.
    for (const marker of patchMarkers) expect(marker).toEqual({ id: expect.any(String), deprecated: expect.any(Boolean) });
  });

  it('a query answers in clear only to a client with the codec (the worker encrypts its answer)', async () => {
    const id = problemWorkflowId(problem.ledgerNo);
    const view = await (await temporal()).workflow.getHandle(id).query(stateQuery);
    expect(view.ledgerNo).toBe(problem.ledgerNo);
    await expect((await rawTemporal()).workflow.getHandle(id).query(stateQuery)).rejects.toThrow(/binary\/encrypted/);
  });

  it('a failure\'s message and stack trace are encrypted too (encoded attributes)', async () => {
    // A workflow started with no input fails its first task; the failure is recorded in history.
    const workflowId = `codec-failure-${randomUUID()}`;
    const handle = await (await temporal()).workflow.start(PROBLEM_WORKFLOW, { taskQueue: TASK_QUEUES.workflows, workflowId, args: [null as never] });
    try {
      const failure = await eventually('the failed workflow task', async () => {
        const events = (await (await rawTemporal()).workflow.getHandle(workflowId).fetchHistory()).events ?? [];
        return events.find((e) => e.workflowTaskFailedEventAttributes)?.workflowTaskFailedEventAttributes?.failure ?? undefined;
      }, 30_000);
      expect(failure.message).toBe('Encoded failure');
      expect(failure.stackTrace ?? '').toBe('');
      expect(Buffer.from(failure.encodedAttributes!.metadata!['encoding']!).toString()).toBe('binary/encrypted');
      expect(Buffer.from(failure.encodedAttributes!.data!).includes(Buffer.from('null'))).toBe(false);
    } finally {
      await handle.terminate('codec test done');
    }
  });

  it('the key file of the stack is private to its owner', () => {
    const file = stack().infra.temporalPayloadKeysFile;
    expect(file).toBeTruthy();
    expect(statSync(file!).mode & 0o077).toBe(0);
    expect(readFileSync(file!, 'utf8')).toContain(payloadKeyEnv().TEMPORAL_PAYLOAD_KEY_ID);
    // stack.json names the file, never the key.
    expect(JSON.stringify(stack())).not.toContain(payloadKeyEnv().TEMPORAL_PAYLOAD_KEYS.split(':')[1]!);
  });
});

describe('the codec endpoint /api/codec', () => {
  const decode = (options: { token?: string; body?: unknown; headers?: Record<string, string> }) => api<{ payloads: JsonPayload[]; message?: string }>('POST', '/api/codec/decode', options);

  it('decodes the history\'s payloads for the operator and the Supervision Division', async () => {
    for (const who of ['yunwei', 'jiandu']) {
      const res = await decode({ token: await login(who), body: { payloads }, headers: { 'x-namespace': stack().infra.temporalNamespace } });
      expect([who, res.status]).toEqual([who, 200]);
      expect(res.body.payloads).toHaveLength(payloads.length);
      for (const p of res.body.payloads) expect(text(p.metadata['encoding'])).toMatch(/^(json\/plain|binary\/null|json\/protobuf|binary\/plain)$/);
      const json = res.body.payloads.filter((p) => text(p.metadata['encoding']) === 'json/plain').map((p) => JSON.parse(text(p.data)) as unknown);
      expect(json.length).toBeGreaterThan(0);
      // The decoded workflow input names the problem (by id and ledger number).
      expect(JSON.stringify(json)).toMatch(new RegExp(`${problem.id}|${problem.ledgerNo}`));
    }
  });

  it('refuses an enterprise or any other role with 403 and no token with 401', async () => {
    for (const who of ['e001-audit', 'e001-leader', 'jijian', 'fenguan', 'gaige']) {
      const res = await decode({ token: await login(who), body: { payloads } });
      expect([who, res.status]).toEqual([who, 403]);
      expect(JSON.stringify(res.body)).not.toContain(problem.ledgerNo);
    }
    expect((await decode({ body: { payloads } })).status).toBe(401);
    expect((await decode({ token: 'not.a.token', body: { payloads } })).status).toBe(401);
  });

  it('names the field of a body that is not { payloads: [{ metadata, data }] } (400)', async () => {
    const token = await login('yunwei');
    const cases: [unknown, RegExp][] = [
      [{}, /payloads/],
      [{ payloads: 'x' }, /^payloads：必须是数组/],
      [{ payloads: [7] }, /payloads\[0\]/],
      [{ payloads: [{ metadata: [] }] }, /payloads\[0\]\.metadata/],
      [{ payloads: [payloads[0], { metadata: { encoding: '%%%' }, data: '' }] }, /payloads\[1\]\.metadata\.encoding/],
      [{ payloads: [{ metadata: payloads[0]!.metadata, data: 12 }] }, /payloads\[0\]\.data/],
    ];
    for (const [body, message] of cases) {
      const res = await decode({ token, body });
      expect({ body, status: res.status, message: res.body.message }).toEqual({ body, status: 400, message: expect.stringMatching(message) });
    }
    // Altered ciphertext does not decode.
    const altered = Buffer.from(payloads[0]!.data, 'base64');
    altered[altered.length - 1] = altered[altered.length - 1]! ^ 0xff;
    const tampered = await decode({ token, body: { payloads: [{ ...payloads[0], data: altered.toString('base64') }] } });
    expect([tampered.status, tampered.body.message]).toEqual([400, expect.stringMatching(/^payloads\[0\]：无法解密/)]);
    // Another namespace's payloads are not Rectify's to decode; an empty X-Namespace (the CLI's, with no namespace named) is no namespace.
    expect((await decode({ token, body: { payloads }, headers: { 'x-namespace': 'someone-else' } })).status).toBe(400);
    expect((await decode({ token, body: { payloads }, headers: { 'x-namespace': '' } })).status).toBe(200);
  });

  it('limits the body size (413)', async () => {
    const big = { payloads: [{ metadata: {}, data: randomBytes(400 * 1024).toString('base64') }] };
    expect((await decode({ token: await login('yunwei'), body: big })).status).toBe(413);
  });

  it('encodes for the same roles only, and what it encodes decodes', async () => {
    const plain = { metadata: { encoding: Buffer.from('json/plain').toString('base64') }, data: Buffer.from('{"probe":1}').toString('base64') };
    expect((await api('POST', '/api/codec/encode', { token: await login('e002-audit'), body: { payloads: [plain] } })).status).toBe(403);
    const sealed = await api<{ payloads: JsonPayload[] }>('POST', '/api/codec/encode', { token: await login('jiandu'), body: { payloads: [plain] } });
    expect(sealed.status).toBe(200);
    expect(text(sealed.body.payloads[0]!.metadata['encoding'])).toBe('binary/encrypted');
    const opened = await decode({ token: await login('yunwei'), body: sealed.body });
    expect(opened.body.payloads).toEqual([plain]);
  });
});

describe('the Temporal UI reaching the codec endpoint with the console\'s sign-in', () => {
  const cookieOf = (res: { headers: Headers }) => res.headers.getSetCookie().find((c) => c.startsWith('rectify_codec_session='));

  it('answers the CORS preflight from the Temporal UI\'s origin with that origin and credentials, and no other origin', async () => {
    const preflight = await fetch(`${stack().urls.gateway}/api/codec/decode`, {
      method: 'OPTIONS',
      headers: { origin: uiOrigin(), 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-namespace' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(uiOrigin());
    expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');
    expect(preflight.headers.get('access-control-allow-methods')).toMatch(/POST/);
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toEqual(expect.stringContaining('x-namespace'));
    const foreign = await fetch(`${stack().urls.gateway}/api/codec/decode`, {
      method: 'OPTIONS',
      headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('login gives an operator an HttpOnly SameSite=Lax cookie on /api/codec that decodes cross-origin; an enterprise login clears it', async () => {
    const operator = await api('POST', '/api/auth/login', { body: { username: 'yunwei', password: 'rectify-demo' } });
    const cookie = cookieOf(operator);
    expect(cookie).toBeTruthy();
    expect(cookie).toMatch(/; Path=\/api\/codec(;|$)/);
    expect(cookie).toMatch(/; HttpOnly(;|$)/);
    expect(cookie).toMatch(/; SameSite=Lax(;|$)/);
    expect(cookie).toMatch(/; Max-Age=[1-9]\d*(;|$)/);
    const value = cookie!.split(';')[0]!;

    // What the Temporal UI sends with `credentials: include`: the cookie and its Origin, no Authorization.
    const res = await fetch(`${stack().urls.gateway}/api/codec/decode`, {
      method: 'POST',
      headers: { origin: uiOrigin(), cookie: value, 'content-type': 'application/json', 'x-namespace': stack().infra.temporalNamespace },
      body: JSON.stringify({ payloads: payloads.slice(0, 1) }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(uiOrigin());
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    const body = (await res.json()) as { payloads: JsonPayload[] };
    expect(text(body.payloads[0]!.metadata['encoding'])).not.toBe('binary/encrypted');

    // Without the cookie the same request is 401, and still readable by the UI (CORS headers on errors).
    const anonymous = await fetch(`${stack().urls.gateway}/api/codec/decode`, {
      method: 'POST',
      headers: { origin: uiOrigin(), 'content-type': 'application/json' },
      body: JSON.stringify({ payloads: payloads.slice(0, 1) }),
    });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('access-control-allow-origin')).toBe(uiOrigin());

    // An enterprise user signing in gets no codec cookie: an expired one replaces the operator's.
    const enterprise = await api('POST', '/api/auth/login', { body: { username: 'e001-audit', password: 'rectify-demo' } });
    expect(cookieOf(enterprise)).toMatch(/^rectify_codec_session=; .*Max-Age=0/);
    // And an enterprise token presented as that cookie is refused.
    const forged = await fetch(`${stack().urls.gateway}/api/codec/decode`, {
      method: 'POST',
      headers: { cookie: `rectify_codec_session=${enterprise.body.accessToken as string}`, 'content-type': 'application/json' },
      body: JSON.stringify({ payloads: payloads.slice(0, 1) }),
    });
    expect(forged.status).toBe(403);

    // Signing out clears it.
    const logout = await api('POST', '/api/auth/logout');
    expect(logout.status).toBe(204);
    expect(cookieOf(logout)).toMatch(/^rectify_codec_session=; .*Max-Age=0/);
  });

  it('the Temporal UI the stack started is pointed at the codec endpoint', async () => {
    const ui = stack().urls.temporalUi;
    expect(ui).toBeTruthy();
    const settings = await eventually('the Temporal UI settings', async () => {
      const res = await fetch(`${ui}/api/v1/settings`);
      return res.ok ? ((await res.json()) as { Codec?: { Endpoint?: string } }) : undefined;
    });
    expect(settings.Codec?.Endpoint).toBe(`${stack().urls.gateway}/api/codec`);
    expect(stack().urls.codecEndpoint).toBe(`${stack().urls.gateway}/api/codec`);
  });
});
