import { ApplicationFailure, condition } from '@temporalio/workflow';
import { APPROVAL_DECIDERS, type ApprovalDecision } from '@rectify/contracts';
import { DAY_MS, wallDelayUntil, type Policy, type PolicyClockAnchor } from '@rectify/domain';

/** A decision the workflow accepted, with the policy-time instant it arrived. */
export interface DecisionTaken extends ApprovalDecision {
  atMs: number;
}

/**
 * Why the party committee's decision may not be taken now (the update's validator): only 委党委
 * decides, once; an approval carries the approving document's number, a rejection its reason.
 * Throws before the update touches history.
 */
export function refuseIllegalDecision(alreadyDecided: boolean, d: ApprovalDecision): void {
  let refusal: string | null = null;
  if (!APPROVAL_DECIDERS.includes(d.actor.role)) refusal = '只有委党委可以作出审议决定';
  else if (alreadyDecided) refusal = '该事项委党委已作出审议决定，不能重复审议';
  else if (d.approve && !(d.requestId ? d.documentNumberGiven : d.documentNumber?.trim())) refusal = 'documentNumber：审议通过时须填写文号';
  else if (!d.approve && !(d.requestId ? d.reasonGiven : d.reason?.trim())) refusal = 'reason：未予通过时须说明理由';
  if (refusal) throw ApplicationFailure.create({ message: refusal, type: 'IllegalTransition', nonRetryable: true });
}

export interface ApprovalWait {
  policy: Policy;
  anchor: PolicyClockAnchor;
  /** Policy-time instant the proposal was made; reminders fall every approvalReminderDays after it. */
  proposedAtMs: number;
  decision: () => DecisionTaken | null;
  /** Reminds the approvers for the `n`-th time (1, 2, …). */
  remind: (n: number) => Promise<void>;
}

/**
 * Waits for the party committee's decision, reminding it every policy.approvalReminderDays while
 * it waits (approve-or-timeout, as in samples-typescript expense: `condition(fn, timeout)`).
 */
export async function awaitDecision(w: ApprovalWait): Promise<DecisionTaken> {
  const every = w.policy.approvalReminderDays * DAY_MS;
  for (let n = 1; ; n += 1) {
    const delay = wallDelayUntil(w.anchor, w.proposedAtMs + n * every, Date.now(), w.policy);
    if (delay > 0 && (await condition(() => w.decision() !== null, delay))) break;
    const taken = w.decision();
    if (taken) return taken;
    await w.remind(n);
  }
  return w.decision() as DecisionTaken;
}
