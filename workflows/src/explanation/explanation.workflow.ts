import { allHandlersFinished, ApplicationFailure, condition, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import { TASK_QUEUES, type ExplanationStatus } from '@rectify/contracts';
import { localDateOf, daysBetween, dueAtMs, policyNow, reminderPlan, wallDelayUntil, type PolicyClockAnchor } from '@rectify/domain';
import type { Audience, ExplanationActivities, ExplanationStanding, NotificationActivities, NotificationRequest } from '@rectify/activities';
import { answerUpdate, explanationStateQuery, type AnswerCommand, type ExplanationView, type ExplanationWorkflowInput } from './explanation.messages.js';
import { mustSucceed } from '../retry.js';

const { recordExplanationReminder, markExplanationOverdue } = proxyActivities<ExplanationActivities>({
  taskQueue: TASK_QUEUES.issues,
  startToCloseTimeout: '30 seconds',
  retry: mustSucceed('InvalidExplanation'),
});

const { sendNotification } = proxyActivities<NotificationActivities>({
  taskQueue: TASK_QUEUES.notifications,
  startToCloseTimeout: '30 seconds',
  retry: mustSucceed('InvalidNotice'),
});

/** The enterprise's internal audit and leadership write the explanation; the Supervision Division follows it. */
const ENTERPRISE: Audience = { scope: 'enterprise', roles: ['enterprise_audit', 'enterprise_leader'] };
const DIVISION: Audience = { scope: 'commission', roles: ['supervision_officer'] };

/**
 * One request for a written explanation (policy 第十条): the enterprise is told at once, reminded
 * before the reply date at the policy's reminder offsets that fall inside the reply period, and
 * marked overdue at the reply date, the Supervision Division being told. The workflow ends when
 * the answer arrives (update `answer`, refused once answered).
 */
export async function explanationWorkflow(input: ExplanationWorkflowInput): Promise<ExplanationView> {
  const { policy } = input;
  const workflowId = workflowInfo().workflowId;
  const anchor: PolicyClockAnchor = { wallMs: Date.now(), policyMs: input.requestedAtMs };
  const now = () => policyNow(anchor, Date.now(), policy);
  const due = dueAtMs(input.replyBy, policy);

  let status: ExplanationStatus = 'requested';
  let answeredLate: boolean | null = null;
  let answeredBy: string | null = null;
  const remindersSent: number[] = [];

  const view = (): ExplanationView => ({
    explanationId: input.explanationId,
    status,
    replyBy: input.replyBy,
    upcomingReminders: status === 'answered' ? [] : reminderPlan({ deadline: input.replyBy, policy, nowMs: now() }),
    remindersSent: [...remindersSent],
    answeredLate,
    answeredBy,
    policyNowMs: now(),
  });
  setHandler(explanationStateQuery, view);
  setHandler(
    answerUpdate,
    (cmd: AnswerCommand) => {
      answeredBy = cmd.actor.id;
      answeredLate = status === 'overdue';
      status = 'answered';
      return view();
    },
    {
      validator: (_cmd: AnswerCommand) => {
        if (status === 'answered') throw ApplicationFailure.create({ message: '该书面说明已提交，不能重复提交', type: 'IllegalTransition', nonRetryable: true });
      },
    },
  );

  const answered = () => status === 'answered';
  /** Waits until policy instant `atMs` or the answer, whichever comes first; true when answered. */
  const answeredBefore = async (atMs: number): Promise<boolean> => {
    const delay = wallDelayUntil(anchor, atMs, Date.now(), policy);
    return delay > 0 ? condition(answered, delay) : answered();
  };
  /** The database is the record of the answer: if it says answered, so does the workflow. */
  const follow = (standing: ExplanationStanding) => {
    if (standing.status === 'answered' && status !== 'answered') {
      answeredLate = null;
      status = 'answered';
    }
  };
  const notify = (type: NotificationRequest['type'], event: string, audience: Audience[], facts: NotificationRequest['facts']) =>
    sendNotification({
      key: `${workflowId}:${event}`,
      type,
      problemId: null,
      enterpriseCode: input.enterpriseCode,
      audience,
      facts: { requestId: input.explanationId, replyBy: input.replyBy, ...facts },
    });

  await notify('explanation_requested', 'requested', [ENTERPRISE], {});

  // Reminders before the reply date: the policy's offsets still ahead (those longer than the reply period are past).
  for (const reminder of reminderPlan({ deadline: input.replyBy, policy, nowMs: now() })) {
    if (await answeredBefore(reminder.atMs)) break;
    const standing = await recordExplanationReminder({
      explanationId: input.explanationId,
      key: `${workflowId}:reminder:${reminder.offsetDays}`,
      offsetDays: reminder.offsetDays,
      replyBy: input.replyBy,
      atMs: now(),
    });
    follow(standing);
    if (answered()) break;
    remindersSent.push(reminder.offsetDays);
    await notify('explanation_reminder', `reminder:${reminder.offsetDays}`, [ENTERPRISE], { daysLeft: reminder.offsetDays });
  }

  // At the reply date: overdue, and the Supervision Division hears of it.
  if (!answered() && !(await answeredBefore(due))) {
    const standing = await markExplanationOverdue({ explanationId: input.explanationId, key: `${workflowId}:overdue`, replyBy: input.replyBy, atMs: now() });
    follow(standing);
    if (!answered()) {
      status = 'overdue';
      await notify('explanation_overdue', 'overdue', [ENTERPRISE, DIVISION], { daysOverdue: Math.max(0, daysBetween(input.replyBy, localDateOf(now(), policy))) });
    }
  }

  // Tracked until answered, however late.
  await condition(answered);
  await condition(allHandlersFinished);
  return view();
}
