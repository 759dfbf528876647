import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { ACTIONS } from '@rectify/domain';
import { BACKEND_SERVICES, type Role } from '@rectify/contracts';
import { closeDb, login, stack } from '../harness/index.js';
import { ACCESS_TABLE } from '../security/access-table.js';
import { loadOperations, type Operation } from './openapi.js';
import { applyMutation, hostileString, invalidFor, mutation, plausible } from './invalid-values.js';
import { writtenState } from './db-snapshot.js';
import { namesAField, send, speaksChinese, type Sent } from './requests.js';

/**
 * Every HTTP endpoint of every OpenAPI document gets generated invalid input (fast-check, driven by
 * the documents' schemas): wrong types, missing and extra fields, huge strings, control
 * characters, invalid dates and amounts, hostile path parameters and query strings. Targets: no
 * 5xx, every validation answer names the field and why, every 4xx message is Chinese, no invalid write accepted, and nothing in
 * the database changed. RECTIFY_BAD_INPUT_RUNS sets the runs per endpoint (default 15).
 */
const RUNS = Number(process.env['RECTIFY_BAD_INPUT_RUNS'] ?? 15);
const USER_OF_ROLE: Partial<Record<Role, string>> = {
  supervision_officer: 'jiandu', supervision_group: 'dudao', supervision_lead: 'fenguan', party_committee: 'dangwei', discipline_group: 'jijian',
  joint_office: 'lianxi', member_unit_officer: 'gaige', member_unit_leader: 'gaige-lingdao', assessment_division: 'kaohe', cadre_division: 'ganbu',
  commission_division: 'chushi', operator: 'yunwei', enterprise_audit: 'e001-audit', enterprise_business: 'e001-business', enterprise_leader: 'e001-leader',
};
/** A ledger number of the right shape that no problem has: a valid action on it answers 404 and writes nothing. */
const NO_SUCH_PROBLEM = 'E001-2099-99999';

/** Who calls an endpoint: someone its access rule lets through, so that the input is what gets judged. */
function callerOf(op: Operation): string {
  const access = ACCESS_TABLE[op.key];
  if (access?.kind === 'problem-action') return USER_OF_ROLE[(ACTIONS[access.action].roles as readonly Role[])[0]!]!;
  if (access && 'roles' in access && access.roles) return USER_OF_ROLE[access.roles[0]!]!;
  return 'jiandu';
}

function concretePath(op: Operation, overrides: Record<string, string> = {}): string {
  return op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(overrides[name] ?? (name === 'ledgerNo' ? NO_SUCH_PROBLEM : name === 'id' && op.path.includes('/inbox/') ? '2147483000' : randomUUID())));
}

let operations: Operation[] = [];
let before: Record<string, string>;
let findings: { endpoint: string; input: unknown; status: number; why: string; body: string }[] = [];

/** Judges one answer to an invalid request; returns false (and records why) when it misses a target. */
function judge(op: Operation, input: unknown, res: Sent, { mayBeAccepted = op.method === 'GET' } = {}): boolean {
  const record = (why: string) => findings.push({ endpoint: op.key, input: JSON.stringify(input)?.slice(0, 300), status: res.status, why, body: res.text.slice(0, 300) });
  if (res.status >= 500) record('5xx');
  else if (res.status < 300 && !mayBeAccepted) record('invalid input accepted');
  else if ([400, 413, 415, 422].includes(res.status) && !namesAField(res.json)) record('the answer names no field');
  else if (res.status >= 400 && !speaksChinese(res.json)) record('an ASCII-only message');
  else return true;
  return false;
}

beforeEach(() => {
  findings = []; // each test reports its own misses
});

beforeAll(async () => {
  operations = await loadOperations(BACKEND_SERVICES);
  for (const name of new Set(Object.values(USER_OF_ROLE))) await login(name);
  before = await writtenState();
});

afterAll(async () => {
  await closeDb();
});

