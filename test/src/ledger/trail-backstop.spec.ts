import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { workflowOrigin } from '@rectify/activities';
import { addDays, DEFAULT_POLICY, localDateOf, type ActionName } from '@rectify/domain';
import { actUpdate, type ActCommand } from '@rectify/workflows';
import { api, db, eventually, login, seedProblem, temporal, type SeededProblem } from '../harness/index.js';

/**
 * The workflow's trail activity is the backstop behind the issues service, which writes an action's
 * entry itself before it answers (docs/ledger.md, "What an action's answer waits for"). The backstop
 * waits up to 10 s, then writes every entry waiting in one activity; an action followed by
 * consequences has the entries written first. Here the issues service is left out: the update is
 * sent as the service sends it (a stored request, its id as the update id) and nobody writes the
 * entries the answer carries, as when the service dies between the update and its write.
 */
const ACTORS = {
  audit: { id: randomUUID(), name: '内审', role: 'enterprise_audit' },
  business: { id: randomUUID(), name: '业务', role: 'enterprise_business' },
  leader: { id: randomUUID(), name: '领导', role: 'enterprise_leader' },
  officer: { id: randomUUID(), name: '监督处', role: 'supervision_officer' },
} as const;

async function seed(): Promise<SeededProblem> {
  const today = localDateOf(Date.now(), DEFAULT_POLICY);
  return seedProblem({ policy: DEFAULT_POLICY, issueDate: today, deadline: addDays(today, 150), hardLimit: addDays(today, 180) });
}

/** The action as the issues service sends it, without the service's own write of the trail entries. */
async function actByRequest(problem: SeededProblem, who: keyof typeof ACTORS, action: ActionName, payload: Record<string, unknown>, facts: ActCommand['facts'] = {}) {
  const actor = ACTORS[who];
  const stored = (await db().query(
    `INSERT INTO issues.action_requests (subject_type, subject_id, action, actor_id, actor_name, actor_role, payload, reason)
     VALUES ('problem', $1, $2, $3, $4, $5, $6, NULL) RETURNING id`,
    [problem.id, action, actor.id, actor.name, actor.role, JSON.stringify(payload)],
  )).rows as { id: string }[];
  const requestId = stored[0]!.id;
  const command: ActCommand = { action, actor: { id: actor.id, role: actor.role }, facts, requestId };
  const result = await (await temporal()).workflow.getHandle(problem.workflowId).executeUpdate(actUpdate, { args: [command], updateId: requestId });
  return { ...result, requestId };
}

/** The workflow's event numbers found in the problem's trail. */
async function written(problem: SeededProblem, seqs: number[]): Promise<number[]> {
  const rows = (await db().query('SELECT origin FROM issues.problem_events WHERE problem_id = $1 AND origin = ANY($2::text[])', [problem.id, seqs.map(workflowOrigin)])).rows as { origin: string }[];
  return rows.map((r) => Number(r.origin.split(':')[1])).sort((a, b) => a - b);
}

