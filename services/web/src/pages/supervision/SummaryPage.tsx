import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { App, Button, Card, Descriptions, Result, Space, Spin, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { supervisionActions, type SummaryDetail } from '../../api/supervision.js';
import { dateTime, T } from '../../i18n/text.js';

const COUNTS: [string, string][] = [['enterprises', '涉及企业'], ['open', '在整改问题'], ['completed', '已完成'], ['overdue', '逾期'], ['slow', '进展缓慢'], ['visits', '入户督办'], ['explanationsRequested', '要求书面说明'], ['explanationsOpen', '尚未说明']];

/** One month's supervision summary and analysis. */
export function SummaryPage() {
  const { id = '' } = useParams();
  const { message } = App.useApp();
  const [s, setS] = useState<SummaryDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { supervisionActions.summary(id).then(setS, (e: Error) => setError(e.message)); }, [id]);
  if (error) return <Result status="404" title={error} extra={<Link to="/supervision/summaries">{T.common.back}</Link>} />;
  if (!s) return <Spin style={{ margin: 48 }} />;
  const problemColumns = [
    { title: '台账编号', dataIndex: 'ledgerNo', width: 170, render: (n: string) => <Link to={`/problems/${n}`}>{n}</Link> },
    { title: '企业', dataIndex: 'enterpriseName', width: 160 },
    { title: '问题摘要', dataIndex: 'title' },
    { title: '阶段', dataIndex: 'stageLabel', width: 100 },
    { title: '整改期限', dataIndex: 'deadline', width: 110 },
    { title: '未更新天数', dataIndex: 'daysSinceProgress', width: 100 },
  ];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={`${s.monthLabel}督办情况汇总分析`} extra={<Button icon={<DownloadOutlined />} onClick={() => void supervisionActions.summaryDocument(s).catch((e: Error) => message.error(e.message))} data-testid="summary-download">下载 Word 文档</Button>}>
        <Descriptions column={4} size="small" bordered>
          {COUNTS.map(([k, l]) => <Descriptions.Item key={k} label={l}>{s.totals[k] ?? 0}</Descriptions.Item>)}
          <Descriptions.Item label="统计日期">{s.asOf}</Descriptions.Item>
          <Descriptions.Item label="生成时间">{dateTime(s.generatedAt)}</Descriptions.Item>
        </Descriptions>
        <Typography.Title level={5} style={{ marginTop: 16 }}>分析</Typography.Title>
        {(s.analysis ?? []).map((a, i) => <Typography.Paragraph key={i}>{a}</Typography.Paragraph>)}
      </Card>
      <Card title="逾期问题"><Table size="small" rowKey="ledgerNo" pagination={{ pageSize: 10 }} dataSource={s.overdueProblems ?? []} columns={problemColumns} locale={{ emptyText: T.common.empty }} /></Card>
      <Card title="进展缓慢的问题"><Table size="small" rowKey="ledgerNo" pagination={{ pageSize: 10 }} dataSource={s.slowProblems ?? []} columns={problemColumns} locale={{ emptyText: T.common.empty }} /></Card>
    </Space>
  );
}
