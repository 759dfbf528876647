/**
 * The kinds of notice the notifications service sends, as data.
 *
 * A mandatory notice cannot be switched off by its recipient: it carries a legal time limit or an
 * accountability step (deadline reminders and overdue notices per §8/§12, accountability per §12,
 * overdue joint-meeting pushes per §11).
 */
export interface NoticeTypeInfo {
  /** Chinese name shown to users (inbox filter, notification settings). */
  readonly label: string;
  /** Whether the recipient is barred from unsubscribing. */
  readonly mandatory: boolean;
}

export const NOTICE_TYPES = {
  reminder: { label: '整改时限提醒', mandatory: true },
  overdue: { label: '整改逾期', mandatory: true },
  accountability_opened: { label: '启动问责', mandatory: true },
  accountability_measure: { label: '问责措施', mandatory: true },
  extension_requested: { label: '延期申请', mandatory: false },
  extension_decided: { label: '延期审批结果', mandatory: false },
  determination_made: { label: '整改结果认定', mandatory: false },
  close_out_accepted: { label: '问题销号', mandatory: false },
  problem_shared: { label: '重点问题推送', mandatory: false },
  transfer_requested: { label: '移送纪检待受理', mandatory: true },
  push_received: { label: '联席会议书面推送', mandatory: false },
  push_overdue: { label: '书面推送逾期', mandatory: true },
  push_reminder: { label: '书面推送回复提醒', mandatory: true },
  push_escalated: { label: '书面推送逾期督办', mandatory: true },
  response_submitted: { label: '书面反馈待审核', mandatory: false },
  response_returned: { label: '书面反馈退回修改', mandatory: false },
  response_approved: { label: '书面反馈已报送', mandatory: false },
  explanation_requested: { label: '要求书面说明情况', mandatory: false },
  explanation_reminder: { label: '书面说明提醒', mandatory: false },
  explanation_overdue: { label: '书面说明逾期', mandatory: true },
  summary_ready: { label: '督办情况汇总分析', mandatory: false },
  approval_requested: { label: '提请委党委审议', mandatory: false },
  approval_reminder: { label: '委党委审议催办', mandatory: false },
  separate_project_decided: { label: '另行立项审议结果', mandatory: false },
  upward_report_decided: { label: '上报事项审议结果', mandatory: false },
  weekly_digest: { label: '每周整改动态', mandatory: false },
  notice_published: { label: '联席会议通报', mandatory: false },
  special_report_received: { label: '联席会议专报', mandatory: false },
} as const satisfies Record<string, NoticeTypeInfo>;

export type NoticeType = keyof typeof NOTICE_TYPES;

/** Every notice type, in declaration order. */
export const NOTICE_TYPE_LIST = Object.keys(NOTICE_TYPES) as NoticeType[];

/** True for an own key of NOTICE_TYPES (so not for 'toString' and other inherited names). */
export function isNoticeType(value: unknown): value is NoticeType {
  return typeof value === 'string' && Object.hasOwn(NOTICE_TYPES, value);
}

export function isMandatory(type: NoticeType): boolean {
  return NOTICE_TYPES[type].mandatory;
}
