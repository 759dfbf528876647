import { COMMON_SERVICE_CONFIG, LIVE_EVENTS_CONFIG, type ConfigOf, type ConfigSpec } from '@rectify/platform';

export const NOTIFICATIONS_CONFIG = {
  ...COMMON_SERVICE_CONFIG,
  ...LIVE_EVENTS_CONFIG,
  SMTP_URL: { kind: 'url', description: 'SMTP server, e.g. smtp://host:25 or smtps://user:pass@host:465 (TLS)' },
  SMTP_FROM: { kind: 'string', default: '审计整改监督系统 <rectify@localhost>', description: 'sender of notice e-mails' },
  PUBLIC_URL: { kind: 'url', description: 'base URL of the console, for links in notices' },
  MAIL_POLL_MS: { kind: 'int', default: '500', description: 'how often the outbox is checked for e-mails to send' },
  MAIL_RETRY_BASE_MS: { kind: 'int', default: '5000', description: 'first retry delay after a transient SMTP failure; doubles each time' },
  DIGEST_CRON: { kind: 'string', default: '0 8 * * 1', description: 'when the weekly digest goes out (cron, Asia/Shanghai): Mondays 08:00' },
  MAIL_MAX_ATTEMPTS: { kind: 'int', default: '8', description: 'attempts before an e-mail is recorded as failed' },
} as const satisfies ConfigSpec;

export type NotificationsConfig = ConfigOf<typeof NOTIFICATIONS_CONFIG>;
