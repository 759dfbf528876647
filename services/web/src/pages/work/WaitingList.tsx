import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App, Button, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { ROLES } from '@rectify/contracts';
import { issuesApi, type PendingTransfers } from '../../api/issues.js';
import { jointMeetingExtras, type JointWaiting } from '../../api/jointMeeting.js';
import { useUser } from '../../auth/AuthContext.js';
import { dateTime, T } from '../../i18n/text.js';

const STEP_LABEL: Record<string, string> = { pending: '待起草反馈', drafting: '反馈起草中', awaiting_approval: '待审核反馈', answered: '修改后待报送' };

function Section({ title, total, shown, children }: { title: string; total: number; shown: number; children: ReactNode }) {
  return (
    <Card size="small" title={<Space>{title}<Tag color={total > 0 ? 'orange' : 'default'}>{total}</Tag></Space>} style={{ marginBottom: 12 }}>
      {children}
      {total > shown && <Typography.Text type="secondary">仅列出 {shown} 项，共 {total} 项</Typography.Text>}
    </Card>
  );
}

/**
 * 待我处理: what waits for the user outside the problem stages — 纪检组's transfers to accept,
 * members' unread 通报, the 党委's unread 专报, a unit's pushes waiting for its answer or approval.
 */
export function WaitingList() {
  const user = useUser();
  const { message } = App.useApp();
  const [joint, setJoint] = useState<JointWaiting | null>(null);
  const [transfers, setTransfers] = useState<PendingTransfers | null>(null);
  const [error, setError] = useState<string | null>(null);
  const discipline = user.role === ROLES.DISCIPLINE_GROUP;
  const load = useCallback(() => {
    Promise.all([jointMeetingExtras.waiting(), discipline ? issuesApi.pendingTransfers() : Promise.resolve(null)])
      .then(([j, t]) => { setJoint(j); setTransfers(t); }, (e: Error) => setError(e.message));
  }, [discipline]);
  useEffect(load, [load]);
  const done = (p: Promise<unknown>) => p.then(load, (e: Error) => message.error(e.message));
  if (error) return <Alert type="error" showIcon title={error} />;
  if (!joint) return <List loading dataSource={[]} />;
  const none = !transfers?.total && !joint.notices?.total && !joint.reports?.total && !joint.pushes?.total;
  return (
    <div data-testid="waiting-list">
      {none && <Empty description={T.work.noWaiting} />}
      {transfers && transfers.total > 0 && (
        <Section title="待受理的移送纪检事项" total={transfers.total} shown={transfers.items.length}>
          <List
            dataSource={transfers.items}
            data-testid="waiting-transfers"
            renderItem={(t) => (
              <List.Item extra={<Typography.Text type="secondary">移送于 {dateTime(t.transferredAt)}</Typography.Text>}>
                <Space><Link to={`/problems/${encodeURIComponent(t.ledgerNo)}`}>{t.ledgerNo}</Link>{t.title}</Space>
              </List.Item>
            )}
          />
        </Section>
      )}
      {joint.pushes && joint.pushes.total > 0 && (
        <Section title="待本单位反馈或审核的书面推送" total={joint.pushes.total} shown={joint.pushes.items.length}>
          <List
            dataSource={joint.pushes.items}
            data-testid="waiting-pushes"
            renderItem={(p) => (
              <List.Item extra={<Space><Tag color={p.overdue ? 'red' : 'blue'}>{STEP_LABEL[p.status] ?? p.status}{p.overdue ? '（已逾期）' : ''}</Tag>回复期限 {p.replyBy}</Space>}>
                <Space><Link to="/joint-meeting?tab=pushes">{p.pushNo}</Link>{p.subject}</Space>
              </List.Item>
            )}
          />
        </Section>
      )}
      {joint.notices && joint.notices.total > 0 && (
        <Section title="未阅的联席会议通报" total={joint.notices.total} shown={joint.notices.items.length}>
          <List
            dataSource={joint.notices.items}
            data-testid="waiting-notices"
            renderItem={(n) => (
              <List.Item actions={[<Button key="read" size="small" onClick={() => void done(jointMeetingExtras.markRead(n.id))}>回执：已阅</Button>]}>
                <Space><Link to="/joint-meeting?tab=notices">{n.title}</Link><Typography.Text type="secondary">{dateTime(n.publishedAt)}</Typography.Text></Space>
              </List.Item>
            )}
          />
        </Section>
      )}
      {joint.reports && joint.reports.total > 0 && (
        <Section title="未阅的联席会议专报" total={joint.reports.total} shown={joint.reports.items.length}>
          <List
            dataSource={joint.reports.items}
            data-testid="waiting-reports"
            renderItem={(r) => (
              <List.Item actions={[<Button key="read" size="small" onClick={() => void done(jointMeetingExtras.markReportRead(r.id))}>已阅</Button>]}>
                <Space><Link to="/joint-meeting?tab=reports">{r.title}</Link><Typography.Text type="secondary">{r.periodFrom} 至 {r.periodTo}</Typography.Text></Space>
              </List.Item>
            )}
          />
        </Section>
      )}
    </div>
  );
}
