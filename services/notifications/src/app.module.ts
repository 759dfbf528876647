import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TASK_QUEUES } from '@rectify/contracts';
import { createNotificationActivities } from '@rectify/activities';
import { APP_CONFIG, serviceModule } from '@rectify/platform';
import { NOTIFICATIONS_CONFIG, type NotificationsConfig } from './config.js';
import { InboxController } from './inbox/inbox.controller.js';
import { DeliveriesController } from './deliveries/deliveries.controller.js';
import { MailDispatcher } from './mail/mail-dispatcher.js';
import { DigestSchedule } from './digest/digest-schedule.js';
import { OutboxMetrics } from './metrics/outbox-metrics.js';
import { withNoticeMetrics } from './metrics/notice-metrics.js';
import { Notifications1764835200000 } from './migrations/1764835200000-notifications.js';
import { OutboxLeaseIndex1765180800000 } from './migrations/1765180800000-outbox-lease-index.js';
import { LiveEvents1796000900000 } from './migrations/1796000900000-live-events.js';
import { LiveEventsPruned1796001000000 } from './migrations/1796001000000-live-events-pruned.js';

/** Notices, the in-app inbox and e-mail (schema `notifications`); hosts sendNotification on queue `notifications`. */
@Module({})
export class NotificationsModule {
  static create() {
    return serviceModule(NotificationsModule, {
      name: 'notifications',
      config: NOTIFICATIONS_CONFIG,
      liveEvents: 'notifications',
      database: { schema: 'notifications', entities: [], migrations: [Notifications1764835200000, OutboxLeaseIndex1765180800000, LiveEvents1796000900000, LiveEventsPruned1796001000000] },
      controllers: [InboxController, DeliveriesController],
      providers: [MailDispatcher, DigestSchedule, OutboxMetrics],
      activityWorker: {
        taskQueue: TASK_QUEUES.notifications,
        activities: {
          inject: [DataSource, APP_CONFIG],
          useFactory: (db: DataSource, config: NotificationsConfig) => withNoticeMetrics(createNotificationActivities({ db, consoleUrl: config.PUBLIC_URL })),
        },
      },
    });
  }
}
