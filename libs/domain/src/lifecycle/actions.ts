import { ROLES, type Role } from '@rectify/contracts';
import type { Outcome } from '../criteria.js';
import { STAGE_LABELS, type Stage } from './stages.js';

/** The two enterprise bodies whose approval a plan and a report need (§4). */
export const APPROVAL_BODIES = { party_committee: '党委会', board: '董事会' } as const;
export type ApprovalBody = keyof typeof APPROVAL_BODIES;

/** What the workflow knows of a problem's progress; enough to decide what may happen next. */
export interface LifecycleState {
  stage: Stage;
  planSubmitted: boolean;
  planApprovals: ApprovalBody[];
  reportSubmitted: boolean;
  reportApprovals: ApprovalBody[];
  /** A determination made by internal audit and waiting for the Commission's review. */
  pendingDetermination: { criterion: string; outcome: Outcome } | null;
  /** The last determination the Commission confirmed. */
  outcome: Outcome | null;
  criterion: string | null;
  pendingExtension: { requestedDeadline: string } | null;
  /** After a confirmed 未整改: whether internal audit has proposed the handling (§8) since. */
  handlingProposed?: boolean;
  /** 移送纪检: a transfer to discipline inspection waiting for its decision, and whether one was accepted (受理). */
  transferPending?: boolean;
  transferAccepted?: boolean;
  /** §13: the enterprise's leadership has recorded that it does not adopt the Commission's opinion. */
  opinionRejected?: boolean;
  /** The rectification deadline now in force ('YYYY-MM-DD'). */
  deadline: string;
  extended: boolean;
  /**
   * Whether an approved special reason (特殊事由) excuses the problem from the deadline triggers.
   * A flag only: the reason's text stays in the ledger (histories recorded before carry the text,
   * which reads as true).
   */
  specialReason: boolean;
  overdue: boolean;
}

/** Every stage action, in the order the policy runs them. */
export const ACTIONS = {
  assignResponsibility: { label: '分解整改责任', roles: [ROLES.ENTERPRISE_AUDIT, ROLES.SUPERVISION_OFFICER] },
  submitPlan: { label: '提交整改方案', roles: [ROLES.ENTERPRISE_BUSINESS] },
  approvePlan: { label: '登记方案审议（党委会/董事会）', roles: [ROLES.ENTERPRISE_LEADER] },
  reportProgress: { label: '报送整改进展', roles: [ROLES.ENTERPRISE_BUSINESS] },
  submitReport: { label: '提交整改报告', roles: [ROLES.ENTERPRISE_AUDIT] },
  approveReport: { label: '登记报告审议（党委会/董事会）', roles: [ROLES.ENTERPRISE_LEADER] },
  determine: { label: '认定整改结果', roles: [ROLES.ENTERPRISE_AUDIT] },
  reviewDetermination: { label: '复核整改结果认定', roles: [ROLES.SUPERVISION_OFFICER] },
  proposeHandling: { label: '提出未整改问题处理建议', roles: [ROLES.ENTERPRISE_AUDIT] },
  recordFollowUp: { label: '登记后续审计', roles: [ROLES.ENTERPRISE_AUDIT, ROLES.SUPERVISION_OFFICER] },
  acceptCloseOut: { label: '销号验收', roles: [ROLES.SUPERVISION_LEAD] },
  requestExtension: { label: '申请延长整改时限', roles: [ROLES.ENTERPRISE_AUDIT] },
  transferToDiscipline: { label: '移送纪检', roles: [ROLES.SUPERVISION_OFFICER, ROLES.ENTERPRISE_AUDIT] },
  decideTransfer: { label: '纪检组受理决定', roles: [ROLES.DISCIPLINE_GROUP] },
  decideExtension: { label: '审批延长整改时限', roles: [ROLES.SUPERVISION_LEAD] },
  rejectOpinion: { label: '登记不采纳市国资委监管意见', roles: [ROLES.ENTERPRISE_LEADER] },
  reassignResponsibility: { label: '调整整改责任', roles: [ROLES.ENTERPRISE_AUDIT, ROLES.SUPERVISION_OFFICER] },
  refuseCloseOut: { label: '退回销号（不予销号）', roles: [ROLES.SUPERVISION_LEAD] },
} as const satisfies Record<string, { label: string; roles: Role[] }>;

export type ActionName = keyof typeof ACTIONS;

export function isActionName(value: unknown): value is ActionName {
  return typeof value === 'string' && Object.hasOwn(ACTIONS, value);
}

