import type { DataSource } from 'typeorm';
import type { ApprovalReminderRecord } from './approval-activity-types.js';
import { appendApprovalEvent } from './approval-events.js';
import { createSeparateProjectActivities } from './separate-project.activities.js';
import { createUpwardReportActivities } from './upward-report.activities.js';

/** Every activity of the party committee's two approvals, hosted by the issues service on queue `issues`. */
export function createApprovalActivities({ db }: { db: DataSource }) {
  return {
    ...createSeparateProjectActivities({ db }),
    ...createUpwardReportActivities({ db }),
    /** Records that the party committee was reminded of a waiting proposal, once per reminder. */
    async recordApprovalReminder(r: ApprovalReminderRecord): Promise<{ written: boolean }> {
      const written = await db.transaction((tx) =>
        appendApprovalEvent(tx, {
          key: `${r.workflowId}:reminder:${r.reminderNo}`,
          subjectType: r.subjectType,
          subjectId: r.subjectId,
          kind: 'reminder',
          actor: null,
          reason: null,
          payload: { reminderNo: r.reminderNo },
          atMs: r.atMs,
        }),
      );
      return { written };
    },
  };
}

export type ApprovalActivities = ReturnType<typeof createApprovalActivities>;
