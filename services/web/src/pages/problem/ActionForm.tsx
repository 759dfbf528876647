import { useState } from 'react';
import { Alert, Button, DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import { ACTIONS, APPROVAL_BODIES, DEFAULT_POLICY, validateDetermination, type ActionName, type DeterminationInput } from '@rectify/domain';
import { todayInShanghai } from '../../i18n/time.js';
import { issuesApi } from '../../api/issues.js';
import type { EvidenceFile, ProblemDetail } from '../../api/types.js';
import { applyServerErrors } from '../../components/serverErrors.js';
import { withDates } from '../../components/dates.js';
import { T } from '../../i18n/text.js';
import { ACTION_ROUTES, openBodies } from './actionRoutes.js';
import { DeterminationFields } from './DeterminationFields.js';

const AMOUNT = /^\d{1,15}(\.\d{1,2})?$/;
const req = (what: string) => [{ required: true, whitespace: true, message: T.common.required(what) }];
const choose = (what: string) => [{ required: true, message: T.common.choose(what) }];
const tags = { mode: 'tags' as const, tokenSeparators: [',', '，', '、'], open: false, suffixIcon: null };
const yesNo = (yes: string, no: string) => (
  <Radio.Group options={[{ value: true, label: yes }, { value: false, label: no }]} />
);

/** The fields of each action's form; field names follow the API's body so its field errors land on them. */
function Fields({ action, problem, evidence }: { action: ActionName; problem: ProblemDetail; evidence: EvidenceFile[] }) {
  switch (action) {
    case 'assignResponsibility':
    case 'reassignResponsibility':
      return (
        <>
          <Form.Item name={['responsibility', 'leadDepartment']} label={T.problem.leadDepartment} rules={req(T.problem.leadDepartment)}><Input /></Form.Item>
          <Form.Item name={['responsibility', 'cooperatingDepartments']} label={T.problem.cooperating} extra="可填写多个，以逗号或顿号分隔"><Select {...tags} /></Form.Item>
          <Form.Item name={['responsibility', 'responsiblePersons']} label={T.problem.persons} rules={[{ required: true, message: T.common.required(T.problem.persons) }]} extra="可填写多个，以逗号或顿号分隔"><Select {...tags} /></Form.Item>
        </>
      );
    case 'submitPlan':
      return (
        <>
          <Form.Item name="measures" label="整改措施" rules={req('整改措施')}><Input.TextArea rows={4} /></Form.Item>
          <Form.List name="milestones">
            {(items, { add, remove }) => (
              <>
                {items.map((item) => (
                  <div key={item.key} style={{ display: 'flex', gap: 8 }}>
                    <Form.Item name={[item.name, 'title']} label="节点" rules={req('节点名称')} style={{ flex: 2 }}><Input /></Form.Item>
                    <Form.Item name={[item.name, 'dueDate']} label="完成时间" rules={choose('完成时间')} style={{ flex: 1 }}><DatePicker style={{ width: '100%' }} /></Form.Item>
                    <Button type="link" danger onClick={() => remove(item.name)} style={{ marginTop: 30 }}>删除</Button>
                  </div>
                ))}
                <Button type="dashed" onClick={() => add()} style={{ marginBottom: 16 }}>添加整改节点</Button>
              </>
            )}
          </Form.List>
          <Form.Item name="targetDate" label="计划完成日期" rules={choose('计划完成日期')}><DatePicker style={{ width: '100%' }} /></Form.Item>
        </>
      );
    case 'approvePlan':
    case 'approveReport':
      return (
        <>
          <Form.Item name="body" label="审议机构" rules={choose('审议机构')}>
            <Radio.Group options={openBodies(problem.state, action).map((b) => ({ value: b, label: APPROVAL_BODIES[b] }))} />
          </Form.Item>
          <Form.Item name="meeting" label="会议名称" rules={req('会议名称')}><Input placeholder="如：2026年第5次党委会" /></Form.Item>
          <Form.Item name="meetingDate" label="会议日期" rules={choose('会议日期')}><DatePicker style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="resolutionNo" label="决议文号" rules={req('决议文号')}><Input placeholder="如：党委会决议〔2026〕5号" /></Form.Item>
        </>
      );
    case 'reportProgress':
      return (
        <>
          <Form.Item name="progress" label="整改进展" rules={req('整改进展')}><Input.TextArea rows={4} /></Form.Item>
          <Form.Item name="correctedAmount" label="本次纠正金额（元）" rules={[{ pattern: AMOUNT, message: '金额应为最多两位小数的元金额，如 1234567.89' }]}><Input /></Form.Item>
          <Form.Item name="evidenceIds" label="附证明材料"><Select mode="multiple" options={evidence.map((e) => ({ value: e.id, label: e.fileName }))} notFoundContent="请先在“证明材料”中上传" /></Form.Item>
        </>
      );
    case 'submitReport':
      return <Form.Item name="content" label="整改报告" rules={req('整改报告')}><Input.TextArea rows={6} /></Form.Item>;
    case 'determine':
      return <DeterminationFields problem={problem} />;
    case 'reviewDetermination':
      return (
        <>
          <Form.Item name="accept" label="复核意见" rules={choose('复核意见')}>{yesNo('认可企业认定', '不认可，退回重新认定')}</Form.Item>
          <Form.Item name="comment" label="说明"><Input.TextArea rows={3} /></Form.Item>
        </>
      );
    case 'proposeHandling':
      return (
        <>
          <Form.Item name="proposal" label="处理建议（报党委会、董事会）" rules={req('处理建议')}><Input.TextArea rows={4} /></Form.Item>
          <Form.Item name="coDrafters" label="会同部门" rules={[{ required: true, message: T.common.required('会同部门') }]} extra="如：纪检部门、组织部门"><Select {...tags} /></Form.Item>
        </>
      );
    case 'recordFollowUp':
      return (
        <>
          <Form.Item name="holds" label="后续审计结论" rules={choose('后续审计结论')}>{yesNo('整改结果经得起检验', '整改结果不实，退回整改')}</Form.Item>
          <Form.Item name="findings" label="后续审计发现" rules={req('后续审计发现')}><Input.TextArea rows={4} /></Form.Item>
        </>
      );
    case 'acceptCloseOut':
      return <Form.Item name="opinion" label="销号验收意见" rules={req('销号验收意见')}><Input.TextArea rows={3} /></Form.Item>;
    case 'refuseCloseOut':
      return <Form.Item name="reason" label="不予销号的理由（退回后续审计）" rules={req('不予销号的理由')}><Input.TextArea rows={3} /></Form.Item>;
    case 'transferToDiscipline':
      return <Form.Item name="content" label="移送事项与线索说明" rules={req('移送事项与线索说明')}><Input.TextArea rows={4} /></Form.Item>;
    case 'decideTransfer':
      return (
        <>
          <Form.Item name="accept" label="受理决定" rules={choose('受理决定')}>{yesNo('受理', '不予受理')}</Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.accept !== b.accept}>
            {({ getFieldValue }) => getFieldValue('accept') === true && (
              <Form.Item name="acceptedOn" label="受理日期" rules={choose('受理日期')}><DatePicker style={{ width: '100%' }} /></Form.Item>
            )}
          </Form.Item>
          <Form.Item name="note" label="说明"><Input.TextArea rows={3} /></Form.Item>
        </>
      );
    case 'requestExtension':
      return (
        <>
          <Form.Item name="requestedDeadline" label="申请延长至" rules={choose('申请延长至')} extra={`问题最长整改时限为 ${problem.hardLimit}，超过须说明特殊事由`}><DatePicker style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="reason" label="延期理由（客观原因）" rules={req('延期理由')}><Input.TextArea rows={3} /></Form.Item>
          <Form.Item name="specialReason" label="特殊事由（超过 6 个月时限时填写）"><Input.TextArea rows={2} /></Form.Item>
        </>
      );
    case 'rejectOpinion':
      return (
        <>
          <Form.Item name="opinion" label="不采纳的市国资委监管意见（如整改意见、复核意见）" rules={req('不采纳的监管意见')}><Input.TextArea rows={3} /></Form.Item>
          <Form.Item name="reason" label="不采纳的理由" rules={req('不采纳的理由')} extra="登记后将作为向市委市政府上报的依据之一"><Input.TextArea rows={3} /></Form.Item>
        </>
      );
    case 'decideExtension':
      return (
        <>
          <Form.Item name="approve" label="审批意见" rules={choose('审批意见')}>{yesNo('批准延期', '不予批准')}</Form.Item>
          <Form.Item name="comment" label="说明"><Input.TextArea rows={3} /></Form.Item>
        </>
      );
  }
}

