import { afterAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { problemWorkflowId } from '@rectify/contracts';
import { addDays, localDateOf } from '@rectify/domain';
import { stateQuery } from '@rectify/workflows';
import { api, closeDb, closeTemporal, db, eventually, login, stack, temporal } from '../harness/index.js';
import { act, approval, register, registration } from './fixtures.js';

/**
 * Issue 20: an enterprise cannot exempt itself from the hard limit, dates that cannot be are refused
 * (never a 500), a refused determination is not announced as a result, a C1 completion carries its
 * corrected amount into the ledger, and the gaps a user hits (empty responsibility, duplicate tags,
 * reassignment, refusing a close-out, another enterprise's row in an import).
 */
const today = () => localDateOf(Date.now(), { utcOffsetMinutes: 480 });
const responsibility = { leadDepartment: '财务部', cooperatingDepartments: [], responsiblePersons: ['王五'] };
type Detail = Record<string, unknown> & { stage: string; deadline: string; hardLimit: string; specialReason: string | null; history: { action: string | null; reason: string | null; payload: Record<string, unknown> }[] };

async function detail(n: string): Promise<Detail> {
  return (await api('GET', `/api/issues/problems/${n}`, { token: await login('jiandu') })).body as Detail;
}

async function workflowState(n: string) {
  return (await (await temporal()).workflow.getHandle(problemWorkflowId(n)).query(stateQuery)).state;
}

/** Drives a registered problem through responsibility, plan and report to 结果认定 over HTTP. */
async function toDetermine(n: string): Promise<void> {
  expect((await act('e001-audit', n, 'responsibility', { responsibility })).status).toBe(200);
  expect((await act('e001-business', n, 'plan', { measures: '整改', milestones: [], targetDate: '2027-01-31' })).status).toBe(200);
  await act('e001-leader', n, 'plan/approvals', approval('party_committee'));
  await act('e001-leader', n, 'plan/approvals', approval('board'));
  expect((await act('e001-audit', n, 'report', { content: '整改报告' })).status).toBe(200);
  await act('e001-leader', n, 'report/approvals', approval('party_committee'));
  expect((await act('e001-leader', n, 'report/approvals', approval('board'))).body.stage).toBe('determine');
}

const fieldsOf = (body: { fields?: { field: string }[] }) => (body.fields ?? []).map((f) => f.field);

afterAll(async () => {
  await closeDb();
  await closeTemporal();
});

describe('a deadline past the hard limit is a request the supervision lead decides', () => {
  it('keeps the hard limit and no special reason in force until 分管委员 approves; then the later deadline and the flag hold', async () => {
    // Issued 2026-10-15: the hard limit is 2027-04-15.
    const problem = await register('e001-audit', { deadline: '2027-09-30', specialReason: '涉及司法程序，需待判决' });
    const n = problem.ledgerNo;
    let d = await detail(n);
    expect([d.deadline, d.hardLimit, d.specialReason, d.extended]).toEqual(['2027-04-15', '2027-04-15', null, false]);
    expect(d['extensions']).toEqual([expect.objectContaining({ requestedDeadline: '2027-09-30', status: 'pending', specialReason: '涉及司法程序，需待判决' })]);
    let state = await workflowState(n);
    expect(state).toMatchObject({ deadline: '2027-04-15', specialReason: false, pendingExtension: { requestedDeadline: '2027-09-30' } });

    // The supervision lead is asked; the enterprise cannot approve its own request.
    await eventually('the request notice to the supervision lead', async () => {
      const rows = (await db().query(`SELECT 1 FROM notifications.notices WHERE ledger_no = $1 AND type = 'extension_requested'`, [n])).rows;
      return rows.length === 1;
    }, 20_000);
    expect((await act('e001-audit', n, 'extensions/decision', { approve: true })).status).toBe(403);
    expect((await act('jiandu', n, 'extensions/decision', { approve: true })).status).toBe(403);

    const approved = await act('fenguan', n, 'extensions/decision', { approve: true, comment: '同意' });
    expect(approved.status).toBe(200);
    d = await detail(n);
    expect([d.deadline, d.extended, d.specialReason]).toEqual(['2027-09-30', true, '涉及司法程序，需待判决']);
    state = await workflowState(n);
    expect(state).toMatchObject({ deadline: '2027-09-30', specialReason: true, pendingExtension: null });
  });

  it('leaves the hard limit and the deadline triggers in force when the request is refused', async () => {
    const n = (await register('e001-audit', { deadline: '2027-06-30', specialReason: '需待上级批复' })).ledgerNo;
    expect((await act('fenguan', n, 'extensions/decision', { approve: false, comment: '理由不充分' })).status).toBe(200);
    const d = await detail(n);
    expect([d.deadline, d.extended, d.specialReason]).toEqual(['2027-04-15', false, null]);
    expect(await workflowState(n)).toMatchObject({ deadline: '2027-04-15', specialReason: false, pendingExtension: null });
  });

  it('refuses a special reason that asks for nothing (a deadline within the limit), naming specialReason', async () => {
    const res = await api('POST', '/api/issues/problems', { token: await login('e001-audit'), body: registration({ specialReason: '自行豁免' }) });
    expect(res.status).toBe(422);
    expect(res.body.message).toMatch(/^specialReason：/);
  });
});

describe('dates that cannot be', () => {
  it.each([
    ['tomorrow', () => addDays(today(), 1), 422],
    ['1999-12-31 (before the earliest year)', () => '1999-12-31', 422],
    ['1900-01-01', () => '1900-01-01', 400],
    ['0001-01-01', () => '0001-01-01', 400],
    ['9999-12-31', () => '9999-12-31', 400],
  ])('refuses the issue date %s, naming document.issueDate, and registers nothing', async (_what, date, status) => {
    const body = registration();
    body.document = { ...body.document, issueDate: date() };
    const res = await api('POST', '/api/issues/problems', { token: await login('e001-audit'), body });
    expect(res.status).toBe(status);
    expect(JSON.stringify(res.body)).toContain('document.issueDate');
    expect((await db().query('SELECT count(*) FROM issues.problems WHERE doc_number = $1', [body.document.number])).rows[0].count).toBe('0');
  });

  it('answers a deadline of 9999-12-31 with 400 naming deadline, not 500', async () => {
    const res = await api('POST', '/api/issues/problems', { token: await login('e001-audit'), body: registration({ deadline: '9999-12-31', specialReason: '原因' }) });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual(['deadline']);
  });

  it('refuses a P1 plan past the hard limit without a special reason, as an extension is refused', async () => {
    const n = (await register('e001-audit')).ledgerNo;
    await toDetermine(n);
    const plan = { measures: '分期收回', responsiblePerson: '张三', newDeadline: '2027-06-30' };
    const refused = await act('e001-audit', n, 'determination', { criterion: 'P1', basis: '客观原因', plan });
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body.message)).toContain('plan.specialReason');
    const far = await act('e001-audit', n, 'determination', { criterion: 'P1', basis: '客观原因', plan: { ...plan, newDeadline: '9999-12-31' } });
    expect(far.status).toBe(400);
    expect(fieldsOf(far.body)).toEqual(['plan.newDeadline']);
    const accepted = await act('e001-audit', n, 'determination', { criterion: 'P1', basis: '客观原因', plan: { ...plan, specialReason: '资产处置须待法院判决' } });
    expect(accepted.status).toBe(200);
  });
});

