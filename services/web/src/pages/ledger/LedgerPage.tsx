import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { App, Alert, Button, Card, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { CONFIDENTIALITY } from '@rectify/contracts';
import { issuesApi, type LedgerFilter } from '../../api/issues.js';
import { gatewayApi } from '../../api/gateway.js';
import type { Enterprise, LedgerPage as Page, ProblemSummary } from '../../api/types.js';
import { useUser } from '../../auth/AuthContext.js';
import { REGISTRARS } from '../../auth/permissions.js';
import { sourceLabel } from '../../components/labels.js';
import { T, yuan } from '../../i18n/text.js';
import { LedgerFilters } from './LedgerFilters.js';
import { ImportDialog } from './ImportDialog.js';
import { RegisterDialog } from './RegisterDialog.js';
import { useLiveEvents, useReloadWhile } from '../../live/useLiveEvents.js';

const FILTER_KEYS = ['enterpriseCode', 'source', 'stage', 'outcome', 'overdue', 'deadlineFrom', 'deadlineTo', 'confidentiality', 'tag', 'q', 'sort', 'order', 'page', 'pageSize'] as const;

/** The filter lives in the address, so a link, "back" and the export all carry it. */
function filterOf(params: URLSearchParams): LedgerFilter {
  const f: Record<string, unknown> = {};
  for (const k of FILTER_KEYS) {
    const v = params.get(k);
    if (v === null || v === '') continue;
    f[k] = k === 'page' || k === 'pageSize' ? Number(v) : k === 'overdue' ? v === 'true' : v;
  }
  return f as LedgerFilter;
}

export function LedgerPage() {
  const user = useUser();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => filterOf(params), [params]);
  const [page, setPage] = useState<Page | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [enterprises, setEnterprises] = useState<Enterprise[]>([]);
  const [dialog, setDialog] = useState<'import' | 'register' | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setPage(await issuesApi.ledger(filter));
      setError(null);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setLoading(false);
    }
  }, [filter]);

  useEffect(() => { void load(); }, [load]);
  useLiveEvents((e) => e.type === 'problem', load);
  useReloadWhile(Boolean(page?.items.some((p) => !p.workflowStarted)), load);
  useEffect(() => { gatewayApi.enterprises().then(setEnterprises, () => setEnterprises([])); }, []);

  const enterpriseName = (code: string) => enterprises.find((e) => e.code === code)?.name ?? code;

  const update = (next: LedgerFilter) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
    setParams(p);
  };

  const sorted = (key: NonNullable<LedgerFilter['sort']>) => (filter.sort === key ? (filter.order === 'asc' ? 'ascend' : 'descend') : null);

  const columns: TableProps<ProblemSummary>['columns'] = [
    {
      title: T.ledger.columns.ledgerNo, dataIndex: 'ledgerNo', key: 'ledgerNo', width: 170, sorter: true, sortOrder: sorted('ledgerNo'),
      render: (n: string) => <Link to={`/problems/${n}`}>{n}</Link>,
    },
    { title: T.ledger.columns.enterprise, dataIndex: 'enterpriseCode', width: 200, render: (c: string, r) => <>{enterpriseName(c)}{r.subsidiary ? <Typography.Text type="secondary">（{r.subsidiary}）</Typography.Text> : null}</> },
    { title: T.ledger.columns.title, dataIndex: 'title', ellipsis: true },
    { title: T.ledger.columns.category, dataIndex: 'category', width: 110 },
    { title: T.ledger.columns.source, dataIndex: 'source', width: 130, render: sourceLabel },
    { title: T.ledger.columns.amount, dataIndex: 'amount', key: 'amount', width: 150, align: 'right', sorter: true, sortOrder: sorted('amount'), render: yuan },
    {
      title: T.ledger.columns.deadline, dataIndex: 'deadline', key: 'deadline', width: 150, sorter: true, sortOrder: sorted('deadline'),
      render: (d: string, r) => (
        <Space size={4}>
          {d}
          {r.overdue && r.stage !== 'closed' && <Tag color="red">{T.ledger.overdueTag}</Tag>}
          {!r.workflowStarted && <Tooltip title={T.ledger.workflowStartingHint}><Tag color="gold" data-testid="workflow-starting">{T.ledger.workflowStartingTag}</Tag></Tooltip>}
          {r.extended && <Tag color="orange">{T.ledger.extendedTag}</Tag>}
        </Space>
      ),
    },
    { title: T.ledger.columns.stage, dataIndex: 'stageLabel', width: 100, render: (l: string, r) => <Tag color={r.stage === 'closed' ? 'green' : 'blue'}>{l}</Tag> },
    { title: T.ledger.columns.outcome, dataIndex: 'outcomeLabel', width: 100, render: (l: string | null, r) => (l ? <Tooltip title={r.criterion}>{l}</Tooltip> : '—') },
    { title: T.ledger.columns.confidentiality, dataIndex: 'confidentiality', width: 80, render: (c: keyof typeof CONFIDENTIALITY) => (c === 'confidential' ? <Tag color="purple">{CONFIDENTIALITY[c]}</Tag> : CONFIDENTIALITY[c]) },
  ];

  const onChange: TableProps<ProblemSummary>['onChange'] = (pagination, _filters, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = s?.order ? (s.columnKey as LedgerFilter['sort']) : undefined;
    update({ ...filter, page: pagination.current, pageSize: pagination.pageSize, sort: key, order: key ? (s?.order === 'ascend' ? 'asc' : 'desc') : undefined });
  };

  const exportCurrent = async () => {
    try {
      message.success(T.ledger.exported(await issuesApi.exportLedger(filter)));
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    }
  };

  const canRegister = REGISTRARS.includes(user.role);
  return (
    <Card
      title={T.ledger.title}
      extra={
        <Space>
          {canRegister && <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog('register')}>{T.ledger.register}</Button>}
          {canRegister && <Button icon={<UploadOutlined />} onClick={() => setDialog('import')}>{T.ledger.import}</Button>}
          <Button icon={<DownloadOutlined />} onClick={() => void exportCurrent()} data-testid="ledger-export">{T.ledger.export}</Button>
          <Button type="link" onClick={() => void issuesApi.template().catch((e: Error) => message.error(e.message))}>{T.ledger.template}</Button>
        </Space>
      }
    >
      <LedgerFilters value={filter} enterprises={enterprises} showEnterprise={!user.enterpriseCode} onSearch={(f) => update({ ...f, sort: filter.sort, order: filter.order, pageSize: filter.pageSize, page: 1 })} />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<ProblemSummary>
        rowKey="ledgerNo"
        data-testid="ledger-table"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={page?.items ?? []}
        onChange={onChange}
        onRow={(r) => (r.overdue && r.stage !== 'closed' ? { style: { background: '#fff1f0' }, 'data-overdue': 'true' } as React.HTMLAttributes<HTMLElement> : {})}
        pagination={{
          current: filter.page ?? 1,
          pageSize: filter.pageSize ?? 20,
          total: page?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (n) => <span data-testid="ledger-total">{T.common.total(n, page?.totalIsExact ?? true)}</span>,
        }}
        scroll={{ x: 1400 }}
      />
      {dialog === 'import' && <ImportDialog enterprises={enterprises} onClose={(changed) => { setDialog(null); if (changed) void load(); }} />}
      {dialog === 'register' && <RegisterDialog enterprises={enterprises} onClose={(changed) => { setDialog(null); if (changed) void load(); }} />}
    </Card>
  );
}
