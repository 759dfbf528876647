import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { CURSOR_PATTERN } from './live-cursor.js';

/** GET /api/events: the only query parameter (any other is refused by the global ValidationPipe). */
export class LiveEventsQuery {
  @ApiPropertyOptional({ description: '同 Last-Event-ID（无法设置请求头的客户端用；两者都有时以请求头为准）', example: '812-45.790-12.0-0' })
  @IsOptional()
  @Matches(CURSOR_PATTERN, { message: '不是本系统事件流给出的 id（应为形如 812-45.790-12.0-0 的游标），请去掉它重新连接' })
  lastEventId?: string;
}
