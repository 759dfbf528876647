import { describe, expect, it } from '@jest/globals';
import { NOTICE_TYPES, NOTICE_TYPE_LIST, isMandatory, isNoticeType, type NoticeType } from './notice-types.js';

const EXPECTED: Array<[NoticeType, string, boolean]> = [
  ['reminder', '整改时限提醒', true],
  ['overdue', '整改逾期', true],
  ['accountability_opened', '启动问责', true],
  ['accountability_measure', '问责措施', true],
  ['extension_requested', '延期申请', false],
  ['extension_decided', '延期审批结果', false],
  ['determination_made', '整改结果认定', false],
  ['close_out_accepted', '问题销号', false],
  ['problem_shared', '重点问题推送', false],
  ['transfer_requested', '移送纪检待受理', true],
  ['push_received', '联席会议书面推送', false],
  ['push_overdue', '书面推送逾期', true],
  ['push_reminder', '书面推送回复提醒', true],
  ['push_escalated', '书面推送逾期督办', true],
  ['response_submitted', '书面反馈待审核', false],
  ['response_returned', '书面反馈退回修改', false],
  ['response_approved', '书面反馈已报送', false],
  ['explanation_requested', '要求书面说明情况', false],
  ['explanation_reminder', '书面说明提醒', false],
  ['explanation_overdue', '书面说明逾期', true],
  ['summary_ready', '督办情况汇总分析', false],
  ['approval_requested', '提请委党委审议', false],
  ['approval_reminder', '委党委审议催办', false],
  ['separate_project_decided', '另行立项审议结果', false],
  ['upward_report_decided', '上报事项审议结果', false],
  ['weekly_digest', '每周整改动态', false],
  ['notice_published', '联席会议通报', false],
  ['special_report_received', '联席会议专报', false],
];

describe('notice types', () => {
  it('lists exactly the expected types', () => {
    expect([...NOTICE_TYPE_LIST].sort()).toEqual(EXPECTED.map(([t]) => t).sort());
  });

  it.each(EXPECTED)('%s is labelled %s and mandatory=%s', (type, label, mandatory) => {
    expect(NOTICE_TYPES[type].label).toBe(label);
    expect(isMandatory(type)).toBe(mandatory);
  });

  it('recognises every type and nothing else, inherited names included', () => {
    for (const type of NOTICE_TYPE_LIST) expect(isNoticeType(type)).toBe(true);
    for (const other of ['toString', '__proto__', 'constructor', 'REMINDER', '', 'digest', 42, null, undefined, {}]) {
      expect(isNoticeType(other)).toBe(false);
    }
  });
});
