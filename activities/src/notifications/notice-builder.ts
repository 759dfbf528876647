import { CRITERIA, OUTCOMES, STAGE_LABELS, TRIGGERS, type CriterionCode, type Stage, type TriggerCode } from '@rectify/domain';
import type { NoticeData } from './templates/notice-data.js';
import type { NoticeType } from './templates/notice-types.js';
import type { NotificationRequest } from './notification-request.js';

/** The facts about a problem the notifications service reads from issues.notice_facts. */
export interface ProblemFacts {
  ledgerNo: string;
  title: string;
  enterpriseName: string;
  deadline: string;
  stage: Stage;
}

const str = (v: unknown, fallback = ''): string => (v === null || v === undefined ? fallback : String(v));
const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v ?? 0));

/** Builds the template data of a problem notice from the problem's facts and the event's facts. */
export function problemNoticeData(type: NoticeType, p: ProblemFacts, f: NotificationRequest['facts']): NoticeData {
  const ref = { ledgerNo: p.ledgerNo, title: p.title };
  switch (type) {
    case 'reminder':
      return { ...ref, enterpriseName: p.enterpriseName, deadline: str(f['deadline'], p.deadline), daysLeft: num(f['daysLeft']), stageLabel: STAGE_LABELS[p.stage] };
    case 'overdue':
      return { ...ref, enterpriseName: p.enterpriseName, deadline: str(f['deadline'], p.deadline), daysOverdue: num(f['daysOverdue']) };
    case 'accountability_opened': {
      const trigger = str(f['trigger']) as TriggerCode;
      return { ...ref, enterpriseName: p.enterpriseName, trigger, triggerLabel: TRIGGERS[trigger], cause: str(f['cause']) };
    }
    case 'accountability_measure': {
      const trigger = str(f['trigger']) as TriggerCode;
      return { ...ref, enterpriseName: p.enterpriseName, measureLabel: str(f['measureLabel']), triggerLabel: TRIGGERS[trigger] ?? trigger, summary: str(f['summary']) };
    }
    case 'extension_requested': {
      // A deadline past the hard limit asked for at registration: its special reason stays in the ledger.
      const reason = f['atRegistration'] ? '登记问题时设定的整改期限超过下达后的最长期限，特殊事由见问题详情' : str(f['reason']);
      return { ...ref, enterpriseName: p.enterpriseName, currentDeadline: p.deadline, requestedDeadline: str(f['requestedDeadline']), reason };
    }
    case 'extension_decided':
      return { ...ref, approved: Boolean(f['approved']), newDeadline: f['newDeadline'] ? str(f['newDeadline']) : null, comment: f['comment'] ? str(f['comment']) : null };
    case 'determination_made': {
      const criterion = str(f['criterion']) as CriterionCode;
      const info = CRITERIA[criterion];
      return { ...ref, criterion, criterionLabel: info?.label ?? criterion, outcomeLabel: info ? OUTCOMES[info.outcome] : '', accepted: Boolean(f['accepted']) };
    }
    case 'close_out_accepted':
      return { ...ref, opinion: str(f['opinion']) };
    case 'approval_requested':
    case 'approval_reminder':
    case 'separate_project_decided':
    case 'upward_report_decided': {
      const subjectKind = str(f['subjectKind']) === 'upward_report' ? 'upward_report' : 'separate_project';
      const approval = { ...ref, enterpriseName: p.enterpriseName, subjectKind, subjectId: str(f['subjectId']), matter: str(f['matter']) } as const;
      if (type === 'approval_requested') return { ...approval, proposedAt: str(f['proposedAt']) };
      if (type === 'approval_reminder') return { ...approval, proposedAt: str(f['proposedAt']), waitingDays: num(f['waitingDays']) };
      return { ...approval, approved: Boolean(f['approved']), documentNumber: f['documentNumber'] ? str(f['documentNumber']) : null, reason: f['reason'] ? str(f['reason']) : null };
    }
    case 'transfer_requested':
      return { ...ref, enterpriseName: p.enterpriseName, transferredOn: str(f['transferredOn']) };
    case 'problem_shared':
      return { ...ref, enterpriseName: p.enterpriseName, tagLabels: str(f['tagLabels']) };
    default:
      throw new Error(`notice type ${type} is not about one problem`);
  }
}
