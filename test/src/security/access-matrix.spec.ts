import { beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { createHmac, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ACTIONS } from '@rectify/domain';
import { BACKEND_SERVICES, CASE_READERS, isEnterpriseRole, TOKEN_AUDIENCE, TOKEN_ISSUER, type Role } from '@rectify/contracts';
import { api, handMadeToken, login, mintToken, stack, stackKeys } from '../harness/index.js';
import { register } from '../ledger/fixtures.js';
import { ACCESS_TABLE, type Access } from './access-table.js';

/**
 * The access matrix, generated from one table (access-table.ts): every demo user × every endpoint
 * of every OpenAPI document × own/other enterprise × confidential/non-confidential. Reads of a
 * problem answer 200 or 404 (never 403: another enterprise's object must not be known to exist);
 * actions answer 403 for a role that may never take them, 404 for a problem the caller may not see;
 * nothing answers 5xx; lists leave out what the caller may not see. Bad tokens of every kind
 * answer 401, and logins are rate-limited.
 */
const USERS: { username: string; role: Role; enterpriseCode?: string }[] = [
  { username: 'jiandu', role: 'supervision_officer' },
  { username: 'dudao', role: 'supervision_group' },
  { username: 'fenguan', role: 'supervision_lead' },
  { username: 'dangwei', role: 'party_committee' },
  { username: 'jijian', role: 'discipline_group' },
  { username: 'lianxi', role: 'joint_office' },
  { username: 'gaige', role: 'member_unit_officer' },
  { username: 'gaige-lingdao', role: 'member_unit_leader' },
  { username: 'kaohe', role: 'assessment_division' },
  { username: 'ganbu', role: 'cadre_division' },
  { username: 'chushi', role: 'commission_division' },
  { username: 'yunwei', role: 'operator' },
  { username: 'e001-audit', role: 'enterprise_audit', enterpriseCode: 'E001' },
  { username: 'e001-business', role: 'enterprise_business', enterpriseCode: 'E001' },
  { username: 'e001-leader', role: 'enterprise_leader', enterpriseCode: 'E001' },
  { username: 'e002-audit', role: 'enterprise_audit', enterpriseCode: 'E002' },
  { username: 'e002-business', role: 'enterprise_business', enterpriseCode: 'E002' },
  { username: 'e002-leader', role: 'enterprise_leader', enterpriseCode: 'E002' },
];
type User = (typeof USERS)[number];
type Problem = { ledgerNo: string; enterpriseCode: string; confidential: boolean };

/** SPEC §9: who may see a problem. */
const CONFIDENTIAL_READERS: Role[] = ['supervision_officer', 'joint_office', 'supervision_group', 'supervision_lead', 'party_committee', 'discipline_group'];
function maySee(user: User, p: Problem): boolean {
  if (user.role === 'operator') return false;
  if (isEnterpriseRole(user.role)) return user.enterpriseCode === p.enterpriseCode;
  return !p.confidential || CONFIDENTIAL_READERS.includes(user.role);
}

interface Operation {
  method: string;
  /** `/api/<service><path>` as the OpenAPI document spells the path. */
  path: string;
  key: string;
}

const operations: Operation[] = [];
const problems: Problem[] = [];
const classified = (op: Operation) => ACCESS_TABLE[op.key];

/** A token for a user id no one has, with `user`'s role and enterprise (for routes that write to the caller's own data). */
function strangerToken(user: User): string {
  return mintToken({ sub: randomUUID(), username: 'stranger', displayName: '访问矩阵', role: user.role, enterpriseCode: user.enterpriseCode ?? null, unitCode: null }, { ttlSeconds: 300 });
}

const concrete = (path: string, ledgerNo = 'E001-2026-00001') => path.replace('{ledgerNo}', ledgerNo).replace('{id}', path.includes('/inbox/') ? '2147483000' : randomUUID());

beforeAll(async () => {
  const documents: [string, string][] = [['', '/docs/json'], ...BACKEND_SERVICES.map((s): [string, string] => [`/api/${s}`, `/api/${s}/docs/json`])];
  for (const [prefix, url] of documents) {
    const doc = await api<{ paths: Record<string, Record<string, unknown>> }>('GET', url, { token: await login('jiandu') });
    expect([url, doc.status]).toEqual([url, 200]);
    for (const [path, ops] of Object.entries(doc.body.paths)) {
      for (const method of Object.keys(ops)) operations.push({ method: method.toUpperCase(), path: `${prefix}${path}`, key: `${method.toUpperCase()} ${prefix}${path}` });
    }
  }
  for (const [as, enterpriseCode, confidential] of [['e001-audit', 'E001', false], ['e001-audit', 'E001', true], ['e002-audit', 'E002', false]] as const) {
    const p = await register(as, { enterpriseCode, confidentiality: confidential ? 'confidential' : 'non_confidential', tags: confidential ? ['personnel_violation'] : [] });
    problems.push({ ledgerNo: p.ledgerNo, enterpriseCode, confidential });
  }
});

/** What `user` must get from `op` (on `problem`, for problem routes): a list of acceptable statuses. */
function expected(access: Access, user: User, problem: Problem | undefined): number[] {
  const allowedBy = (roles?: readonly Role[]) => !roles || roles.includes(user.role);
  switch (access.kind) {
    case 'public':
      return [200, 201];
    case 'signed-in':
      return access.ok;
    case 'roles':
      return allowedBy(access.roles) ? access.ok : [403];
    case 'problem-read':
      if (!allowedBy(access.roles)) return [403];
      return maySee(user, problem!) || (access.operatorSeesAll && user.role === 'operator') ? [200] : [404];
    case 'problem-object':
      return allowedBy(access.roles) ? [404] : [403];
    case 'problem-action':
      if (!(ACTIONS[access.action].roles as readonly Role[]).includes(user.role)) return [403];
      return maySee(user, problem!) ? [200, 409, 422] : [404];
    case 'problem-upload':
      if (!allowedBy(access.roles)) return [403];
      return maySee(user, problem!) ? [400] : [404];
  }
}

/**
 * The sweep below makes well over a thousand requests one after another (sequential on purpose:
 * some are allowed stage actions on shared problems, whose answers depend on order). Its time is
 * CPU the stack gets, not waiting: on a loaded two-core machine it has taken over 120 s.
 */
const SWEEP_TIMEOUT_MS = 600_000;

describe('access matrix', () => {
  it('classifies every endpoint of every OpenAPI document in the access table', () => {
    expect(operations.length).toBeGreaterThan(40);
    const unclassified = operations.filter((op) => !classified(op)).map((op) => op.key);
    // A new route must be added to test/src/security/access-table.ts with who may call it.
    expect({ unclassifiedEndpoints: unclassified }).toEqual({ unclassifiedEndpoints: [] });
    const documented = new Set(operations.map((op) => op.key));
    expect({ tableEntriesNoDocumentLists: Object.keys(ACCESS_TABLE).filter((k) => !documented.has(k)) }).toEqual({ tableEntriesNoDocumentLists: [] });
  });

  it('refuses every non-public endpoint with 401 for a missing, malformed, expired, forged, foreign, unsigned or endless token', async () => {
    const kid = stackKeys().signing.kid;
    const now = Math.floor(Date.now() / 1000);
    const claims = { sub: randomUUID(), username: 'jiandu', displayName: '监督处', role: 'supervision_officer', enterpriseCode: null, unitCode: null, aud: TOKEN_AUDIENCE, iss: TOKEN_ISSUER, iat: now, exp: now + 300 };
    const header = { alg: 'EdDSA', typ: 'JWT', kid };
    const otherKey = generateKeyPairSync('ed25519').privateKey;
    const { exp: _exp, ...endless } = claims;
    const publicX = (JSON.parse(readFileSync(stack().jwtPublicKeysFile, 'utf8')) as { keys: { x: string }[] }).keys[0]!.x;
    const hsInput = `${Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid })).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    const tokens: Record<string, string | undefined> = {
      missing: undefined,
      malformed: 'not.a.token',
      expired: handMadeToken(header, { ...claims, exp: now - 120 }),
      'wrong signature (another key under the same kid)': handMadeToken(header, claims, otherKey),
      'unknown kid': handMadeToken({ ...header, kid: 'not-ours' }, claims),
      'wrong audience': handMadeToken(header, { ...claims, aud: 'someone-else' }),
      'wrong issuer': handMadeToken(header, { ...claims, iss: 'someone-else' }),
      'no exp': handMadeToken(header, endless),
      'HS256 with the public key as secret': `${hsInput}.${createHmac('sha256', publicX).update(hsInput).digest('base64url')}`,
      'alg none': `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`,
    };
    // The well-formed control token is accepted, so the refusals below are about what was changed.
    expect((await api('GET', '/api/auth/me', { token: handMadeToken(header, claims) })).status).toBe(200);
    const wrong: unknown[] = [];
    for (const op of operations.filter((o) => classified(o)?.kind !== 'public')) {
      for (const [name, token] of Object.entries(tokens)) {
        const res = await api(op.method, concrete(op.path), { token, body: op.method === 'GET' ? undefined : {} });
        if (res.status !== 401) wrong.push({ endpoint: op.key, token: name, got: res.status });
      }
    }
    expect(wrong).toEqual([]);
  });

  it('slows logins: after 5 failures of a user name the next attempt waits (429 with Retry-After)', async () => {
    const username = `matrix-${randomUUID().slice(0, 8)}`;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await api('POST', '/api/auth/login', { body: { username, password: 'wrong-password' } })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('answers every role × endpoint × own/other enterprise × confidential/non-confidential as the table says, never 5xx', async () => {
    const wrong: unknown[] = [];
    let checked = 0;
    for (const user of USERS) {
      const token = await login(user.username);
      for (const op of operations) {
        const access = classified(op);
        if (!access || access.kind === 'public') continue;
        const onProblem = access.kind.startsWith('problem-');
        for (const problem of onProblem ? problems : [undefined]) {
          const query = 'query' in access && access.query ? access.query.replace('{ledgerNo}', problem?.ledgerNo ?? '') : '';
          const body = 'body' in access ? access.body : op.method === 'GET' ? undefined : {};
          const res = await api(op.method, `${concrete(op.path, problem?.ledgerNo)}${query}`, { token: access.kind === 'signed-in' && access.stranger ? strangerToken(user) : token, body });
          const ok = expected(access, user, problem);
          checked += 1;
          if (!ok.includes(res.status)) wrong.push({ user: user.username, endpoint: op.key, problem, got: res.status, expected: ok, body: JSON.stringify(res.body).slice(0, 200) });
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
    expect(wrong).toEqual([]);
  }, SWEEP_TIMEOUT_MS);

  it('leaves out of every list what the caller may not see', async () => {
    const leaks: unknown[] = [];
    for (const user of USERS) {
      const token = await login(user.username);
      for (const p of problems) {
        const res = await api<{ items: { ledgerNo: string }[] }>('GET', `/api/issues/problems?q=${p.ledgerNo}`, { token });
        const listed = res.body.items.map((i) => i.ledgerNo);
        if (listed.join() !== (maySee(user, p) ? p.ledgerNo : '')) leaks.push({ user: user.username, list: 'problems', problem: p, listed });
        const deliveries = await api<unknown[]>('GET', `/api/notifications/deliveries?ledgerNo=${p.ledgerNo}`, { token });
        if (deliveries.body.length > 0 && !maySee(user, p)) leaks.push({ user: user.username, list: 'deliveries', problem: p, rows: deliveries.body.length });
      }
      const cases = await api<{ items: { enterpriseCode: string }[] }>('GET', '/api/issues/accountability-cases?pageSize=200', { token });
      if (!CASE_READERS.includes(user.role)) {
        // Roles that may not read cases get no list at all.
        if (cases.status !== 403) leaks.push({ user: user.username, list: 'accountability-cases', status: cases.status });
      } else {
        const foreign = cases.body.items.filter((c) => isEnterpriseRole(user.role) && c.enterpriseCode !== user.enterpriseCode);
        if (foreign.length > 0) leaks.push({ user: user.username, list: 'accountability-cases', foreign: foreign.length });
      }
      const enterprises = await api<{ code: string }[]>('GET', '/api/directory/enterprises', { token });
      if (isEnterpriseRole(user.role) && enterprises.body.map((e) => e.code).join() !== user.enterpriseCode) leaks.push({ user: user.username, list: 'enterprises', listed: enterprises.body.map((e) => e.code) });
      const operatorView = await api<{ total: number }>('GET', '/api/issues/problems', { token });
      if (user.role === 'operator' && operatorView.body.total !== 0) leaks.push({ user: user.username, list: 'problems (operator)', total: operatorView.body.total });
    }
    // The confidential problem is shared with 纪检组 and cadre management (§14), so its delivery log is not empty: the check above had something to leak.
    const shared = await api<unknown[]>('GET', `/api/notifications/deliveries?ledgerNo=${problems[1]!.ledgerNo}`, { token: await login('jiandu') });
    expect({ confidentialProblemDeliveries: shared.body.length > 0 }).toEqual({ confidentialProblemDeliveries: true });
    expect(leaks).toEqual([]);
  });
});
