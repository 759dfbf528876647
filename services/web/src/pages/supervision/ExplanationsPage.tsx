import { useCallback, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Space, Table, Tag } from 'antd';
import { isEnterpriseRole, ROLES } from '@rectify/contracts';
import { supervisionActions, type ExplanationRecord } from '../../api/supervision.js';
import { useUser } from '../../auth/AuthContext.js';
import { dateTime, T } from '../../i18n/text.js';
import { RequestExplanationDialog, UnsolicitedExplanationDialog } from './ExplanationDialogs.js';
import type { PageRequest } from '@rectify/contracts';
import { usePagedList } from '../../components/usePagedList.js';

export const EXPLANATION_COLOR: Record<string, string> = { requested: 'gold', overdue: 'red', answered: 'green' };

/** 书面说明: the division's requests and the enterprises' answers (an enterprise sees its own). */
export function ExplanationsPage() {
  const user = useUser();
  const navigate = useNavigate();
  const [open, setOpen] = useState<'request' | 'unsolicited' | null>(null);
  const { rows, error, pagination } = usePagedList(useCallback((p: PageRequest) => supervisionActions.explanationList(p), []));
  const enterprise = isEnterpriseRole(user.role);
  const goTo = (x: { id: string }) => void navigate(`/supervision/explanations/${x.id}`);
  return (
    <Card
      title="书面说明"
      extra={
        <Space>
          {user.role === ROLES.SUPERVISION_OFFICER && <Button type="primary" onClick={() => setOpen('request')} data-testid="explanation-request">要求企业书面说明</Button>}
          {enterprise && <Button type="primary" onClick={() => setOpen('unsolicited')} data-testid="explanation-unsolicited">主动报送书面说明</Button>}
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<ExplanationRecord> size="small" rowKey="id" loading={rows === null && !error} dataSource={rows ?? []} locale={{ emptyText: T.common.empty }} data-testid="explanation-table" pagination={pagination}
        columns={[
          { title: '说明事项', dataIndex: 'topic', render: (t: string, r) => <Link to={`/supervision/explanations/${r.id}`}>{t}</Link> },
          { title: '企业', dataIndex: 'enterpriseName', width: 180 },
          { title: '方式', dataIndex: 'kind', width: 90, render: (k: string) => (k === 'requested' ? '要求说明' : '主动报送') },
          { title: '要求时间', dataIndex: 'requestedAt', width: 170, render: dateTime },
          { title: '回复期限', dataIndex: 'replyBy', width: 110 },
          { title: '状态', dataIndex: 'statusLabel', width: 100, render: (l: string, r) => <Tag color={EXPLANATION_COLOR[r.status]}>{l}</Tag> },
          { title: '已指导', dataIndex: 'hasGuidance', width: 80, render: (g: boolean) => (g ? T.common.yes : T.common.no) },
        ]}
      />
      {open === 'request' && <RequestExplanationDialog onClose={() => setOpen(null)} onDone={goTo} />}
      {open === 'unsolicited' && <UnsolicitedExplanationDialog onClose={() => setOpen(null)} onDone={goTo} />}
    </Card>
  );
}
