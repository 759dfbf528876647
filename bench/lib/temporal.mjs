// A Temporal client on a bench stack, the worker's resident memory, and starting problem
// workflows the way registration does (for benchmarks that need thousands of them).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { PROBLEM_WORKFLOW, TASK_QUEUES } from '@rectify/contracts';
import { initialSearchAttributes } from '@rectify/workflows';
import { temporalDataConverter } from '@rectify/platform';
import { assertLoopback, BenchError, stats } from './bench-kit.mjs';

/**
 * The payload codec of a bench stack, as every Rectify process has it: keys from the file stack.json
 * names (infra.temporalPayloadKeysFile), or TEMPORAL_PAYLOAD_KEYS / TEMPORAL_PAYLOAD_KEY_ID.
 */
export function payloadDataConverter(raw) {
  return temporalDataConverter(payloadKeys(raw));
}

/** The payload keys of a bench stack (see payloadDataConverter), for a worker the benchmark hosts itself. */
export function payloadKeys(raw) {
  const file = raw.infra?.temporalPayloadKeysFile;
  const keys = file ? JSON.parse(readFileSync(file, 'utf8')) : { TEMPORAL_PAYLOAD_KEYS: process.env.TEMPORAL_PAYLOAD_KEYS, TEMPORAL_PAYLOAD_KEY_ID: process.env.TEMPORAL_PAYLOAD_KEY_ID };
  if (!keys.TEMPORAL_PAYLOAD_KEYS) throw new BenchError('the stack names no infra.temporalPayloadKeysFile and TEMPORAL_PAYLOAD_KEYS is not set: workflows cannot be started with encrypted payloads');
  return keys;
}

export async function temporalClient(stack) {
  const address = stack.raw.infra?.temporalAddress;
  if (!address) throw new BenchError(`${stack.file} lacks infra.temporalAddress`);
  assertLoopback('infra.temporalAddress', address.split(':')[0]);
  const connection = await Connection.connect({ address });
  return { client: new Client({ connection, namespace: stack.raw.infra.temporalNamespace ?? 'default', dataConverter: payloadDataConverter(stack.raw) }), close: () => connection.close() };
}

/** The launcher's pid of a stack process (.rectify/<profile>/children.json). */
export function pidOf(stack, name) {
  const children = JSON.parse(readFileSync(path.join(stack.raw.stateDir, 'children.json'), 'utf8'));
  const pid = children.find((c) => c.name === name)?.pid;
  if (!pid) throw new BenchError(`the stack runs no ${name} process`);
  return pid;
}

/** Resident set size of a process (workflows run in its worker threads, so they count), in MiB. */
export function rssMiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]);
  if (!Number.isFinite(kb)) throw new BenchError(`no VmRSS for pid ${pid}`);
  return kb / 1024;
}

/** The median of `count` RSS samples of a process, `everyMs` apart (stats: n, median, p95, mean). */
export async function sampleRss(pid, count = 10, everyMs = 500) {
  const samples = [];
  for (let i = 0; i < count; i++) {
    samples.push(rssMiB(pid));
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return stats(samples);
}

/**
 * A Node process's memory never shrinks back after it held much, so a baseline is taken on a fresh
 * one: the process is stopped (SIGTERM) and the launcher starts it again, as after a crash; this
 * returns the new pid once its /health answers.
 */
export async function freshProcess(stack, name) {
  const before = pidOf(stack, name);
  process.kill(before, 'SIGTERM');
  const until = Date.now() + 120_000;
  for (;;) {
    await new Promise((r) => setTimeout(r, 500));
    let pid;
    try {
      pid = pidOf(stack, name);
    } catch {
      pid = undefined;
    }
    const healthy = pid && pid !== before && (await fetch(`http://127.0.0.1:${stack.raw.ports[name]}/health`).then((r) => r.ok).catch(() => false));
    if (healthy) return pid;
    if (Date.now() > until) throw new BenchError(`the launcher did not restart the ${name} within 2 min`);
  }
}

/** Starts one problem workflow with `input` (no database row: for workflows that only wait on timers). */
export async function startProblemWorkflow(client, workflowId, input) {
  await client.workflow.start(PROBLEM_WORKFLOW, {
    taskQueue: TASK_QUEUES.workflows,
    workflowId,
    args: [input],
    typedSearchAttributes: initialSearchAttributes(input, input.policy),
  });
}

/** A problem workflow input on `policy` (all ids random; enterprise BENCH so no notice reaches a demo user). */
export function problemInput({ policy, issueDate, deadline, hardLimit, registeredAtMs, problemId = randomUUID(), ledgerNo, enterpriseCode = 'BENCH' }) {
  return { problemId, ledgerNo, enterpriseCode, source: 'routine_audit', issueDate, deadline, hardLimit, specialReason: null, responsibilityAssigned: false, policy, registeredAtMs };
}

/** Runs `task(i)` for i in [0, n) with `concurrency` in flight. */
export async function pool(n, concurrency, task) {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, async () => {
    while (next < n) await task(next++);
  }));
}
