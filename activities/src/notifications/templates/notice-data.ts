import type { NoticeType } from './notice-types.js';

/*
 * The data each notice type is rendered from. Dates are calendar dates 'YYYY-MM-DD' (Asia/Shanghai)
 * and are shown as given. Day counts are whole numbers computed by the caller against the same
 * calendar. Every string is untrusted: templates escape it for HTML and flatten it for headers.
 */

/** The problem a notice is about. */
interface ProblemRef {
  /** Ledger number of the problem (台账编号), e.g. 'E001-2025-017'; also the key of its console page. */
  ledgerNo: string;
  /** Title of the problem (问题摘要). */
  title: string;
}

/** reminder — a rectification deadline is approaching (§8 reminders: by default 30, 7, 1 days before). */
export interface ReminderData extends ProblemRef {
  /** Enterprise that must rectify the problem. */
  enterpriseName: string;
  /** Current rectification deadline, 'YYYY-MM-DD'. */
  deadline: string;
  /** Days from today to the deadline: > 0 ahead, 0 today, < 0 already passed. */
  daysLeft: number;
  /** Chinese name of the problem's current lifecycle stage, e.g. '推动整改'. */
  stageLabel: string;
}

/** overdue — the deadline passed and the problem is not completed (§8, §12 T1). */
export interface OverdueData extends ProblemRef {
  enterpriseName: string;
  /** The deadline that was missed, 'YYYY-MM-DD'. */
  deadline: string;
  /** Whole days since the deadline, >= 0 (1 = the deadline was yesterday). */
  daysOverdue: number;
}

/** accountability_opened — an accountability case was opened for the problem (§12). */
export interface AccountabilityOpenedData extends ProblemRef {
  enterpriseName: string;
  /** Trigger code: 'T1' overdue, 'T2' extension expired, 'T3' refused / not rectified, 'T4' false rectification. */
  trigger: 'T1' | 'T2' | 'T3' | 'T4';
  /** Chinese wording of the trigger, e.g. '逾期未完成整改且无特殊原因'. */
  triggerLabel: string;
  /** Why the case was opened, in the officer's words (may span lines). */
  cause: string;
}

/** accountability_measure — a measure of an accountability case was issued to the enterprise (§12 函告、约谈、通报). */
export interface AccountabilityMeasureData extends ProblemRef {
  enterpriseName: string;
  /** Chinese name of the measure: '函告', '约谈' or '通报'. */
  measureLabel: string;
  /** Chinese wording of the case's trigger. */
  triggerLabel: string;
  /** What the enterprise must know or do, in the issuer's words (may span lines). */
  summary: string;
}

/** extension_requested — an enterprise asks for a later deadline (§8 单独上报延长整改时限); goes to the approvers. */
export interface ExtensionRequestedData extends ProblemRef {
  /** Enterprise asking for the extension. */
  enterpriseName: string;
  /** Deadline in force, 'YYYY-MM-DD'. */
  currentDeadline: string;
  /** Deadline asked for, 'YYYY-MM-DD'. */
  requestedDeadline: string;
  /** Reason given by the enterprise (may span lines). */
  reason: string;
}

/** extension_decided — the Commission decided an extension request; goes to the enterprise. */
export interface ExtensionDecidedData extends ProblemRef {
  /** Whether the extension was granted. */
  approved: boolean;
  /** The deadline now in force when approved, 'YYYY-MM-DD'; null when refused. */
  newDeadline: string | null;
  /** The approver's comment, if any (may span lines). */
  comment: string | null;
}

/** determination_made — the rectification result of a problem was determined (§7). */
export interface DeterminationMadeData extends ProblemRef {
  /** §7 criterion code, 'C1'..'C4', 'P1', 'P2', 'N1'..'N4'. */
  criterion: string;
  /** Chinese wording of the criterion, e.g. '金额或事项已全部调整纠正'. */
  criterionLabel: string;
  /** Chinese outcome: '整改完毕', '部分整改' or '未整改'. */
  outcomeLabel: string;
  /**
   * Whether the reported rectification result was accepted (认可) by the determining party; false
   * means it was not, and rectification must continue.
   */
  accepted: boolean;
}

/** close_out_accepted — the supervision lead accepted the close-out of the problem (§9 销号). */
export interface CloseOutAcceptedData extends ProblemRef {
  /** The acceptance opinion (验收意见, may span lines). */
  opinion: string;
}

