import { afterAll, describe, expect, it } from '@jest/globals';
import { addDays, compressedPolicy, localDateOf } from '@rectify/domain';
import { closeDb, closeTemporal, eventually, seedProblem, stack, temporal, db } from '../harness/index.js';

interface Mail {
  subject: string;
  to: { address: string }[];
  text: string;
  time: string;
}

afterAll(async () => {
  await closeDb();
  await closeTemporal();
});

describe('weekly digest on a Temporal Schedule', () => {
  it('exists as a schedule that starts the digest workflow every week', async () => {
    const description = await (await temporal()).schedule.getHandle('weekly-digest').describe();
    expect(description.action).toMatchObject({ type: 'startWorkflow', workflowType: 'weeklyDigestWorkflow' });
    expect(description.spec.timezone).toBe('Asia/Shanghai');
  });

  it('sends each officer every enterprise, and each internal audit only its own', async () => {
    const policy = compressedPolicy(86_400);
    const today = localDateOf(Date.now(), policy);
    const e002 = await seedProblem({ policy, enterpriseCode: 'E002', issueDate: addDays(today, -500), deadline: addDays(today, -400), hardLimit: addDays(today, 60) });
    await eventually('the seeded problem to be overdue', async () => (await db().query('SELECT overdue FROM issues.problems WHERE id = $1', [e002.id])).rows[0]?.overdue === true, 20_000);

    const since = Date.now();
    await (await temporal()).schedule.getHandle('weekly-digest').trigger();
    const digests = await eventually('digest e-mails', async () => {
      const all = (await (await fetch(`${stack().urls.mailbox}/api/email`)).json()) as Mail[];
      const fresh = all.filter((m) => m.subject.includes('每周整改动态') && new Date(m.time).getTime() >= since - 1000);
      const to = (a: string) => fresh.find((m) => m.to.some((t) => t.address === a));
      return to('jiandu@rectify.local') && to('e001-audit@rectify.local') && to('e002-audit@rectify.local') ? { to } : undefined;
    }, 30_000);
    expect(digests.to('jiandu@rectify.local')!.text).toContain(e002.ledgerNo);
    expect(digests.to('e002-audit@rectify.local')!.text).toContain(e002.ledgerNo);
    expect(digests.to('e001-audit@rectify.local')!.text).not.toContain(e002.ledgerNo);
  });
});
