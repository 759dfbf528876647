#!/usr/bin/env node
// Benchmark of the assessment indicators against a running Rectify stack (see bench/README.md).
//
//   node bench/indicators.bench.mjs [--profile dev] [--problems 100000] [--iterations 50] [--warmup 5]
//
// GET /api/assessment/indicators (through the gateway, and straight to the assessment service) on a
// ledger of --problems synthetic rows vs the very same SQL statement sent through pg.
//
// Only talks to 127.0.0.1 / localhost. Every part is bounded in time and fails loudly.
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import pg from 'pg';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

// The very statement the assessment service runs (services/assessment/src/indicators/indicator-sql.ts,
// built by `npm start`/`npm test`): no copy that could drift from it.
const { indicatorSql } = await import('../services/assessment/dist/indicators/indicator-sql.js');

// ---------------------------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------------------------
const DEFAULTS = { profile: 'dev', problems: 100000, iterations: 50, warmup: 5 };
function parseArgs(argv) {
  const opts = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') {
      console.log('usage: node bench/indicators.bench.mjs [--profile dev] [--problems 100000] [--iterations 50] [--warmup 5]');
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
  if (opts.iterations < 1) opts.iterations = 1;
  return opts;
}

const LIMITS = {
  request: 30_000, // one HTTP request
  fill: 15 * 60_000, // topping the ledger up (statement_timeout)
  querySet: 180_000, // one query set (API via gateway + API direct + SQL)
};

const BENCH_CATEGORY = '基准测试';
/** Accountability cases this script adds to the synthetic problems carry this cause. */
const BENCH_CASE_CAUSE = '基准测试';
const TARGET_MEDIAN_MS = 300;

/**
 * Query sets. The target (one year of every enterprise, by enterprise) is the first; 2025 is the
 * busiest year of the synthetic ledger (documents 2019–2025, deadlines 2–6 months later), so it is
 * held to the same target; the last set reads the whole ledger.
 */
const QUERY_SETS = [
  { name: '2026, by enterprise', query: { from: '2026-01-01', to: '2026-12-31', groupBy: 'enterprise' }, target: true },
  { name: '2026, by source', query: { from: '2026-01-01', to: '2026-12-31', groupBy: 'source' } },
  { name: '2025, by enterprise', query: { from: '2025-01-01', to: '2025-12-31', groupBy: 'enterprise' }, target: true },
  { name: '2019–2027 (whole ledger), all', query: { from: '2019-01-01', to: '2027-12-31', groupBy: 'all' } },
];

// ---------------------------------------------------------------------------------------------
// Small helpers (as in ledger.bench.mjs)
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
const ratio = (v) => (Number.isFinite(v) ? `${v.toFixed(2)}×` : '—');
const log = (...a) => console.error('[bench]', ...a);

class BenchError extends Error {}

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
  const assessmentPort = stack.ports?.assessment;
  if (!gateway || !databaseUrl) throw new Error(`${file} lacks urls.gateway or infra.databaseUrl`);
  assertLoopback('urls.gateway', new URL(gateway).hostname);
  assertLoopback('infra.databaseUrl', new URL(databaseUrl).hostname);
  return { file, gateway: gateway.replace(/\/$/, ''), databaseUrl, assessment: assessmentPort ? `http://127.0.0.1:${assessmentPort}` : undefined };
}

