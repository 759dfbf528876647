import { BadRequestException, Controller, Get, Headers, Inject, Logger, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Principal } from '@rectify/contracts';
import { APP_CONFIG, CurrentUser, TOKEN_PUBLIC_KEYS, verifyToken, type PublicKeySet } from '@rectify/platform';
import type { GatewayConfig } from '../config.js';
import { parseCursor } from './live-cursor.js';
import { LiveEventsQuery } from './live-events.query.js';
import { LiveFeed, type LiveSubscriber } from './live-feed.js';

/**
 * GET /api/events: the signed-in user's stream of live events (text/event-stream). Each message's
 * `id:` is a cursor; sending it back as `Last-Event-ID` resumes after it without loss. The stream
 * ends when the access token expires (an `expired` event first): the client reconnects with its
 * renewed token and its last id.
 */
@ApiTags('live')
@ApiBearerAuth()
@Controller('api/events')
export class LiveEventsController {
  private readonly log = new Logger('LiveEvents');

  constructor(
    private readonly feed: LiveFeed,
    @Inject(TOKEN_PUBLIC_KEYS) private readonly keys: PublicKeySet,
    @Inject(APP_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Get()
  @ApiOperation({ summary: '实时事件流（server-sent events）：当前用户有权查看的问题阶段、结果、逾期标记、轨迹、待办通知、推送办理状态、问责案件状态的变化' })
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: '上次收到的事件 id：从其后继续，不丢事件' })
  @ApiOkResponse({ description: 'text/event-stream；每条消息 data 为 JSON（type 与 id、新值，不含任何文字内容）' })
  async stream(
    @Req() req: Request,
    @Res() res: Response,
    @CurrentUser() user: Principal,
    @Headers('last-event-id') header: string | undefined,
    @Query() query: LiveEventsQuery,
  ): Promise<void> {
    const field = header ? 'Last-Event-ID' : 'lastEventId';
    const lastEventId = header || query.lastEventId;
    const from = lastEventId ? parseCursor(lastEventId) : null;
    if (lastEventId && !from) throw new BadRequestException(`${field}：不是本系统事件流给出的 id（应为形如 812-45.790-12.0-0 的游标），请去掉它重新连接`);
    const token = /^Bearer (\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
    const { expiresAt } = verifyToken(token, this.keys); // the guard has accepted it; this reads its expiry

    res.status(200);
    res.setHeader('content-type', 'text/event-stream; charset=utf-8');
    res.setHeader('cache-control', 'no-store');
    res.setHeader('x-accel-buffering', 'no');
    res.flushHeaders();
    req.socket.setNoDelay(true);

    let open = true;
    const close = (last?: string) => {
      if (!open) return;
      open = false;
      this.feed.leave(subscriber);
      clearInterval(heartbeat);
      clearTimeout(expiry);
      if (last) res.write(last);
      res.end();
    };
    const subscriber: LiveSubscriber = {
      user,
      cursor: from ?? this.feed.currentCursor(),
      deliver: (id, event) => {
        if (!open) return;
        res.write(`id: ${id}\ndata: ${JSON.stringify(event)}\n\n`);
        // A client that does not read: end its stream rather than buffer without bound; it resumes by Last-Event-ID.
        if (res.writableLength > this.config.LIVE_MAX_BUFFER_BYTES) close();
      },
    };
    const heartbeat = setInterval(() => res.write(': ping\n\n'), this.config.LIVE_HEARTBEAT_SECONDS * 1000);
    const expiry = setTimeout(
      () => close(`event: expired\ndata: ${JSON.stringify({ message: '访问令牌已过期：请用续期后的令牌重新连接' })}\n\n`),
      Math.max(0, expiresAt * 1000 - Date.now()),
    );
    req.on('close', () => close());

    res.write('retry: 3000\n\n');
    try {
      const { cursor, resync } = await this.feed.join(subscriber, from);
      // Events after Last-Event-ID were pruned (LIVE_EVENTS_RETENTION_HOURS): the client reloads what it shows.
      if (open && resync) res.write(`id: ${cursor}\nevent: resync\ndata: ${JSON.stringify({ message: '离线时间过长，错过的实时事件已不再保留：页面数据已重新载入' })}\n\n`);
      if (open) res.write(`id: ${cursor}\nevent: ready\ndata: ${JSON.stringify({ connected: true })}\n\n`);
    } catch (err) {
      this.log.warn(`live stream of ${user.sub} could not join: ${(err as Error).message}`);
      close(`event: error\ndata: ${JSON.stringify({ message: '实时事件暂不可用，请稍后重新连接' })}\n\n`);
    }
  }
}
