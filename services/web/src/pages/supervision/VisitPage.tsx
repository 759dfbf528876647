import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { App, Button, Card, Descriptions, Result, Space, Spin, Table, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { ROLES } from '@rectify/contracts';
import { STAGE_LABELS, type Stage } from '@rectify/domain';
import { supervisionActions, type LinkedProblem, type VisitDetail } from '../../api/supervision.js';
import type { EvidenceFile } from '../../api/types.js';
import { useUser } from '../../auth/AuthContext.js';
import { dateTime, T } from '../../i18n/text.js';

/** One supervision record: its topics, problems and evidence (the group and the division upload). */
export function VisitPage() {
  const { id = '' } = useParams();
  const user = useUser();
  const { message } = App.useApp();
  const [v, setV] = useState<VisitDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => supervisionActions.visit(id).then(setV, (e: Error) => setError(e.message)), [id]);
  useEffect(() => { void load(); }, [load]);
  if (error) return <Result status="404" title={error} extra={<Link to="/supervision">{T.common.back}</Link>} />;
  if (!v) return <Spin style={{ margin: 48 }} />;
  const canUpload = user.role === ROLES.SUPERVISION_GROUP || user.role === ROLES.SUPERVISION_OFFICER;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={`入户督办记录：${v.enterpriseName}（${v.visitDate}）`}>
        <Descriptions column={2} size="small" bordered data-testid="visit-basics">
          <Descriptions.Item label="督导组">{Array.isArray(v.team) ? (v.team as string[]).join('、') : v.team}</Descriptions.Item>
          <Descriptions.Item label="记录人">{v.recordedBy}（{dateTime(v.recordedAt)}）</Descriptions.Item>
          {v.topics.map((t) => <Descriptions.Item key={t.key} label={t.label} span={2}>{t.finding}</Descriptions.Item>)}
          <Descriptions.Item label="督办发现与意见" span={2}><div style={{ whiteSpace: 'pre-wrap' }}>{v.findings}</div></Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title="涉及问题">
        <Table<LinkedProblem> size="small" rowKey="ledgerNo" pagination={false} dataSource={v.problems} locale={{ emptyText: T.common.empty }}
          columns={[
            { title: '台账编号', dataIndex: 'ledgerNo', width: 170, render: (n: string) => <Link to={`/problems/${n}`}>{n}</Link> },
            { title: '问题摘要', dataIndex: 'title' },
            { title: '阶段', dataIndex: 'stage', width: 100, render: (s: string) => STAGE_LABELS[s as Stage] ?? s },
            { title: '整改期限', dataIndex: 'deadline', width: 110 },
          ]}
        />
      </Card>
      <Card title={`证明材料（${v.evidence.length}）`}>
        {canUpload && (
          <Upload showUploadList={false} customRequest={({ file, onSuccess, onError }) => {
            supervisionActions.uploadVisitEvidence(v.id, file as File).then(
              (f) => { message.success(T.problem.uploaded(f.fileName)); onSuccess?.(f); void load(); },
              (err: Error) => { message.error(err.message); onError?.(err); },
            );
          }}>
            <Button icon={<UploadOutlined />} style={{ marginBottom: 12 }} data-testid="visit-evidence-upload">{T.problem.upload}</Button>
          </Upload>
        )}
        <Table<EvidenceFile> size="small" rowKey="id" pagination={false} dataSource={v.evidence} locale={{ emptyText: T.problem.noEvidence }} data-testid="visit-evidence"
          columns={[
            { title: '文件名', dataIndex: 'fileName' },
            { title: '上传人', dataIndex: 'uploadedBy', width: 120 },
            { title: '上传时间', dataIndex: 'uploadedAt', width: 180, render: dateTime },
            { title: '', key: 'dl', width: 90, render: (_x, f) => <Button type="link" icon={<DownloadOutlined />} onClick={() => void supervisionActions.downloadVisitEvidence(v.id, f).catch((e: Error) => message.error(e.message))}>{T.common.download}</Button> },
          ]}
        />
      </Card>
    </Space>
  );
}
