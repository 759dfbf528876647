import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Input, List, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { JOINT_OFFICE_ROLES } from '@rectify/contracts';
import { jointMeetingExtras, type Meeting } from '../../api/jointMeeting.js';
import { useUser } from '../../auth/AuthContext.js';
import { FormDialog, rules, tagsSelect } from '../../components/FormDialog.js';
import { dateTime } from '../../i18n/text.js';
import { CreatePushDialog } from './CreatePushDialog.js';
import { PushDrawer } from './PushDrawer.js';

/** 会议记录: the office records a meeting (date, attendees, agenda, minutes, decisions); each decision can become a push. */
export function MeetingsPanel() {
  const user = useUser();
  const office = JOINT_OFFICE_ROLES.includes(user.role);
  const [rows, setRows] = useState<Meeting[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [pushing, setPushing] = useState<{ meetingId: string; decisionIndex: number; text: string; title: string } | null>(null);
  const [openPush, setOpenPush] = useState<string | null>(null);
  const load = useCallback(() => jointMeetingExtras.meetings().then(setRows, (e: Error) => setError(e.message)), []);
  useEffect(() => { void load(); }, [load]);
  return (
    <Card title="会议记录" extra={office && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="meeting-create">记录会议</Button>}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<Meeting> rowKey="id" size="middle" loading={rows === null && !error} dataSource={rows ?? []} locale={{ emptyText: '暂无会议记录' }} data-testid="meeting-table"
        expandable={{
          expandedRowRender: (m) => (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <div><b>参会单位及人员：</b>{m.attendees.join('、')}</div>
              <div style={{ whiteSpace: 'pre-wrap' }}><b>议程：</b>{m.agenda}</div>
              <div style={{ whiteSpace: 'pre-wrap' }}><b>会议纪要：</b>{m.minutes}</div>
              <List size="small" header={<b>议定事项</b>} dataSource={m.decisions} locale={{ emptyText: '无议定事项' }}
                renderItem={(d) => (
                  <List.Item actions={[d.pushNo
                    ? <a key="p" onClick={() => setOpenPush(d.pushNo)}>已转推送 {d.pushNo}</a>
                    : office && <Button key="p" size="small" onClick={() => setPushing({ meetingId: m.id, decisionIndex: d.index, text: d.text, title: m.title })} data-testid={`decision-push-${d.index}`}>转为书面推送</Button>]}>
                    {d.index + 1}. {d.text}
                  </List.Item>
                )}
              />
            </Space>
          ),
        }}
        columns={[
          { title: '会议日期', dataIndex: 'heldOn', width: 110 },
          { title: '会议', dataIndex: 'title' },
          { title: '议定事项', key: 'd', width: 160, render: (_v, m) => <Tag>{m.decisions.filter((d) => d.pushNo).length}/{m.decisions.length} 已转推送</Tag> },
          { title: '记录人', dataIndex: 'recordedBy', width: 100 },
          { title: '记录时间', dataIndex: 'recordedAt', width: 170, render: dateTime },
        ]}
      />
      {creating && (
        <FormDialog<{ heldOn: string; title: string; attendees: string[]; agenda: string; minutes: string; decisions: string[] }> title="记录会议" name="meeting" width={820} initialValues={{ attendees: [], decisions: [] }}
          onSubmit={async (v) => { await jointMeetingExtras.recordMeeting({ ...v, decisions: (v.decisions ?? []).filter((d) => d && d.trim()) }); setCreating(false); void load(); }} onClose={() => setCreating(false)}>
          <Form.Item name="heldOn" label="会议日期" rules={rules.choose('会议日期')}><DatePicker style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="title" label="会议名称" rules={rules.text('会议名称')}><Input placeholder="如：2026年第四次监督联席会议" /></Form.Item>
          <Form.Item name="attendees" label="参会单位及人员" rules={[{ required: true, type: 'array', min: 1, message: '请填写参会单位及人员' }]} extra="可填写多个，以逗号或顿号分隔"><Select {...tagsSelect} /></Form.Item>
          <Form.Item name="agenda" label="议程" rules={rules.text('议程')}><Input.TextArea rows={3} /></Form.Item>
          <Form.Item name="minutes" label="会议纪要" rules={rules.text('会议纪要')}><Input.TextArea rows={5} /></Form.Item>
          <Form.List name="decisions">
            {(items, { add, remove }) => (
              <>
                {items.map((item) => (
                  <div key={item.key} style={{ display: 'flex', gap: 8 }}>
                    <Form.Item name={item.name} label={`议定事项 ${item.name + 1}`} rules={rules.text('议定事项')} style={{ flex: 1 }}><Input.TextArea rows={2} /></Form.Item>
                    <Button type="link" danger onClick={() => remove(item.name)} style={{ marginTop: 30 }}>删除</Button>
                  </div>
                ))}
                <Button type="dashed" onClick={() => add()} style={{ marginBottom: 16 }}>添加议定事项</Button>
              </>
            )}
          </Form.List>
        </FormDialog>
      )}
      {pushing && <CreatePushDialog from={pushing} onClose={(pushNo) => { setPushing(null); void load(); if (pushNo) setOpenPush(pushNo); }} />}
      {openPush && <PushDrawer pushNo={openPush} onClose={() => setOpenPush(null)} />}
    </Card>
  );
}
