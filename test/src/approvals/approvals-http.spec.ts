import { afterAll, describe, expect, it } from '@jest/globals';
import { api, closeDb, closeTemporal, db, eventually, login, stack } from '../harness/index.js';
import { act, register, registration } from '../ledger/fixtures.js';
import { approvalEventsOf, docxText } from './fixtures.js';

afterAll(async () => {
  await closeDb();
  await closeTemporal();
});

const as = async (user: string) => ({ token: await login(user) });
const proposal = (originLedgerNo: string, extra: Record<string, unknown> = {}) => ({
  originLedgerNo,
  kind: 'asset_loss_investigation',
  title: '关于股权转让价格偏低问题的重大资产损失责任追究专项调查',
  clue: '入户督办中发现所属公司股权转让价格明显低于评估值，且未经集体决策',
  reasons: '可能造成重大国有资产损失，需单独立项调查',
  ...extra,
});

describe('separate project over HTTP (另行立项, 第十条)', () => {
  it('proposal → party-committee approval → a problem registered under it, linked to the original both ways', async () => {
    const origin = await register('e001-audit');
    const refusedForEnterprise = await api('POST', '/api/issues/separate-projects', { ...(await as('e001-audit')), body: proposal(origin.ledgerNo) });
    expect(refusedForEnterprise.status).toBe(403);
    const bad = await api('POST', '/api/issues/separate-projects', { ...(await as('dudao')), body: { ...proposal(origin.ledgerNo), kind: 'inspection', clue: '' } });
    expect(bad.status).toBe(400);
    expect((bad.body.fields as { field: string }[]).map((f) => f.field).sort()).toEqual(['clue', 'kind']);
    const missing = await api('POST', '/api/issues/separate-projects', { ...(await as('dudao')), body: proposal('E001-2026-99999') });
    expect([missing.status, missing.body.message]).toEqual([422, 'originLedgerNo：问题 E001-2026-99999 不存在']);

    const proposed = await api('POST', '/api/issues/separate-projects', { ...(await as('dudao')), body: proposal(origin.ledgerNo) });
    expect(proposed.status).toBe(201);
    expect(proposed.body).toMatchObject({ status: 'pending', kindLabel: '重大资产损失责任追究专项调查', enterpriseCode: 'E001', origin: { ledgerNo: origin.ledgerNo }, proposedByRole: 'supervision_group' });
    const id = proposed.body.id as string;

    // Enterprise users see neither the project nor its decision route; only 委党委 decides.
    for (const user of ['e001-audit', 'e001-leader', 'e002-audit']) {
      expect((await api('GET', `/api/issues/separate-projects/${id}`, await as(user))).status).toBe(403);
      expect((await api('GET', '/api/issues/separate-projects', await as(user))).status).toBe(403);
    }
    for (const user of ['jiandu', 'dudao', 'fenguan', 'e001-leader']) {
      const res = await api('POST', `/api/issues/separate-projects/${id}/decision`, { ...(await as(user)), body: { approve: true, documentNumber: '市国资党委〔2026〕50号' } });
      expect([user, res.status]).toEqual([user, 403]);
    }
    const noNumber = await api('POST', `/api/issues/separate-projects/${id}/decision`, { ...(await as('dangwei')), body: { approve: true } });
    expect(noNumber.status).toBe(400);
    expect(noNumber.body.fields).toEqual([expect.objectContaining({ field: 'documentNumber' })]);

    // Before approval nothing can be registered under it.
    const early = await api('POST', '/api/issues/problems', { ...(await as('jiandu')), body: registration({ source: 'supervision_project', separateProjectId: id }) });
    expect([early.status, early.body.message]).toEqual([422, 'separateProjectId：该立项事项待委党委审议，不能登记问题']);

    const waiting = await api('GET', `/api/issues/separate-projects/${id}/workflow`, await as('dangwei'));
    expect(waiting.body).toMatchObject({ status: 'pending', settled: false });

    const approved = await api('POST', `/api/issues/separate-projects/${id}/decision`, { ...(await as('dangwei')), body: { approve: true, documentNumber: '市国资党委〔2026〕50号' } });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', approvalNumber: '市国资党委〔2026〕50号', decidedBy: expect.any(String) });
    expect(approved.body.events.map((e: { kind: string }) => e.kind)).toEqual(['proposed', 'approved']);
    const again = await api('POST', `/api/issues/separate-projects/${id}/decision`, { ...(await as('dangwei')), body: { approve: false, reason: '再议' } });
    expect(again.status).toBe(409);

    // Registration under the project: only the Supervision Division, the right source and enterprise.
    const byEnterprise = await api('POST', '/api/issues/problems', { ...(await as('e001-audit')), body: registration({ source: 'supervision_project', separateProjectId: id }) });
    expect([byEnterprise.status, byEnterprise.body.message]).toEqual([422, `separateProjectId：立项事项 ${id} 不存在`]);
    const wrongSource = await api('POST', '/api/issues/problems', { ...(await as('jiandu')), body: registration({ separateProjectId: id }) });
    expect(wrongSource.status).toBe(422);
    expect(wrongSource.body.message).toMatch(/^source：/);
    const wrongEnterprise = await api('POST', '/api/issues/problems', { ...(await as('jiandu')), body: registration({ enterpriseCode: 'E002', source: 'supervision_project', separateProjectId: id }) });
    expect([wrongEnterprise.status, wrongEnterprise.body.message]).toEqual([422, 'enterpriseCode：该立项针对企业 E001']);

    const found = await api('POST', '/api/issues/problems', {
      ...(await as('jiandu')),
      body: registration({ source: 'supervision_project', separateProjectId: id, title: '股权转让未经评估备案', document: { type: 'investigation_report', number: `调查报告〔2026〕${id.slice(0, 6)}号`, issuer: '市国资委', issueDate: '2026-11-20' } }),
    });
    expect(found.status).toBe(201);
    const child = found.body.problem.ledgerNo as string;

    const childDetail = await api('GET', `/api/issues/problems/${child}`, await as('jiandu'));
    expect(childDetail.body.origin).toMatchObject({ ledgerNo: origin.ledgerNo });
    expect(childDetail.body.separateProject).toMatchObject({ id, status: 'approved', approvalNumber: '市国资党委〔2026〕50号' });
    const originDetail = await api('GET', `/api/issues/problems/${origin.ledgerNo}`, await as('jiandu'));
    expect(originDetail.body.derivedProblems).toEqual([expect.objectContaining({ ledgerNo: child, separateProjectId: id })]);
    expect(originDetail.body.separateProjects).toEqual([expect.objectContaining({ id, status: 'approved' })]);
    // The enterprise sees the link between its problems, not the project.
    const enterpriseView = await api('GET', `/api/issues/problems/${origin.ledgerNo}`, await as('e001-audit'));
    expect(enterpriseView.body.derivedProblems.map((d: { ledgerNo: string }) => d.ledgerNo)).toEqual([child]);
    expect(enterpriseView.body.derivedProblems[0].separateProjectId).toBeUndefined();
    expect(enterpriseView.body).not.toHaveProperty('separateProjects');
    expect(enterpriseView.body).not.toHaveProperty('upwardReports');
    expect((await api('GET', `/api/issues/problems/${child}`, await as('e001-audit'))).body.separateProject).toBeNull();
    const listed = await api('GET', `/api/issues/separate-projects/${id}`, await as('fenguan'));
    expect(listed.body.problems.map((p: { ledgerNo: string }) => p.ledgerNo)).toEqual([child]);
  });

  it('a rejected proposal creates nothing, and an origin of another enterprise is refused without a project', async () => {
    const origin = await register('e002-audit', { enterpriseCode: 'E002' });
    const proposed = await api('POST', '/api/issues/separate-projects', { ...(await as('jiandu')), body: proposal(origin.ledgerNo, { kind: 'audit' }) });
    const id = proposed.body.id as string;
    const noReason = await api('POST', `/api/issues/separate-projects/${id}/decision`, { ...(await as('dangwei')), body: { approve: false } });
    expect(noReason.status).toBe(400);
    expect(noReason.body.fields).toEqual([expect.objectContaining({ field: 'reason' })]);
    const rejected = await api('POST', `/api/issues/separate-projects/${id}/decision`, { ...(await as('dangwei')), body: { approve: false, reason: '线索不足，由督导组继续督办' } });
    expect(rejected.body).toMatchObject({ status: 'rejected', decisionReason: '线索不足，由督导组继续督办', approvalNumber: null, problems: [] });
    const under = await api('POST', '/api/issues/problems', { ...(await as('jiandu')), body: registration({ enterpriseCode: 'E002', source: 'supervision_project', separateProjectId: id }) });
    expect([under.status, under.body.message]).toEqual([422, 'separateProjectId：该立项事项委党委未予通过，不能登记问题']);
    expect((await db().query('SELECT count(*)::int AS n FROM issues.problems WHERE separate_project_id = $1', [id])).rows[0]).toEqual({ n: 0 });

    const crossEnterprise = await api('POST', '/api/issues/problems', { ...(await as('jiandu')), body: registration({ enterpriseCode: 'E001', originLedgerNo: origin.ledgerNo }) });
    expect(crossEnterprise.status).toBe(422);
    const invisible = await api('POST', '/api/issues/problems', { ...(await as('e001-audit')), body: registration({ originLedgerNo: origin.ledgerNo }) });
    expect([invisible.status, invisible.body.message]).toEqual([422, `originLedgerNo：问题 ${origin.ledgerNo} 不存在`]);
    const sameEnterprise = await api('POST', '/api/issues/problems', { ...(await as('e002-audit')), body: registration({ enterpriseCode: 'E002', originLedgerNo: origin.ledgerNo }) });
    expect(sameEnterprise.status).toBe(201);
    expect((await api('GET', `/api/issues/problems/${sameEnterprise.body.problem.ledgerNo}`, await as('e002-audit'))).body.origin).toMatchObject({ ledgerNo: origin.ledgerNo });
  });
});

