import { Timeline, Typography } from 'antd';
import { ROLE_LABELS, isRole } from '@rectify/contracts';
import { ACTIONS, STAGE_LABELS, isActionName, isStage } from '@rectify/domain';
import type { HistoryEvent } from '../../api/types.js';
import { dateTime } from '../../i18n/text.js';
import { CASE_EVENT_LABELS } from '../../components/labels.js';

const KIND_LABELS: Record<string, string> = { reminder: '到期提醒', overdue: '逾期', accountability: '启动问责', hard_limit: '到达最长整改时限' };
const COLORS: Record<string, string> = { reminder: 'orange', overdue: 'red', accountability: 'red', hard_limit: 'red' };

function titleOf(e: HistoryEvent): string {
  if (e.action === 'register') return '问题挂号';
  if (e.action && isActionName(e.action)) return ACTIONS[e.action].label;
  if (e.kind === 'accountability' && e.action) return CASE_EVENT_LABELS[e.action] ?? e.action;
  return KIND_LABELS[e.kind] ?? e.action ?? e.kind;
}

/** Every event of the problem's trail: who, when, what, and the stage it moved to. */
export function ProblemTimeline({ events }: { events: HistoryEvent[] }) {
  return (
    <Timeline
      data-testid="timeline"
      items={events.map((e) => ({
        key: e.seq,
        color: COLORS[e.kind] ?? (e.stageAfter === 'closed' ? 'green' : 'blue'),
        content: (
          <div data-testid="timeline-event">
            <b>{titleOf(e)}</b>
            {e.stageBefore !== e.stageAfter && e.stageAfter && isStage(e.stageAfter) && <Typography.Text type="secondary"> → {STAGE_LABELS[e.stageAfter]}</Typography.Text>}
            <div>
              <Typography.Text type="secondary">
                {dateTime(e.at)} · {e.actorName}
                {isRole(e.actorRole) ? `（${ROLE_LABELS[e.actorRole]}）` : ''}
              </Typography.Text>
            </div>
            {e.reason && <div>理由：{e.reason}</div>}
          </div>
        ),
      }))}
    />
  );
}
