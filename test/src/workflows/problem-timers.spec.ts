import { afterAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addDays, compressedPolicy, DAY_MS, dueAtMs, localDateOf } from '@rectify/domain';
import {
  actOn,
  casesOf,
  closeDb,
  closeTemporal,
  db,
  driveToDetermination,
  eventsOf,
  eventually,
  seedProblem,
  stack,
  workflowView,
} from '../harness/index.js';

/** One policy day per wall second: reminders 30/7/1 days ahead become 30/7/1 seconds. */
const policy = compressedPolicy(86_400);
const today = () => localDateOf(Date.now(), policy);
const reminders = async (id: string) => (await eventsOf(id)).filter((e) => e.kind === 'reminder');
const overdueEvents = async (id: string) => (await eventsOf(id)).filter((e) => e.kind === 'overdue');

afterAll(async () => {
  await closeDb();
  await closeTemporal();
});

describe('problem workflow timers on the real Temporal server (compressed policy)', () => {
  it('reminds at the offsets still ahead, marks overdue at the deadline and opens T1 once', async () => {
    const enterprise = `T${Date.now().toString(36).toUpperCase()}`;
    const deadline = addDays(today(), 10);
    const problem = await seedProblem({ policy, enterpriseCode: enterprise, issueDate: addDays(today(), -1), deadline, hardLimit: addDays(today(), 60) });
    const calm = await seedProblem({ policy, enterpriseCode: enterprise, issueDate: addDays(today(), -1), deadline: addDays(today(), 50), hardLimit: addDays(today(), 60) });

    const view = await workflowView(problem);
    expect(view.upcomingReminders.map((r) => r.offsetDays)).toEqual([7, 1]); // 30 days before is already past

    await eventually('overdue', async () => (await overdueEvents(problem.id)).length > 0, 40_000);
    const fired = await reminders(problem.id);
    expect(fired.map((e) => e.payload['offsetDays'])).toEqual([7, 1]);
    const due = dueAtMs(deadline, policy);
    const recorded = (await eventsOf(problem.id)).filter((e) => e.kind === 'reminder');
    expect(recorded).toHaveLength(2);
    const atRows = await db().query('SELECT at FROM issues.problem_events WHERE problem_id = $1 AND seq = $2', [problem.id, recorded[0]!.seq]);
    const sevenAt = new Date((atRows.rows[0] as { at: Date }).at).getTime();
    expect(sevenAt).toBeGreaterThanOrEqual(due - 7 * DAY_MS);
    expect(sevenAt).toBeLessThan(due - 4 * DAY_MS); // at most ~3 wall seconds late

    await eventually('T1 case', async () => (await casesOf(problem.id)).length > 0, 10_000);
    expect(await casesOf(problem.id)).toEqual([{ trigger: 'T1' }]);
    const row = (await db().query('SELECT overdue, stage FROM issues.problems WHERE id = $1', [problem.id])).rows[0];
    expect(row).toEqual({ overdue: true, stage: 'assign' });

    // An operator's query finds exactly the overdue problems of that enterprise, by search attributes.
    const cli = stack().infra.temporalCli;
    expect(cli).toBeTruthy();
    const listed = await eventually('search attributes to be visible', async () => {
      const out = execFileSync(cli!, ['workflow', 'list', '--address', stack().infra.temporalAddress, '--namespace', stack().infra.temporalNamespace, '--query', `Overdue = true AND EnterpriseCode = '${enterprise}'`, '-o', 'json'], { encoding: 'utf8' });
      const ids = (JSON.parse(out || '[]') as { execution: { workflowId: string } }[]).map((w) => w.execution.workflowId);
      return ids.length > 0 ? ids : undefined;
    });
    expect(listed).toEqual([problem.workflowId]);
    expect(listed).not.toContain(calm.workflowId);
  });

  it('moves the deadline and its reminders on an approved extension, and opens T2 at the hard limit', async () => {
    // The first deadline leaves ~20 s for the eleven actions up to the decision (a loaded machine takes
    // more than 6); its 7-day reminder falls ~13 s after the start, its 1-day one ~19 s.
    const firstDeadline = addDays(today(), 20);
    const newDeadline = addDays(today(), 28);
    const problem = await seedProblem({ policy, issueDate: addDays(today(), -1), deadline: firstDeadline, hardLimit: addDays(today(), 33) });
    await driveToDetermination(problem, 'P1', 'partial');
    await actOn(problem, 'audit', 'requestExtension', { requestedDeadline: newDeadline }, { reason: '客观原因' });
    const decided = await actOn(problem, 'lead', 'decideExtension', { approve: true });
    expect(decided.state).toMatchObject({ deadline: newDeadline, extended: true, stage: 'rectify' });
    const view = await workflowView(problem);
    expect(view.state.deadline).toBe(newDeadline);

    await eventually('T2 at the hard limit', async () => (await casesOf(problem.id)).length > 0, 60_000);
    expect(await casesOf(problem.id)).toEqual([{ trigger: 'T2' }]);
    // Every reminder after the decision was for the new deadline, none for the one it replaced. The
    // old deadline's reminders fall ~13 and ~19 s after the start: on a slow server (a loaded
    // machine) they may fire before the decision, rightly for the old deadline, in their order.
    const events = await eventsOf(problem.id);
    const decision = events.find((e) => e.kind === 'action' && e.action === 'decideExtension')!.seq;
    const fired = events.filter((e) => e.kind === 'reminder' && e.seq > decision);
    const earlier = events.filter((e) => e.kind === 'reminder' && e.seq < decision);
    expect(earlier.map((e) => [e.payload['deadline'], e.payload['offsetDays']])).toEqual([[firstDeadline, 7], [firstDeadline, 1]].slice(0, earlier.length));
    expect(fired.length).toBeGreaterThanOrEqual(1);
    expect(fired.every((e) => e.payload['deadline'] === newDeadline)).toBe(true);
    expect(fired.map((e) => e.payload['offsetDays'])).toEqual([7, 1].slice(2 - fired.length));
    const overdue = await overdueEvents(problem.id);
    expect(overdue.map((e) => e.payload['deadline'])).toEqual([newDeadline]);
  });

  it.each([
    ['N2', 'T3'],
    ['N3', 'T4'],
  ])('opens exactly one case when a determination %s is confirmed (%s)', async (criterion, trigger) => {
    const problem = await seedProblem({ policy: compressedPolicy(1), issueDate: today(), deadline: addDays(today(), 90), hardLimit: addDays(today(), 120) });
    await driveToDetermination(problem, criterion, 'not_rectified');
    // A report before the handling proposal of §8 is refused; then another round ends not rectified again: still one case.
    await expect(actOn(problem, 'audit', 'submitReport', {}, { content: '再次报告' })).rejects.toThrow();
    await actOn(problem, 'audit', 'proposeHandling', {}, { proposal: '会同纪检、组织部门提出处理建议', coDrafters: ['纪检部门', '组织部门'] });
    await actOn(problem, 'audit', 'submitReport', {}, { content: '再次报告' });
    await actOn(problem, 'leader', 'approveReport', { body: 'party_committee' });
    await actOn(problem, 'leader', 'approveReport', { body: 'board' });
    await actOn(problem, 'audit', 'determine', { criterion, outcome: 'not_rectified' }, { criterion });
    await actOn(problem, 'officer', 'reviewDetermination', { accept: true });
    await eventually('case', async () => (await casesOf(problem.id)).length > 0, 10_000);
    expect(await casesOf(problem.id)).toEqual([{ trigger }]);
    expect((await workflowView(problem)).triggers).toEqual([trigger]);
  });

  it('fires every timer once although the worker is killed while it waits', async () => {
    const deadline = addDays(today(), 9);
    const problem = await seedProblem({ policy, issueDate: addDays(today(), -1), deadline, hardLimit: addDays(today(), 60) });
    const workerPid = () => {
      const children = JSON.parse(readFileSync(join(stack().stateDir, 'children.json'), 'utf8')) as { name: string; pid: number }[];
      return children.find((c) => c.name === 'worker')!.pid;
    };
    const before = workerPid();
    await new Promise((r) => setTimeout(r, 1500));
    process.kill(before, 'SIGKILL');
    await eventually('the launcher to restart the worker', async () => workerPid() !== before, 15_000);

    await eventually('overdue after the restart', async () => (await overdueEvents(problem.id)).length > 0, 40_000);
    await eventually('T1', async () => (await casesOf(problem.id)).length > 0, 10_000);
    const fired = await reminders(problem.id);
    expect(fired.map((e) => e.payload['offsetDays'])).toEqual([7, 1]);
    expect(await overdueEvents(problem.id)).toHaveLength(1);
    expect(await casesOf(problem.id)).toEqual([{ trigger: 'T1' }]);
  });
});
