#!/usr/bin/env node
// Benchmark of the assessment indicators against a running Rectify stack (see bench/README.md).
//
//   node bench/indicators.bench.mjs [--profile dev] [--problems 100000] [--iterations 50] [--warmup 5]
//
// GET /api/assessment/indicators (through the gateway, and straight to the assessment service) on a
// ledger of --problems synthetic rows vs the very same SQL statement sent through pg.
//
// Only talks to 127.0.0.1 / localhost. Every part is bounded in time and fails loudly.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { BenchError, parseArgs, http, log, login, markdownTable, ms, ratio, readStack, stats } from './lib/bench-kit.mjs';
import { BENCH_CATEGORY, topUpSyntheticProblems } from './lib/synthetic-ledger.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

// The very statement the assessment service runs (services/assessment/src/indicators/indicator-sql.ts,
// built by `npm start`/`npm test`): no copy that could drift from it.
const { indicatorSql } = await import('../services/assessment/dist/indicators/indicator-sql.js');

// ---------------------------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------------------------
const DEFAULTS = { profile: 'dev', problems: 100000, iterations: 50, warmup: 5 };
function options(argv) {
  const opts = parseArgs(argv, DEFAULTS, 'usage: node bench/indicators.bench.mjs [--profile dev] [--problems 100000] [--iterations 50] [--warmup 5]');
  if (opts.iterations < 1) opts.iterations = 1;
  return opts;
}

const LIMITS = {
  request: 30_000, // one HTTP request
  fill: 15 * 60_000, // topping the ledger up (statement_timeout)
  querySet: 180_000, // one query set (API via gateway + API direct + SQL)
};

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

function readIndicatorStack(profile) {
  const stack = readStack(root, profile);
  const assessmentPort = stack.raw.ports?.assessment;
  return { ...stack, assessment: assessmentPort ? `http://127.0.0.1:${assessmentPort}` : undefined };
}

// ---------------------------------------------------------------------------------------------
// The ledger: the same synthetic rows as ledger.bench.mjs, plus accountability cases
// ---------------------------------------------------------------------------------------------
/**
 * Inserts synthetic problems (category 基准测试) until the ledger holds `target` of them — the very
 * rows and numbering of ledger.bench.mjs (bench/lib/synthetic-ledger.mjs), so either script tops up
 * what the other left — then gives ~3 % of the synthetic problems
 * that are past their deadline an accountability case (T1, cause 基准测试, opened the day after the
 * deadline), so the indicator query has cases to count.
 */
async function fillLedger(db, target) {
  const client = await db.connect();
  try {
    const t0 = performance.now();
    const { bench: have, inserted } = await topUpSyntheticProblems(client, target, LIMITS.fill);
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
    if (cases.rowCount > 0) await client.query('ANALYZE issues.accountability_cases');
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
const table = (rows) => markdownTable(['benchmark', 'n', 'median', 'p95', 'baseline (SQL median)', 'ratio'], rows);

async function main() {
  const opts = options(process.argv.slice(2));
  const stack = readIndicatorStack(opts.profile);
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
