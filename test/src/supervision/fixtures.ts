import { randomUUID } from 'node:crypto';
import JSZip from 'jszip';
import { EXPLANATION_WORKFLOW, explanationWorkflowId, TASK_QUEUES } from '@rectify/contracts';
import { addDays, localDateOf, registeredState, type Policy } from '@rectify/domain';
import { eventHash, GENESIS_HASH, type TrailEvent } from '@rectify/activities';
import type { ExplanationWorkflowInput } from '@rectify/workflows';
import { api, db, login, stack, temporal } from '../harness/index.js';

/** The five topics of a visit, each with a finding. */
export const TOPICS = {
  organisation: '企业成立整改工作领导小组，主要负责人任组长',
  plan: '整改方案已经党委会、董事会审议通过',
  decisions: '重大决策事项履行集体决策程序',
  progress: '整改进展与方案时间表基本一致',
  results: '已追回违规发放资金，制度已修订',
};

export function visitBody(enterpriseCode: string, ledgerNos: string[], overrides: Record<string, unknown> = {}) {
  return { enterpriseCode, visitDate: localDateOf(Date.now(), { utcOffsetMinutes: 480 }), team: ['张督导', '李督导'], ledgerNos, topics: TOPICS, findings: `督办发现：整改台账更新不及时〔${randomUUID().slice(0, 8)}〕`, ...overrides };
}

export async function recordVisit(enterpriseCode: string, ledgerNos: string[], overrides: Record<string, unknown> = {}) {
  const res = await api('POST', '/api/issues/supervision/records', { token: await login('dudao'), body: visitBody(enterpriseCode, ledgerNos, overrides) });
  if (res.status !== 201) throw new Error(`visit failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; findings: string; confidential: boolean };
}

/**
 * Puts an explanation request in the database as the service does and starts its workflow under
 * `policy` — the way workflow tests run a compressed policy against the real server and activities.
 */
export async function seedExplanation(policy: Policy, enterpriseCode = 'E001') {
  const id = randomUUID();
  const requestedAtMs = Date.now();
  const replyBy = addDays(localDateOf(requestedAtMs, policy), policy.explanationReplyDays);
  const topic = `整改进度滞后（测试 ${id.slice(0, 8)}）`;
  await db().query(
    `INSERT INTO issues.explanations (id, enterprise_code, kind, topic, details, status, reply_by, confidential, requested_by, requested_by_name, requested_at)
     VALUES ($1, $2, 'requested', $3, '请说明整改进度滞后的原因', 'requested', $4, false, $5, '测试', $6)`,
    [id, enterpriseCode, topic, replyBy, randomUUID(), new Date(requestedAtMs).toISOString()],
  );
  const input: ExplanationWorkflowInput = { explanationId: id, enterpriseCode, enterpriseName: '测试企业', topic, replyBy, requestedAtMs, policy };
  const handle = await (await temporal()).workflow.start(EXPLANATION_WORKFLOW, { taskQueue: TASK_QUEUES.workflows, workflowId: explanationWorkflowId(id), args: [input] });
  return { id, replyBy, topic, handle, workflowId: explanationWorkflowId(id) };
}

export async function explanationEvents(id: string): Promise<{ kind: string; payload: Record<string, unknown>; actor_role: string | null }[]> {
  return (await db().query(`SELECT kind, payload, actor_role FROM issues.supervision_events WHERE subject_type = 'explanation' AND subject_id = $1 ORDER BY id`, [id])).rows;
}

/** Notices of a workflow (by their idempotency keys), with how many inbox items each produced. */
export async function noticesOf(workflowId: string): Promise<{ key: string; type: string; recipients: number }[]> {
  return (await db().query(`SELECT key, type, recipients FROM notifications.notices WHERE key LIKE $1 ORDER BY created_at, key`, [`${workflowId}:%`])).rows;
}

/**
 * A problem registered `daysAgo` days ago with nothing recorded since (no workflow: it only has to
 * be counted as slow by the summary).
 */
export async function insertStaleProblem(enterpriseCode: string, daysAgo: number) {
  const id = randomUUID();
  const at = new Date(Date.now() - daysAgo * 86_400_000);
  const today = localDateOf(Date.now(), { utcOffsetMinutes: 480 });
  const ledgerNo = `${enterpriseCode}-8${String(Date.now() % 1000).padStart(3, '0')}-${String(Math.floor(Math.random() * 90000) + 10000)}`;
  const state = registeredState(addDays(today, 60), false);
  const event: TrailEvent = { problemId: id, seq: 0, kind: 'action', action: 'register', actorId: 'test', actorName: '测试', actorRole: 'supervision_officer', reason: null, payload: {}, stateBefore: null, stateAfter: state, at: at.toISOString() };
  const hash = eventHash(GENESIS_HASH, event);
  const client = await db().connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO issues.problems (id, ledger_no, enterprise_code, source, doc_type, doc_number, doc_issuer, doc_issue_date, item_no, title, description, category,
         confidentiality, deadline, original_deadline, hard_limit, stage, state, last_seq, last_hash, workflow_started, policy, registered_by, registered_at)
       VALUES ($1,$2,$3,'routine_audit','decision',$4,'市审计局',$5,'1','长期无进展的测试问题','督办汇总测试','测试','non_confidential',$6,$6,$6,$7,$8,0,$9,true,'{}',
         '00000000-0000-0000-0000-000000000000',$10)`,
      [id, ledgerNo, enterpriseCode, `督办汇总测试〔${id.slice(0, 8)}〕`, addDays(today, -daysAgo), addDays(today, 60), state.stage, JSON.stringify(state), hash, at.toISOString()],
    );
    await client.query(
      `INSERT INTO issues.problem_events (problem_id, seq, kind, action, actor_id, actor_name, actor_role, reason, payload, state_before, state_after, at, prev_hash, hash)
       VALUES ($1,0,'action','register','test','测试','supervision_officer',NULL,'{}',NULL,$2,$3,$4,$5)`,
      [id, JSON.stringify(state), at.toISOString(), GENESIS_HASH, hash],
    );
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
  return { id, ledgerNo };
}

/** Downloads a file through the gateway as `who`. */
export async function download(who: string, path: string) {
  const res = await fetch(`${stack().urls.gateway}${path}`, { headers: { authorization: `Bearer ${await login(who)}` } });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

/** The text of a .docx body (word/document.xml with its tags removed). */
export async function docxText(bytes: Buffer): Promise<string> {
  const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
  return xml.replace(/<[^>]+>/g, '');
}
