#!/usr/bin/env node
// How long a stage action keeps its caller waiting: each main stage action of a problem's life,
// POSTed through the gateway, vs a raw `executeUpdate` of a no-op update (probeUpdateWorkflow's
// probePing) sent straight to Temporal just before it, in the same run. The difference is what the
// action pays beyond the update round trip every action needs: gateway, auth, checks, the stored
// request, the state machine, the trail entry and reading the problem back. Each action carries an
// Idempotency-Key of its own, as the web console sends with every change (`--keys 0`: none).
//
//   node bench/actions.bench.mjs --profile bench [--lifecycles 20] [--warmup 2] [--concurrency 1] [--keys 1]
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { BenchError, http, log, login, stats } from './lib/bench-kit.mjs';
import { row, standalone } from './lib/run-row.mjs';
import { pool, temporalClient } from './lib/temporal.mjs';
import { TASK_QUEUES } from '@rectify/contracts';

const APPROVAL = (body, today) => ({
  body,
  meeting: body === 'board' ? '基准董事会' : '基准党委会',
  meetingDate: today,
  resolutionNo: `${body === 'board' ? '董决' : '党决'}〔基准〕1号`,
});

/** A problem's life from responsibility to close-out: [label, user, path, body]. */
function lifecycle(today) {
  return [
    ['assignResponsibility', 'e001-audit', 'responsibility', { responsibility: { leadDepartment: '财务部', cooperatingDepartments: [], responsiblePersons: ['张三'] } }],
    ['submitPlan', 'e001-business', 'plan', { measures: '清退补贴', milestones: [], targetDate: '2027-02-28' }],
    ['approvePlan (party committee)', 'e001-leader', 'plan/approvals', APPROVAL('party_committee', today)],
    ['approvePlan (board)', 'e001-leader', 'plan/approvals', APPROVAL('board', today)],
    ['reportProgress (with amount)', 'e001-business', 'progress', { progress: '已清退全部补贴', correctedAmount: '1000.00' }],
    ['submitReport', 'e001-audit', 'report', { content: '整改报告：补贴已全部清退。' }],
    ['approveReport (board)', 'e001-leader', 'report/approvals', APPROVAL('board', today)],
    ['approveReport (party committee)', 'e001-leader', 'report/approvals', APPROVAL('party_committee', today)],
    ['determine (C1)', 'e001-audit', 'determination', { criterion: 'C1', basis: '已全额纠正', correctedAmount: '1000.00' }],
    ['reviewDetermination', 'jiandu', 'determination/review', { accept: true, comment: '认可' }],
    ['recordFollowUp', 'e001-audit', 'follow-up', { holds: true, findings: '后续审计确认整改到位' }],
    ['acceptCloseOut', 'fenguan', 'close-out', { opinion: '同意销号' }],
  ];
}

export async function run(opts, stack) {
  const runId = randomUUID().slice(0, 8);
  const today = new Date().toISOString().slice(0, 10);
  const users = ['e001-audit', 'e001-business', 'e001-leader', 'jiandu', 'fenguan'];
  const tokens = Object.fromEntries(await Promise.all(users.map(async (u) => [u, await login(stack.gateway, u)])));
  const { client, close } = await temporalClient(stack);
  const probe = await client.workflow.start('probeUpdateWorkflow', { taskQueue: TASK_QUEUES.workflows, workflowId: `bench-update-${runId}`, args: [] });
  let item = 0;
  const steps = lifecycle(today);
  const raw = [];
  const byAction = new Map(steps.map(([label]) => [label, []]));
  const all = [];

  const ping = async () => {
    const t0 = performance.now();
    const n = await probe.executeUpdate('probePing', { args: [item] });
    if (n !== item) throw new BenchError(`probePing answered ${n}, expected ${item}`);
    return performance.now() - t0;
  };

  /** Registers one problem and takes it through every step, timing each action and a ping before it. */
  const live = async (measured) => {
    const { text } = await http('POST', `${stack.gateway}/api/issues/problems`, {
      token: tokens['e001-audit'],
      expect: 201,
      body: {
        enterpriseCode: 'E001',
        source: 'routine_audit',
        document: { type: 'decision', number: `操作基准〔${runId}〕号`, issuer: '市审计局', issueDate: today },
        itemNo: String(++item),
        title: '操作基准问题',
        description: '操作基准',
        category: '操作基准',
        amount: '1000.00',
        confidentiality: 'non_confidential',
        tags: [],
      },
    });
    const ledgerNo = JSON.parse(text).problem.ledgerNo;
    for (const [label, user, path, body] of steps) {
      const pinged = await ping();
      const t0 = performance.now();
      const idempotencyKey = opts.keys ? randomUUID() : undefined;
      const res = await http('POST', `${stack.gateway}/api/issues/problems/${ledgerNo}/${path}`, { token: tokens[user], body, expect: 200, timeoutMs: 120_000, idempotencyKey });
      const took = performance.now() - t0;
      if (!measured) continue;
      const stage = JSON.parse(res.text).stage;
      if (!stage) throw new BenchError(`${label} on ${ledgerNo} answered no stage: ${res.text.slice(0, 300)}`);
      raw.push(pinged);
      byAction.get(label).push(took);
      all.push(took);
    }
  };

  try {
    log(`actions: ${opts.warmup} warm-up and ${opts.lifecycles} measured lifecycles of ${steps.length} actions, ${opts.concurrency} at a time`);
    await pool(opts.warmup, opts.concurrency, () => live(false));
    await pool(opts.lifecycles, opts.concurrency, () => live(true));
  } finally {
    await probe.signal('probeStop').catch(() => undefined);
    await close();
  }

  const r = stats(raw);
  const a = stats(all);
  const note = (s) => `p95 ${(s.p95 / r.p95).toFixed(2)}× raw p95`;
  return {
    rows: [
      row({ benchmark: 'raw executeUpdate, no-op update (probeUpdateWorkflow)', n: r.n, median: r.median, p95: r.p95, unit: 'ms' }),
      row({ benchmark: 'every stage action through the gateway', n: a.n, median: a.median, p95: a.p95, unit: 'ms', baseline: 'raw executeUpdate', baselineMedian: r.median, ratio: a.median / r.median, note: `${note(a)}; target ≤ 2×` }),
      ...[...byAction].map(([label, samples]) => {
        const s = stats(samples);
        return row({ benchmark: `POST ${label}`, n: s.n, median: s.median, p95: s.p95, unit: 'ms', baseline: 'raw executeUpdate', baselineMedian: r.median, ratio: s.median / r.median, note: note(s) });
      }),
    ],
    notes: [`actions: problems ${`E001-…`} of document 操作基准〔${runId}〕号 (category 操作基准), closed out; probe workflow bench-update-${runId}`],
  };
}

export const DEFAULTS = { lifecycles: 20, warmup: 2, concurrency: 1, keys: 1 };
await standalone(import.meta, DEFAULTS, run);
