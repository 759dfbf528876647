import { Module } from '@nestjs/common';
import { COMMON_SERVICE_CONFIG, serviceModule } from '@rectify/platform';

/** 监督联席会议 (schema `joint_meeting`). */
@Module({})
export class JointMeetingModule {
  static create() {
    return serviceModule(JointMeetingModule, {
      name: 'joint-meeting',
      config: COMMON_SERVICE_CONFIG,
      database: { schema: 'joint_meeting', entities: [], migrations: [] },
    });
  }
}
