import { Timeline } from 'antd';
import { ROLE_LABELS, type Role } from '@rectify/contracts';
import type { ApprovalEvent } from '../../api/approvals.js';
import { dateTime } from '../../i18n/text.js';

const KINDS: Record<string, string> = { proposed: '提请审议', approved: '审议通过', rejected: '不予通过', reminder: '催办', produced: '形成报告', dispatched: '报送' };

/** The append-only approval log of one proposal. */
export function ApprovalEvents({ events }: { events: ApprovalEvent[] }) {
  return (
    <Timeline
      data-testid="approval-events"
      items={events.map((e, i) => ({
        key: i,
        color: e.kind === 'rejected' ? 'red' : e.kind === 'approved' ? 'green' : 'blue',
        children: <><b>{KINDS[e.kind] ?? e.kind}</b>　{e.actorName ? `${e.actorName}（${ROLE_LABELS[e.actorRole as Role] ?? e.actorRole}）` : '系统'}　{dateTime(e.at)}{e.reason ? <div>{e.reason}</div> : null}</>,
      }))}
    />
  );
}

export const statusColor = (s: string) => (s === 'approved' ? 'green' : s === 'rejected' ? 'red' : 'gold');
