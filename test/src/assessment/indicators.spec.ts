import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { DEFAULT_POLICY, daysBetween, localDateOf } from '@rectify/domain';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { api, closeDb, db, login, stack } from '../harness/index.js';

/** A small ledger whose indicators are computed by hand below (docs/assessment.md has the definitions). */
const E = `I${Date.now().toString(36).toUpperCase()}`;

interface Row {
  name: string;
  issueDate: string;
  deadline: string;
  amount: string | null;
  outcome: string | null;
  completedAt?: string;
  stage: string;
  overdue?: boolean;
  confidential?: boolean;
}

const LEDGER: Row[] = [
  { name: 'A', issueDate: '2025-10-01', deadline: '2026-03-31', amount: '100.00', outcome: 'completed', completedAt: '2026-03-15T10:00:00+08:00', stage: 'closed' },
  { name: 'B', issueDate: '2025-11-01', deadline: '2026-04-30', amount: '300.50', outcome: 'completed', completedAt: '2026-05-10T23:30:00+08:00', stage: 'follow_up' },
  { name: 'C', issueDate: '2025-12-01', deadline: '2026-06-30', amount: '600.00', outcome: 'partial', stage: 'rectify', overdue: true },
  { name: 'D', issueDate: '2025-12-01', deadline: '2026-05-31', amount: null, outcome: 'not_rectified', stage: 'rectify', confidential: true },
  { name: 'E', issueDate: '2026-03-01', deadline: '2026-08-31', amount: '50.00', outcome: 'completed', completedAt: '2026-07-01T09:00:00+08:00', stage: 'closed' },
];

const ids: Record<string, string> = {};

beforeAll(async () => {
  for (const [i, r] of LEDGER.entries()) {
    const id = randomUUID();
    ids[r.name] = id;
    await db().query(
      `INSERT INTO issues.problems (id, ledger_no, enterprise_code, source, doc_type, doc_number, doc_issuer, doc_issue_date, item_no, title, description,
         category, amount, confidentiality, deadline, original_deadline, hard_limit, stage, outcome, overdue, completed_at, state, last_hash, workflow_started,
         policy, registered_by)
       VALUES ($1, $2, $3, 'routine_audit', 'decision', $4, '市审计局', $5, '1', '指标测试', '指标测试', '财务管理', $6, $7, $8, $8, $8, $9, $10, $11, $12,
         '{}', $13, true, '{}', '00000000-0000-0000-0000-000000000000')`,
      [id, `${E}-2026-${String(i + 1).padStart(5, '0')}`, E, `指标〔${E}〕${r.name}`, r.issueDate, r.amount, r.confidential ? 'confidential' : 'non_confidential',
        r.deadline, r.stage, r.outcome, r.overdue ?? false, r.completedAt ?? null, '0'.repeat(64)],
    );
  }
  await db().query(`INSERT INTO issues.accountability_cases (problem_id, trigger, cause, opened_at) VALUES ($1, 'T3', '未整改', '2026-06-01T10:00:00+08:00'), ($2, 'T1', '逾期', '2026-07-05T10:00:00+08:00')`, [ids['D'], ids['C']]);
});

afterAll(async () => {
  await closeDb();
});

const indicators = async (who: string, query: string) => api('GET', `/api/assessment/indicators?${query}`, { token: await login(who) });

