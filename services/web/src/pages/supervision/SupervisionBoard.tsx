import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ROLES } from '@rectify/contracts';
import { useUser } from '../../auth/AuthContext.js';
import { SUMMARIES, VISIT_RECORDING } from '../../auth/permissions.js';
import { RequestExplanationDialog } from './ExplanationDialogs.js';
import { RecordVisitDialog } from './RecordVisitDialog.js';
import { Alert, Button, Card, Col, Row, Space, Table, Tag } from 'antd';
import { daysFromToday, todayInShanghai } from '../../i18n/time.js';
import { assessmentApi } from '../../api/assessment.js';
import { gatewayApi } from '../../api/gateway.js';
import { issuesApi } from '../../api/issues.js';
import { supervisionApi, type ExplanationRecord, type VisitRecord } from '../../api/supervision.js';
import type { AgeingBucket, Enterprise, ProblemSummary } from '../../api/types.js';
import { EChart } from '../../components/EChart.js';
import { PendingTable } from '../../components/PendingTable.js';
import { daysUntil } from '../../components/dates.js';
import { T } from '../../i18n/text.js';
import { CaseTable } from '../problem/RecordTables.js';
import { useLiveEvents } from '../../live/useLiveEvents.js';
import type { PageRequest } from '@rectify/contracts';
import { usePagedList } from '../../components/usePagedList.js';

interface EnterpriseLoad {
  code: string;
  name: string;
  overdue: number;
  soonDue: number;
}

/** Overdue and soon-due problems per enterprise, counted by the ledger API (its totals follow the caller's visibility). */
async function loadByEnterprise(enterprises: Enterprise[]): Promise<EnterpriseLoad[]> {
  const today = todayInShanghai();
  const soon = daysFromToday(30);
  return Promise.all(
    enterprises.map(async (e) => {
      const [overdue, soonDue] = await Promise.all([
        issuesApi.ledger({ enterpriseCode: e.code, overdue: true, pageSize: 1 }),
        issuesApi.ledger({ enterpriseCode: e.code, overdue: false, deadlineFrom: today, deadlineTo: soon, pageSize: 200 }),
      ]);
      // The ledger has no "still open" filter: closed problems are left out here (of the first 200 due soonest).
      return { code: e.code, name: e.name, overdue: overdue.total, soonDue: soonDue.items.filter((p) => p.stage !== 'closed').length };
    }),
  );
}