/** A determination checked on the client by the same rule the server applies (libs/domain validateDetermination). */
function determinationProblems(values: Record<string, unknown>, problem: ProblemDetail): { name: (string | number)[]; errors: string[] }[] {
  const messages = validateDetermination(values as unknown as DeterminationInput, { amount: problem.amount, issueDate: problem.issueDate }, DEFAULT_POLICY, todayInShanghai());
  return messages.map((m) => {
    const [field, ...rest] = m.split('：');
    return { name: (field ?? '').split('.'), errors: [rest.join('：') || m] };
  });
}

function initialValues(action: ActionName, body: string | undefined, problem: ProblemDetail): Record<string, unknown> {
  if (action === 'approvePlan' || action === 'approveReport') return { body };
  if (action === 'submitPlan') return { milestones: [] };
  if (action === 'assignResponsibility') return { responsibility: { cooperatingDepartments: [] } };
  if (action === 'reassignResponsibility') return { responsibility: problem.responsibility ?? { cooperatingDepartments: [] } };
  return {};
}

/** Actions whose reason is one of their own fields (required), not the optional note for the trail. */
const REASON_IN_FIELDS: ActionName[] = ['requestExtension', 'rejectOpinion', 'reassignResponsibility', 'refuseCloseOut'];

/** One stage action as a dialog: validated in Chinese on the client, the server's field errors shown next to the fields. */
export function ActionForm({ action, problem, evidence, onDone, onCancel }: { action: ActionName; problem: ProblemDetail; evidence: EvidenceFile[]; onDone: (p: ProblemDetail) => void; onCancel: () => void }) {
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const bodies = action === 'approvePlan' || action === 'approveReport' ? openBodies(problem.state, action) : [];

  const submit = async (raw: Record<string, unknown>) => {
    const values = withDates(raw);
    if (action === 'determine') {
      const problems = determinationProblems(values, problem);
      const known = problems.filter((p) => p.name.length > 0 && p.name[0] !== 'amount' && p.name[0] !== 'today');
      if (problems.length > 0) {
        form.setFields(known);
        setError(problems.length === known.length ? '请按提示修改标红的字段' : problems.map((p) => p.errors.join('；')).join('；'));
        return;
      }
    }
    setBusy(true);
    setError(null);
    try {
      onDone(await issuesApi.act(problem.ledgerNo, ACTION_ROUTES[action]!, values));
    } catch (err) {
      setError(applyServerErrors(form, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={ACTIONS[action].label} width={720} onCancel={onCancel} footer={null} destroyOnHidden>
      <Form
        form={form}
        name="act"
        layout="vertical"
        onFinish={submit}
        initialValues={initialValues(action, bodies[0], problem)}
        data-testid={`form-${action}`}
      >
        <Fields action={action} problem={problem} evidence={evidence} />
        {action === 'reassignResponsibility' && <Form.Item name="reason" label="调整理由（记入审计轨迹）" rules={req('调整理由')}><Input /></Form.Item>}
        {!REASON_IN_FIELDS.includes(action) && <Form.Item name="reason" label="变更理由（记入审计轨迹，可不填）"><Input /></Form.Item>}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="form-error" />}
        <Button type="primary" htmlType="submit" loading={busy} data-testid="action-submit">{T.common.submit}</Button>
        <Button style={{ marginLeft: 8 }} onClick={onCancel}>{T.common.cancel}</Button>
      </Form>
    </Modal>
  );
}
