import { afterAll, describe, expect, it } from '@jest/globals';
import { addDays, compressedPolicy, localDateOf } from '@rectify/domain';
import { closeDb, closeTemporal, db, eventually, login, temporal } from '../harness/index.js';
import { answer, approve, draft, pushEvents, pushNotices, returnResponse, seedPush, submit, UNITS } from './fixtures.js';

/**
 * One policy day per 12 wall seconds; reminders 2 and 1 days before the reply date, five days out.
 * The units that answer must finish before the first reminder: 36 s leaves room for a loaded
 * machine (eight requests, several of them workflow updates; 12 s did not, once).
 */
const policy = compressedPolicy(7_200, { reminderOffsetsDays: [2, 1] });
const today = () => localDateOf(Date.now(), policy);

afterAll(async () => {
  await closeDb();
  await closeTemporal();
});

const target = async (pushId: string, unit: string) =>
  (await db().query('SELECT status, overdue, version, returns, reminders, answered_at, overdue_at FROM joint_meeting.push_targets WHERE push_id = $1 AND unit_code = $2', [pushId, unit])).rows[0] as {
    status: string; overdue: boolean; version: number; returns: number; reminders: number; answered_at: Date | null; overdue_at: Date | null;
  };
const pushStatus = async (pushId: string) => ((await db().query('SELECT status FROM joint_meeting.pushes WHERE id = $1', [pushId])).rows[0] as { status: string }).status;

describe('push workflow on the real Temporal server (compressed policy)', () => {
  it('reminds and escalates only the unit that never answers, and closes when every unit has answered', async () => {
    // Signed in before the clock starts: a login's password hash takes seconds on a busy machine.
    for (const u of [UNITS.reform, UNITS.property, UNITS.discipline]) {
      await login(u.officer);
      await login(u.leader);
    }
    // The reply date falls due 60–72 wall seconds from now; the first reminder 36–48 seconds from now.
    const push = await seedPush({ policy, replyBy: addDays(today(), 5), units: [UNITS.reform.code, UNITS.property.code, UNITS.discipline.code] });

    // 企业改革处 answers at once.
    await answer('reform', push.pushNo, '同意协助，已协调相关企业');
    expect(await target(push.id, UNITS.reform.code)).toMatchObject({ status: 'answered', version: 1 });

    // 产权管理处 drafts and submits; its leader returns it with a comment; it is drafting again.
    expect((await draft(UNITS.property.officer, push.pushNo, '初稿意见')).status).toBe(200);
    expect((await submit(UNITS.property.officer, push.pushNo)).status).toBe(200);
    // While the leader has not decided, the draft cannot be changed, and the officer cannot approve.
    expect((await draft(UNITS.property.officer, push.pushNo, '改一下')).status).toBe(409);
    expect((await approve(UNITS.property.officer, push.pushNo)).status).toBe(403);
    const returned = await returnResponse(UNITS.property.leader, push.pushNo, '请补充产权登记办理时限');
    expect(returned.status).toBe(200);
    expect(returned.body.unit).toMatchObject({ status: 'drafting', versionStatus: 'returned' });
    expect(await target(push.id, UNITS.property.code)).toMatchObject({ status: 'drafting', returns: 1 });
    // The leader cannot approve what was returned.
    expect((await approve(UNITS.property.leader, push.pushNo)).status).toBe(409);
    // It answers later, in a second version.
    await answer('property', push.pushNo, '已补充：12月底前完成产权登记');
    expect(await target(push.id, UNITS.property.code)).toMatchObject({ status: 'answered', version: 2, returns: 1 });

    // 驻委纪检组 never answers: it is reminded, then overdue and escalated to the office director.
    await eventually('the overdue unit', async () => (await target(push.id, UNITS.discipline.code)).overdue, 120_000);
    await eventually('the escalation notices', async () => (await pushNotices(push.workflowId)).some((n) => n.type === 'push_escalated'), 10_000);
    const events = await pushEvents(push.id);
    const reminders = events.filter((e) => e.kind === 'reminder');
    expect(reminders.map((e) => [e.unit_code, e.payload['offsetDays']])).toEqual([[UNITS.discipline.code, 2], [UNITS.discipline.code, 1]]);
    expect(events.filter((e) => e.kind === 'overdue').map((e) => e.unit_code)).toEqual([UNITS.discipline.code]);
    expect(await target(push.id, UNITS.reform.code)).toMatchObject({ status: 'answered', overdue: false, reminders: 0 });
    expect(await target(push.id, UNITS.property.code)).toMatchObject({ status: 'answered', overdue: false, reminders: 0 });
    expect(await target(push.id, UNITS.discipline.code)).toMatchObject({ status: 'pending', overdue: true, reminders: 2 });

    const notices = await pushNotices(push.workflowId);
    const of = (type: string) => notices.filter((n) => n.type === type);
    expect(of('push_received').map((n) => n.key.split(':').pop()).sort()).toEqual([UNITS.discipline.code, UNITS.property.code, UNITS.reform.code].sort());
    expect(of('push_reminder').map((n) => n.recipients)).toEqual([[UNITS.discipline.officer, UNITS.discipline.leader].sort(), [UNITS.discipline.officer, UNITS.discipline.leader].sort()]);
    expect(of('push_overdue').map((n) => n.recipients)).toEqual([[UNITS.discipline.officer, UNITS.discipline.leader].sort()]);
    expect(of('push_escalated')).toHaveLength(1);
    expect(of('push_escalated')[0]!.recipients).toEqual(expect.arrayContaining(['fenguan', 'lianxi']));
    expect(of('push_escalated')[0]!.recipients).not.toContain(UNITS.discipline.officer);
    expect(of('response_returned').map((n) => n.recipients)).toEqual([[UNITS.property.officer]]);
    expect(of('response_submitted').map((n) => n.recipients)).toEqual([[UNITS.reform.leader], [UNITS.property.leader], [UNITS.property.leader]]);

    // Two of three answered: the push is still open and its workflow still running.
    expect(await pushStatus(push.id)).toBe('open');
    const handle = (await temporal()).workflow.getHandle(push.workflowId);
    expect((await handle.describe()).status.name).toBe('RUNNING');

    // The late unit answers: the push closes, and no step is accepted any more.
    await answer('discipline', push.pushNo, '已核实，无需移送');
    await eventually('the push to close', async () => (await pushStatus(push.id)) === 'closed', 10_000);
    await handle.result();
    expect((await handle.describe()).status.name).toBe('COMPLETED');
    expect(await target(push.id, UNITS.discipline.code)).toMatchObject({ status: 'answered', overdue: true });
    expect((await draft(UNITS.reform.officer, push.pushNo, '再改')).status).toBe(409);
    expect((await pushEvents(push.id)).map((e) => e.kind).at(-1)).toBe('closed');
  }, 240_000);
});
