#!/usr/bin/env node
// Resident memory of the worker process with --workflows (default 10 000) and then --maxworkflows
// (default 30 000) open problem workflows, both measured in the same run against the same worker
// idle: the worker is restarted first (the launcher restarts it), so the baseline is a worker that
// holds nothing. The memory must be flat in the number of open workflows: past the sticky cache
// (WORKER_MAX_CACHED_WORKFLOWS) a workflow is evicted and replayed from its history when its next
// event arrives. That replay is the price, measured last: a stage action the workflow refuses (an
// update whose validator rejects it, so nothing is written) and a state query, each sent to an
// evicted workflow and then, at once, to the same workflow again, now cached (the baseline).
//
// The workflows run the real problem workflow on the default policy (deadlines months ahead, so
// each waits on its timers); they have no database rows, belong to enterprise BENCH and are
// terminated at the end — and at the start, so a run that was interrupted leaves nothing behind
// the next one.
//
// On a stack that is thrown away afterwards, --terminate 0 leaves them open (terminating 30 000
// takes the busy server most of an hour); the next run on that stack terminates them first.
//
//   node bench/worker-memory.bench.mjs --profile bench [--workflows 10000] [--maxworkflows 30000] [--concurrency 32] [--samples 30] [--terminate 1]
import { execFileSync } from 'node:child_process';
import { PROBLEM_ACT_UPDATE, PROBLEM_STATE_QUERY } from '@rectify/contracts';
import { addDays, DEFAULT_POLICY, localDateOf } from '@rectify/domain';
import { BenchError, log, stats } from './lib/bench-kit.mjs';
import { row, standalone } from './lib/run-row.mjs';
import { freshProcess, pool, problemInput, sampleRss, startProblemWorkflow, temporalClient } from './lib/temporal.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const PREFIX = 'bench-memory-';

const OPEN = `WorkflowId STARTS_WITH '${PREFIX}' AND ExecutionStatus = 'Running'`;

/**
 * Terminates every open workflow this benchmark started, in this run or an interrupted one, with
 * one batch job of Temporal's, and waits until none is left open (up to an hour: on a busy 2-core
 * machine the server terminates ~10 a second), so what runs next meets a quiet server.
 */
