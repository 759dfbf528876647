import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Drawer, Form, Input, Select, Space, Spin, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { JOINT_OFFICE_READERS, JOINT_OFFICE_ROLES, MEMBER_UNIT_ROLES, ROLES } from '@rectify/contracts';
import { jointMeetingExtras, type Notice, type NoticeDetail, type NoticeReceipts } from '../../api/jointMeeting.js';
import { useUser } from '../../auth/AuthContext.js';
import { FormDialog, rules, tagsSelect } from '../../components/FormDialog.js';
import { dateTime, T } from '../../i18n/text.js';
import type { PageRequest } from '@rectify/contracts';
import { usePagedList } from '../../components/usePagedList.js';

/** 通报: the office publishes to every member; members read and leave a receipt; the office sees the receipts. */
export function NoticesPanel() {
  const user = useUser();
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const { rows, error, reload: load, pagination } = usePagedList(useCallback((p: PageRequest) => jointMeetingExtras.notices(p), []));
  const office = JOINT_OFFICE_ROLES.includes(user.role);
  return (
    <Card title="通报" extra={office && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="notice-create">发布通报</Button>}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<Notice> rowKey="id" size="middle" loading={rows === null && !error} dataSource={rows ?? []} pagination={pagination} locale={{ emptyText: '暂无通报' }} data-testid="notice-table"
        onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: '通报', dataIndex: 'title', render: (t: string) => <a>{t}</a> },
          { title: '发布人', dataIndex: 'publishedBy', width: 120 },
          { title: '发布时间', dataIndex: 'publishedAt', width: 170, render: dateTime },
          { title: '本人', dataIndex: 'readByMe', width: 90, render: (r: boolean) => (r ? <Tag color="green">已阅</Tag> : <Tag color="gold">未读</Tag>) },
          { title: '已阅人数', dataIndex: 'readers', width: 90 },
        ]}
      />
      {creating && (
        <FormDialog<{ title: string; content: string; ledgerNos?: string[] }> title="发布通报" name="notice" initialValues={{ ledgerNos: [] }} submitText="发布"
          onSubmit={async (v) => { await jointMeetingExtras.publishNotice(v); setCreating(false); void load(); }} onClose={() => setCreating(false)}>
          <Form.Item name="title" label="通报标题" rules={rules.text('通报标题')}><Input /></Form.Item>
          <Form.Item name="content" label="通报的问题及核查、整改情况" rules={rules.text('通报内容')}><Input.TextArea rows={6} /></Form.Item>
          <Form.Item name="ledgerNos" label="涉及问题（台账编号，可不填）"><Select {...tagsSelect} /></Form.Item>
        </FormDialog>
      )}
      {open && <NoticeDrawer id={open} onClose={() => { setOpen(null); void load(); }} canReceipt={[...MEMBER_UNIT_ROLES, ROLES.DISCIPLINE_GROUP].includes(user.role)} seesReceipts={JOINT_OFFICE_READERS.includes(user.role)} />}
    </Card>
  );
}

function NoticeDrawer({ id, onClose, canReceipt, seesReceipts }: { id: string; onClose: () => void; canReceipt: boolean; seesReceipts: boolean }) {
  const { message } = App.useApp();
  const [n, setN] = useState<NoticeDetail | null>(null);
  const [receipts, setReceipts] = useState<NoticeReceipts | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    jointMeetingExtras.notice(id).then(setN, (e: Error) => setError(e.message));
    if (seesReceipts) jointMeetingExtras.receipts(id).then(setReceipts, (e: Error) => setError(e.message));
  }, [id, seesReceipts]);
  return (
    <Drawer open width={720} title={n?.title ?? '通报'} onClose={onClose} data-testid="notice-drawer">
      {error && <Alert type="error" showIcon title={error} />}
      {!n ? <Spin /> : (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="发布">{n.publishedBy}（{dateTime(n.publishedAt)}）</Descriptions.Item>
            <Descriptions.Item label="内容"><div style={{ whiteSpace: 'pre-wrap' }}>{n.content}</div></Descriptions.Item>
            {n.problems.length > 0 && <Descriptions.Item label="涉及问题">{n.problems.map((p) => `${p.ledgerNo}${p.title ? ` ${p.title}` : ''}${p.stageLabel ? `（${p.stageLabel}）` : ''}`).join('；')}</Descriptions.Item>}
            {canReceipt && <Descriptions.Item label="回执">{n.readByMe ? `已阅（${dateTime(n.readAt)}）` : <Button type="primary" size="small" data-testid="notice-read" onClick={() => void jointMeetingExtras.markRead(id).then((d) => { setN(d); message.success('已回执：已阅'); }, (e: Error) => message.error(e.message))}>已阅</Button>}</Descriptions.Item>}
          </Descriptions>
          {receipts && (
            <Table size="small" rowKey="unitCode" pagination={false} dataSource={receipts.units} title={() => `回执情况（未阅单位 ${receipts.unread.length} 个）`} data-testid="notice-receipts"
              columns={[
                { title: '成员单位', dataIndex: 'unitName' },
                { title: '回执', dataIndex: 'read', width: 90, render: (r: boolean) => (r ? <Tag color="green">已阅</Tag> : <Tag color="red">未阅</Tag>) },
                { title: '阅读人', key: 'readers', render: (_v, u) => u.readers.map((r) => `${r.name}（${dateTime(r.readAt)}）`).join('；') || '—' },
              ]}
            />
          )}
          {receipts && receipts.otherReaders.length > 0 && <div>其他已阅：{receipts.otherReaders.map((r) => `${r.name}（${dateTime(r.readAt)}）`).join('；')}</div>}
        </Space>
      )}
      {!n && !error && <span>{T.common.loading}</span>}
    </Drawer>
  );
}
