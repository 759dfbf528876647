import { Body, Controller, Get, NotFoundException, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, Length } from 'class-validator';
import { DataSource } from 'typeorm';
import { JOINT_OFFICE_READERS, JOINT_OFFICE_ROLES, type Principal } from '@rectify/contracts';
import { CurrentUser, Roles } from '@rectify/platform';
import { appendEvent } from '../common/event-log.js';
import { IsCalendarDate, Text } from '../common/validators.js';

export class MeetingDto {
  @ApiProperty({ example: '2026-11-20' }) @IsCalendarDate() heldOn!: string;
  @ApiProperty({ example: '2026年第四次监督联席会议' }) @Text(200) title!: string;
  @ApiProperty({ type: [String], description: '参会单位及人员' })
  @IsArray({ message: 'attendees 必须是数组' }) @ArrayMinSize(1, { message: 'attendees 至少一项' }) @ArrayMaxSize(100)
  @IsString({ each: true }) @Length(1, 100, { each: true, message: 'attendees 的每一项不能为空且不超过 100 个字符' })
  attendees!: string[];
  @ApiProperty({ description: '议程' }) @Text(10000) agenda!: string;
  @ApiProperty({ description: '会议纪要' }) @Text(50000) minutes!: string;
  @ApiProperty({ type: [String], description: '议定事项（可逐项转为书面推送）' })
  @IsArray({ message: 'decisions 必须是数组' }) @ArrayMaxSize(50)
  @IsString({ each: true }) @Length(1, 2000, { each: true, message: 'decisions 的每一项不能为空且不超过 2000 个字符' })
  decisions!: string[];
}

interface MeetingRow {
  id: string;
  held_on: string;
  title: string;
  attendees: string[];
  agenda: string;
  minutes: string;
  decisions: { text: string }[];
  recorded_by: string;
  recorded_at: Date;
}

/** Meeting records (date, attendees, agenda, minutes); each decision can become a push (POST /pushes with meetingId, decisionIndex). */
@ApiTags('joint-meeting meetings')
@ApiBearerAuth()
@Controller('meetings')
export class MeetingsController {
  constructor(private readonly db: DataSource) {}

  private async view(m: MeetingRow) {
    const pushed: { decision_index: number; push_no: string }[] = await this.db.query('SELECT decision_index, push_no FROM joint_meeting.pushes WHERE meeting_id = $1', [m.id]);
    return {
      id: m.id,
      heldOn: m.held_on,
      title: m.title,
      attendees: m.attendees,
      agenda: m.agenda,
      minutes: m.minutes,
      decisions: m.decisions.map((d, index) => ({ index, text: d.text, pushNo: pushed.find((p) => p.decision_index === index)?.push_no ?? null })),
      recordedBy: m.recorded_by,
      recordedAt: m.recorded_at,
    };
  }

  private async one(id: string): Promise<MeetingRow> {
    const rows: MeetingRow[] = await this.db.query(`SELECT *, to_char(held_on, 'YYYY-MM-DD') AS held_on FROM joint_meeting.meetings WHERE id = $1`, [id]);
    if (!rows[0]) throw new NotFoundException('会议记录不存在');
    return rows[0];
  }

  @Post()
  @Roles(...JOINT_OFFICE_ROLES)
  @ApiOperation({ summary: '记录一次联席会议' })
  async create(@Body() dto: MeetingDto, @CurrentUser() user: Principal) {
    const id = await this.db.transaction(async (tx) => {
      const rows: { id: string }[] = await tx.query(
        `INSERT INTO joint_meeting.meetings (held_on, title, attendees, agenda, minutes, decisions, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [dto.heldOn, dto.title, JSON.stringify(dto.attendees), dto.agenda, dto.minutes, JSON.stringify(dto.decisions.map((text) => ({ text }))), user.displayName],
      );
      await appendEvent(tx, { subjectKind: 'meeting', subjectId: rows[0]!.id, kind: 'meeting_recorded', user, payload: { heldOn: dto.heldOn, title: dto.title } });
      return rows[0]!.id;
    });
    return this.view(await this.one(id));
  }

  @Get()
  @Roles(...JOINT_OFFICE_READERS)
  @ApiOperation({ summary: '会议记录列表' })
  async list() {
    const rows: MeetingRow[] = await this.db.query(`SELECT *, to_char(held_on, 'YYYY-MM-DD') AS held_on FROM joint_meeting.meetings ORDER BY meetings.held_on DESC, recorded_at DESC LIMIT 500`);
    return Promise.all(rows.map((m) => this.view(m)));
  }

  @Get(':id')
  @Roles(...JOINT_OFFICE_READERS)
  @ApiOperation({ summary: '会议记录及其议定事项的推送情况' })
  async detail(@Param('id', new ParseUUIDPipe({ exceptionFactory: () => new NotFoundException('会议记录不存在') })) id: string) {
    return this.view(await this.one(id));
  }
}
