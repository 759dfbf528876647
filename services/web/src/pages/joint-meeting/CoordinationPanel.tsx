import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Input, Radio, Select, Space, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { COORDINATION_COUNTERPARTS, COORDINATION_DIRECTIONS, JOINT_OFFICE_ROLES } from '@rectify/contracts';
import { jointMeetingExtras, type CoordinationEntry } from '../../api/jointMeeting.js';
import { useUser } from '../../auth/AuthContext.js';
import { FormDialog, rules, tagsSelect } from '../../components/FormDialog.js';
import { dateTime, T } from '../../i18n/text.js';

const DIRECTIONS = Object.entries(COORDINATION_DIRECTIONS).map(([value, label]) => ({ value, label }));
const COUNTERPARTS = Object.entries(COORDINATION_COUNTERPARTS).map(([value, label]) => ({ value, label }));

/** 线索移交登记簿: clue transfers in and out with the audit office, the audit bureau and the discipline commission. */
export function CoordinationPanel() {
  const user = useUser();
  const office = JOINT_OFFICE_ROLES.includes(user.role);
  const [filter, setFilter] = useState<{ direction?: string; counterpart?: string }>({});
  const [rows, setRows] = useState<CoordinationEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const load = useCallback(() => jointMeetingExtras.coordination(filter).then(setRows, (e: Error) => setError(e.message)), [filter]);
  useEffect(() => { void load(); }, [load]);
  return (
    <Card title="线索移交登记" extra={office && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="coordination-create">登记移交</Button>}>
      <Space style={{ marginBottom: 12 }}>
        <Select allowClear placeholder="方向" style={{ width: 120 }} options={DIRECTIONS} value={filter.direction} onChange={(v?: string) => setFilter({ ...filter, direction: v })} />
        <Select allowClear placeholder="对方单位" style={{ width: 160 }} options={COUNTERPARTS} value={filter.counterpart} onChange={(v?: string) => setFilter({ ...filter, counterpart: v })} />
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<CoordinationEntry> rowKey="id" size="middle" loading={rows === null && !error} dataSource={rows ?? []} locale={{ emptyText: T.common.empty }} data-testid="coordination-table"
        expandable={{ expandedRowRender: (r) => <div style={{ whiteSpace: 'pre-wrap' }}>{r.content}{r.ledgerNos.length ? `\n涉及问题：${r.ledgerNos.join('、')}` : ''}</div> }}
        columns={[
          { title: '移交日期', dataIndex: 'transferredOn', width: 110 },
          { title: '方向', dataIndex: 'directionLabel', width: 70 },
          { title: '对方单位', dataIndex: 'counterpartLabel', width: 120 },
          { title: '线索或事项', dataIndex: 'subject' },
          { title: '文号', dataIndex: 'documentNo', width: 160 },
          { title: '登记人', dataIndex: 'recordedBy', width: 100 },
          { title: '登记时间', dataIndex: 'recordedAt', width: 170, render: dateTime },
        ]}
      />
      {creating && (
        <FormDialog<Record<string, unknown>> title="登记线索移交" name="coordination" initialValues={{ direction: 'in', ledgerNos: [] }}
          onSubmit={async (v) => { await jointMeetingExtras.recordCoordination({ ...v, documentNo: (v['documentNo'] as string | undefined)?.trim() || undefined }); setCreating(false); void load(); }} onClose={() => setCreating(false)}>
          <Form.Item name="direction" label="方向" rules={rules.choose('方向')}><Radio.Group options={DIRECTIONS} /></Form.Item>
          <Form.Item name="counterpart" label="对方单位" rules={rules.choose('对方单位')}><Select options={COUNTERPARTS} /></Form.Item>
          <Form.Item name="transferredOn" label="移交日期" rules={rules.choose('移交日期')}><DatePicker style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="subject" label="线索或事项" rules={rules.text('线索或事项')}><Input /></Form.Item>
          <Form.Item name="content" label="内容及处理情况" rules={rules.text('内容及处理情况')}><Input.TextArea rows={4} /></Form.Item>
          <Form.Item name="documentNo" label="移交文号（可不填）"><Input /></Form.Item>
          <Form.Item name="ledgerNos" label="涉及问题（台账编号，可不填）"><Select {...tagsSelect} /></Form.Item>
        </FormDialog>
      )}
    </Card>
  );
}
