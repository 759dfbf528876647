import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { App, Button, Card, Descriptions, Result, Space, Spin, Table, Tag } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { APPROVAL_DECIDERS } from '@rectify/contracts';
import { ApiError } from '../../api/client.js';
import { approvalsApi, type UpwardReportDetail } from '../../api/approvals.js';
import { useUser } from '../../auth/AuthContext.js';
import { dateTime, T } from '../../i18n/text.js';
import { ApprovalEvents, statusColor } from './ApprovalEvents.js';
import { DecisionDialog } from './DecisionDialog.js';

/** One upward report (上报, §13): the ground, the party committee's decision, the report and its dispatch. */
export function UpwardReportPage() {
  const { id = '' } = useParams();
  const user = useUser();
  const { message } = App.useApp();
  const [r, setR] = useState<UpwardReportDetail | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [deciding, setDeciding] = useState(false);
  const load = useCallback(() => approvalsApi.report(id).then(setR, (e: Error) => setError(e)), [id]);
  useEffect(() => { void load(); }, [load]);
  if (error) return <Result status={error instanceof ApiError && error.status === 404 ? '404' : 'error'} title={error instanceof ApiError && error.status === 404 ? '上报事项不存在' : error.message} extra={<Link to="/approvals?tab=upward-reports">{T.common.back}</Link>} />;
  if (!r) return <Spin style={{ margin: 48 }} />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={<Space>上报事项：{r.problem.ledgerNo}<Tag color={statusColor(r.status)} data-testid="report-status">{r.statusLabel}</Tag></Space>}
        extra={
          <Space>
            {r.report && <Button icon={<DownloadOutlined />} onClick={() => void approvalsApi.reportDocument(r).then((n) => message.success(`已下载 ${n}`), (e: Error) => message.error(e.message))} data-testid="report-download">下载上报报告（docx）</Button>}
            {APPROVAL_DECIDERS.includes(user.role) && r.status === 'pending' && <Button type="primary" onClick={() => setDeciding(true)} data-testid="report-decide">委党委审议</Button>}
          </Space>
        }
      >
        <Descriptions column={2} size="small" bordered>
          <Descriptions.Item label="问题" span={2}><Link to={`/problems/${r.problem.ledgerNo}`}>{r.problem.ledgerNo}</Link> {r.problem.title}（{r.problem.enterpriseCode}）</Descriptions.Item>
          <Descriptions.Item label="上报依据" span={2}>{r.groundLabel}</Descriptions.Item>
          <Descriptions.Item label="提请时间">{dateTime(r.proposedAt)}</Descriptions.Item>
          <Descriptions.Item label="审议">{r.decidedBy ? `${r.decidedBy}，${dateTime(r.decidedAt)}` : '待审议'}</Descriptions.Item>
          <Descriptions.Item label="报告文号">{r.documentNumber ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="报告">{r.report ? `${r.report.title}（${dateTime(r.report.producedAt)}）` : '审议通过后形成'}</Descriptions.Item>
          {r.decisionReason && <Descriptions.Item label="审议意见" span={2}>{r.decisionReason}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card title="报送记录">
        <Table size="small" rowKey="recipient" pagination={false} dataSource={r.dispatches} locale={{ emptyText: '尚未报送' }}
          columns={[
            { title: '报送对象', dataIndex: 'recipient' },
            { title: '文号', dataIndex: 'documentNumber', width: 200 },
            { title: '报送人', dataIndex: 'dispatchedBy', width: 120 },
            { title: '报送时间', dataIndex: 'dispatchedAt', width: 170, render: dateTime },
          ]}
        />
      </Card>
      <Card title="审议记录"><ApprovalEvents events={r.events} /></Card>
      {deciding && (
        <DecisionDialog title="委党委审议上报事项" numberLabel="报告文号" onClose={() => setDeciding(false)}
          onDecide={async (d) => { setR(await approvalsApi.decideReport(r.id, d)); setDeciding(false); message.success('审议决定已记录'); void load(); }} />
      )}
    </Space>
  );
}
