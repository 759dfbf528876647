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
  extension_requested: { label: '延期申请', mandatory: false },
  extension_decided: { label: '延期审批结果', mandatory: false },
  determination_made: { label: '整改结果认定', mandatory: false },
  close_out_accepted: { label: '问题销号', mandatory: false },
  problem_shared: { label: '重点问题推送', mandatory: false },
  push_received: { label: '联席会议书面推送', mandatory: false },
  push_overdue: { label: '书面推送逾期', mandatory: true },
  explanation_requested: { label: '要求书面说明情况', mandatory: false },
  weekly_digest: { label: '每周整改动态', mandatory: false },
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
