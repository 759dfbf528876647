import { afterAll, describe, expect, it } from '@jest/globals';
import { addDays, compressedPolicy, localDateOf } from '@rectify/domain';
import { closeDb, closeTemporal, eventually, login, seedProblem, type SeededProblem } from '../harness/index.js';
import { awaitHealthy, holdDownFor, probeAll, stopPostgresFor } from './faults.js';
import { auditProblem, mailsByMessageId, settled } from './ledger-audit.js';

/**
 * Long outages lose nothing (issue: hostile input, long outages). Reminders and deadlines fall due
 * while the worker is down for two minutes, and while PostgreSQL is down for five: afterwards every
 * reminder, overdue notice and case is there once — late, none lost, none doubled. Activities that
 * must succeed retry without a limit, backing off to one try every two minutes, so the suite waits
 * that long after the outage.
 */
const policy = compressedPolicy(86_400); // one policy day per wall second
const started = Date.now();
const log = (m: string) => process.stderr.write(`[long outages ${((Date.now() - started) / 1000).toFixed(1)} s] ${m}\n`);

afterAll(async () => {
  await closeDb();
  await closeTemporal();
});

/** `count` problems whose 7- and 1-day reminders and deadlines fall 20–50 policy days (wall seconds) from now. */
async function seedDue(count: number): Promise<SeededProblem[]> {
  const today = localDateOf(Date.now(), policy);
  const issueDate = addDays(today, -1);
  const problems: SeededProblem[] = [];
  for (let i = 0; i < count; i++) {
    const options = { policy, enterpriseCode: 'E001', issueDate, deadline: addDays(today, 20 + Math.floor((30 * i) / count)), hardLimit: addDays(today, 3650) };
    problems.push(await seedProblem(options).catch(() => seedProblem(options)));
  }
  return problems;
}

async function expectAllExact(problems: SeededProblem[], settleMs: number): Promise<void> {
  const pending = await eventually('every problem overdue, with its case and every e-mail sent', async () => {
    const { pending } = await settled(problems);
    return pending === 0 ? pending : undefined;
  }, settleMs, 2000);
  expect(pending).toBe(0);
  await new Promise((r) => setTimeout(r, 3000)); // time for a duplicate to show up, were there one
  const officer = await login('jiandu');
  const mails = await mailsByMessageId();
  const wrong: string[] = [];
  for (const problem of problems) wrong.push(...(await auditProblem(problem, policy, mails, officer)));
  expect(wrong).toEqual([]);
}

describe('long outages lose nothing', () => {
  it('delivers every reminder, overdue notice and case once, late, after the worker was down for two minutes', async () => {
    const problems = await seedDue(12);
    log('12 problems seeded; stopping the worker for 120 s while their reminders and deadlines fall due');
    await holdDownFor('worker', 120_000, log);
    await awaitHealthy();
    await expectAllExact(problems, 240_000);
  }, 600_000);

  it('delivers every reminder, overdue notice and case once after PostgreSQL was down for five minutes', async () => {
    const problems = await seedDue(12);
    await closeDb(); // no pooled connection may live across the outage
    log('12 problems seeded; stopping PostgreSQL for 300 s while their timers fire');
    let live: Record<string, number> = {};
    let ready: Record<string, number> = {};
    await stopPostgresFor(300_000, log, async () => {
      // past the ~60 s a liveness probe on the dependencies would have tolerated (4 × 15 s)
      await new Promise((r) => setTimeout(r, 90_000));
      live = await probeAll('/health/live');
      ready = await probeAll('/health/ready');
      log(`probes 90 s into the outage: live ${JSON.stringify(live)}, ready ${JSON.stringify(ready)}`);
    });
    // nothing would be restarted (alive), every service that needs the database is out of traffic (not ready)
    expect(live).toEqual({ gateway: 200, issues: 200, notifications: 200, 'joint-meeting': 200, assessment: 200, worker: 200 });
    for (const name of ['gateway', 'issues', 'notifications', 'joint-meeting', 'assessment']) expect(ready[name]).toBe(503);
    await awaitHealthy(180_000);
    await expectAllExact(problems, 360_000);
  }, 900_000);
});
