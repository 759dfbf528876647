import { runService } from '@rectify/platform';
import { NotificationsModule } from './app.module.js';

await runService({
  name: 'notifications',
  title: 'Rectify notifications',
  description: '提醒与通知',
  module: () => NotificationsModule.create(),
});
