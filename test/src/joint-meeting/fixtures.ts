import { randomUUID } from 'node:crypto';
import { PUSH_WORKFLOW, pushWorkflowId, TASK_QUEUES } from '@rectify/contracts';
import type { Policy } from '@rectify/domain';
import { pushSearchAttributes, type PushWorkflowInput } from '@rectify/workflows';
import { api, db, login, temporal } from '../harness/index.js';

export const OFFICE = 'lianxi';
/** The demo member units with an officer (联络人) and a division leader (分管领导) each. */
export const UNITS = {
  reform: { code: 'U-REFORM', officer: 'gaige', leader: 'gaige-lingdao' },
  property: { code: 'U-PROPERTY', officer: 'chanquan', leader: 'chanquan-lingdao' },
  discipline: { code: 'U-DISCIPLINE', officer: 'jijian-lianluo', leader: 'jijian-lingdao' },
} as const;
export type UnitKey = keyof typeof UNITS;

export interface SeededPush {
  id: string;
  pushNo: string;
  workflowId: string;
  input: PushWorkflowInput;
}

/**
 * Records a push as the service does (row + targets) and starts its workflow under `policy`: the way
 * the workflow tests run a compressed policy against the real server, worker and activities.
 */
export async function seedPush(options: { policy: Policy; replyBy: string; units: string[]; subject?: string }): Promise<SeededPush> {
  const pushNo = `JM-9${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}-${String(Math.floor(Math.random() * 900000) + 100000)}`;
  const id = randomUUID();
  const client = await db().connect();
  let createdAt: Date;
  try {
    await client.query('BEGIN');
    const rows = await client.query(
      `INSERT INTO joint_meeting.pushes (id, push_no, subject, content, reply_by, created_by, created_by_name, policy, workflow_started)
       VALUES ($1, $2, $3, '工作流测试推送内容', $4, '00000000-0000-0000-0000-000000000000', '测试', $5, true) RETURNING created_at`,
      [id, pushNo, options.subject ?? `工作流测试推送 ${pushNo}`, options.replyBy, JSON.stringify(options.policy)],
    );
    createdAt = (rows.rows[0] as { created_at: Date }).created_at;
    await client.query(`INSERT INTO joint_meeting.push_targets (push_id, unit_code) SELECT $1, u FROM unnest($2::text[]) AS u`, [id, options.units]);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
  const input: PushWorkflowInput = { pushId: id, pushNo, replyBy: options.replyBy, units: options.units, policy: options.policy, pushedAtMs: new Date(createdAt).getTime() };
  const workflowId = pushWorkflowId(pushNo);
  await (await temporal()).workflow.start(PUSH_WORKFLOW, { taskQueue: TASK_QUEUES.workflows, workflowId, args: [input], typedSearchAttributes: pushSearchAttributes(options.replyBy, options.policy) });
  return { id, pushNo, workflowId, input };
}

const path = (pushNo: string, step = '') => `/api/joint-meeting/pushes/${pushNo}/response${step ? `/${step}` : ''}`;

/** One step of a unit's response over HTTP, as the unit's own officer or leader. */
export async function draft(who: string, pushNo: string, opinion: string, resolution = '已协调解决', attachmentIds?: string[]) {
  return api('PUT', path(pushNo), { token: await login(who), body: { opinion, resolution, ...(attachmentIds ? { attachmentIds } : {}) } });
}
export async function submit(who: string, pushNo: string) {
  return api('POST', path(pushNo, 'submit'), { token: await login(who) });
}
export async function approve(who: string, pushNo: string, comment?: string) {
  return api('POST', path(pushNo, 'approve'), { token: await login(who), body: comment ? { comment } : {} });
}
export async function returnResponse(who: string, pushNo: string, comment: string) {
  return api('POST', path(pushNo, 'return'), { token: await login(who), body: { comment } });
}

/** Drafts, submits and approves a unit's response; fails on any refused step. */
export async function answer(unit: UnitKey, pushNo: string, opinion: string) {
  const u = UNITS[unit];
  for (const res of [await draft(u.officer, pushNo, opinion), await submit(u.officer, pushNo), await approve(u.leader, pushNo)]) {
    if (res.status !== 200) throw new Error(`answer of ${unit} refused: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

export async function pushEvents(pushId: string): Promise<{ kind: string; unit_code: string | null; payload: Record<string, unknown>; at: Date }[]> {
  return (await db().query('SELECT kind, unit_code, payload, at FROM joint_meeting.events WHERE subject_kind = $1 AND subject_id = $2 ORDER BY id', ['push', pushId])).rows;
}

/** The notices the push workflow sent: type, unit (from the key) and recipients' usernames. */
export async function pushNotices(workflowId: string): Promise<{ type: string; key: string; recipients: string[] }[]> {
  const rows = await db().query(
    `SELECT n.key, n.type, COALESCE(array_agg(u.username ORDER BY u.username) FILTER (WHERE u.username IS NOT NULL), '{}') AS recipients
     FROM notifications.notices n LEFT JOIN notifications.inbox_items i ON i.notice_id = n.id LEFT JOIN identity.user_directory u ON u.id = i.user_id
     WHERE n.key LIKE $1 GROUP BY n.id ORDER BY n.id`,
    [`${workflowId}:%`],
  );
  return (rows.rows as { type: string; key: string; recipients: string[] }[]).map((r) => ({ ...r, recipients: [...r.recipients].sort() }));
}
