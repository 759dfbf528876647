import { Checkbox, DatePicker, Form, Input, InputNumber, Select } from 'antd';
import { MEASURE_KINDS, SIGNOFF_PARTIES, SIGNOFF_PARTY_OF, type Role } from '@rectify/contracts';
import { accountabilityApi, type CaseDetail, type MeasureKind } from '../../api/accountability.js';
import { FormDialog, rules, tagsSelect } from '../../components/FormDialog.js';

/** The dialogs of a case's steps; each answers the case as it stands afterwards. */
export type CaseStep = 'opinion' | 'signoff' | MeasureKind | 'assessment' | 'close';

const reasonField = <Form.Item name="reason" label="变更理由（记入审计轨迹，可不填）"><Input /></Form.Item>;

export function CaseStepDialog({ step, c, role, onDone, onClose }: { step: CaseStep; c: CaseDetail; role: Role; onDone: (c: CaseDetail, what: string) => void; onClose: () => void }) {
  switch (step) {
    case 'opinion':
      return (
        <FormDialog<{ findings: string; responsibility: string; proposedMeasures: MeasureKind[]; reason?: string }>
          title={c.opinion ? `修改处理意见（将形成第 ${c.opinion.version + 1} 版，已有会签作废）` : '起草处理意见'}
          name="opinion"
          initialValues={c.opinion ? { findings: c.opinion.findings, responsibility: c.opinion.responsibility, proposedMeasures: c.opinion.proposedMeasures } : { proposedMeasures: [] }}
          onSubmit={async (v) => onDone(await accountabilityApi.draftOpinion(c.id, v), '处理意见已保存')}
          onClose={onClose}
        >
          <Form.Item name="findings" label="查明的问题与事实" rules={rules.text('查明的问题与事实')}><Input.TextArea rows={5} /></Form.Item>
          <Form.Item name="responsibility" label="责任认定" rules={rules.text('责任认定')}><Input.TextArea rows={3} /></Form.Item>
          <Form.Item name="proposedMeasures" label="拟采取的问责措施" rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一项问责措施' }]}>
            <Checkbox.Group options={Object.entries(MEASURE_KINDS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          {reasonField}
        </FormDialog>
      );
    case 'signoff': {
      const party = SIGNOFF_PARTY_OF[role];
      return (
        <FormDialog<{ comment?: string }>
          title={`会签处理意见第 ${c.opinion!.version} 版（${party ? SIGNOFF_PARTIES[party] : ''}）`}
          name="signoff"
          submitText="会签"
          onSubmit={async (v) => onDone(await accountabilityApi.signOff(c.id, { version: c.opinion!.version, ...(v.comment?.trim() ? { comment: v.comment.trim() } : {}) }), '已会签')}
          onClose={onClose}
        >
          <Form.Item name="comment" label="会签意见（可不填）"><Input.TextArea rows={3} /></Form.Item>
        </FormDialog>
      );
    }
    case 'letter':
      return (
        <FormDialog<Record<string, unknown>> title="下达函告" name="letter" onSubmit={async (v) => onDone(await accountabilityApi.issue(c.id, 'letter', v), '函告已下达')} onClose={onClose}>
          <Form.Item name="requiredCorrections" label="整改要求" rules={rules.text('整改要求')}><Input.TextArea rows={4} /></Form.Item>
          <Form.Item name="replyBy" label="书面报告整改情况的期限（可不填）"><DatePicker style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="letterNo" label="文号（留空则自动编号）"><Input placeholder="如：国资监督函〔2026〕12号" /></Form.Item>
          {reasonField}
        </FormDialog>
      );
    case 'talk':
      return (
        <FormDialog<Record<string, unknown>> title="记录约谈" name="talk" initialValues={{ attendees: [] }} onSubmit={async (v) => onDone(await accountabilityApi.issue(c.id, 'talk', v), '约谈已记录')} onClose={onClose}>
          <Form.Item name="date" label="约谈日期" rules={rules.choose('约谈日期')}><DatePicker style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="place" label="约谈地点" rules={rules.text('约谈地点')}><Input placeholder="如：市国资委 301 会议室" /></Form.Item>
          <Form.Item name="attendees" label="参加人员" rules={[{ required: true, type: 'array', min: 1, message: '请填写参加人员' }]} extra="可填写多个，以逗号或顿号分隔"><Select {...tagsSelect} /></Form.Item>
          <Form.Item name="record" label="约谈记录" rules={rules.text('约谈记录')}><Input.TextArea rows={5} /></Form.Item>
          {reasonField}
        </FormDialog>
      );
    case 'circular':
      return (
        <FormDialog<Record<string, unknown>> title="下达通报" name="circular" onSubmit={async (v) => onDone(await accountabilityApi.issue(c.id, 'circular', v), '通报已下达')} onClose={onClose}>
          <Form.Item name="scope" label="通报范围" rules={rules.text('通报范围')}><Input placeholder="如：各监管企业" /></Form.Item>
          <Form.Item name="text" label="通报正文" rules={rules.text('通报正文')}><Input.TextArea rows={6} /></Form.Item>
          {reasonField}
        </FormDialog>
      );
    case 'assessment':
      return (
        <FormDialog<{ year: number; note?: string; reason?: string }> title="计入业绩考核的年度" name="assessment" initialValues={{ year: c.assessment.year }} onSubmit={async (v) => onDone(await accountabilityApi.assessment(c.id, v), '考核年度已标记')} onClose={onClose}>
          <Form.Item name="year" label="考核年度" rules={[{ required: true, message: '请填写考核年度' }]}><InputNumber min={2000} max={2100} precision={0} style={{ width: 160 }} /></Form.Item>
          <Form.Item name="note" label="说明（可不填）"><Input.TextArea rows={2} /></Form.Item>
          {reasonField}
        </FormDialog>
      );
    case 'close':
      return (
        <FormDialog<{ reason: string }> title="结案" name="close" submitText="结案" onSubmit={async (v) => onDone(await accountabilityApi.close(c.id, v), '已结案')} onClose={onClose}>
          <Form.Item name="reason" label="结案理由" rules={rules.text('结案理由')}><Input.TextArea rows={3} /></Form.Item>
        </FormDialog>
      );
  }
}
