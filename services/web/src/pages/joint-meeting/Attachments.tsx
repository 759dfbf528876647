import { useState } from 'react';
import { App, Button, Space, Tag, Upload } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { jointMeetingExtras, type Attachment } from '../../api/jointMeeting.js';

/** Attachments as download links (authenticated download). */
export function AttachmentLinks({ files, testId }: { files: Attachment[] | undefined; testId?: string }) {
  const { message } = App.useApp();
  if (!files?.length) return null;
  return (
    <Space wrap size={4} data-testid={testId}>
      附件：
      {files.map((f) => (
        <Button key={f.id} type="link" size="small" icon={<PaperClipOutlined />} onClick={() => void jointMeetingExtras.downloadAttachment(f).catch((e: Error) => message.error(e.message))}>{f.fileName}</Button>
      ))}
    </Space>
  );
}

/** Uploads files first (POST /attachments), then the form sends their ids; a form control over `attachmentIds`. */
export function AttachmentPicker({ value, onChange, initial = [], testId = 'attachment-upload' }: { value?: string[]; onChange?: (ids: string[]) => void; initial?: Attachment[]; testId?: string }) {
  const { message } = App.useApp();
  const [files, setFiles] = useState<Attachment[]>(initial);
  const ids = value ?? [];
  const shown = files.filter((f) => ids.includes(f.id));
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Upload showUploadList={false} customRequest={({ file, onSuccess, onError }) => {
        jointMeetingExtras.uploadAttachment(file as File).then(
          (a) => { setFiles((f) => [...f, a]); onChange?.([...ids, a.id]); message.success(`已上传 ${a.fileName}`); onSuccess?.(a); },
          (err: Error) => { message.error(err.message); onError?.(err); },
        );
      }}>
        <Button icon={<UploadOutlined />} data-testid={testId}>上传附件</Button>
      </Upload>
      <Space wrap size={4}>
        {shown.map((f) => <Tag key={f.id} closable onClose={() => onChange?.(ids.filter((i) => i !== f.id))}>{f.fileName}</Tag>)}
      </Space>
    </Space>
  );
}
