import { describe, expect, it } from '@jest/globals';
import type { DigestItem, NoticeDataMap, WeeklyDigestData } from './notice-data.js';
import { NOTICE_TYPE_LIST, type NoticeType } from './notice-types.js';
import { NOTICE_FOOTER, SUBJECT_MAX_LENGTH, SUBJECT_PREFIX, renderNotice, type RenderedNotice } from './render.js';

const CONSOLE = 'https://rectify.example.gov.cn';
const links = { consoleUrl: CONSOLE };

const SAMPLES: { [K in NoticeType]: NoticeDataMap[K] } = {
  reminder: {
    ledgerNo: 'E001-2025-017',
    title: '工程款超付未追回',
    enterpriseName: '市城建投资集团',
    deadline: '2025-06-30',
    daysLeft: 7,
    stageLabel: '推动整改',
  },
  overdue: {
    ledgerNo: 'E002-2025-003',
    title: '违规出借资金',
    enterpriseName: '市交通集团',
    deadline: '2025-05-31',
    daysOverdue: 4,
  },
  accountability_opened: {
    ledgerNo: 'E003-2024-101',
    title: '虚增营业收入',
    enterpriseName: '市水务集团',
    trigger: 'T4',
    triggerLabel: '虚假整改',
    cause: '整改报告所附凭证与实际不符',
  },
  accountability_measure: {
    ledgerNo: 'E003-2024-101',
    title: '虚增营业收入',
    enterpriseName: '市水务集团',
    measureLabel: '约谈',
    triggerLabel: '虚假整改敷衍应付',
    summary: '2026-12-01 在市国资委 301 会议室约谈企业主要负责人',
  },
  extension_requested: {
    ledgerNo: 'E004-2025-008',
    title: '闲置土地未盘活',
    enterpriseName: '市国资运营公司',
    currentDeadline: '2025-07-15',
    requestedDeadline: '2025-10-15',
    reason: '土地收储程序需市政府审批',
  },
  extension_decided: {
    ledgerNo: 'E004-2025-008',
    title: '闲置土地未盘活',
    approved: true,
    newDeadline: '2025-09-30',
    comment: '同意延期至9月底',
  },
  determination_made: {
    ledgerNo: 'E005-2025-021',
    title: '采购未公开招标',
    criterion: 'C2',
    criterionLabel: '发现问题后立即纠正并完善内控',
    outcomeLabel: '整改完毕',
    accepted: true,
  },
  close_out_accepted: {
    ledgerNo: 'E005-2025-021',
    title: '采购未公开招标',
    opinion: '经后续审计，整改到位，同意销号',
  },
  problem_shared: {
    ledgerNo: 'E006-2025-003',
    title: '虚增营业收入',
    enterpriseName: '市交通运输发展集团有限公司',
    tagLabels: '虚增业绩',
  },
  transfer_requested: {
    ledgerNo: 'E006-2025-004',
    title: '违规发放津贴',
    enterpriseName: '市交通运输发展集团有限公司',
    transferredOn: '2025-06-10',
  },
  push_received: {
    pushId: 'p-7f3a',
    subject: '协调解决历史遗留产权登记问题',
    fromUnit: '联席会议办公室（监督处）',
    replyBy: '2025-06-20',
  },
  push_overdue: {
    pushId: 'p-7f3a',
    subject: '协调解决历史遗留产权登记问题',
    unitName: '产权管理处',
    replyBy: '2025-06-20',
    daysOverdue: 2,
  },
  push_reminder: {
    pushId: 'p-7f3a',
    subject: '协调解决历史遗留产权登记问题',
    unitName: '产权管理处',
    replyBy: '2025-06-20',
    daysLeft: 1,
  },
  push_escalated: {
    pushId: 'p-7f3a',
    subject: '协调解决历史遗留产权登记问题',
    unitName: '产权管理处',
    replyBy: '2025-06-20',
    daysOverdue: 0,
  },
  response_submitted: {
    pushId: 'p-7f3a',
    subject: '协调解决历史遗留产权登记问题',
    unitName: '产权管理处',
    submittedBy: '吴联络',
    replyBy: '2025-06-20',
  },
  response_returned: {
    pushId: 'p-7f3a',
    subject: '协调解决历史遗留产权登记问题',
    unitName: '产权管理处',
    comment: '请补充解决时限',
    replyBy: '2025-06-20',
  },
  response_approved: {
    pushId: 'p-7f3a',
    subject: '协调解决历史遗留产权登记问题',
    unitName: '产权管理处',
    replyBy: '2025-06-20',
  },
  explanation_requested: {
    requestId: 'x-42',
    enterpriseName: '市旅游集团',
    topic: '整改进度滞后',
    replyBy: '2025-06-25',
  },
  explanation_reminder: {
    requestId: 'x-42',
    enterpriseName: '市旅游集团',
    topic: '整改进度滞后',
    replyBy: '2025-06-25',
    daysLeft: 1,
  },
  explanation_overdue: {
    requestId: 'x-42',
    enterpriseName: '市旅游集团',
    topic: '整改进度滞后',
    replyBy: '2025-06-25',
    daysOverdue: 3,
  },
  notice_published: {
    noticeId: 'n-1',
    title: '关于部分企业整改进度滞后问题的通报',
    publishedOn: '2026-12-07',
    problems: 2,
  },
  special_report_received: {
    reportId: 'r-1',
    title: '关于2026年第四季度监督联席会议工作情况的专报',
    periodFrom: '2026-10-01',
    periodTo: '2026-12-31',
  },
  summary_ready: {
    summaryId: 's-11',
    monthLabel: '2026年11月',
    enterprises: 2,
    visits: 3,
    overdue: 4,
    slow: 5,
  },
  approval_requested: {
    ledgerNo: 'E001-2026-00007',
    title: '国有股权低价转让',
    enterpriseName: '市城建投资集团',
    subjectKind: 'separate_project',
    subjectId: 'sp-1',
    matter: '另行立项开展专项核查',
    proposedAt: '2026-11-02',
  },
  approval_reminder: {
    ledgerNo: 'E001-2026-00007',
    title: '国有股权低价转让',
    enterpriseName: '市城建投资集团',
    subjectKind: 'upward_report',
    subjectId: 'ur-1',
    matter: '向市委、市政府、市纪委监委、市委组织部报告',
    proposedAt: '2026-11-02',
    waitingDays: 3,
  },
  separate_project_decided: {
    ledgerNo: 'E001-2026-00007',
    title: '国有股权低价转让',
    enterpriseName: '市城建投资集团',
    subjectKind: 'separate_project',
    subjectId: 'sp-1',
    matter: '另行立项开展专项核查',
    approved: true,
    documentNumber: '市国资党委〔2026〕21号',
    reason: null,
  },
  upward_report_decided: {
    ledgerNo: 'E001-2026-00007',
    title: '国有股权低价转让',
    enterpriseName: '市城建投资集团',
    subjectKind: 'upward_report',
    subjectId: 'ur-1',
    matter: '向市委、市政府、市纪委监委、市委组织部报告',
    approved: false,
    documentNumber: null,
    reason: '企业已承诺限期整改，暂不上报',
  },
  weekly_digest: {
    recipientName: '王处长',
    periodLabel: '2025年第23周',
    overdue: [
      { ledgerNo: 'E002-2025-003', title: '违规出借资金', enterpriseName: '市交通集团', deadline: '2025-05-31', daysLeft: -4 },
    ],
    dueSoon: [
      { ledgerNo: 'E001-2025-017', title: '工程款超付未追回', enterpriseName: '市城建投资集团', deadline: '2025-06-30', daysLeft: 7 },
      { ledgerNo: 'E006-2025-002', title: '账外资产', enterpriseName: '市文旅集团', deadline: '2025-06-05', daysLeft: 0 },
    ],
    totals: { open: 12, overdue: 1, dueWithin30Days: 2 },
  },
};

