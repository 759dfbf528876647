import { Controller, Get, HttpCode, NotFoundException, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { DataSource } from 'typeorm';
import type { Principal } from '@rectify/contracts';
import { CurrentUser, PageQuery, queryPage } from '@rectify/platform';

export class InboxQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean({ message: 'unreadOnly 必须是 true 或 false' })
  unreadOnly?: boolean;
}

/** The caller's in-app inbox (站内消息). */
@ApiTags('inbox')
@ApiBearerAuth()
@Controller('inbox')
export class InboxController {
  constructor(private readonly db: DataSource) {}

  @Get()
  async list(@Query() q: InboxQuery, @CurrentUser() user: Principal) {
    const page = await queryPage(
      this.db,
      {
        select: `id, type, title, body, link, created_at AS "createdAt", read_at AS "readAt"`,
        from: `notifications.inbox_items WHERE user_id = $1 ${q.unreadOnly ? 'AND read_at IS NULL' : ''}`,
        orderBy: 'created_at DESC, id DESC',
        params: [user.sub],
      },
      q,
    );
    return { ...page, unread: await this.unreadCount(user.sub) };
  }

  @Get('unread-count')
  async unread(@CurrentUser() user: Principal) {
    return { unread: await this.unreadCount(user.sub) };
  }

  @Post(':id/read')
  @HttpCode(200)
  async markRead(@Param('id', new ParseIntPipe({ exceptionFactory: () => new NotFoundException('消息不存在') })) id: number, @CurrentUser() user: Principal) {
    // ParseIntPipe lets through integers beyond a bigint (and beyond exact doubles): no such message.
    if (!Number.isSafeInteger(id) || id < 1) throw new NotFoundException('消息不存在');
    const [rows] = (await this.db.query(
      `UPDATE notifications.inbox_items SET read_at = coalesce(read_at, now()) WHERE id = $1 AND user_id = $2 RETURNING id`,
      [id, user.sub],
    )) as [unknown[], number];
    if (rows.length === 0) throw new NotFoundException('消息不存在');
    return { unread: await this.unreadCount(user.sub) };
  }

  @Post('read-all')
  @HttpCode(200)
  async markAllRead(@CurrentUser() user: Principal) {
    await this.db.query('UPDATE notifications.inbox_items SET read_at = now() WHERE user_id = $1 AND read_at IS NULL', [user.sub]);
    return { unread: 0 };
  }

  private async unreadCount(userId: string): Promise<number> {
    const rows: { n: number }[] = await this.db.query('SELECT count(*)::int AS n FROM notifications.inbox_items WHERE user_id = $1 AND read_at IS NULL', [userId]);
    return rows[0]?.n ?? 0;
  }
}
