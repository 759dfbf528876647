export { NOTICE_TYPES, NOTICE_TYPE_LIST, isMandatory, isNoticeType, type NoticeType, type NoticeTypeInfo } from './notice-types.js';
export type {
  AccountabilityOpenedData,
  CloseOutAcceptedData,
  DeterminationMadeData,
  DigestItem,
  ExplanationRequestedData,
  ExtensionDecidedData,
  ExtensionRequestedData,
  Notice,
  NoticeData,
  NoticeDataMap,
  OverdueData,
  PushOverdueData,
  PushReceivedData,
  ReminderData,
  WeeklyDigestData,
} from './notice-data.js';
export { NOTICE_FOOTER, SUBJECT_MAX_LENGTH, SUBJECT_PREFIX, renderNotice, type NoticeLinks, type RenderedNotice } from './render.js';
export { escapeHtml, formatDaysLeft, formatDaysOverdue } from './format.js';
