import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Descriptions, Drawer, Form, Input, List, Space, Spin, Tag, Typography } from 'antd';
import { ROLES } from '@rectify/contracts';
import { jointMeetingApi, type PushDetail, type ResponseVersion } from '../../api/jointMeeting.js';
import { useUser } from '../../auth/AuthContext.js';
import { applyServerErrors } from '../../components/serverErrors.js';
import { dateTime, T } from '../../i18n/text.js';
import { targetTag } from './targetTag.js';
import { AttachmentLinks, AttachmentPicker } from './Attachments.js';
import { useLiveEvents } from '../../live/useLiveEvents.js';

const VERSION_COLOR: Record<ResponseVersion['status'], string> = { draft: 'default', submitted: 'purple', approved: 'green', returned: 'red' };

/** One push: its content, each unit's state, the answers; the unit's drafting and its leader's approval. */
export function PushDrawer({ pushNo, onClose }: { pushNo: string; onClose: () => void }) {
  const user = useUser();
  const { message } = App.useApp();
  const [push, setPush] = useState<PushDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => jointMeetingApi.push(pushNo).then(setPush, (e: Error) => setError(e.message)), [pushNo]);
  useEffect(() => { void load(); }, [load]);
  useLiveEvents((e) => e.type === 'push' && e.pushNo === pushNo, load);

  const own = push?.targets.find((t) => t.unitCode === user.unitCode) ?? null;
  const latest = push?.responses.filter((r) => r.unitCode === user.unitCode).at(-1) ?? null;
  const done = (what: string) => (r: { push: PushDetail }) => { setPush(r.push); message.success(what); };

  return (
    <Drawer open width={760} title={push ? `${push.pushNo} ${push.subject}` : pushNo} onClose={onClose} data-testid="push-drawer">
      {error && <Alert type="error" showIcon title={error} />}
      {!push ? <Spin /> : (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="推送内容"><div style={{ whiteSpace: 'pre-wrap' }}>{push.content}</div></Descriptions.Item>
            <Descriptions.Item label="回复期限">{push.replyBy}</Descriptions.Item>
            <Descriptions.Item label="推送人">{push.createdBy}（{dateTime(push.createdAt)}）</Descriptions.Item>
            {push.attachments && push.attachments.length > 0 && <Descriptions.Item label="附件"><AttachmentLinks files={push.attachments} testId="push-attachments" /></Descriptions.Item>}
            <Descriptions.Item label="各单位办理情况"><Space wrap size={4}>{push.targets.map(targetTag)}</Space></Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5}>书面反馈</Typography.Title>
          <List<ResponseVersion>
            dataSource={push.responses}
            locale={{ emptyText: '尚无反馈' }}
            data-testid="push-responses"
            renderItem={(r) => (
              <List.Item>
                <List.Item.Meta
                  title={<Space>{push.targets.find((t) => t.unitCode === r.unitCode)?.unitName ?? r.unitCode} 第 {r.version} 版 <Tag color={VERSION_COLOR[r.status]}>{r.statusLabel}</Tag></Space>}
                  description={<><div>意见：{r.opinion}</div><div>解决情况：{r.resolution}</div>{r.decisionComment && <div>审核意见：{r.decisionComment}</div>}<AttachmentLinks files={r.attachments} testId="response-attachments" /></>}
                />
              </List.Item>
            )}
          />
          {own && push.status !== 'closed' && user.role === ROLES.MEMBER_UNIT_OFFICER && own.status !== 'awaiting_approval' && (
            <DraftForm pushNo={pushNo} latest={latest} onSaved={done('已保存草稿')} onSubmitted={done('已提交分管领导审核')} />
          )}
          {own && push.status !== 'closed' && user.role === ROLES.MEMBER_UNIT_LEADER && own.status === 'awaiting_approval' && (
            <ApprovalForm pushNo={pushNo} onDone={(r, approved) => done(approved ? '已审核通过，反馈已报送联席会议办公室' : '已退回修改')(r)} />
          )}
        </Space>
      )}
    </Drawer>
  );
}

function DraftForm({ pushNo, latest, onSaved, onSubmitted }: { pushNo: string; latest: ResponseVersion | null; onSaved: (r: { push: PushDetail }) => void; onSubmitted: (r: { push: PushDetail }) => void }) {
  const [form] = Form.useForm<{ opinion: string; resolution: string; attachmentIds?: string[] }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (submit: boolean) => {
    setError(null);
    let values: { opinion: string; resolution: string; attachmentIds?: string[] };
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    try {
      const saved = await jointMeetingApi.draft(pushNo, values);
      if (submit) onSubmitted(await jointMeetingApi.submit(pushNo));
      else onSaved(saved);
    } catch (err) {
      setError(applyServerErrors(form, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={form} name="response" layout="vertical" initialValues={latest ? { opinion: latest.opinion, resolution: latest.resolution, attachmentIds: (latest.attachments ?? []).map((a) => a.id) } : { attachmentIds: [] }} data-testid="response-form">
      <Typography.Title level={5}>起草本单位书面反馈</Typography.Title>
      <Form.Item name="opinion" label="本单位意见" rules={[{ required: true, whitespace: true, message: T.common.required('本单位意见') }]}><Input.TextArea rows={3} /></Form.Item>
      <Form.Item name="resolution" label="解决情况" rules={[{ required: true, whitespace: true, message: T.common.required('解决情况') }]}><Input.TextArea rows={3} /></Form.Item>
      <Form.Item name="attachmentIds" label="附件"><AttachmentPicker initial={latest?.attachments ?? []} testId="response-attachment-upload" /></Form.Item>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="form-error" />}
      <Space>
        <Button onClick={() => void run(false)} loading={busy} data-testid="response-save">保存草稿</Button>
        <Button type="primary" onClick={() => void run(true)} loading={busy} data-testid="response-submit">提交分管领导审核</Button>
      </Space>
    </Form>
  );
}

function ApprovalForm({ pushNo, onDone }: { pushNo: string; onDone: (r: { push: PushDetail }, approved: boolean) => void }) {
  const [form] = Form.useForm<{ comment?: string }>();
  const [error, setError] = useState<string | null>(null);
  const decide = async (approve: boolean) => {
    setError(null);
    const comment = (form.getFieldValue('comment') as string | undefined)?.trim();
    if (!approve && !comment) {
      form.setFields([{ name: 'comment', errors: ['退回修改须写明意见'] }]);
      return;
    }
    try {
      onDone(approve ? await jointMeetingApi.approve(pushNo, comment) : await jointMeetingApi.returnForRevision(pushNo, comment!), approve);
    } catch (err) {
      setError(applyServerErrors(form, err));
    }
  };
  return (
    <Form form={form} name="approval" layout="vertical" data-testid="approval-form">
      <Typography.Title level={5}>{T.joint.approval}</Typography.Title>
      <Form.Item name="comment" label="审核意见"><Input.TextArea rows={2} /></Form.Item>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Space>
        <Button type="primary" onClick={() => void decide(true)} data-testid="response-approve">审核通过</Button>
        <Button danger onClick={() => void decide(false)} data-testid="response-return">退回修改</Button>
      </Space>
    </Form>
  );
}
