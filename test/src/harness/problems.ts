import { randomUUID } from 'node:crypto';
import { PROBLEM_WORKFLOW, problemWorkflowId, TASK_QUEUES, type Actor } from '@rectify/contracts';
import { registeredState, type Policy } from '@rectify/domain';
import { eventHash, GENESIS_HASH, workflowOrigin, type TrailEvent } from '@rectify/activities';
import { actUpdate, initialSearchAttributes, stateQuery, type ActCommand, type ProblemWorkflowInput } from '@rectify/workflows';
import { db } from './db.js';
import { temporal } from './temporal.js';
import { eventually } from './wait.js';

export interface SeededProblem {
  id: string;
  ledgerNo: string;
  workflowId: string;
  input: ProblemWorkflowInput;
}

let counter = 0;

/**
 * Puts a problem in the ledger as registration does (row + first trail event) and starts its
 * workflow under `policy` — the way workflow tests run a compressed policy against the real
 * server, the real worker and the issues service's real activities.
 */
export interface SeedOptions {
  policy: Policy;
  issueDate: string;
  deadline: string;
  hardLimit: string;
  enterpriseCode?: string;
  amount?: string;
  /** Routing tags, written to the row and given to the workflow (e.g. major_asset_loss_risk). */
  tags?: string[];
  title?: string;
  description?: string;
  category?: string;
  /** Trail payload of the registration event. */
  payload?: Record<string, unknown>;
  /** The source document's number before its 〔…〕 part. */
  docPrefix?: string;
  /** First digit of the ledger number's middle part, so that fixtures' problems are told apart. */
  series?: string;
}

export async function seedProblem(options: SeedOptions): Promise<SeededProblem> {
  counter += 1;
  const id = randomUUID();
  const enterpriseCode = options.enterpriseCode ?? 'E002';
  const ledgerNo = `${enterpriseCode}-${options.series ?? '9'}${String(Date.now() % 1000).padStart(3, '0')}-${String(Math.floor(Math.random() * 90000) + 10000)}`;
  const now = new Date();
  const state = registeredState(options.deadline, false);
  const event: TrailEvent = {
    problemId: id, seq: 0, kind: 'action', action: 'register', actorId: 'test', actorName: '测试', actorRole: 'supervision_officer',
    reason: null, payload: options.payload ?? { test: counter }, stateBefore: null, stateAfter: state, at: now.toISOString(),
  };
  const hash = eventHash(GENESIS_HASH, event);
  const client = await db().connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO issues.problems (id, ledger_no, enterprise_code, source, doc_type, doc_number, doc_issuer, doc_issue_date, item_no,
         title, description, category, amount, confidentiality, tags, deadline, original_deadline, hard_limit, stage, state, last_seq, last_hash,
         workflow_started, policy, registered_by, registered_at)
       VALUES ($1,$2,$3,'routine_audit','decision',$4,'市审计局',$5,'1',$14,$15,$16,$6,'non_confidential',
         $17,$7,$7,$8,$9,$10,0,$11,true,$12,'00000000-0000-0000-0000-000000000000',$13)`,
      [id, ledgerNo, enterpriseCode, `${options.docPrefix ?? '工作流测试'}〔${id.slice(0, 8)}〕`, options.issueDate, options.amount ?? '1000.00', options.deadline, options.hardLimit,
        state.stage, JSON.stringify(state), hash, JSON.stringify(options.policy), now.toISOString(),
        options.title ?? '工作流测试问题', options.description ?? '用压缩时间的政策测试时限', options.category ?? '测试', options.tags ?? []],
    );
    await client.query(
      `INSERT INTO issues.problem_events (problem_id, seq, kind, action, actor_id, actor_name, actor_role, reason, payload, state_before, state_after, at, prev_hash, hash)
       VALUES ($1,0,'action','register','test','测试','supervision_officer',NULL,$2,NULL,$3,$4,$5,$6)`,
      [id, JSON.stringify(event.payload), JSON.stringify(state), event.at, GENESIS_HASH, hash],
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
    ...(options.tags ? { tags: options.tags, confidential: false } : {}),
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

const ACTORS: Record<string, Actor> = {
  audit: { id: 'a', name: '内审', role: 'enterprise_audit' },
  business: { id: 'b', name: '业务', role: 'enterprise_business' },
  leader: { id: 'l', name: '领导', role: 'enterprise_leader' },
  officer: { id: 'o', name: '监督处', role: 'supervision_officer' },
  lead: { id: 'f', name: '分管委员', role: 'supervision_lead' },
};

/**
 * Sends one action straight to the workflow as `who` (the service's payload checks are not
 * involved) and returns once its trail entry is written: by the workflow's trail activity here,
 * since no issues service writes it first (see docs/reliability.md).
 */
export async function actOn(problem: SeededProblem, who: keyof typeof ACTORS, action: ActCommand['action'], facts: ActCommand['facts'] = {}, payload: Record<string, unknown> = {}) {
  const handle = (await temporal()).workflow.getHandle(problem.workflowId);
  const result = await handle.executeUpdate(actUpdate, { args: [{ action, actor: ACTORS[who]!, facts, payload: { ...payload, ...facts }, reason: null }] });
  await eventually(`trail entry ${result.seq} of ${problem.ledgerNo}`, async () =>
    (await db().query('SELECT 1 FROM issues.problem_events WHERE problem_id = $1 AND origin = $2', [problem.id, workflowOrigin(result.seq)])).rows.length > 0);
  return result;
}

/** Drives a problem to a confirmed determination with `criterion`. */
export async function driveToDetermination(problem: SeededProblem, criterion: string, outcome: 'completed' | 'partial' | 'not_rectified') {
  await actOn(problem, 'audit', 'assignResponsibility', {}, { responsibility: { leadDepartment: '财务部', cooperatingDepartments: [], responsiblePersons: ['王五'] } });
  await actOn(problem, 'business', 'submitPlan', {}, { measures: '整改', milestones: [], targetDate: problem.input.deadline });
  await actOn(problem, 'leader', 'approvePlan', { body: 'party_committee' });
  await actOn(problem, 'leader', 'approvePlan', { body: 'board' });
  await actOn(problem, 'audit', 'submitReport', {}, { content: '报告' });
  await actOn(problem, 'leader', 'approveReport', { body: 'party_committee' });
  await actOn(problem, 'leader', 'approveReport', { body: 'board' });
  await actOn(problem, 'audit', 'determine', { criterion, outcome }, { criterion, outcome, basis: '测试' });
  return actOn(problem, 'officer', 'reviewDetermination', { accept: true });
}

export async function workflowView(problem: SeededProblem) {
  return (await temporal()).workflow.getHandle(problem.workflowId).query(stateQuery);
}

export async function eventsOf(problemId: string): Promise<{ seq: number; kind: string; action: string | null; payload: Record<string, unknown> }[]> {
  return (await db().query('SELECT seq, kind, action, payload FROM issues.problem_events WHERE problem_id = $1 ORDER BY seq', [problemId])).rows;
}

export async function casesOf(problemId: string): Promise<{ trigger: string }[]> {
  return (await db().query('SELECT trigger FROM issues.accountability_cases WHERE problem_id = $1 ORDER BY trigger', [problemId])).rows;
}
