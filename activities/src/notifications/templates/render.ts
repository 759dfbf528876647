import type { ApprovalDecidedData, DigestItem, NoticeData, NoticeDataMap } from './notice-data.js';
import { isNoticeType, type NoticeType } from './notice-types.js';
import { escapeHtml, formatDaysLeft, formatDaysOverdue, normaliseLines, oneLine, truncate } from './format.js';

/** Every subject starts with this tag, so recipients can filter the system's mail. */
export const SUBJECT_PREFIX = '【审计整改】';
/** Longest subject, in UTF-16 code units (all CJK characters in use count one). */
export const SUBJECT_MAX_LENGTH = 150;
/** Last line of both the text and the HTML part. */
export const NOTICE_FOOTER = '此邮件由审计整改监督系统自动发送，请勿直接回复。';

export interface NoticeLinks {
  /** Base URL of the web console, e.g. 'https://rectify.example.gov.cn'; a trailing slash is ignored. */
  consoleUrl: string;
}

export interface RenderedNotice {
  /** Mail subject: one line, starts with SUBJECT_PREFIX, at most SUBJECT_MAX_LENGTH long. */
  subject: string;
  /** Plain-text mail part; the link stands on its own line; ends with NOTICE_FOOTER. */
  text: string;
  /** Self-contained HTML mail part (inline styles only); every value escaped; ends with NOTICE_FOOTER. */
  html: string;
  /** Console page the notice points to, or null when there is none. */
  link: string | null;
  /** In-app inbox title: the subject without its prefix; one line, plain text. */
  inboxTitle: string;
  /** In-app inbox body: the lead sentences, plain text (the inbox escapes it when displaying). */
  inboxBody: string;
}

/** One labelled fact; `block` values are free text whose line breaks are kept. */
interface Fact {
  label: string;
  value: string;
  block?: boolean;
}

/** A list of problems in the digest. */
interface Section {
  heading: string;
  items: DigestItem[];
  /** Shown instead of the list when it is empty. */
  emptyText: string;
  /** Shown under the list when it is a selection of a larger total. */
  note: string | null;
}

/** What a template produces; the layouts below turn it into text and HTML. All strings are raw. */
interface Content {
  /** Subject without the prefix. */
  subject: string;
  heading: string;
  /** Overdue and accountability notices get a red accent. */
  urgent: boolean;
  paragraphs: string[];
  facts: Fact[];
  sections: Section[];
  actionLabel: string;
  link: string;
}

interface Urls {
  problem(ledgerNo: string): string;
  push(pushId: string): string;
  explanation(requestId: string): string;
  summary(summaryId: string): string;
  overdueLedger(): string;
  approval(kind: 'separate_project' | 'upward_report', id: string): string;
  jointMeeting(tab: 'notices' | 'reports'): string;
}

function urlsFor(links: NoticeLinks): Urls {
  const base = links.consoleUrl.trim().replace(/\/+$/, '');
  return {
    problem: (ledgerNo) => `${base}/problems/${encodeURIComponent(ledgerNo)}`,
    push: (pushId) => `${base}/joint-meeting/pushes/${encodeURIComponent(pushId)}`,
    explanation: (requestId) => `${base}/supervision/explanations/${encodeURIComponent(requestId)}`,
    summary: (summaryId) => `${base}/supervision/summaries/${encodeURIComponent(summaryId)}`,
    overdueLedger: () => `${base}/ledger?overdue=true`,
    approval: (kind, id) => `${base}/approvals/${kind === 'separate_project' ? 'separate-projects' : 'upward-reports'}/${encodeURIComponent(id)}`,
    jointMeeting: (tab) => `${base}/joint-meeting?tab=${tab}`,
  };
}

/** A short value interpolated into a sentence or a header: one line, trimmed. */
const v = (value: string): string => oneLine(value).trim();
/** A free-text value kept on several lines. */
const block = (value: string): string => normaliseLines(value).trim();

type Template<K extends NoticeType> = (data: NoticeDataMap[K], urls: Urls) => Content;

