import { allHandlersFinished, ApplicationFailure, condition, patched, proxyActivities, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { TASK_QUEUES } from '@rectify/contracts';
import { localDateOf, daysBetween, dueAtMs, policyNow, reminderPlan, wallDelayUntil, type PolicyClockAnchor } from '@rectify/domain';
import type { Audience, NotificationActivities, NotificationRequest, PushActivities, PushEventRecord, UnitTracker } from '@rectify/activities';
import { pushStateQuery, respondUpdate, type PushWorkflowInput, type RespondCommand } from './push.messages.js';
import { applyStep, newTracker } from './response-steps.js';
import { PUSH_SA } from './search-attributes.js';
import { mustSucceed } from '../retry.js';

const { recordPushEvent } = proxyActivities<PushActivities>({
  taskQueue: TASK_QUEUES.jointMeeting,
  startToCloseTimeout: '30 seconds',
  // Bounded, but long enough to ride out a database restart: about two hours of backoff.
  retry: mustSucceed('InvalidPushEvent'),
});

const { sendNotification } = proxyActivities<NotificationActivities>({
  taskQueue: TASK_QUEUES.notifications,
  startToCloseTimeout: '30 seconds',
  retry: mustSucceed('InvalidNotice'),
});

/** The unit's own people: its officers draft and answer, its division leader approves. */
const unitPeople = (unitCode: string, roles: Audience['roles'] = ['member_unit_officer', 'member_unit_leader']): Audience[] => [{ scope: 'unit', unitCode, roles }];
/** The office director is the supervision lead; the office itself follows every push (§11). */
const OFFICE_DIRECTOR: Audience[] = [{ scope: 'commission', roles: ['supervision_lead', 'joint_office'] }];
/** The office hears of each approved answer (pushes started before this patch did not tell it). */
const JOINT_OFFICE: Audience[] = [{ scope: 'commission', roles: ['joint_office'] }];
const RESPONSE_APPROVED_PATCH = 'response-approved-notice-v1';

/**
 * One written push of the joint meeting to its member units (policy 第十一条, SPEC §8). The
 * database holds the push and the responses; this workflow holds the time and the order of steps:
 * each unit drafts, its division leader approves (or returns) and only then has the unit answered.
 * Before the reply date the units not yet answered are reminded (the policy's reminder offsets);
 * at the reply date each unanswered unit becomes overdue and is escalated to the office director.
 * The push closes when every unit has answered.
 */
export async function pushWorkflow(input: PushWorkflowInput): Promise<void> {
  const { policy, replyBy } = input;
  const workflowId = workflowInfo().workflowId;
  const anchor: PolicyClockAnchor = { wallMs: Date.now(), policyMs: input.pushedAtMs };
  const now = () => policyNow(anchor, Date.now(), policy);

  const units = new Map<string, UnitTracker>(input.units.map((code) => [code, newTracker(code)]));
  const remindersSent = new Set<number>();
  let duePassed = false;
  let closed = false;
  let seq = 0;
  let changes = 0; // bumps on every change the timer loop must notice

  const unanswered = () => [...units.values()].filter((u) => u.status !== 'answered');

  // Events are written one after another so the log follows the workflow's sequence.
  let writes: Promise<unknown> = Promise.resolve();
  function record(entry: Omit<PushEventRecord, 'key' | 'pushId' | 'atMs'>): Promise<void> {
    seq += 1;
    const event: PushEventRecord = { ...entry, key: `${workflowId}:${seq}`, pushId: input.pushId, atMs: now() };
    const written = writes.then(async () => {
      await recordPushEvent(event);
    });
    writes = written.catch(() => undefined);
    return written;
  }

  async function notify(type: NotificationRequest['type'], key: string, facts: NotificationRequest['facts'], audience: Audience[]): Promise<void> {
    await sendNotification({ key: `${workflowId}:${type}:${key}`, type, problemId: null, audience, facts: { pushId: input.pushId, ...facts } });
  }

  setHandler(pushStateQuery, () => ({
    pushNo: input.pushNo,
    replyBy,
    closed,
    units: [...units.values()],
    upcomingReminders: closed || unanswered().length === 0 ? [] : reminderPlan({ deadline: replyBy, policy, nowMs: now() }),
    policyNowMs: now(),
  }));

  setHandler(
    respondUpdate,
    async (cmd: RespondCommand) => {
      const result = applyStep(units.get(cmd.unitCode)!, cmd.step, cmd.actor.role);
      if ('refusal' in result) throw ApplicationFailure.create({ message: result.refusal, type: 'IllegalTransition', nonRetryable: true });
      units.set(cmd.unitCode, result.unit);
      changes += 1;
      // Ids only: the text of the step is read from its stored request by the activity.
      const requestId = cmd.requestId ?? null;
      const version = requestId
        ? { ...result.version, requestId }
        : cmd.step === 'draft'
          ? { ...result.version, opinion: cmd.opinion ?? '', resolution: cmd.resolution ?? '', attachmentIds: cmd.attachmentIds ?? [] }
          : { ...result.version, comment: cmd.comment ?? null };
      const actor = requestId ? { id: cmd.actor.id, role: cmd.actor.role } : cmd.actor;
      await record({ unitCode: cmd.unitCode, kind: 'response_step', step: cmd.step, actor, requestId, reason: requestId ? null : (cmd.comment ?? null), payload: { version: version.number }, target: result.unit, version });
      const mySeq = seq;
      if (cmd.step === 'submit') {
        await notify('response_submitted', String(mySeq), { unitCode: cmd.unitCode, responseRequestId: requestId, submittedBy: requestId ? null : (cmd.actor.name ?? null) }, unitPeople(cmd.unitCode, ['member_unit_leader']));
      } else if (cmd.step === 'approve' && patched(RESPONSE_APPROVED_PATCH)) {
        await notify('response_approved', String(mySeq), { unitCode: cmd.unitCode }, JOINT_OFFICE);
      } else if (cmd.step === 'return') {
        await notify('response_returned', String(mySeq), { unitCode: cmd.unitCode, responseRequestId: requestId, comment: requestId ? null : (cmd.comment ?? '') }, unitPeople(cmd.unitCode, ['member_unit_officer']));
      }
      return { seq: mySeq, unit: result.unit, closed };
    },
    {
      validator: (cmd: RespondCommand) => {
        const refuse = (message: string) => {
          throw ApplicationFailure.create({ message, type: 'IllegalTransition', nonRetryable: true });
        };
        if (closed) refuse('推送事项已办结，不能再变更书面反馈');
        const unit = units.get(cmd.unitCode);
        if (!unit) return refuse('该单位不是本推送事项的办理单位');
        const result = applyStep(unit, cmd.step, cmd.actor.role);
        if ('refusal' in result) refuse(result.refusal);
      },
    },
  );

  /** The next moment the policy asks something of this push, in policy time. */
  function nextDue(): { atMs: number; fire: () => Promise<void> } | null {
    if (unanswered().length === 0) return null;
    const candidates: { atMs: number; fire: () => Promise<void> }[] = [];
    for (const r of reminderPlan({ deadline: replyBy, policy, nowMs: Number.NEGATIVE_INFINITY })) {
      if (remindersSent.has(r.offsetDays) || r.atMs < input.pushedAtMs) continue;
      candidates.push({
        atMs: r.atMs,
        fire: async () => {
          remindersSent.add(r.offsetDays);
          for (const u of unanswered()) {
            await record({ unitCode: u.unitCode, kind: 'reminder', step: null, actor: null, reason: null, payload: { offsetDays: r.offsetDays, replyBy }, target: u, version: null });
            await notify('push_reminder', `${r.offsetDays}:${u.unitCode}`, { unitCode: u.unitCode, daysLeft: r.offsetDays }, unitPeople(u.unitCode));
          }
        },
      });
    }
    if (!duePassed) {
      candidates.push({
        atMs: dueAtMs(replyBy, policy),
        fire: async () => {
          duePassed = true;
          const late = unanswered();
          if (late.length > 0) upsertSearchAttributes([{ key: PUSH_SA.Overdue, value: true }]);
          for (const u of late) {
            const marked: UnitTracker = { ...u, overdue: true };
            units.set(u.unitCode, marked);
            await record({ unitCode: u.unitCode, kind: 'overdue', step: null, actor: null, reason: null, payload: { replyBy }, target: marked, version: null });
            const daysOverdue = Math.max(0, daysBetween(replyBy, localDateOf(now(), policy)));
            await notify('push_overdue', u.unitCode, { unitCode: u.unitCode, daysOverdue }, unitPeople(u.unitCode));
            await notify('push_escalated', u.unitCode, { unitCode: u.unitCode, daysOverdue }, OFFICE_DIRECTOR);
          }
        },
      });
    }
    candidates.sort((a, b) => a.atMs - b.atMs);
    return candidates[0] ?? null;
  }

  for (const code of units.keys()) await notify('push_received', code, { unitCode: code }, unitPeople(code));

  while (unanswered().length > 0) {
    const next = nextDue();
    const seen = changes;
    if (!next) {
      await condition(() => changes !== seen);
      continue;
    }
    if (next.atMs <= now()) {
      await next.fire();
      continue;
    }
    await condition(() => changes !== seen, wallDelayUntil(anchor, next.atMs, Date.now(), policy));
  }
  // Every unit has answered: the push is closed, and the validator refuses any further step.
  closed = true;
  upsertSearchAttributes([{ key: PUSH_SA.Stage, value: 'closed' }]);
  await record({ unitCode: null, kind: 'closed', step: null, actor: null, reason: null, payload: { units: input.units.length }, target: null, version: null });
  await writes;
  await condition(allHandlersFinished);
}
