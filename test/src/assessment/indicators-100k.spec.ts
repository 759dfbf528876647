import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Decimal } from 'decimal.js';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { ROLES, type Role } from '@rectify/contracts';
import { mintToken, stack, tokenKeyEnvironment } from '../harness/stack.js';
import { payloadKeyEnv } from '../harness/temporal.js';

/**
 * The indicators of GET /indicators (docs/assessment.md) on a generated 100 000-problem ledger,
 * against an independent computation: one plain query per metric on the issues service's TABLES
 * (not the assessment views the service reads), the rates, means and roundings done here with
 * exact decimals. The ledger lives in a database of its own on the stack's PostgreSQL (the shared
 * database stays small for the other tests); the assessment service under test is the built one,
 * started here on that database.
 */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const PROBLEMS = 100_000;
const ZONE = 'Asia/Shanghai';

/** Decimals with room to spare, rounding half away from zero (what PostgreSQL's round() does). */
const D = Decimal.clone({ precision: 50, rounding: Decimal.ROUND_HALF_UP });
type Dec = InstanceType<typeof D>;

let admin: pg.Client | undefined;
let db: pg.Client | undefined;
let dbName: string | undefined;
let service: ChildProcess | undefined;
let serviceLog = '';
let baseUrl = '';

// ---------------------------------------------------------------------------------------------
// Setup: database, migrations, ledger, service
// ---------------------------------------------------------------------------------------------

/** Runs every migration class of a service's built dist/migrations in name order, like the service does at start. */
async function migrate(url: string, schema: string, service: string): Promise<void> {
  const dir = path.join(ROOT, 'services', service, 'dist', 'migrations');
  const files = readdirSync(dir).filter((f) => f.endsWith('.js')).sort();
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM takes migration classes as Function
  const migrations: Function[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as Record<string, unknown>;
    for (const value of Object.values(mod)) if (typeof value === 'function') migrations.push(value);
  }
  expect(migrations.length).toBe(files.length);
  await db!.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  const ds = new DataSource({ type: 'postgres', url, schema, migrations, migrationsTableName: 'migrations', migrationsTransactionMode: 'each' });
  await ds.initialize();
  try {
    await ds.runMigrations();
  } finally {
    await ds.destroy();
  }
}

/**
 * 100 000 problems in one statement, spread like a two-year ledger: enterprises E001/E002 (80 %),
 * E003, E010 and E009 — E009's deadlines all fall in 2025 and it alone uses category 历史遗留, so in
 * 2026 it is a group with accountability cases but nothing due. Deadlines 2024-12-15 … 2027-01-15
 * (both year boundaries inside); documents issued 2–6 months before; 15 % without an amount, 1 %
 * with 0.00, the rest with cents; 12 % confidential; outcomes completed / partial / not rectified /
 * none yet; completion times (Asia/Shanghai, any second of the day, so UTC and local dates differ)
 * before and after the deadline; completed ones followed up, closed out or closed; the overdue
 * flag on most open problems past their deadline and on some completed late (which must not count).
 */
