import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '@rectify/platform';
import type { NotificationsConfig } from '../config.js';
import { describeFailure, isTransient, retryDelayMs } from './smtp-failure.js';

interface OutboxRow {
  id: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  message_id: string;
  attempts: number;
}

/** SMTP connections of the pool: the e-mails of a claimed batch are sent over them at once. */
const CONNECTIONS = 4;

/** How long a claimed e-mail stays claimed; a sender that died is taken over after it. */
const LEASE = '2 minutes';

/**
 * Sends the e-mail outbox over SMTP (nodemailer, pooled; TLS with smtps:// or STARTTLS when the
 * server offers it). Rows are claimed with SKIP LOCKED, so several instances share the work.
 * Transient failures retry with backoff; permanent ones are recorded with the server's reply.
 */
@Injectable()
export class MailDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MailDispatcher.name);
  private transport!: Transporter;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  onApplicationBootstrap(): void {
    const url = new URL(this.config.SMTP_URL);
    url.searchParams.set('pool', 'true');
    url.searchParams.set('maxConnections', String(CONNECTIONS));
    this.transport = nodemailer.createTransport(url.toString(), { from: this.config.SMTP_FROM });
    this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.drain()
        .then(() => undefined)
        .catch((err: unknown) => this.logger.warn(`outbox: ${String(err)}`))
        .finally(() => this.schedule(this.config.MAIL_POLL_MS));
    }, ms);
  }

  /**
   * Sends every due e-mail, a batch at a time; the e-mails of a batch go out together over the
   * pool's connections (one at a time, a burst of reminders would wait on each SMTP round trip).
   */
  async drain(): Promise<number> {
    let sent = 0;
    for (;;) {
      const batch = await this.claim(20);
      if (batch.length === 0) return sent;
      const results = await Promise.all(batch.map((row) => this.send(row)));
      sent += results.filter(Boolean).length;
    }
  }

  private async claim(limit: number): Promise<OutboxRow[]> {
    await this.db.query(`UPDATE notifications.email_outbox SET status = 'pending' WHERE status = 'sending' AND next_attempt_at < now()`);
    const [rows] = (await this.db.query(
      `UPDATE notifications.email_outbox o SET status = 'sending', attempts = attempts + 1, next_attempt_at = now() + interval '${LEASE}'
       WHERE o.id IN (SELECT id FROM notifications.email_outbox WHERE status = 'pending' AND next_attempt_at <= now()
                      ORDER BY next_attempt_at, id LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING o.id, o.to_address, o.subject, o.text_body, o.html_body, o.message_id, o.attempts`,
      [limit],
    )) as [OutboxRow[], number];
    return rows;
  }

  private async send(row: OutboxRow): Promise<boolean> {
    try {
      await this.transport.sendMail({ to: row.to_address, subject: row.subject, text: row.text_body, html: row.html_body, messageId: row.message_id });
    } catch (err) {
      const reason = describeFailure(err);
      if (isTransient(err) && row.attempts < this.config.MAIL_MAX_ATTEMPTS) {
        const delay = retryDelayMs(row.attempts, this.config.MAIL_RETRY_BASE_MS);
        await this.db.query(
          `UPDATE notifications.email_outbox SET status = 'pending', last_error = $2, next_attempt_at = now() + $3 * interval '1 millisecond' WHERE id = $1`,
          [row.id, reason, delay],
        );
        this.logger.warn(`e-mail ${row.id} to ${row.to_address}: ${reason}; retrying in ${delay} ms`);
      } else {
        await this.db.query(`UPDATE notifications.email_outbox SET status = 'failed', last_error = $2 WHERE id = $1`, [row.id, reason]);
        this.logger.error(`e-mail ${row.id} to ${row.to_address} failed: ${reason}`);
      }
      return false;
    }
    await this.markSent(row.id);
    return true;
  }

  /**
   * Once the SMTP server has taken an e-mail, it must be marked sent before its lease ends, or it
   * would be claimed and sent a second time: through a database outage the mark is retried (up to
   * about 100 s, within the 2-minute lease) rather than treated as a failed send.
   */
  private async markSent(id: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.db.query(`UPDATE notifications.email_outbox SET status = 'sent', sent_at = now(), last_error = NULL WHERE id = $1`, [id]);
        return;
      } catch (err) {
        if (attempt >= 25) throw err;
        this.logger.warn(`e-mail ${id} sent but not yet marked sent (${String(err)}); retrying`);
        await new Promise((r) => setTimeout(r, Math.min(250 * 2 ** attempt, 5000)));
      }
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    this.transport?.close();
  }
}
