import { Module } from '@nestjs/common';
import { COMMON_SERVICE_CONFIG, serviceModule } from '@rectify/platform';

/** 提醒与通知 (schema `notifications`). */
@Module({})
export class NotificationsModule {
  static create() {
    return serviceModule(NotificationsModule, {
      name: 'notifications',
      config: COMMON_SERVICE_CONFIG,
      database: { schema: 'notifications', entities: [], migrations: [] },
    });
  }
}
