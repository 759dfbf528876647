import { useCallback } from 'react';
import { Link } from 'react-router-dom';
import { supervisionApi, type VisitRecord } from '../../api/supervision.js';
import { PendingTable } from '../../components/PendingTable.js';

/** The supervision records (督办记录) of one problem. */
export function SupervisionRecords({ ledgerNo }: { ledgerNo: string }) {
  const load = useCallback(() => supervisionApi.visits({ ledgerNo }), [ledgerNo]);
  return (
    <PendingTable<VisitRecord>
      testId="problem-visits"
      load={load}
      columns={[
        { title: '督办日期', dataIndex: 'visitDate', width: 110, render: (d: string, r) => <Link to={`/supervision/records/${r.id}`}>{d}</Link> },
        { title: '督导组', dataIndex: 'team', width: 140 },
        { title: '督办发现', dataIndex: 'findings' },
        { title: '记录人', dataIndex: 'recordedBy', width: 100 },
      ]}
    />
  );
}
