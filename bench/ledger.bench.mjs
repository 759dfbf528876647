#!/usr/bin/env node
// Benchmark of the problem ledger against a running Rectify stack (see bench/README.md).
//
//   node bench/ledger.bench.mjs [--profile dev] [--problems 100000] [--registrations 300] [--out ledger-latest.md]
//   (--problems 0: registration only, no ledger part)
//                               [--rounds 3] [--iterations 50] [--concurrency 8]
//
// 1. Registration (POST /api/issues/problems) vs a raw Temporal workflow start, alternating rounds;
//    beside them, raw starts of the problem workflow itself, as registration starts it (not a baseline).
// 2. A ledger page (GET /api/issues/problems?…) on a ledger of --problems rows vs the same SQL via pg.
//
// Only talks to 127.0.0.1 / localhost. Every part is bounded in time and fails loudly.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { assertLoopback, BenchError, parseArgs, http, log, login, markdownTable, ms, rate, ratio, readStack, stats } from './lib/bench-kit.mjs';
import { BENCH_CATEGORY, topUpSyntheticProblems } from './lib/synthetic-ledger.mjs';
import { Client, Connection } from '@temporalio/client';
import { payloadDataConverter, problemInput, startProblemWorkflow } from './lib/temporal.mjs';
import { addCpu, startCpuBurst } from './lib/process-cpu.mjs';
import { DEFAULT_POLICY, hardLimit } from '@rectify/domain';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

// ---------------------------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------------------------
const DEFAULTS = { profile: 'dev', problems: 100000, registrations: 300, rounds: 3, iterations: 50, warmup: 5, concurrency: 8, keys: 1, out: 'ledger-latest.md' };
function options(argv) {
  const opts = parseArgs(argv, DEFAULTS, 'usage: node bench/ledger.bench.mjs [--profile dev] [--problems 100000] [--registrations 300] [--rounds 3] [--iterations 50] [--concurrency 8] [--keys 1] [--out ledger-latest.md]');
  if (opts.rounds < 1) opts.rounds = 1;
  if (opts.concurrency < 1) opts.concurrency = 1;
  return opts;
}

// Time limits: every part stops by itself.
const LIMITS = {
  request: 30_000, // one HTTP request / one workflow start
  registrationPart: 10 * 60_000, // all rounds of part 1
  fill: 15 * 60_000, // topping the ledger up (statement_timeout)
  querySet: 120_000, // one filter set of part 2 (API + SQL)
};

const TARGET_REGISTRATION_RATIO = 0.9; // issue #19
const TARGET_PAGE_MEDIAN_MS = 50;

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------


/** Runs `task(i)` for i in [0, n) with `concurrency` workers; returns latencies and wall time. */
async function runConcurrent(n, concurrency, task, { stopAt }) {
  const latencies = [];
  let next = 0;
  let failure;
  const t0 = performance.now();
  const worker = async () => {
    while (!failure) {
      const i = next++;
      if (i >= n) return;
      if (Date.now() > stopAt) {
        failure = new BenchError(`time limit reached after ${latencies.length} of ${n} operations`);
        return;
      }
      const s = performance.now();
      try {
        await task(i);
      } catch (err) {
        failure ??= err;
        return;
      }
      latencies.push(performance.now() - s);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker));
  const wall = performance.now() - t0;
  if (failure) throw failure;
  return { latencies, wall };
}

// ---------------------------------------------------------------------------------------------
// The stack
// ---------------------------------------------------------------------------------------------
function readLedgerStack(profile) {
  const stack = readStack(root, profile);
  const temporalAddress = stack.raw.infra?.temporalAddress;
  if (!temporalAddress) throw new Error(`${stack.file} lacks infra.temporalAddress`);
  assertLoopback('infra.temporalAddress', new URL(`tcp://${temporalAddress}`).hostname);
  return { ...stack, temporalAddress, temporalNamespace: stack.raw.infra?.temporalNamespace ?? 'default' };
}

// ---------------------------------------------------------------------------------------------
// Part 1: registration vs raw workflow start
// ---------------------------------------------------------------------------------------------
/** Pause after a registration burst for the problem workflows it started to take their first task. */
const SETTLE_MS = 3000;
/** How long the stack's idle CPU is sampled before each burst (taken off the burst's CPU). */
const IDLE_SAMPLE_MS = 2000;