function render<K extends NoticeType>(type: K, patch: Partial<NoticeDataMap[K]> = {}, consoleUrl = CONSOLE): RenderedNotice {
  return renderNotice(type, { ...SAMPLES[type], ...patch }, { consoleUrl });
}

/** Text content of the HTML after `marker`, tags removed. */
function textAfter(html: string, marker: string): string {
  return html.slice(html.lastIndexOf(marker) + marker.length).replace(/<[^>]*>/g, '').trim();
}

interface Case {
  subject: string;
  link: string;
  facts: string[];
}

const CASES: { [K in NoticeType]: Case } = {
  reminder: {
    subject: '【审计整改】整改时限提醒（还剩 7 天）：E001-2025-017 工程款超付未追回',
    link: `${CONSOLE}/problems/E001-2025-017`,
    facts: ['E001-2025-017', '工程款超付未追回', '市城建投资集团', '2025-06-30', '还剩 7 天', '推动整改'],
  },
  overdue: {
    subject: '【审计整改】整改逾期（已逾期 4 天）：E002-2025-003 违规出借资金',
    link: `${CONSOLE}/problems/E002-2025-003`,
    facts: ['E002-2025-003', '违规出借资金', '市交通集团', '2025-05-31', '已逾期 4 天', '问责'],
  },
  accountability_opened: {
    subject: '【审计整改】启动问责：E003-2024-101 虚增营业收入',
    link: `${CONSOLE}/problems/E003-2024-101`,
    facts: ['E003-2024-101', '虚增营业收入', '市水务集团', 'T4', '虚假整改', '整改报告所附凭证与实际不符'],
  },
  accountability_measure: {
    subject: '【审计整改】问责约谈：E003-2024-101 虚增营业收入',
    link: `${CONSOLE}/problems/E003-2024-101`,
    facts: ['E003-2024-101', '虚增营业收入', '市水务集团', '约谈', '虚假整改敷衍应付', '2026-12-01 在市国资委 301 会议室约谈企业主要负责人'],
  },
  extension_requested: {
    subject: '【审计整改】延期申请待审批：E004-2025-008 闲置土地未盘活',
    link: `${CONSOLE}/problems/E004-2025-008`,
    facts: ['E004-2025-008', '闲置土地未盘活', '市国资运营公司', '2025-07-15', '2025-10-15', '土地收储程序需市政府审批'],
  },
  extension_decided: {
    subject: '【审计整改】延期申请已批准：E004-2025-008 闲置土地未盘活',
    link: `${CONSOLE}/problems/E004-2025-008`,
    facts: ['E004-2025-008', '闲置土地未盘活', '批准', '2025-09-30', '同意延期至9月底'],
  },
  determination_made: {
    subject: '【审计整改】整改结果认定（整改完毕）：E005-2025-021 采购未公开招标',
    link: `${CONSOLE}/problems/E005-2025-021`,
    facts: ['E005-2025-021', '采购未公开招标', '整改完毕', 'C2', '发现问题后立即纠正并完善内控', '予以认可'],
  },
  close_out_accepted: {
    subject: '【审计整改】问题销号：E005-2025-021 采购未公开招标',
    link: `${CONSOLE}/problems/E005-2025-021`,
    facts: ['E005-2025-021', '采购未公开招标', '销号', '经后续审计，整改到位，同意销号'],
  },
  problem_shared: {
    subject: '【审计整改】重点问题推送（虚增业绩）：E006-2025-003 虚增营业收入',
    link: `${CONSOLE}/problems/E006-2025-003`,
    facts: ['E006-2025-003', '虚增营业收入', '市交通运输发展集团有限公司', '虚增业绩'],
  },
  transfer_requested: {
    subject: '【审计整改】移送纪检待受理：E006-2025-004 违规发放津贴',
    link: `${CONSOLE}/problems/E006-2025-004`,
    facts: ['E006-2025-004', '违规发放津贴', '市交通运输发展集团有限公司', '2025-06-10'],
  },
  push_received: {
    subject: '【审计整改】联席会议书面推送（请于 2025-06-20 前回复）：协调解决历史遗留产权登记问题',
    link: `${CONSOLE}/joint-meeting/pushes/p-7f3a`,
    facts: ['协调解决历史遗留产权登记问题', '联席会议办公室（监督处）', '2025-06-20', '分管领导'],
  },
  push_overdue: {
    subject: '【审计整改】书面推送逾期（已逾期 2 天）：协调解决历史遗留产权登记问题',
    link: `${CONSOLE}/joint-meeting/pushes/p-7f3a`,
    facts: ['协调解决历史遗留产权登记问题', '产权管理处', '2025-06-20', '已逾期 2 天'],
  },
  push_reminder: {
    subject: '【审计整改】书面推送回复提醒（还剩 1 天）：协调解决历史遗留产权登记问题',
    link: `${CONSOLE}/joint-meeting/pushes/p-7f3a`,
    facts: ['协调解决历史遗留产权登记问题', '产权管理处', '2025-06-20', '还剩 1 天'],
  },
  push_escalated: {
    subject: '【审计整改】书面推送逾期督办（今天到期）：产权管理处 协调解决历史遗留产权登记问题',
    link: `${CONSOLE}/joint-meeting/pushes/p-7f3a`,
    facts: ['协调解决历史遗留产权登记问题', '产权管理处', '2025-06-20', '主任督促'],
  },
  response_submitted: {
    subject: '【审计整改】书面反馈待审核：产权管理处 协调解决历史遗留产权登记问题',
    link: `${CONSOLE}/joint-meeting/pushes/p-7f3a`,
    facts: ['协调解决历史遗留产权登记问题', '产权管理处', '吴联络', '2025-06-20'],
  },
  response_returned: {
    subject: '【审计整改】书面反馈退回修改：协调解决历史遗留产权登记问题',
    link: `${CONSOLE}/joint-meeting/pushes/p-7f3a`,
    facts: ['协调解决历史遗留产权登记问题', '产权管理处', '请补充解决时限', '2025-06-20'],
  },
  response_approved: {
    subject: '【审计整改】书面反馈已报送：产权管理处 协调解决历史遗留产权登记问题',
    link: `${CONSOLE}/joint-meeting/pushes/p-7f3a`,
    facts: ['协调解决历史遗留产权登记问题', '产权管理处', '2025-06-20'],
  },
  explanation_requested: {
    subject: '【审计整改】要求书面说明情况（请于 2025-06-25 前提交）：整改进度滞后',
    link: `${CONSOLE}/supervision/explanations/x-42`,
    facts: ['市旅游集团', '整改进度滞后', '2025-06-25'],
  },
  explanation_reminder: {
    subject: '【审计整改】书面说明提醒（还剩 1 天）：整改进度滞后',
    link: `${CONSOLE}/supervision/explanations/x-42`,
    facts: ['市旅游集团', '整改进度滞后', '2025-06-25', '还剩 1 天'],
  },
  explanation_overdue: {
    subject: '【审计整改】书面说明逾期（已逾期 3 天）：整改进度滞后',
    link: `${CONSOLE}/supervision/explanations/x-42`,
    facts: ['市旅游集团', '整改进度滞后', '2025-06-25', '已逾期 3 天'],
  },
  notice_published: {
    subject: '【审计整改】联席会议通报：关于部分企业整改进度滞后问题的通报',
    link: `${CONSOLE}/joint-meeting?tab=notices`,
    facts: ['关于部分企业整改进度滞后问题的通报', '2026-12-07', '2 项'],
  },
  special_report_received: {
    subject: '【审计整改】联席会议专报：关于2026年第四季度监督联席会议工作情况的专报',
    link: `${CONSOLE}/joint-meeting?tab=reports`,
    facts: ['关于2026年第四季度监督联席会议工作情况的专报', '2026-10-01 至 2026-12-31'],
  },
  summary_ready: {
    subject: '【审计整改】督办情况汇总分析（2026年11月）：入户督办 3 次，逾期 4 项，进展缓慢 5 项',
    link: `${CONSOLE}/supervision/summaries/s-11`,
    facts: ['2026年11月', '2 户', '3 次', '4 项', '5 项'],
  },
  approval_requested: {
    subject: '【审计整改】提请委党委审议：另行立项开展专项核查（E001-2026-00007）',
    link: `${CONSOLE}/approvals/separate-projects/sp-1`,
    facts: ['另行立项开展专项核查', 'E001-2026-00007', '国有股权低价转让', '市城建投资集团', '2026-11-02'],
  },
  approval_reminder: {
    subject: '【审计整改】委党委审议催办（已等待 3 天）：向市委、市政府、市纪委监委、市委组织部报告（E001-2026-00007）',
    link: `${CONSOLE}/approvals/upward-reports/ur-1`,
    facts: ['向市委、市政府、市纪委监委、市委组织部报告', 'E001-2026-00007', '已等待 3 天', '2026-11-02'],
  },
  separate_project_decided: {
    subject: '【审计整改】另行立项审议结果（审议通过）：另行立项开展专项核查（E001-2026-00007）',
    link: `${CONSOLE}/approvals/separate-projects/sp-1`,
    facts: ['审议通过', '市国资党委〔2026〕21号', '国有股权低价转让', '关联原问题'],
  },
  upward_report_decided: {
    subject: '【审计整改】上报事项审议结果（未予通过）：向市委、市政府、市纪委监委、市委组织部报告（E001-2026-00007）',
    link: `${CONSOLE}/approvals/upward-reports/ur-1`,
    facts: ['未予通过', '企业已承诺限期整改，暂不上报', '不予上报，不形成报告'],
  },
  weekly_digest: {
    subject: '【审计整改】每周整改动态（2025年第23周）：逾期 1 项，30 天内到期 2 项',
    link: `${CONSOLE}/ledger?overdue=true`,
    facts: ['王处长', '2025年第23周', '未销号问题 12 项', 'E002-2025-003', 'E001-2025-017', 'E006-2025-002', '已逾期 4 天', '还剩 7 天', '今天到期'],
  },
};

