import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from '@jest/globals';
import { api, closeDb, closeTemporal, eventually, login } from '../harness/index.js';
import { act, importGenerated, workflowsNotStartedOnce } from '../ledger/fixtures.js';
import { awaitHealthy, holdDownFor, killAndAwaitRestart } from './faults.js';

/**
 * An imported ledger's workflows start behind the import's answer (issue #19): the rows and their
 * first trail entries are committed first, each problem marked "not started"; a crash of the
 * issues service, or Temporal being down, while they start loses none and doubles none — the
 * recovery pass starts what is left, and each problem ends with exactly one workflow.
 */
const started = Date.now();
const log = (m: string) => process.stderr.write(`[import workflows ${((Date.now() - started) / 1000).toFixed(1)} s] ${m}\n`);

afterAll(async () => {
  await closeDb();
  await closeTemporal();
});

async function expectEachStartedOnce(ledgerNos: string[], timeoutMs: number): Promise<void> {
  const wrong = await eventually('every imported workflow started exactly once', async () => {
    const found = await workflowsNotStartedOnce(ledgerNos);
    return found.length === 0 ? found : undefined;
  }, timeoutMs, 2000).catch(async () => workflowsNotStartedOnce(ledgerNos));
  expect(wrong).toEqual([]);
}

describe('an imported ledger starts each workflow exactly once', () => {
  it('after the issues service is killed while the workflows start behind the answer', async () => {
    const res = await importGenerated(`导入恢复〔2026〕${randomUUID().slice(0, 8)}号`, 400);
    expect(res.status).toBe(201);
    expect(res.body.imported).toBe(400);
    const { before, after } = await killAndAwaitRestart('issues');
    const pending = (await api('GET', `/api/issues/problems/${res.body.ledgerNos.at(-1)}`, { token: await login('jiandu') })).body.workflowStarted;
    log(`import answered; killed issues (pid ${before}) with SIGKILL; restarted as pid ${after}; last problem started: ${pending}`);
    await awaitHealthy();
    await expectEachStartedOnce(res.body.ledgerNos as string[], 300_000);
  }, 600_000);

  it('while Temporal is down: the import answers, the ledger shows 时限监控启动中, and every workflow starts once Temporal is back', async () => {
    let ledgerNos: string[] = [];
    await holdDownFor('temporal', 30_000, log, async () => {
      await new Promise((r) => setTimeout(r, 2000));
      const res = await importGenerated(`导入待启〔2026〕${randomUUID().slice(0, 8)}号`, 20);
      expect(res.status).toBe(201);
      expect(res.body.imported).toBe(20);
      ledgerNos = res.body.ledgerNos as string[];
      const officer = await login('jiandu');
      const page = await api('GET', `/api/issues/problems?q=${encodeURIComponent(ledgerNos[0]!.slice(0, -2))}&pageSize=50`, { token: officer });
      const shown = (page.body.items as { ledgerNo: string; workflowStarted: boolean }[]).filter((p) => ledgerNos.includes(p.ledgerNo));
      expect(shown.length).toBeGreaterThan(0);
      expect(shown.every((p) => p.workflowStarted === false)).toBe(true);
      expect((await api('GET', `/api/issues/problems/${ledgerNos.at(-1)}`, { token: officer })).body.workflowStarted).toBe(false);
      log(`imported ${ledgerNos.length} problems while Temporal is down; the API shows them not started`);
    });
    await awaitHealthy();
    // An action on a problem still waiting for its start starts it first (exactly once), then applies.
    // (the imported rows name their 责任部门: they are registered at the plan stage)
    const planned = await act('e001-business', ledgerNos.at(-1)!, 'plan', { measures: '清退补贴', milestones: [], targetDate: '2027-02-28' });
    expect(planned.status).toBe(200);
    expect(planned.body.stage).toBe('plan');
    await expectEachStartedOnce(ledgerNos, 300_000);
  }, 600_000);
});
