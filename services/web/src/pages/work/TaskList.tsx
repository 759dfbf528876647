import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Table, Tag } from 'antd';
import { ROLES } from '@rectify/contracts';
import { issuesApi } from '../../api/issues.js';
import type { ProblemSummary } from '../../api/types.js';
import { useUser } from '../../auth/AuthContext.js';
import { workStages } from '../../auth/permissions.js';
import { daysUntil } from '../../components/dates.js';
import { T } from '../../i18n/text.js';
import { useLiveEvents } from '../../live/useLiveEvents.js';

/** Problems waiting at a stage where the user's role acts, soonest deadline first. */
export function TaskList() {
  const user = useUser();
  const [rows, setRows] = useState<ProblemSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    // The Supervision Division assigns responsibility only for its own findings: not a queue of its own.
    const stages = workStages(user.role).filter((s) => !(user.role === ROLES.SUPERVISION_OFFICER && s === 'assign'));
    Promise.all(stages.map((stage) => issuesApi.ledger({ stage, sort: 'deadline', order: 'asc', pageSize: 100 })))
      .then((pages) => setRows(pages.flatMap((p) => p.items).sort((a, b) => a.deadline.localeCompare(b.deadline) || a.ledgerNo.localeCompare(b.ledgerNo))))
      .catch((e: Error) => setError(e.message));
  }, [user.role]);
  useEffect(load, [load]);
  // A problem that reaches (or leaves) a stage where the user acts joins (or leaves) the list at once.
  useLiveEvents((e) => e.type === 'problem', load);
  if (error) return <Alert type="error" showIcon title={error} />;
  return (
    <Table<ProblemSummary>
      size="middle"
      rowKey="ledgerNo"
      loading={rows === null}
      dataSource={rows ?? []}
      data-testid="task-list"
      locale={{ emptyText: T.work.noTasks }}
      pagination={{ pageSize: 20 }}
      onRow={(r) => (r.overdue ? { style: { background: '#fff1f0' } } : {})}
      columns={[
        { title: T.ledger.columns.ledgerNo, dataIndex: 'ledgerNo', width: 170, render: (n: string) => <Link to={`/problems/${n}`}>{n}</Link> },
        { title: T.ledger.columns.title, dataIndex: 'title', ellipsis: true },
        { title: '待办阶段', dataIndex: 'stageLabel', width: 110, render: (l: string) => <Tag color="blue">{l}</Tag> },
        { title: T.ledger.columns.deadline, dataIndex: 'deadline', width: 120 },
        {
          title: '剩余时间', key: 'left', width: 120,
          render: (_v, r) => { const d = daysUntil(r.deadline); return <Tag color={d < 0 ? 'red' : d <= 7 ? 'orange' : 'default'}>{T.work.daysLeft(d)}</Tag>; },
        },
      ]}
    />
  );
}
