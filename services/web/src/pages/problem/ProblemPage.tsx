import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Col, Descriptions, Result, Row, Space, Spin, Tabs, Tag, Tooltip, Typography } from 'antd';
import { LinkOutlined } from '@ant-design/icons';
import { CONFIDENTIALITY } from '@rectify/contracts';
import { ACTIONS, APPROVAL_BODIES, type ActionName } from '@rectify/domain';
import { ApiError } from '../../api/client.js';
import { gatewayApi } from '../../api/gateway.js';
import { issuesApi } from '../../api/issues.js';
import type { ConsoleConfig, EvidenceFile, ProblemDetail } from '../../api/types.js';
import { useUser } from '../../auth/AuthContext.js';
import { APPROVALS, EVIDENCE_UPLOADERS, PROJECT_PROPOSERS, VISIT_RECORDING, WORKFLOW_VIEWERS } from '../../auth/permissions.js';
import { ProposeProjectDialog } from '../approvals/ProposeProjectDialog.js';
import { RecordVisitDialog } from '../supervision/RecordVisitDialog.js';
import { hasLinks, ProblemLinks } from './ProblemLinks.js';
import { StageProgress } from '../../components/StageProgress.js';
import { documentTypeLabel, sourceLabel, tagLabel } from '../../components/labels.js';
import { T, dateTime, yuan } from '../../i18n/text.js';
import { ActionForm } from './ActionForm.js';
import { availableActions } from './actionRoutes.js';
import { EvidencePanel } from './EvidencePanel.js';
import { ProblemTimeline } from './ProblemTimeline.js';
import { CaseTable, DeterminationTable, ExtensionTable, TransferTable } from './RecordTables.js';
import { SupervisionRecords } from './SupervisionRecords.js';
import { useLiveEvents, useReloadWhile } from '../../live/useLiveEvents.js';

const approvals = (list: { body: string; meeting: string; meetingDate: string; resolutionNo: string }[] | undefined) =>
  (list ?? []).map((a) => `${(APPROVAL_BODIES as Record<string, string>)[a.body] ?? a.body}：${a.meeting}（${a.meetingDate}，${a.resolutionNo}）`).join('；') || '—';