/**
 * problem_shared — a problem tagged 人员违纪违法 or 虚增业绩 is pushed to the divisions that must
 * know of it (§14: cadre management and 纪检组; performance assessment).
 */
export interface ProblemSharedData extends ProblemRef {
  enterpriseName: string;
  /** The tags that caused the push, as Chinese labels joined with 、 */
  tagLabels: string;
}

/** transfer_requested — a problem's clue was transferred to 纪检组, which must decide whether to accept it (§12 移送纪检). */
export interface TransferRequestedData extends ProblemRef {
  enterpriseName: string;
  /** Date of the transfer, 'YYYY-MM-DD'. */
  transferredOn: string;
}

/** push_received — the joint-meeting office pushed a written matter to a member unit (§11). */
export interface PushReceivedData {
  /** Id of the push; the key of its console page. */
  pushId: string;
  /** Subject of the pushed matter. */
  subject: string;
  /** Unit that sent the push, e.g. '联席会议办公室（监督处）'. */
  fromUnit: string;
  /** Date the written answer is due, 'YYYY-MM-DD'. */
  replyBy: string;
}

/** push_overdue — a member unit has not answered a push by its due date (§11). */
export interface PushOverdueData {
  pushId: string;
  subject: string;
  /** Member unit whose answer is overdue. */
  unitName: string;
  /** Date the answer was due, 'YYYY-MM-DD'. */
  replyBy: string;
  /** Whole days since replyBy, >= 0. */
  daysOverdue: number;
}

/** push_reminder — a member unit's reply to a push is due soon and not yet answered (§11). */
export interface PushReminderData {
  pushId: string;
  subject: string;
  /** Member unit that must answer. */
  unitName: string;
  /** Date the answer is due, 'YYYY-MM-DD'. */
  replyBy: string;
  /** Days from today to replyBy: > 0 ahead, 0 today. */
  daysLeft: number;
}

/** push_escalated — a member unit missed a push's reply date; told to the office director (§11). */
export interface PushEscalatedData {
  pushId: string;
  subject: string;
  /** Member unit whose answer is overdue. */
  unitName: string;
  replyBy: string;
  /** Whole days since replyBy, >= 0. */
  daysOverdue: number;
}

/** response_submitted — a unit's written response waits for its division leader's approval (§11). */
export interface ResponseSubmittedData {
  pushId: string;
  subject: string;
  unitName: string;
  /** Who submitted the response. */
  submittedBy: string;
  replyBy: string;
}

/** response_returned — the division leader returned the unit's response for changes (§11). */
/** response_approved — a member unit's leader approved its written response, which now reaches the office (§11). */
export interface ResponseApprovedData {
  pushId: string;
  subject: string;
  unitName: string;
  replyBy: string;
}

export interface ResponseReturnedData {
  pushId: string;
  subject: string;
  unitName: string;
  /** The leader's comment (may span lines). */
  comment: string;
  replyBy: string;
}

/** explanation_requested — the supervision side asks an enterprise for a written explanation (§10). */
export interface ExplanationRequestedData {
  /** Id of the request; the key of its console page. */
  requestId: string;
  /** Enterprise asked to explain. */
  enterpriseName: string;
  /** What is to be explained, e.g. '整改进度滞后'. */
  topic: string;
  /** Date the explanation is due, 'YYYY-MM-DD'. */
  replyBy: string;
}

/** explanation_reminder — the reply date of a requested explanation is near (§10). */
export interface ExplanationReminderData extends ExplanationRequestedData {
  /** Days from today to replyBy: > 0 ahead, 0 today. */
  daysLeft: number;
}

/** explanation_overdue — the enterprise has not explained by the reply date (§10). */
export interface ExplanationOverdueData extends ExplanationRequestedData {
  /** Whole days since replyBy, >= 0. */
  daysOverdue: number;
}

/** summary_ready — the periodic supervision summary and analysis (督办情况汇总分析) is ready (§10). */
export interface SummaryReadyData {
  /** Id of the summary; the key of its console page. */
  summaryId: string;
  /** The month covered, e.g. '2026年11月'. */
  monthLabel: string;
  /** Enterprises with problems in the summary. */
  enterprises: number;
  /** On-site visits recorded in the month. */
  visits: number;
  /** Overdue problems at the time of the summary. */
  overdue: number;
  /** Slow problems (no recorded progress for the policy's number of days). */
  slow: number;
}