async function benchRegistration({ opts, stack, temporal, auditToken, runId }) {
  const N = opts.registrations;
  const rounds = Math.min(opts.rounds, Math.max(1, N));
  const perRound = Array.from({ length: rounds }, (_, r) => Math.floor(N / rounds) + (r < N % rounds ? 1 : 0));
  const docNumber = `基准〔${runId}〕号`;
  const stopAt = Date.now() + LIMITS.registrationPart;
  const raw = { latencies: [], wall: 0 };
  const reg = { latencies: [], wall: 0 };
  const prob = { latencies: [], wall: 0 };
  const roundRates = [];
  let item = 0;
  // CPU of every stack process per operation, over each burst and the work it leaves behind (the
  // probe's activity and completion, the problem workflows' first task), less what the stack used
  // idle just before the burst (timers, pollers, the previous burst's tail) over the same time.
  const cpu = { raw: { ms: {}, operations: 0 }, prob: { ms: {}, operations: 0 }, reg: { ms: {}, operations: 0 } };
  const cpuWindow = async () => {
    const finish = await startCpuBurst(stack, IDLE_SAMPLE_MS);
    return (kind, n) => addCpu(cpu[kind], finish(n).perOp, n);
  };

  // Each measured burst starts from a quiet system: the work a burst leaves behind (probe workflows
  // running their activity on the issues service, new problem workflows taking their first task)
  // is waited for outside the timed part, so it does not land on the next burst.
  const rawStart = async (n) => {
    const handles = [];
    const measureCpu = await cpuWindow();
    const result = await runConcurrent(n, opts.concurrency, async () => {
      handles.push(await temporal.workflow.start('probeWorkflow', {
        taskQueue: 'rectify-workflows',
        workflowId: `bench-probe-${runId}-${randomUUID()}`,
        args: ['x'],
      }));
    }, { stopAt });
    raw.latencies.push(...result.latencies);
    raw.wall += result.wall;
    await Promise.all(handles.map((h) => h.result()));
    measureCpu('raw', n);
    return n / (result.wall / 1000);
  };
  // The problem workflow started exactly as registration starts it (its input and all seven search
  // attributes; enterprise BENCH, no database row), then terminated outside the timed part: what
  // "the start itself" of a problem costs, beside the probe's (informational, not the baseline).
  const issueDate = '2026-10-15';
  let startedProblems = 0;
  const problemStart = async (n) => {
    const ids = [];
    const measureCpu = await cpuWindow();
    const result = await runConcurrent(n, opts.concurrency, async () => {
      const workflowId = `bench-start-${runId}-${randomUUID()}`;
      const deadline = hardLimit(issueDate, DEFAULT_POLICY);
      await startProblemWorkflow(temporal, workflowId, problemInput({ policy: DEFAULT_POLICY, issueDate, deadline, hardLimit: deadline, registeredAtMs: Date.now(), ledgerNo: `BENCH-${runId}-${++startedProblems}` }));
      ids.push(workflowId);
    }, { stopAt });
    prob.latencies.push(...result.latencies);
    prob.wall += result.wall;
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    measureCpu('prob', n);
    for (let i = 0; i < ids.length; i += opts.concurrency) {
      await Promise.all(ids.slice(i, i + opts.concurrency).map((id) => temporal.workflow.getHandle(id).terminate('ledger benchmark: start measured')));
    }
    return n / (result.wall / 1000);
  };
  const register = async (n) => {
    const items = Array.from({ length: n }, () => ++item);
    const measureCpu = await cpuWindow();
    const result = await runConcurrent(n, opts.concurrency, async (i) => {
      const { text } = await http('POST', `${stack.gateway}/api/issues/problems`, {
        token: auditToken,
        expect: 201,
        // an Idempotency-Key of its own, as the web console sends with every change (--keys 0: none)
        idempotencyKey: opts.keys ? randomUUID() : undefined,
        body: {
          enterpriseCode: 'E001',
          source: 'routine_audit',
          document: { type: 'decision', number: docNumber, issuer: '市审计局', issueDate: '2026-10-15' },
          itemNo: String(items[i]),
          title: '基准测试问题',
          description: '基准测试',
          category: '财务管理',
          amount: '1000.00',
          confidentiality: 'non_confidential',
          tags: [],
        },
      });
      if (JSON.parse(text).created !== true) throw new BenchError(`registration of item ${items[i]} was not created: ${text.slice(0, 300)}`);
    }, { stopAt });
    reg.latencies.push(...result.latencies);
    reg.wall += result.wall;
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    measureCpu('reg', n);
    return n / (result.wall / 1000);
  };

  // A few warm-ups of each (connections, JIT, caches) — not counted.
  log('part 1: warming up');
  await rawStart(Math.min(opts.concurrency, 8));
  raw.latencies.length = 0;
  raw.wall = 0;
  const warmItemBase = item;
  await register(Math.min(opts.concurrency, 8));
  reg.latencies.length = 0;
  reg.wall = 0;
  await problemStart(Math.min(opts.concurrency, 8));
  prob.latencies.length = 0;
  prob.wall = 0;
  const warmups = item - warmItemBase;
  for (const kind of Object.keys(cpu)) cpu[kind] = { ms: {}, operations: 0 };

  for (let r = 0; r < rounds; r++) {
    const n = perRound[r];
    if (n === 0) continue;
    // Alternate which goes first so drift (and the background work each leaves behind) hits both.
    const order = r % 2 === 0 ? ['raw', 'prob', 'reg'] : ['reg', 'prob', 'raw'];
    const out = {};
    for (const which of order) {
      log(`part 1: round ${r + 1}/${rounds}: ${{ raw: 'raw workflow start', prob: 'raw problem workflow start', reg: 'registration' }[which]} ×${n}`);
      out[which] = which === 'raw' ? await rawStart(n) : which === 'prob' ? await problemStart(n) : await register(n);
    }
    roundRates.push({ round: r + 1, n, raw: out.raw, reg: out.reg, prob: out.prob });
  }
  const rawStats = stats(raw.latencies);
  const regStats = stats(reg.latencies);
  const rawRate = raw.latencies.length / (raw.wall / 1000);
  const regRate = reg.latencies.length / (reg.wall / 1000);
  const probStats = stats(prob.latencies);
  const probRate = prob.latencies.length / (prob.wall / 1000);
  return { rawStats, regStats, rawRate, regRate, probStats, probRate, roundRates, docNumber, warmups, cpu };
}

