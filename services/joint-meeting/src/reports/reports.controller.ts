import { Body, Controller, Get, HttpCode, NotFoundException, Param, ParseUUIDPipe, Post, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { COORDINATION_COUNTERPARTS, COORDINATION_DIRECTIONS, JOINT_OFFICE_READERS, JOINT_OFFICE_ROLES, ROLES, type CoordinationCounterpart, type CoordinationDirection, type Principal } from '@rectify/contracts';
import { compareDates, localDateOf, DEFAULT_POLICY } from '@rectify/domain';
import { CurrentUser, Roles } from '@rectify/platform';
import { Announcements } from '../announcements/announcements.js';
import { appendEvent } from '../common/event-log.js';
import { FieldErrors } from '../common/field-errors.js';
import { IsCalendarDate, Text } from '../common/validators.js';
import { specialReport, type SpecialReportFacts } from './special-report.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export class SpecialReportDto {
  @ApiProperty({ example: '关于2026年第四季度监督联席会议工作情况的专报' }) @Text(200) title!: string;
  @ApiProperty({ example: '2026-10-01' }) @IsCalendarDate() periodFrom!: string;
  @ApiProperty({ example: '2026-12-31' }) @IsCalendarDate() periodTo!: string;
  @ApiProperty({ description: '总体情况（办公室撰写，可分段）' }) @Text(20000) summary!: string;
}

interface ReportRow {
  id: string;
  title: string;
  period_from: string;
  period_to: string;
  summary: string;
  facts: SpecialReportFacts;
  created_by: string;
  created_at: Date;
}

const READERS = [...JOINT_OFFICE_READERS, ROLES.PARTY_COMMITTEE];

