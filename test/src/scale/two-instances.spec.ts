import { afterAll, describe, expect, it } from '@jest/globals';
import { TASK_QUEUES } from '@rectify/contracts';
import { addDays, compressedPolicy, localDateOf } from '@rectify/domain';
import { casesOf, closeDb, closeTemporal, eventsOf, eventually, seedProblem, stack, type SeededProblem } from '../harness/index.js';
import { type Instance, killAll, releaseAll, type ServiceName, stackSecondInstances, startSecondInstances } from './instances.js';
import { pollersOf, servedBy } from './history.js';

/** One policy day per wall second, as in the workflow timer tests. */
const policy = compressedPolicy(86_400);
const today = () => localDateOf(Date.now(), policy);
const second: Partial<Record<ServiceName, Instance>> = {};

interface Mail { subject: string; to: { address: string }[] }
/** Every e-mail in the stack's SMTP sink, fetched once per check. */
async function mailbox(): Promise<Mail[]> {
  return (await (await fetch(`${stack().urls.mailbox}/api/email`)).json()) as Mail[];
}
const subjectCount = (mails: Mail[], ledgerNo: string, words: string) => mails.filter((m) => m.subject.includes(ledgerNo) && m.subject.includes(words)).length;
/**
 * Served by this test's second instance and by at least one other: the stack's own (not compared
 * by pid, since the launcher restarts an instance another suite kills).
 */
const sharedBy = (identities: Set<string> | undefined, second: Instance) =>
  identities !== undefined && identities.has(second.identity) && [...identities].some((id) => id !== second.identity);
async function done(p: SeededProblem, mails: Mail[]): Promise<boolean> {
  const events = await eventsOf(p.id);
  const reminders = events.filter((e) => e.kind === 'reminder').map((e) => e.payload['offsetDays']);
  const count = (words: string) => subjectCount(mails, p.ledgerNo, words);
  return events.some((e) => e.kind === 'overdue') && reminders.length === 2 && (await casesOf(p.id)).length === 1
    && count('还剩 7 天') >= 2 && count('还剩 1 天') >= 2 && count('整改逾期') >= 3 && count('启动问责') >= 3;
}

afterAll(async () => {
  killAll(second);
  await releaseAll(second); // the production topology's own second instances, for the suites after this one
  await closeDb();
  await closeTemporal();
}, 300_000);

describe('two instances of every service and two workers on one Temporal server and one PostgreSQL', () => {
  it('share the work, and losing one instance of each (SIGTERM or kill -9) loses nothing', async () => {
    // The production topology runs two of everything itself; on the dev server the test starts the second.
    if (!(await stackSecondInstances(second))) await startSecondInstances(second);

    // The second gateway serves logins and routes to the second backends.
    const login = await fetch(`http://127.0.0.1:${second.gateway!.port}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'jiandu', password: 'rectify-demo' }) });
    expect(login.status).toBe(200);
    const token = ((await login.json()) as { accessToken: string }).accessToken;
    const ledger = await fetch(`http://127.0.0.1:${second.gateway!.port}/api/issues/problems?pageSize=1`, { headers: { authorization: `Bearer ${token}` } });
    expect(ledger.status).toBe(200);

    // Work is shared only once the second instances poll: a workflow's first task goes to whichever
    // worker polls, and its later tasks stay with that worker (its sticky queue). On a busy machine a
    // second worker that answered /health may not have polled yet when the problems are seeded.
    await eventually('the second worker, issues and notifications instances polling their task queues', async () => {
      const [workflows, issues, notifications] = await Promise.all([
        pollersOf(TASK_QUEUES.workflows, 'workflow'),
        pollersOf(TASK_QUEUES.issues, 'activity'),
        pollersOf(TASK_QUEUES.notifications, 'activity'),
      ]);
      return workflows.has(second.worker!.identity) && issues.has(second.issues!.identity) && notifications.has(second.notifications!.identity);
    });

    // Wave A's first reminders fall due while both instances run; wave B's timers all come after the stops.
    const seed = (deadlineDays: number) => seedProblem({ policy, enterpriseCode: 'E001', issueDate: addDays(today(), -1), deadline: addDays(today(), deadlineDays), hardLimit: addDays(today(), 60) });
    const waveA = await Promise.all(Array.from({ length: 10 }, () => seed(9)));
    const waveB = await Promise.all(Array.from({ length: 4 }, () => seed(15)));
    const all = [...waveA, ...waveB];

    const shared = await eventually('workflow and activity tasks served by both instances', async () => {
      const served = await servedBy(waveA.map((p) => p.workflowId));
      const ok = sharedBy(served.workflowTasks, second.worker!)
        && sharedBy(served.activities.get(TASK_QUEUES.issues), second.issues!)
        && sharedBy(served.activities.get(TASK_QUEUES.notifications), second.notifications!);
      return ok ? served : undefined;
    }, 60_000, 500);
    expect(shared.workflowTasks.size).toBeGreaterThanOrEqual(2);

    // Stop one instance of each: the worker and issues with kill -9 in the middle of their work
    // (Temporal hands their tasks to the survivors), the others gracefully (SIGTERM: HTTP closes,
    // the activity worker drains, the mail dispatcher sends what it claimed, then exit). A
    // notifications instance killed with -9 would leave the e-mails it had claimed to be taken
    // over when their lease ends (2 minutes, MailDispatcher) — later, not lost; too slow for here.
    second.worker!.kill('SIGKILL');
    second.issues!.kill('SIGKILL');
    const gracefully = ['gateway', 'notifications', 'joint-meeting', 'assessment'] as const;
    for (const name of gracefully) second[name]!.kill('SIGTERM');
    const graceful = await Promise.all(gracefully.map((n) => second[n]!.exited));
    for (const exit of graceful) expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);

    // Every problem still reaches its end state, every timer fired once and every notice went out once.
    await eventually('every problem overdue with its T1 case and notices', async () => {
      const mails = await mailbox();
      return (await Promise.all(all.map((p) => done(p, mails)))).every(Boolean);
      // An activity the killed issues instance held waits out its 30 s start-to-close timeout before
      // a survivor retries it; on a busy machine the rest of the chain can take as long again.
    }, 150_000, 1000);
    await new Promise((r) => setTimeout(r, 1500)); // room for a duplicate to show up, were there one
    const mails = await mailbox();
    for (const p of all) {
      const events = await eventsOf(p.id);
      expect(events.filter((e) => e.kind === 'reminder').map((e) => e.payload['offsetDays'])).toEqual([7, 1]);
      expect(events.filter((e) => e.kind === 'overdue')).toHaveLength(1);
      expect(await casesOf(p.id)).toEqual([{ trigger: 'T1' }]);
      const count = (words: string) => subjectCount(mails, p.ledgerNo, words);
      expect([count('还剩 7 天'), count('还剩 1 天'), count('整改逾期'), count('启动问责')]).toEqual([2, 2, 3, 3]);
    }
  }, 360_000);
});