// ---------------------------------------------------------------------------------------------
// Part 2: the ledger
// ---------------------------------------------------------------------------------------------
// The very SQL the issues service runs (services/issues/src/problems/ledger-query.ts, built by
// `npm start`/`npm test`), for a supervision officer: no copy that could drift from it.
const { ledgerPageSql, COUNT_CAP } = await import('../services/issues/dist/problems/ledger-query.js');
const OFFICER = { sub: 'bench', username: 'jiandu', displayName: 'bench', role: 'supervision_officer', enterpriseCode: null, unitCode: null };

/** The same SQL as LedgerRepository.page, from the query-string values of a filter set. */
function ledgerSql(query) {
  const typed = { ...query };
  if (query.page !== undefined) typed.page = Number(query.page);
  if (query.pageSize !== undefined) typed.pageSize = Number(query.pageSize);
  if (query.overdue !== undefined) typed.overdue = query.overdue === 'true' || query.overdue === true;
  const sql = ledgerPageSql(typed, OFFICER);
  return { rows: sql.rows, count: sql.count, params: sql.params };
}

const FILTER_SETS = [
  { name: 'E001, stage=rectify', query: { enterpriseCode: 'E001', stage: 'rectify', page: '1', pageSize: '20' } },
  { name: 'overdue, by deadline asc', query: { overdue: 'true', sort: 'deadline', order: 'asc', page: '1', pageSize: '20' } },
  { name: 'q=工程款 (text search)', query: { q: '工程款', page: '1', pageSize: '20' } },
  { name: 'q=ledger-no fragment', query: { q: 'E002-2024-012', page: '1', pageSize: '20' } },
  { name: 'deadline in 2025 H1, E002', query: { enterpriseCode: 'E002', deadlineFrom: '2025-01-01', deadlineTo: '2025-06-30', sort: 'deadline', order: 'asc', page: '1', pageSize: '20' } },
  { name: 'source=special_audit_investigation, page 3', query: { source: 'special_audit_investigation', page: '3', pageSize: '20' } },
  { name: 'outcome=partial, confidential, by amount', query: { outcome: 'partial', confidentiality: 'confidential', sort: 'amount', order: 'desc', page: '1', pageSize: '20' } },
  { name: 'unfiltered, first page', query: { page: '1', pageSize: '20' } },
];

