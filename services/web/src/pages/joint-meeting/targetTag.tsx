import { Tag } from 'antd';
import type { PushTarget } from '../../api/jointMeeting.js';

const TARGET_COLOR: Record<PushTarget['status'], string> = { pending: 'gold', drafting: 'blue', awaiting_approval: 'purple', answered: 'green' };

/** A unit's state on a push, red when its answer is overdue. */
export function targetTag(t: PushTarget) {
  return (
    <Tag key={t.unitCode} color={t.overdue && t.status !== 'answered' ? 'red' : TARGET_COLOR[t.status]} data-testid={`target-${t.unitCode}`}>
      {t.unitName}：{t.statusLabel}{t.overdue && t.status !== 'answered' ? '（已逾期）' : ''}
    </Tag>
  );
}

