import { randomUUID } from 'node:crypto';
import JSZip from 'jszip';
import { PROBLEM_WORKFLOW, problemWorkflowId, TASK_QUEUES } from '@rectify/contracts';
import { registeredState, type Policy } from '@rectify/domain';
import { eventHash, GENESIS_HASH, type TrailEvent } from '@rectify/activities';
import { initialSearchAttributes, type ProblemWorkflowInput } from '@rectify/workflows';
import { db, temporal, type SeededProblem } from '../harness/index.js';

/**
 * Puts a problem tagged 重大国有资产损失风险 in the ledger as registration does (row + first trail
 * event) and starts its workflow under `policy` with the tag in its input, so that the problem
 * workflow's upward-report path runs against the real server, worker and activities.
 */
export async function seedTaggedProblem(options: { policy: Policy; issueDate: string; deadline: string; hardLimit: string; enterpriseCode?: string }): Promise<SeededProblem> {
  const id = randomUUID();
  const enterpriseCode = options.enterpriseCode ?? 'E002';
  const ledgerNo = `${enterpriseCode}-8${String(Date.now() % 1000).padStart(3, '0')}-${String(Math.floor(Math.random() * 90000) + 10000)}`;
  const now = new Date();
  const state = registeredState(options.deadline, false);
  const payload = { test: 'upward-report' };
  const event: TrailEvent = {
    problemId: id, seq: 0, kind: 'action', action: 'register', actorId: 'test', actorName: '测试', actorRole: 'supervision_officer',
    reason: null, payload, stateBefore: null, stateAfter: state, at: now.toISOString(),
  };
  const hash = eventHash(GENESIS_HASH, event);
  const client = await db().connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO issues.problems (id, ledger_no, enterprise_code, source, doc_type, doc_number, doc_issuer, doc_issue_date, item_no,
         title, description, category, amount, confidentiality, tags, deadline, original_deadline, hard_limit, stage, state, last_seq, last_hash,
         workflow_started, policy, registered_by, registered_at)
       VALUES ($1,$2,$3,'routine_audit','decision',$4,'市审计局',$5,'1','国有股权低价转让','以明显低于评估值的价格转让国有股权，可能造成重大国有资产损失','资产管理','52000000.00','non_confidential',
         ARRAY['major_asset_loss_risk'],$6,$6,$7,$8,$9,0,$10,true,$11,'00000000-0000-0000-0000-000000000000',$12)`,
      [id, ledgerNo, enterpriseCode, `上报测试〔${id.slice(0, 8)}〕`, options.issueDate, options.deadline, options.hardLimit, state.stage, JSON.stringify(state), hash,
        JSON.stringify(options.policy), now.toISOString()],
    );
    await client.query(
      `INSERT INTO issues.problem_events (problem_id, seq, kind, action, actor_id, actor_name, actor_role, reason, payload, state_before, state_after, at, prev_hash, hash)
       VALUES ($1,0,'action','register','test','测试','supervision_officer',NULL,$2,NULL,$3,$4,$5,$6)`,
      [id, JSON.stringify(payload), JSON.stringify(state), event.at, GENESIS_HASH, hash],
    );
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
  const input: ProblemWorkflowInput = {
    problemId: id, ledgerNo, enterpriseCode, source: 'routine_audit', issueDate: options.issueDate, deadline: options.deadline,
    hardLimit: options.hardLimit, specialReason: null, responsibilityAssigned: false, policy: options.policy, registeredAtMs: now.getTime(),
    tags: ['major_asset_loss_risk'], confidential: false,
  };
  const workflowId = problemWorkflowId(ledgerNo);
  await (await temporal()).workflow.start(PROBLEM_WORKFLOW, {
    taskQueue: TASK_QUEUES.workflows,
    workflowId,
    args: [input],
    typedSearchAttributes: initialSearchAttributes(input, options.policy),
  });
  return { id, ledgerNo, workflowId, input };
}

/** Inserts a separate-project proposal as the issues service does (row + 'proposed' event). */
export async function seedSeparateProject(originProblemId: string, enterpriseCode: string): Promise<{ id: string; workflowId: string }> {
  const id = randomUUID();
  const workflowId = `separate-project-${id}`;
  await db().query(
    `INSERT INTO issues.separate_projects (id, origin_problem_id, enterprise_code, kind, title, clue, reasons, workflow_id, proposed_by, proposed_by_name, proposed_by_role, proposed_at)
     VALUES ($1, $2, $3, 'verification', '股权转让专项核查', '督办中发现股权转让价格明显偏低', '可能造成重大国有资产损失', $4, 'test', '督导组', 'supervision_group', now())`,
    [id, originProblemId, enterpriseCode, workflowId],
  );
  return { id, workflowId };
}

export async function approvalEventsOf(subjectId: string): Promise<{ kind: string; actor_role: string | null; reason: string | null; payload: Record<string, unknown> }[]> {
  return (await db().query('SELECT kind, actor_role, reason, payload FROM issues.approval_events WHERE subject_id = $1 ORDER BY id', [subjectId])).rows;
}

export async function noticesWithKeyPrefix(prefix: string): Promise<{ key: string; type: string; recipients: number }[]> {
  return (await db().query('SELECT key, type, recipients FROM notifications.notices WHERE key LIKE $1 ORDER BY key', [`${prefix}%`])).rows;
}

/** The text of a .docx (its word/document.xml without tags), one line per paragraph. */
export async function docxText(bytes: Uint8Array): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}
