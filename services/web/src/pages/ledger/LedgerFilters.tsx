import { useEffect } from 'react';
import { Button, DatePicker, Form, Input, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { LedgerFilter } from '../../api/issues.js';
import type { Enterprise } from '../../api/types.js';
import { CONFIDENTIALITY_OPTIONS, OUTCOME_OPTIONS, SOURCE_OPTIONS, STAGE_OPTIONS, TAG_OPTIONS } from '../../components/labels.js';
import { toDate } from '../../components/dates.js';
import { T } from '../../i18n/text.js';

interface Values extends Omit<LedgerFilter, 'deadlineFrom' | 'deadlineTo'> {
  deadline?: [Dayjs | null, Dayjs | null] | null;
}

/** The ledger's filter bar. */
export function LedgerFilters({ value, enterprises, showEnterprise, onSearch }: { value: LedgerFilter; enterprises: Enterprise[]; showEnterprise: boolean; onSearch: (f: LedgerFilter) => void }) {
  const [form] = Form.useForm<Values>();
  useEffect(() => {
    form.setFieldsValue({
      ...value,
      deadline: value.deadlineFrom || value.deadlineTo ? [value.deadlineFrom ? dayjs(value.deadlineFrom) : null, value.deadlineTo ? dayjs(value.deadlineTo) : null] : null,
    });
  }, [form, value]);
  const submit = (v: Values) => {
    const { deadline, ...rest } = v;
    onSearch({ ...rest, q: rest.q?.trim() || undefined, overdue: rest.overdue ? true : undefined, deadlineFrom: toDate(deadline?.[0]), deadlineTo: toDate(deadline?.[1]) });
  };
  const sel = { allowClear: true, style: { width: 150 } };
  return (
    <Form form={form} layout="inline" onFinish={submit} style={{ marginBottom: 16, rowGap: 8 }} data-testid="ledger-filters">
      <Form.Item name="q"><Input placeholder={T.ledger.keyword} allowClear style={{ width: 200 }} /></Form.Item>
      {showEnterprise && (
        <Form.Item name="enterpriseCode">
          <Select {...sel} style={{ width: 220 }} placeholder={T.ledger.enterprise} options={enterprises.map((e) => ({ value: e.code, label: e.name }))} />
        </Form.Item>
      )}
      <Form.Item name="stage"><Select {...sel} placeholder={T.ledger.stage} options={STAGE_OPTIONS} /></Form.Item>
      <Form.Item name="outcome"><Select {...sel} placeholder={T.ledger.outcome} options={OUTCOME_OPTIONS} /></Form.Item>
      <Form.Item name="source"><Select {...sel} placeholder={T.ledger.source} options={SOURCE_OPTIONS} /></Form.Item>
      <Form.Item name="confidentiality"><Select {...sel} style={{ width: 110 }} placeholder={T.ledger.confidentiality} options={CONFIDENTIALITY_OPTIONS} /></Form.Item>
      <Form.Item name="tag"><Select {...sel} placeholder={T.ledger.tag} options={TAG_OPTIONS} /></Form.Item>
      <Form.Item name="deadline" label={T.ledger.deadlineRange}><DatePicker.RangePicker allowEmpty={[true, true]} /></Form.Item>
      <Form.Item name="overdue" label={T.ledger.overdueOnly} valuePropName="checked"><Switch /></Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit">{T.common.search}</Button>
      </Form.Item>
      <Form.Item>
        <Button onClick={() => { form.resetFields(); onSearch({}); }}>{T.common.reset}</Button>
      </Form.Item>
    </Form>
  );
}
