import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Alert, Card, Table, Tabs, Tag } from 'antd';
import { approvalsApi, type SeparateProject, type UpwardReport } from '../../api/approvals.js';
import { dateTime, T } from '../../i18n/text.js';
import { statusColor } from './ApprovalEvents.js';

/** 委党委审议事项: separate projects (另行立项) and upward reports (上报), each linking to its page. */
export function ApprovalsPage() {
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'upward-reports' ? 'upward-reports' : 'separate-projects';
  const [projects, setProjects] = useState<SeparateProject[] | null>(null);
  const [reports, setReports] = useState<UpwardReport[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const fail = (e: Error) => setError(e.message);
    approvalsApi.projects().then(setProjects, fail);
    approvalsApi.reports().then(setReports, fail);
  }, []);
  const status = (l: string, r: { status: string }) => <Tag color={statusColor(r.status)}>{l}</Tag>;
  return (
    <Card title="委党委审议事项">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        items={[
          {
            key: 'separate-projects', label: `单独立项（${projects?.length ?? 0}）`,
            children: (
              <Table<SeparateProject> size="small" rowKey="id" loading={projects === null && !error} dataSource={projects ?? []} locale={{ emptyText: T.common.empty }} data-testid="project-table" pagination={{ pageSize: 20 }}
                columns={[
                  { title: '立项名称', dataIndex: 'title', render: (t: string, r) => <Link to={`/approvals/separate-projects/${r.id}`}>{t}</Link> },
                  { title: '类型', dataIndex: 'kindLabel', width: 200 },
                  { title: '原问题', key: 'origin', width: 170, render: (_v, r) => <Link to={`/problems/${r.origin.ledgerNo}`}>{r.origin.ledgerNo}</Link> },
                  { title: '企业', dataIndex: 'enterpriseCode', width: 80 },
                  { title: '提请人', dataIndex: 'proposedBy', width: 100 },
                  { title: '提请时间', dataIndex: 'proposedAt', width: 170, render: dateTime },
                  { title: '状态', dataIndex: 'statusLabel', width: 140, render: status },
                  { title: '立项文号', dataIndex: 'approvalNumber', width: 180 },
                ]}
              />
            ),
          },
          {
            key: 'upward-reports', label: `上报事项（${reports?.length ?? 0}）`,
            children: (
              <Table<UpwardReport> size="small" rowKey="id" loading={reports === null && !error} dataSource={reports ?? []} locale={{ emptyText: T.common.empty }} data-testid="report-table" pagination={{ pageSize: 20 }}
                columns={[
                  { title: '问题', key: 'problem', width: 170, render: (_v, r) => <Link to={`/approvals/upward-reports/${r.id}`}>{r.problem.ledgerNo}</Link> },
                  { title: '问题摘要', key: 'title', render: (_v, r) => r.problem.title },
                  { title: '上报依据', dataIndex: 'groundLabel', width: 240 },
                  { title: '提请时间', dataIndex: 'proposedAt', width: 170, render: dateTime },
                  { title: '状态', dataIndex: 'statusLabel', width: 140, render: status },
                  { title: '报告文号', dataIndex: 'documentNumber', width: 180 },
                ]}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}