describe('renderNotice: one notice per type', () => {
  it.each(NOTICE_TYPE_LIST)('%s: subject, facts and link in both parts', (type) => {
    const expected = CASES[type];
    const n = render(type);
    expect(n.subject).toBe(expected.subject);
    expect(n.link).toBe(expected.link);
    expect(n.inboxTitle).toBe(expected.subject.slice(SUBJECT_PREFIX.length));
    for (const fact of expected.facts) {
      expect(n.text).toContain(fact);
      expect(n.html).toContain(fact);
    }
    expect(n.text.split('\n')).toContain(expected.link);
    expect(n.html).toContain(`href="${expected.link}"`);
    expect(n.inboxBody.length).toBeGreaterThan(0);
    expect(n.inboxBody).not.toContain(NOTICE_FOOTER);
  });
});

describe('renderNotice: common layout', () => {
  it.each(NOTICE_TYPE_LIST)('%s: self-contained zh-CN HTML and footer at the end of both parts', (type) => {
    const n = render(type);
    expect(n.html.startsWith('<!doctype html>')).toBe(true);
    expect(n.html).toContain('<html lang="zh-CN">');
    expect(n.html).toContain('<meta charset="utf-8">');
    expect(n.html).not.toMatch(/<style|<link|<script|src=/i);
    expect(textAfter(n.html, NOTICE_FOOTER)).toBe('');
    expect(n.html.lastIndexOf(NOTICE_FOOTER)).toBeGreaterThan(n.html.lastIndexOf(n.link ?? '\u0000'));
    expect(n.text.endsWith(NOTICE_FOOTER)).toBe(true);
    expect(n.subject.startsWith(SUBJECT_PREFIX)).toBe(true);
  });

  it('strips a trailing slash of consoleUrl', () => {
    expect(render('reminder', {}, `${CONSOLE}/`).link).toBe(`${CONSOLE}/problems/E001-2025-017`);
    expect(render('push_received', {}, `${CONSOLE}//`).link).toBe(`${CONSOLE}/joint-meeting/pushes/p-7f3a`);
    expect(render('weekly_digest', {}, `${CONSOLE}/`).link).toBe(`${CONSOLE}/ledger?overdue=true`);
  });

  it('encodes the ledger number into the problem link', () => {
    const n = render('overdue', { ledgerNo: '审计/2025 #3' });
    expect(n.link).toBe(`${CONSOLE}/problems/${encodeURIComponent('审计/2025 #3')}`);
    expect(n.link).not.toContain(' ');
    expect(n.subject).toContain('审计/2025 #3');
  });

  it('refuses an unknown type', () => {
    expect(() => renderNotice('nope' as NoticeType, SAMPLES.reminder, links)).toThrow(RangeError);
  });

  it('refuses a day count that is not a whole number', () => {
    expect(() => render('reminder', { daysLeft: 2.5 })).toThrow(RangeError);
  });
});

