import { defineSearchAttributeKey, SearchAttributeType, type SearchAttributePair, type SearchAttributeUpdatePair } from '@temporalio/common';
import { dueAtMs, type LifecycleState, type Policy } from '@rectify/domain';

/** Typed keys of Rectify's search attributes (registered by the launcher; see libs/contracts). */
export const SA = {
  LedgerNo: defineSearchAttributeKey('LedgerNo', SearchAttributeType.KEYWORD),
  EnterpriseCode: defineSearchAttributeKey('EnterpriseCode', SearchAttributeType.KEYWORD),
  Stage: defineSearchAttributeKey('Stage', SearchAttributeType.KEYWORD),
  Outcome: defineSearchAttributeKey('Outcome', SearchAttributeType.KEYWORD),
  Source: defineSearchAttributeKey('Source', SearchAttributeType.KEYWORD),
  Deadline: defineSearchAttributeKey('Deadline', SearchAttributeType.DATETIME),
  Overdue: defineSearchAttributeKey('Overdue', SearchAttributeType.BOOL),
};

/** The attributes that change with the problem's state; no confidential text ever goes here. */
export function problemSearchAttributes(state: LifecycleState, policy: Policy): SearchAttributeUpdatePair[] {
  return [
    { key: SA.Stage, value: state.stage },
    { key: SA.Outcome, value: state.outcome ?? 'none' },
    { key: SA.Deadline, value: new Date(dueAtMs(state.deadline, policy)) },
    { key: SA.Overdue, value: state.overdue },
  ];
}

/** The values problemSearchAttributes gives for `state`, as one string: equal when nothing changed. */
export function attributesKey(state: LifecycleState, policy: Policy): string {
  return JSON.stringify(problemSearchAttributes(state, policy).map((a) => a.value));
}

/** Every attribute of a problem as it is registered: given when its workflow starts. */
export function initialSearchAttributes(p: { ledgerNo: string; enterpriseCode: string; source: string; deadline: string; responsibilityAssigned: boolean }, policy: Policy): SearchAttributePair[] {
  return [
    { key: SA.LedgerNo, value: p.ledgerNo },
    { key: SA.EnterpriseCode, value: p.enterpriseCode },
    { key: SA.Source, value: p.source },
    { key: SA.Stage, value: p.responsibilityAssigned ? 'plan' : 'assign' },
    { key: SA.Outcome, value: 'none' },
    { key: SA.Deadline, value: new Date(dueAtMs(p.deadline, policy)) },
    { key: SA.Overdue, value: false },
  ];
}
