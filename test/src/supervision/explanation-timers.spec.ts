import { afterAll, describe, expect, it } from '@jest/globals';
import { compressedPolicy } from '@rectify/domain';
import type { ExplanationView } from '@rectify/workflows';
import { api, closeDb, closeTemporal, db, eventually, login } from '../harness/index.js';
import { explanationEvents, noticesOf, seedExplanation } from './fixtures.js';

/**
 * One policy day per 5 wall seconds (slow enough that a loaded machine still reaches the first
 * reminder in time); 4 days to reply, so the reply date falls 15–20 s after the request; reminders
 * at the offsets 30, 2 and 1 days before (30 lies before the request, so only 2 and 1 fire).
 */
const DAY_WALL_MS = 5_000;
const policy = compressedPolicy(86_400_000 / DAY_WALL_MS, { explanationReplyDays: 4, reminderOffsetsDays: [30, 2, 1] });

afterAll(async () => {
  await closeDb();
  await closeTemporal();
});

describe('explanation workflow on the real Temporal server (compressed policy)', () => {
  it('tells the enterprise, reminds it before the reply date, marks it overdue, and ends on the late answer', async () => {
    const x = await seedExplanation(policy, 'E001');
    const first = await x.handle.query<ExplanationView>('explanationState');
    expect(first.status).toBe('requested');
    expect(first.upcomingReminders.map((r) => r.offsetDays)).toEqual([2, 1]);

    await eventually('overdue', async () => (await db().query('SELECT status FROM issues.explanations WHERE id = $1', [x.id])).rows[0]?.status === 'overdue', 60_000);
    const events = await explanationEvents(x.id);
    expect(events.map((e) => [e.kind, e.payload['offsetDays'] ?? null])).toEqual([['reminder', 2], ['reminder', 1], ['overdue', null]]);
    expect((await x.handle.query<ExplanationView>('explanationState')).status).toBe('overdue');

    const notices = await eventually('the overdue notice', async () => {
      const n = await noticesOf(x.workflowId);
      return n.some((m) => m.type === 'explanation_overdue') ? n : undefined;
    });
    expect(notices.map((n) => n.key.slice(x.workflowId.length + 1)).sort()).toEqual(['overdue', 'reminder:1', 'reminder:2', 'requested']);
    // The enterprise's internal audit and leadership get them; the overdue notice also reaches the Supervision Division.
    const inbox = async (type: string) =>
      (await db().query(
        `SELECT u.username FROM notifications.inbox_items i JOIN notifications.notices n ON n.id = i.notice_id
         JOIN identity.user_directory u ON u.id = i.user_id WHERE n.key LIKE $1 AND n.type = $2 ORDER BY u.username`,
        [`${x.workflowId}:%`, type],
      )).rows.map((r: { username: string }) => r.username);
    expect(await inbox('explanation_reminder')).toEqual(expect.arrayContaining(['e001-audit', 'e001-leader']));
    expect(await inbox('explanation_reminder')).not.toContain('e002-audit');
    expect(await inbox('explanation_overdue')).toEqual(expect.arrayContaining(['e001-audit', 'e001-leader', 'jiandu']));

    // Answered late through the API: the workflow ends, knowing the answer was late.
    const answered = await api('POST', `/api/issues/supervision/explanations/${x.id}/answer`, {
      token: await login('e001-audit'),
      body: { content: '已组织专题会议研究整改', causes: '涉及多个部门协调，审批周期较长' },
    });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ status: 'answered', answer: { late: true } });
    const result = (await x.handle.result()) as ExplanationView;
    expect(result).toMatchObject({ status: 'answered', answeredLate: true, remindersSent: [2, 1] });
    expect((await explanationEvents(x.id)).map((e) => e.kind)).toEqual(['reminder', 'reminder', 'overdue', 'answered']);
  });

  it('stops its timers when answered before the reply date: no reminder, no overdue', async () => {
    const x = await seedExplanation(policy, 'E002');
    await eventually('the request notice', async () => (await noticesOf(x.workflowId)).length === 1, 10_000);
    const res = await api('POST', `/api/issues/supervision/explanations/${x.id}/answer`, {
      token: await login('e002-business'),
      body: { content: '已按计划推进', causes: '前期资料收集耗时' },
    });
    expect(res.status).toBe(200);
    const result = (await x.handle.result()) as ExplanationView;
    expect(result).toMatchObject({ status: 'answered', answeredLate: false, remindersSent: [] });
    // Past the whole reply period: still nothing but the answer.
    await new Promise((r) => setTimeout(r, (policy.explanationReplyDays + 0.5) * DAY_WALL_MS));
    expect((await explanationEvents(x.id)).map((e) => e.kind)).toEqual(['answered']);
    expect((await noticesOf(x.workflowId)).map((n) => n.type)).toEqual(['explanation_requested']);
    // A second answer is refused and changes nothing.
    const again = await api('POST', `/api/issues/supervision/explanations/${x.id}/answer`, { token: await login('e002-audit'), body: { content: '再次提交', causes: '重复' } });
    expect(again.status).toBe(409);
    expect((await db().query('SELECT answer_content FROM issues.explanations WHERE id = $1', [x.id])).rows[0].answer_content).toBe('已按计划推进');
  });
});