/** One problem: the eight stages, what the user may do now, its records and its whole history. */
export function ProblemPage() {
  const { ledgerNo = '' } = useParams();
  const user = useUser();
  const { message } = App.useApp();
  const [problem, setProblem] = useState<ProblemDetail | null>(null);
  const [evidence, setEvidence] = useState<EvidenceFile[]>([]);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [config, setConfig] = useState<ConsoleConfig | null>(null);
  const [open, setOpen] = useState<ActionName | null>(null);
  const [dialog, setDialog] = useState<'project' | 'visit' | null>(null);
  const navigate = useNavigate();

  const load = useCallback(async () => {
    try {
      const [p, files] = await Promise.all([issuesApi.problem(ledgerNo), issuesApi.evidence(ledgerNo)]);
      setProblem(p);
      setEvidence(files);
      setError(null);
    } catch (err) {
      setError(err as Error);
    }
  }, [ledgerNo]);

  useEffect(() => { void load(); }, [load]);
  useLiveEvents((e) => 'ledgerNo' in e && e.ledgerNo === ledgerNo, load);
  useReloadWhile(problem !== null && !problem.workflowStarted, load);
  useEffect(() => {
    if (WORKFLOW_VIEWERS.includes(user.role)) gatewayApi.consoleConfig().then(setConfig, () => setConfig(null));
  }, [user.role]);

  if (error) {
    const missing = error instanceof ApiError && error.status === 404;
    return <Result status={missing ? '404' : 'error'} title={missing ? T.problem.notFound : error.message} extra={<Link to="/ledger">{T.common.back}</Link>} data-testid="problem-error" />;
  }
  if (!problem) return <Spin style={{ margin: 48 }} />;

  const actions = availableActions(problem.state, user.role);
  const workflowUrl = config?.temporalUiUrl ? `${config.temporalUiUrl.replace(/\/$/, '')}/namespaces/${encodeURIComponent(config.namespace)}/workflows/${encodeURIComponent(problem.workflowId)}` : null;
  const done = (p: ProblemDetail) => {
    message.success(`${ACTIONS[open!].label}：${T.common.done}`);
    setOpen(null);
    setProblem({ ...problem, ...p });
    void load();
    window.dispatchEvent(new Event('rectify:inbox-changed'));
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <span data-testid="problem-ledger-no">{problem.ledgerNo}</span>
            <span>{problem.title}</span>
            {problem.confidentiality === 'confidential' && <Tag color="purple">{CONFIDENTIALITY.confidential}</Tag>}
            {problem.overdue && problem.stage !== 'closed' && <Tag color="red">{T.problem.overdue}</Tag>}
            {!problem.workflowStarted && <Tooltip title={T.ledger.workflowStartingHint}><Tag color="gold" data-testid="workflow-starting">{T.ledger.workflowStartingTag}</Tag></Tooltip>}
            {problem.tags.map((t) => <Tag key={t} color="volcano">{tagLabel(t)}</Tag>)}
          </Space>
        }
        extra={workflowUrl && <a href={workflowUrl} target="_blank" rel="noreferrer" data-testid="temporal-link"><LinkOutlined /> {T.problem.workflow}</a>}
      >
        <StageProgress stage={problem.stage} overdue={problem.overdue} />
        <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0 }} data-testid="problem-stage">
          当前阶段：<b>{problem.stageLabel}</b>
          {problem.outcomeLabel && <>　整改结果：<b>{problem.outcomeLabel}</b>（{problem.criterion}）</>}
          　{T.problem.deadline}：<b>{problem.deadline}</b>
        </Typography.Paragraph>
      </Card>

      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card title={T.problem.actions} style={{ marginBottom: 16 }}
            extra={
              <Space>
                {VISIT_RECORDING.includes(user.role) && problem.stage !== 'closed' && <Button onClick={() => setDialog('visit')} data-testid="problem-visit">记录入户督办</Button>}
                {PROJECT_PROPOSERS.includes(user.role) && <Button onClick={() => setDialog('project')} data-testid="problem-propose-project">提请单独立项</Button>}
              </Space>
            }
          >
            {actions.length === 0 ? (
              <Typography.Text type="secondary" data-testid="no-actions">{T.problem.noActions}</Typography.Text>
            ) : (
              <Space wrap data-testid="actions">
                {actions.map((a) => <Button key={a} type="primary" ghost onClick={() => setOpen(a)} data-testid={`action-${a}`}>{ACTIONS[a].label}</Button>)}
              </Space>
            )}
          </Card>
          <Card>
            <Tabs
              items={[
                { key: 'basics', label: T.problem.basics, children: <Basics problem={problem} /> },
                { key: 'evidence', label: `${T.problem.evidence}（${evidence.length}）`, children: <EvidencePanel ledgerNo={problem.ledgerNo} files={evidence} canUpload={EVIDENCE_UPLOADERS.includes(user.role) && problem.stage !== 'closed'} onChanged={() => void load()} /> },
                { key: 'determinations', label: T.problem.determinations, children: <DeterminationTable rows={problem.determinations} /> },
                { key: 'extensions', label: T.problem.extensions, children: <ExtensionTable rows={problem.extensions} /> },
                { key: 'transfers', label: T.problem.transfers, children: <TransferTable rows={problem.transfers} /> },
                { key: 'cases', label: `${T.problem.cases}（${problem.accountabilityCases.length}）`, children: <CaseTable rows={problem.accountabilityCases} /> },
                { key: 'supervision', label: T.problem.supervision, children: <SupervisionRecords ledgerNo={problem.ledgerNo} /> },
                ...(hasLinks(problem) || APPROVALS.includes(user.role) ? [{ key: 'links', label: T.problem.links, children: <ProblemLinks problem={problem} /> }] : []),
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title={T.problem.timeline}>
            <ProblemTimeline events={problem.history} />
          </Card>
        </Col>
      </Row>
      {dialog === 'project' && <ProposeProjectDialog ledgerNo={problem.ledgerNo} onClose={() => setDialog(null)} onDone={(p) => { message.success('已提请委党委审议'); void navigate(`/approvals/separate-projects/${p.id}`); }} />}
      {dialog === 'visit' && <RecordVisitDialog ledgerNo={problem.ledgerNo} enterpriseCode={problem.enterpriseCode} onClose={() => setDialog(null)} onDone={(v) => void navigate(`/supervision/records/${v.id}`)} />}
      {open && <ActionForm action={open} problem={problem} evidence={evidence} onDone={done} onCancel={() => setOpen(null)} />}
      {problem.state.pendingExtension && <Alert type="warning" showIcon title={`有待审批的延期申请：延长至 ${problem.state.pendingExtension.requestedDeadline}`} />}
    </Space>
  );
}