async function terminateBenchWorkflows(client, stack) {
  const open = async () => Number((await client.workflow.count(OPEN)).count);
  if ((await open()) === 0) return;
  const cli = stack.raw.infra?.temporalCli;
  if (!cli) throw new BenchError(`the stack names no infra.temporalCli: terminate the workflows ${PREFIX}* with the Temporal CLI`);
  log(`terminating ${await open()} open workflows ${PREFIX}*`);
  execFileSync(cli, ['workflow', 'terminate', '--address', stack.raw.infra.temporalAddress, '--namespace', stack.raw.infra.temporalNamespace ?? 'default', '--query', OPEN, '--reason', 'worker-memory benchmark', '--rps', '1000', '--yes'], { stdio: 'ignore' });
  const t0 = Date.now();
  for (let left = await open(); left > 0; left = await open()) {
    if (Date.now() - t0 > 60 * 60_000) throw new BenchError(`${left} workflows ${PREFIX}* still open an hour after their termination began`);
    await sleep(5000);
  }
  log(`terminated in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

/** Starts workflows [from, to) with bounded concurrency and waits until the worker has run each one's first task. */
async function openWorkflows(client, runId, from, to, concurrency) {
  const today = localDateOf(Date.now(), DEFAULT_POLICY);
  const t0 = Date.now();
  await pool(to - from, concurrency, async (k) => {
    const i = from + k;
    const input = problemInput({ policy: DEFAULT_POLICY, issueDate: today, deadline: addDays(today, 150), hardLimit: addDays(today, 180), registeredAtMs: Date.now(), ledgerNo: `BENCH-${runId}-${i}` });
    await startProblemWorkflow(client, `${PREFIX}${runId}-${i}`, input);
  });
  log(`started ${to - from} in ${((Date.now() - t0) / 1000).toFixed(0)} s; waiting until the worker has run each one's first task`);
  // The last ones started are the last the worker reaches: wait until they wait on their timers.
  const deadline = Date.now() + 15 * 60_000;
  for (let i = to - 1; i >= Math.max(from, to - 20); i--) {
    for (;;) {
      const d = await client.workflow.getHandle(`${PREFIX}${runId}-${i}`).describe();
      if (d.historyLength >= 4) break; // started, task scheduled, started, completed
      if (Date.now() > deadline) throw new BenchError('the worker did not reach every workflow within 15 min');
      await sleep(500);
    }
  }
  log(`${to} open; the worker reached the last in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

/** Milliseconds `fn` takes. */
async function timed(fn) {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/**
 * The replay price: for `samples` workflows started first (long evicted by the thousands started
 * after them), a refused stage action and a query, each timed on the evicted workflow and then
 * again on the same workflow, which the first call brought back into the cache.
 */
async function replayPrice(client, runId, samples) {
  // A registered problem is in stage assign: a report cannot be submitted yet, so the validator
  // refuses it, and the refused update leaves nothing in the history.
  const refused = { action: 'submitReport', actor: { id: 'bench', role: 'enterprise_audit' }, facts: {} };
  const act = async (handle) => {
    try {
      await handle.executeUpdate(PROBLEM_ACT_UPDATE, { args: [refused] });
    } catch (err) {
      if (err?.cause?.type === 'IllegalTransition') return;
      throw new BenchError(`the refused stage action failed otherwise: ${err?.cause?.message ?? err}`);
    }
    throw new BenchError('the problem workflow accepted a report in stage assign');
  };
  const query = (handle) => handle.query(PROBLEM_STATE_QUERY);
  const out = { updateEvicted: [], updateCached: [], queryEvicted: [], queryCached: [] };
  for (let k = 0; k < samples; k++) {
    const u = client.workflow.getHandle(`${PREFIX}${runId}-${2 * k}`);
    out.updateEvicted.push(await timed(() => act(u)));
    out.updateCached.push(await timed(() => act(u)));
    const q = client.workflow.getHandle(`${PREFIX}${runId}-${2 * k + 1}`);
    out.queryEvicted.push(await timed(() => query(q)));
    out.queryCached.push(await timed(() => query(q)));
  }
  const historyLength = (await client.workflow.getHandle(`${PREFIX}${runId}-0`).describe()).historyLength;
  return { historyLength, ...Object.fromEntries(Object.entries(out).map(([k, v]) => [k, stats(v)])) };
}

export async function run(opts, stack) {
  if (opts.maxworkflows < opts.workflows) throw new BenchError('--maxworkflows must be at least --workflows');
  if (2 * opts.samples > opts.workflows) throw new BenchError('--samples must be at most half of --workflows');
  const runId = Date.now().toString(36);
  const { client, close } = await temporalClient(stack);
  try {
    await terminateBenchWorkflows(client, stack); // what an interrupted run left open
    const pid = await freshProcess(stack, 'worker');
    await sleep(10_000); // let it settle: bundle loaded, pollers running
    const idle = await sampleRss(pid);
    log(`worker pid ${pid} idle: ${idle.median.toFixed(1)} MiB`);
    const levels = [...new Set([opts.workflows, opts.maxworkflows])];
    const loaded = [];
    let open = 0;
    for (const n of levels) {
      await openWorkflows(client, runId, open, n, opts.concurrency);
      open = n;
      await sleep(5000);
      loaded.push(await sampleRss(pid));
      log(`worker with ${n} open workflows: ${loaded.at(-1).median.toFixed(1)} MiB`);
    }
    const price = await replayPrice(client, runId, opts.samples);
    const rows = [row({ benchmark: 'worker RSS, idle', n: idle.n, median: idle.median, p95: idle.p95, unit: 'MiB' })];
    const perWorkflow = (s, n) => `${((s.median - idle.median) * 1024 / n).toFixed(1)} KiB per open workflow`;
    rows.push(row({ benchmark: `worker RSS with ${levels[0]} open problem workflows`, n: loaded[0].n, median: loaded[0].median, p95: loaded[0].p95, unit: 'MiB', baseline: 'idle worker', baselineMedian: idle.median, ratio: loaded[0].median / idle.median, note: perWorkflow(loaded[0], levels[0]) }));
    if (levels.length > 1) {
      const [first, last] = [loaded[0], loaded[1]];
      rows.push(row({ benchmark: `worker RSS with ${levels[1]} open problem workflows`, n: last.n, median: last.median, p95: last.p95, unit: 'MiB', baseline: `the same worker with ${levels[0]}`, baselineMedian: first.median, ratio: last.median / first.median, note: `target ≤ 1.2× and < 1024 MiB; ${(last.median / idle.median).toFixed(2)}× idle; ${perWorkflow(last, levels[1])}` }));
    }
    const note = `history of ${price.historyLength} events; the evicted call replays it`;
    rows.push(row({ benchmark: 'refused stage action (update) on an evicted workflow', n: price.updateEvicted.n, median: price.updateEvicted.median, p95: price.updateEvicted.p95, unit: 'ms', baseline: 'the same update on it again, cached', baselineMedian: price.updateCached.median, ratio: price.updateEvicted.median / price.updateCached.median, note }));
    rows.push(row({ benchmark: 'state query on an evicted workflow', n: price.queryEvicted.n, median: price.queryEvicted.median, p95: price.queryEvicted.p95, unit: 'ms', baseline: 'the same query on it again, cached', baselineMedian: price.queryCached.median, ratio: price.queryEvicted.median / price.queryCached.median, note }));
    return { rows };
  } finally {
    try {
      if (opts.terminate) await terminateBenchWorkflows(client, stack);
      else log(`left the workflows ${PREFIX}${runId}-* open (--terminate 0)`);
    } finally {
      await close();
    }
  }
}

export const DEFAULTS = { workflows: 10000, maxworkflows: 30000, concurrency: 32, samples: 30, terminate: 1 };
await standalone(import.meta, DEFAULTS, run);
