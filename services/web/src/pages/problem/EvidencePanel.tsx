import { App, Button, Table, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { issuesApi } from '../../api/issues.js';
import type { EvidenceFile } from '../../api/types.js';
import { dateTime, T } from '../../i18n/text.js';

/** Evidence files (证明材料): upload (PDF, images, DOCX, XLSX, text) and authenticated download. */
export function EvidencePanel({ ledgerNo, files, canUpload, onChanged }: { ledgerNo: string; files: EvidenceFile[]; canUpload: boolean; onChanged: () => void }) {
  const { message } = App.useApp();
  return (
    <>
      {canUpload && (
        <Upload
          showUploadList={false}
          customRequest={({ file, onSuccess, onError }) => {
            issuesApi.uploadEvidence(ledgerNo, file as File).then(
              (f) => { message.success(T.problem.uploaded(f.fileName)); onSuccess?.(f); onChanged(); },
              (err: Error) => { message.error(err.message); onError?.(err); },
            );
          }}
        >
          <Button icon={<UploadOutlined />} style={{ marginBottom: 12 }} data-testid="evidence-upload">{T.problem.upload}</Button>
        </Upload>
      )}
      <Table<EvidenceFile>
        size="small"
        rowKey="id"
        data-testid="evidence-table"
        pagination={false}
        dataSource={files}
        locale={{ emptyText: T.problem.noEvidence }}
        columns={[
          { title: '文件名', dataIndex: 'fileName' },
          { title: '大小', dataIndex: 'sizeBytes', width: 100, render: (n: number) => `${(n / 1024).toFixed(1)} KB` },
          { title: '上传人', dataIndex: 'uploadedBy', width: 120 },
          { title: '上传时间', dataIndex: 'uploadedAt', width: 180, render: dateTime },
          {
            title: '', key: 'dl', width: 90,
            render: (_v, f) => <Button type="link" icon={<DownloadOutlined />} onClick={() => void issuesApi.downloadEvidence(ledgerNo, f).catch((e: Error) => message.error(e.message))}>{T.common.download}</Button>,
          },
        ]}
      />
    </>
  );
}