const TEMPLATES: { [K in NoticeType]: Template<K> } = {
  reminder: (d, urls) => {
    const days = formatDaysLeft(d.daysLeft);
    return {
      subject: `整改时限提醒（${days}）：${v(d.ledgerNo)} ${v(d.title)}`,
      heading: '整改时限提醒',
      urgent: d.daysLeft <= 0,
      paragraphs: [
        `问题“${v(d.title)}”（台账编号 ${v(d.ledgerNo)}）的整改期限为 ${v(d.deadline)}，${days}。`,
        '请相关责任部门和责任人抓紧推进整改，确保按期完成。',
      ],
      facts: [
        { label: '台账编号', value: v(d.ledgerNo) },
        { label: '问题', value: v(d.title) },
        { label: '企业', value: v(d.enterpriseName) },
        { label: '当前阶段', value: v(d.stageLabel) },
        { label: '整改期限', value: `${v(d.deadline)}（${days}）` },
      ],
      sections: [],
      actionLabel: '查看问题',
      link: urls.problem(d.ledgerNo),
    };
  },

  overdue: (d, urls) => {
    const days = formatDaysOverdue(d.daysOverdue);
    return {
      subject: `整改逾期（${days}）：${v(d.ledgerNo)} ${v(d.title)}`,
      heading: '整改逾期',
      urgent: true,
      paragraphs: [
        `问题“${v(d.title)}”（台账编号 ${v(d.ledgerNo)}）的整改期限 ${v(d.deadline)} 已过，${days}，尚未整改完毕。`,
        '逾期未完成整改且无特殊原因的，将依规启动问责。请立即督促整改。',
      ],
      facts: [
        { label: '台账编号', value: v(d.ledgerNo) },
        { label: '问题', value: v(d.title) },
        { label: '企业', value: v(d.enterpriseName) },
        { label: '整改期限', value: `${v(d.deadline)}（${days}）` },
      ],
      sections: [],
      actionLabel: '查看问题',
      link: urls.problem(d.ledgerNo),
    };
  },

  accountability_opened: (d, urls) => ({
    subject: `启动问责：${v(d.ledgerNo)} ${v(d.title)}`,
    heading: '启动问责',
    urgent: true,
    paragraphs: [
      `因${v(d.triggerLabel)}，对${v(d.enterpriseName)}问题“${v(d.title)}”（台账编号 ${v(d.ledgerNo)}）启动问责。`,
      '问责情况将纳入企业负责人年度经营业绩考核。',
    ],
    facts: [
      { label: '台账编号', value: v(d.ledgerNo) },
      { label: '问题', value: v(d.title) },
      { label: '企业', value: v(d.enterpriseName) },
      { label: '问责情形', value: `${v(d.trigger)} ${v(d.triggerLabel)}` },
      { label: '问责事由', value: block(d.cause), block: true },
    ],
    sections: [],
    actionLabel: '查看问题',
    link: urls.problem(d.ledgerNo),
  }),

  accountability_measure: (d, urls) => ({
    subject: `问责${v(d.measureLabel)}：${v(d.ledgerNo)} ${v(d.title)}`,
    heading: `问责措施：${v(d.measureLabel)}`,
    urgent: true,
    paragraphs: [
      `因${v(d.triggerLabel)}，市国资委对${v(d.enterpriseName)}问题“${v(d.title)}”（台账编号 ${v(d.ledgerNo)}）采取${v(d.measureLabel)}问责措施。`,
      '请企业主要负责人高度重视，按要求落实整改并书面报告整改情况。',
    ],
    facts: [
      { label: '台账编号', value: v(d.ledgerNo) },
      { label: '问题', value: v(d.title) },
      { label: '企业', value: v(d.enterpriseName) },
      { label: '问责措施', value: v(d.measureLabel) },
      { label: '有关要求', value: block(d.summary), block: true },
    ],
    sections: [],
    actionLabel: '查看问责案件',
    link: urls.problem(d.ledgerNo),
  }),

  extension_requested: (d, urls) => ({
    subject: `延期申请待审批：${v(d.ledgerNo)} ${v(d.title)}`,
    heading: '延期申请',
    urgent: false,
    paragraphs: [
      `${v(d.enterpriseName)}申请将问题“${v(d.title)}”（台账编号 ${v(d.ledgerNo)}）的整改期限由 ${v(d.currentDeadline)} 延长至 ${v(d.requestedDeadline)}，请审批。`,
    ],
    facts: [
      { label: '台账编号', value: v(d.ledgerNo) },
      { label: '问题', value: v(d.title) },
      { label: '企业', value: v(d.enterpriseName) },
      { label: '现整改期限', value: v(d.currentDeadline) },
      { label: '申请延至', value: v(d.requestedDeadline) },
      { label: '申请理由', value: block(d.reason), block: true },
    ],
    sections: [],
    actionLabel: '审批延期申请',
    link: urls.problem(d.ledgerNo),
  }),

  extension_decided: (d, urls) => {
    const result = d.approved ? '已批准' : '未获批准';
    const facts: Fact[] = [
      { label: '台账编号', value: v(d.ledgerNo) },
      { label: '问题', value: v(d.title) },
      { label: '审批结果', value: d.approved ? '批准' : '不予批准' },
    ];
    if (d.approved && d.newDeadline !== null) facts.push({ label: '新的整改期限', value: v(d.newDeadline) });
    if (d.comment !== null && d.comment.trim() !== '') facts.push({ label: '审批意见', value: block(d.comment), block: true });
    let outcome: string;
    if (!d.approved) outcome = '请按原整改期限完成整改。';
    else if (d.newDeadline !== null) outcome = `整改期限延长至 ${v(d.newDeadline)}，请在新的期限内完成整改。`;
    else outcome = '请按批准的期限完成整改。';
    return {
      subject: `延期申请${result}：${v(d.ledgerNo)} ${v(d.title)}`,
      heading: '延期审批结果',
      urgent: false,
      paragraphs: [`问题“${v(d.title)}”（台账编号 ${v(d.ledgerNo)}）的延期申请${result}。`, outcome],
      facts,
      sections: [],
      actionLabel: '查看问题',
      link: urls.problem(d.ledgerNo),
    };
  },

  determination_made: (d, urls) => {
    const reported = `${v(d.outcomeLabel)}（${v(d.criterion)} ${v(d.criterionLabel)}）`;
    // Refused at review, the enterprise's determination is no result: the notice must not read as one.
    return {
      subject: d.accepted ? `整改结果认定（${v(d.outcomeLabel)}）：${v(d.ledgerNo)} ${v(d.title)}` : `整改结果认定未获认可：${v(d.ledgerNo)} ${v(d.title)}`,
      heading: d.accepted ? '整改结果认定' : '整改结果认定未获认可',
      urgent: !d.accepted,
      paragraphs: d.accepted
        ? [`问题“${v(d.title)}”（台账编号 ${v(d.ledgerNo)}）的整改结果认定为：${reported}。`, '整改结果予以认可。']
        : [
            `问题“${v(d.title)}”（台账编号 ${v(d.ledgerNo)}）报送的整改结果认定（${reported}）经复核不予认可，该认定不成立。`,
            '请核实整改情况后重新认定，并继续整改。',
          ],
      facts: [
        { label: '台账编号', value: v(d.ledgerNo) },
        { label: '问题', value: v(d.title) },
        { label: d.accepted ? '认定结果' : '报送的认定', value: v(d.outcomeLabel) },
        { label: '认定依据', value: `${v(d.criterion)} ${v(d.criterionLabel)}` },
        { label: '复核结果', value: d.accepted ? '认可' : '不予认可' },
      ],
      sections: [],
      actionLabel: '查看问题',
      link: urls.problem(d.ledgerNo),
    };
  },

  close_out_accepted: (d, urls) => ({
    subject: `问题销号：${v(d.ledgerNo)} ${v(d.title)}`,
    heading: '问题销号',
    urgent: false,
    paragraphs: [`问题“${v(d.title)}”（台账编号 ${v(d.ledgerNo)}）已通过销号验收，予以销号。`],
    facts: [
      { label: '台账编号', value: v(d.ledgerNo) },
      { label: '问题', value: v(d.title) },
      { label: '验收意见', value: block(d.opinion), block: true },
    ],
    sections: [],
    actionLabel: '查看问题',
    link: urls.problem(d.ledgerNo),
  }),

  problem_shared: (d, urls) => ({
    subject: `重点问题推送（${v(d.tagLabels)}）：${v(d.ledgerNo)} ${v(d.title)}`,
    heading: '重点问题推送',
    urgent: false,
    paragraphs: [`${v(d.enterpriseName)}的问题“${v(d.title)}”（台账编号 ${v(d.ledgerNo)}）涉及${v(d.tagLabels)}，按规定推送贵部门，请关注。`],
    facts: [
      { label: '台账编号', value: v(d.ledgerNo) },
      { label: '企业', value: v(d.enterpriseName) },
      { label: '问题', value: v(d.title) },
      { label: '涉及', value: v(d.tagLabels) },
    ],
    sections: [],
    actionLabel: '查看问题',
    link: urls.problem(d.ledgerNo),
  }),

  transfer_requested: (d, urls) => ({
    subject: `移送纪检待受理：${v(d.ledgerNo)} ${v(d.title)}`,
    heading: '移送纪检待受理',
    urgent: true,
    paragraphs: [`${v(d.enterpriseName)}的问题“${v(d.title)}”（台账编号 ${v(d.ledgerNo)}）已于 ${v(d.transferredOn)} 移送纪检组，请审查后作出受理决定。`],
    facts: [
      { label: '台账编号', value: v(d.ledgerNo) },
      { label: '企业', value: v(d.enterpriseName) },
      { label: '问题', value: v(d.title) },
      { label: '移送日期', value: v(d.transferredOn) },
    ],
    sections: [],
    actionLabel: '查看并受理',
    link: urls.problem(d.ledgerNo),
  }),

  push_received: (d, urls) => ({
    subject: `联席会议书面推送（请于 ${v(d.replyBy)} 前回复）：${v(d.subject)}`,
    heading: '联席会议书面推送',
    urgent: false,
    paragraphs: [
      `${v(d.fromUnit)}向贵单位书面推送事项“${v(d.subject)}”。`,
      `请经本单位分管领导审核后，于 ${v(d.replyBy)} 前书面回复意见及解决情况。`,
    ],
    facts: [
      { label: '推送事项', value: v(d.subject) },
      { label: '推送单位', value: v(d.fromUnit) },
      { label: '回复期限', value: v(d.replyBy) },
    ],
    sections: [],
    actionLabel: '查看并回复',
    link: urls.push(d.pushId),
  }),

  push_overdue: (d, urls) => {
    const days = formatDaysOverdue(d.daysOverdue);
    return {
      subject: `书面推送逾期（${days}）：${v(d.subject)}`,
      heading: '书面推送逾期',
      urgent: true,
      paragraphs: [
        `${v(d.unitName)}对书面推送事项“${v(d.subject)}”的回复期限 ${v(d.replyBy)} 已过，${days}，尚未书面回复。`,
        '请尽快经分管领导审核后书面回复。',
      ],
      facts: [
        { label: '推送事项', value: v(d.subject) },
        { label: '回复单位', value: v(d.unitName) },
        { label: '回复期限', value: `${v(d.replyBy)}（${days}）` },
      ],
      sections: [],
      actionLabel: '查看推送事项',
      link: urls.push(d.pushId),
    };
  },

  push_reminder: (d, urls) => {
    const days = formatDaysLeft(d.daysLeft);
    return {
      subject: `书面推送回复提醒（${days}）：${v(d.subject)}`,
      heading: '书面推送回复提醒',
      urgent: d.daysLeft <= 0,
      paragraphs: [
        `${v(d.unitName)}对联席会议书面推送事项“${v(d.subject)}”的回复期限为 ${v(d.replyBy)}，${days}，尚未书面回复。`,
        '请抓紧办理，经本单位分管领导审核后按期书面回复。',
      ],
      facts: [
        { label: '推送事项', value: v(d.subject) },
        { label: '回复单位', value: v(d.unitName) },
        { label: '回复期限', value: `${v(d.replyBy)}（${days}）` },
      ],
      sections: [],
      actionLabel: '查看并回复',
      link: urls.push(d.pushId),
    };
  },

  push_escalated: (d, urls) => {
    const days = formatDaysOverdue(d.daysOverdue);
    return {
      subject: `书面推送逾期督办（${days}）：${v(d.unitName)} ${v(d.subject)}`,
      heading: '书面推送逾期督办',
      urgent: true,
      paragraphs: [
        `成员单位${v(d.unitName)}对书面推送事项“${v(d.subject)}”的回复期限 ${v(d.replyBy)} 已过，${days}，仍未书面回复。`,
        '现提请联席会议办公室主任督促办理。',
      ],
      facts: [
        { label: '推送事项', value: v(d.subject) },
        { label: '逾期单位', value: v(d.unitName) },
        { label: '回复期限', value: `${v(d.replyBy)}（${days}）` },
      ],
      sections: [],
      actionLabel: '查看推送办理情况',
      link: urls.push(d.pushId),
    };
  },

  response_submitted: (d, urls) => ({
    subject: `书面反馈待审核：${v(d.unitName)} ${v(d.subject)}`,
    heading: '书面反馈待审核',
    urgent: false,
    paragraphs: [
      `${v(d.submittedBy)}已起草对书面推送事项“${v(d.subject)}”的反馈意见，提请您审核。`,
      `审核通过后方可报送联席会议办公室，回复期限为 ${v(d.replyBy)}。`,
    ],
    facts: [
      { label: '推送事项', value: v(d.subject) },
      { label: '反馈单位', value: v(d.unitName) },
      { label: '提交人', value: v(d.submittedBy) },
      { label: '回复期限', value: v(d.replyBy) },
    ],
    sections: [],
    actionLabel: '审核反馈',
    link: urls.push(d.pushId),
  }),

  response_returned: (d, urls) => ({
    subject: `书面反馈退回修改：${v(d.subject)}`,
    heading: '书面反馈退回修改',
    urgent: false,
    paragraphs: [
      `分管领导退回了${v(d.unitName)}对书面推送事项“${v(d.subject)}”的反馈意见，请按审核意见修改后重新提交。`,
      `回复期限为 ${v(d.replyBy)}。`,
    ],
    facts: [
      { label: '推送事项', value: v(d.subject) },
      { label: '反馈单位', value: v(d.unitName) },
      { label: '审核意见', value: block(d.comment), block: true },
      { label: '回复期限', value: v(d.replyBy) },
    ],
    sections: [],
    actionLabel: '修改反馈',
    link: urls.push(d.pushId),
  }),

  response_approved: (d, urls) => ({
    subject: `书面反馈已报送：${v(d.unitName)} ${v(d.subject)}`,
    heading: '书面反馈已报送',
    urgent: false,
    paragraphs: [`${v(d.unitName)}对书面推送事项“${v(d.subject)}”的反馈意见已经分管领导审核通过，报送联席会议办公室。`],
    facts: [
      { label: '推送事项', value: v(d.subject) },
      { label: '反馈单位', value: v(d.unitName) },
      { label: '回复期限', value: v(d.replyBy) },
    ],
    sections: [],
    actionLabel: '查看反馈',
    link: urls.push(d.pushId),
  }),

  explanation_requested: (d, urls) => ({
    subject: `要求书面说明情况（请于 ${v(d.replyBy)} 前提交）：${v(d.topic)}`,
    heading: '要求书面说明情况',
    urgent: false,
    paragraphs: [
      `请${v(d.enterpriseName)}就“${v(d.topic)}”书面说明情况，分析原因，并于 ${v(d.replyBy)} 前提交。`,
    ],
    facts: [
      { label: '企业', value: v(d.enterpriseName) },
      { label: '说明事项', value: v(d.topic) },
      { label: '提交期限', value: v(d.replyBy) },
    ],
    sections: [],
    actionLabel: '提交书面说明',
    link: urls.explanation(d.requestId),
  }),

  explanation_reminder: (d, urls) => {
    const days = formatDaysLeft(d.daysLeft);
    return {
      subject: `书面说明提醒（${days}）：${v(d.topic)}`,
      heading: '书面说明提醒',
      urgent: d.daysLeft <= 1,
      paragraphs: [
        `请${v(d.enterpriseName)}就“${v(d.topic)}”书面说明情况并分析原因，提交期限为 ${v(d.replyBy)}，${days}。`,
        '逾期未提交的，监督处将予以督办。',
      ],
      facts: [
        { label: '企业', value: v(d.enterpriseName) },
        { label: '说明事项', value: v(d.topic) },
        { label: '提交期限', value: `${v(d.replyBy)}（${days}）` },
      ],
      sections: [],
      actionLabel: '提交书面说明',
      link: urls.explanation(d.requestId),
    };
  },

  explanation_overdue: (d, urls) => {
    const days = formatDaysOverdue(d.daysOverdue);
    return {
      subject: `书面说明逾期（${days}）：${v(d.topic)}`,
      heading: '书面说明逾期',
      urgent: true,
      paragraphs: [
        `${v(d.enterpriseName)}就“${v(d.topic)}”的书面说明提交期限 ${v(d.replyBy)} 已过，${days}，尚未提交。`,
        '请企业立即书面说明情况及原因；监督处将跟踪督办。',
      ],
      facts: [
        { label: '企业', value: v(d.enterpriseName) },
        { label: '说明事项', value: v(d.topic) },
        { label: '提交期限', value: `${v(d.replyBy)}（${days}）` },
      ],
      sections: [],
      actionLabel: '查看书面说明',
      link: urls.explanation(d.requestId),
    };
  },

  summary_ready: (d, urls) => ({
    subject: `督办情况汇总分析（${v(d.monthLabel)}）：入户督办 ${d.visits} 次，逾期 ${d.overdue} 项，进展缓慢 ${d.slow} 项`,
    heading: '督办情况汇总分析',
    urgent: false,
    paragraphs: [
      `${v(d.monthLabel)}督办情况汇总分析已生成：涉及企业 ${d.enterprises} 户，入户督办 ${d.visits} 次，逾期问题 ${d.overdue} 项，进展缓慢问题 ${d.slow} 项。`,
      '请登录系统查阅并下载汇总分析报告（Word 文档）。',
    ],
    facts: [
      { label: '汇总月份', value: v(d.monthLabel) },
      { label: '涉及企业', value: `${d.enterprises} 户` },
      { label: '入户督办', value: `${d.visits} 次` },
      { label: '逾期问题', value: `${d.overdue} 项` },
      { label: '进展缓慢问题', value: `${d.slow} 项` },
    ],
    sections: [],
    actionLabel: '查看汇总分析',
    link: urls.summary(d.summaryId),
  }),

  approval_requested: (d, urls) => ({
    subject: `提请委党委审议：${v(d.matter)}（${v(d.ledgerNo)}）`,
    heading: '提请委党委审议',
    urgent: false,
    paragraphs: [`${v(d.proposedAt)}提出的“${v(d.matter)}”事项（涉及${v(d.enterpriseName)}问题“${v(d.title)}”，台账编号 ${v(d.ledgerNo)}）待委党委审议，请审议。`],
    facts: [
      { label: '审议事项', value: v(d.matter) },
      { label: '台账编号', value: v(d.ledgerNo) },
      { label: '问题', value: v(d.title) },
      { label: '企业', value: v(d.enterpriseName) },
      { label: '提出日期', value: v(d.proposedAt) },
    ],
    sections: [],
    actionLabel: '审议',
    link: urls.approval(d.subjectKind, d.subjectId),
  }),

  approval_reminder: (d, urls) => ({
    subject: `委党委审议催办（已等待 ${d.waitingDays} 天）：${v(d.matter)}（${v(d.ledgerNo)}）`,
    heading: '委党委审议催办',
    urgent: true,
    paragraphs: [`${v(d.proposedAt)}提出的“${v(d.matter)}”事项（台账编号 ${v(d.ledgerNo)}）已等待 ${d.waitingDays} 天，尚未审议，请及时审议。`],
    facts: [
      { label: '审议事项', value: v(d.matter) },
      { label: '台账编号', value: v(d.ledgerNo) },
      { label: '问题', value: v(d.title) },
      { label: '企业', value: v(d.enterpriseName) },
      { label: '提出日期', value: v(d.proposedAt) },
      { label: '已等待', value: `${d.waitingDays} 天` },
    ],
    sections: [],
    actionLabel: '审议',
    link: urls.approval(d.subjectKind, d.subjectId),
  }),

  separate_project_decided: (d, urls) => approvalDecided(d, urls, '另行立项审议结果', d.approved ? '请按立项组织开展工作，发现的问题登记入台账并关联原问题。' : '不另行立项。'),

  upward_report_decided: (d, urls) => approvalDecided(d, urls, '上报事项审议结果', d.approved ? '上报报告已形成并登记报送。' : '不予上报，不形成报告。'),

  weekly_digest: (d, urls) => {
    const { open, overdue, dueWithin30Days } = d.totals;
    const selection = (listed: number, total: number): string | null =>
      total > listed ? `仅列出 ${listed} 项，共 ${total} 项，请登录系统查看全部。` : null;
    return {
      subject: `每周整改动态（${v(d.periodLabel)}）：逾期 ${overdue} 项，30 天内到期 ${dueWithin30Days} 项`,
      heading: '每周整改动态',
      urgent: overdue > 0,
      paragraphs: [
        `${v(d.recipientName)}，您好：`,
        `${v(d.periodLabel)}，未销号问题 ${open} 项，其中已逾期 ${overdue} 项，30 天内到期 ${dueWithin30Days} 项。`,
      ],
      facts: [],
      sections: [
        {
          heading: `已逾期问题（${overdue} 项）`,
          items: d.overdue,
          emptyText: '本周无逾期问题。',
          note: selection(d.overdue.length, overdue),
        },
        {
          heading: `30 天内到期问题（${dueWithin30Days} 项）`,
          items: d.dueSoon,
          emptyText: '30 天内无到期问题。',
          note: selection(d.dueSoon.length, dueWithin30Days),
        },
      ],
      actionLabel: '查看逾期台账',
      link: urls.overdueLedger(),
    };
  },

  notice_published: (d, urls) => ({
    subject: `联席会议通报：${v(d.title)}`,
    heading: '联席会议通报',
    urgent: false,
    paragraphs: [`联席会议办公室于 ${v(d.publishedOn)} 发布通报“${v(d.title)}”，请登录系统阅读全文并回执。`],
    facts: [
      { label: '通报', value: v(d.title) },
      { label: '发布日期', value: v(d.publishedOn) },
      ...(d.problems > 0 ? [{ label: '涉及问题', value: `${d.problems} 项` }] : []),
    ],
    sections: [],
    actionLabel: '阅读通报',
    link: urls.jointMeeting('notices'),
  }),

  special_report_received: (d, urls) => ({
    subject: `联席会议专报：${v(d.title)}`,
    heading: '联席会议专报',
    urgent: false,
    paragraphs: [`联席会议办公室报送专报“${v(d.title)}”（${v(d.periodFrom)} 至 ${v(d.periodTo)}），请登录系统查阅并下载（Word 文档）。`],
    facts: [
      { label: '专报', value: v(d.title) },
      { label: '报告期间', value: `${v(d.periodFrom)} 至 ${v(d.periodTo)}` },
    ],
    sections: [],
    actionLabel: '查阅专报',
    link: urls.jointMeeting('reports'),
  }),
};