/** Special reports (专报) to the Commission 党委: the period's pushes, notices, transfers and meetings as of writing. */
@ApiTags('joint-meeting special reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly db: DataSource,
    private readonly announcements: Announcements,
  ) {}

  /** The period's facts, frozen into the report when it is written so the document never changes. */
  private async facts(from: string, to: string): Promise<SpecialReportFacts> {
    const range = [from, to];
    const pushes: { push_no: string; subject: string; status: string; units: string; answered: string; overdue: string }[] = await this.db.query(
      `SELECT p.push_no, p.subject, p.status, count(t.*) AS units, count(t.*) FILTER (WHERE t.status = 'answered') AS answered,
         count(t.*) FILTER (WHERE t.overdue AND t.status <> 'answered') AS overdue
       FROM joint_meeting.pushes p JOIN joint_meeting.push_targets t ON t.push_id = p.id
       WHERE (p.created_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN $1 AND $2 GROUP BY p.id ORDER BY p.push_no`,
      range,
    );
    const notices: { title: string; published_on: string }[] = await this.db.query(
      `SELECT title, to_char(published_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS published_on FROM joint_meeting.notices
       WHERE (published_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN $1 AND $2 ORDER BY published_at`,
      range,
    );
    const transfers: { transferred_on: string; direction: CoordinationDirection; counterpart: CoordinationCounterpart; subject: string }[] = await this.db.query(
      `SELECT to_char(transferred_on, 'YYYY-MM-DD') AS transferred_on, direction, counterpart, subject FROM joint_meeting.coordination_log
       WHERE transferred_on BETWEEN $1 AND $2 ORDER BY transferred_on, recorded_at`,
      range,
    );
    const meetings: { held_on: string; title: string; decisions: number }[] = await this.db.query(
      `SELECT to_char(held_on, 'YYYY-MM-DD') AS held_on, title, jsonb_array_length(decisions) AS decisions FROM joint_meeting.meetings WHERE held_on BETWEEN $1 AND $2 ORDER BY held_on`,
      range,
    );
    return {
      pushes: pushes.map((p) => ({ pushNo: p.push_no, subject: p.subject, units: Number(p.units), answered: Number(p.answered), overdue: Number(p.overdue), status: p.status === 'closed' ? '已办结' : '办理中' })),
      notices: notices.map((n) => ({ title: n.title, publishedOn: n.published_on })),
      transfers: transfers.map((t) => ({ transferredOn: t.transferred_on, directionLabel: COORDINATION_DIRECTIONS[t.direction], counterpartLabel: COORDINATION_COUNTERPARTS[t.counterpart], subject: t.subject })),
      meetings: meetings.map((m) => ({ heldOn: m.held_on, title: m.title, decisions: Number(m.decisions) })),
    };
  }

  private view(r: ReportRow) {
    return { id: r.id, title: r.title, periodFrom: r.period_from, periodTo: r.period_to, summary: r.summary, facts: r.facts, createdBy: r.created_by, createdAt: r.created_at };
  }

  private async one(id: string): Promise<ReportRow> {
    const rows: ReportRow[] = await this.db.query(
      `SELECT *, to_char(period_from, 'YYYY-MM-DD') AS period_from, to_char(period_to, 'YYYY-MM-DD') AS period_to FROM joint_meeting.special_reports WHERE id = $1`,
      [id],
    );
    if (!rows[0]) throw new NotFoundException('专报不存在');
    return rows[0];
  }

  @Post()
  @Roles(...JOINT_OFFICE_ROLES)
  @ApiOperation({ summary: '撰写专报：汇总期间的推送、通报、线索移送和会议情况' })
  async create(@Body() dto: SpecialReportDto, @CurrentUser() user: Principal) {
    const errors = new FieldErrors();
    if (compareDates(dto.periodTo, dto.periodFrom) < 0) errors.add('periodTo', `截止日期不得早于起始日期 ${dto.periodFrom}`);
    errors.throwIfAny();
    const facts = await this.facts(dto.periodFrom, dto.periodTo);
    const id = await this.db.transaction(async (tx) => {
      const rows: { id: string }[] = await tx.query(
        `INSERT INTO joint_meeting.special_reports (title, period_from, period_to, summary, facts, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [dto.title, dto.periodFrom, dto.periodTo, dto.summary, JSON.stringify(facts), user.displayName],
      );
      await appendEvent(tx, { subjectKind: 'report', subjectId: rows[0]!.id, kind: 'special_report_written', user, payload: { title: dto.title, periodFrom: dto.periodFrom, periodTo: dto.periodTo } });
      return rows[0]!.id;
    });
    await this.announcements.announce('special_report', id);
    return this.view(await this.one(id));
  }

  @Post(':id/read')
  @HttpCode(200)
  @Roles(ROLES.PARTY_COMMITTEE)
  @ApiOperation({ summary: '委党委回执：专报已阅' })
  async read(@Param('id', new ParseUUIDPipe({ exceptionFactory: () => new NotFoundException('专报不存在') })) id: string, @CurrentUser() user: Principal) {
    const r = await this.one(id);
    await this.db.transaction(async (tx) => {
      const inserted: unknown[] = await tx.query(
        `INSERT INTO joint_meeting.special_report_reads (report_id, user_id, user_name) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1`,
        [id, user.sub, user.displayName],
      );
      if (inserted.length > 0) await appendEvent(tx, { subjectKind: 'report', subjectId: id, kind: 'special_report_read', user });
    });
    return this.view(r);
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: '专报列表' })
  async list() {
    const rows: ReportRow[] = await this.db.query(
      `SELECT *, to_char(period_from, 'YYYY-MM-DD') AS period_from, to_char(period_to, 'YYYY-MM-DD') AS period_to FROM joint_meeting.special_reports ORDER BY created_at DESC LIMIT 500`,
    );
    return rows.map((r) => this.view(r));
  }

  /** 期号: the report's order among the 专报 written in its year (Asia/Shanghai); reports are never deleted, so it stays. */
  private async issueNo(r: ReportRow, createdOn: string): Promise<string> {
    const year = createdOn.slice(0, 4);
    const rows: { n: number }[] = await this.db.query(
      `SELECT count(*)::int AS n FROM joint_meeting.special_reports
       WHERE to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY') = $1
         AND (created_at, id) <= (SELECT created_at, id FROM joint_meeting.special_reports WHERE id = $2)`,
      [year, r.id],
    );
    return `${year}年第${rows[0]?.n ?? 1}期`;
  }

  @Get(':id/document')
  @Roles(...READERS)
  @ApiOperation({ summary: '下载专报（Word）' })
  @ApiProduces(DOCX)
  @ApiOkResponse({ description: 'docx' })
  async document(@Param('id', new ParseUUIDPipe({ exceptionFactory: () => new NotFoundException('专报不存在') })) id: string, @Res({ passthrough: true }) res: Response) {
    const r = await this.one(id);
    const createdOn = localDateOf(new Date(r.created_at).getTime(), DEFAULT_POLICY);
    const bytes = await specialReport({
      title: r.title, periodFrom: r.period_from, periodTo: r.period_to, summary: r.summary, facts: r.facts, createdOn, issueNo: await this.issueNo(r, createdOn),
    });
    res.setHeader('content-type', DOCX);
    res.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${r.title}.docx`)}`);
    return new StreamableFile(bytes);
  }
}
