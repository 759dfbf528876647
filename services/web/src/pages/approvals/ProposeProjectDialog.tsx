import { Form, Input, Select } from 'antd';
import { SEPARATE_PROJECT_KINDS } from '@rectify/contracts';
import { approvalsApi, type SeparateProjectDetail } from '../../api/approvals.js';
import { FormDialog, rules } from '../../components/FormDialog.js';

/** 提请单独立项 from a problem (§10), for the party committee's decision. */
export function ProposeProjectDialog({ ledgerNo, onDone, onClose }: { ledgerNo: string; onDone: (p: SeparateProjectDetail) => void; onClose: () => void }) {
  return (
    <FormDialog<{ kind: string; title: string; clue: string; reasons: string; enterpriseCode?: string }>
      title={`提请单独立项（原问题 ${ledgerNo}）`}
      name="project"
      submitText="提请委党委审议"
      onSubmit={async (v) => onDone(await approvalsApi.propose({ ...v, originLedgerNo: ledgerNo, enterpriseCode: v.enterpriseCode?.trim() || undefined }))}
      onClose={onClose}
    >
      <Form.Item name="kind" label="立项类型" rules={rules.choose('立项类型')}>
        <Select options={Object.entries(SEPARATE_PROJECT_KINDS).map(([value, label]) => ({ value, label }))} />
      </Form.Item>
      <Form.Item name="title" label="立项名称" rules={rules.text('立项名称')}><Input placeholder="如：关于某集团股权转让问题的专项核查" /></Form.Item>
      <Form.Item name="clue" label="督办中发现的重大问题线索" rules={rules.text('问题线索')}><Input.TextArea rows={4} /></Form.Item>
      <Form.Item name="reasons" label="提请单独立项的理由" rules={rules.text('立项理由')}><Input.TextArea rows={3} /></Form.Item>
      <Form.Item name="enterpriseCode" label="针对企业（留空则为原问题所属企业）"><Input placeholder="如：E002" /></Form.Item>
    </FormDialog>
  );
}
