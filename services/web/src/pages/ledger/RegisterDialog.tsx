import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Select } from 'antd';
import { issuesApi } from '../../api/issues.js';
import type { Enterprise } from '../../api/types.js';
import { useUser } from '../../auth/AuthContext.js';
import { CONFIDENTIALITY_OPTIONS, DOCUMENT_TYPE_OPTIONS, SOURCE_OPTIONS, TAG_OPTIONS } from '../../components/labels.js';
import { applyServerErrors } from '../../components/serverErrors.js';
import { withDates } from '../../components/dates.js';
import { T } from '../../i18n/text.js';

const AMOUNT = /^\d{1,15}(\.\d{1,2})?$/;

/** An approved separate project whose findings are registered (source 单独立项, linked to the original problem). */
export interface ProjectOfRegistration {
  id: string;
  title: string;
  enterpriseCode: string;
  originLedgerNo: string;
}

/** 问题挂号 (stage 1): one problem with its source document (SPEC §2); optionally linked to an original problem or a separate project (§10). */
export function RegisterDialog({ enterprises, onClose, project }: { enterprises: Enterprise[]; onClose: (changed: boolean) => void; project?: ProjectOfRegistration }) {
  const user = useUser();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const R = T.register;
  const req = (what: string) => [{ required: true, whitespace: true, message: T.common.required(what) }];

  const submit = async (values: Record<string, unknown>) => {
    setBusy(true);
    setError(null);
    try {
      const origin = (values['originLedgerNo'] as string | undefined)?.trim();
      const body = withDates({ ...values, originLedgerNo: origin || undefined, tags: values['tags'] ?? [], enterpriseCode: user.enterpriseCode ?? values['enterpriseCode'] });
      const r = await issuesApi.register(body);
      message.success(r.created ? R.created(r.problem.ledgerNo) : R.existed(r.problem.ledgerNo));
      onClose(true);
      void navigate(`/problems/${r.problem.ledgerNo}`);
    } catch (err) {
      setError(applyServerErrors(form, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={project ? `${R.title}（单独立项：${project.title}）` : R.title} width={860} onCancel={() => onClose(false)} footer={null} destroyOnHidden>
      <Form form={form} name="register" layout="vertical" onFinish={submit} initialValues={{ confidentiality: 'non_confidential', source: project ? 'supervision_project' : 'routine_audit', document: { type: 'decision' }, itemNo: '1', ...(project ? { enterpriseCode: project.enterpriseCode, separateProjectId: project.id, originLedgerNo: project.originLedgerNo } : {}) }} data-testid="register-form">
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr', columnGap: 12 }}>
          {!user.enterpriseCode && (
            <Form.Item name="enterpriseCode" label={R.enterprise} rules={[{ required: true, message: T.common.choose(R.enterprise) }]}>
              <Select options={enterprises.map((e) => ({ value: e.code, label: e.name }))} />
            </Form.Item>
          )}
          <Form.Item name="source" label={R.source} rules={[{ required: true, message: T.common.choose(R.source) }]}><Select options={SOURCE_OPTIONS} /></Form.Item>
          <Form.Item name={['document', 'type']} label={R.documentType} rules={[{ required: true, message: T.common.choose(R.documentType) }]}><Select options={DOCUMENT_TYPE_OPTIONS} /></Form.Item>
          <Form.Item name={['document', 'number']} label={R.documentNumber} rules={req(R.documentNumber)}><Input /></Form.Item>
          <Form.Item name={['document', 'issuer']} label={R.issuer} rules={req(R.issuer)}><Input /></Form.Item>
          <Form.Item name={['document', 'issueDate']} label={R.issueDate} rules={[{ required: true, message: T.common.choose(R.issueDate) }]}><DatePicker style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="itemNo" label={R.itemNo} rules={req(R.itemNo)}><Input /></Form.Item>
          <Form.Item name="category" label={R.category} rules={req(R.category)}><Input /></Form.Item>
          <Form.Item name="amount" label={R.amount} rules={[{ pattern: AMOUNT, message: R.amountHint }]}><Input placeholder={R.amountHint} /></Form.Item>
          <Form.Item name="confidentiality" label={R.confidentiality}><Select options={CONFIDENTIALITY_OPTIONS} /></Form.Item>
        </div>
        <Form.Item name="title" label={R.title_} rules={req(R.title_)}><Input /></Form.Item>
        <Form.Item name="description" label={R.description} rules={req(R.description)}><Input.TextArea rows={3} /></Form.Item>
        <div style={{ display: 'grid', gridTemplateColumns: '2fr 1fr', columnGap: 12 }}>
          <Form.Item name="tags" label={R.tags}><Select mode="multiple" options={TAG_OPTIONS} /></Form.Item>
          <Form.Item name="deadline" label={R.deadline}><DatePicker style={{ width: '100%' }} /></Form.Item>
        </div>
        <Form.Item name="originLedgerNo" label={R.origin} extra={project ? undefined : R.originHint}><Input placeholder="如：E001-2026-00042" disabled={Boolean(project)} /></Form.Item>
        <Form.Item name="separateProjectId" hidden><Input /></Form.Item>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="form-error" />}
        <Button type="primary" htmlType="submit" loading={busy} data-testid="register-submit">{T.common.submit}</Button>
      </Form>
    </Modal>
  );
}
