import { useEffect, useState } from 'react';
import { Alert, Button, DatePicker, Form, Input, Modal, Select } from 'antd';
import { gatewayApi } from '../../api/gateway.js';
import { jointMeetingApi, type NewPush } from '../../api/jointMeeting.js';
import { AttachmentPicker } from './Attachments.js';
import { applyServerErrors } from '../../components/serverErrors.js';
import { withDates } from '../../components/dates.js';
import { T } from '../../i18n/text.js';

/** 书面推送: a matter pushed to one or more member units, with the date their written answer is due. */
export function CreatePushDialog({ onClose, from }: { onClose: (pushNo: string | null) => void; from?: { meetingId: string; decisionIndex: number; text: string; title: string } }) {
  const [form] = Form.useForm();
  const [units, setUnits] = useState<{ code: string; name: string }[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { gatewayApi.memberUnits().then(setUnits, () => setUnits([])); }, []);
  const submit = async (values: Record<string, unknown>) => {
    setBusy(true);
    setError(null);
    try {
      const push = await jointMeetingApi.create({ ...(withDates(values) as NewPush), ...(from ? { meetingId: from.meetingId, decisionIndex: from.decisionIndex } : {}) });
      onClose(push.pushNo);
    } catch (err) {
      setError(applyServerErrors(form, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={from ? `议定事项转为书面推送（${from.title}）` : '新建书面推送'} width={720} onCancel={() => onClose(null)} footer={null} destroyOnHidden>
      <Form form={form} name="push" layout="vertical" onFinish={submit} initialValues={from ? { subject: from.text.slice(0, 100), content: from.text, attachmentIds: [] } : { attachmentIds: [] }}>
        <Form.Item name="subject" label="推送事项" rules={[{ required: true, whitespace: true, message: T.common.required('推送事项') }]}><Input /></Form.Item>
        <Form.Item name="content" label="推送内容（需协助解决的事项、背景和要求）" rules={[{ required: true, whitespace: true, message: T.common.required('推送内容') }]}><Input.TextArea rows={5} /></Form.Item>
        <Form.Item name="units" label="成员单位" rules={[{ required: true, message: T.common.choose('成员单位') }]}>
          <Select mode="multiple" options={units.map((u) => ({ value: u.code, label: u.name }))} />
        </Form.Item>
        <Form.Item name="replyBy" label="书面回复期限" rules={[{ required: true, message: T.common.choose('书面回复期限') }]}><DatePicker style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="attachmentIds" label="附件"><AttachmentPicker /></Form.Item>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="form-error" />}
        <Button type="primary" htmlType="submit" loading={busy} data-testid="push-submit">推送</Button>
      </Form>
    </Modal>
  );
}