const FILL_PROBLEMS = `
WITH g AS (
  SELECT k, random() AS r_ent, random() AS r_src, random() AS r_cat, random() AS r_conf, random() AS r_amt, random() AS r_dl,
         random() AS r_issue, random() AS r_out, random() AS r_done, random() AS r_sec, random() AS r_stage, random() AS r_over, random() AS r_close
  FROM generate_series(1, ${PROBLEMS}) AS k
), a AS (
  SELECT g.*,
    CASE WHEN r_ent < 0.40 THEN 'E001' WHEN r_ent < 0.80 THEN 'E002' WHEN r_ent < 0.90 THEN 'E003' WHEN r_ent < 0.97 THEN 'E010' ELSE 'E009' END AS code
  FROM g
), b AS (
  SELECT a.*,
    CASE WHEN code = 'E009' THEN DATE '2025-01-01' + floor(r_dl * 365)::int ELSE DATE '2024-12-15' + floor(r_dl * 762)::int END AS dl,
    CASE WHEN r_out < 0.55 THEN 'completed' WHEN r_out < 0.70 THEN 'partial' WHEN r_out < 0.78 THEN 'not_rectified' END AS outcome
  FROM a
), c AS (
  SELECT b.*, dl - (60 + floor(r_issue * 124)::int) AS issue FROM b
), d AS (
  SELECT c.*,
    CASE WHEN outcome = 'completed' THEN least(
      ((greatest(issue + 5, dl - 90 + floor(r_done * 120)::int))::timestamp + floor(r_sec * 86400) * interval '1 second') AT TIME ZONE '${ZONE}',
      now() - interval '1 hour') END AS done_at
  FROM c
)
INSERT INTO issues.problems (id, ledger_no, enterprise_code, source, doc_type, doc_number, doc_issuer, doc_issue_date, item_no, title, description,
  category, amount, confidentiality, deadline, original_deadline, hard_limit, stage, outcome, criterion, overdue, completed_at, closed_at,
  state, last_hash, workflow_started, policy, registered_by, registered_at, updated_at)
SELECT gen_random_uuid(),
  code || '-' || extract(year FROM issue) || '-' || lpad(k::text, 6, '0'),
  code,
  CASE WHEN r_src < 0.45 THEN 'routine_audit' WHEN r_src < 0.65 THEN 'special_audit_investigation' WHEN r_src < 0.72 THEN 'major_asset_loss_investigation'
       WHEN r_src < 0.82 THEN 'transferred_matter' WHEN r_src < 0.93 THEN 'clue_verification' ELSE 'supervision_project' END,
  'decision', 'IND100K-' || (k / 10), '市审计局', issue, ((k % 10) + 1)::text, '指标基准问题', '指标基准问题（生成数据）',
  CASE WHEN code = 'E009' THEN '历史遗留'
       ELSE (ARRAY['财务管理', '财务管理', '工程建设', '工程建设', '投资管理', '资产管理', '内部控制', '选人用人'])[1 + floor(r_cat * 8)::int] END,
  CASE WHEN r_amt < 0.15 THEN NULL WHEN r_amt < 0.16 THEN 0 ELSE round((r_amt * r_amt * 3000000)::numeric, 2) END,
  CASE WHEN r_conf < 0.12 THEN 'confidential' ELSE 'non_confidential' END,
  dl, dl, (issue + interval '6 months')::date,
  CASE
    WHEN outcome = 'completed' THEN CASE WHEN r_stage < 0.60 THEN 'closed' WHEN r_stage < 0.80 THEN 'close_out' ELSE 'follow_up' END
    WHEN outcome IS NOT NULL THEN CASE WHEN r_stage < 0.7 THEN 'rectify' ELSE 'report' END
    ELSE (ARRAY['register', 'assign', 'plan', 'rectify', 'rectify', 'report', 'determine'])[1 + floor(r_stage * 7)::int]
  END,
  outcome,
  CASE outcome WHEN 'completed' THEN 'C1' WHEN 'partial' THEN 'P1' WHEN 'not_rectified' THEN 'N1' END,
  CASE WHEN outcome IS DISTINCT FROM 'completed' THEN dl < current_date AND r_over < 0.9
       ELSE (done_at AT TIME ZONE '${ZONE}')::date > dl AND r_over < 0.5 END,
  done_at,
  CASE WHEN outcome = 'completed' AND r_stage < 0.60 THEN least(done_at + (10 + floor(r_close * 30)::int) * interval '1 day', now()) END,
  '{}'::jsonb, md5(k::text) || md5('ind' || k::text), true, '{}'::jsonb, '00000000-0000-4000-8000-000000000100',
  issue::timestamp AT TIME ZONE '${ZONE}', issue::timestamp AT TIME ZONE '${ZONE}'
FROM d`;

/**
 * About 3 000 accountability cases: T1 on ~2.8 % of the problems and T3 on ~0.4 % (a few have
 * both; unique per problem and trigger), opened 1–200 days after the deadline at any second of the
 * day in Asia/Shanghai, so cases cross the period's boundaries and UTC and local dates differ.
 */
