import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  log,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { PROBLEM_TAGS, TASK_QUEUES, type ProblemTag } from '@rectify/contracts';
import {
  applyAction,
  checkAction,
  daysBetween,
  deadlineTrigger,
  dueAtMs,
  isCompleted,
  localDateOf,
  policyNow,
  registeredState,
  reminderPlan,
  TRIGGERS,
  triggerForCriterion,
  wallDelayUntil,
  wallTimeOf,
  type LifecycleState,
  type PolicyClockAnchor,
} from '@rectify/domain';
import type { Audience, NotificationActivities, NotificationRequest, ProblemActivities, ProblemEventRecord } from '@rectify/activities';
import { actUpdate, stateQuery, type ActCommand, type ProblemWorkflowInput } from './problem.messages.js';
import { attributesKey, problemSearchAttributes } from './search-attributes.js';
import { startUpwardReport, upwardReportGround } from '../upward-report/start-upward-report.js';
import { mustSucceed } from '../retry.js';

const { recordEvent, recordEvents, openAccountabilityCase } = proxyActivities<ProblemActivities>({
  taskQueue: TASK_QUEUES.issues,
  startToCloseTimeout: '30 seconds',
  // Bounded, but long enough to ride out a database restart: about two hours of backoff.
  retry: mustSucceed('InvalidEvent'),
});

const { sendNotification } = proxyActivities<NotificationActivities>({
  taskQueue: TASK_QUEUES.notifications,
  startToCloseTimeout: '30 seconds',
  retry: mustSucceed('InvalidNotice'),
});

/** A timer's trail entry and its notice, one activity and one transaction (docs/notifications.md). */
const { recordEventWithNotice } = proxyActivities<NotificationActivities>({
  taskQueue: TASK_QUEUES.notifications,
  startToCloseTimeout: '30 seconds',
  retry: mustSucceed('InvalidEvent', 'InvalidNotice'),
});

/** Workflows started before notices were sent keep their histories replayable (see docs). */
const NOTIFICATIONS_PATCH = 'notifications-v1';
const TARGETED_SHARING_PATCH = 'targeted-sharing-v1';
/** Since this patch a stage action answers once it is recorded; its notices and cases follow. */
const ANSWER_FIRST_PATCH = 'answer-before-consequences-v1';
/** Since this patch 纪检组 is told of a transfer waiting for its decision. */
const TRANSFER_NOTICE_PATCH = 'transfer-notice-v1';
/** Since this patch a deadline past the hard limit asked for at registration is put to the supervision lead. */
const REGISTRATION_DEADLINE_REQUEST_PATCH = 'registration-deadline-request-v1';
/**
 * Since this patch a stage action answers as soon as its transition is applied: the answer carries
 * the trail entries not yet written (the action's own and any before it), which the issues service
 * writes before it answers its caller; the trail activity, still scheduled, finds them written.
 */
const ANSWER_BEFORE_TRAIL_PATCH = 'answer-before-trail-v1';
/** Since this patch a reminder's or overdue mark's trail entry and notice are one activity, not two on two queues. */
const TIMER_NOTICE_PATCH = 'timer-event-with-notice-v1';
/**
 * Since this patch a workflow knows at its first task that it runs every other patch of this file,
 * and asks for none of them later. The SDK records the first `patched()` of an id as a marker AND an upsert
 * of the TemporalChangeVersion search attribute — a visibility write on the server — so a patch asked
 * for when a reminder falls due put that write on every reminder of a burst (docs/notifications.md,
 * "Reminder bursts"). Workflows started before it still ask lazily, as their histories recorded.
 */
const PATCHES_AT_START_PATCH = 'patches-at-start-v1';
/**
 * Asked for at a workflow's first task in place of PATCHES_AT_START_PATCH, which it implies: since it,
 * the trail activity of an action's entry — the backstop behind the issues service, which writes the
 * entry itself before it answers — is scheduled up to BACKSTOP_DELAY_MS later, not in the action's own
 * task. Scheduled at once, it ran beside the service's write of the same entry (waiting on the same
 * row lock) and its completion's workflow task stood in front of the next action's update: a stage
 * action's answer took half as long again (docs/ledger.md, "What an action's answer waits for").
 */
