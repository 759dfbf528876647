import { Form, Input, Select } from 'antd';
import { supervisionActions, type ExplanationDetail } from '../../api/supervision.js';
import { FormDialog, rules, tagsSelect } from '../../components/FormDialog.js';
import { EnterpriseSelect } from './EnterpriseSelect.js';

const problems = <Form.Item name="ledgerNos" label="涉及问题（台账编号，可不填）" extra="如 E001-2026-00001，可填写多个"><Select {...tagsSelect} /></Form.Item>;

/** 要求企业书面说明 (the Supervision Division). */
export function RequestExplanationDialog({ onDone, onClose }: { onDone: (x: ExplanationDetail) => void; onClose: () => void }) {
  return (
    <FormDialog<{ enterpriseCode: string; topic: string; details: string; ledgerNos?: string[] }> title="要求企业书面说明" name="explain" initialValues={{ ledgerNos: [] }}
      onSubmit={async (v) => onDone(await supervisionActions.requestExplanation(v))} onClose={onClose}>
      <Form.Item name="enterpriseCode" label="企业" rules={rules.choose('企业')}><EnterpriseSelect /></Form.Item>
      <Form.Item name="topic" label="说明事项（简短，出现在通知标题中，不得含涉密内容）" rules={rules.text('说明事项')}><Input maxLength={100} /></Form.Item>
      <Form.Item name="details" label="要求说明的具体情况及原因" rules={rules.text('要求说明的具体情况')}><Input.TextArea rows={4} /></Form.Item>
      {problems}
    </FormDialog>
  );
}

/** 企业主动报送书面说明 (enterprise roles). */
export function UnsolicitedExplanationDialog({ onDone, onClose }: { onDone: (x: ExplanationDetail) => void; onClose: () => void }) {
  return (
    <FormDialog<{ topic: string; content: string; causes: string; ledgerNos?: string[] }> title="主动报送书面说明" name="unsolicited" initialValues={{ ledgerNos: [] }}
      onSubmit={async (v) => onDone(await supervisionActions.unsolicited(v))} onClose={onClose}>
      <Form.Item name="topic" label="说明事项" rules={rules.text('说明事项')}><Input maxLength={100} /></Form.Item>
      <Form.Item name="content" label="情况说明" rules={rules.text('情况说明')}><Input.TextArea rows={4} /></Form.Item>
      <Form.Item name="causes" label="原因分析" rules={rules.text('原因分析')}><Input.TextArea rows={3} /></Form.Item>
      {problems}
    </FormDialog>
  );
}

/** 企业书面说明 in answer to a request. */
export function AnswerDialog({ id, onDone, onClose }: { id: string; onDone: (x: ExplanationDetail) => void; onClose: () => void }) {
  return (
    <FormDialog<{ content: string; causes: string }> title="提交书面说明" name="answer" onSubmit={async (v) => onDone(await supervisionActions.answer(id, v))} onClose={onClose}>
      <Form.Item name="content" label="情况说明" rules={rules.text('情况说明')}><Input.TextArea rows={5} /></Form.Item>
      <Form.Item name="causes" label="原因分析" rules={rules.text('原因分析')}><Input.TextArea rows={3} /></Form.Item>
    </FormDialog>
  );
}

/** 针对性指导 (the Supervision Division). */
export function GuidanceDialog({ id, onDone, onClose }: { id: string; onDone: (x: ExplanationDetail) => void; onClose: () => void }) {
  return (
    <FormDialog<{ guidance: string }> title="给予针对性指导" name="guidance" onSubmit={async (v) => onDone(await supervisionActions.guidance(id, v))} onClose={onClose}>
      <Form.Item name="guidance" label="针对性指导意见" rules={rules.text('针对性指导意见')}><Input.TextArea rows={5} /></Form.Item>
    </FormDialog>
  );
}