describe('a determination review and a completion in the ledger', () => {
  it('does not announce a refused 整改完毕 determination as 整改结果认定（整改完毕）', async () => {
    const n = (await register('e001-audit')).ledgerNo;
    await toDetermine(n);
    expect((await act('e001-audit', n, 'determination', { criterion: 'C1', basis: '已全额纠正', correctedAmount: '1000000.00' })).status).toBe(200);
    expect((await act('jiandu', n, 'determination/review', { accept: false, comment: '证据不足' })).status).toBe(200);
    const subject = await eventually('the determination notice', async () => {
      const rows = (await db().query(`SELECT subject FROM notifications.notices WHERE ledger_no = $1 AND type = 'determination_made'`, [n])).rows;
      return rows[0]?.subject as string | undefined;
    }, 20_000);
    expect(subject).not.toContain('（整改完毕）');
    expect(subject).toContain('未获认可');
  });

  it('carries an accepted C1 completion\'s corrected amount into the ledger when no progress reported it', async () => {
    const n = (await register('e001-audit')).ledgerNo;
    await toDetermine(n);
    expect((await detail(n))['correctedAmount']).toBe('0.00');
    expect((await act('e001-audit', n, 'determination', { criterion: 'C1', basis: '已全额纠正', correctedAmount: '1000000.00' })).status).toBe(200);
    const reviewed = await act('jiandu', n, 'determination/review', { accept: true });
    expect(reviewed.body).toMatchObject({ stage: 'follow_up', correctedAmount: '1000000.00' });
  });
});