/** The parts of an action's payload the state machine reads (the service validates the rest). */
export interface ActionFacts {
  body?: ApprovalBody;
  criterion?: string;
  outcome?: Outcome;
  accept?: boolean;
  holds?: boolean;
  approve?: boolean;
  requestedDeadline?: string;
  /** Whether the request (or the extension being decided) gives a special reason; never its text. */
  specialReason?: boolean;
}

const inStage = (state: LifecycleState, ...stages: Stage[]) => stages.includes(state.stage);

const wrongStage = (state: LifecycleState, action: ActionName) =>
  `当前处于「${STAGE_LABELS[state.stage]}」阶段，不能${ACTIONS[action].label}`;

/**
 * Why `role` may not take `action` now, or null when it may. The roles come from ACTIONS; the
 * order from the policy: a stage cannot be skipped and an approval cannot be recorded twice.
 */
export function checkAction(state: LifecycleState, action: ActionName, role: Role, facts: ActionFacts = {}): string | null {
  const spec = ACTIONS[action];
  if (!(spec.roles as readonly Role[]).includes(role)) return `当前角色无权${spec.label}`;
  if (state.stage === 'closed') return '问题已销号，不能再变更';
  switch (action) {
    case 'assignResponsibility':
      return inStage(state, 'assign') ? null : wrongStage(state, action);
    case 'reassignResponsibility':
      // Once assigned, responsibility may be changed (with a reason) until the problem awaits close-out.
      return inStage(state, 'plan', 'rectify', 'report', 'determine', 'follow_up') ? null : wrongStage(state, action);
    case 'submitPlan':
      if (!inStage(state, 'plan')) return wrongStage(state, action);
      return state.planApprovals.length > 0 ? '方案已开始审议，不能再修改；如需调整请在审议后通过整改进展报送' : null;
    case 'approvePlan':
      if (!inStage(state, 'plan')) return wrongStage(state, action);
      if (!state.planSubmitted) return '整改方案尚未提交，不能登记审议';
      if (!facts.body) return 'body：须指明审议机构（党委会或董事会）';
      return state.planApprovals.includes(facts.body) ? `body：${APPROVAL_BODIES[facts.body]}已审议通过该方案` : null;
    case 'reportProgress':
      return inStage(state, 'rectify', 'report') ? null : wrongStage(state, action);
    case 'submitReport':
      if (!inStage(state, 'rectify')) return wrongStage(state, action);
      // §8: a problem confirmed 未整改 is verified again and its handling proposed before it reports again.
      return state.outcome === 'not_rectified' && !state.handlingProposed ? '该问题认定为未整改，须先会同纪检、组织部门提出处理建议' : null;
    case 'proposeHandling':
      if (!inStage(state, 'rectify') || state.outcome !== 'not_rectified') return '只有认定为「未整改」、正在整改的问题需要提出处理建议';
      return null;
    case 'approveReport':
      if (!inStage(state, 'report')) return wrongStage(state, action);
      if (!facts.body) return 'body：须指明审议机构（党委会或董事会）';
      return state.reportApprovals.includes(facts.body) ? `body：${APPROVAL_BODIES[facts.body]}已审议通过该报告` : null;
    case 'determine':
      if (!inStage(state, 'determine')) return wrongStage(state, action);
      if (state.pendingDetermination) return '已有待复核的认定，请等待监督处复核';
      // §7: C3 rests on a transfer to discipline inspection that was accepted (移送纪检部门并已受理).
      return facts.criterion === 'C3' && !state.transferAccepted ? 'criterion：C3 须以纪检组已受理的移送为依据，该问题尚无已受理的移送' : null;
    case 'transferToDiscipline':
      if (state.transferPending) return '已有待纪检组受理的移送';
      return state.transferAccepted ? '该问题的移送已被纪检组受理' : null;
    case 'decideTransfer':
      return state.transferPending ? null : '没有待受理的移送';
    case 'reviewDetermination':
      if (!inStage(state, 'determine')) return wrongStage(state, action);
      return state.pendingDetermination ? null : '没有待复核的认定';
    case 'recordFollowUp':
      return inStage(state, 'follow_up') ? null : wrongStage(state, action);
    case 'acceptCloseOut':
    case 'refuseCloseOut':
      return inStage(state, 'close_out') ? null : wrongStage(state, action);
    case 'requestExtension':
      if (state.outcome !== 'partial') return '只有认定为「部分整改」的问题可以单独申请延长整改时限';
      if (state.pendingExtension) return '已有待审批的延期申请';
      return null;
    case 'decideExtension':
      return state.pendingExtension ? null : '没有待审批的延期申请';
    case 'rejectOpinion':
      // §13: an opinion can be refused while the problem is being rectified or determined, once.
      if (!inStage(state, 'assign', 'plan', 'rectify', 'report', 'determine')) return wrongStage(state, action);
      return state.opinionRejected ? '已登记不采纳市国资委监管意见' : null;
  }
}

