import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import { LIVE_CHANNEL, LIVE_SOURCES, type LiveSource, type Principal } from '@rectify/contracts';
import { APP_CONFIG } from '@rectify/platform';
import type { GatewayConfig } from '../config.js';
import { formatCursor, isAfter, later, startCursor, type LiveCursor } from './live-cursor.js';
import { headOf, prunedUpTo, readLog, type LiveRow } from './live-log.js';
import { mayReceive } from './live-visibility.js';

const PAGE = 500;
/** How soon to look again when rows wait behind a running transaction. */
const RETRY_MS = 20;

/** One connected stream. `deliver` writes one SSE message; it is called in log order. */
export interface LiveSubscriber {
  user: Principal;
  /** What this stream has passed (sent, or skipped as not visible). */
  cursor: LiveCursor;
  deliver(id: string, event: Record<string, unknown>): void;
}

/**
 * The gateway's fan-out of live events (docs/web.md, "Live updates"). Each instance LISTENs on
 * one dedicated connection; a NOTIFY only wakes it: the rows themselves are read from each
 * schema's `live_events` log, from the instance's own position, so a notification lost while the
 * connection was down (or coalesced) loses nothing — a poll every LIVE_POLL_MS reads the log too.
 * Each row goes to the subscribers the visibility rule lets see it. Reads, catch-ups and joins run
 * one at a time, so a stream that resumes from `Last-Event-ID` joins exactly where the instance is.
 */
@Injectable()
export class LiveFeed implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('LiveFeed');
  private db!: pg.Pool;
  private listener: pg.Client | null = null;
  private head: LiveCursor = startCursor();
  private readonly subscribers = new Set<LiveSubscriber>();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly scheduled = new Set<LiveSource>();
  private poll: NodeJS.Timeout | undefined;
  private stopping = false;

  constructor(@Inject(APP_CONFIG) private readonly config: GatewayConfig) {}

  async onApplicationBootstrap(): Promise<void> {
    this.db = new pg.Pool({ connectionString: this.config.DATABASE_URL, max: 3, application_name: 'rectify-gateway-live' });
    this.db.on('error', (err) => this.log.warn(`live events pool: ${err.message}`));
    for (const source of LIVE_SOURCES) this.head[source] = await headOf(this.db, source);
    await this.listen();
    this.poll = setInterval(() => this.wakeAll(), this.config.LIVE_POLL_MS);
    this.poll.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearInterval(this.poll);
    await this.listener?.end().catch(() => undefined);
    await this.queue.catch(() => undefined);
    await this.db?.end().catch(() => undefined);
  }

  get connected(): number {
    return this.subscribers.size;
  }

  /**
   * Adds a stream. With `from` (its Last-Event-ID), first sends what it missed: every row after
   * `from` up to where this instance stands, through the same visibility rule. When the retention
   * job has deleted rows after `from` (before or while they were read), what it missed cannot be
   * sent: `resync` says so, and the stream goes on from here (the client reloads what it shows).
   */
  join(subscriber: LiveSubscriber, from: LiveCursor | null): Promise<{ cursor: string; resync: boolean }> {
    return this.serially(async () => {
      let resync = false;
      if (!from) subscriber.cursor = { ...this.head }; // what was fanned out while it waited to join is behind it
      else {
        resync = await this.behindPruning(from);
        for (const source of resync ? [] : LIVE_SOURCES) {
          for (;;) {
            const { settled, full } = await readLog(this.db, source, subscriber.cursor[source], PAGE, this.head[source]);
            for (const row of settled) this.offer(subscriber, row);
            if (!full) break;
          }
        }
        // A deletion that committed before a page was read raised the mark in the same transaction.
        resync ||= await this.behindPruning(from);
        for (const source of LIVE_SOURCES) subscriber.cursor[source] = later(subscriber.cursor[source], this.head[source]);
      }
      this.subscribers.add(subscriber);
      return { cursor: formatCursor(subscriber.cursor), resync };
    });
  }

  /** Whether rows after `from` have been deleted by a source's retention job. */
  private async behindPruning(from: LiveCursor): Promise<boolean> {
    for (const source of LIVE_SOURCES) {
      if (isAfter(await prunedUpTo(this.db, source), from[source])) return true;
    }
    return false;
  }

  /** A cursor at this instance's current position (for a stream without Last-Event-ID). */
  currentCursor(): LiveCursor {
    return { ...this.head };
  }

  leave(subscriber: LiveSubscriber): void {
    this.subscribers.delete(subscriber);
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private wakeAll(): void {
    for (const source of LIVE_SOURCES) this.wake(source);
  }

  private wake(source: LiveSource): void {
    if (this.stopping || this.scheduled.has(source)) return;
    this.scheduled.add(source);
    void this.serially(async () => {
      this.scheduled.delete(source);
      await this.pump(source);
    }).catch((err: Error) => this.log.warn(`reading ${source}.live_events failed (will retry): ${err.message}`));
  }

  /** Fans out every settled row after the instance's position; looks again soon if some wait. */
  private async pump(source: LiveSource): Promise<void> {
    for (;;) {
      const { settled, pending, full } = await readLog(this.db, source, this.head[source], PAGE);
      for (const row of settled) {
        this.head[source] = row.position;
        for (const subscriber of this.subscribers) this.offer(subscriber, row);
      }
      if (pending) setTimeout(() => this.wake(source), RETRY_MS).unref();
      if (!full) return;
    }
  }

  private offer(subscriber: LiveSubscriber, row: LiveRow): void {
    if (!isAfter(row.position, subscriber.cursor[row.source])) return;
    subscriber.cursor[row.source] = row.position;
    if (!mayReceive(subscriber.user, row)) return;
    subscriber.deliver(formatCursor(subscriber.cursor), { type: row.kind, ...row.data, at: row.at.toISOString() });
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.config.DATABASE_URL, application_name: 'rectify-gateway-listen' });
    let lost = false;
    const onLost = (why: string) => {
      // Before LISTEN succeeded the caller's catch retries; after, this does (once per connection).
      if (lost || this.stopping || this.listener !== client) return;
      lost = true;
      this.listener = null;
      this.log.warn(`LISTEN connection lost (${why}); reconnecting`);
      client.end().catch(() => undefined);
      this.reconnectLater();
    };
    client.on('notification', (n) => {
      const source = LIVE_SOURCES.find((s) => s === n.payload);
      if (source) this.wake(source);
    });
    client.on('error', (err) => onLost(err.message));
    client.on('end', () => onLost('ended'));
    await client.connect();
    await client.query(`LISTEN ${LIVE_CHANNEL}`);
    this.listener = client;
    this.wakeAll(); // whatever was written while no one listened
  }

  private reconnectLater(): void {
    setTimeout(() => {
      if (this.stopping) return;
      this.listen().catch((err: Error) => {
        this.log.warn(`LISTEN reconnect failed (${err.message}); trying again`);
        this.reconnectLater();
      });
    }, 1000).unref();
  }
}
