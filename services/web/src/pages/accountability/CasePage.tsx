import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { App, Button, Card, Descriptions, Empty, Result, Space, Spin, Table, Tag, Timeline, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { CASE_CLOSERS, MEASURE_ISSUERS, OPINION_DRAFTERS, ROLE_LABELS, SIGNOFF_PARTIES, SIGNOFF_PARTY_OF, type Role } from '@rectify/contracts';
import { ApiError } from '../../api/client.js';
import { accountabilityApi, type CaseDetail, type Measure } from '../../api/accountability.js';
import { useUser } from '../../auth/AuthContext.js';
import { CASE_EVENT_LABELS } from '../../components/labels.js';
import { dateTime, T } from '../../i18n/text.js';
import { CaseStepDialog, type CaseStep } from './CaseForms.js';

const STATUS_COLOR: Record<CaseDetail['status'], string> = { open: 'gold', opinion_drafted: 'blue', opinion_signed: 'purple', measures_issued: 'orange', closed: 'green' };

/** The steps `role` may take on the case now (the server decides: it refuses what is out of order). */
export function caseSteps(c: CaseDetail, role: Role): CaseStep[] {
  if (c.status === 'closed') return [];
  const steps: CaseStep[] = [];
  const issuer = MEASURE_ISSUERS.includes(role);
  if (OPINION_DRAFTERS.includes(role) && c.status !== 'measures_issued') steps.push('opinion');
  const party = SIGNOFF_PARTY_OF[role];
  if (party && c.opinion && c.opinion.missingSignOffs.includes(party)) steps.push('signoff');
  if (issuer && c.opinion?.fullySigned) steps.push(...c.opinion.proposedMeasures);
  if (issuer) steps.push('assessment');
  if (CASE_CLOSERS.includes(role)) steps.push('close');
  return steps;
}


const STEP_LABELS: Record<CaseStep, string> = {
  opinion: '起草处理意见', signoff: '会签处理意见', letter: '下达函告', talk: '记录约谈', circular: '下达通报', assessment: '标记考核年度', close: '结案',
};

/** 问责案件 (§12): status, the handling opinion with its versions and sign-offs, the measures and their documents. */
export function CasePage() {
  const { id = '' } = useParams();
  const user = useUser();
  const { message } = App.useApp();
  const [c, setCase] = useState<CaseDetail | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [open, setOpen] = useState<CaseStep | null>(null);
  const load = useCallback(() => accountabilityApi.detail(id).then((d) => { setCase(d); setError(null); }, (e: Error) => setError(e)), [id]);
  useEffect(() => { void load(); }, [load]);

  if (error) {
    const missing = error instanceof ApiError && error.status === 404;
    return <Result status={missing ? '404' : 'error'} title={missing ? '问责案件不存在，或您无权查看' : error.message} extra={<Link to="/supervision">{T.common.back}</Link>} />;
  }
  if (!c) return <Spin style={{ margin: 48 }} />;
  const steps = caseSteps(c, user.role);
  const done = (next: CaseDetail, what: string) => {
    setCase(next);
    setOpen(null);
    message.success(what);
    window.dispatchEvent(new Event('rectify:inbox-changed'));
  };
  const download = (m: Measure) => void accountabilityApi.document(m).then((name) => message.success(`已下载 ${name}`), (e: Error) => message.error(e.message));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={<Space>问责案件 {c.id}<Tag color={STATUS_COLOR[c.status]} data-testid="case-status">{c.statusLabel}</Tag></Space>}>
        <Descriptions column={2} size="small" bordered data-testid="case-basics">
          <Descriptions.Item label="问题"><Link to={`/problems/${c.problem.ledgerNo}`} data-testid="case-problem">{c.problem.ledgerNo}</Link> {c.problem.title}</Descriptions.Item>
          <Descriptions.Item label="企业">{c.problem.enterpriseName}</Descriptions.Item>
          <Descriptions.Item label="问责情形">{c.trigger} {c.triggerLabel}</Descriptions.Item>
          <Descriptions.Item label="启动时间">{dateTime(c.openedAt)}</Descriptions.Item>
          <Descriptions.Item label="启动原因" span={2}>{c.cause}</Descriptions.Item>
          <Descriptions.Item label="计入考核年度" >{c.assessment.year}{c.assessment.marked ? `（${c.assessment.markedBy ?? ''}标记${c.assessment.note ? `：${c.assessment.note}` : ''}）` : '（默认为启动当年）'}</Descriptions.Item>
          <Descriptions.Item label="结案">{c.closing ? `${c.closing.closedBy}，${dateTime(c.closing.closedAt)}：${c.closing.reason}` : '—'}</Descriptions.Item>
        </Descriptions>
        <Space wrap style={{ marginTop: 16 }} data-testid="case-actions">
          {steps.length === 0 && <Typography.Text type="secondary">当前没有需要您办理的事项</Typography.Text>}
          {steps.map((s) => <Button key={s} type="primary" ghost danger={s === 'close'} onClick={() => setOpen(s)} data-testid={`case-action-${s}`}>{STEP_LABELS[s]}</Button>)}
        </Space>
      </Card>

      <Card title="处理意见" data-testid="case-opinion">
        {!c.opinion ? <Empty description="尚未起草处理意见（企业在双方会签后可见）" /> : (
          <>
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label="版本">第 {c.opinion.version} 版（{c.opinion.draftedBy}，{dateTime(c.opinion.draftedAt)}）</Descriptions.Item>
              <Descriptions.Item label="查明的问题与事实"><div style={{ whiteSpace: 'pre-wrap' }}>{c.opinion.findings}</div></Descriptions.Item>
              <Descriptions.Item label="责任认定"><div style={{ whiteSpace: 'pre-wrap' }}>{c.opinion.responsibility}</div></Descriptions.Item>
              <Descriptions.Item label="拟采取的问责措施">{c.opinion.proposedMeasureLabels.join('、')}</Descriptions.Item>
              <Descriptions.Item label="会签">
                <Space wrap data-testid="case-signoffs">
                  {c.opinion.signOffs.map((s) => <Tag key={s.party} color="green">{s.partyLabel}：{s.signedBy}（{ROLE_LABELS[s.signedRole as Role] ?? s.signedRole}，{dateTime(s.signedAt)}）{s.comment ? `　${s.comment}` : ''}</Tag>)}
                  {c.opinion.missingSignOffs.map((p) => <Tag key={p} color="gold">待{SIGNOFF_PARTIES[p]}会签</Tag>)}
                </Space>
              </Descriptions.Item>
            </Descriptions>
            {c.opinionVersions.length > 1 && (
              <Typography.Paragraph type="secondary" style={{ marginTop: 12 }} data-testid="case-opinion-versions">
                历次版本：{c.opinionVersions.map((v) => `第 ${v.version} 版（${v.draftedBy}，${dateTime(v.draftedAt)}）`).join('；')}
              </Typography.Paragraph>
            )}
          </>
        )}
      </Card>

      <Card title="问责措施">
        <Table<Measure> size="small" rowKey="id" pagination={false} dataSource={c.measures} locale={{ emptyText: '尚未采取问责措施' }} data-testid="case-measures"
          columns={[
            { title: '措施', dataIndex: 'kindLabel', width: 80 },
            { title: '内容', key: 'details', render: (_v, m) => measureSummary(m) },
            { title: '依据意见', dataIndex: 'opinionVersion', width: 90, render: (v: number) => `第 ${v} 版` },
            { title: '下达人', dataIndex: 'issuedBy', width: 100 },
            { title: '时间', dataIndex: 'issuedAt', width: 170, render: dateTime },
            { title: '', key: 'doc', width: 110, render: (_v, m) => m.documentPath && <Button type="link" icon={<DownloadOutlined />} onClick={() => download(m)} data-testid={`measure-download-${m.kind}`}>{T.common.download}</Button> },
          ]}
        />
      </Card>

      <Card title="案件轨迹">
        <Timeline items={c.events.map((e) => ({ key: e.seq, children: <><b>{e.action ? (CASE_EVENT_LABELS[e.action] ?? e.action) : '案件启动'}</b>　{e.actorName ? `${e.actorName}（${ROLE_LABELS[e.actorRole as Role] ?? e.actorRole}）` : '系统'}　{dateTime(e.at)}{e.reason ? <div>{e.reason}</div> : null}</> }))} />
      </Card>
      {open && <CaseStepDialog step={open} c={c} role={user.role} onDone={done} onClose={() => setOpen(null)} />}
    </Space>
  );
}

function measureSummary(m: Measure): string {
  const d = m.details;
  const s = (k: string) => (d[k] === undefined || d[k] === null ? '' : String(d[k]));
  if (m.kind === 'letter') return `${s('letterNo')}　整改要求：${s('requiredCorrections')}${d['replyBy'] ? `（${s('replyBy')} 前书面报告）` : ''}`;
  if (m.kind === 'talk') return `${s('date')} 于 ${s('place')}，参加人员：${Array.isArray(d['attendees']) ? (d['attendees'] as string[]).join('、') : ''}；${s('record')}`;
  return `${d['circularNo'] ? `${s('circularNo')}　` : ''}通报范围：${s('scope')}；${s('text')}`;
}
