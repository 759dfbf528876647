import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { App, Button, Card, Descriptions, Result, Space, Spin, Table, Tag } from 'antd';
import { APPROVAL_DECIDERS, ROLE_LABELS, ROLES, type Role } from '@rectify/contracts';
import { gatewayApi } from '../../api/gateway.js';
import type { Enterprise } from '../../api/types.js';
import { RegisterDialog } from '../ledger/RegisterDialog.js';
import { STAGE_LABELS, type Stage } from '@rectify/domain';
import { ApiError } from '../../api/client.js';
import { approvalsApi, type SeparateProjectDetail } from '../../api/approvals.js';
import { useUser } from '../../auth/AuthContext.js';
import { dateTime, T } from '../../i18n/text.js';
import { ApprovalEvents, statusColor } from './ApprovalEvents.js';
import { DecisionDialog } from './DecisionDialog.js';

/** One separate project: the proposal, the party committee's decision and the problems registered under it. */
export function SeparateProjectPage() {
  const { id = '' } = useParams();
  const user = useUser();
  const { message } = App.useApp();
  const [p, setP] = useState<SeparateProjectDetail | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [deciding, setDeciding] = useState(false);
  const [registering, setRegistering] = useState<Enterprise[] | null>(null);
  const load = useCallback(() => approvalsApi.project(id).then(setP, (e: Error) => setError(e)), [id]);
  useEffect(() => { void load(); }, [load]);
  if (error) return <Result status={error instanceof ApiError && error.status === 404 ? '404' : 'error'} title={error instanceof ApiError && error.status === 404 ? '立项事项不存在' : error.message} extra={<Link to="/approvals">{T.common.back}</Link>} />;
  if (!p) return <Spin style={{ margin: 48 }} />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={<Space>单独立项：{p.title}<Tag color={statusColor(p.status)} data-testid="project-status">{p.statusLabel}</Tag></Space>}
        extra={
          <Space>
            {APPROVAL_DECIDERS.includes(user.role) && p.status === 'pending' && <Button type="primary" onClick={() => setDeciding(true)} data-testid="project-decide">委党委审议</Button>}
            {user.role === ROLES.SUPERVISION_OFFICER && p.status === 'approved' && (
              <Button onClick={() => void gatewayApi.enterprises().then(setRegistering, (e: Error) => message.error(e.message))} data-testid="project-register">登记立项发现的问题</Button>
            )}
          </Space>
        }
      >
        <Descriptions column={2} size="small" bordered data-testid="project-basics">
          <Descriptions.Item label="立项类型">{p.kindLabel}</Descriptions.Item>
          <Descriptions.Item label="针对企业">{p.enterpriseCode}</Descriptions.Item>
          <Descriptions.Item label="原问题" span={2}><Link to={`/problems/${p.origin.ledgerNo}`}>{p.origin.ledgerNo}</Link> {p.origin.title}</Descriptions.Item>
          <Descriptions.Item label="问题线索" span={2}><div style={{ whiteSpace: 'pre-wrap' }}>{p.clue}</div></Descriptions.Item>
          <Descriptions.Item label="立项理由" span={2}><div style={{ whiteSpace: 'pre-wrap' }}>{p.reasons}</div></Descriptions.Item>
          <Descriptions.Item label="提请人">{p.proposedBy}（{ROLE_LABELS[p.proposedByRole as Role] ?? p.proposedByRole}）</Descriptions.Item>
          <Descriptions.Item label="提请时间">{dateTime(p.proposedAt)}</Descriptions.Item>
          <Descriptions.Item label="审议">{p.decidedBy ? `${p.decidedBy}，${dateTime(p.decidedAt)}` : '待审议'}</Descriptions.Item>
          <Descriptions.Item label="立项文号"><span data-testid="project-number">{p.approvalNumber ?? '—'}</span></Descriptions.Item>
          {p.decisionReason && <Descriptions.Item label="审议意见" span={2}>{p.decisionReason}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card title="立项后登记的问题">
        <Table size="small" rowKey="ledgerNo" pagination={false} dataSource={p.problems} locale={{ emptyText: '尚未登记问题' }}
          columns={[
            { title: '台账编号', dataIndex: 'ledgerNo', width: 170, render: (n: string) => <Link to={`/problems/${n}`}>{n}</Link> },
            { title: '问题摘要', dataIndex: 'title' },
            { title: '企业', dataIndex: 'enterpriseCode', width: 80 },
            { title: '阶段', dataIndex: 'stage', width: 100, render: (s: string) => STAGE_LABELS[s as Stage] ?? s },
          ]}
        />
      </Card>
      <Card title="审议记录"><ApprovalEvents events={p.events} /></Card>
      {registering && <RegisterDialog enterprises={registering} project={{ id: p.id, title: p.title, enterpriseCode: p.enterpriseCode, originLedgerNo: p.origin.ledgerNo }} onClose={() => setRegistering(null)} />}
      {deciding && (
        <DecisionDialog title="委党委审议单独立项" numberLabel="立项文号" onClose={() => setDeciding(false)}
          onDecide={async (d) => { setP(await approvalsApi.decideProject(p.id, d)); setDeciding(false); message.success('审议决定已记录'); window.dispatchEvent(new Event('rectify:inbox-changed')); }} />
      )}
    </Space>
  );
}