describe('upward report over HTTP (上报, 第十三条)', () => {
  it('the enterprise refuses the opinion → the party committee approves → the docx is produced and its dispatch recorded', async () => {
    const p = await register('e001-audit', { tags: ['major_asset_loss_risk'], title: '违规对外担保形成重大损失风险', amount: '80000000.00' });
    expect((await act('e001-audit', p.ledgerNo, 'opinion-rejection', { opinion: '整改意见', reason: '不同意' })).status).toBe(403);
    const bad = await act('e001-leader', p.ledgerNo, 'opinion-rejection', { opinion: '监督处复核意见' });
    expect(bad.status).toBe(400);
    expect(await act('e002-leader', p.ledgerNo, 'opinion-rejection', { opinion: '监督处复核意见', reason: '不同意' })).toMatchObject({ status: 404 });
    const refused = await act('e001-leader', p.ledgerNo, 'opinion-rejection', { opinion: '监督处关于解除违规担保的整改意见', reason: '担保系历史遗留，企业认为无需解除' });
    expect(refused.status).toBe(200);
    expect(refused.body.state).toMatchObject({ opinionRejected: true });
    expect((await act('e001-leader', p.ledgerNo, 'opinion-rejection', { opinion: '再次', reason: '再次' })).status).toBe(409);

    const report = await eventually('the upward-report proposal', async () => {
      const res = await api('GET', `/api/issues/upward-reports?ledgerNo=${p.ledgerNo}`, await as('jiandu'));
      return res.body.length === 1 ? (res.body[0] as { id: string; status: string; ground: string }) : undefined;
    });
    expect(report).toMatchObject({ status: 'pending', ground: 'opinion_rejected' });
    for (const user of ['e001-audit', 'e001-leader']) {
      expect((await api('GET', `/api/issues/upward-reports/${report.id}`, await as(user))).status).toBe(403);
      expect((await api('GET', `/api/issues/upward-reports/${report.id}/report.docx`, await as(user))).status).toBe(403);
    }
    expect((await api('GET', `/api/issues/upward-reports/${report.id}/report.docx`, await as('jiandu'))).status).toBe(404);
    for (const user of ['jiandu', 'fenguan', 'jijian', 'e001-leader']) {
      const res = await api('POST', `/api/issues/upward-reports/${report.id}/decision`, { ...(await as(user)), body: { approve: true, documentNumber: '市国资党委〔2026〕60号' } });
      expect([user, res.status]).toEqual([user, 403]);
    }
    const problemView = await api('GET', `/api/issues/problems/${p.ledgerNo}`, await as('dangwei'));
    expect(problemView.body.upwardReports).toEqual([expect.objectContaining({ id: report.id, status: 'pending', groundLabel: '企业不采纳市国资委监管意见' })]);
    expect((await api('GET', `/api/issues/problems/${p.ledgerNo}`, await as('e001-leader'))).body).not.toHaveProperty('upwardReports');

    const decided = await api('POST', `/api/issues/upward-reports/${report.id}/decision`, { ...(await as('dangwei')), body: { approve: true, documentNumber: '市国资党委〔2026〕60号' } });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ status: 'approved', documentNumber: '市国资党委〔2026〕60号', report: { title: expect.stringContaining('拒不整改') } });
    expect(decided.body.dispatches.map((d: { recipient: string; documentNumber: string; dispatchedByRole: string }) => [d.recipient, d.documentNumber, d.dispatchedByRole])).toEqual([
      ['市委、市政府', '市国资党委〔2026〕60号', 'party_committee'],
      ['市纪委监委', '市国资党委〔2026〕60号', 'party_committee'],
      ['市委组织部', '市国资党委〔2026〕60号', 'party_committee'],
    ]);
    expect(decided.body.events.map((e: { kind: string }) => e.kind)).toEqual(['proposed', 'approved', 'produced', 'dispatched']);

    const res = await fetch(`${stack().urls.gateway}/api/issues/upward-reports/${report.id}/report.docx`, { headers: { authorization: `Bearer ${await login('fenguan')}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('wordprocessingml');
    const text = await docxText(new Uint8Array(await res.arrayBuffer()));
    for (const expected of ['市国资党委〔2026〕60号', '市委、市政府，市纪委监委，市委组织部：', '市城市建设投资集团有限公司', p.ledgerNo, '违规对外担保形成重大损失风险', '80,000,000.00元', '企业不采纳市国资委监管意见',
      '监督处关于解除违规担保的整改意见', '担保系历史遗留，企业认为无需解除', '调整市城市建设投资集团有限公司主要负责人', '责令纠正违法违规事项', '追究相关领导人员责任', '中共市国资委委员会']) {
      expect(text).toContain(expected);
    }
    const decidedNotice = await eventually('the decision notice', async () => {
      const rows = (await db().query(`SELECT type, recipients FROM notifications.notices WHERE key = $1`, [`upward-report-${p.ledgerNo}:upward_report_decided:0`])).rows;
      return rows[0] as { type: string; recipients: number } | undefined;
    });
    expect(decidedNotice.recipients).toBeGreaterThan(0);
    expect((await approvalEventsOf(report.id)).filter((e) => e.kind === 'approved')).toEqual([expect.objectContaining({ actor_role: 'party_committee' })]);
  });

  it('a rejected upward report produces and sends nothing', async () => {
    const p = await register('e002-audit', { enterpriseCode: 'E002', tags: ['major_asset_loss_risk'] });
    expect((await act('e002-leader', p.ledgerNo, 'opinion-rejection', { opinion: '整改意见', reason: '不同意' })).status).toBe(200);
    const report = await eventually('the proposal', async () => {
      const res = await api('GET', `/api/issues/upward-reports?ledgerNo=${p.ledgerNo}`, await as('dangwei'));
      return res.body[0] as { id: string } | undefined;
    });
    const rejected = await api('POST', `/api/issues/upward-reports/${report.id}/decision`, { ...(await as('dangwei')), body: { approve: false, reason: '由监督处继续督促整改' } });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', decisionReason: '由监督处继续督促整改', report: null, dispatches: [] });
    expect((await api('GET', `/api/issues/upward-reports/${report.id}/report.docx`, await as('dangwei'))).status).toBe(404);
    expect((await db().query('SELECT count(*)::int AS n FROM issues.upward_reports WHERE proposal_id = $1', [report.id])).rows[0]).toEqual({ n: 0 });

    // An untagged problem's refusal proposes nothing.
    const plain = await register('e002-audit', { enterpriseCode: 'E002' });
    expect((await act('e002-leader', plain.ledgerNo, 'opinion-rejection', { opinion: '整改意见', reason: '不同意' })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1_000));
    expect((await api('GET', `/api/issues/upward-reports?ledgerNo=${plain.ledgerNo}`, await as('dangwei'))).body).toEqual([]);
  });
});
