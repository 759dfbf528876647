#!/usr/bin/env node
// Benchmark of the problem ledger against a running Rectify stack (see bench/README.md).
//
//   node bench/ledger.bench.mjs [--profile dev] [--problems 100000] [--registrations 300]
//                               [--rounds 3] [--iterations 50] [--concurrency 8]
//
// 1. Registration (POST /api/issues/problems) vs a raw Temporal workflow start, alternating rounds.
// 2. A ledger page (GET /api/issues/problems?…) on a ledger of --problems rows vs the same SQL via pg.
//
// Only talks to 127.0.0.1 / localhost. Every part is bounded in time and fails loudly.
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { Client, Connection } from '@temporalio/client';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

// ---------------------------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------------------------
const DEFAULTS = { profile: 'dev', problems: 100000, registrations: 300, rounds: 3, iterations: 50, warmup: 5, concurrency: 8 };
function parseArgs(argv) {
  const opts = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') {
      console.log('usage: node bench/ledger.bench.mjs [--profile dev] [--problems 100000] [--registrations 300] [--rounds 3] [--iterations 50] [--concurrency 8]');
      process.exit(0);
    }
    const m = /^--([a-z]+)(?:=(.*))?$/.exec(a);
    if (!m || !(m[1] in DEFAULTS)) throw new Error(`unknown argument ${a} (try --help)`);
    const value = m[2] ?? argv[++i];
    if (value === undefined) throw new Error(`${a} needs a value`);
    if (m[1] === 'profile') {
      if (!/^[\w-]+$/.test(value)) throw new Error(`--profile must be a simple name, got ${value}`);
      opts.profile = value;
    } else {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 0) throw new Error(`--${m[1]} must be a non-negative integer, got ${value}`);
      opts[m[1]] = n;
    }
  }
  if (opts.problems > 1_300_000) throw new Error('--problems is limited to 1300000 (ledger numbers <code>-<2019..2025>-<5 digits>)');
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

const BENCH_CATEGORY = '基准测试';
const TARGET_REGISTRATION_RATIO = 0.7;
const TARGET_PAGE_MEDIAN_MS = 50;

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);
function assertLoopback(what, host) {
  if (!LOOPBACK.has(host)) throw new Error(`${what} points at ${host}; this benchmark only sends traffic to 127.0.0.1`);
}

function quantile(sorted, q) {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}
function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const sum = s.reduce((a, b) => a + b, 0);
  return { n: s.length, median: quantile(s, 0.5), p95: quantile(s, 0.95), mean: s.length ? sum / s.length : NaN };
}
const ms = (v) => (Number.isFinite(v) ? `${v < 10 ? v.toFixed(2) : v.toFixed(1)} ms` : '—');
const rate = (v, unit) => (Number.isFinite(v) ? `${v.toFixed(1)} ${unit}` : '—');
const ratio = (v) => (Number.isFinite(v) ? `${v.toFixed(2)}×` : '—');
const log = (...a) => console.error('[bench]', ...a);

class BenchError extends Error {}

function deadlineSignal(msFromNow) {
  return AbortSignal.timeout(msFromNow);
}

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
function readStack(profile) {
  const file = path.join(root, '.rectify', profile, 'stack.json');
  let stack;
  try {
    stack = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read ${file} (${err.code ?? err.message}); start a stack first, see bench/README.md`);
  }
  const gateway = stack.urls?.gateway;
  const databaseUrl = stack.infra?.databaseUrl;
  const temporalAddress = stack.infra?.temporalAddress;
  const temporalNamespace = stack.infra?.temporalNamespace ?? 'default';
  if (!gateway || !databaseUrl || !temporalAddress) throw new Error(`${file} lacks urls.gateway, infra.databaseUrl or infra.temporalAddress`);
  assertLoopback('urls.gateway', new URL(gateway).hostname);
  assertLoopback('infra.databaseUrl', new URL(databaseUrl).hostname);
  assertLoopback('infra.temporalAddress', new URL(`tcp://${temporalAddress}`).hostname);
  return { file, gateway: gateway.replace(/\/$/, ''), databaseUrl, temporalAddress, temporalNamespace };
}

async function http(method, url, { token, body, expect } = {}) {
  const res = await fetch(url, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
    signal: deadlineSignal(LIMITS.request),
  });
  const text = await res.text();
  if (expect !== undefined && res.status !== expect) {
    throw new BenchError(`${method} ${url} answered ${res.status}, expected ${expect}: ${text.slice(0, 500)}`);
  }
  return { status: res.status, text };
}

