import { Link } from 'react-router-dom';
import { Table, Tag, type TablePaginationConfig } from 'antd';
import { CRITERIA, OUTCOMES, TRIGGERS, isCriterionCode } from '@rectify/domain';
import type { CaseRow, DeterminationRow, ExtensionRow, TransferRow } from '../../api/types.js';
import { dateTime, T } from '../../i18n/text.js';

const REVIEW: Record<string, [string, string]> = { pending: [T.problem.reviewPending, 'gold'], accepted: [T.problem.reviewAccepted, 'green'], rejected: [T.problem.reviewRejected, 'red'] };
const DECISION: Record<string, [string, string]> = {
  pending: [T.problem.pending, 'gold'], approved: [T.problem.approved, 'green'], rejected: [T.problem.rejected, 'red'],
  accepted: [T.problem.accepted, 'green'], declined: [T.problem.declined, 'red'],
};
const status = (map: Record<string, [string, string]>, s: string) => <Tag color={map[s]?.[1]}>{map[s]?.[0] ?? s}</Tag>;

export function DeterminationTable({ rows }: { rows: DeterminationRow[] }) {
  return (
    <Table<DeterminationRow> size="small" rowKey="id" pagination={false} dataSource={rows} locale={{ emptyText: T.common.empty }} data-testid="determinations"
      columns={[
        { title: '认定标准', dataIndex: 'criterion', render: (c: string) => (isCriterionCode(c) ? `${c} ${CRITERIA[c].label}` : c) },
        { title: '结果', dataIndex: 'outcome', width: 90, render: (o: keyof typeof OUTCOMES) => OUTCOMES[o] ?? o },
        { title: '认定依据', key: 'basis', render: (_v, r) => String(r.details['basis'] ?? '') },
        { title: '认定人', dataIndex: 'determinedBy', width: 100 },
        { title: '复核', dataIndex: 'review', width: 90, render: (s: string) => status(REVIEW, s) },
        { title: '复核意见', dataIndex: 'reviewComment', width: 160 },
      ]}
    />
  );
}

export function ExtensionTable({ rows }: { rows: ExtensionRow[] }) {
  return (
    <Table<ExtensionRow> size="small" rowKey="id" pagination={false} dataSource={rows} locale={{ emptyText: T.common.empty }} data-testid="extensions"
      columns={[
        { title: '申请延长至', dataIndex: 'requestedDeadline', width: 120 },
        { title: '理由', dataIndex: 'reason' },
        { title: '特殊事由', dataIndex: 'specialReason', width: 160 },
        { title: '申请人', dataIndex: 'requestedBy', width: 100 },
        { title: '状态', dataIndex: 'status', width: 90, render: (s: string) => status(DECISION, s) },
        { title: '审批意见', dataIndex: 'decisionComment', width: 160 },
      ]}
    />
  );
}

export function TransferTable({ rows }: { rows: TransferRow[] }) {
  return (
    <Table<TransferRow> size="small" rowKey="id" pagination={false} dataSource={rows} locale={{ emptyText: T.common.empty }} data-testid="transfers"
      columns={[
        { title: '编号', dataIndex: 'id', width: 70 },
        { title: '移送事项', dataIndex: 'content' },
        { title: '移送人', dataIndex: 'transferredBy', width: 100 },
        { title: '移送时间', dataIndex: 'transferredAt', width: 170, render: dateTime },
        { title: '状态', dataIndex: 'status', width: 90, render: (s: string) => status(DECISION, s) },
        { title: '受理日期', dataIndex: 'acceptedOn', width: 110 },
      ]}
    />
  );
}

/** Cases of one problem (all of them), or a page of the case list with `pagination` (withProblem: the problem's column). */
export function CaseTable({ rows, withProblem = false, pagination = false, loading = false }: { rows: CaseRow[]; withProblem?: boolean; pagination?: TablePaginationConfig | false; loading?: boolean }) {
  return (
    <Table<CaseRow> size="small" rowKey="id" pagination={pagination} loading={loading} dataSource={rows} locale={{ emptyText: T.common.empty }} data-testid="cases"
      columns={[
        { title: '案件', dataIndex: 'id', width: 80, render: (id: string) => <Link to={`/accountability-cases/${id}`} data-testid={`case-link-${id}`}>{id}</Link> },
        ...(withProblem ? [{ title: '问题', dataIndex: 'ledgerNo', width: 170, render: (n: string) => <Link to={`/problems/${n}`}>{n}</Link> }] : []),
        { title: '触发情形', dataIndex: 'trigger', render: (t: keyof typeof TRIGGERS) => `${t} ${TRIGGERS[t] ?? ''}` },
        { title: '原因', dataIndex: 'cause' },
        { title: '状态', dataIndex: 'status', width: 130, render: (st: string, r) => r.statusLabel ?? st },
        { title: '启动时间', dataIndex: 'openedAt', width: 170, render: dateTime },
      ]}
    />
  );
}
