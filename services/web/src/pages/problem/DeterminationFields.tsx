import { Alert, Checkbox, DatePicker, Form, Input, Radio, Select, Space, Tag, Typography } from 'antd';
import { CRITERIA, CRITERION_CODES, OUTCOMES, type CriterionCode, type Outcome } from '@rectify/domain';
import type { ProblemDetail } from '../../api/types.js';
import { T, yuan } from '../../i18n/text.js';

const OUTCOME_COLOR: Record<Outcome, string> = { completed: 'green', partial: 'orange', not_rectified: 'red' };
const AMOUNT = /^\d{1,15}(\.\d{1,2})?$/;
const req = (what: string) => [{ required: true, whitespace: true, message: T.common.required(what) }];

/** The criterion picker (§7): each criterion with its requirement, and the fields that criterion needs. */
export function DeterminationFields({ problem }: { problem: ProblemDetail }) {
  const accepted = problem.transfers.filter((t) => t.status === 'accepted');
  return (
    <>
      <Form.Item name="criterion" label="认定标准" rules={[{ required: true, message: T.common.choose('认定标准') }]}>
        <Radio.Group style={{ width: '100%' }} data-testid="criterion-picker">
          <Space orientation="vertical" style={{ width: '100%' }}>
            {CRITERION_CODES.map((code) => (
              <Radio key={code} value={code} data-testid={`criterion-${code}`}>
                <Tag color={OUTCOME_COLOR[CRITERIA[code].outcome]}>{OUTCOMES[CRITERIA[code].outcome]}</Tag>
                <b>{code}</b> {CRITERIA[code].label}
                <div><Typography.Text type="secondary">{T.problem.requirement}：{CRITERIA[code].requirement}</Typography.Text></div>
              </Radio>
            ))}
          </Space>
        </Radio.Group>
      </Form.Item>
      <Form.Item noStyle shouldUpdate={(a, b) => a.criterion !== b.criterion}>
        {({ getFieldValue }) => {
          const code = getFieldValue('criterion') as CriterionCode | undefined;
          if (!code) return null;
          return (
            <>
              <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`${code}：${CRITERIA[code].requirement}`} data-testid="criterion-requirement" />
              <CriterionFields code={code} problem={problem} accepted={accepted} />
            </>
          );
        }}
      </Form.Item>
      <Form.Item name="basis" label="认定依据" rules={req('认定依据')}><Input.TextArea rows={3} /></Form.Item>
    </>
  );
}

function CriterionFields({ code, problem, accepted }: { code: CriterionCode; problem: ProblemDetail; accepted: ProblemDetail['transfers'] }) {
  const amountHint = problem.amount ? `问题金额 ${yuan(problem.amount)} 元` : '问题未登记金额';
  switch (code) {
    case 'C1':
      return problem.amount ? (
        <Form.Item name="correctedAmount" label="已整改金额（元）" extra={`${amountHint}，须与之相等`} rules={[{ required: true, message: T.common.required('已整改金额') }, { pattern: AMOUNT, message: '金额应为最多两位小数的元金额' }]}><Input /></Form.Item>
      ) : (
        <Form.Item name="correctionDescription" label="纠正情况" rules={req('纠正情况')}><Input.TextArea rows={3} /></Form.Item>
      );
    case 'C2':
      return (
        <>
          <Form.Item name="correctionDescription" label="纠正情况" rules={req('纠正情况')}><Input.TextArea rows={3} /></Form.Item>
          <Form.Item name="controlsImprovement" label="完善的内部管控措施" rules={req('内部管控措施')}><Input.TextArea rows={3} /></Form.Item>
        </>
      );
    case 'C3':
      return (
        <>
          <Form.Item name={['transfer', 'transferId']} label="已受理的移送" rules={[{ required: true, message: accepted.length ? T.common.choose('移送记录') : '该问题尚无纪检组已受理的移送，不能按 C3 认定' }]}>
            <Select options={accepted.map((t) => ({ value: t.id, label: `移送 #${t.id}（${t.acceptedOn ?? ''} 受理）` }))} />
          </Form.Item>
          <Form.Item noStyle shouldUpdate>
            {({ getFieldValue, setFieldValue }) => {
              const id = getFieldValue(['transfer', 'transferId']) as string | undefined;
              const on = accepted.find((t) => t.id === id)?.acceptedOn ?? null;
              if (getFieldValue(['transfer', 'acceptedDate']) !== on) setTimeout(() => setFieldValue(['transfer', 'acceptedDate'], on));
              return <Form.Item name={['transfer', 'acceptedDate']} label="受理日期"><Input disabled /></Form.Item>;
            }}
          </Form.Item>
        </>
      );
    case 'C4':
      return (
        <>
          <Form.Item name="accountabilityRecord" label="追责问责记录" rules={req('追责问责记录')}><Input.TextArea rows={3} /></Form.Item>
          <Form.Item name="controlsImprovement" label="完善的管控措施" rules={req('管控措施')}><Input.TextArea rows={3} /></Form.Item>
        </>
      );
    case 'P1':
      return (
        <>
          <Form.Item name={['plan', 'measures']} label="整改措施" rules={req('整改措施')}><Input.TextArea rows={3} /></Form.Item>
          <Form.Item name={['plan', 'responsiblePerson']} label="责任人" rules={req('责任人')}><Input /></Form.Item>
          <Form.Item name={['plan', 'newDeadline']} label="新的整改期限" rules={[{ required: true, message: T.common.choose('新的整改期限') }]}><DatePicker style={{ width: '100%' }} /></Form.Item>
          <Form.Item name={['plan', 'specialReason']} label={`特殊事由（新的期限晚于最长期限 ${problem.hardLimit} 时填写）`}><Input.TextArea rows={2} /></Form.Item>
        </>
      );
    case 'P2':
      return <Form.Item name="correctedAmount" label="已整改金额（元）" extra={`${amountHint}，须大于 0 且小于问题金额`} rules={[{ required: true, message: T.common.required('已整改金额') }, { pattern: AMOUNT, message: '金额应为最多两位小数的元金额' }]}><Input /></Form.Item>;
    case 'N4':
      return <Form.Item name="harmContinues" valuePropName="checked" rules={[{ validator: (_r, v) => (v ? Promise.resolve() : Promise.reject(new Error('按 N4 认定须确认不利影响仍在继续'))) }]}><Checkbox>确认不利影响仍在继续</Checkbox></Form.Item>;
    default:
      return null;
  }
}