/** 监督处督办看板 (§10): overdue and soon-due by enterprise, ageing, visits, explanations, accountability cases. */
export function SupervisionBoard() {
  const user = useUser();
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<'visit' | 'explain' | null>(null);
  const [loads, setLoads] = useState<EnterpriseLoad[] | null>(null);
  const [overdue, setOverdue] = useState<ProblemSummary[] | null>(null);
  const [ageing, setAgeing] = useState<AgeingBucket[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    const fail = (e: Error) => setError(e.message);
    gatewayApi.enterprises().then(loadByEnterprise).then(setLoads, fail);
    issuesApi.ledger({ overdue: true, sort: 'deadline', order: 'asc', pageSize: 50 }).then((p) => setOverdue(p.items.filter((r) => r.stage !== 'closed')), fail);
    assessmentApi.ageing({}).then(setAgeing, fail);
  }, []);
  useEffect(load, [load]);
  // An overdue mark, a deadline, a stage or a case that changes anywhere the user may see moves the board.
  useLiveEvents((e) => e.type === 'problem', load);

  const loadOption = useMemo(() => ({
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: [T.supervision.overdue, T.supervision.soonDue] },
    grid: { left: 40, right: 16, bottom: 60, top: 40 },
    xAxis: { type: 'category', data: (loads ?? []).map((l) => l.name), axisLabel: { interval: 0, rotate: 20 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: T.supervision.overdue, type: 'bar', stack: 'n', itemStyle: { color: '#cf1322' }, data: (loads ?? []).map((l) => l.overdue) },
      { name: T.supervision.soonDue, type: 'bar', stack: 'n', itemStyle: { color: '#fa8c16' }, data: (loads ?? []).map((l) => l.soonDue) },
    ],
  }), [loads]);
  const ageingOption = useMemo(() => ({
    tooltip: { trigger: 'axis' },
    grid: { left: 40, right: 16, bottom: 30, top: 20 },
    xAxis: { type: 'category', data: (ageing ?? []).map((b) => `${b.bucket} ${T.supervision.days}`) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', itemStyle: { color: '#a8071a' }, data: (ageing ?? []).map((b) => b.count) }],
  }), [ageing]);
  const cases = usePagedList(useCallback((p: PageRequest) => issuesApi.cases(p), []), 10);
  useLiveEvents((e) => e.type === 'case', cases.reload);
  const visits = useCallback(() => supervisionApi.visits(), []);
  const explanations = useCallback(() => supervisionApi.explanations(), []);

  return (
    <>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Space wrap style={{ marginBottom: 16 }} data-testid="board-actions">
        {VISIT_RECORDING.includes(user.role) && <Button type="primary" onClick={() => setDialog('visit')} data-testid="visit-record">记录入户督办</Button>}
        {user.role === ROLES.SUPERVISION_OFFICER && <Button type="primary" ghost onClick={() => setDialog('explain')} data-testid="board-explanation-request">要求企业书面说明</Button>}
        <Link to="/supervision/explanations">全部书面说明</Link>
        {SUMMARIES.includes(user.role) && <Link to="/supervision/summaries">督办情况汇总分析</Link>}
      </Space>
      {dialog === 'visit' && <RecordVisitDialog onClose={() => setDialog(null)} onDone={(v) => void navigate(`/supervision/records/${v.id}`)} />}
      {dialog === 'explain' && <RequestExplanationDialog onClose={() => setDialog(null)} onDone={(x) => void navigate(`/supervision/explanations/${x.id}`)} />}
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Card title={T.supervision.overdueByEnterprise} style={{ marginBottom: 16 }}>
            <EChart option={loadOption} testId="chart-by-enterprise" />
            <Table<EnterpriseLoad> size="small" rowKey="code" pagination={false} dataSource={loads ?? []} loading={loads === null} data-testid="board-enterprises"
              columns={[
                { title: '企业', dataIndex: 'name', render: (n: string, r) => <Link to={`/ledger?enterpriseCode=${r.code}&overdue=true`}>{n}</Link> },
                { title: T.supervision.overdue, dataIndex: 'overdue', width: 100, render: (n: number) => <Tag color={n ? 'red' : 'default'}>{n}</Tag> },
                { title: T.supervision.soonDue, dataIndex: 'soonDue', width: 120, render: (n: number) => <Tag color={n ? 'orange' : 'default'}>{n}</Tag> },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={T.supervision.ageing} style={{ marginBottom: 16 }}>
            <EChart option={ageingOption} height={280} testId="chart-ageing" />
          </Card>
        </Col>
      </Row>
      <Card title="逾期问题（最早到期在前）" style={{ marginBottom: 16 }}>
        <Table<ProblemSummary> size="small" rowKey="ledgerNo" loading={overdue === null} dataSource={overdue ?? []} pagination={{ pageSize: 10 }} data-testid="board-overdue"
          columns={[
            { title: T.ledger.columns.ledgerNo, dataIndex: 'ledgerNo', width: 170, render: (n: string) => <Link to={`/problems/${n}`}>{n}</Link> },
            { title: T.ledger.columns.title, dataIndex: 'title', ellipsis: true },
            { title: T.ledger.columns.stage, dataIndex: 'stageLabel', width: 100 },
            { title: T.ledger.columns.deadline, dataIndex: 'deadline', width: 120 },
            { title: '逾期天数', key: 'late', width: 100, render: (_v, r) => <Tag color="red">{Math.max(0, -daysUntil(r.deadline))}</Tag> },
          ]}
        />
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Card title={T.supervision.visits} style={{ marginBottom: 16 }}>
            <PendingTable<VisitRecord> testId="board-visits" load={visits} columns={[
              { title: '督办日期', dataIndex: 'visitDate', width: 110, render: (d: string, r) => <Link to={`/supervision/records/${r.id}`}>{d}</Link> },
              { title: '企业', dataIndex: 'enterpriseName', width: 180 },
              { title: '督导组', dataIndex: 'team', width: 120 },
              { title: '督办发现', dataIndex: 'findings', ellipsis: true },
            ]} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={T.supervision.explanations} style={{ marginBottom: 16 }}>
            <PendingTable<ExplanationRecord> testId="board-explanations" load={explanations} columns={[
              { title: '企业', dataIndex: 'enterpriseName', width: 180 },
              { title: '说明事项', dataIndex: 'topic', ellipsis: true, render: (t: string, r) => <Link to={`/supervision/explanations/${r.id}`}>{t}</Link> },
              { title: '回复期限', dataIndex: 'replyBy', width: 110 },
              { title: '状态', dataIndex: 'statusLabel', width: 100 },
            ]} />
          </Card>
        </Col>
      </Row>
      <Card title={T.supervision.cases}>
        {cases.error && <Alert type="error" showIcon title={cases.error} />}
        <CaseTable rows={cases.rows ?? []} loading={cases.rows === null && !cases.error} pagination={cases.pagination} withProblem />
      </Card>
    </>
  );
}