/** The party committee's decision on a proposal (另行立项 or 上报). */
function approvalDecided(d: ApprovalDecidedData, urls: Urls, heading: string, outcome: string): Content {
  const result = d.approved ? '审议通过' : '未予通过';
  const facts: Fact[] = [
    { label: '审议事项', value: v(d.matter) },
    { label: '台账编号', value: v(d.ledgerNo) },
    { label: '问题', value: v(d.title) },
    { label: '审议结果', value: result },
  ];
  if (d.approved && d.documentNumber) facts.push({ label: '文号', value: v(d.documentNumber) });
  if (!d.approved && d.reason) facts.push({ label: '理由', value: block(d.reason), block: true });
  return {
    subject: `${heading}（${result}）：${v(d.matter)}（${v(d.ledgerNo)}）`,
    heading,
    urgent: false,
    paragraphs: [`“${v(d.matter)}”事项（涉及${v(d.enterpriseName)}问题“${v(d.title)}”）委党委${result}。`, outcome],
    facts,
    sections: [],
    actionLabel: '查看审议事项',
    link: urls.approval(d.subjectKind, d.subjectId),
  };
}

function digestLine(item: DigestItem): string {
  return `${v(item.ledgerNo)}｜${v(item.title)}｜${v(item.enterpriseName)}｜整改期限 ${v(item.deadline)}（${formatDaysLeft(item.daysLeft)}）`;
}

