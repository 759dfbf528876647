import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { SMTPServer } from 'smtp-server';
import { DataSource } from 'typeorm';
import { ensureSchema } from '@rectify/platform';
import type { NotificationsConfig } from '../config.js';
import { Notifications1764835200000 } from '../migrations/1764835200000-notifications.js';
import { MailDispatcher } from './mail-dispatcher.js';

/**
 * The dispatcher against a real SMTP server whose answers the test chooses, and a database of
 * its own on the test stack's PostgreSQL (so the stack's own dispatcher does not see these rows).
 */
const stackFile = process.env['RECTIFY_STACK_FILE'];
if (!stackFile) throw new Error('RECTIFY_STACK_FILE is not set: run with `npm test`');
const stack = JSON.parse(readFileSync(stackFile, 'utf8')) as { infra: { databaseUrl: string } };

type Answer = 'accept' | 'transient' | 'permanent';
let answers: Answer[] = [];
const received: { to: string[]; raw: string }[] = [];
let attempts = 0;

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  onData(stream, session, callback) {
    let raw = '';
    stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    stream.on('end', () => {
      attempts += 1;
      const answer = answers.shift() ?? 'accept';
      if (answer === 'transient') return callback(Object.assign(new Error('451 4.3.0 暂时无法投递，请稍后重试'), { responseCode: 451 }));
      if (answer === 'permanent') return callback(Object.assign(new Error('550 5.1.1 收件人不存在'), { responseCode: 550 }));
      received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
      callback();
    });
  },
});

let db: DataSource;
let dispatcher: MailDispatcher;
let port = 0;

beforeAll(async () => {
  const admin = new DataSource({ type: 'postgres', url: stack.infra.databaseUrl });
  await admin.initialize();
  const name = `rectify_mail_${randomUUID().slice(0, 8)}`;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.destroy();
  const url = stack.infra.databaseUrl.replace(/\/[^/]+$/, `/${name}`);
  await ensureSchema(url, 'notifications');
  db = new DataSource({ type: 'postgres', url, schema: 'notifications', migrations: [Notifications1764835200000], migrationsTableName: 'migrations' });
  await db.initialize();
  await db.runMigrations();
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
  port = (smtp.server.address() as { port: number }).port;
  // The tests drive drain() themselves: the dispatcher's own poll must not claim rows under them on a slow machine.
  const config = { SMTP_URL: `smtp://127.0.0.1:${port}`, SMTP_FROM: 'Rectify <rectify@localhost>', MAIL_POLL_MS: 3_600_000, MAIL_RETRY_BASE_MS: 50, MAIL_MAX_ATTEMPTS: 4 } as NotificationsConfig;
  dispatcher = new MailDispatcher(db, config);
  dispatcher.onApplicationBootstrap();
});

afterAll(async () => {
  await dispatcher.onApplicationShutdown();
  await db.destroy();
  await new Promise<void>((r) => smtp.close(() => r()));
});

async function queue(to: string): Promise<string> {
  const [notice] = (await db.query(
    `INSERT INTO notifications.notices (key, type, subject, recipients, status) VALUES ($1, 'reminder', '提醒', 1, 'queued') RETURNING id`,
    [randomUUID()],
  )) as { id: string }[];
  const [row] = (await db.query(
    `INSERT INTO notifications.email_outbox (notice_id, user_id, to_address, subject, text_body, html_body, message_id)
     VALUES ($1, $2, $3, '【审计整改】整改时限提醒（还剩 7 天）', '正文', '<p>正文</p>', $4) RETURNING id`,
    [notice!.id, randomUUID(), to, `<test-${randomUUID()}@rectify>`],
  )) as { id: string }[];
  return row!.id;
}

const outbox = async (id: string) =>
  ((await db.query('SELECT status, attempts, last_error FROM notifications.email_outbox WHERE id = $1', [id])) as { status: string; attempts: number; last_error: string | null }[])[0]!;

/**
 * Drains until the row is sent or failed (retries wait their backoff). A row may be 'sending' under
 * another drain — the dispatcher's first poll at start runs beside the tests' own — so that is
 * waited out too, not taken for settled.
 */
async function settle(id: string): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    await dispatcher.drain();
    const { status } = await outbox(id);
    if (status !== 'pending' && status !== 'sending') return;
    await new Promise((r) => setTimeout(r, 60));
  }
}

describe('e-mail outbox over a real SMTP server', () => {
  it('retries a 4xx refusal and delivers exactly one message', async () => {
    answers = ['transient', 'transient', 'accept'];
    const before = received.length;
    const id = await queue('a@rectify.local');
    await settle(id);
    expect(await outbox(id)).toMatchObject({ status: 'sent', attempts: 3 });
    expect(received.slice(before).map((m) => m.to)).toEqual([['a@rectify.local']]);
    const raw = received.at(-1)!.raw;
    expect(raw).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/m); // the Chinese subject is encoded (RFC 2047)
    expect(raw).toMatch(/Content-Type: multipart\/alternative/);
  });

  it('records a 5xx refusal as failed with the server’s reason and does not retry', async () => {
    answers = ['permanent'];
    const before = attempts;
    const id = await queue('nobody@rectify.local');
    await settle(id);
    for (let i = 0; i < 3; i += 1) await dispatcher.drain();
    const row = await outbox(id);
    expect(row.status).toBe('failed');
    expect(row.attempts).toBe(1);
    expect(row.last_error).toContain('550');
    expect(attempts - before).toBe(1);
  });

  it('gives up after the last attempt of transient refusals', async () => {
    answers = ['transient', 'transient', 'transient', 'transient', 'transient'];
    const id = await queue('busy@rectify.local');
    await settle(id);
    expect(await outbox(id)).toMatchObject({ status: 'failed', attempts: 4 });
    answers = [];
  });

  it('takes over an e-mail whose sender died while it was claimed, once its lease has passed', async () => {
    const id = await queue('lease@rectify.local');
    await db.query(`UPDATE notifications.email_outbox SET status = 'sending', next_attempt_at = now() - interval '1 second' WHERE id = $1`, [id]);
    await settle(id);
    expect((await outbox(id)).status).toBe('sent');
  });
});
