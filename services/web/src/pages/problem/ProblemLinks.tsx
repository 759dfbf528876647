import { Link } from 'react-router-dom';
import { Descriptions, Space, Table, Tag } from 'antd';
import { STAGE_LABELS, type Stage } from '@rectify/domain';
import type { ProblemDetail, ProblemProjectLink } from '../../api/types.js';
import { dateTime } from '../../i18n/text.js';
import { statusColor } from '../approvals/ApprovalEvents.js';

/** Whether the detail carries any link worth a tab (origin, derived problems, projects, reports). */
export const hasLinks = (p: ProblemDetail) =>
  Boolean(p.origin || p.separateProject || p.derivedProblems?.length || p.separateProjects?.length || p.upwardReports?.length);

const project = (s: ProblemProjectLink) => (
  <Space key={s.id}>
    <Link to={`/approvals/separate-projects/${s.id}`}>{s.title}</Link>（{s.kindLabel}）<Tag color={statusColor(s.status)}>{s.statusLabel}</Tag>{s.approvalNumber}
  </Space>
);

/** 关联事项: the origin problem, the problems derived from this one, its separate projects and upward reports. */
export function ProblemLinks({ problem: p }: { problem: ProblemDetail }) {
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="problem-links">
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label="原问题">{p.origin ? <><Link to={`/problems/${p.origin.ledgerNo}`}>{p.origin.ledgerNo}</Link> {p.origin.title}</> : '—'}</Descriptions.Item>
        {p.separateProject && <Descriptions.Item label="所属单独立项">{project(p.separateProject)}</Descriptions.Item>}
        {p.separateProjects && <Descriptions.Item label="由本问题提请的单独立项"><Space orientation="vertical" data-testid="problem-projects">{p.separateProjects.length ? p.separateProjects.map(project) : '—'}</Space></Descriptions.Item>}
        {p.upwardReports && (
          <Descriptions.Item label="上报事项">
            <Space orientation="vertical" data-testid="problem-reports">
              {p.upwardReports.length ? p.upwardReports.map((r) => (
                <Space key={r.id}><Link to={`/approvals/upward-reports/${r.id}`}>{r.groundLabel}</Link><Tag color={statusColor(r.status)}>{r.statusLabel}</Tag>{r.documentNumber}（{dateTime(r.proposedAt)}）</Space>
              )) : '—'}
            </Space>
          </Descriptions.Item>
        )}
      </Descriptions>
      <Table size="small" rowKey="ledgerNo" pagination={false} dataSource={p.derivedProblems ?? []} locale={{ emptyText: '没有由本问题派生的问题' }} title={() => '派生问题（以本问题为原问题登记）'}
        columns={[
          { title: '台账编号', dataIndex: 'ledgerNo', width: 170, render: (n: string) => <Link to={`/problems/${n}`}>{n}</Link> },
          { title: '问题摘要', dataIndex: 'title' },
          { title: '企业', dataIndex: 'enterpriseCode', width: 80 },
          { title: '阶段', dataIndex: 'stage', width: 100, render: (s: string) => STAGE_LABELS[s as Stage] ?? s },
        ]}
      />
    </Space>
  );
}