function renderText(c: Content): string {
  const lines: string[] = [c.heading, '', ...c.paragraphs];
  if (c.facts.length > 0) {
    lines.push('');
    for (const f of c.facts) {
      lines.push(f.block && f.value.includes('\n') ? `${f.label}：\n${f.value}` : `${f.label}：${f.value}`);
    }
  }
  for (const s of c.sections) {
    lines.push('', s.heading);
    if (s.items.length === 0) lines.push(s.emptyText);
    for (const item of s.items) lines.push(`- ${digestLine(item)}`);
    if (s.note !== null) lines.push(s.note);
  }
  lines.push('', `${c.actionLabel}：`, c.link, '', '——', NOTICE_FOOTER);
  return lines.join('\n');
}

const FONT = "font-family:'PingFang SC','Microsoft YaHei','Noto Sans CJK SC',Arial,sans-serif";
/** Escapes a value for HTML and keeps its line breaks visible. */
const h = (value: string): string => escapeHtml(value).replace(/\n/g, '<br>');

function renderHtml(c: Content, subject: string): string {
  const accent = c.urgent ? '#b42318' : '#1d4ed8';
  const parts: string[] = [];
  for (const p of c.paragraphs) parts.push(`<p style="margin:0 0 12px 0;font-size:15px;line-height:1.7;color:#1f2937;">${h(p)}</p>`);
  if (c.facts.length > 0) {
    const rows = c.facts
      .map(
        (f) =>
          `<tr><th align="left" valign="top" style="padding:6px 12px 6px 0;font-size:14px;font-weight:normal;color:#6b7280;white-space:nowrap;">${h(f.label)}</th>` +
          `<td style="padding:6px 0;font-size:14px;line-height:1.6;color:#111827;">${h(f.value)}</td></tr>`,
      )
      .join('');
    parts.push(`<table role="presentation" cellpadding="0" cellspacing="0" style="margin:8px 0 16px 0;border-collapse:collapse;">${rows}</table>`);
  }
  for (const s of c.sections) {
    parts.push(`<h2 style="margin:20px 0 8px 0;font-size:16px;color:#111827;">${h(s.heading)}</h2>`);
    if (s.items.length === 0) {
      parts.push(`<p style="margin:0 0 12px 0;font-size:14px;color:#4b5563;">${h(s.emptyText)}</p>`);
    } else {
      const cell = 'padding:6px 8px;border:1px solid #e5e7eb;font-size:13px;line-height:1.5;';
      const head = ['台账编号', '问题', '企业', '整改期限', '时限']
        .map((t) => `<th align="left" style="${cell}background-color:#f3f4f6;color:#374151;">${h(t)}</th>`)
        .join('');
      const rows = s.items
        .map((i) => {
          const cells = [v(i.ledgerNo), v(i.title), v(i.enterpriseName), v(i.deadline), formatDaysLeft(i.daysLeft)];
          return `<tr>${cells.map((t) => `<td style="${cell}color:#111827;">${h(t)}</td>`).join('')}</tr>`;
        })
        .join('');
      parts.push(`<table role="presentation" cellpadding="0" cellspacing="0" width="100%" style="border-collapse:collapse;margin:0 0 8px 0;"><tr>${head}</tr>${rows}</table>`);
    }
    if (s.note !== null) parts.push(`<p style="margin:0 0 12px 0;font-size:13px;color:#6b7280;">${h(s.note)}</p>`);
  }
  const href = escapeHtml(c.link);
  parts.push(
    `<p style="margin:24px 0 8px 0;"><a href="${href}" target="_blank" rel="noopener" style="display:inline-block;padding:10px 24px;background-color:${accent};color:#ffffff;text-decoration:none;border-radius:4px;font-size:15px;font-weight:bold;">${h(c.actionLabel)}</a></p>`,
    `<p style="margin:0 0 8px 0;font-size:12px;line-height:1.6;color:#6b7280;word-break:break-all;">如按钮无法打开，请复制以下链接到浏览器：<br><a href="${href}" style="color:${accent};">${h(c.link)}</a></p>`,
  );
  return [
    '<!doctype html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${h(subject)}</title>`,
    '</head>',
    `<body style="margin:0;padding:0;background-color:#f3f4f6;${FONT};">`,
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background-color:#f3f4f6;"><tr><td align="center" style="padding:24px 12px;">',
    `<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="width:100%;max-width:600px;background-color:#ffffff;border:1px solid #e5e7eb;border-top:4px solid ${accent};${FONT};">`,
    `<tr><td style="padding:24px 28px 8px 28px;"><h1 style="margin:0 0 16px 0;font-size:20px;color:${accent};">${h(c.heading)}</h1>`,
    parts.join('\n'),
    '</td></tr>',
    `<tr><td style="padding:16px 28px 24px 28px;border-top:1px solid #e5e7eb;font-size:12px;color:#9ca3af;">${h(NOTICE_FOOTER)}</td></tr>`,
    '</table>',
    '</td></tr></table>',
    '</body>',
    '</html>',
  ].join('\n');
}

