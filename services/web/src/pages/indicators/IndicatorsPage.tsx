import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Row, Select, Space, Table } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { assessmentApi, type Grouping } from '../../api/assessment.js';
import { gatewayApi } from '../../api/gateway.js';
import type { AgeingBucket, Enterprise, IndicatorRow, TrendPoint } from '../../api/types.js';
import { useUser } from '../../auth/AuthContext.js';
import { REPORT_READERS } from '../../auth/permissions.js';
import { EChart } from '../../components/EChart.js';
import { sourceLabel } from '../../components/labels.js';
import { percent, T } from '../../i18n/text.js';
import { PublicationsCard } from './PublicationsCard.js';

const C = T.indicators.cols;

/** 指标看板 (§10): rates per enterprise, source or category; monthly trend; ageing; per-enterprise drill-down; report downloads. */
export function IndicatorsPage() {
  const user = useUser();
  const { message } = App.useApp();
  const [period, setPeriod] = useState<[Dayjs, Dayjs]>([dayjs().startOf('year'), dayjs().endOf('year')]);
  const [groupBy, setGroupBy] = useState<Grouping>('enterprise');
  const [enterprise, setEnterprise] = useState<string | undefined>(undefined);
  const [enterprises, setEnterprises] = useState<Enterprise[]>([]);
  const [rows, setRows] = useState<IndicatorRow[] | null>(null);
  const [trend, setTrend] = useState<TrendPoint[]>([]);
  const [ageing, setAgeing] = useState<AgeingBucket[]>([]);
  const [error, setError] = useState<string | null>(null);
  const from = period[0].format('YYYY-MM-DD');
  const to = period[1].format('YYYY-MM-DD');

  useEffect(() => { gatewayApi.enterprises().then(setEnterprises, () => setEnterprises([])); }, []);
  useEffect(() => {
    setRows(null);
    setError(null);
    const fail = (e: Error) => setError(e.message);
    assessmentApi.indicators({ from, to, groupBy, enterpriseCode: enterprise }).then((r) => setRows(r.rows), fail);
    assessmentApi.trend({ fromMonth: from.slice(0, 7), toMonth: to.slice(0, 7), enterpriseCode: enterprise }).then(setTrend, fail);
    assessmentApi.ageing({ enterpriseCode: enterprise }).then(setAgeing, fail);
  }, [from, to, groupBy, enterprise]);

  const nameOf = (g: string) => (groupBy === 'enterprise' ? enterprises.find((e) => e.code === g)?.name ?? g : groupBy === 'source' ? sourceLabel(g) : groupBy === 'all' ? T.indicators.all : g);

  const ratesOption = useMemo(() => ({
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => percent(v) },
    legend: { top: 0, data: [C.rate, C.onTimeRate, C.closeOutRate] },
    grid: { left: 50, right: 16, bottom: 60, top: 40 },
    xAxis: { type: 'category', data: (rows ?? []).map((r) => nameOf(r.group)), axisLabel: { interval: 0, rotate: 15 } },
    yAxis: { type: 'value', max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
    series: [
      { name: C.rate, type: 'bar', data: (rows ?? []).map((r) => r.rectificationRate) },
      { name: C.onTimeRate, type: 'bar', data: (rows ?? []).map((r) => r.onTimeRate) },
      { name: C.closeOutRate, type: 'bar', data: (rows ?? []).map((r) => r.closeOutRate) },
    ],
  }), [rows, enterprises, groupBy]);
  const trendOption = useMemo(() => ({
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: [C.due, C.completed, C.rate] },
    grid: { left: 50, right: 50, bottom: 30, top: 40 },
    xAxis: { type: 'category', data: trend.map((p) => p.month) },
    yAxis: [{ type: 'value', minInterval: 1 }, { type: 'value', max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } }],
    series: [
      { name: C.due, type: 'bar', data: trend.map((p) => p.due) },
      { name: C.completed, type: 'bar', data: trend.map((p) => p.completed) },
      { name: C.rate, type: 'line', yAxisIndex: 1, connectNulls: true, data: trend.map((p) => p.rectificationRate) },
    ],
  }), [trend]);
  const ageingOption = useMemo(() => ({
    tooltip: { trigger: 'axis' },
    grid: { left: 40, right: 16, bottom: 30, top: 20 },
    xAxis: { type: 'category', data: ageing.map((b) => `${b.bucket} 天`) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', itemStyle: { color: '#a8071a' }, data: ageing.map((b) => b.count) }],
  }), [ageing]);

  const downloadWith = (f: (p: { from: string; to: string }) => Promise<string>) => () => void f({ from, to }).then((n) => message.success(`已下载 ${n}`), (e: Error) => message.error(e.message));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={T.indicators.title} extra={REPORT_READERS.includes(user.role) && (
        <Space>
          <Button icon={<DownloadOutlined />} onClick={downloadWith(assessmentApi.annualReport)} data-testid="download-annual">{T.indicators.annual}</Button>
          <Button icon={<DownloadOutlined />} onClick={downloadWith(assessmentApi.indicatorWorkbook)} data-testid="download-workbook">{T.indicators.workbook}</Button>
        </Space>
      )}>
        <Space wrap>
          {T.indicators.period}
          <DatePicker.RangePicker value={period} allowClear={false} onChange={(v) => v?.[0] && v[1] && setPeriod([v[0], v[1]])} />
          {T.indicators.groupBy}
          <Select<Grouping> value={groupBy} onChange={setGroupBy} style={{ width: 120 }} options={[
            { value: 'enterprise', label: T.indicators.byEnterprise }, { value: 'source', label: T.indicators.bySource },
            { value: 'category', label: T.indicators.byCategory }, { value: 'all', label: T.indicators.all },
          ]} />
          {!user.enterpriseCode && (
            <Select allowClear placeholder="全部企业" value={enterprise} onChange={setEnterprise} style={{ width: 240 }} data-testid="indicator-enterprise"
              options={enterprises.map((e) => ({ value: e.code, label: e.name }))} />
          )}
        </Space>
        <Alert type="info" showIcon style={{ marginTop: 12 }} data-testid="live-basis"
          title="以下为实时数据，按查看人的权限统计（涉密问题只计入有权查看者的数据）；正式的考核评分、人大报告和指标工作簿以下方已发布版本为准。" />
        {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
      </Card>
      <PublicationsCard year={period[0].year()} />
      <Card title={T.indicators.rates}>
        <EChart option={ratesOption} testId="chart-rates" />
        <Table<IndicatorRow> size="small" rowKey="group" loading={rows === null} dataSource={rows ?? []} pagination={false} scroll={{ x: 1200 }} data-testid="indicator-table"
          columns={[
            { title: C.group, dataIndex: 'group', fixed: 'left', width: 200, render: (g: string) => (groupBy === 'enterprise' && !user.enterpriseCode
              ? <a onClick={() => setEnterprise(g)} title={T.indicators.drill}>{nameOf(g)}</a> : nameOf(g)) },
            { title: C.due, dataIndex: 'due' },
            { title: C.completed, dataIndex: 'completed' },
            { title: C.rate, dataIndex: 'rectificationRate', render: percent },
            { title: C.rateByAmount, dataIndex: 'rectificationRateByAmount', render: percent },
            { title: C.onTimeRate, dataIndex: 'onTimeRate', render: percent },
            { title: C.overdue, dataIndex: 'overdue' },
            { title: C.partial, dataIndex: 'partial' },
            { title: C.notRectified, dataIndex: 'notRectified' },
            { title: C.meanDays, dataIndex: 'meanDaysToCompletion', render: (v: number | null) => (v === null ? '—' : v.toFixed(1)) },
            { title: C.closeOutRate, dataIndex: 'closeOutRate', render: percent },
            { title: C.cases, dataIndex: 'accountabilityCases' },
          ]}
        />
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={14}><Card title={T.indicators.trend}><EChart option={trendOption} testId="chart-trend" /></Card></Col>
        <Col xs={24} xl={10}><Card title={T.indicators.ageing}><EChart option={ageingOption} testId="chart-indicator-ageing" /></Card></Col>
      </Row>
    </Space>
  );
}
