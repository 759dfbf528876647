import { Controller, Get, HttpCode, NotFoundException, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import { DataSource } from 'typeorm';
import type { Principal } from '@rectify/contracts';
import { CurrentUser } from '@rectify/platform';

export class InboxQuery {
  @ApiPropertyOptional() @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean({ message: 'unreadOnly 必须是 true 或 false' })
  unreadOnly?: boolean;
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt({ message: 'page 必须是正整数' }) @Min(1, { message: 'page 必须是正整数' }) @Max(10000)
  page?: number;
  @ApiPropertyOptional({ default: 20 }) @IsOptional() @Type(() => Number) @IsInt({ message: 'pageSize 必须是整数' }) @Min(1) @Max(100, { message: 'pageSize 最多为 100' })
  pageSize?: number;
}

/** The caller's in-app inbox (站内消息). */
@ApiTags('inbox')
@ApiBearerAuth()
@Controller('inbox')
export class InboxController {
  constructor(private readonly db: DataSource) {}

  @Get()
  async list(@Query() q: InboxQuery, @CurrentUser() user: Principal) {
    const pageSize = q.pageSize ?? 20;
    const offset = ((q.page ?? 1) - 1) * pageSize;
    const unread = q.unreadOnly ? 'AND read_at IS NULL' : '';
    const items = await this.db.query(
      `SELECT id, type, title, body, link, created_at AS "createdAt", read_at AS "readAt" FROM notifications.inbox_items
       WHERE user_id = $1 ${unread} ORDER BY created_at DESC, id DESC LIMIT ${pageSize} OFFSET ${offset}`,
      [user.sub],
    );
    return { items, unread: await this.unreadCount(user.sub) };
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
