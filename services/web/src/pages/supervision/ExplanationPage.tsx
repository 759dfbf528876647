import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { App, Button, Card, Descriptions, Result, Space, Spin, Table, Tag } from 'antd';
import { isEnterpriseRole, ROLES } from '@rectify/contracts';
import { STAGE_LABELS, type Stage } from '@rectify/domain';
import { ApiError } from '../../api/client.js';
import { supervisionActions, type ExplanationDetail, type LinkedProblem } from '../../api/supervision.js';
import { useUser } from '../../auth/AuthContext.js';
import { dateTime, T } from '../../i18n/text.js';
import { AnswerDialog, GuidanceDialog } from './ExplanationDialogs.js';
import { EXPLANATION_COLOR } from './ExplanationsPage.js';

/** One written explanation: what was asked, the enterprise's answer, the division's guidance. */
export function ExplanationPage() {
  const { id = '' } = useParams();
  const user = useUser();
  const { message } = App.useApp();
  const [x, setX] = useState<ExplanationDetail | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [open, setOpen] = useState<'answer' | 'guidance' | null>(null);
  const load = useCallback(() => supervisionActions.explanation(id).then(setX, (e: Error) => setError(e)), [id]);
  useEffect(() => { void load(); }, [load]);
  if (error) return <Result status={error instanceof ApiError && error.status === 404 ? '404' : 'error'} title={error instanceof ApiError && error.status === 404 ? '书面说明不存在，或您无权查看' : error.message} extra={<Link to="/supervision/explanations">{T.common.back}</Link>} />;
  if (!x) return <Spin style={{ margin: 48 }} />;
  const done = (what: string) => (next: ExplanationDetail) => { setX(next); setOpen(null); message.success(what); window.dispatchEvent(new Event('rectify:inbox-changed')); };
  const canAnswer = isEnterpriseRole(user.role) && x.kind === 'requested' && !x.answer;
  const canGuide = user.role === ROLES.SUPERVISION_OFFICER && !!x.answer && !x.guidance;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={<Space>书面说明：{x.topic}<Tag color={EXPLANATION_COLOR[x.status]} data-testid="explanation-status">{x.statusLabel}</Tag></Space>}
        extra={
          <Space>
            {canAnswer && <Button type="primary" onClick={() => setOpen('answer')} data-testid="explanation-answer">提交书面说明</Button>}
            {canGuide && <Button type="primary" onClick={() => setOpen('guidance')} data-testid="explanation-guidance">给予针对性指导</Button>}
          </Space>
        }
      >
        <Descriptions column={2} size="small" bordered data-testid="explanation-basics">
          <Descriptions.Item label="企业">{x.enterpriseName}</Descriptions.Item>
          <Descriptions.Item label="方式">{x.kind === 'requested' ? `监督处要求说明（${x.requestedBy ?? ''}，${dateTime(x.requestedAt)}）` : '企业主动报送'}</Descriptions.Item>
          {x.replyBy && <Descriptions.Item label="回复期限" span={2}>{x.replyBy}</Descriptions.Item>}
          {x.details && <Descriptions.Item label="要求说明的情况" span={2}><div style={{ whiteSpace: 'pre-wrap' }}>{x.details}</div></Descriptions.Item>}
          <Descriptions.Item label="情况说明" span={2}><div style={{ whiteSpace: 'pre-wrap' }}>{x.answer?.content ?? '尚未说明'}</div></Descriptions.Item>
          {x.answer && <Descriptions.Item label="原因分析" span={2}><div style={{ whiteSpace: 'pre-wrap' }}>{x.answer.causes}</div></Descriptions.Item>}
          {x.answer && <Descriptions.Item label="说明人" span={2}>{x.answer.answeredBy}（{dateTime(x.answer.answeredAt)}）{x.answer.late ? <Tag color="red" style={{ marginLeft: 8 }}>逾期回复</Tag> : null}</Descriptions.Item>}
          <Descriptions.Item label="针对性指导" span={2}>{x.guidance ? <><div style={{ whiteSpace: 'pre-wrap' }}>{x.guidance.guidance}</div><div>（{x.guidance.givenBy}，{dateTime(x.guidance.givenAt)}）</div></> : '—'}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title="涉及问题">
        <Table<LinkedProblem> size="small" rowKey="ledgerNo" pagination={false} dataSource={x.problems} locale={{ emptyText: T.common.empty }}
          columns={[
            { title: '台账编号', dataIndex: 'ledgerNo', width: 170, render: (n: string) => <Link to={`/problems/${n}`}>{n}</Link> },
            { title: '问题摘要', dataIndex: 'title' },
            { title: '阶段', dataIndex: 'stage', width: 100, render: (s: string) => STAGE_LABELS[s as Stage] ?? s },
          ]}
        />
      </Card>
      {open === 'answer' && <AnswerDialog id={x.id} onDone={done('书面说明已提交')} onClose={() => setOpen(null)} />}
      {open === 'guidance' && <GuidanceDialog id={x.id} onDone={done('指导意见已送达企业')} onClose={() => setOpen(null)} />}
    </Space>
  );
}
