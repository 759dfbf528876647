import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JOINT_OFFICE_READERS, MEMBER_UNIT_ROLES, OVERDUE_LABEL, PUSH_NO, TARGET_STATUSES, type Principal, type TargetStatus, type Page } from '@rectify/contracts';
import { mapPage, queryPage } from '@rectify/platform';
import type { PushListQuery } from './push.dto.js';

export interface PushRow {
  id: string;
  push_no: string;
  subject: string;
  content: string;
  reply_by: string;
  status: 'open' | 'closed';
  meeting_id: string | null;
  decision_index: number | null;
  created_by_name: string;
  created_at: Date;
  closed_at: Date | null;
}

export interface TargetRow {
  push_id: string;
  unit_code: string;
  unit_name: string;
  status: TargetStatus;
  overdue: boolean;
  revising: string | null;
  version: number;
  first_draft_at: Date | null;
  submitted_at: Date | null;
  answered_at: Date | null;
  overdue_at: Date | null;
  last_reminder_at: Date | null;
  reminders: number;
  returns: number;
  updated_at: Date;
}

export interface VersionRow {
  unit_code: string;
  version: number;
  opinion: string;
  resolution: string;
  attachment_ids: string[];
  status: string;
  drafted_by: string;
  drafted_at: Date;
  submitted_by: string | null;
  submitted_at: Date | null;
  decided_by: string | null;
  decided_at: Date | null;
  decision_comment: string | null;
}

const PUSH_COLUMNS = `p.id, p.push_no, p.subject, p.content, to_char(p.reply_by, 'YYYY-MM-DD') AS reply_by, p.status, p.meeting_id, p.decision_index, p.created_by_name, p.created_at, p.closed_at`;

export const isUnitUser = (user: Principal) => MEMBER_UNIT_ROLES.includes(user.role);
export const isOfficeReader = (user: Principal) => JOINT_OFFICE_READERS.includes(user.role);

/** How a target reads in the tracker: overdue wins while the unit has not answered. */
export function trackerStatus(t: Pick<TargetRow, 'status' | 'overdue'>): { displayStatus: TargetStatus | 'overdue'; displayLabel: string } {
  if (t.overdue && t.status !== 'answered') return { displayStatus: 'overdue', displayLabel: `${OVERDUE_LABEL}（${TARGET_STATUSES[t.status]}）` };
  return { displayStatus: t.status, displayLabel: TARGET_STATUSES[t.status] };
}

/** Reads of pushes, scoped to the caller: a member unit sees only the pushes addressed to it. */
@Injectable()
export class PushRepository {
  constructor(private readonly db: DataSource) {}

  /** The push numbered `pushNo` if the caller may see it; otherwise 404 (never 403). */
  async visible(pushNo: string, user: Principal): Promise<PushRow> {
    const missing = new NotFoundException(`推送事项 ${pushNo} 不存在`);
    if (!PUSH_NO.test(pushNo)) throw missing;
    const unitScope = isUnitUser(user);
    if (!unitScope && !isOfficeReader(user)) throw missing;
    const rows: PushRow[] = await this.db.query(
      `SELECT ${PUSH_COLUMNS} FROM joint_meeting.pushes p WHERE p.push_no = $1
       ${unitScope ? 'AND EXISTS (SELECT 1 FROM joint_meeting.push_targets t WHERE t.push_id = p.id AND t.unit_code = $2)' : ''}`,
      unitScope ? [pushNo, user.unitCode ?? ''] : [pushNo],
    );
    const row = rows[0];
    if (!row) throw missing;
    return row;
  }

  /** One page of the pushes the caller may see, each with its targets (only the caller's unit for a member-unit user). */
  async list(user: Principal, query: PushListQuery): Promise<Page<PushRow & { targets: TargetRow[] }>> {
    const unitScope = isUnitUser(user);
    const params: unknown[] = [];
    const where: string[] = [];
    if (unitScope) {
      params.push(user.unitCode ?? '');
      where.push(`EXISTS (SELECT 1 FROM joint_meeting.push_targets t WHERE t.push_id = p.id AND t.unit_code = $${params.length})`);
    }
    if (query.status) {
      params.push(query.status);
      where.push(`p.status = $${params.length}`);
    }
    const pushes = await queryPage<PushRow>(
      this.db,
      { select: PUSH_COLUMNS, from: `joint_meeting.pushes p ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`, orderBy: 'p.created_at DESC, p.push_no DESC', params },
      query,
    );
    const targets = await this.targets(pushes.items.map((p) => p.id), unitScope ? user.unitCode : null);
    return mapPage(pushes, (p) => ({ ...p, targets: targets.filter((t) => t.push_id === p.id) }));
  }

  /** Targets of the pushes; only the caller's own unit for a member-unit user. */
  async targets(pushIds: string[], unitCode: string | null = null): Promise<TargetRow[]> {
    if (pushIds.length === 0) return [];
    return this.db.query(
      `SELECT t.*, COALESCE(m.name, t.unit_code) AS unit_name FROM joint_meeting.push_targets t
       LEFT JOIN joint_meeting.members m ON m.code = t.unit_code
       WHERE t.push_id = ANY($1) ${unitCode ? 'AND t.unit_code = $2' : ''} ORDER BY m.sort_order, t.unit_code`,
      unitCode ? [pushIds, unitCode] : [pushIds],
    );
  }

  async versions(pushId: string, unitCode: string | null, onlyApproved: boolean): Promise<VersionRow[]> {
    const params: unknown[] = [pushId];
    let where = 'push_id = $1';
    if (unitCode) {
      params.push(unitCode);
      where += ' AND unit_code = $2';
    }
    if (onlyApproved) where += ` AND status = 'approved'`;
    return this.db.query(`SELECT * FROM joint_meeting.response_versions WHERE ${where} ORDER BY unit_code, version`, params);
  }

  async ledgerNos(pushId: string): Promise<string[]> {
    const rows: { ledger_no: string }[] = await this.db.query('SELECT ledger_no FROM joint_meeting.push_problems WHERE push_id = $1 ORDER BY ledger_no', [pushId]);
    return rows.map((r) => r.ledger_no);
  }
}