async function http(method, url, { token, body, expect } = {}) {
  const res = await fetch(url, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(LIMITS.request),
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
// The ledger: the same synthetic rows as ledger.bench.mjs, plus accountability cases
// ---------------------------------------------------------------------------------------------
/**
 * Inserts synthetic problems (category 基准测试) until the ledger holds `target` of them — the very
 * rows and numbering of ledger.bench.mjs (FILL_SQL below is a copy of its statement, keep the two
 * alike), so either script tops up what the other left — then gives ~3 % of the synthetic problems
 * that are past their deadline an accountability case (T1, cause 基准测试, opened the day after the
 * deadline), so the indicator query has cases to count.
 */
async function fillLedger(db, target) {
  const client = await db.connect();
  try {
    await client.query(`SET statement_timeout = ${LIMITS.fill}`);
    const count = async () => (await client.query('SELECT count(*)::int AS n FROM issues.problems WHERE category = $1', [BENCH_CATEGORY])).rows[0].n;
    let have = await count();
    const before = have;
    const t0 = performance.now();
    const stopAt = Date.now() + LIMITS.fill;
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
      log(`inserting ${batch} synthetic problems (have ${have} of ${target})`);
      await client.query(FILL_SQL, [nextK, nextK + batch - 1, BENCH_CATEGORY]);
      nextK += batch;
      have = await count();
    }
    // Cases: every synthetic problem whose md5(id) falls in the first ~3 % and whose deadline is
    // past gets one T1 — deterministic, so re-runs and top-ups add only the new problems' cases.
    const cases = await client.query(
      `INSERT INTO issues.accountability_cases (problem_id, trigger, cause, status, opened_at)
       SELECT id, 'T1', $2, 'open', (deadline + 1)::timestamp AT TIME ZONE 'Asia/Shanghai' + interval '9 hours'
       FROM issues.problems
       WHERE category = $1 AND deadline < current_date AND ('x' || substr(md5(id::text), 1, 4))::bit(16)::int < 2200
       ON CONFLICT DO NOTHING`,
      [BENCH_CATEGORY, BENCH_CASE_CAUSE],
    );
    const inserted = have - before;
    if (inserted > 0 || cases.rowCount > 0) {
      log('ANALYZE issues.problems, issues.accountability_cases');
      await client.query('ANALYZE issues.problems');
      await client.query('ANALYZE issues.accountability_cases');
    }
    const { rows: [totals] } = await client.query(
      `SELECT (SELECT count(*) FROM issues.problems)::int AS problems, (SELECT count(*) FROM issues.accountability_cases)::int AS cases,
              (SELECT count(*) FROM issues.accountability_cases WHERE cause = $1)::int AS "benchCases"`,
      [BENCH_CASE_CAUSE],
    );
    return { bench: have, inserted, casesInserted: cases.rowCount, ...totals, seconds: (performance.now() - t0) / 1000 };
  } finally {
    client.release();
  }
}

// Copy of FILL_SQL in bench/ledger.bench.mjs (see the comment there for the spread of the rows).
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

// ---------------------------------------------------------------------------------------------
// The measurement
// ---------------------------------------------------------------------------------------------
async function benchIndicators({ opts, stack, db, officerToken }) {
  const results = [];
  for (const set of QUERY_SETS) {
    const qs = new URLSearchParams(set.query).toString();
    const viaGateway = `${stack.gateway}/api/assessment/indicators?${qs}`;
    const direct = stack.assessment ? `${stack.assessment}/indicators?${qs}` : undefined;
    // jiandu is a supervision officer: every enterprise, 涉密 problems included.
    const sql = indicatorSql(set.query.groupBy, { from: set.query.from, to: set.query.to, nonConfidentialOnly: false });
    const stopAt = Date.now() + LIMITS.querySet;
    const api = async (url) => JSON.parse((await http('GET', url, { token: officerToken, expect: 200 })).text);
    const raw = async () => (await db.query(sql.sql, sql.params)).rows;

    let apiBody;
    let rawRows;
    for (let i = 0; i < Math.max(1, opts.warmup); i++) {
      apiBody = await api(viaGateway);
      if (direct) await api(direct);
      rawRows = await raw();
    }
    // The API's rows are the SQL's rows, through JSON.
    const agree = isDeepStrictEqual(apiBody.rows, JSON.parse(JSON.stringify(rawRows)));
    const due = apiBody.rows.reduce((s, r) => s + r.due, 0);
    const cases = apiBody.rows.reduce((s, r) => s + r.accountabilityCases, 0);

    // Interleave the three so noise hits each alike.
    const gwLat = [];
    const directLat = [];
    const rawLat = [];
    let timedOut = false;
    for (let i = 0; i < opts.iterations; i++) {
      if (Date.now() > stopAt) {
        timedOut = true;
        break;
      }
      let s = performance.now();
      await api(viaGateway);
      gwLat.push(performance.now() - s);
      if (direct) {
        s = performance.now();
        await api(direct);
        directLat.push(performance.now() - s);
      }
      s = performance.now();
      await raw();
      rawLat.push(performance.now() - s);
    }
    const result = { set, qs, gateway: stats(gwLat), direct: direct ? stats(directLat) : undefined, raw: stats(rawLat), groups: apiBody.rows.length, due, cases, agree, timedOut, sql };
    log(`${set.name}: gateway median ${ms(result.gateway.median)}, service ${ms(result.direct?.median)}, SQL ${ms(result.raw.median)}; ${due} due, ${cases} cases${agree ? '' : ' (API and SQL disagree!)'}`);
    const explain = await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql.sql}`, sql.params);
    result.explain = explain.rows.map((r) => r['QUERY PLAN']).join('\n');
    results.push(result);
  }
  return results;
}

// ---------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------
function table(rows) {
  const head = ['benchmark', 'n', 'median', 'p95', 'baseline (SQL median)', 'ratio'];
  const lines = [`| ${head.join(' | ')} |`, `| ${head.map((h, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`];
  for (const r of rows) lines.push(`| ${r.map((c) => String(c).replace(/\|/g, '\\|')).join(' | ')} |`);
  return lines.join('\n');
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const stack = readStack(opts.profile);
  log(`profile ${opts.profile}: gateway ${stack.gateway}, assessment ${stack.assessment ?? '(port unknown)'}`);
  const health = await http('GET', `${stack.gateway}/health`).catch((err) => ({ status: 0, text: String(err) }));
  if (health.status !== 200) throw new BenchError(`the stack of profile ${opts.profile} does not answer at ${stack.gateway}/health (${health.status}); start it first`);

  const db = new pg.Pool({ connectionString: stack.databaseUrl, max: 2, application_name: 'rectify-indicators-bench' });
  const started = Date.now();
  try {
    const officerToken = await login(stack.gateway, 'jiandu');
    const fill = await fillLedger(db, opts.problems);
    log(`ledger holds ${fill.problems} problems (${fill.bench} synthetic, ${fill.inserted} inserted) and ${fill.cases} cases (${fill.casesInserted} inserted) in ${fill.seconds.toFixed(1)} s`);
    const results = await benchIndicators({ opts, stack, db, officerToken });

    const rows = [];
    for (const r of results) {
      const note = r.agree ? '' : ' ⚠ differs';
      const label = `${r.set.name} (${r.groups} groups, ${r.due} due, ${r.cases} cases)`;
      rows.push([`SQL (pg): ${label}`, r.raw.n, ms(r.raw.median), ms(r.raw.p95), '—', '—']);
      if (r.direct) rows.push([`GET /indicators on the service: ${label}`, r.direct.n, ms(r.direct.median), ms(r.direct.p95), ms(r.raw.median), ratio(r.direct.median / r.raw.median)]);
      rows.push([`GET /api/assessment/indicators via gateway: ${label}${note}`, r.gateway.n, ms(r.gateway.median), ms(r.gateway.p95), ms(r.raw.median), ratio(r.gateway.median / r.raw.median)]);
    }
    const md = table(rows);
    const targets = [];
    for (const r of results.filter((x) => x.set.target)) {
      const ok = r.gateway.median < TARGET_MEDIAN_MS;
      targets.push(`- Target: one year of every enterprise under ${TARGET_MEDIAN_MS} ms median through the gateway — ${r.set.name}: ${ms(r.gateway.median)} **${ok ? 'met' : 'NOT met'}**`);
    }
    const disagree = results.filter((r) => !r.agree);
    if (disagree.length) targets.push(`- ⚠ The API and the raw SQL returned different rows for: ${disagree.map((r) => r.set.name).join(', ')}`);
    const timed = results.filter((r) => r.timedOut);
    if (timed.length) targets.push(`- ⚠ Stopped by the ${LIMITS.querySet / 1000} s limit before ${opts.iterations} samples: ${timed.map((r) => r.set.name).join(', ')}`);

    console.log(`\n${md}\n`);
    console.log(targets.join('\n'));

    const cpus = os.cpus();
    const lines = [
      '# Indicators benchmark — latest run',
      '',
      `- Date: ${new Date().toISOString()} (took ${((Date.now() - started) / 1000).toFixed(0)} s)`,
      `- Machine: ${cpus[0]?.model?.trim() ?? 'unknown CPU'} × ${cpus.length}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.release()} (${os.arch()}), Node ${process.version}`,
      `- Command: \`node bench/indicators.bench.mjs ${process.argv.slice(2).join(' ')}\``.replace(/ `$/, '`'),
      `- Parameters: profile \`${opts.profile}\`, problems ${opts.problems}, ${opts.iterations} sequential samples per query set after ${opts.warmup} warm-ups, gateway / service / SQL interleaved; caller \`jiandu\` (supervision officer: every enterprise, 涉密 included)`,
      `- Ledger: ${fill.problems} problems in issues.problems (${fill.bench} synthetic, category ${BENCH_CATEGORY}; ${fill.inserted} inserted by this run), ${fill.cases} accountability cases (${fill.benchCases} synthetic, cause ${BENCH_CASE_CAUSE}; ${fill.casesInserted} inserted by this run)`,
      '',
      md,
      '',
      ...targets,
      '',
      'Query sets (query strings sent as `jiandu`):',
      '',
      ...results.map((r) => `- ${r.set.name}: \`?${r.qs}\`${r.agree ? '' : ' — ⚠ API and SQL differ'}`),
      '',
      '## EXPLAIN (ANALYZE, BUFFERS)',
      '',
    ];
    for (const r of results) lines.push(`### ${r.set.name}`, '', `params: \`${JSON.stringify(r.sql.params)}\``, '', '```', r.explain, '```', '');
    const out = path.join(here, 'results', 'indicators-latest.md');
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, lines.join('\n'));
    log(`wrote ${path.relative(root, out)}`);
  } finally {
    await db.end().catch(() => {});
  }
}

main().catch((err) => {
  console.error(`[bench] FAILED: ${err instanceof BenchError ? err.message : err?.stack ?? err}`);
  process.exit(1);
});
