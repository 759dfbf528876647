import { runService } from '@rectify/platform';
import { JointMeetingModule } from './app.module.js';

await runService({
  name: 'joint-meeting',
  title: 'Rectify joint-meeting',
  description: '监督联席会议',
  module: () => JointMeetingModule.create(),
});
