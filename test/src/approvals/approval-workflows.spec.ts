import { afterAll, describe, expect, it } from '@jest/globals';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { SEPARATE_PROJECT_WORKFLOW, TASK_QUEUES, UPWARD_REPORT_WORKFLOW, upwardReportWorkflowId, type ApprovalDecision } from '@rectify/contracts';
import { addDays, compressedPolicy, localDateOf } from '@rectify/domain';
import {
  decideSeparateProjectUpdate,
  decideUpwardReportUpdate,
  separateProjectStateQuery,
  upwardReportStateQuery,
  type SeparateProjectWorkflowInput,
  type UpwardReportWorkflowInput,
} from '@rectify/workflows';
import { actOn, closeDb, closeTemporal, db, driveToDetermination, eventually, seedProblem, temporal } from '../harness/index.js';
import { approvalEventsOf, docxText, noticesWithKeyPrefix, seedSeparateProject, seedTaggedProblem } from './fixtures.js';

/** One policy day per wall second, and the party committee reminded every 2 policy days (2 s). */
const policy = compressedPolicy(86_400, { approvalReminderDays: 2 });
const today = () => localDateOf(Date.now(), policy);
const dates = () => ({ issueDate: addDays(today(), -1), deadline: addDays(today(), 100), hardLimit: addDays(today(), 150) });

const committee: ApprovalDecision['actor'] = { id: 'dw', name: '委党委', role: 'party_committee' };
const officer: ApprovalDecision['actor'] = { id: 'jd', name: '监督处', role: 'supervision_officer' };

afterAll(async () => {
  await closeDb();
  await closeTemporal();
});

/** The message of an update the validator refused. */
async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) return String((err.cause as { message?: string } | undefined)?.message);
    throw err;
  }
  throw new Error('the update was accepted');
}

describe('separate-project approval gate (real Temporal server, compressed policy)', () => {
  it('waits for the party committee, reminds it every approvalReminderDays, refuses illegal decisions and records the approval', async () => {
    const origin = await seedProblem({ policy, ...dates() });
    const project = await seedSeparateProject(origin.id, origin.input.enterpriseCode);
    const input: SeparateProjectWorkflowInput = { projectId: project.id, originProblemId: origin.id, kind: 'verification', policy, proposedAtMs: Date.now() };
    const handle = await (await temporal()).workflow.start(SEPARATE_PROJECT_WORKFLOW, { taskQueue: TASK_QUEUES.workflows, workflowId: project.workflowId, args: [input] });

    // It waits, and reminds: two reminders in about four seconds, nothing decided.
    await eventually('two reminders', async () => (await approvalEventsOf(project.id)).filter((e) => e.kind === 'reminder').length >= 2, 15_000);
    const waiting = await handle.query(separateProjectStateQuery);
    expect(waiting).toMatchObject({ status: 'pending', settled: false });
    expect(waiting.remindersSent).toBeGreaterThanOrEqual(2);
    const row = (await db().query('SELECT status FROM issues.separate_projects WHERE id = $1', [project.id])).rows[0];
    expect(row).toEqual({ status: 'pending' });
    const notices = await eventually('request and reminder notices', async () => {
      const n = await noticesWithKeyPrefix(`${project.workflowId}:`);
      return n.some((x) => x.type === 'approval_reminder') ? n : undefined;
    });
    expect(notices[0]).toMatchObject({ key: `${project.workflowId}:approval_reminder:1`, type: 'approval_reminder' });
    expect(notices.find((n) => n.type === 'approval_requested')?.recipients).toBeGreaterThan(0); // the demo 党委 user

    // Illegal decisions are refused by the validator, before they touch history.
    expect(await refusal(handle.executeUpdate(decideSeparateProjectUpdate, { args: [{ approve: true, actor: officer, reason: null, documentNumber: '文号' }] }))).toBe('只有委党委可以作出审议决定');
    expect(await refusal(handle.executeUpdate(decideSeparateProjectUpdate, { args: [{ approve: true, actor: committee, reason: null, documentNumber: null }] }))).toBe('documentNumber：审议通过时须填写文号');
    expect(await refusal(handle.executeUpdate(decideSeparateProjectUpdate, { args: [{ approve: false, actor: committee, reason: ' ', documentNumber: null }] }))).toBe('reason：未予通过时须说明理由');

    const decided = await handle.executeUpdate(decideSeparateProjectUpdate, { args: [{ approve: true, actor: committee, reason: null, documentNumber: '市国资党委〔2026〕31号' }] });
    // Answered as soon as the workflow takes it, with the record the issues service writes first
    // (no service here: the workflow's own activity writes it, and the workflow ends after that).
    expect(decided).toMatchObject({ status: 'approved', nextReminderAtMs: null, record: { projectId: project.id, decision: { approve: true } } });
    expect(await refusal(handle.executeUpdate(decideSeparateProjectUpdate, { args: [{ approve: false, actor: committee, reason: '重复', documentNumber: null }] }))).toBe('该事项委党委已作出审议决定，不能重复审议');
    expect(await handle.result()).toMatchObject({ status: 'approved', settled: true });
    const after = (await db().query('SELECT status, approval_number, decided_by_name FROM issues.separate_projects WHERE id = $1', [project.id])).rows[0];
    expect(after).toEqual({ status: 'approved', approval_number: '市国资党委〔2026〕31号', decided_by_name: '委党委' });
    const kinds = (await approvalEventsOf(project.id)).map((e) => e.kind);
    expect(kinds[kinds.length - 1]).toBe('approved');
    const remindersAtEnd = kinds.filter((k) => k === 'reminder').length;
    await new Promise((r) => setTimeout(r, 2_500)); // no reminder after the decision
    expect((await approvalEventsOf(project.id)).filter((e) => e.kind === 'reminder')).toHaveLength(remindersAtEnd);
    await eventually('decision notice', async () => (await noticesWithKeyPrefix(`${project.workflowId}:separate_project_decided`)).length === 1, 10_000);
  });
});