const DEFERRED_BACKSTOP_PATCH = 'patches-at-start-v2';
// Since the same patch an action that changes nothing the workflow waits for (the deadline, whether
// the problem is completed or closed, the backstop's turn) leaves the waiting timer as it is, and
// search attributes are written only when one of them changes: one timer cancelled and one started,
// and one visibility write, less per action (most actions change neither).
/**
 * How long an action's trail entry waits at most for its backstop activity (wall time, from the
 * first entry waiting). An action with consequences (notices, a case, an upward report) has its
 * entries backed at once, since those refer to the entry; so has every entry before a timer's.
 */
const BACKSTOP_DELAY_MS = 10_000;
/** The actions whose answer is followed by consequences (see `consequences` in the update handler). */
const CONSEQUENTIAL_ACTIONS: readonly string[] = ['reviewDetermination', 'transferToDiscipline', 'rejectOpinion', 'requestExtension', 'decideExtension', 'acceptCloseOut'];

/**
 * §14 targeted sharing: personnel violations go to cadre management and 纪检组, inflated
 * performance to performance assessment. A 涉密 problem goes only to those of them who may read it.
 */
function sharingAudience(tags: readonly string[], confidential: boolean): Audience[] {
  const roles = new Set<Audience['roles'][number]>();
  if (tags.includes('personnel_violation')) {
    roles.add('discipline_group');
    if (!confidential) roles.add('cadre_division');
  }
  if (tags.includes('inflated_performance') && !confidential) roles.add('assessment_division');
  return roles.size > 0 ? [{ scope: 'commission', roles: [...roles] }] : [];
}

/** Since this patch the starter sets all seven search attributes; older runs upserted them first. */
const SEARCH_ATTRIBUTES_AT_START_PATCH = 'search-attributes-at-start';

/** Who hears of what (SPEC §5, §6, §8): the responsible departments, internal audit, leadership, the Commission. */
const AUDIENCES: Record<string, Audience[]> = {
  reminder: [{ scope: 'enterprise', roles: ['enterprise_business'], responsibleDepartmentsOnly: true }, { scope: 'enterprise', roles: ['enterprise_audit'] }],
  overdue: [{ scope: 'enterprise', roles: ['enterprise_audit', 'enterprise_leader'] }, { scope: 'commission', roles: ['supervision_officer'] }],
  accountability_opened: [{ scope: 'enterprise', roles: ['enterprise_leader'] }, { scope: 'commission', roles: ['supervision_officer', 'discipline_group'] }],
  determination_made: [{ scope: 'enterprise', roles: ['enterprise_audit', 'enterprise_leader'] }],
  extension_requested: [{ scope: 'commission', roles: ['supervision_lead'] }],
  extension_decided: [{ scope: 'enterprise', roles: ['enterprise_audit', 'enterprise_business'] }],
  close_out_accepted: [{ scope: 'enterprise', roles: ['enterprise_audit', 'enterprise_leader'] }, { scope: 'commission', roles: ['supervision_officer'] }],
};

type Trigger = keyof typeof TRIGGERS;

/**
 * One problem, from registration to close-out (policy §6–§8, §12). The database holds the
 * problem's data; this workflow holds its time: it refuses illegal stage transitions, reminds
 * before the deadline, marks the problem overdue at the deadline, and opens each accountability
 * case (T1–T4) once.
 */