/** What the events of the workflow task that accepted update `updateId` are, from its acceptance on (their attributes' names). */
async function updateTaskEvents(problem: SeededProblem, updateId: string): Promise<string[]> {
  const history = await (await temporal()).workflow.getHandle(problem.workflowId).fetchHistory();
  const events = history.events ?? [];
  const at = events.findIndex((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.meta?.updateId === updateId);
  expect(at).toBeGreaterThan(0);
  const kinds: string[] = [];
  for (const e of events.slice(at)) {
    if (e.workflowTaskScheduledEventAttributes) break;
    kinds.push(...Object.entries(e).filter(([k, v]) => k.endsWith('EventAttributes') && v).map(([k]) => k.replace(/EventAttributes$/, '')));
  }
  return kinds;
}

describe('the trail backstop behind an action', () => {
  it('writes an entry nobody else wrote, about 10 s after the action, with its projection', async () => {
    const problem = await seed();
    const sent = Date.now();
    const first = await actByRequest(problem, 'audit', 'assignResponsibility', { responsibility: { leadDepartment: '财务部', cooperatingDepartments: [], responsiblePersons: ['王五'] } });
    expect(first.trail?.map((e) => e.seq)).toEqual([1]);
    // Not in the action's own workflow task: the backstop waits.
    expect(await written(problem, [1])).toEqual([]);

    await eventually('the backstop to write entry 1', async () => (await written(problem, [1])).length === 1, 90_000);
    expect(Date.now() - sent).toBeGreaterThanOrEqual(9_000);
    const row = (await db().query('SELECT responsibility, last_seq FROM issues.problems WHERE id = $1', [problem.id])).rows[0] as { responsibility: { leadDepartment: string }; last_seq: number };
    expect(row).toMatchObject({ responsibility: { leadDepartment: '财务部' }, last_seq: 1 });
    const verify = await api<{ intact: boolean }>('GET', `/api/issues/audit/verify?ledgerNo=${problem.ledgerNo}`, { token: await login('jiandu') });
    expect(verify.body.intact).toBe(true);
  });

  it('carries every entry not yet backed in the answer, and writes them all before an action’s consequences', async () => {
    const problem = await seed();
    await actByRequest(problem, 'audit', 'assignResponsibility', { responsibility: { leadDepartment: '财务部', cooperatingDepartments: [], responsiblePersons: ['王五'] } });
    const second = await actByRequest(problem, 'business', 'submitPlan', { measures: '清退补贴', milestones: [], targetDate: addDays(localDateOf(Date.now(), DEFAULT_POLICY), 60) });
    const third = await actByRequest(problem, 'officer', 'transferToDiscipline', { content: '移送纪检组核查' });
    expect(second.trail?.map((e) => e.seq)).toEqual([1, 2]);
    expect(third.trail?.map((e) => e.seq)).toEqual(expect.arrayContaining([3]));

    // The transfer's notice to 纪检组 follows its entry, and the entries before it are written first.
    const key = `${problem.workflowId}:transfer_requested:3`;
    await eventually('the transfer notice', async () => (await db().query('SELECT 1 FROM notifications.notices WHERE key = $1', [key])).rows.length > 0, 90_000);
    expect(await written(problem, [1, 2, 3])).toEqual([1, 2, 3]);
    const transfer = (await db().query('SELECT content FROM issues.discipline_transfers WHERE problem_id = $1', [problem.id])).rows as { content: string }[];
    expect(transfer).toEqual([{ content: '移送纪检组核查' }]);
    const verify = await api<{ intact: boolean }>('GET', `/api/issues/audit/verify?ledgerNo=${problem.ledgerNo}`, { token: await login('jiandu') });
    expect(verify.body.intact).toBe(true);
  });

  it('leaves the timer and the search attributes alone for an action that changes neither', async () => {
    const problem = await seed();
    await actByRequest(problem, 'audit', 'assignResponsibility', { responsibility: { leadDepartment: '财务部', cooperatingDepartments: [], responsiblePersons: ['王五'] } });
    await actByRequest(problem, 'business', 'submitPlan', { measures: '清退补贴', milestones: [], targetDate: addDays(localDateOf(Date.now(), DEFAULT_POLICY), 60) });
    const approved = await actByRequest(problem, 'leader', 'approvePlan', { body: 'party_committee', meeting: '党委会', meetingDate: localDateOf(Date.now(), DEFAULT_POLICY), resolutionNo: '党决〔测试〕1号' }, { body: 'party_committee' });
    expect(approved.state.stage).toBe('plan');
    // One of two approvals: the stage, the deadline and the backstop's turn stay as they were.
    expect(await updateTaskEvents(problem, approved.requestId)).toEqual(['workflowExecutionUpdateAccepted', 'workflowExecutionUpdateCompleted']);
  });
});