describe('upward-report approval gate (real Temporal server, compressed policy)', () => {
  it('a rejection is recorded with its reason and nothing is produced or dispatched', async () => {
    const problem = await seedProblem({ policy, ...dates() });
    const input: UpwardReportWorkflowInput = { problemId: problem.id, ledgerNo: problem.ledgerNo, ground: 'opinion_rejected', problemEventSeq: 0, policy, proposedAtMs: Date.now() };
    const handle = await (await temporal()).workflow.start(UPWARD_REPORT_WORKFLOW, { taskQueue: TASK_QUEUES.workflows, workflowId: upwardReportWorkflowId(problem.ledgerNo), args: [input] });
    const proposalId = await eventually('the proposal', async () => (await handle.query(upwardReportStateQuery)).proposalId ?? undefined, 10_000);
    await eventually('a reminder', async () => (await approvalEventsOf(proposalId)).some((e) => e.kind === 'reminder'), 10_000);

    const view = await handle.executeUpdate(decideUpwardReportUpdate, { args: [{ approve: false, actor: committee, reason: '企业已承诺限期整改，暂不上报', documentNumber: null }] });
    expect(view).toMatchObject({ status: 'rejected', reportId: null, dispatchedTo: [], settled: true });
    await handle.result();
    const proposal = (await db().query('SELECT status, decision_reason, document_number FROM issues.upward_report_proposals WHERE id = $1', [proposalId])).rows[0];
    expect(proposal).toEqual({ status: 'rejected', decision_reason: '企业已承诺限期整改，暂不上报', document_number: null });
    expect((await db().query('SELECT count(*)::int AS n FROM issues.upward_reports WHERE proposal_id = $1', [proposalId])).rows[0]).toEqual({ n: 0 });
    expect((await db().query('SELECT count(*)::int AS n FROM issues.upward_report_dispatches d JOIN issues.upward_reports r ON r.id = d.report_id WHERE r.proposal_id = $1', [proposalId])).rows[0]).toEqual({ n: 0 });
    const events = await approvalEventsOf(proposalId);
    expect(events.map((e) => e.kind).filter((k) => k !== 'reminder')).toEqual(['proposed', 'rejected']);
    expect(events.find((e) => e.kind === 'rejected')).toMatchObject({ actor_role: 'party_committee', reason: '企业已承诺限期整改，暂不上报' });
  });

  it('the problem workflow starts the child on a confirmed N2 of a tagged problem; approval produces the report and records its dispatch', async () => {
    const problem = await seedTaggedProblem({ policy, ...dates() });
    const plain = await seedProblem({ policy, ...dates() });
    await driveToDetermination(plain, 'N2', 'not_rectified');
    await driveToDetermination(problem, 'N2', 'not_rectified');
    const client = await temporal();
    const child = client.workflow.getHandle(upwardReportWorkflowId(problem.ledgerNo));
    const proposalId = await eventually('the upward-report child', async () => (await child.query(upwardReportStateQuery)).proposalId ?? undefined, 15_000);
    const described = await child.describe();
    expect(described.parentExecution?.workflowId).toBe(problem.workflowId);
    // An untagged problem proposes nothing.
    await expect(client.workflow.getHandle(upwardReportWorkflowId(plain.ledgerNo)).describe()).rejects.toThrow();

    // Waiting: no report, reminders to the party committee.
    await eventually('a reminder', async () => (await approvalEventsOf(proposalId)).some((e) => e.kind === 'reminder'), 10_000);
    expect((await db().query('SELECT count(*)::int AS n FROM issues.upward_reports WHERE proposal_id = $1', [proposalId])).rows[0]).toEqual({ n: 0 });
    const proposal = (await db().query('SELECT ground, status, problem_id FROM issues.upward_report_proposals WHERE id = $1', [proposalId])).rows[0];
    expect(proposal).toEqual({ ground: 'N2', status: 'pending', problem_id: problem.id });

    // A refusal of the opinion later on does not propose a second report.
    await actOn(problem, 'leader', 'rejectOpinion', {}, { opinion: '整改意见', reason: '不认可' });

    const view = await child.executeUpdate(decideUpwardReportUpdate, { args: [{ approve: true, actor: committee, reason: null, documentNumber: '市国资党委〔2026〕40号' }] });
    expect(view).toMatchObject({ status: 'approved', settled: true, dispatchedTo: ['市委、市政府', '市纪委监委', '市委组织部'] });
    const report = (await db().query('SELECT id, document_number, title, docx FROM issues.upward_reports WHERE proposal_id = $1', [proposalId])).rows[0] as { id: string; document_number: string; title: string; docx: Buffer };
    expect(report.document_number).toBe('市国资党委〔2026〕40号');
    const dispatches = (await db().query('SELECT recipient, document_number, dispatched_by_role FROM issues.upward_report_dispatches WHERE report_id = $1 ORDER BY id', [report.id])).rows;
    expect(dispatches).toEqual(['市委、市政府', '市纪委监委', '市委组织部'].map((recipient) => ({ recipient, document_number: '市国资党委〔2026〕40号', dispatched_by_role: 'party_committee' })));
    const text = await docxText(report.docx);
    for (const expected of ['市国资党委〔2026〕40号', '市委、市政府，市纪委监委，市委组织部：', problem.ledgerNo, '国有股权低价转让', '52,000,000.00元', '未采取整改措施', '调整', '主要负责人', '责令', '纠正违法违规事项', '追究相关领导人员责任', '特此报告。']) {
      expect(text).toContain(expected);
    }
    expect(report.title).toContain('拒不整改');
    await child.result();
    expect((await db().query('SELECT count(*)::int AS n FROM issues.upward_report_proposals WHERE problem_id = $1', [problem.id])).rows[0]).toEqual({ n: 1 });
  });
});
