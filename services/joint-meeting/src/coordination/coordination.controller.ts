import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { DataSource } from 'typeorm';
import {
  COORDINATION_COUNTERPARTS,
  COORDINATION_DIRECTIONS,
  JOINT_OFFICE_READERS,
  JOINT_OFFICE_ROLES,
  LEDGER_NO,
  ROLES,
  type CoordinationCounterpart,
  type CoordinationDirection,
  type Principal,
} from '@rectify/contracts';
import { CurrentUser, Roles } from '@rectify/platform';
import { appendEvent } from '../common/event-log.js';
import { FieldErrors } from '../common/field-errors.js';
import { LinkedProblems } from '../common/linked-problems.js';
import { IsCalendarDate, LEDGER_NO_MESSAGE, Text } from '../common/validators.js';

const DIRECTIONS = Object.keys(COORDINATION_DIRECTIONS);
const COUNTERPARTS = Object.keys(COORDINATION_COUNTERPARTS);

export class CoordinationDto {
  @ApiProperty({ enum: DIRECTIONS, description: 'in 移入（对方移交给委）/ out 移出（委移交对方）' })
  @IsIn(DIRECTIONS, { message: 'direction 必须是 in（移入）或 out（移出）' })
  direction!: CoordinationDirection;
  @ApiProperty({ enum: COUNTERPARTS, description: 'audit_office 市委审计办 / audit_bureau 市审计局 / discipline_commission 市纪委监委' })
  @IsIn(COUNTERPARTS, { message: `counterpart 必须是 ${COUNTERPARTS.join('、')} 之一` })
  counterpart!: CoordinationCounterpart;
  @ApiProperty({ example: '2026-11-18' }) @IsCalendarDate() transferredOn!: string;
  @ApiProperty({ description: '线索或事项' }) @Text(200) subject!: string;
  @ApiProperty({ description: '内容及处理情况' }) @Text(20000) content!: string;
  @ApiPropertyOptional({ description: '移交文号' }) @IsOptional() @IsString() @MaxLength(100) documentNo?: string;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @ArrayUnique() @Matches(LEDGER_NO, { each: true, message: LEDGER_NO_MESSAGE })
  ledgerNos?: string[];
}

export class CoordinationQuery {
  @ApiPropertyOptional({ enum: DIRECTIONS }) @IsOptional() @IsIn(DIRECTIONS, { message: 'direction 必须是 in 或 out' }) direction?: CoordinationDirection;
  @ApiPropertyOptional({ enum: COUNTERPARTS }) @IsOptional() @IsIn(COUNTERPARTS, { message: `counterpart 必须是 ${COUNTERPARTS.join('、')} 之一` }) counterpart?: CoordinationCounterpart;
}

interface Row {
  id: string;
  direction: CoordinationDirection;
  counterpart: CoordinationCounterpart;
  transferred_on: string;
  subject: string;
  content: string;
  document_no: string | null;
  ledger_nos: string[];
  recorded_by: string;
  recorded_at: Date;
}

const view = (r: Row) => ({
  id: r.id,
  direction: r.direction,
  directionLabel: COORDINATION_DIRECTIONS[r.direction],
  counterpart: r.counterpart,
  counterpartLabel: COORDINATION_COUNTERPARTS[r.counterpart],
  transferredOn: r.transferred_on,
  subject: r.subject,
  content: r.content,
  documentNo: r.document_no,
  ledgerNos: r.ledger_nos,
  recordedBy: r.recorded_by,
  recordedAt: r.recorded_at,
});

/** The outside coordination log: clue transfers in and out with the audit office, the audit bureau and the discipline commission. */
@ApiTags('joint-meeting coordination')
@ApiBearerAuth()
@Controller('coordination')
export class CoordinationController {
  constructor(
    private readonly db: DataSource,
    private readonly problems: LinkedProblems,
  ) {}

  @Post()
  @Roles(...JOINT_OFFICE_ROLES)
  @ApiOperation({ summary: '登记一次线索移交（移入或移出）' })
  async record(@Body() dto: CoordinationDto, @CurrentUser() user: Principal) {
    const errors = new FieldErrors();
    for (const no of await this.problems.unknown(dto.ledgerNos ?? [])) errors.add('ledgerNos', `台账中没有问题 ${no}`);
    errors.throwIfAny();
    return this.db.transaction(async (tx) => {
      const rows: Row[] = await tx.query(
        `INSERT INTO joint_meeting.coordination_log (direction, counterpart, transferred_on, subject, content, document_no, ledger_nos, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *, to_char(transferred_on, 'YYYY-MM-DD') AS transferred_on`,
        [dto.direction, dto.counterpart, dto.transferredOn, dto.subject, dto.content, dto.documentNo ?? null, dto.ledgerNos ?? [], user.displayName],
      );
      await appendEvent(tx, { subjectKind: 'coordination', subjectId: rows[0]!.id, kind: 'clue_transfer_recorded', user, payload: { direction: dto.direction, counterpart: dto.counterpart } });
      return view(rows[0]!);
    });
  }

  @Get()
  @Roles(...JOINT_OFFICE_READERS, ROLES.DISCIPLINE_GROUP)
  @ApiOperation({ summary: '线索移交登记簿' })
  async list(@Query() q: CoordinationQuery) {
    const rows: Row[] = await this.db.query(
      `SELECT *, to_char(transferred_on, 'YYYY-MM-DD') AS transferred_on FROM joint_meeting.coordination_log
       WHERE ($1::text IS NULL OR direction = $1) AND ($2::text IS NULL OR counterpart = $2) ORDER BY coordination_log.transferred_on DESC, recorded_at DESC LIMIT 1000`,
      [q.direction ?? null, q.counterpart ?? null],
    );
    return rows.map(view);
  }
}
