import { Form, Input, Radio } from 'antd';
import type { Decision } from '../../api/approvals.js';
import { FormDialog, rules } from '../../components/FormDialog.js';

/** 委党委审议: approve with the document number, or reject with the reason. */
export function DecisionDialog({ title, numberLabel, onDecide, onClose }: { title: string; numberLabel: string; onDecide: (d: Decision) => Promise<unknown>; onClose: () => void }) {
  return (
    <FormDialog<{ approve: boolean; documentNumber?: string; reason?: string }>
      title={title}
      name="decision"
      onSubmit={(v) => onDecide({ approve: v.approve, ...(v.approve ? { documentNumber: v.documentNumber?.trim() } : {}), ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}) })}
      onClose={onClose}
    >
      <Form.Item name="approve" label="审议结果" rules={rules.choose('审议结果')}>
        <Radio.Group options={[{ value: true, label: '审议通过' }, { value: false, label: '不予通过' }]} />
      </Form.Item>
      <Form.Item noStyle shouldUpdate={(a, b) => a.approve !== b.approve}>
        {({ getFieldValue }) => (getFieldValue('approve') === false ? (
          <Form.Item name="reason" label="不予通过的理由" rules={rules.text('不予通过的理由')}><Input.TextArea rows={3} /></Form.Item>
        ) : (
          <>
            <Form.Item name="documentNumber" label={numberLabel} rules={getFieldValue('approve') === true ? rules.text(numberLabel) : []}><Input placeholder="如：市国资党委〔2026〕21号" /></Form.Item>
            <Form.Item name="reason" label="审议意见（可不填）"><Input.TextArea rows={2} /></Form.Item>
          </>
        ))}
      </Form.Item>
    </FormDialog>
  );
}
