import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, Input, Table } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { JOINT_OFFICE_ROLES } from '@rectify/contracts';
import { jointMeetingExtras, type SpecialReport } from '../../api/jointMeeting.js';
import { useUser } from '../../auth/AuthContext.js';
import { FormDialog, rules } from '../../components/FormDialog.js';
import { dateTime, T } from '../../i18n/text.js';

/** 专报 to the Commission 党委: written by the office for a period, downloaded as Word. */
export function ReportsPanel() {
  const user = useUser();
  const { message } = App.useApp();
  const office = JOINT_OFFICE_ROLES.includes(user.role);
  const [rows, setRows] = useState<SpecialReport[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const load = useCallback(() => jointMeetingExtras.reports().then(setRows, (e: Error) => setError(e.message)), []);
  useEffect(() => { void load(); }, [load]);
  const download = (r: SpecialReport) => void jointMeetingExtras.reportDocument(r).then((n) => message.success(`已下载 ${n}`), (e: Error) => message.error(e.message));
  return (
    <Card title="专报" extra={office && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="report-create">撰写专报</Button>}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<SpecialReport> rowKey="id" size="middle" loading={rows === null && !error} dataSource={rows ?? []} locale={{ emptyText: '暂无专报' }} data-testid="special-report-table"
        columns={[
          { title: '专报', dataIndex: 'title' },
          { title: '期间', key: 'period', width: 220, render: (_v, r) => `${r.periodFrom} 至 ${r.periodTo}` },
          { title: '撰写人', dataIndex: 'createdBy', width: 100 },
          { title: '撰写时间', dataIndex: 'createdAt', width: 170, render: dateTime },
          { title: '', key: 'doc', width: 110, render: (_v, r) => <Button type="link" icon={<DownloadOutlined />} onClick={() => download(r)}>{T.common.download}</Button> },
        ]}
      />
      {creating && (
        <FormDialog<{ title: string; periodFrom: string; periodTo: string; summary: string }> title="撰写专报" name="report"
          onSubmit={async (v) => { const r = await jointMeetingExtras.createReport(v); setCreating(false); void load(); download(r); }} onClose={() => setCreating(false)}>
          <Form.Item name="title" label="专报标题" rules={rules.text('专报标题')}><Input placeholder="如：关于2026年第四季度监督联席会议工作情况的专报" /></Form.Item>
          <Form.Item name="periodFrom" label="期间起" rules={rules.choose('期间起')}><DatePicker style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="periodTo" label="期间止" rules={rules.choose('期间止')}><DatePicker style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="summary" label="总体情况" rules={rules.text('总体情况')}><Input.TextArea rows={6} /></Form.Item>
        </FormDialog>
      )}
    </Card>
  );
}
