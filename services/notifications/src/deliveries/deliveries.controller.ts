import { Body, Controller, Get, Put, Query, UnprocessableEntityException } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, Matches } from 'class-validator';
import { DataSource } from 'typeorm';
import { CONFIDENTIAL_READERS, LEDGER_NO, ROLES, type Principal } from '@rectify/contracts';
import { isMandatory, NOTICE_TYPE_LIST, NOTICE_TYPES, type NoticeType } from '@rectify/activities';
import { CurrentUser, Roles } from '@rectify/platform';

export class DeliveriesQuery {
  @ApiPropertyOptional({ description: '某个问题的投递记录（监督处等委内角色）' })
  @IsOptional() @Matches(LEDGER_NO, { message: 'ledgerNo 必须是台账编号' })
  ledgerNo?: string;
}

export class PreferenceDto {
  @ApiProperty({ enum: NOTICE_TYPE_LIST }) @IsIn(NOTICE_TYPE_LIST, { message: 'type 不是已知的通知类型' })
  type!: NoticeType;
  @ApiProperty() @IsBoolean({ message: 'emailEnabled 必须是 true 或 false' })
  emailEnabled!: boolean;
}

/** The delivery log, undeliverable notices and each user's e-mail preferences. */
@ApiTags('deliveries')
@ApiBearerAuth()
@Controller()
export class DeliveriesController {
  constructor(private readonly db: DataSource) {}

  /**
   * E-mail and inbox deliveries: of one problem (the supervision side, which may read every
   * problem, 涉密 included — SPEC §9), or the caller's own when no ledgerNo is given. Other roles get
   * an empty list for a problem: subjects carry the title of problems they may not be allowed to see.
   */
  @Get('deliveries')
  async deliveries(@Query() q: DeliveriesQuery, @CurrentUser() user: Principal) {
    const own = !q.ledgerNo;
    if (!own && !CONFIDENTIAL_READERS.includes(user.role)) return [];
    return this.db.query(
      `SELECT n.key, n.type, n.ledger_no AS "ledgerNo", n.subject, i.user_id AS "userId", u.display_name AS "recipient",
              o.to_address AS "email", coalesce(o.status, 'no_email') AS "emailStatus", o.attempts, o.last_error AS "lastError",
              o.sent_at AS "sentAt", i.read_at AS "readAt", n.created_at AS "createdAt"
       FROM notifications.notices n
       JOIN notifications.inbox_items i ON i.notice_id = n.id
       LEFT JOIN notifications.email_outbox o ON o.notice_id = n.id AND o.user_id = i.user_id
       LEFT JOIN identity.user_directory u ON u.id = i.user_id
       WHERE ${own ? 'i.user_id = $1' : 'n.ledger_no = $1'}
       ORDER BY n.created_at DESC, n.id DESC LIMIT 500`,
      [own ? user.sub : q.ledgerNo],
    );
  }

  /** Notices nobody could receive: the Supervision Division must see that they were dropped by no one. */
  @Get('notices/undeliverable')
  @Roles(ROLES.SUPERVISION_OFFICER, ROLES.SUPERVISION_LEAD, ROLES.OPERATOR)
  async undeliverable() {
    return this.db.query(
      `SELECT key, type, ledger_no AS "ledgerNo", enterprise_code AS "enterpriseCode", subject, created_at AS "createdAt"
       FROM notifications.notices WHERE status = 'undeliverable' ORDER BY created_at DESC LIMIT 500`,
    );
  }

  @Get('preferences')
  async preferences(@CurrentUser() user: Principal) {
    const rows: { type: string; email_enabled: boolean }[] = await this.db.query('SELECT type, email_enabled FROM notifications.preferences WHERE user_id = $1', [user.sub]);
    return NOTICE_TYPE_LIST.map((type) => ({
      type,
      label: NOTICE_TYPES[type].label,
      mandatory: isMandatory(type),
      emailEnabled: isMandatory(type) || (rows.find((r) => r.type === type)?.email_enabled ?? true),
    }));
  }

  /** Turns e-mail of one notice type on or off; reminders, overdue and accountability notices cannot be turned off. */
  @Put('preferences')
  async setPreference(@Body() body: PreferenceDto, @CurrentUser() user: Principal) {
    if (isMandatory(body.type) && !body.emailEnabled) {
      throw new UnprocessableEntityException(`type：「${NOTICE_TYPES[body.type].label}」是必须发送的通知，不能关闭邮件`);
    }
    await this.db.query(
      `INSERT INTO notifications.preferences (user_id, type, email_enabled) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, type) DO UPDATE SET email_enabled = excluded.email_enabled`,
      [user.sub, body.type, body.emailEnabled],
    );
    return this.preferences(user);
  }
}