/** One problem line of the weekly digest. */
export interface DigestItem {
  ledgerNo: string;
  title: string;
  enterpriseName: string;
  /** Rectification deadline, 'YYYY-MM-DD'. */
  deadline: string;
  /** Days from today to the deadline; negative when overdue. */
  daysLeft: number;
}

/** weekly_digest — the weekly summary of overdue and soon-due problems for one recipient. */
export interface WeeklyDigestData {
  /** Display name used in the greeting. */
  recipientName: string;
  /** The week covered, e.g. '2025年第23周（6月2日—6月8日）'. */
  periodLabel: string;
  /** Overdue problems listed (may be a selection; totals.overdue counts all). */
  overdue: DigestItem[];
  /** Problems due within 30 days listed (may be a selection; totals.dueWithin30Days counts all). */
  dueSoon: DigestItem[];
  /** Counts over every problem visible to the recipient. */
  totals: { open: number; overdue: number; dueWithin30Days: number };
}

/** Which party-committee approval a notice is about, and the console page of the proposal. */
interface ApprovalRef extends ProblemRef {
  /** 'separate_project' (另行立项, 第十条) or 'upward_report' (上报, 第十三条). */
  subjectKind: 'separate_project' | 'upward_report';
  /** Id of the proposal; the key of its console page. */
  subjectId: string;
  /** What is to be decided, in Chinese, e.g. '另行立项开展专项核查'. */
  matter: string;
  /** Enterprise the problem belongs to. */
  enterpriseName: string;
}

/** approval_requested — a proposal waits for the Commission party committee (§10, §13). */
export interface ApprovalRequestedData extends ApprovalRef {
  /** Date of the proposal, 'YYYY-MM-DD'. */
  proposedAt: string;
}

/** approval_reminder — a proposal still waits for the party committee (every approvalReminderDays). */
export interface ApprovalReminderData extends ApprovalRequestedData {
  /** Whole days the proposal has waited, >= 0. */
  waitingDays: number;
}

/** separate_project_decided / upward_report_decided — the party committee decided a proposal. */
export interface ApprovalDecidedData extends ApprovalRef {
  approved: boolean;
  /** Number of the approving document (立项文号 / 报告文号), when approved. */
  documentNumber: string | null;
  /** Why it was not approved (may span lines), when rejected. */
  reason: string | null;
}

/** notice_published — the joint-meeting office published a 通报 to every member (§11); members leave a read receipt. */
export interface NoticePublishedData {
  noticeId: string;
  title: string;
  /** Asia/Shanghai calendar date of publication. */
  publishedOn: string;
  /** How many problems of the ledger the notice names. */
  problems: number;
}

/** special_report_received — the joint-meeting office sent the Commission 党委 a 专报 (§11). */
export interface SpecialReportReceivedData {
  reportId: string;
  title: string;
  periodFrom: string;
  periodTo: string;
}

/** The data of each notice type, keyed by type. */
export interface NoticeDataMap {
  reminder: ReminderData;
  overdue: OverdueData;
  accountability_opened: AccountabilityOpenedData;
  accountability_measure: AccountabilityMeasureData;
  extension_requested: ExtensionRequestedData;
  extension_decided: ExtensionDecidedData;
  determination_made: DeterminationMadeData;
  close_out_accepted: CloseOutAcceptedData;
  problem_shared: ProblemSharedData;
  transfer_requested: TransferRequestedData;
  push_received: PushReceivedData;
  push_overdue: PushOverdueData;
  push_reminder: PushReminderData;
  push_escalated: PushEscalatedData;
  response_submitted: ResponseSubmittedData;
  response_returned: ResponseReturnedData;
  response_approved: ResponseApprovedData;
  explanation_requested: ExplanationRequestedData;
  explanation_reminder: ExplanationReminderData;
  explanation_overdue: ExplanationOverdueData;
  summary_ready: SummaryReadyData;
  approval_requested: ApprovalRequestedData;
  approval_reminder: ApprovalReminderData;
  separate_project_decided: ApprovalDecidedData;
  upward_report_decided: ApprovalDecidedData;
  weekly_digest: WeeklyDigestData;
  notice_published: NoticePublishedData;
  special_report_received: SpecialReportReceivedData;
}

/** The data of notice type T; with no argument, the union of every type's data. */
export type NoticeData<T extends NoticeType = NoticeType> = NoticeDataMap[T];

/** A notice as a queue or outbox carries it: discriminated on `type`. */
export type Notice = { [K in NoticeType]: { type: K; data: NoticeDataMap[K] } }[NoticeType];
