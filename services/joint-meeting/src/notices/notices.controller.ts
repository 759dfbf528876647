import { Body, Controller, Get, HttpCode, NotFoundException, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsOptional, Matches } from 'class-validator';
import { DataSource } from 'typeorm';
import { JOINT_MEETING_MEMBERS, JOINT_OFFICE_READERS, JOINT_OFFICE_ROLES, LEDGER_NO, MEMBER_UNIT_ROLES, ROLES, type Principal } from '@rectify/contracts';
import { CurrentUser, mapPage, PageQuery, queryPage, Roles } from '@rectify/platform';
import { Announcements } from '../announcements/announcements.js';
import { appendEvent } from '../common/event-log.js';
import { FieldErrors } from '../common/field-errors.js';
import { LinkedProblems } from '../common/linked-problems.js';
import { LEDGER_NO_MESSAGE, Text } from '../common/validators.js';
import { MemberDirectory } from '../members/member-directory.js';

export class NoticeDto {
  @ApiProperty({ example: '关于部分企业整改进度滞后问题的通报' }) @Text(200) title!: string;
  @ApiProperty({ description: '通报的问题及核查、整改情况' }) @Text(20000) content!: string;
  @ApiPropertyOptional({ type: [String], description: '通报涉及问题的台账编号' })
  @IsOptional() @IsArray() @ArrayMaxSize(100) @ArrayUnique({ message: 'ledgerNos 不能重复' }) @Matches(LEDGER_NO, { each: true, message: LEDGER_NO_MESSAGE })
  ledgerNos?: string[];
}

interface NoticeRow {
  id: string;
  title: string;
  content: string;
  ledger_nos: string[];
  published_by_name: string;
  published_at: Date;
  read_at: Date | null;
  readers: string;
}

/** Who leaves a read receipt: the members themselves (units and 纪检组); they are told of each notice. */
export const RECEIPT_ROLES = [...MEMBER_UNIT_ROLES, ROLES.DISCIPLINE_GROUP];

/** Notices (通报) from the office to every member, with read receipts (§11). */
@ApiTags('joint-meeting notices')
@ApiBearerAuth()
@Controller('notices')
export class NoticesController {
  constructor(
    private readonly db: DataSource,
    private readonly problems: LinkedProblems,
    private readonly members: MemberDirectory,
    private readonly announcements: Announcements,
  ) {}

  private async row(id: string, user: Principal): Promise<NoticeRow> {
    const rows: NoticeRow[] = await this.db.query(
      `SELECT n.*, r.read_at, (SELECT count(*) FROM joint_meeting.notice_reads x WHERE x.notice_id = n.id) AS readers
       FROM joint_meeting.notices n LEFT JOIN joint_meeting.notice_reads r ON r.notice_id = n.id AND r.user_id = $2 WHERE n.id = $1`,
      [id, user.sub],
    );
    if (!rows[0]) throw new NotFoundException('通报不存在');
    return rows[0];
  }

  private summary(n: NoticeRow) {
    return { id: n.id, title: n.title, publishedBy: n.published_by_name, publishedAt: n.published_at, readByMe: n.read_at !== null, readAt: n.read_at, readers: Number(n.readers) };
  }

  @Post()
  @Roles(...JOINT_OFFICE_ROLES)
  @ApiOperation({ summary: '向全体成员单位发布通报（问题及核查、整改情况）' })
  async publish(@Body() dto: NoticeDto, @CurrentUser() user: Principal) {
    const errors = new FieldErrors();
    for (const no of await this.problems.unknown(dto.ledgerNos ?? [])) errors.add('ledgerNos', `台账中没有问题 ${no}`);
    errors.throwIfAny();
    const id = await this.db.transaction(async (tx) => {
      const rows: { id: string }[] = await tx.query(
        `INSERT INTO joint_meeting.notices (title, content, ledger_nos, published_by, published_by_name) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [dto.title, dto.content, dto.ledgerNos ?? [], user.sub, user.displayName],
      );
      await appendEvent(tx, { subjectKind: 'notice', subjectId: rows[0]!.id, kind: 'notice_published', user, payload: { title: dto.title, ledgerNos: dto.ledgerNos ?? [] } });
      return rows[0]!.id;
    });
    await this.announcements.announce('notice', id);
    return this.detail(id, user);
  }

  @Get()
  @Roles(...JOINT_MEETING_MEMBERS)
  @ApiOperation({ summary: '通报列表（含本人是否已读）' })
  async list(@Query() query: PageQuery, @CurrentUser() user: Principal) {
    const page = await queryPage<NoticeRow>(
      this.db,
      {
        select: `n.*, r.read_at, (SELECT count(*) FROM joint_meeting.notice_reads x WHERE x.notice_id = n.id) AS readers`,
        from: `joint_meeting.notices n LEFT JOIN joint_meeting.notice_reads r ON r.notice_id = n.id AND r.user_id = $1`,
        orderBy: 'n.published_at DESC, n.id DESC',
        params: [user.sub],
      },
      query,
    );
    return mapPage(page, (n) => this.summary(n));
  }

  @Get(':id')
  @Roles(...JOINT_MEETING_MEMBERS)
  @ApiOperation({ summary: '通报内容及涉及问题的状态' })
  async detail(@Param('id', new ParseUUIDPipe({ exceptionFactory: () => new NotFoundException('通报不存在') })) id: string, @CurrentUser() user: Principal) {
    const n = await this.row(id, user);
    return { ...this.summary(n), content: n.content, problems: await this.problems.describe(n.ledger_nos, user) };
  }

  @Post(':id/read')
  @HttpCode(200)
  @Roles(...RECEIPT_ROLES)
  @ApiOperation({ summary: '回执：已阅' })
  async read(@Param('id', new ParseUUIDPipe({ exceptionFactory: () => new NotFoundException('通报不存在') })) id: string, @CurrentUser() user: Principal) {
    await this.row(id, user);
    await this.db.transaction(async (tx) => {
      const inserted: unknown[] = await tx.query(
        `INSERT INTO joint_meeting.notice_reads (notice_id, user_id, user_name, unit_code) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING 1`,
        [id, user.sub, user.displayName, user.unitCode],
      );
      if (inserted.length > 0) await appendEvent(tx, { subjectKind: 'notice', subjectId: id, kind: 'notice_read', user, unitCode: user.unitCode });
    });
    return this.detail(id, user);
  }

  @Get(':id/receipts')
  @Roles(...JOINT_OFFICE_READERS)
  @ApiOperation({ summary: '回执情况：每个成员单位是否已阅、由谁何时阅' })
  async receipts(@Param('id', new ParseUUIDPipe({ exceptionFactory: () => new NotFoundException('通报不存在') })) id: string, @CurrentUser() user: Principal) {
    await this.row(id, user);
    const reads: { user_name: string; unit_code: string | null; read_at: Date }[] = await this.db.query(
      'SELECT user_name, unit_code, read_at FROM joint_meeting.notice_reads WHERE notice_id = $1 ORDER BY read_at',
      [id],
    );
    const units = (await this.members.list(true)).map((m) => {
      const mine = reads.filter((r) => r.unit_code === m.code);
      return { unitCode: m.code, unitName: m.name, read: mine.length > 0, firstReadAt: mine[0]?.read_at ?? null, readers: mine.map((r) => ({ name: r.user_name, readAt: r.read_at })) };
    });
    const others = reads.filter((r) => r.unit_code === null).map((r) => ({ name: r.user_name, readAt: r.read_at }));
    return { units, unread: units.filter((u) => !u.read).map((u) => u.unitName), otherReaders: others };
  }
}