/** The state after `action` (checked first with checkAction). Pure: returns a new object. */
export function applyAction(state: LifecycleState, action: ActionName, facts: ActionFacts = {}): LifecycleState {
  const s: LifecycleState = { ...state, planApprovals: [...state.planApprovals], reportApprovals: [...state.reportApprovals] };
  switch (action) {
    case 'assignResponsibility':
      s.stage = 'plan';
      break;
    case 'submitPlan':
      s.planSubmitted = true;
      s.planApprovals = [];
      break;
    case 'approvePlan':
      s.planApprovals.push(facts.body as ApprovalBody);
      if (s.planApprovals.length === Object.keys(APPROVAL_BODIES).length) s.stage = 'rectify';
      break;
    case 'reportProgress':
      break;
    case 'proposeHandling':
      s.handlingProposed = true;
      break;
    case 'submitReport':
      s.stage = 'report';
      s.reportSubmitted = true;
      s.reportApprovals = [];
      break;
    case 'approveReport':
      s.reportApprovals.push(facts.body as ApprovalBody);
      if (s.reportApprovals.length === Object.keys(APPROVAL_BODIES).length) s.stage = 'determine';
      break;
    case 'determine':
      s.pendingDetermination = { criterion: facts.criterion ?? '', outcome: facts.outcome ?? 'not_rectified' };
      break;
    case 'transferToDiscipline':
      s.transferPending = true;
      break;
    case 'decideTransfer':
      s.transferPending = false;
      s.transferAccepted = Boolean(facts.accept);
      break;
    case 'reviewDetermination': {
      const pending = s.pendingDetermination;
      s.pendingDetermination = null;
      if (!facts.accept || !pending) break;
      s.outcome = pending.outcome;
      s.criterion = pending.criterion;
      s.handlingProposed = false;
      // §8: completed → follow-up audit → close-out; partial and not rectified go back to
      // rectification (partial with measures, person and time limit fixed; not rectified after
      // re-verification and a handling proposal), and report again.
      s.stage = pending.outcome === 'completed' ? 'follow_up' : 'rectify';
      s.reportSubmitted = false;
      s.reportApprovals = [];
      break;
    }
    case 'recordFollowUp':
      if (facts.holds) {
        s.stage = 'close_out';
      } else {
        s.stage = 'rectify';
        s.outcome = null;
        s.criterion = null;
        s.reportSubmitted = false;
        s.reportApprovals = [];
      }
      break;
    case 'acceptCloseOut':
      s.stage = 'closed';
      break;
    case 'reassignResponsibility':
      break;
    case 'refuseCloseOut':
      // §9: the supervision lead does not accept the close-out: the result is audited again.
      s.stage = 'follow_up';
      break;
    case 'requestExtension':
      s.pendingExtension = { requestedDeadline: facts.requestedDeadline ?? s.deadline };
      break;
    case 'decideExtension':
      if (facts.approve && s.pendingExtension) {
        s.deadline = s.pendingExtension.requestedDeadline;
        s.extended = true;
        s.overdue = false;
        if (facts.specialReason) s.specialReason = true;
      }
      s.pendingExtension = null;
      break;
    case 'rejectOpinion':
      s.opinionRejected = true;
      break;
  }
  return s;
}

/** Whether the problem counts as rectified (整改完毕) now. */
export function isCompleted(state: LifecycleState): boolean {
  return state.outcome === 'completed';
}

/**
 * The state of a newly registered problem. `requestedDeadline` is a deadline past the hard limit
 * asked for at registration (see registrationDeadline): it waits, like an extension, for the
 * supervision lead's decision, while `deadline` (the hard limit) stands.
 */
export function registeredState(deadline: string, responsibilityAssigned: boolean, requestedDeadline: string | null = null): LifecycleState {
  return {
    stage: responsibilityAssigned ? 'plan' : 'assign',
    planSubmitted: false,
    planApprovals: [],
    reportSubmitted: false,
    reportApprovals: [],
    pendingDetermination: null,
    outcome: null,
    criterion: null,
    pendingExtension: requestedDeadline ? { requestedDeadline } : null,
    deadline,
    extended: false,
    specialReason: false,
    overdue: false,
  };
}
