import { useEffect, useState } from 'react';
import { Alert, App, Switch, Table, Tag } from 'antd';
import { notificationsApi } from '../../api/notifications.js';
import type { Preference } from '../../api/types.js';
import { T } from '../../i18n/text.js';

/** E-mail preferences per notice type; mandatory notices (reminders, overdue, accountability) stay on. */
export function PreferencesPanel() {
  const { message } = App.useApp();
  const [rows, setRows] = useState<Preference[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { notificationsApi.preferences().then(setRows, (e: Error) => setError(e.message)); }, []);
  if (error) return <Alert type="error" showIcon title={error} />;
  return (
    <Table<Preference>
      size="small" rowKey="type" loading={rows === null} dataSource={rows ?? []} pagination={false} data-testid="preferences"
      columns={[
        { title: '通知类型', dataIndex: 'label', render: (l: string, r) => <>{l} {r.mandatory && <Tag>{T.work.mandatory}</Tag>}</> },
        {
          title: T.work.emailEnabled, dataIndex: 'emailEnabled', width: 120,
          render: (on: boolean, r) => (
            <Switch checked={on} disabled={r.mandatory} onChange={(v) => notificationsApi.setPreference(r.type, v).then((p) => { setRows(p); message.success(T.common.saved); }, (e: Error) => message.error(e.message))} />
          ),
        },
      ]}
    />
  );
}
