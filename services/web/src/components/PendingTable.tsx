import { useEffect, useState } from 'react';
import { Alert, Spin, Table } from 'antd';
import type { TableProps } from 'antd';
import type { Maybe } from '../api/pending.js';
import { T } from '../i18n/text.js';

/** A table over an API that may not exist yet: rows when it answers, a Chinese notice while it 404s. */
export function PendingTable<R extends object>({ load, columns, rowKey = 'id', testId }: { load: () => Promise<Maybe<R[]>>; columns: TableProps<R>['columns']; rowKey?: string; testId?: string }) {
  const [state, setState] = useState<Maybe<R[]> | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    load().then((s) => alive && setState(s), (e: Error) => alive && setError(e.message));
    return () => { alive = false; };
  }, [load]);
  if (error) return <Alert type="error" showIcon title={error} />;
  if (!state) return <Spin />;
  if (!state.available) return <Alert type="info" showIcon title={T.common.comingSoon} data-testid={testId ? `${testId}-pending` : undefined} />;
  return <Table<R> size="small" rowKey={rowKey} dataSource={state.data} columns={columns} pagination={{ pageSize: 10 }} locale={{ emptyText: T.common.empty }} data-testid={testId} />;
}
