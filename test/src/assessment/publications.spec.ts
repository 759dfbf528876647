import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { api, closeDb, db, login, stack } from '../harness/index.js';

/**
 * Official outputs are published, not recomputed per reader (docs/assessment.md): the Supervision
 * Division publishes a year's scores, the People's Congress report and the indicator workbook as
 * numbered, immutable snapshots over every problem, and every reader downloads the same bytes.
 */
const E = `P${Date.now().toString(36).toUpperCase()}`;
const SECRET_TITLE = `涉密问题标题${E}`;
const SECRET_LEDGER_NO = `${E}-2026-00002`;
const Y = 2026;

interface Row { no: number; title: string; deadline: string; outcome: string | null; stage: string; confidential: boolean }
const LEDGER: Row[] = [
  { no: 1, title: `公开问题${E}`, deadline: '2026-06-30', outcome: 'completed', stage: 'closed', confidential: false },
  { no: 2, title: SECRET_TITLE, deadline: '2026-09-30', outcome: 'not_rectified', stage: 'rectify', confidential: true },
  { no: 3, title: `次年问题${E}`, deadline: '2027-03-31', outcome: null, stage: 'rectify', confidential: false },
];

beforeAll(async () => {
  const ids: string[] = [];
  for (const r of LEDGER) {
    const id = randomUUID();
    ids.push(id);
    await db().query(
      `INSERT INTO issues.problems (id, ledger_no, enterprise_code, source, doc_type, doc_number, doc_issuer, doc_issue_date, item_no, title, description,
         category, amount, confidentiality, deadline, original_deadline, hard_limit, stage, outcome, overdue, completed_at, state, last_hash, workflow_started,
         policy, registered_by)
       VALUES ($1, $2, $3, 'routine_audit', 'decision', $4, '市审计局', '2026-01-05', '1', $5, $5, '财务管理', '100.00', $6, $7, $7, $7, $8, $9, false, $10,
         '{}', $11, true, '{}', '00000000-0000-0000-0000-000000000000')`,
      [id, `${E}-${r.deadline.slice(0, 4)}-${String(r.no).padStart(5, '0')}`, E, `发布〔${E}〕${r.no}`, r.title, r.confidential ? 'confidential' : 'non_confidential',
        r.deadline, r.stage, r.outcome, r.outcome === 'completed' ? '2026-05-10T10:00:00+08:00' : null, '0'.repeat(64)],
    );
  }
  // Opened late in Y, marked for the leaders' assessment of Y+1: it counts in Y+1's score, not Y's.
  await db().query(
    `INSERT INTO issues.accountability_cases (problem_id, trigger, cause, opened_at, assessment_year, assessment_note, assessment_marked_by, assessment_marked_at)
     VALUES ($1, 'T1', '逾期', '2026-12-20T10:00:00+08:00', ${Y + 1}, '年末启动，计入次年', 'test', now())`,
    [ids[0]],
  );
});

afterAll(async () => {
  await closeDb();
});

type Line = { item: string; value: string; points: number };
type EnterpriseScore = { enterpriseCode: string; score: number | null; lines: Line[] };

const publish = async (who: string, kind: string, year: number, key?: string) =>
  api('POST', '/api/assessment/publications', { token: await login(who), body: { kind, year }, headers: key ? { 'idempotency-key': key } : {} });

async function download(who: string, id: string): Promise<{ status: number; bytes: Buffer; sha256: string | null; type: string | null }> {
  const res = await fetch(`${stack().urls.gateway}/api/assessment/publications/${id}/file`, { headers: { authorization: `Bearer ${await login(who)}` } });
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()), sha256: res.headers.get('x-rectify-sha256'), type: res.headers.get('content-type') };
}

/** Every text inside a docx or xlsx (all its XML parts), for "does not appear anywhere" checks. */
async function allText(bytes: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = await Promise.all(Object.values(zip.files).filter((f) => !f.dir && f.name.endsWith('.xml')).map((f) => f.async('string')));
  return parts.join('\n');
}

const lineOf = (s: EnterpriseScore | undefined, item: string) => s?.lines.find((l) => l.item === item)?.value;