export async function problemWorkflow(input: ProblemWorkflowInput): Promise<void> {
  const { policy } = input;
  const workflowId = workflowInfo().workflowId;
  // First, in the first workflow task: a workflow with this marker has every other patch of this file.
  const deferredBackstop = patched(DEFERRED_BACKSTOP_PATCH);
  const patchesAtStart = deferredBackstop || patched(PATCHES_AT_START_PATCH);
  const since = (patchId: string): boolean => patchesAtStart || patched(patchId);
  const anchor: PolicyClockAnchor = { wallMs: Date.now(), policyMs: input.registeredAtMs };
  const now = () => policyNow(anchor, Date.now(), policy);

  let state: LifecycleState = {
    ...registeredState(input.deadline, input.responsibilityAssigned, input.requestedDeadline ?? null),
    specialReason: Boolean(input.specialReason),
  };
  let seq = 0; // 0 is the registration event, written by the service
  let version = 0; // bumps on every change the timer loop must notice
  const remindersSent = new Set<string>();
  const deadlinesPassed = new Set<string>();
  let hardLimitPassed = false;
  const triggers = new Set<Trigger>();
  let upwardReportStarted = false;
  let followUps: Promise<void> = Promise.resolve();

  // Trail entries are written one after another so the hash chain follows the sequence.
  let writes: Promise<unknown> = Promise.resolve();
  /** Entries recorded whose trail activity has not completed yet, by seq (an action's answer carries them). */
  const unwritten = new Map<number, ProblemEventRecord>();
  /** Action entries whose backstop waits (deferredBackstop), in seq order, and when it is due (wall ms). */
  let deferred: { event: ProblemEventRecord; resolve: () => void; reject: (err: unknown) => void }[] = [];
  let backstopDueMs: number | null = null;

  // With `notice`, the entry and the notice about it are written in one activity (one transaction).
  function writeInTurn(event: ProblemEventRecord, notice?: Pick<NotificationRequest, 'type' | 'facts'>): Promise<void> {
    const written = writes.then(async () => {
      if (notice) await recordEventWithNotice({ event, notice: { ...notice, key: `${workflowId}:${notice.type}:${event.seq}`, problemId: input.problemId, audience: AUDIENCES[notice.type] ?? [] } });
      else await recordEvent(event);
      unwritten.delete(event.seq);
    });
    writes = written.catch(() => undefined);
    return written;
  }

  /** Schedules the backstop of every action entry still waiting for it: one activity, in seq order. */
  function backDeferred(): void {
    const waiting = deferred;
    deferred = [];
    backstopDueMs = null;
    if (waiting.length === 0) return;
    const events = waiting.map((d) => d.event);
    const written = writes.then(async () => {
      await recordEvents(events);
      for (const e of events) unwritten.delete(e.seq);
    });
    writes = written.catch(() => undefined);
    for (const d of waiting) written.then(d.resolve, d.reject);
  }

  /**
   * Records a trail entry: its activity writes it, after every entry before it. With `backstopLater`
   * (an action's entry, which the issues service writes before it answers) the activity waits up to
   * BACKSTOP_DELAY_MS; any other entry has the waiting ones written first.
   */
  function record(entry: Omit<ProblemEventRecord, 'problemId' | 'workflowId' | 'seq' | 'atMs'>, notice?: Pick<NotificationRequest, 'type' | 'facts'>, backstopLater = false): Promise<void> {
    seq += 1;
    const event: ProblemEventRecord = { ...entry, problemId: input.problemId, workflowId, seq, atMs: now() };
    unwritten.set(seq, event);
    if (backstopLater) {
      backstopDueMs ??= Date.now() + BACKSTOP_DELAY_MS;
      return new Promise<void>((resolve, reject) => deferred.push({ event, resolve, reject }));
    }
    backDeferred();
    return writeInTurn(event, notice);
  }

  /** Tells the people concerned of the event recorded as trail entry `eventSeq` (once per key). */
  async function notify(type: NotificationRequest['type'], eventSeq: number, facts: NotificationRequest['facts'], audience = AUDIENCES[type] ?? []): Promise<void> {
    if (!since(NOTIFICATIONS_PATCH)) return;
    await sendNotification({ key: `${workflowId}:${type}:${eventSeq}`, type, problemId: input.problemId, audience, facts });
  }

  async function openCase(trigger: Trigger, cause: string): Promise<void> {
    if (triggers.has(trigger)) return;
    triggers.add(trigger);
    const recorded = record({ kind: 'accountability', action: null, actor: null, reason: cause, payload: { trigger }, stateBefore: state, stateAfter: state });
    const eventSeq = seq;
    await recorded;
    await openAccountabilityCase({ problemId: input.problemId, workflowId, trigger, cause, atMs: now() });
    await notify('accountability_opened', eventSeq, { trigger, cause });
  }

  /** §13: a refusal on a problem risking major state-asset loss goes, once, to an upward-report child. */
  async function proposeUpwardReport(eventSeq: number, event: Parameters<typeof upwardReportGround>[1]): Promise<void> {
    const ground = upwardReportGround(input.tags, event);
    if (!ground || upwardReportStarted) return;
    upwardReportStarted = await startUpwardReport({ problemId: input.problemId, ledgerNo: input.ledgerNo, ground, problemEventSeq: eventSeq, policy, proposedAtMs: now() });
  }

  /** The search attributes as the workflow last wrote them (as the starter set them at first). */
  let publishedAttributes = attributesKey(state, policy);
  function publish(): void {
    const attributes = attributesKey(state, policy);
    if (!deferredBackstop || attributes !== publishedAttributes) upsertSearchAttributes(problemSearchAttributes(state, policy));
    publishedAttributes = attributes;
    version += 1;
  }
  /** What the main loop's wait depends on, beside the timers it fires itself (deferredBackstop). */
  const waitKey = (): string => `${state.stage === 'closed'}|${state.deadline}|${isCompleted(state)}|${backstopDueMs}`;

  setHandler(stateQuery, () => ({
    ledgerNo: input.ledgerNo,
    state,
    seq,
    upcomingReminders: isCompleted(state) ? [] : reminderPlan({ deadline: state.deadline, policy, nowMs: now() }),
    triggers: [...triggers],
    policyNowMs: now(),
  }));

  setHandler(
    actUpdate,
    async (cmd: ActCommand) => {
      const before = state;
      state = applyAction(state, cmd.action, cmd.facts);
      publish();
      // Ids and facts only: the request's text is read from PostgreSQL by the trail activity.
      const actor = { id: cmd.actor.id, role: cmd.actor.role };
      // The issues service writes the entry of its request before it answers: its backstop may wait.
      const backstopLater = deferredBackstop && Boolean(cmd.requestId);
      const recorded = cmd.requestId
        ? record({ kind: 'action', action: cmd.action, actor, requestId: cmd.requestId, reason: null, payload: {}, stateBefore: before, stateAfter: state }, undefined, backstopLater)
        : record({ kind: 'action', action: cmd.action, actor: cmd.actor, reason: cmd.reason ?? null, payload: cmd.payload ?? {}, stateBefore: before, stateAfter: state });
      const mySeq = seq;
      // The answer carries the entries still unwritten, up to this action's, for the issues service
      // to write (idempotent under their seq) before it answers; the activity is the backstop.
      const answerFirst = since(ANSWER_BEFORE_TRAIL_PATCH);
      const trail = answerFirst ? [...unwritten.values()].filter((e) => e.seq <= mySeq).sort((a, b) => a.seq - b.seq) : [];
      if (!answerFirst) await recorded;
      const requestId = cmd.requestId ?? null;
      const after = state;
      // What follows from the action (notices, a case, an upward report) happens once, in order,
      // after the answer: the caller waits for the validated transition and its trail entry only.
      // (The actions named here are CONSEQUENTIAL_ACTIONS.)
      const consequences = async (): Promise<void> => {
        if (cmd.action === 'reviewDetermination' && before.pendingDetermination) {
          await notify('determination_made', mySeq, { criterion: before.pendingDetermination.criterion, accepted: Boolean(cmd.facts.accept) });
          const trigger = cmd.facts.accept ? triggerForCriterion(before.pendingDetermination.criterion as never) : null;
          if (trigger) await openCase(trigger, `认定为 ${before.pendingDetermination.criterion}：${TRIGGERS[trigger]}`);
          if (cmd.facts.accept) await proposeUpwardReport(mySeq, { confirmedCriterion: before.pendingDetermination.criterion });
        } else if (cmd.action === 'transferToDiscipline' && since(TRANSFER_NOTICE_PATCH)) {
          // 纪检组 decides on the transfer: it is told at once (its list of pending transfers shows it too).
          await notify('transfer_requested', mySeq, { transferredOn: localDateOf(now(), policy) }, [{ scope: 'commission', roles: ['discipline_group'] }]);
        } else if (cmd.action === 'rejectOpinion') {
          await proposeUpwardReport(mySeq, { opinionRejected: true });
        } else if (cmd.action === 'requestExtension') {
          await notify('extension_requested', mySeq, { requestedDeadline: cmd.facts.requestedDeadline ?? null, actionRequestId: requestId });
        } else if (cmd.action === 'decideExtension') {
          await notify('extension_decided', mySeq, { approved: Boolean(cmd.facts.approve), newDeadline: cmd.facts.approve ? after.deadline : null, actionRequestId: requestId });
        } else if (cmd.action === 'acceptCloseOut') {
          await notify('close_out_accepted', mySeq, { actionRequestId: requestId });
        }
      };
      if (answerFirst) {
        // Consequences refer to the entry: an action that has them does not let its backstop wait.
        if (backstopLater && CONSEQUENTIAL_ACTIONS.includes(cmd.action)) backDeferred();
        // Nobody awaits the entry's write now: its failure is reported by the consequences' catch below.
        void recorded.catch(() => undefined);
        // The consequences refer to the trail entry: they wait for it to be written.
        followUps = followUps
          .then(async () => {
            await recorded;
            await consequences();
          })
          .catch((err: unknown) => log.error('consequence of an action failed', { action: cmd.action, seq: mySeq, error: String(err) }));
        return { seq: mySeq, state: after, trail };
      }
      if (since(ANSWER_FIRST_PATCH)) {
        // Chained, so consequences of successive actions keep their order; the workflow ends only after them.
        followUps = followUps.then(consequences).catch((err: unknown) => log.error('consequence of an action failed', { action: cmd.action, seq: mySeq, error: String(err) }));
      } else {
        await consequences();
      }
      return { seq: mySeq, state: after };
    },
    {
      validator: (cmd: ActCommand) => {
        const refusal = checkAction(state, cmd.action, cmd.actor.role, cmd.facts);
        if (refusal) throw ApplicationFailure.create({ message: refusal, type: 'IllegalTransition', nonRetryable: true });
      },
    },
  );

  /** The next moment the policy asks something of this workflow, in policy time. */
  function nextDue(): { atMs: number; fire: () => Promise<void> } | null {
    if (state.stage === 'closed') return null;
    const candidates: { atMs: number; fire: () => Promise<void> }[] = [];
    const deadline = state.deadline;
    if (!isCompleted(state)) {
      for (const r of reminderPlan({ deadline, policy, nowMs: Number.NEGATIVE_INFINITY })) {
        const key = `${deadline}:${r.offsetDays}`;
        if (remindersSent.has(key) || r.atMs < input.registeredAtMs) continue;
        candidates.push({
          atMs: r.atMs,
          fire: async () => {
            remindersSent.add(key);
            const entry = { kind: 'reminder', action: null, actor: null, reason: null, payload: { offsetDays: r.offsetDays, deadline }, stateBefore: state, stateAfter: state } as const;
            // dueAtMs: the wall instant the reminder fell due, for the notifications service's lateness metric.
            const facts = { deadline, daysLeft: r.offsetDays, dueAtMs: wallTimeOf(anchor, r.atMs, policy) };
            if (since(TIMER_NOTICE_PATCH)) return record(entry, { type: 'reminder', facts });
            const recorded = record(entry);
            const eventSeq = seq;
            await recorded;
            await notify('reminder', eventSeq, facts);
          },
        });
      }
      if (!deadlinesPassed.has(deadline)) {
        candidates.push({
          atMs: dueAtMs(deadline, policy),
          fire: async () => {
            deadlinesPassed.add(deadline);
            const before = state;
            state = { ...state, overdue: true };
            publish();
            const entry = { kind: 'overdue', action: null, actor: null, reason: null, payload: { deadline }, stateBefore: before, stateAfter: state } as const;
            // Whole days past the deadline on the day the notice goes out (1 when the timer fires on time).
            const facts = () => ({ deadline, daysOverdue: Math.max(0, daysBetween(deadline, localDateOf(now(), policy))), dueAtMs: wallTimeOf(anchor, dueAtMs(deadline, policy), policy) });
            if (since(TIMER_NOTICE_PATCH)) {
              await record(entry, { type: 'overdue', facts: facts() });
            } else {
              const recorded = record(entry);
              const eventSeq = seq;
              await recorded;
              await notify('overdue', eventSeq, facts());
            }
            const trigger = deadlineTrigger({ completed: false, specialReason: Boolean(state.specialReason), extended: state.extended, atHardLimit: false });
            if (trigger) await openCase(trigger, `整改时限 ${deadline} 已到期，问题未整改完毕`);
          },
        });
      }
    }
    if (!hardLimitPassed && !isCompleted(state)) {
      candidates.push({
        atMs: dueAtMs(input.hardLimit, policy),
        fire: async () => {
          hardLimitPassed = true;
          await record({ kind: 'hard_limit', action: null, actor: null, reason: null, payload: { hardLimit: input.hardLimit }, stateBefore: state, stateAfter: state });
          const trigger = deadlineTrigger({ completed: false, specialReason: Boolean(state.specialReason), extended: state.extended, atHardLimit: true });
          if (trigger) await openCase(trigger, `下达后 ${policy.rectificationLimitMonths} 个月（${input.hardLimit}）仍未整改完毕`);
        },
      });
    }
    candidates.sort((a, b) => a.atMs - b.atMs);
    return candidates[0] ?? null;
  }

  // Workflows started with every search attribute set need no upsert now (one visibility write less).
  if (since(SEARCH_ATTRIBUTES_AT_START_PATCH)) version += 1;
  else publish();
  const shareWith = sharingAudience(input.tags ?? [], input.confidential ?? false);
  if (shareWith.length > 0 && since(TARGETED_SHARING_PATCH)) {
    const tagLabels = (input.tags ?? []).map((t) => PROBLEM_TAGS[t as ProblemTag] ?? t).join('、');
    await notify('problem_shared', 0, { tagLabels }, shareWith);
  }
  if (input.requestedDeadline && since(REGISTRATION_DEADLINE_REQUEST_PATCH)) {
    await notify('extension_requested', 0, { requestedDeadline: input.requestedDeadline, atRegistration: true, actionRequestId: null });
  }
  while (state.stage !== 'closed') {
    const next = nextDue();
    const seen = version;
    const seenKey = waitKey();
    // Before deferredBackstop, every change (every action) restarted the wait.
    const changed = deferredBackstop ? () => waitKey() !== seenKey : () => version !== seen;
    // Action entries waiting for their backstop (only with deferredBackstop): at most until it is due.
    const backstopInMs = backstopDueMs === null ? null : backstopDueMs - Date.now();
    if (backstopInMs !== null && backstopInMs <= 0) {
      backDeferred();
      continue;
    }
    if (!next) {
      if (backstopInMs === null) await condition(changed);
      else await condition(changed, backstopInMs);
      continue;
    }
    if (next.atMs <= now()) {
      await next.fire();
      continue;
    }
    const delayMs = wallDelayUntil(anchor, next.atMs, Date.now(), policy);
    await condition(changed, backstopInMs === null ? delayMs : Math.min(delayMs, backstopInMs));
  }
  backDeferred();
  await followUps;
  await writes;
  await condition(allHandlersFinished);
}
