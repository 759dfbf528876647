import { DatePicker, Form, Input, Select } from 'antd';
import { SUPERVISION_TOPICS, SUPERVISION_TOPIC_LIST } from '@rectify/contracts';
import { supervisionActions, type VisitDetail } from '../../api/supervision.js';
import { FormDialog, rules, tagsSelect } from '../../components/FormDialog.js';
import { EnterpriseSelect } from './EnterpriseSelect.js';

/** 入户督办记录 (§10): date, team, the problems covered, the five topics' findings and the overall findings. */
export function RecordVisitDialog({ ledgerNo, enterpriseCode, onDone, onClose }: { ledgerNo?: string; enterpriseCode?: string; onDone: (v: VisitDetail) => void; onClose: () => void }) {
  return (
    <FormDialog<Parameters<typeof supervisionActions.recordVisit>[0]>
      title="记录入户督办"
      name="visit"
      width={820}
      initialValues={{ enterpriseCode, team: [], ledgerNos: ledgerNo ? [ledgerNo] : [] }}
      onSubmit={async (v) => onDone(await supervisionActions.recordVisit(v))}
      onClose={onClose}
    >
      <Form.Item name="enterpriseCode" label="督办企业" rules={rules.choose('督办企业')}><EnterpriseSelect /></Form.Item>
      <Form.Item name="visitDate" label="督办日期" rules={rules.choose('督办日期')}><DatePicker style={{ width: '100%' }} /></Form.Item>
      <Form.Item name="team" label="督导组成员" rules={[{ required: true, type: 'array', min: 1, message: '请填写督导组成员' }]} extra="可填写多人，以逗号或顿号分隔"><Select {...tagsSelect} /></Form.Item>
      <Form.Item name="ledgerNos" label="涉及问题（台账编号）" rules={[{ required: true, type: 'array', min: 1, message: '请填写涉及问题的台账编号' }]} extra="如 E001-2026-00001，可填写多个"><Select {...tagsSelect} /></Form.Item>
      {SUPERVISION_TOPIC_LIST.map((k) => (
        <Form.Item key={k} name={['topics', k]} label={`${SUPERVISION_TOPICS[k]}方面的督办情况`} rules={rules.text(`${SUPERVISION_TOPICS[k]}方面的督办情况`)}><Input.TextArea rows={2} /></Form.Item>
      ))}
      <Form.Item name="findings" label="督办发现与意见" rules={rules.text('督办发现与意见')}><Input.TextArea rows={4} /></Form.Item>
    </FormDialog>
  );
}