const HOSTILE = `<script>alert("x")</script> R&D 'q'`;
const HOSTILE_HTML = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; R&amp;D &#39;q&#39;';

/** The sample with every string (including those of digest items) replaced by `value`. */
function poison<K extends NoticeType>(type: K, value: string): NoticeDataMap[K] {
  const walk = (x: unknown): unknown => {
    if (typeof x === 'string') return value;
    if (Array.isArray(x)) return x.map(walk);
    if (x !== null && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, y]) => [k, k === 'trigger' ? y : walk(y)]));
    return x;
  };
  return walk(SAMPLES[type]) as NoticeDataMap[K];
}

describe('renderNotice: untrusted values', () => {
  it.each(NOTICE_TYPE_LIST)('%s: escapes <script>, quotes and & in the HTML', (type) => {
    const n = renderNotice(type, poison(type, HOSTILE), links);
    expect(n.html).not.toMatch(/<script/i);
    expect(n.html).toContain(HOSTILE_HTML);
    // no bare ampersand anywhere: every & starts an entity
    expect(n.html).not.toMatch(/&(?!amp;|lt;|gt;|quot;|#39;)/);
    // the text part is not HTML: it keeps the value as typed
    expect(n.text).toContain(HOSTILE);
  });

  it.each(NOTICE_TYPE_LIST)('%s: no CR or LF reaches the subject or the inbox title', (type) => {
    const n = renderNotice(type, poison(type, 'A\r\nBcc: victim@example.com\nX\rY'), links);
    expect(n.subject).not.toMatch(/[\r\n]/);
    expect(n.inboxTitle).not.toMatch(/[\r\n]/);
    expect(n.subject.length).toBeLessThanOrEqual(SUBJECT_MAX_LENGTH);
  });

  it('replaces CR/LF in the subject by spaces', () => {
    const n = render('reminder', { ledgerNo: 'E001\r\n-017', title: '第一行\n第二行\r第三行' });
    expect(n.subject).toBe('【审计整改】整改时限提醒（还剩 7 天）：E001 -017 第一行 第二行 第三行');
  });

  it('keeps the line breaks of free text in the body, as <br> in the HTML', () => {
    const n = render('accountability_opened', { cause: '第一条\r\n第二条' });
    expect(n.text).toContain('问责事由：\n第一条\n第二条');
    expect(n.html).toContain('第一条<br>第二条');
  });

  it('caps the subject at 150 characters, keeping the prefix, ledger number and days', () => {
    const n = render('reminder', { title: '超长问题标题'.repeat(60) });
    expect(n.subject.length).toBe(SUBJECT_MAX_LENGTH);
    expect(n.subject.endsWith('…')).toBe(true);
    expect(n.subject.startsWith('【审计整改】整改时限提醒（还剩 7 天）：E001-2025-017 超长问题标题')).toBe(true);
    expect(n.inboxTitle.length).toBeLessThanOrEqual(SUBJECT_MAX_LENGTH);
  });

  it('leaves a subject of exactly 150 characters whole', () => {
    const base = render('close_out_accepted', { title: '' }).subject;
    const title = '题'.repeat(SUBJECT_MAX_LENGTH - base.length);
    const n = render('close_out_accepted', { title });
    expect(n.subject.length).toBe(SUBJECT_MAX_LENGTH);
    expect(n.subject.endsWith('题')).toBe(true);
  });
});

describe('renderNotice: days wording', () => {
  it.each([
    [0, '今天到期'],
    [1, '还剩 1 天'],
    [7, '还剩 7 天'],
    [-3, '已逾期 3 天'],
  ])('reminder with daysLeft %i says %s in subject, text and html', (daysLeft, wording) => {
    const n = render('reminder', { daysLeft });
    expect(n.subject).toBe(`【审计整改】整改时限提醒（${wording}）：E001-2025-017 工程款超付未追回`);
    expect(n.text).toContain(`2025-06-30（${wording}）`);
    expect(n.html).toContain(wording);
  });
});

describe('renderNotice: variants', () => {
  it('words a refused extension without a new deadline or comment', () => {
    const n = render('extension_decided', { approved: false, newDeadline: null, comment: null });
    expect(n.subject).toBe('【审计整改】延期申请未获批准：E004-2025-008 闲置土地未盘活');
    expect(n.text).toContain('不予批准');
    expect(n.text).toContain('请按原整改期限完成整改');
    expect(n.text).not.toContain('新的整改期限');
    expect(n.text).not.toContain('审批意见');
  });

  it('words a determination that is not accepted', () => {
    const n = render('determination_made', { accepted: false, outcomeLabel: '未整改', criterion: 'N2', criterionLabel: '未采取整改措施' });
    expect(n.subject).toBe('【审计整改】整改结果认定未获认可：E005-2025-021 采购未公开招标');
    expect(n.text).toContain('经复核不予认可');
    expect(n.html).toContain('N2 未采取整改措施');
  });

  it('does not announce a refused 整改完毕 determination as 整改结果认定（整改完毕）', () => {
    const n = render('determination_made', { accepted: false, outcomeLabel: '整改完毕', criterion: 'C1', criterionLabel: '具体问题金额或事实已调整或纠正完毕' });
    expect(n.subject).not.toContain('（整改完毕）');
    expect(n.subject).toContain('未获认可');
    expect(n.inboxTitle).not.toContain('（整改完毕）');
    expect(n.text).toContain('不予认可');
    expect(n.text).not.toContain('整改结果认定为');
  });
});

describe('renderNotice: weekly digest', () => {
  const empty: WeeklyDigestData = {
    recipientName: '李科长',
    periodLabel: '2025年第24周',
    overdue: [],
    dueSoon: [],
    totals: { open: 3, overdue: 0, dueWithin30Days: 0 },
  };

  it('renders an empty digest with a clear "no overdue problems" text', () => {
    const n = renderNotice('weekly_digest', empty, links);
    expect(n.subject).toBe('【审计整改】每周整改动态（2025年第24周）：逾期 0 项，30 天内到期 0 项');
    for (const part of [n.text, n.html]) {
      expect(part).toContain('李科长，您好');
      expect(part).toContain('本周无逾期问题。');
      expect(part).toContain('30 天内无到期问题。');
    }
    expect(n.text.split('\n').filter((l) => l.startsWith('- '))).toEqual([]);
    expect(n.html).not.toContain('<td style="padding:6px 8px');
    expect(n.link).toBe(`${CONSOLE}/ledger?overdue=true`);
  });

  it('lists every item with its days wording, in text and HTML', () => {
    const n = render('weekly_digest');
    const items = n.text.split('\n').filter((l) => l.startsWith('- '));
    expect(items).toEqual([
      '- E002-2025-003｜违规出借资金｜市交通集团｜整改期限 2025-05-31（已逾期 4 天）',
      '- E001-2025-017｜工程款超付未追回｜市城建投资集团｜整改期限 2025-06-30（还剩 7 天）',
      '- E006-2025-002｜账外资产｜市文旅集团｜整改期限 2025-06-05（今天到期）',
    ]);
    expect(n.text).not.toContain('本周无逾期问题');
    expect(n.html.match(/<tr><td style="padding:6px 8px/g)?.length).toBe(3);
    expect(n.html).toContain('市文旅集团');
  });

  it('says when a list shows only part of the total', () => {
    const item: DigestItem = SAMPLES.weekly_digest.overdue[0]!;
    const n = renderNotice('weekly_digest', { ...empty, overdue: [item], totals: { open: 40, overdue: 25, dueWithin30Days: 0 } }, links);
    expect(n.text).toContain('仅列出 1 项，共 25 项');
    expect(n.subject).toContain('逾期 25 项');
  });
});