describe('published official outputs', () => {
  it('publishes the year’s scores once for everyone: two readers download the same bytes and read the same figures', async () => {
    const published = await publish('jiandu', 'scores', Y);
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ kind: 'scores', year: Y, current: true, publishedRole: 'supervision_officer' });
    expect(published.body.number).toMatch(new RegExp(`^${Y}-成绩-\\d{3}$`));
    const id = published.body.id as string;

    const [kaohe, jiandu] = [await download('kaohe', id), await download('jiandu', id)];
    expect([kaohe.status, jiandu.status]).toEqual([200, 200]);
    expect(kaohe.type).toContain('spreadsheetml');
    expect(kaohe.bytes.equals(jiandu.bytes)).toBe(true);
    expect(createHash('sha256').update(kaohe.bytes).digest('hex')).toBe(published.body.sha256);
    expect(kaohe.sha256).toBe(published.body.sha256);

    const [a, b] = [await api('GET', `/api/assessment/publications/${id}`, { token: await login('kaohe') }), await api('GET', `/api/assessment/publications/${id}`, { token: await login('jiandu') })];
    expect(a.status).toBe(200);
    expect(a.body.figures).toEqual(b.body.figures);
    expect(a.body.basis).toBe('published');
    const mine = (a.body.figures.enterprises as EnterpriseScore[]).find((e) => e.enterpriseCode === E);
    // Counted over every problem: the 涉密 one (not rectified) is in kaohe's published score too.
    expect(lineOf(mine, '整改率（按数量）')).toBe('50.00%');
    expect(lineOf(mine, '未整改问题扣分')).toBe('1 个');

    // The live score stays per reader, and says so; it names the current publication.
    const live = await api('GET', `/api/assessment/scores?year=${Y}`, { token: await login('kaohe') });
    expect(live.body).toMatchObject({ basis: 'live-per-reader', published: { id, number: published.body.number } });
    expect(lineOf((live.body.enterprises as EnterpriseScore[]).find((e) => e.enterpriseCode === E), '整改率（按数量）')).toBe('100.00%');

    // The file names the enterprise and its figures, never the confidential problem.
    const text = await allText(kaohe.bytes);
    expect(text).toContain(E);
    expect(text).toContain(published.body.number);
    expect(text).not.toContain(SECRET_TITLE);
    expect(text).not.toContain(SECRET_LEDGER_NO);
  });

  it('counts an accountability case in the score of the year it is marked for', async () => {
    const score = async (year: number) => {
      const p = await publish('fenguan', 'scores', year);
      expect(p.status).toBe(201);
      const detail = await api('GET', `/api/assessment/publications/${p.body.id}`, { token: await login('kaohe') });
      return (detail.body.figures.enterprises as EnterpriseScore[]).find((e) => e.enterpriseCode === E);
    };
    expect(lineOf(await score(Y), '问责事项扣分')).toBe('0 件');
    const next = await score(Y + 1);
    expect(lineOf(next, '问责事项扣分')).toBe('1 件');
    expect(next?.score).not.toBeNull(); // problem 3 is due in Y+1
    const live = await api('GET', `/api/assessment/scores?year=${Y + 1}`, { token: await login('jiandu') });
    expect(lineOf((live.body.enterprises as EnterpriseScore[]).find((e) => e.enterpriseCode === E), '问责事项扣分')).toBe('1 件');
  });

  it('publishes the People’s Congress report and the workbook alike: 涉密 problems in the totals, never itemised', async () => {
    const report = await publish('jiandu', 'annual_report', Y);
    const workbook = await publish('jiandu', 'indicator_workbook', Y);
    expect([report.status, workbook.status]).toEqual([201, 201]);
    expect(report.body.number).toMatch(new RegExp(`^${Y}-报告-\\d{3}$`));
    expect(workbook.body.number).toMatch(new RegExp(`^${Y}-指标-\\d{3}$`));

    const docs = [await download('kaohe', report.body.id), await download('jiandu', report.body.id), await download('ganbu', report.body.id)];
    expect(docs.map((d) => d.status)).toEqual([200, 200, 200]);
    expect(docs[0]!.bytes.equals(docs[1]!.bytes) && docs[0]!.bytes.equals(docs[2]!.bytes)).toBe(true);
    const reportText = await allText(docs[0]!.bytes);
    expect(reportText).toContain(`${Y}年度审计整改情况报告`);
    expect(reportText).toContain(report.body.number);
    expect(reportText).not.toContain(SECRET_TITLE);
    expect(reportText).not.toContain(SECRET_LEDGER_NO);

    const [k, j] = [await download('kaohe', workbook.body.id), await download('jiandu', workbook.body.id)];
    expect(k.bytes.equals(j.bytes)).toBe(true);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(k.bytes as never);
    let due: unknown;
    book.getWorksheet('按企业')!.eachRow((row) => {
      const values = row.values as unknown[];
      if (values.includes(E)) due = values[3];
    });
    expect(due).toBe(2); // problems 1 and 2 (涉密) are due in Y, for every reader
    const bookText = await allText(k.bytes);
    expect(bookText).not.toContain(SECRET_TITLE);
    expect(bookText).not.toContain(SECRET_LEDGER_NO);
  });

  it('numbers a re-publication anew, keeps the earlier one unchanged, and makes the latest current', async () => {
    const first = await publish('jiandu', 'indicator_workbook', Y);
    const firstFile = await download('kaohe', first.body.id);
    const again = await publish('jiandu', 'indicator_workbook', Y);
    expect(again.status).toBe(201);
    expect(Number(again.body.number.slice(-3))).toBe(Number(first.body.number.slice(-3)) + 1);
    const listed = await api('GET', `/api/assessment/publications?kind=indicator_workbook&year=${Y}`, { token: await login('kaohe') });
    expect(listed.status).toBe(200);
    const byId = new Map((listed.body as { id: string; current: boolean }[]).map((p) => [p.id, p.current]));
    expect([byId.get(first.body.id), byId.get(again.body.id)]).toEqual([false, true]);
    expect((listed.body as { current: boolean }[]).filter((p) => p.current)).toHaveLength(1);
    expect((await download('jiandu', first.body.id)).bytes.equals(firstFile.bytes)).toBe(true);

    // The same Idempotency-Key publishes once.
    const key = randomUUID();
    const once = await publish('jiandu', 'scores', Y, key);
    const twice = await publish('jiandu', 'scores', Y, key);
    expect([once.status, twice.status]).toEqual([201, 200]);
    expect(twice.body.id).toBe(once.body.id);
  });

  it('refuses to change or delete a publication in the database', async () => {
    const p = await publish('jiandu', 'scores', Y);
    await expect(db().query(`UPDATE assessment.publications SET figures = '{}' WHERE id = $1`, [p.body.id])).rejects.toThrow(/append-only/);
    await expect(db().query(`DELETE FROM assessment.publications WHERE id = $1`, [p.body.id])).rejects.toThrow(/append-only/);
    const row = (await db().query(`SELECT encode(sha256(file), 'hex') AS sha FROM assessment.publications WHERE id = $1`, [p.body.id])).rows[0];
    expect(row.sha).toBe(p.body.sha256);
  });

  it('lets only the Supervision Division publish, and each reader read what the live equivalent allows', async () => {
    for (const who of ['kaohe', 'ganbu', 'jijian', 'e001-audit']) {
      expect([who, (await publish(who, 'scores', Y)).status]).toEqual([who, 403]);
    }
    const bad = await api('POST', '/api/assessment/publications', { token: await login('jiandu'), body: { kind: 'poem', year: 99 } });
    expect(bad.status).toBe(400);
    expect((bad.body.fields as { field: string }[]).map((f) => f.field).sort()).toEqual(['kind', 'year']);

    const scores = await publish('jiandu', 'scores', Y);
    const report = await publish('jiandu', 'annual_report', Y);
    // An enterprise reads its own line of the published scores, not the file of every enterprise.
    const own = await api('GET', `/api/assessment/publications/${scores.body.id}`, { token: await login('e001-audit') });
    expect(own.status).toBe(200);
    expect((own.body.figures.enterprises as EnterpriseScore[]).every((e) => e.enterpriseCode === 'E001')).toBe(true);
    expect((await download('e001-audit', scores.body.id)).status).toBe(403);
    expect((await api('GET', `/api/assessment/publications/${report.body.id}`, { token: await login('e001-audit') })).status).toBe(404);
    const kinds = new Set((await api('GET', '/api/assessment/publications', { token: await login('e001-audit') })).body.map((p: { kind: string }) => p.kind));
    expect([...kinds]).toEqual(['scores']);
    expect((await api('GET', '/api/assessment/publications', { token: await login('yunwei') })).status).toBe(403);
    expect((await api('GET', `/api/assessment/publications/${randomUUID()}`, { token: await login('kaohe') })).status).toBe(404);
    expect((await api('GET', '/api/assessment/publications/not-an-id', { token: await login('kaohe') })).status).toBe(404);
  });
});
