import { describe, expect, it } from '@jest/globals';
import { eventually, stack } from '../harness/index.js';
import { register } from '../ledger/fixtures.js';

interface Mail {
  subject: string;
  to: { address: string }[];
}

async function mailsAbout(ledgerNo: string): Promise<Mail[]> {
  const all = (await (await fetch(`${stack().urls.mailbox}/api/email`)).json()) as Mail[];
  return all.filter((m) => m.subject.includes(ledgerNo));
}

async function sharedMails(ledgerNo: string): Promise<string[]> {
  return (await mailsAbout(ledgerNo)).filter((m) => m.subject.includes('重点问题推送')).flatMap((m) => m.to.map((t) => t.address)).sort();
}

describe('targeted sharing (§14)', () => {
  it('pushes personnel violations to cadre management and 纪检组, inflated performance to performance assessment', async () => {
    const problem = await register('e001-audit', { tags: ['personnel_violation', 'inflated_performance'] });
    const to = await eventually('the pushes', async () => {
      const found = await sharedMails(problem.ledgerNo);
      return found.length >= 3 ? found : undefined;
    }, 20_000);
    expect(to).toEqual(['ganbu@rectify.local', 'jijian@rectify.local', 'kaohe@rectify.local']);
  });

  it('pushes a confidential problem only to those who may read it, by an e-mail that names only its ledger number', async () => {
    const problem = await register('e001-audit', { tags: ['personnel_violation', 'inflated_performance'], confidentiality: 'confidential' });
    await eventually('the push to 纪检组', async () => (await mailsAbout(problem.ledgerNo)).length > 0, 20_000);
    await new Promise((r) => setTimeout(r, 1500));
    const mails = await mailsAbout(problem.ledgerNo);
    expect(mails.flatMap((m) => m.to.map((t) => t.address))).toEqual(['jijian@rectify.local']);
    // 涉密: the e-mail says there is a notice about the problem, not what it is.
    expect(mails[0]!.subject).toBe(`【审计整改】问题 ${problem.ledgerNo} 有一条新的通知`);
  });

  it('pushes nothing for an untagged problem', async () => {
    const problem = await register('e001-audit');
    await new Promise((r) => setTimeout(r, 2500));
    expect(await sharedMails(problem.ledgerNo)).toEqual([]);
  });
});
