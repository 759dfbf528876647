import { useState } from 'react';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Select, Table, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { ROLES } from '@rectify/contracts';
import { ApiError } from '../../api/client.js';
import { issuesApi } from '../../api/issues.js';
import type { Enterprise, ImportRowError } from '../../api/types.js';
import { useUser } from '../../auth/AuthContext.js';
import { CONFIDENTIALITY_OPTIONS, DOCUMENT_TYPE_OPTIONS, SOURCE_OPTIONS } from '../../components/labels.js';
import { toDate } from '../../components/dates.js';
import { T } from '../../i18n/text.js';

interface Defaults {
  enterpriseCode?: string;
  source?: string;
  documentType?: string;
  documentNumber?: string;
  issuer?: string;
  issueDate?: Dayjs;
  auditProject?: string;
  category?: string;
  confidentiality?: string;
}

/** xlsx import: all or nothing; a refused file shows the server's report of every bad cell. */
export function ImportDialog({ enterprises, onClose }: { enterprises: Enterprise[]; onClose: (changed: boolean) => void }) {
  const user = useUser();
  const { message } = App.useApp();
  const [form] = Form.useForm<Defaults>();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [rowErrors, setRowErrors] = useState<ImportRowError[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const submit = async (v: Defaults) => {
    if (!file) {
      setError(T.importDialog.noFile);
      return;
    }
    setBusy(true);
    setError(null);
    setRowErrors(null);
    try {
      const r = await issuesApi.importLedger(file, { ...v, issueDate: toDate(v.issueDate) });
      message.success(T.importDialog.ok(r.imported, r.alreadyRegistered));
      onClose(true);
    } catch (err) {
      if (err instanceof ApiError && err.status === 422 && Array.isArray((err.body as { errors?: unknown }).errors)) {
        setRowErrors((err.body as { errors: ImportRowError[] }).errors);
      } else {
        setError(err instanceof Error ? err.message : String(err));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={T.importDialog.title} width={820} onCancel={() => onClose(false)} footer={null} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item label={T.importDialog.file} required>
          <Upload
            accept=".xlsx"
            maxCount={1}
            beforeUpload={(f) => { setFile(f); setError(null); return false; }}
            onRemove={() => setFile(null)}
            fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
          >
            <Button icon={<UploadOutlined />} data-testid="import-pick">{T.importDialog.pickFile}</Button>
          </Upload>
        </Form.Item>
        <Typography.Text type="secondary">{T.importDialog.defaults}</Typography.Text>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr', columnGap: 12, marginTop: 8 }}>
          {user.role === ROLES.SUPERVISION_OFFICER && (
            <Form.Item name="enterpriseCode" label={T.register.enterprise}><Select allowClear options={enterprises.map((e) => ({ value: e.code, label: e.name }))} /></Form.Item>
          )}
          <Form.Item name="source" label={T.register.source}><Select allowClear options={SOURCE_OPTIONS} /></Form.Item>
          <Form.Item name="documentType" label={T.importDialog.documentType}><Select allowClear options={DOCUMENT_TYPE_OPTIONS} /></Form.Item>
          <Form.Item name="documentNumber" label={T.importDialog.documentNumber}><Input /></Form.Item>
          <Form.Item name="issuer" label={T.importDialog.issuer}><Input /></Form.Item>
          <Form.Item name="issueDate" label={T.importDialog.issueDate}><DatePicker style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="auditProject" label={T.importDialog.auditProject}><Input /></Form.Item>
          <Form.Item name="category" label={T.importDialog.category}><Input /></Form.Item>
          <Form.Item name="confidentiality" label={T.register.confidentiality}><Select allowClear options={CONFIDENTIALITY_OPTIONS} /></Form.Item>
        </div>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        {rowErrors && (
          <div data-testid="import-errors" style={{ marginBottom: 12 }}>
            <Alert type="error" showIcon title={T.importDialog.rowErrors(rowErrors.length)} style={{ marginBottom: 8 }} />
            <Table<ImportRowError>
              size="small"
              rowKey={(r, i) => `${r.cell ?? ''}-${i}`}
              pagination={{ pageSize: 10 }}
              dataSource={rowErrors}
              columns={[
                { title: T.importDialog.row, dataIndex: 'rowNumber', width: 60 },
                { title: T.importDialog.cell, dataIndex: 'cell', width: 80, render: (c: string | null) => c ?? '—' },
                { title: T.importDialog.column, dataIndex: 'column', width: 160, render: (c: string | null) => c ?? '—' },
                { title: T.importDialog.reason, dataIndex: 'message' },
              ]}
            />
          </div>
        )}
        <Button type="primary" htmlType="submit" loading={busy} data-testid="import-submit">{T.importDialog.submit}</Button>
      </Form>
    </Modal>
  );
}