const FILL_CASES = `
INSERT INTO issues.accountability_cases (problem_id, trigger, cause, status, opened_at)
SELECT p.id, t.trigger, CASE t.trigger WHEN 'T1' THEN '逾期未整改' ELSE '认定未整改' END, 'open',
  ((p.deadline + 1 + floor(random() * 200)::int)::timestamp + floor(random() * 86400) * interval '1 second') AT TIME ZONE '${ZONE}'
FROM (SELECT id, deadline, random() AS r FROM issues.problems) p
CROSS JOIN (VALUES ('T1'), ('T3')) AS t(trigger)
WHERE (t.trigger = 'T1' AND p.r < 0.028) OR (t.trigger = 'T3' AND p.r >= 0.027 AND p.r < 0.031)`;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function startService(databaseUrl: string): Promise<void> {
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--enable-source-maps', path.join(ROOT, 'services', 'assessment', 'dist', 'main.js')], {
    cwd: ROOT,
    env: {
      PATH: process.env['PATH'] ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: stack().infra.temporalAddress,
      TEMPORAL_NAMESPACE: stack().infra.temporalNamespace,
      JWT_PUBLIC_KEYS: tokenKeyEnvironment().JWT_PUBLIC_KEYS,
      ...payloadKeyEnv(),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  service = child;
  const keep = (chunk: Buffer) => (serviceLog = (serviceLog + chunk.toString('utf8')).slice(-8000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const stopAt = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the assessment service exited (${child.exitCode ?? child.signalCode}):\n${serviceLog}`);
    const status = await fetch(`${baseUrl}/health`).then((r) => r.status, () => 0);
    if (status === 200) return;
    if (Date.now() > stopAt) throw new Error(`the assessment service did not answer /health with 200 within 60 s (last ${status}):\n${serviceLog}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function stopService(): Promise<void> {
  const child = service;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

beforeAll(async () => {
  admin = new pg.Client({ connectionString: stack().infra.databaseUrl, application_name: 'rectify-test-indicators-100k' });
  await admin.connect();
  dbName = `rectify_ind_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(stack().infra.databaseUrl);
  url.pathname = `/${dbName}`;
  db = new pg.Client({ connectionString: url.toString(), application_name: 'rectify-test-indicators-100k' });
  await db.connect();
  await migrate(url.toString(), 'identity', 'gateway');
  await migrate(url.toString(), 'issues', 'issues');
  await db.query('SELECT setseed(0.2026)'); // the same ledger every run (ids aside)
  await db.query(FILL_PROBLEMS);
  await db.query(FILL_CASES);
  await db.query('ANALYZE issues.problems');
  await db.query('ANALYZE issues.accountability_cases');
  await startService(url.toString());
}, 180_000);

afterAll(async () => {
  await stopService().catch(() => undefined);
  await db?.end().catch(() => undefined);
  if (admin && dbName) await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin?.end();
}, 60_000);

// ---------------------------------------------------------------------------------------------
// The independent computation
// ---------------------------------------------------------------------------------------------

type Grouping = 'enterprise' | 'source' | 'category' | 'all';
const KEY: Record<Grouping, string> = { enterprise: 'p.enterprise_code', source: 'p.source', category: 'p.category', all: `'all'::text` };

interface Scope {
  from: string;
  to: string;
  groupBy: Grouping;
  /** The enterprise the figures are limited to, if any. */
  enterpriseCode?: string;
  /** Leave 涉密 problems out (readers that may not see them). */
  nonConfidentialOnly: boolean;
}

interface IndicatorRow {
  group: string;
  due: number;
  completed: number;
  onTime: number;
  overdue: number;
  partial: number;
  notRectified: number;
  closed: number;
  amountDue: string;
  amountCompleted: string;
  rectificationRate: number | null;
  rectificationRateByAmount: number | null;
  onTimeRate: number | null;
  meanDaysToCompletion: number | null;
  closeOutRate: number | null;
  accountabilityCases: number;
}

/** One aggregate per group: `SELECT <key>, <aggregate> FROM issues.problems p WHERE <due in period> AND <where> GROUP BY 1`. */
async function perGroup(scope: Scope, aggregate: string, where = 'true'): Promise<Map<string, string | null>> {
  const params: unknown[] = [scope.from, scope.to];
  let visible = '';
  if (scope.enterpriseCode !== undefined) {
    params.push(scope.enterpriseCode);
    visible += ` AND p.enterprise_code = $${params.length}`;
  }
  if (scope.nonConfidentialOnly) visible += ` AND p.confidentiality <> 'confidential'`;
  const sql = `SELECT ${KEY[scope.groupBy]} AS grp, (${aggregate})::text AS v FROM issues.problems p
    WHERE p.deadline >= $1::date AND p.deadline <= $2::date AND (${where})${visible} GROUP BY 1`;
  const { rows } = await db!.query<{ grp: string; v: string | null }>(sql, params);
  return new Map(rows.map((r) => [r.grp, r.v]));
}

/** Cases opened in the period: opened_at from local midnight of `from` to (not including) local midnight after `to`. */
async function casesPerGroup(scope: Scope): Promise<Map<string, string>> {
  const params: unknown[] = [scope.from, scope.to];
  let visible = '';
  if (scope.enterpriseCode !== undefined) {
    params.push(scope.enterpriseCode);
    visible += ` AND p.enterprise_code = $${params.length}`;
  }
  if (scope.nonConfidentialOnly) visible += ` AND p.confidentiality <> 'confidential'`;
  const { rows } = await db!.query<{ grp: string; v: string }>(
    `SELECT ${KEY[scope.groupBy]} AS grp, count(*)::text AS v
     FROM issues.accountability_cases c JOIN issues.problems p ON p.id = c.problem_id
     WHERE c.opened_at >= ($1::date)::timestamp AT TIME ZONE '${ZONE}'
       AND c.opened_at < ($2::date + 1)::timestamp AT TIME ZONE '${ZONE}'${visible}
     GROUP BY 1`,
    params,
  );
  return new Map(rows.map((r) => [r.grp, r.v]));
}

/** Completed on or before the deadline: before local midnight after the deadline day. */
const COMPLETED = `p.outcome = 'completed'`;
const ON_TIME = `${COMPLETED} AND p.completed_at < (p.deadline + 1)::timestamp AT TIME ZONE '${ZONE}'`;
/** Days from the document's issue date to the local (UTC+8, no DST since 1991) completion date, by epoch arithmetic. */
const DAYS = `floor((extract(epoch FROM p.completed_at) + 8 * 3600) / 86400)::int - (p.doc_issue_date - DATE '1970-01-01')`;

async function expected(scope: Scope): Promise<IndicatorRow[]> {
  const [due, completed, onTime, overdue, partial, notRectified, closed, amountDue, amountCompleted, daySum, dayCount, cases] = await Promise.all([
    perGroup(scope, 'count(*)'),
    perGroup(scope, 'count(*)', COMPLETED),
    perGroup(scope, 'count(*)', ON_TIME),
    perGroup(scope, 'count(*)', `p.overdue AND (p.outcome IS NULL OR p.outcome <> 'completed')`),
    perGroup(scope, 'count(*)', `p.outcome = 'partial'`),
    perGroup(scope, 'count(*)', `p.outcome = 'not_rectified'`),
    // docs/assessment.md: close-out rate = completed problems closed out ÷ completed
    perGroup(scope, 'count(*)', `${COMPLETED} AND p.stage = 'closed'`),
    perGroup(scope, 'sum(p.amount)'),
    perGroup(scope, 'sum(p.amount)', COMPLETED),
    perGroup(scope, `sum(${DAYS})`, `${COMPLETED} AND p.completed_at IS NOT NULL`),
    perGroup(scope, 'count(*)', `${COMPLETED} AND p.completed_at IS NOT NULL`),
    casesPerGroup(scope),
  ]);
  const groups = [...new Set([...due.keys(), ...cases.keys()])];
  const dec = (m: Map<string, string | null>, g: string): Dec => new D(m.get(g) ?? 0);
  const rate = (n: Dec, d: Dec, places: number) => (d.isZero() ? null : n.div(d).toDecimalPlaces(places, D.ROUND_HALF_UP).toNumber());
  return groups.map((g) => {
    const r = {
      due: dec(due, g), completed: dec(completed, g), onTime: dec(onTime, g), closed: dec(closed, g),
      amountDue: dec(amountDue, g), amountCompleted: dec(amountCompleted, g), daySum: dec(daySum, g), dayCount: dec(dayCount, g),
    };
    return {
      group: g,
      due: r.due.toNumber(),
      completed: r.completed.toNumber(),
      onTime: r.onTime.toNumber(),
      overdue: dec(overdue, g).toNumber(),
      partial: dec(partial, g).toNumber(),
      notRectified: dec(notRectified, g).toNumber(),
      closed: r.closed.toNumber(),
      amountDue: r.amountDue.toFixed(2),
      amountCompleted: r.amountCompleted.toFixed(2),
      rectificationRate: rate(r.completed, r.due, 4),
      rectificationRateByAmount: rate(r.amountCompleted, r.amountDue, 4),
      onTimeRate: rate(r.onTime, r.due, 4),
      meanDaysToCompletion: rate(r.daySum, r.dayCount, 1),
      closeOutRate: rate(r.closed, r.completed, 4),
      accountabilityCases: dec(cases, g).toNumber(),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// The service's answer
// ---------------------------------------------------------------------------------------------

function token(role: Role, username: string, enterpriseCode: string | null = null): string {
  return mintToken({ sub: randomUUID(), username, displayName: username, role, enterpriseCode, unitCode: null });
}

const READERS = {
  jiandu: () => token(ROLES.SUPERVISION_OFFICER, 'jiandu'),
  kaohe: () => token(ROLES.ASSESSMENT_DIVISION, 'kaohe'),
  e001Audit: () => token(ROLES.ENTERPRISE_AUDIT, 'e001-audit', 'E001'),
};

async function indicators(who: keyof typeof READERS, query: Record<string, string>): Promise<{ groupBy: string; rows: IndicatorRow[] }> {
  const res = await fetch(`${baseUrl}/indicators?${new URLSearchParams(query).toString()}`, { headers: { authorization: `Bearer ${READERS[who]()}` } });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET /indicators?${new URLSearchParams(query).toString()} as ${who} answered ${res.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as { groupBy: string; rows: IndicatorRow[] };
}

/** The groups in PostgreSQL's ORDER BY order (the database's collation, which the service's ORDER BY uses). */
async function dbOrder(groups: string[]): Promise<string[]> {
  const { rows } = await db!.query<{ g: string }>('SELECT g FROM unnest($1::text[]) AS g ORDER BY 1', [groups]);
  return rows.map((r) => r.g);
}

const byGroup = (a: IndicatorRow, b: IndicatorRow) => (a.group < b.group ? -1 : a.group > b.group ? 1 : 0);

async function compare(who: keyof typeof READERS, scope: Scope, query: Record<string, string>): Promise<IndicatorRow[]> {
  const [answer, want] = await Promise.all([indicators(who, query), expected(scope)]);
  expect(answer.groupBy).toBe(scope.groupBy);
  const got = [...answer.rows].sort(byGroup);
  want.sort(byGroup);
  // 1. The figures: every field of every group, amounts compared as exact decimal values.
  const asValue = (r: IndicatorRow) => ({ ...r, amountDue: new D(r.amountDue).toFixed(2), amountCompleted: new D(r.amountCompleted).toFixed(2) });
  expect(got.map(asValue)).toEqual(want);
  // In the database's ORDER BY order.
  expect(answer.rows.map((r) => r.group)).toEqual(await dbOrder(want.map((r) => r.group)));
  // 2. The same, with the amounts as the exact strings: two decimals, as numeric(20,2) prints them.
  expect(got).toEqual(want);
  return answer.rows;
}

const YEAR_2026 = { from: '2026-01-01', to: '2026-12-31' };

describe(`assessment indicators on a ${PROBLEMS}-problem ledger`, () => {
  it('the generated ledger is what the comparisons rely on', async () => {
    const { rows: [facts] } = await db!.query<Record<string, string>>(`SELECT
      (SELECT count(*) FROM issues.problems)::text AS problems,
      (SELECT count(*) FROM issues.accountability_cases)::text AS cases,
      (SELECT count(*) FROM issues.problems WHERE deadline BETWEEN '2026-01-01' AND '2026-12-31')::text AS due2026,
      (SELECT count(*) FROM issues.problems WHERE amount IS NULL)::text AS no_amount,
      (SELECT count(*) FROM issues.problems WHERE outcome = 'completed' AND (completed_at AT TIME ZONE '${ZONE}')::date > deadline)::text AS late,
      (SELECT count(*) FROM issues.problems WHERE outcome = 'completed' AND (completed_at AT TIME ZONE '${ZONE}')::date <> (completed_at AT TIME ZONE 'UTC')::date)::text AS utc_differs,
      (SELECT count(*) FROM issues.problems WHERE outcome = 'completed' AND overdue)::text AS completed_overdue,
      (SELECT count(*) FROM issues.problems WHERE confidentiality = 'confidential' AND deadline BETWEEN '2026-01-01' AND '2026-12-31')::text AS confidential2026`);
    expect(Number(facts!['problems'])).toBe(PROBLEMS);
    expect(Number(facts!['cases'])).toBeGreaterThan(2_500);
    expect(Number(facts!['cases'])).toBeLessThan(3_600);
    expect(Number(facts!['due2026'])).toBeGreaterThan(40_000);
    for (const k of ['no_amount', 'late', 'utc_differs', 'completed_overdue', 'confidential2026']) expect(Number(facts![k])).toBeGreaterThan(100);
  });

  it('by enterprise for 2026 (supervision officer: every enterprise, 涉密 included)', async () => {
    const rows = await compare('jiandu', { ...YEAR_2026, groupBy: 'enterprise', nonConfidentialOnly: false }, { ...YEAR_2026, groupBy: 'enterprise' });
    expect(rows.map((r) => r.group)).toEqual(['E001', 'E002', 'E003', 'E009', 'E010']);
    // E009 has cases opened in 2026 but nothing due then: counts 0, rates "no data".
    expect(rows.find((r) => r.group === 'E009')).toMatchObject({ due: 0, rectificationRate: null, meanDaysToCompletion: null, closeOutRate: null });
    expect(rows.find((r) => r.group === 'E009')!.accountabilityCases).toBeGreaterThan(0);
  });

  it('by source for 2026', async () => {
    const rows = await compare('jiandu', { ...YEAR_2026, groupBy: 'source', nonConfidentialOnly: false }, { ...YEAR_2026, groupBy: 'source' });
    expect(rows).toHaveLength(6);
  });

  it('by category for 2026', async () => {
    const rows = await compare('jiandu', { ...YEAR_2026, groupBy: 'category', nonConfidentialOnly: false }, { ...YEAR_2026, groupBy: 'category' });
    expect(rows).toHaveLength(7);
  });

  it('over everything for 2026', async () => {
    const rows = await compare('jiandu', { ...YEAR_2026, groupBy: 'all', nonConfidentialOnly: false }, { ...YEAR_2026, groupBy: 'all' });
    expect(rows).toHaveLength(1);
  });

  it('without 涉密 problems for a reader who may not see them (业绩考核处)', async () => {
    await compare('kaohe', { ...YEAR_2026, groupBy: 'enterprise', nonConfidentialOnly: true }, { ...YEAR_2026, groupBy: 'enterprise' });
  });

  it('for an enterprise user only its own enterprise, whatever it asks for', async () => {
    const rows = await compare('e001Audit', { ...YEAR_2026, groupBy: 'category', enterpriseCode: 'E001', nonConfidentialOnly: false },
      { ...YEAR_2026, groupBy: 'category', enterpriseCode: 'E002' });
    expect(rows.length).toBeGreaterThan(0);
  });

  it('for one enterprise over a period across the year boundary', async () => {
    const period = { from: '2025-07-01', to: '2026-06-30' };
    await compare('jiandu', { ...period, groupBy: 'source', enterpriseCode: 'E002', nonConfidentialOnly: false }, { ...period, groupBy: 'source', enterpriseCode: 'E002' });
  });
});
