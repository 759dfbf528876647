#!/usr/bin/env node
// Resident memory of the worker process with --workflows open problem workflows (default 10 000)
// vs the same worker idle, measured in the same run: the worker is restarted first (the launcher
// restarts it), so the baseline is a worker that holds nothing. The workflows run the real problem workflow
// on the default policy (deadlines months ahead, so each waits on its timers); they have no
// database rows and belong to enterprise BENCH, and are terminated at the end.
//
//   node bench/worker-memory.bench.mjs --profile bench [--workflows 10000] [--concurrency 32]
import { execFileSync } from 'node:child_process';
import { addDays, DEFAULT_POLICY, localDateOf } from '@rectify/domain';
import { BenchError, log, stats } from './lib/bench-kit.mjs';
import { row, standalone } from './lib/run-row.mjs';
import { freshProcess, pool, problemInput, sampleRss, startProblemWorkflow, temporalClient } from './lib/temporal.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function run(opts, stack) {
  const runId = Date.now().toString(36);
  const { client, close } = await temporalClient(stack);
  try {
    const pid = await freshProcess(stack, 'worker');
    await sleep(10_000); // let it settle: bundle loaded, pollers running
    const idle = await sampleRss(pid);
    log(`worker pid ${pid} idle: ${idle.median.toFixed(1)} MiB; starting ${opts.workflows} problem workflows`);
    const today = localDateOf(Date.now(), DEFAULT_POLICY);
    const t0 = Date.now();
    await pool(opts.workflows, opts.concurrency, async (i) => {
      const input = problemInput({ policy: DEFAULT_POLICY, issueDate: today, deadline: addDays(today, 150), hardLimit: addDays(today, 180), registeredAtMs: Date.now(), ledgerNo: `BENCH-${runId}-${i}` });
      await startProblemWorkflow(client, `bench-memory-${runId}-${i}`, input);
    });
    log(`started in ${((Date.now() - t0) / 1000).toFixed(0)} s; waiting until the worker has run each one's first task`);
    // The last ones started are the last the worker reaches: wait until they wait on their timers.
    const deadline = Date.now() + 10 * 60_000;
    for (let i = opts.workflows - 1; i >= Math.max(0, opts.workflows - 20); i--) {
      for (;;) {
        const d = await client.workflow.getHandle(`bench-memory-${runId}-${i}`).describe();
        if (d.historyLength >= 4) break; // started, task scheduled, started, completed
        if (Date.now() > deadline) throw new BenchError('the worker did not reach every workflow within 10 min');
        await sleep(500);
      }
    }
    await sleep(5000);
    const loaded = await sampleRss(pid);
    log(`worker with ${opts.workflows} open workflows: ${loaded.median.toFixed(1)} MiB`);
    const cli = stack.raw.infra?.temporalCli;
    if (cli) {
      execFileSync(cli, ['workflow', 'terminate', '--address', stack.raw.infra.temporalAddress, '--query', `WorkflowId STARTS_WITH 'bench-memory-${runId}-'`, '--reason', 'benchmark done', '--yes'], { stdio: 'ignore' });
    }
    return {
      rows: [
        row({ benchmark: 'worker RSS, idle', n: idle.n, median: idle.median, p95: idle.p95, unit: 'MiB' }),
        row({ benchmark: `worker RSS with ${opts.workflows} open problem workflows`, n: loaded.n, median: loaded.median, p95: loaded.p95, unit: 'MiB', baseline: 'idle worker', baselineMedian: idle.median, ratio: loaded.median / idle.median, note: `${((loaded.median - idle.median) * 1024 / opts.workflows).toFixed(1)} KiB per workflow` }),
      ],
    };
  } finally {
    await close();
  }
}

export const DEFAULTS = { workflows: 10000, concurrency: 32 };
await standalone(import.meta, DEFAULTS, run);
