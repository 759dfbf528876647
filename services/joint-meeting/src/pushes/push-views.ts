import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RESPONSE_VERSION_STATUSES, TARGET_STATUSES, type Principal, type ResponseVersionStatus } from '@rectify/contracts';
import { eventsOf } from '../common/event-log.js';
import { LinkedProblems } from '../common/linked-problems.js';
import { AttachmentStore } from '../attachments/attachment-store.js';
import { isUnitUser, PushRepository, trackerStatus, type PushRow, type TargetRow, type VersionRow } from './push.repository.js';

function targetView(t: TargetRow) {
  return {
    unitCode: t.unit_code,
    unitName: t.unit_name,
    status: t.status,
    statusLabel: TARGET_STATUSES[t.status],
    overdue: t.overdue,
    ...trackerStatus(t),
    revising: t.revising,
    version: t.version,
    firstDraftAt: t.first_draft_at,
    submittedAt: t.submitted_at,
    answeredAt: t.answered_at,
    overdueAt: t.overdue_at,
    lastReminderAt: t.last_reminder_at,
    reminders: t.reminders,
    returns: t.returns,
    updatedAt: t.updated_at,
  };
}

export function pushSummary(p: PushRow, targets: TargetRow[]) {
  const count = (pred: (t: TargetRow) => boolean) => targets.filter(pred).length;
  return {
    pushNo: p.push_no,
    subject: p.subject,
    replyBy: p.reply_by,
    status: p.status,
    statusLabel: p.status === 'closed' ? '已办结' : '办理中',
    createdBy: p.created_by_name,
    createdAt: p.created_at,
    closedAt: p.closed_at,
    counts: {
      units: targets.length,
      pending: count((t) => t.status === 'pending'),
      drafting: count((t) => t.status === 'drafting'),
      awaitingApproval: count((t) => t.status === 'awaiting_approval'),
      answered: count((t) => t.status === 'answered'),
      overdue: count((t) => t.overdue && t.status !== 'answered'),
    },
    targets: targets.map(targetView),
  };
}

/** What the caller may see of a push: the office every unit's approved answers, a unit only its own. */
@Injectable()
export class PushViews {
  constructor(
    private readonly db: DataSource,
    private readonly pushes: PushRepository,
    private readonly problems: LinkedProblems,
    private readonly attachments: AttachmentStore,
  ) {}

  private async versionView(v: VersionRow) {
    return {
      unitCode: v.unit_code,
      version: v.version,
      status: v.status,
      statusLabel: RESPONSE_VERSION_STATUSES[v.status as ResponseVersionStatus],
      opinion: v.opinion,
      resolution: v.resolution,
      attachments: await this.attachments.describe(v.attachment_ids),
      draftedBy: v.drafted_by,
      draftedAt: v.drafted_at,
      submittedBy: v.submitted_by,
      submittedAt: v.submitted_at,
      decidedBy: v.decided_by,
      decidedAt: v.decided_at,
      decisionComment: v.decision_comment,
    };
  }

  async detail(p: PushRow, user: Principal) {
    const unit = isUnitUser(user) ? user.unitCode : null;
    const targets = await this.pushes.targets([p.id], unit);
    const versions = await this.pushes.versions(p.id, unit, unit === null);
    // The office sees each unit's latest approved version only; the unit sees its whole history.
    const latestApproved = new Map<string, VersionRow>();
    for (const v of versions) if (v.status === 'approved') latestApproved.set(v.unit_code, v);
    const pushAttachments: { id: string }[] = await this.db.query('SELECT id FROM joint_meeting.attachments WHERE push_id = $1 AND response_unit IS NULL ORDER BY uploaded_at', [p.id]);
    return {
      ...pushSummary(p, targets),
      content: p.content,
      meetingId: p.meeting_id,
      decisionIndex: p.decision_index,
      problems: await this.problems.describe(await this.pushes.ledgerNos(p.id), user),
      attachments: await this.attachments.describe(pushAttachments.map((a) => a.id)),
      responses: unit
        ? await Promise.all(versions.map((v) => this.versionView(v)))
        : await Promise.all([...latestApproved.values()].map((v) => this.versionView(v))),
      events: await eventsOf(this.db, 'push', p.id, unit ?? undefined),
    };
  }
}
