import { beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { ACTIONS, type ActionName } from '@rectify/domain';
import { BACKEND_SERVICES, isEnterpriseRole, type Role } from '@rectify/contracts';
import { api, login } from '../harness/index.js';
import { register } from '../ledger/fixtures.js';

/**
 * The access matrix, generated from one table: every demo user × every problem route of the
 * OpenAPI documents × own/other enterprise × confidential/non-confidential. A read answers 200 or
 * 404 (never 403: another enterprise's object must not be known to exist); an action answers 403
 * for a role that may never take it, 404 for a problem the caller may not see, and otherwise
 * whatever the policy says (200, 409, 422) — never 5xx, never a leak.
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

/** SPEC §9: who may see a problem. */
const CONFIDENTIAL_READERS: Role[] = ['supervision_officer', 'joint_office', 'supervision_group', 'supervision_lead', 'party_committee', 'discipline_group'];
function maySee(user: (typeof USERS)[number], p: { enterpriseCode: string; confidential: boolean }): boolean {
  if (user.role === 'operator') return false;
  if (isEnterpriseRole(user.role)) return user.enterpriseCode === p.enterpriseCode;
  return !p.confidential || CONFIDENTIAL_READERS.includes(user.role);
}

/** The action behind each stage route, and a valid body for it. */
const ACTION_ROUTES: Record<string, { action: ActionName; body: unknown }> = {
  responsibility: { action: 'assignResponsibility', body: { responsibility: { leadDepartment: '财务部', cooperatingDepartments: [], responsiblePersons: [] } } },
  plan: { action: 'submitPlan', body: { measures: '整改措施', milestones: [], targetDate: '2027-03-31' } },
  'plan/approvals': { action: 'approvePlan', body: { body: 'board', meeting: '董事会', meetingDate: '2026-11-01', resolutionNo: '董决1号' } },
  progress: { action: 'reportProgress', body: { progress: '进展' } },
  report: { action: 'submitReport', body: { content: '报告' } },
  'report/approvals': { action: 'approveReport', body: { body: 'board', meeting: '董事会', meetingDate: '2026-11-01', resolutionNo: '董决2号' } },
  determination: { action: 'determine', body: { criterion: 'N2', basis: '未采取整改措施' } },
  'determination/review': { action: 'reviewDetermination', body: { accept: false } },
  'handling-proposal': { action: 'proposeHandling', body: { proposal: '建议', coDrafters: ['纪检部门'] } },
  'follow-up': { action: 'recordFollowUp', body: { holds: false, findings: '未到位' } },
  'close-out': { action: 'acceptCloseOut', body: { opinion: '同意' } },
  extensions: { action: 'requestExtension', body: { requestedDeadline: '2027-05-31', reason: '客观原因' } },
  'extensions/decision': { action: 'decideExtension', body: { approve: false } },
  'discipline-transfers': { action: 'transferToDiscipline', body: { content: '移送线索' } },
  'discipline-transfers/decision': { action: 'decideTransfer', body: { accept: false, note: '不予受理' } },
};

interface Operation {
  method: string;
  path: string;
}

const operations: Operation[] = [];
const problems: { ledgerNo: string; enterpriseCode: string; confidential: boolean }[] = [];

beforeAll(async () => {
  for (const service of BACKEND_SERVICES) {
    const doc = await api<{ paths: Record<string, Record<string, unknown>> }>('GET', `/api/${service}/docs/json`);
    for (const [path, ops] of Object.entries(doc.body.paths)) {
      for (const method of Object.keys(ops)) operations.push({ method: method.toUpperCase(), path: `/api/${service}${path}` });
    }
  }
  for (const [as, enterpriseCode, confidential] of [['e001-audit', 'E001', false], ['e001-audit', 'E001', true], ['e002-audit', 'E002', false]] as const) {
    const p = await register(as, { enterpriseCode, confidentiality: confidential ? 'confidential' : 'non_confidential' });
    problems.push({ ledgerNo: p.ledgerNo, enterpriseCode, confidential });
  }
});

describe('access matrix', () => {
  it('documents the routes it checks', () => {
    expect(operations.length).toBeGreaterThan(25);
    const stageRoutes = operations.filter((o) => o.method === 'POST' && /\/problems\/\{ledgerNo\}\/(.+)$/.test(o.path)).map((o) => o.path.replace(/^.*\{ledgerNo\}\//, ''));
    // Every stage route of the service is in the table above (a new route must be added there).
    expect(stageRoutes.filter((r) => r !== 'evidence').sort()).toEqual(Object.keys(ACTION_ROUTES).sort());
  });

  it('refuses every route without a token, or with a bad one, with 401', async () => {
    const open = ['/health', '/docs', '/docs/json'];
    for (const op of operations) {
      if (open.some((o) => op.path.endsWith(o))) continue;
      const path = op.path.replace('{ledgerNo}', 'E001-2026-00001').replace('{id}', randomUUID());
      for (const token of [undefined, 'not.a.token']) {
        const res = await api(op.method, path, { token, body: op.method === 'GET' ? undefined : {} });
        expect([op.method, path, token ?? 'none', res.status]).toEqual([op.method, path, token ?? 'none', 401]);
      }
    }
  });

  it('answers reads of a problem with 200 or 404 exactly as §9 says', async () => {
    const reads = operations.filter((o) => o.method === 'GET' && o.path.includes('{ledgerNo}'));
    expect(reads.length).toBeGreaterThanOrEqual(4);
    const wrong: unknown[] = [];
    for (const user of USERS) {
      const token = await login(user.username);
      for (const p of problems) {
        for (const op of reads) {
          const path = op.path.replace('{ledgerNo}', p.ledgerNo).replace('{id}', randomUUID());
          const res = await api('GET', path, { token });
          const expected = op.path.endsWith('{id}') ? 404 : maySee(user, p) ? 200 : 404;
          if (res.status !== expected) wrong.push({ user: user.username, path, confidential: p.confidential, got: res.status, expected });
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('answers stage actions with 403 for a role that never may, 404 for a problem one may not see, and never 5xx', async () => {
    const wrong: unknown[] = [];
    for (const user of USERS) {
      const token = await login(user.username);
      for (const p of problems) {
        for (const [route, { action, body }] of Object.entries(ACTION_ROUTES)) {
          const res = await api('POST', `/api/issues/problems/${p.ledgerNo}/${route}`, { token, body });
          const allowed = (ACTIONS[action].roles as readonly Role[]).includes(user.role);
          const ok = !allowed ? res.status === 403 : !maySee(user, p) ? res.status === 404 : [200, 409, 422].includes(res.status);
          if (!ok) wrong.push({ user: user.username, route, problem: p, got: res.status, body: res.body });
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('leaves out of every list what the caller may not see', async () => {
    for (const user of USERS) {
      const token = await login(user.username);
      for (const p of problems) {
        const res = await api<{ items: { ledgerNo: string }[]; total: number }>('GET', `/api/issues/problems?q=${p.ledgerNo}`, { token });
        expect([user.username, p.ledgerNo, res.body.items.map((i) => i.ledgerNo)]).toEqual([user.username, p.ledgerNo, maySee(user, p) ? [p.ledgerNo] : []]);
      }
      const operatorView = await api<{ total: number }>('GET', '/api/issues/problems', { token });
      if (user.role === 'operator') expect(operatorView.body.total).toBe(0);
    }
  });
});