/** Tops the synthetic ledger up to `target` problems (bench/lib/synthetic-ledger.mjs). */
async function fillLedger(db, target) {
  const client = await db.connect();
  try {
    const filled = await topUpSyntheticProblems(client, target, LIMITS.fill);
    const total = (await client.query('SELECT count(*)::int AS n FROM issues.problems')).rows[0].n;
    return { ...filled, total };
  } finally {
    client.release();
  }
}

async function benchLedger({ opts, stack, db, officerToken }) {
  const results = [];
  for (const set of FILTER_SETS) {
    const qs = new URLSearchParams(set.query).toString();
    const url = `${stack.gateway}/api/issues/problems?${qs}`;
    const sql = ledgerSql(set.query);
    const stopAt = Date.now() + LIMITS.querySet;
    const api = async () => {
      const { text } = await http('GET', url, { token: officerToken, expect: 200 });
      return JSON.parse(text);
    };
    const raw = async () => {
      const [rows, count] = await Promise.all([db.query(sql.rows, sql.params), db.query(sql.count, sql.params)]);
      return { items: rows.rows, total: count.rows[0].total };
    };
    // Warm up both, and check they agree.
    let apiBody;
    let rawBody;
    for (let i = 0; i < opts.warmup; i++) {
      apiBody = await api();
      rawBody = await raw();
    }
    if (!apiBody) {
      apiBody = await api();
      rawBody = await raw();
    }
    const agree = apiBody.total === Math.min(rawBody.total, COUNT_CAP) && apiBody.items.length === rawBody.items.length &&
      apiBody.items.every((it, i) => it.id === rawBody.items[i].id);
    // Alternate API and SQL samples so noise hits both.
    const apiLat = [];
    const rawLat = [];
    let timedOut = false;
    for (let i = 0; i < opts.iterations; i++) {
      if (Date.now() > stopAt) {
        timedOut = true;
        break;
      }
      let s = performance.now();
      await api();
      apiLat.push(performance.now() - s);
      s = performance.now();
      await raw();
      rawLat.push(performance.now() - s);
    }
    const a = stats(apiLat);
    const b = stats(rawLat);
    log(`part 2: ${set.name}: API median ${ms(a.median)}, SQL median ${ms(b.median)}, total ${apiBody.total}${agree ? '' : ' (API and SQL disagree!)'}`);
    let explain;
    if (a.median >= TARGET_PAGE_MEDIAN_MS || b.median >= TARGET_PAGE_MEDIAN_MS * 0.6) {
      const ex = async (q) => (await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${q}`, sql.params)).rows.map((r) => r['QUERY PLAN']).join('\n');
      explain = { rows: await ex(sql.rows), count: await ex(sql.count) };
    }
    results.push({ set, qs, api: a, raw: b, total: apiBody.total, agree, timedOut, explain, sql });
  }
  return results;
}

// ---------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------
/**
 * What registration pays beyond the start itself: CPU per operation of every stack process, for the
 * problem workflow started as registration starts it and for the registration, with the difference.
 */
function cpuTable(cpu) {
  const per = (kind, name) => (cpu[kind].operations ? (cpu[kind].ms[name] ?? 0) / cpu[kind].operations : NaN);
  const names = [...new Set(Object.values(cpu).flatMap((c) => Object.keys(c.ms)))];
  const cell = (v) => (Number.isFinite(v) ? v.toFixed(1) : '—');
  const rows = names.map((name) => [name, cell(per('raw', name)), cell(per('prob', name)), cell(per('reg', name)), cell(per('reg', name) - per('prob', name))]);
  const sum = (kind) => names.reduce((s, name) => s + per(kind, name), 0);
  rows.push(['**all**', cell(sum('raw')), cell(sum('prob')), cell(sum('reg')), cell(sum('reg') - sum('prob'))]);
  return [
    `CPU per operation, ms (user + system from /proc over each timed burst and the work it leaves behind — the probe's activity and completion, the problem workflows' first task — less the stack's idle use, sampled for ${IDLE_SAMPLE_MS / 1000} s before each burst; ${cpu.reg.operations} registrations):`,
    '',
    markdownTable(['process', 'raw start (probe, with its activity)', 'problem workflow start', 'registration', 'registration − problem start'], rows),
  ];
}

const table = (rows) => markdownTable(['benchmark', 'n', 'median', 'p95', 'throughput', 'baseline', 'ratio'], rows);

async function main() {
  const opts = options(process.argv.slice(2));
  const stack = readLedgerStack(opts.profile);
  const runId = `${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}-${randomUUID().slice(0, 6)}`;
  log(`profile ${opts.profile}: gateway ${stack.gateway}, temporal ${stack.temporalAddress}, run ${runId}`);

  const health = await http('GET', `${stack.gateway}/health`).catch((err) => ({ status: 0, text: String(err) }));
  if (health.status !== 200) throw new BenchError(`the stack of profile ${opts.profile} does not answer at ${stack.gateway}/health (${health.status}); start it first`);

  const db = new pg.Pool({ connectionString: stack.databaseUrl, max: 4, application_name: 'rectify-ledger-bench' });
  const connection = await Connection.connect({ address: stack.temporalAddress, connectTimeout: 10_000 });
  // The raw-start baseline encrypts its payloads as registration does (same codec, same keys).
  const temporal = new Client({ connection, namespace: stack.temporalNamespace, dataConverter: payloadDataConverter(stack.raw) });
  const started = Date.now();
  try {
    const auditToken = await login(stack.gateway, 'e001-audit');
    const officerToken = await login(stack.gateway, 'jiandu');

    // Part 1
    let part1;
    if (opts.registrations > 0) {
      part1 = await benchRegistration({ opts, stack, temporal, auditToken, runId });
    }
    // Part 2 (none with --problems 0: registration alone, e.g. on the production topology)
    const fill = opts.problems > 0 ? await fillLedger(db, opts.problems) : { total: 0, bench: 0, inserted: 0, seconds: 0 };
    if (opts.problems > 0) log(`part 2: ledger holds ${fill.total} problems (${fill.bench} synthetic, ${fill.inserted} inserted in ${fill.seconds.toFixed(1)} s)`);
    const part2 = opts.problems > 0 ? await benchLedger({ opts, stack, db, officerToken }) : [];

    // Table
    const rows = [];
    if (part1) {
      const { rawStats, regStats, rawRate, regRate, probStats, probRate } = part1;
      rows.push([`raw workflow start (probeWorkflow, c=${opts.concurrency})`, rawStats.n, ms(rawStats.median), ms(rawStats.p95), rate(rawRate, 'starts/s'), '—', '—']);
      rows.push([`raw problemWorkflow start as registration starts it (c=${opts.concurrency}; not the baseline)`, probStats.n, ms(probStats.median), ms(probStats.p95), rate(probRate, 'starts/s'),
        rate(rawRate, 'starts/s'), ratio(probRate / rawRate)]);
      rows.push([`registration POST /api/issues/problems (c=${opts.concurrency})`, regStats.n, ms(regStats.median), ms(regStats.p95), rate(regRate, 'problems/s'),
        rate(rawRate, 'starts/s'), ratio(regRate / rawRate)]);
    }
    for (const r of part2) {
      const note = r.agree ? '' : ' ⚠ differs';
      rows.push([`SQL page+count: ${r.set.name}`, r.raw.n, ms(r.raw.median), ms(r.raw.p95), rate(1000 / r.raw.mean, 'pages/s'), '—', '—']);
      rows.push([`GET ledger page: ${r.set.name} (total ${r.total})${note}`, r.api.n, ms(r.api.median), ms(r.api.p95), rate(1000 / r.api.mean, 'pages/s'),
        ms(r.raw.median), ratio(r.api.median / r.raw.median)]);
    }
    const md = table(rows);

    const targets = [];
    if (part1) {
      const ok = part1.regRate / part1.rawRate >= TARGET_REGISTRATION_RATIO;
      targets.push(`- Target: registration ≥ ${TARGET_REGISTRATION_RATIO * 100}% of the raw start rate — measured ${(100 * part1.regRate / part1.rawRate).toFixed(0)}% (${part1.regRate.toFixed(1)} vs ${part1.rawRate.toFixed(1)} /s): **${ok ? 'met' : 'NOT met'}**`);
    }
    const slow = part2.filter((r) => !(r.api.median < TARGET_PAGE_MEDIAN_MS));
    if (part2.length) targets.push(`- Target: a filtered ledger page under ${TARGET_PAGE_MEDIAN_MS} ms median — ${part2.length - slow.length} of ${part2.length} filter sets met` +
      (slow.length ? `; **NOT met** by: ${slow.map((r) => `${r.set.name} (${ms(r.api.median)})`).join(', ')}` : ' **(all met)**'));
    const disagree = part2.filter((r) => !r.agree);
    if (disagree.length) targets.push(`- ⚠ The API page and the raw SQL returned different rows for: ${disagree.map((r) => r.set.name).join(', ')}`);
    const timed = part2.filter((r) => r.timedOut);
    if (timed.length) targets.push(`- ⚠ Stopped by the ${LIMITS.querySet / 1000} s limit before ${opts.iterations} samples: ${timed.map((r) => r.set.name).join(', ')}`);

    console.log(`\n${md}\n`);
    console.log(targets.join('\n'));

    // Results file
    const cpus = os.cpus();
    const lines = [
      '# Ledger benchmark — latest run',
      '',
      `- Date: ${new Date().toISOString()} (run ${runId}, took ${((Date.now() - started) / 1000).toFixed(0)} s)`,
      `- Machine: ${cpus[0]?.model?.trim() ?? 'unknown CPU'} × ${cpus.length}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.release()} (${os.arch()}), Node ${process.version}`,
      `- Command: \`node bench/ledger.bench.mjs ${process.argv.slice(2).join(' ')}\``.replace(/ `$/, '`'),
      `- Parameters: profile \`${opts.profile}\`, problems ${opts.problems}, registrations ${opts.registrations} in ${part1 ? part1.roundRates.length : 0} alternating rounds (+ ${part1?.warmups ?? 0} warm-up registrations not counted), concurrency ${opts.concurrency}, ${opts.keys ? 'each registration with an Idempotency-Key of its own (as the web console sends)' : 'no Idempotency-Key'}, ${opts.iterations} sequential samples per filter set after ${opts.warmup} warm-ups`,
      `- Ledger: ${fill.total} problems in issues.problems (${fill.bench} synthetic, category ${BENCH_CATEGORY}; ${fill.inserted} inserted by this run)`,
      part1 ? `- Registrations used document number \`${part1.docNumber}\`` : '',
      '',
      md,
      '',
      ...targets,
      '',
    ];
    if (part1) {
      lines.push('Rates per round (raw starts/s vs problems/s; the problem workflow\'s own raw start beside them):', '');
      for (const r of part1.roundRates) lines.push(`- round ${r.round} (n=${r.n}): raw ${r.raw.toFixed(1)}/s, registration ${r.reg.toFixed(1)}/s, ratio ${(r.reg / r.raw).toFixed(2)}; problem workflow start ${r.prob.toFixed(1)}/s (${(r.prob / r.raw).toFixed(2)}× the probe's)`);
      lines.push('', ...cpuTable(part1.cpu), '');
    }
    lines.push('Filter sets (query strings sent as `jiandu`):', '');
    for (const r of part2) lines.push(`- ${r.set.name}: \`?${r.qs}\``);
    lines.push('');
    const explained = part2.filter((r) => r.explain);
    if (explained.length) {
      lines.push('## EXPLAIN (ANALYZE, BUFFERS) of the slower filter sets', '');
      for (const r of explained) {
        lines.push(`### ${r.set.name}`, '', `params: \`${JSON.stringify(r.sql.params)}\``, '', '```', r.sql.rows.replace(/\s+/g, ' '), '', r.explain.rows, '```', '', '```', r.sql.count, '', r.explain.count, '```', '');
      }
    }
    const out = path.join(here, 'results', opts.out);
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, lines.filter((l, i, a) => !(l === '' && a[i - 1] === '')).join('\n'));
    log(`wrote ${path.relative(root, out)}`);
  } finally {
    await db.end().catch(() => {});
    await connection.close().catch(() => {});
  }
}

main().catch((err) => {
  console.error(`[bench] FAILED: ${err instanceof BenchError ? err.message : err?.stack ?? err}`);
  process.exit(1);
});
