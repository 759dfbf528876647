import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { MEMBER_UNIT_ROLES, ROLES, type Principal } from '@rectify/contracts';
import { CurrentUser, Roles } from '@rectify/platform';
import { RECEIPT_ROLES } from '../notices/notices.controller.js';

/** How many of each kind the list shows; `total` says how many there are. */
const SHOWN = 100;

/** Which response steps wait for whom: the unit's officer drafts, its division leader approves. */
const STEPS_OF: Partial<Record<string, string[]>> = {
  [ROLES.MEMBER_UNIT_OFFICER]: ['pending', 'drafting'],
  [ROLES.MEMBER_UNIT_LEADER]: ['awaiting_approval'],
};

/**
 * 待我处理 (§11): what in the joint meeting waits for the caller — 通报 not yet read (members),
 * 专报 not yet read (the 党委), and the unit's pushes waiting for its answer or its leader's approval.
 */
@ApiTags('joint-meeting waiting')
@ApiBearerAuth()
@Controller('waiting')
export class WaitingController {
  constructor(private readonly db: DataSource) {}

  @Get()
  @Roles(...RECEIPT_ROLES, ROLES.PARTY_COMMITTEE)
  @ApiOperation({ summary: '待我处理：未阅通报、未阅专报、待本单位反馈或审核的书面推送' })
  async waiting(@CurrentUser() user: Principal) {
    const notices = RECEIPT_ROLES.includes(user.role)
      ? await this.listed<{ id: string; title: string; published_at: Date }>(
          `FROM joint_meeting.notices n WHERE NOT EXISTS (SELECT 1 FROM joint_meeting.notice_reads r WHERE r.notice_id = n.id AND r.user_id = $1)`,
          'n.id, n.title, n.published_at',
          'n.published_at DESC',
          [user.sub],
        )
      : null;
    const reports =
      user.role === ROLES.PARTY_COMMITTEE
        ? await this.listed<{ id: string; title: string; period_from: string; period_to: string; created_at: Date }>(
            `FROM joint_meeting.special_reports s WHERE NOT EXISTS (SELECT 1 FROM joint_meeting.special_report_reads r WHERE r.report_id = s.id AND r.user_id = $1)`,
            `s.id, s.title, to_char(s.period_from, 'YYYY-MM-DD') AS period_from, to_char(s.period_to, 'YYYY-MM-DD') AS period_to, s.created_at`,
            's.created_at DESC',
            [user.sub],
          )
        : null;
    const steps = STEPS_OF[user.role];
    const pushes =
      MEMBER_UNIT_ROLES.includes(user.role) && steps && user.unitCode
        ? await this.listed<{ push_no: string; subject: string; reply_by: string; status: string; overdue: boolean }>(
            `FROM joint_meeting.pushes p JOIN joint_meeting.push_targets t ON t.push_id = p.id
             WHERE p.status = 'open' AND t.unit_code = $1 AND (t.status = ANY($2) OR t.revising = ANY($2))`,
            `p.push_no, p.subject, to_char(p.reply_by, 'YYYY-MM-DD') AS reply_by, t.status, t.overdue`,
            'p.reply_by, p.push_no',
            [user.unitCode, steps],
          )
        : null;
    return {
      notices: notices && { total: notices.total, items: notices.items.map((n) => ({ id: n.id, title: n.title, publishedAt: n.published_at })) },
      reports: reports && {
        total: reports.total,
        items: reports.items.map((r) => ({ id: r.id, title: r.title, periodFrom: r.period_from, periodTo: r.period_to, createdAt: r.created_at })),
      },
      pushes: pushes && {
        total: pushes.total,
        items: pushes.items.map((p) => ({ pushNo: p.push_no, subject: p.subject, replyBy: p.reply_by, status: p.status, overdue: p.overdue })),
      },
    };
  }

  /** The first SHOWN rows of a query and how many rows it has. */
  private async listed<T>(from: string, columns: string, order: string, params: unknown[]): Promise<{ total: number; items: T[] }> {
    const [items, count] = await Promise.all([
      this.db.query(`SELECT ${columns} ${from} ORDER BY ${order} LIMIT ${SHOWN}`, params) as Promise<T[]>,
      this.db.query(`SELECT count(*)::int AS total ${from}`, params) as Promise<{ total: number }[]>,
    ]);
    return { total: count[0]?.total ?? 0, items };
  }
}