function Basics({ problem: p }: { problem: ProblemDetail }) {
  return (
    <Descriptions column={2} size="small" bordered data-testid="problem-basics">
      <Descriptions.Item label="企业">{p.enterpriseCode}{p.subsidiary ? `（${p.subsidiary}）` : ''}</Descriptions.Item>
      <Descriptions.Item label="问题来源">{sourceLabel(p.source)}</Descriptions.Item>
      <Descriptions.Item label={T.problem.document} span={2}>{documentTypeLabel(p.document.type)} {p.document.number}（{p.document.issuer}，{p.document.issueDate}），第 {p.itemNo} 项</Descriptions.Item>
      <Descriptions.Item label="问题类别">{p.category}</Descriptions.Item>
      <Descriptions.Item label="涉及金额（元）">{yuan(p.amount)}</Descriptions.Item>
      <Descriptions.Item label="具体描述" span={2}>{p.description}</Descriptions.Item>
      <Descriptions.Item label={T.problem.deadline}>{p.deadline}{p.extended ? '（已延期）' : ''}</Descriptions.Item>
      <Descriptions.Item label={T.problem.hardLimit}>{p.hardLimit}</Descriptions.Item>
      <Descriptions.Item label={T.problem.corrected}>{yuan(p.correctedAmount)}</Descriptions.Item>
      <Descriptions.Item label="挂号时间">{dateTime(p.registeredAt)}</Descriptions.Item>
      <Descriptions.Item label={T.problem.responsibility} span={2}>
        {p.responsibility ? `${T.problem.leadDepartment}：${p.responsibility.leadDepartment}；${T.problem.cooperating}：${p.responsibility.cooperatingDepartments.join('、') || '—'}；${T.problem.persons}：${p.responsibility.responsiblePersons.join('、')}` : '—'}
      </Descriptions.Item>
      <Descriptions.Item label={T.problem.plan} span={2}>
        {p.plan?.measures ?? '—'}
        {p.plan?.targetDate && `（计划 ${p.plan.targetDate} 完成）`}
        {p.plan?.milestones?.length ? <div>节点：{p.plan.milestones.map((m) => `${m.title}（${m.dueDate}）`).join('；')}</div> : null}
        <div>{T.problem.approvals}：{approvals(p.plan?.approvals)}</div>
      </Descriptions.Item>
      <Descriptions.Item label={T.problem.report} span={2}>
        {p.report?.content ?? '—'}
        <div>{T.problem.approvals}：{approvals(p.report?.approvals)}</div>
      </Descriptions.Item>
      {p.closedAt && <Descriptions.Item label={T.problem.closedAt}>{dateTime(p.closedAt)}</Descriptions.Item>}
    </Descriptions>
  );
}
