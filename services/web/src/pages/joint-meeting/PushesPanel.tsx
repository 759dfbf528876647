import { useCallback, useState } from 'react';
import { Alert, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ROLES } from '@rectify/contracts';
import { jointMeetingApi, type PushSummary } from '../../api/jointMeeting.js';
import { useUser } from '../../auth/AuthContext.js';
import { T } from '../../i18n/text.js';
import { CreatePushDialog } from './CreatePushDialog.js';
import { PushDrawer } from './PushDrawer.js';
import { targetTag } from './targetTag.js';
import { useLiveEvents } from '../../live/useLiveEvents.js';
import type { PageRequest } from '@rectify/contracts';
import { usePagedList } from '../../components/usePagedList.js';

/**
 * 推送事项 of the joint meeting (§11): the office pushes written matters and tracks them per unit (pending, answered,
 * overdue); a member unit sees the pushes addressed to it, its officer drafts the answer and its
 * division leader approves it before it reaches the office.
 */
export function PushesPanel() {
  const user = useUser();
  const office = user.role === ROLES.JOINT_OFFICE;
  const unit = user.unitCode !== null;
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const { rows, error, reload: load, pagination } = usePagedList(useCallback((p: PageRequest) => jointMeetingApi.pushes(p), []));
  useLiveEvents((e) => e.type === 'push', load);

  return (
    <Card
      title={unit ? T.joint.inbox : T.joint.tracker}
      extra={office && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="push-create">新建书面推送</Button>}
    >
      {unit && (
        <Typography.Paragraph type="secondary">
          {user.role === ROLES.MEMBER_UNIT_LEADER ? '请审核本单位联络人起草的书面反馈：审核通过后报送联席会议办公室，或写明意见退回修改。' : '请就推送事项起草书面反馈（本单位意见及解决情况），提交本单位分管领导审核后报送。'}
        </Typography.Paragraph>
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<PushSummary>
        rowKey="pushNo"
        size="middle"
        loading={rows === null && !error}
        dataSource={rows ?? []}
        pagination={pagination}
        data-testid="push-table"
        locale={{ emptyText: T.common.empty }}
        onRow={(r) => ({ onClick: () => setOpen(r.pushNo), style: { cursor: 'pointer' } })}
        columns={[
          { title: '编号', dataIndex: 'pushNo', width: 150, render: (n: string) => <a>{n}</a> },
          { title: '推送事项', dataIndex: 'subject' },
          { title: '回复期限', dataIndex: 'replyBy', width: 110 },
          { title: '各单位办理情况', key: 'targets', render: (_v, r) => <Space wrap size={4}>{r.targets.map(targetTag)}</Space> },
          { title: '状态', dataIndex: 'statusLabel', width: 90, render: (l: string, r) => <Tag color={r.status === 'closed' ? 'green' : 'blue'}>{l}</Tag> },
          ...(unit ? [] : [{ title: '逾期单位', key: 'overdue', width: 90, render: (_v: unknown, r: PushSummary) => (r.counts.overdue ? <Tag color="red">{r.counts.overdue}</Tag> : 0) }]),
        ]}
      />
      {creating && <CreatePushDialog onClose={(pushNo) => { setCreating(false); if (pushNo) { void load(); setOpen(pushNo); } }} />}
      {open && <PushDrawer pushNo={open} onClose={() => { setOpen(null); void load(); }} />}
    </Card>
  );
}