describe('gaps a user hits', () => {
  it('refuses an empty responsibility and one without a responsible person, naming the field; the stage does not move', async () => {
    const n = (await register('e001-audit')).ledgerNo;
    const none = await act('e001-audit', n, 'responsibility', { responsibility: { ...responsibility, responsiblePersons: [] } });
    expect(none.status).toBe(400);
    expect(fieldsOf(none.body)).toEqual(['responsibility.responsiblePersons']);
    const empty = await act('e001-audit', n, 'responsibility', {});
    expect(empty.status).toBe(400);
    expect(fieldsOf(empty.body)).toEqual(['responsibility']);
    const blank = await act('e001-audit', n, 'responsibility', { responsibility: { ...responsibility, leadDepartment: '  ' } });
    expect(fieldsOf(blank.body)).toEqual(['responsibility.leadDepartment']);
    expect((await detail(n)).stage).toBe('assign');
  });

  it('refuses duplicate tags, naming tags', async () => {
    const res = await api('POST', '/api/issues/problems', { token: await login('e001-audit'), body: registration({ tags: ['inflated_performance', 'inflated_performance'] }) });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual(['tags']);
  });

  it('lets internal audit reassign responsibility after 责任分解 with a reason, recorded in the trail', async () => {
    const n = (await register('e001-audit')).ledgerNo;
    const next = { leadDepartment: '资产管理部', cooperatingDepartments: ['财务部'], responsiblePersons: ['赵六'] };
    expect((await act('e001-audit', n, 'responsibility/reassignment', { responsibility: next, reason: '机构调整' })).status).toBe(409);
    expect((await act('e001-audit', n, 'responsibility', { responsibility })).status).toBe(200);
    expect((await act('e001-business', n, 'responsibility/reassignment', { responsibility: next, reason: '机构调整' })).status).toBe(403);
    const noReason = await act('e001-audit', n, 'responsibility/reassignment', { responsibility: next });
    expect(noReason.status).toBe(400);
    expect(fieldsOf(noReason.body)).toEqual(['reason']);
    const moved = await act('e001-audit', n, 'responsibility/reassignment', { responsibility: next, reason: '机构调整，职能划转资产管理部' });
    expect(moved.status).toBe(200);
    const d = await detail(n);
    expect([d.stage, d['responsibility']]).toEqual(['plan', next]);
    expect(d.history.at(-1)).toMatchObject({ action: 'reassignResponsibility', reason: '机构调整，职能划转资产管理部', payload: { responsibility: next } });
  });

  it('lets the supervision lead refuse a close-out with a reason, back to follow-up audit', async () => {
    const n = (await register('e001-audit')).ledgerNo;
    await toDetermine(n);
    expect((await act('e001-audit', n, 'determination', { criterion: 'C1', basis: '已全额纠正', correctedAmount: '1000000.00' })).status).toBe(200);
    expect((await act('jiandu', n, 'determination/review', { accept: true })).body.stage).toBe('follow_up');
    expect((await act('e001-audit', n, 'follow-up', { holds: true, findings: '经核实整改到位' })).body.stage).toBe('close_out');
    expect((await act('jiandu', n, 'close-out/refusal', { reason: '材料不全' })).status).toBe(403);
    expect((await act('fenguan', n, 'close-out/refusal', {})).status).toBe(400);
    const refused = await act('fenguan', n, 'close-out/refusal', { reason: '整改佐证材料不全，请补充后续审计' });
    expect(refused.status).toBe(200);
    expect(refused.body.stage).toBe('follow_up');
    expect((await detail(n)).history.at(-1)).toMatchObject({ action: 'refuseCloseOut', reason: '整改佐证材料不全，请补充后续审计' });
    expect((await act('e001-audit', n, 'follow-up', { holds: true, findings: '已补充材料' })).body.stage).toBe('close_out');
    expect((await act('fenguan', n, 'close-out', { opinion: '同意销号' })).body.stage).toBe('closed');
  });

  it('refuses a whole import in which one row names another enterprise, as a 422 row error naming the cell', async () => {
    const doc = `台账导入〔2026〕${randomUUID().slice(0, 8)}号`;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('台账');
    ws.getRow(1).values = ['序号', '整改通知书/审计决定书文号', '被审计单位', '问题类别', '问题摘要', '具体描述', '涉及金额（万元）', '整改时限', '责任部门', '责任人'];
    ws.getRow(2).values = [1, doc, 'E001', '财务管理', '问题一', '描述一', '10', '2027-03-31', '财务部', '张三'];
    ws.getRow(3).values = [2, doc, 'E002', '财务管理', '问题二', '描述二', '10', '2027-03-31', '财务部', '李四'];
    const form = new FormData();
    for (const [k, v] of Object.entries({ source: 'routine_audit', documentType: 'decision', issuer: '市审计局', issueDate: '2026-10-15' })) form.append(k, v);
    form.append('file', new Blob([Buffer.from(await wb.xlsx.writeBuffer())]), '台账.xlsx');
    const res = await fetch(`${stack().urls.gateway}/api/issues/ledger/import`, { method: 'POST', headers: { authorization: `Bearer ${await login('e001-audit')}` }, body: form });
    const body = (await res.json()) as { errors?: { rowNumber: number; cell: string; message: string }[] };
    expect(res.status).toBe(422);
    expect(body.errors).toEqual([expect.objectContaining({ rowNumber: 3, cell: 'C3', message: expect.stringContaining('只能为本企业登记问题') })]);
    expect((await db().query('SELECT count(*) FROM issues.problems WHERE doc_number = $1', [doc])).rows[0].count).toBe('0');
  });
});
