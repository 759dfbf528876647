import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TASK_QUEUES } from '@rectify/contracts';
import { createPushActivities } from '@rectify/activities';
import { policyProvider, serviceModule } from '@rectify/platform';
import { DEFAULT_POLICY, validatePolicy } from '@rectify/domain';
import { JOINT_MEETING_CONFIG } from './config.js';
import { LinkedProblems } from './common/linked-problems.js';
import { MemberDirectory } from './members/member-directory.js';
import { DemoMembers } from './members/demo-members.js';
import { MembersController } from './members/members.controller.js';
import { PushRepository } from './pushes/push.repository.js';
import { PushViews } from './pushes/push-views.js';
import { PushWorkflows } from './pushes/push-workflows.js';
import { PushCreation } from './pushes/push-creation.js';
import { PushesController } from './pushes/pushes.controller.js';
import { ResponsesController } from './pushes/responses.controller.js';
import { AttachmentStore } from './attachments/attachment-store.js';
import { AttachmentsController } from './attachments/attachments.controller.js';
import { NoticesController } from './notices/notices.controller.js';
import { MeetingsController } from './meetings/meetings.controller.js';
import { CoordinationController } from './coordination/coordination.controller.js';
import { ReportsController } from './reports/reports.controller.js';
import { JointMeeting1796000100000 } from './migrations/1796000100000-joint-meeting.js';
import { ResponseRequests1796000700000 } from './migrations/1796000700000-response-requests.js';
import { Announcements1796000800000 } from './migrations/1796000800000-announcements.js';
import { LiveEvents1796000900000 } from './migrations/1796000900000-live-events.js';
import { LiveEventsPruned1796001000000 } from './migrations/1796001000000-live-events-pruned.js';
import { Announcements } from './announcements/announcements.js';
import { WaitingController } from './announcements/waiting.controller.js';

/** 监督联席会议 (schema `joint_meeting`); hosts the push activities on task queue `joint-meeting`. */
@Module({})
export class JointMeetingModule {
  static create() {
    return serviceModule(JointMeetingModule, {
      name: 'joint-meeting',
      config: JOINT_MEETING_CONFIG,
      liveEvents: 'joint_meeting',
      database: { schema: 'joint_meeting', entities: [], migrations: [JointMeeting1796000100000, ResponseRequests1796000700000, Announcements1796000800000, LiveEvents1796000900000, LiveEventsPruned1796001000000] },
      controllers: [MembersController, PushesController, ResponsesController, AttachmentsController, NoticesController, MeetingsController, CoordinationController, ReportsController, WaitingController],
      providers: [
        policyProvider({ defaults: DEFAULT_POLICY, validate: validatePolicy }),
        LinkedProblems,
        MemberDirectory,
        DemoMembers,
        PushRepository,
        PushViews,
        PushWorkflows,
        PushCreation,
        AttachmentStore,
        Announcements,
      ],
      activityWorker: {
        taskQueue: TASK_QUEUES.jointMeeting,
        activities: { inject: [DataSource], useFactory: (db: DataSource) => createPushActivities({ db }) },
      },
    });
  }
}