/**
 * Renders one notice for e-mail and the in-app inbox. Pure: no clock, no I/O. Throws a RangeError
 * for an unknown type or a day count that is not a whole number.
 */
export function renderNotice<T extends NoticeType>(type: T, data: NoticeData<T>, links: NoticeLinks): RenderedNotice {
  if (!isNoticeType(type)) throw new RangeError(`unknown notice type: ${String(type)}`);
  const template: Template<T> = TEMPLATES[type];
  const content = template(data, urlsFor(links));
  const title = oneLine(content.subject);
  const subject = truncate(SUBJECT_PREFIX + title, SUBJECT_MAX_LENGTH);
  return {
    subject,
    text: renderText(content),
    html: renderHtml(content, subject),
    link: content.link,
    inboxTitle: truncate(title, SUBJECT_MAX_LENGTH),
    inboxBody: content.paragraphs.join('\n'),
  };
}

/**
 * A notice about a 涉密 problem as e-mail carries it: that there is a notice about problem
 * `ledgerNo`, and the console link; no title, no facts, not even the kind of notice. The in-app
 * inbox, behind login and the visibility rule, shows the full notice to those who may read it.
 */
export function renderConfidentialNotice(about: { ledgerNo: string } | { explanationId: string } | { jointNotice: true }, links: NoticeLinks): RenderedNotice {
  const urls = urlsFor(links);
  const [what, link] =
    'ledgerNo' in about
      ? [`问题 ${oneLine(about.ledgerNo)}`, urls.problem(about.ledgerNo)]
      : 'explanationId' in about
        ? ['一项书面说明', urls.explanation(about.explanationId)]
        : ['联席会议办公室的一份通报', urls.jointMeeting('notices')];
  const title = `${what} 有一条新的通知`;
  const subject = truncate(SUBJECT_PREFIX + title, SUBJECT_MAX_LENGTH);
  const content: Content = {
    subject: title,
    heading: title,
    urgent: false,
    paragraphs: [`${what} 有一条新的通知。所涉问题为涉密问题，通知内容不通过邮件发送，请登录审计整改监督系统查看。`],
    facts: [],
    sections: [],
    actionLabel: '登录系统查看',
    link,
  };
  return { subject, text: renderText(content), html: renderHtml(content, subject), link: content.link, inboxTitle: title, inboxBody: content.paragraphs.join('\n') };
}
