import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Popconfirm, Space, Table, Tag } from 'antd';
import { CloudUploadOutlined, DownloadOutlined } from '@ant-design/icons';
import { isEnterpriseRole, ROLES } from '@rectify/contracts';
import { assessmentApi, type Publication, type PublicationKind } from '../../api/assessment.js';
import { useUser } from '../../auth/AuthContext.js';
import { dateTime } from '../../i18n/time.js';

/** services/assessment scope.ts PUBLISHERS: the Supervision Division publishes the official outputs. */
const PUBLISHERS: string[] = [ROLES.SUPERVISION_OFFICER, ROLES.SUPERVISION_LEAD];

const KINDS: { kind: PublicationKind; label: string }[] = [
  { kind: 'scores', label: '考核评分' },
  { kind: 'annual_report', label: '人大报告' },
  { kind: 'indicator_workbook', label: '指标工作簿' },
];

/** Publication times in Asia/Shanghai, whatever the browser's zone. */

/**
 * 正式发布 (official outputs) of a year: the Supervision Division publishes the scores, the People's
 * Congress report and the indicator workbook as numbered snapshots; every reader downloads the same file.
 */
export function PublicationsCard({ year }: { year: number }) {
  const user = useUser();
  const { message } = App.useApp();
  const [items, setItems] = useState<Publication[] | null>(null);
  const [busy, setBusy] = useState<PublicationKind | null>(null);
  const mayPublish = PUBLISHERS.includes(user.role);
  const mayDownload = !isEnterpriseRole(user.role);

  const load = useCallback(() => {
    setItems(null);
    assessmentApi.publications({ year }).then(setItems, (e: Error) => { setItems([]); message.error(e.message); });
  }, [year, message]);
  useEffect(load, [load]);

  const publish = (kind: PublicationKind) => {
    setBusy(kind);
    assessmentApi.publish(kind, year).then(
      (p) => { message.success(`已发布 ${p.number}`); load(); },
      (e: Error) => message.error(e.message),
    ).finally(() => setBusy(null));
  };

  return (
    <Card title={`${year}年度正式发布`} data-testid="publications" extra={mayPublish && (
      <Space>
        {KINDS.map(({ kind, label }) => (
          <Popconfirm key={kind} title={`发布${year}年度${label}？`} description="按全部问题统计（涉密问题计入数量、不列明细），发布后不可修改；再次发布将生成新编号。" onConfirm={() => publish(kind)}>
            <Button icon={<CloudUploadOutlined />} loading={busy === kind} data-testid={`publish-${kind}`}>发布{label}</Button>
          </Popconfirm>
        ))}
      </Space>
    )}>
      <Table<Publication> size="small" rowKey="id" loading={items === null} dataSource={items ?? []} pagination={false}
        locale={{ emptyText: '本年度尚未发布' }}
        columns={[
          { title: '编号', dataIndex: 'number', render: (n: string, p) => <Space>{n}{p.current && <Tag color="green">当前版本</Tag>}</Space> },
          { title: '类型', dataIndex: 'kindLabel' },
          { title: '发布人', dataIndex: 'publishedBy' },
          { title: '发布时间', dataIndex: 'publishedAt', render: dateTime },
          ...(mayDownload ? [{
            title: '文件', key: 'file',
            render: (_: unknown, p: Publication) => (
              <Button size="small" icon={<DownloadOutlined />} data-testid={`download-publication-${p.number}`}
                onClick={() => void assessmentApi.publicationFile(p).then((n) => message.success(`已下载 ${n}`), (e: Error) => message.error(e.message))}>下载</Button>
            ),
          }] : []),
        ]}
      />
    </Card>
  );
}
