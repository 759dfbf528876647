import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App, Button, Card, DatePicker, Form, Space, Table } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { SUMMARY_TRIGGERERS } from '@rectify/contracts';
import { supervisionActions, type SummaryRow } from '../../api/supervision.js';
import { useUser } from '../../auth/AuthContext.js';
import { applyServerErrors } from '../../components/serverErrors.js';
import { dateTime, T } from '../../i18n/text.js';

const TOTALS: [string, string][] = [['open', '在整改'], ['overdue', '逾期'], ['slow', '进展缓慢'], ['visits', '入户督办'], ['explanationsRequested', '要求说明']];

/** 督办情况汇总分析: the monthly summaries, one generated on demand for a month, and their Word documents. */
export function SummariesPage() {
  const user = useUser();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ month: Dayjs }>();
  const [rows, setRows] = useState<SummaryRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => supervisionActions.summaries().then(setRows, (e: Error) => setError(e.message)), []);
  useEffect(() => { void load(); }, [load]);
  const trigger = async ({ month }: { month: Dayjs }) => {
    setError(null);
    try {
      const r = await supervisionActions.triggerSummary(month.format('YYYY-MM'));
      message.success(`已开始生成${r.monthLabel}督办情况汇总分析，完成后出现在列表中`);
      window.setTimeout(() => void load(), 3000);
    } catch (err) {
      setError(applyServerErrors(form, err));
    }
  };
  return (
    <Card title="督办情况汇总分析" extra={<Button onClick={() => void load()}>{T.common.refresh}</Button>}>
      {SUMMARY_TRIGGERERS.includes(user.role) && (
        <Form form={form} name="summary" layout="inline" onFinish={trigger} initialValues={{ month: dayjs() }} style={{ marginBottom: 16 }}>
          <Form.Item name="month" label="汇总月份" rules={[{ required: true, message: T.common.choose('汇总月份') }]}><DatePicker picker="month" /></Form.Item>
          <Button type="primary" htmlType="submit" data-testid="summary-trigger">生成该月汇总分析</Button>
        </Form>
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<SummaryRow> size="small" rowKey="id" loading={rows === null && !error} dataSource={rows ?? []} locale={{ emptyText: '尚无汇总分析（每月自动生成，也可按月份生成）' }} data-testid="summary-table" pagination={{ pageSize: 20 }}
        columns={[
          { title: '月份', dataIndex: 'monthLabel', width: 120, render: (l: string, r) => <Link to={`/supervision/summaries/${r.id}`}>{l}</Link> },
          { title: '主要数据', key: 'totals', render: (_v, r) => <Space wrap>{TOTALS.map(([k, l]) => `${l} ${r.totals?.[k] ?? 0}`).join('　')}</Space> },
          { title: '生成时间', dataIndex: 'generatedAt', width: 170, render: dateTime },
          { title: '', key: 'doc', width: 110, render: (_v, r) => <Button type="link" icon={<DownloadOutlined />} onClick={() => void supervisionActions.summaryDocument(r).catch((e: Error) => message.error(e.message))}>{T.common.download}</Button> },
        ]}
      />
    </Card>
  );
}