async function login(gateway, username) {
  const { status, text } = await http('POST', `${gateway}/api/auth/login`, { body: { username, password: 'rectify-demo' } });
  if (status !== 200 && status !== 201) throw new BenchError(`login as ${username} answered ${status}: ${text.slice(0, 300)}`);
  const token = JSON.parse(text).accessToken;
  if (!token) throw new BenchError(`login as ${username} returned no accessToken`);
  return token;
}

// ---------------------------------------------------------------------------------------------
// Part 1: registration vs raw workflow start
// ---------------------------------------------------------------------------------------------
/** Pause after a registration burst for the problem workflows it started to take their first task. */
const SETTLE_MS = 3000;

async function benchRegistration({ opts, stack, temporal, auditToken, runId }) {
  const N = opts.registrations;
  const rounds = Math.min(opts.rounds, Math.max(1, N));
  const perRound = Array.from({ length: rounds }, (_, r) => Math.floor(N / rounds) + (r < N % rounds ? 1 : 0));
  const docNumber = `基准〔${runId}〕号`;
  const stopAt = Date.now() + LIMITS.registrationPart;
  const raw = { latencies: [], wall: 0 };
  const reg = { latencies: [], wall: 0 };
  const roundRates = [];
  let item = 0;

  // Each measured burst starts from a quiet system: the work a burst leaves behind (probe workflows
  // running their activity on the issues service, new problem workflows taking their first task)
  // is waited for outside the timed part, so it does not land on the next burst.
  const rawStart = async (n) => {
    const handles = [];
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
    return n / (result.wall / 1000);
  };
  const register = async (n) => {
    const items = Array.from({ length: n }, () => ++item);
    const result = await runConcurrent(n, opts.concurrency, async (i) => {
      const { text } = await http('POST', `${stack.gateway}/api/issues/problems`, {
        token: auditToken,
        expect: 201,
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
  const warmups = item - warmItemBase;

  for (let r = 0; r < rounds; r++) {
    const n = perRound[r];
    if (n === 0) continue;
    // Alternate which goes first so drift (and the background work each leaves behind) hits both.
    const order = r % 2 === 0 ? ['raw', 'reg'] : ['reg', 'raw'];
    const out = {};
    for (const which of order) {
      log(`part 1: round ${r + 1}/${rounds}: ${which === 'raw' ? 'raw workflow start' : 'registration'} ×${n}`);
      out[which] = which === 'raw' ? await rawStart(n) : await register(n);
    }
    roundRates.push({ round: r + 1, n, raw: out.raw, reg: out.reg });
  }
  const rawStats = stats(raw.latencies);
  const regStats = stats(reg.latencies);
  const rawRate = raw.latencies.length / (raw.wall / 1000);
  const regRate = reg.latencies.length / (reg.wall / 1000);
  return { rawStats, regStats, rawRate, regRate, roundRates, docNumber, warmups };
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

/** Inserts synthetic rows (category 基准测试) until the ledger holds `target` of them. */
async function fillLedger(db, target) {
  const client = await db.connect();
  try {
    await client.query(`SET statement_timeout = ${LIMITS.fill}`);
    const count = async () => (await client.query('SELECT count(*)::int AS n FROM issues.problems WHERE category = $1', [BENCH_CATEGORY])).rows[0].n;
    let have = await count();
    const before = have;
    const t0 = performance.now();
    const stopAt = Date.now() + LIMITS.fill;
    // Synthetic row k (0-based) has ledger number <E001|E002>-<2019+(k/2)%7>-<k/14+1, 5 digits>,
    // document BENCH-<year>-<k/10>, item <k%10+1>: unique by construction. Topping up starts at the
    // highest k already present, so re-runs never collide; ON CONFLICT only guards odd leftovers.
    const { rows: [{ maxk }] } = await client.query(
      `SELECT coalesce(max(substring(doc_number from 'BENCH-[0-9]+-([0-9]+)')::bigint * 10 + item_no::bigint - 1), -1) AS maxk
       FROM issues.problems WHERE category = $1`,
      [BENCH_CATEGORY],
    );
    let nextK = Number(maxk) + 1;
    while (have < target) {
      if (Date.now() > stopAt) throw new BenchError(`filling the ledger took longer than ${LIMITS.fill / 1000} s (${have} of ${target})`);
      const batch = Math.min(50_000, target - have);
      if (nextK + batch > 1_400_000) throw new BenchError('ran out of synthetic ledger numbers; drop the bench rows (category 基准测试) and start again');
      log(`part 2: inserting ${batch} synthetic problems (have ${have} of ${target})`);
      await client.query(FILL_SQL, [nextK, nextK + batch - 1, BENCH_CATEGORY]);
      nextK += batch;
      have = await count();
    }
    const inserted = have - before;
    if (inserted > 0) {
      log('part 2: ANALYZE issues.problems');
      await client.query('ANALYZE issues.problems');
    }
    const total = (await client.query('SELECT count(*)::int AS n FROM issues.problems')).rows[0].n;
    return { bench: have, inserted, total, seconds: (performance.now() - t0) / 1000 };
  } finally {
    client.release();
  }
}

// One INSERT … SELECT over generate_series($1, $2). Spread (per row, random):
// enterprise E001/E002 alternating; years 2019–2025 in turn; source weighted towards routine audits;
// doc issued 0–20 days before registration; deadline 2–6 months after issue (6 = the hard limit);
// old years are mostly closed, 2024–2025 spread over all stages; outcome once determined;
// overdue when still open past the deadline (plus a few closed late); 10 % confidential; 5 % tagged.
const FILL_SQL = `
WITH g AS (
  SELECT k, random() AS r_src, random() AS r_stage, random() AS r_out, random() AS r_conf, random() AS r_tag,
         random() AS r_amt, random() AS r_title, random() AS r_desc, random() AS r_late,
         (2019 + (k / 2) % 7)::int AS yr,
         CASE WHEN k % 2 = 0 THEN 'E001' ELSE 'E002' END AS code
  FROM generate_series($1::bigint, $2::bigint) AS k
), d AS (
  SELECT g.*,
         make_date(yr, 1, 1) + (random() * 364)::int * interval '1 day' + (random() * 86400)::int * interval '1 second' AS reg_at
  FROM g
), e AS (
  SELECT d.*,
         (reg_at::date - (random() * 20)::int) AS issue,
         CASE
           WHEN yr <= 2023 THEN
             CASE WHEN r_stage < 0.85 THEN 'closed' WHEN r_stage < 0.90 THEN 'close_out' WHEN r_stage < 0.94 THEN 'follow_up'
                  WHEN r_stage < 0.96 THEN 'determine' ELSE 'rectify' END
           ELSE
             CASE WHEN r_stage < 0.05 THEN 'register' WHEN r_stage < 0.13 THEN 'assign' WHEN r_stage < 0.23 THEN 'plan'
                  WHEN r_stage < 0.53 THEN 'rectify' WHEN r_stage < 0.63 THEN 'report' WHEN r_stage < 0.73 THEN 'determine'
                  WHEN r_stage < 0.80 THEN 'follow_up' WHEN r_stage < 0.85 THEN 'close_out' ELSE 'closed' END
         END AS stage
  FROM d
), f AS (
  SELECT e.*,
         (issue + interval '6 months')::date AS hard,
         (issue + ((2 + floor(random() * 5))::int || ' months')::interval)::date AS dl,
         CASE WHEN stage IN ('follow_up', 'close_out', 'closed') OR (stage = 'determine' AND r_out < 0.5) THEN
           CASE WHEN r_out < 0.70 THEN 'completed' WHEN r_out < 0.90 THEN 'partial' ELSE 'not_rectified' END END AS outcome
  FROM e
)
INSERT INTO issues.problems (id, ledger_no, enterprise_code, subsidiary, source, doc_type, doc_number, doc_issuer, doc_issue_date,
  item_no, title, description, category, amount, confidentiality, tags, deadline, original_deadline, hard_limit,
  stage, outcome, criterion, overdue, completed_at, closed_at, state, last_seq, last_hash, workflow_started, policy,
  registered_by, registered_at, updated_at)
SELECT gen_random_uuid(),
       code || '-' || yr || '-' || lpad((k / 14 + 1)::text, 5, '0'),
       code,
       CASE WHEN r_desc < 0.3 THEN code || (ARRAY['第一工程公司','置业公司','物流公司','投资公司'])[1 + (k % 4)] END,
       CASE WHEN r_src < 0.50 THEN 'routine_audit' WHEN r_src < 0.70 THEN 'special_audit_investigation'
            WHEN r_src < 0.75 THEN 'major_asset_loss_investigation' WHEN r_src < 0.85 THEN 'transferred_matter'
            WHEN r_src < 0.95 THEN 'clue_verification' ELSE 'supervision_project' END,
       (ARRAY['decision','opinion','recommendation','rectification_notice','investigation_report'])[1 + (k / 10) % 5],
       'BENCH-' || yr || '-' || (k / 10),
       '市审计局',
       issue,
       ((k % 10) + 1)::text,
       (ARRAY['工程项目未按规定履行招投标程序','专项资金未按规定用途使用','应收账款长期未清理','固定资产账实不符',
              '工程款超付','违规对外提供担保','三重一大事项未经集体决策','合同管理不规范',
              '投资项目未履行可行性研究论证','国有资产出租未公开招租','预付工程款长期挂账','会计核算不规范'])[1 + floor(r_title * 12)::int],
       (ARRAY['经审计发现，该单位在项目实施过程中存在上述问题，涉及金额较大。',
              '审计抽查相关凭证和合同，发现管理制度执行不到位。',
              '该问题反映出内部控制存在薄弱环节，需要完善制度并追回资金。',
              '审计发现部分工程款支付依据不充分，结算审核流于形式。'])[1 + floor(r_desc * 4)::int],
       $3,
       CASE WHEN r_amt < 0.2 THEN NULL ELSE round((r_amt * r_amt * 5000000)::numeric, 2) END,
       CASE WHEN r_conf < 0.10 THEN 'confidential' ELSE 'non_confidential' END,
       CASE WHEN r_tag < 0.02 THEN ARRAY['personnel_violation'] WHEN r_tag < 0.04 THEN ARRAY['inflated_performance']
            WHEN r_tag < 0.05 THEN ARRAY['major_asset_loss_risk'] ELSE '{}'::text[] END,
       dl, dl, hard,
       stage,
       outcome,
       CASE outcome WHEN 'completed' THEN 'C1' WHEN 'partial' THEN 'P1' WHEN 'not_rectified' THEN 'N1' END,
       (stage <> 'closed' AND dl < current_date) OR (stage = 'closed' AND r_late < 0.05),
       CASE WHEN outcome = 'completed' THEN least(dl::timestamptz, now()) END,
       CASE WHEN stage = 'closed' THEN least(dl::timestamptz + interval '30 days', now()) END,
       '{}'::jsonb, 0,
       md5(k::text) || md5('bench' || k::text),
       true,            -- never picked up by the issues service's workflow reconciler
       '{}'::jsonb,
       '00000000-0000-4000-8000-00000000bec4',
       reg_at, reg_at
FROM f
ON CONFLICT DO NOTHING`;

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
function table(rows) {
  const head = ['benchmark', 'n', 'median', 'p95', 'throughput', 'baseline', 'ratio'];
  const lines = [`| ${head.join(' | ')} |`, `| ${head.map((h, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`];
  for (const r of rows) lines.push(`| ${r.map((c) => String(c).replace(/\|/g, '\\|')).join(' | ')} |`);
  return lines.join('\n');
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const stack = readStack(opts.profile);
  const runId = `${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}-${randomUUID().slice(0, 6)}`;
  log(`profile ${opts.profile}: gateway ${stack.gateway}, temporal ${stack.temporalAddress}, run ${runId}`);

  const health = await http('GET', `${stack.gateway}/health`).catch((err) => ({ status: 0, text: String(err) }));
  if (health.status !== 200) throw new BenchError(`the stack of profile ${opts.profile} does not answer at ${stack.gateway}/health (${health.status}); start it first`);

  const db = new pg.Pool({ connectionString: stack.databaseUrl, max: 4, application_name: 'rectify-ledger-bench' });
  const connection = await Connection.connect({ address: stack.temporalAddress, connectTimeout: 10_000 });
  const temporal = new Client({ connection, namespace: stack.temporalNamespace });
  const started = Date.now();
  try {
    const auditToken = await login(stack.gateway, 'e001-audit');
    const officerToken = await login(stack.gateway, 'jiandu');

    // Part 1
    let part1;
    if (opts.registrations > 0) {
      part1 = await benchRegistration({ opts, stack, temporal, auditToken, runId });
    }
    // Part 2
    const fill = await fillLedger(db, opts.problems);
    log(`part 2: ledger holds ${fill.total} problems (${fill.bench} synthetic, ${fill.inserted} inserted in ${fill.seconds.toFixed(1)} s)`);
    const part2 = await benchLedger({ opts, stack, db, officerToken });

    // Table
    const rows = [];
    if (part1) {
      const { rawStats, regStats, rawRate, regRate } = part1;
      rows.push([`raw workflow start (probeWorkflow, c=${opts.concurrency})`, rawStats.n, ms(rawStats.median), ms(rawStats.p95), rate(rawRate, 'starts/s'), '—', '—']);
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
    targets.push(`- Target: a filtered ledger page under ${TARGET_PAGE_MEDIAN_MS} ms median — ${part2.length - slow.length} of ${part2.length} filter sets met` +
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
      `- Parameters: profile \`${opts.profile}\`, problems ${opts.problems}, registrations ${opts.registrations} in ${part1 ? part1.roundRates.length : 0} alternating rounds (+ ${part1?.warmups ?? 0} warm-up registrations not counted), concurrency ${opts.concurrency}, ${opts.iterations} sequential samples per filter set after ${opts.warmup} warm-ups`,
      `- Ledger: ${fill.total} problems in issues.problems (${fill.bench} synthetic, category ${BENCH_CATEGORY}; ${fill.inserted} inserted by this run)`,
      part1 ? `- Registrations used document number \`${part1.docNumber}\`` : '',
      '',
      md,
      '',
      ...targets,
      '',
    ];
    if (part1) {
      lines.push('Rates per round (raw starts/s vs problems/s):', '');
      for (const r of part1.roundRates) lines.push(`- round ${r.round} (n=${r.n}): raw ${r.raw.toFixed(1)}/s, registration ${r.reg.toFixed(1)}/s, ratio ${(r.reg / r.raw).toFixed(2)}`);
      lines.push('');
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
    const out = path.join(here, 'results', 'ledger-latest.md');
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