describe('assessment indicators (computed in PostgreSQL)', () => {
  it('match the hand computation for the first half of 2026', async () => {
    const res = await indicators('kaohe', `from=2026-01-01&to=2026-06-30&groupBy=enterprise&enterpriseCode=${E}`);
    expect(res.status).toBe(200);
    // kaohe may not see 涉密 problems: D is left out of its figures.
    expect(res.body.rows).toEqual([
      {
        group: E, due: 3, completed: 2, onTime: 1, overdue: 1, partial: 1, notRectified: 0, closed: 1,
        amountDue: '1000.50', amountCompleted: '400.50',
        rectificationRate: 0.6667, rectificationRateByAmount: 0.4003, onTimeRate: 0.3333,
        meanDaysToCompletion: 177.5, closeOutRate: 0.5, accountabilityCases: 0,
      },
    ]);
    const full = await indicators('jiandu', `from=2026-01-01&to=2026-06-30&enterpriseCode=${E}`);
    expect(full.body.rows[0]).toMatchObject({ due: 4, completed: 2, notRectified: 1, rectificationRate: 0.5, onTimeRate: 0.25, accountabilityCases: 1, amountDue: '1000.50' });
  });

  it('says "no data" (null), never 0 % or NaN, where nothing was due', async () => {
    const july = await indicators('jiandu', `from=2026-07-01&to=2026-07-31&enterpriseCode=${E}`);
    expect(july.body.rows).toEqual([
      expect.objectContaining({ group: E, due: 0, accountabilityCases: 1, rectificationRate: null, rectificationRateByAmount: null, onTimeRate: null, meanDaysToCompletion: null, closeOutRate: null }),
    ]);
    const empty = await indicators('jiandu', `from=2020-01-01&to=2020-12-31&enterpriseCode=${E}`);
    expect(empty.body.rows).toEqual([]);
  });

  it('groups by source and category, and keeps an enterprise user to its own enterprise', async () => {
    const bySource = await indicators('jiandu', `from=2026-01-01&to=2026-12-31&groupBy=source&enterpriseCode=${E}`);
    expect(bySource.body.rows).toEqual([expect.objectContaining({ group: 'routine_audit', due: 5, completed: 3 })]);
    const own = await indicators('e001-audit', `from=2026-01-01&to=2026-12-31&enterpriseCode=${E}`);
    expect(own.status).toBe(200);
    expect(own.body.rows.every((r: { group: string }) => r.group === 'E001')).toBe(true);
  });

  it('names the bad parameter', async () => {
    const res = await indicators('jiandu', 'from=2026-02-30&to=2026-01-01&groupBy=colour');
    expect(res.status).toBe(400);
    expect((res.body.fields as { field: string }[]).map((f) => f.field).sort()).toEqual(['from', 'groupBy']);
    expect((await indicators('jiandu', 'from=2026-06-01&to=2026-01-01')).status).toBe(400);
    expect((await indicators('yunwei', 'from=2026-01-01&to=2026-06-30')).status).toBe(403);
  });

  it('scores an enterprise line by line from its year', async () => {
    const res = await api('GET', '/api/assessment/scores?year=2026', { token: await login('jiandu') });
    expect(res.status).toBe(200);
    const mine = (res.body.enterprises as { enterpriseCode: string; score: number; lines: { item: string; value: string; points: number }[] }[]).find((e) => e.enterpriseCode === E);
    // 2026: due 5 (A–E), completed 3, on time 2, closed 2, amounts 450.50 of 1050.50, mean 159 days, 2 cases, 1 not rectified.
    expect(mine?.lines.map((l) => [l.value, l.points])).toEqual([
      ['60.00%', 24], ['42.88%', 8.58], ['40.00%', 8], ['66.67%', 6.67], ['159 天', 2.33], ['2 件', -10], ['1 个', -2],
    ]);
    expect(mine?.score).toBe(37.58);
    expect((await api('GET', '/api/assessment/scores?year=99', { token: await login('jiandu') })).status).toBe(400);
  });

  it('gives the monthly trend, with no data for a month where nothing was due', async () => {
    const res = await api('GET', `/api/assessment/dashboard/trend?fromMonth=2026-03&toMonth=2026-08&enterpriseCode=${E}`, { token: await login('jiandu') });
    expect(res.body.map((m: { month: string; due: number; rectificationRate: number | null }) => [m.month, m.due, m.rectificationRate])).toEqual([
      ['2026-03', 1, 1], ['2026-04', 1, 1], ['2026-05', 1, 0], ['2026-06', 1, 0], ['2026-07', 0, null], ['2026-08', 1, 1],
    ]);
  });

  it('buckets open overdue problems by days past their deadline', async () => {
    const today = localDateOf(Date.now(), DEFAULT_POLICY);
    const bucket = (days: number) => (days <= 30 ? '0-30' : days <= 90 ? '31-90' : days <= 180 ? '91-180' : '>180');
    const expected: Record<string, number> = { '0-30': 0, '31-90': 0, '91-180': 0, '>180': 0 };
    for (const deadline of ['2026-06-30', '2026-05-31']) if (daysBetween(deadline, today) > 0) expected[bucket(daysBetween(deadline, today))] += 1; // C and D
    const res = await api('GET', `/api/assessment/dashboard/ageing?enterpriseCode=${E}`, { token: await login('jiandu') });
    expect(Object.fromEntries((res.body as { bucket: string; count: number }[]).map((b) => [b.bucket, b.count]))).toEqual(expected);
  });

  const download = async (who: string, path: string) => {
    const res = await fetch(`${stack().urls.gateway}/api/assessment/reports/${path}`, { headers: { authorization: `Bearer ${await login(who)}` } });
    return { status: res.status, body: Buffer.from(await res.arrayBuffer()) };
  };

  it('writes the annual report to the People’s Congress as a docx that reads back', async () => {
    const res = await download('jiandu', 'annual.docx?from=2026-01-01&to=2026-12-31');
    expect(res.status).toBe(200);
    const xml = await (await JSZip.loadAsync(res.body)).file('word/document.xml')!.async('string');
    expect(xml).toContain('2026年度审计整改情况报告');
    expect(xml).toContain('一、总体情况');
    expect(xml).toContain(E);
    expect(xml).toContain('不认账或未整改');
    expect((await download('e001-audit', 'annual.docx?from=2026-01-01&to=2026-12-31')).status).toBe(403);
  });

  it('writes the indicator workbook, counting 涉密 problems only for those who may read them', async () => {
    const dueOf = async (who: string) => {
      const res = await download(who, 'indicators.xlsx?from=2026-01-01&to=2026-12-31');
      expect(res.status).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body as never);
      const sheet = wb.getWorksheet('按企业')!;
      let due: unknown;
      sheet.eachRow((row) => {
        if (row.values && (row.values as unknown[]).includes(E)) due = (row.values as unknown[]).find((v, i) => i > 2 && typeof v === 'number');
      });
      return due;
    };
    expect(await dueOf('jiandu')).toBe(5);
    expect(await dueOf('kaohe')).toBe(4);
  });
});