describe('bad input: generated from the OpenAPI documents', () => {
  it('answers invalid JSON bodies with 4xx naming the field, never 5xx, never accepting them', async () => {
    const withBody = operations.filter((op) => op.jsonBody?.properties);
    expect(withBody.length).toBeGreaterThan(10);
    for (const op of withBody) {
      const schema = op.jsonBody!;
      const base = plausible(schema) as Record<string, unknown>;
      // Registration of another enterprise's problem is refused after validation, so a body that passes validation writes nothing.
      if (op.key === 'POST /api/issues/problems') base['enterpriseCode'] = 'E002';
      const token = await login(callerOf(op));
      await fc.assert(
        fc.asyncProperty(mutation(schema), async (m) => {
          const body = applyMutation(base, m);
          return judge(op, body, await send(op.method, concretePath(op), { token, json: body }));
        }),
        { numRuns: RUNS, endOnFailure: true, verbose: 0 },
      ).catch(() => undefined); // every miss is in `findings`, asserted below with all endpoints' misses
    }
    expect(findings).toEqual([]);
  });

  it('answers malformed JSON, wrong content types and huge bodies with 4xx', async () => {
    for (const op of operations.filter((o) => o.jsonBody)) {
      const token = await login(callerOf(op));
      for (const [contentType, raw] of [['application/json', '{"title": "未闭合'], ['application/json', '[1,2'], ['text/plain', 'title=x'], ['application/json', JSON.stringify({ x: 'y'.repeat(3_000_000) })]] as const) {
        judge(op, `${contentType}: ${raw.slice(0, 40)}`, await send(op.method, concretePath(op), { token, raw, contentType }));
      }
    }
    expect(findings).toEqual([]);
  });

  it('answers invalid query parameters with 4xx naming the parameter, never 5xx', async () => {
    const withQuery = operations.filter((op) => op.parameters.some((p) => p.in === 'query'));
    expect(withQuery.length).toBeGreaterThan(5);
    for (const op of withQuery) {
      const params = op.parameters.filter((p) => p.in === 'query');
      const token = await login(callerOf(op));
      const base = Object.fromEntries(params.filter((p) => p.required).map((p) => [p.name, String(plausible(p.schema, p.name))]));
      const one = fc.oneof(
        fc.constantFrom(...params).chain((p) => fc.oneof(invalidFor(p.name, p.schema), hostileString).map((v) => ({ [p.name]: typeof v === 'string' ? v : JSON.stringify(v) }))),
        fc.constant({ __unknown_parameter: '1' }),
        fc.constant({ page: '-1', pageSize: '100000' }),
      );
      await fc.assert(
        fc.asyncProperty(one, async (change) => {
          const query = new URLSearchParams({ ...base, ...change }).toString();
          return judge(op, change, await send(op.method, `${concretePath(op)}?${query}`, { token, json: op.method === 'GET' ? undefined : {} }));
        }),
        { numRuns: RUNS, endOnFailure: true, verbose: 0 },
      ).catch(() => undefined);
    }
    expect(findings).toEqual([]);
  });

  it('answers hostile path parameters with 4xx, never 5xx', async () => {
    const withPath = operations.filter((op) => op.parameters.some((p) => p.in === 'path'));
    expect(withPath.length).toBeGreaterThan(10);
    for (const op of withPath) {
      const token = await login(callerOf(op));
      const names = op.parameters.filter((p) => p.in === 'path').map((p) => p.name);
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...names), fc.oneof(hostileString.filter((s) => s.length < 5000 && s.length > 0), fc.constantFrom('..', '%2e%2e%2f', 'E001-2026-00001/../../x', '-1', '99999999999999999999', 'E999-9999-99999')), async (name, value) => {
          return judge(op, { [name]: value }, await send(op.method, concretePath(op, { [name]: value }), { token, json: op.method === 'GET' ? undefined : {} }), { mayBeAccepted: op.method === 'GET' });
        }),
        { numRuns: Math.ceil(RUNS / 2), endOnFailure: true, verbose: 0 },
      ).catch(() => undefined);
    }
    expect(findings).toEqual([]);
  });

  it('has written nothing to the database or the evidence store', async () => {
    const after = await writtenState();
    const changed = Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t]);
    expect({ changed }).toEqual({ changed: [] });
    expect(stack().profile).toBeTruthy();
  });
});
