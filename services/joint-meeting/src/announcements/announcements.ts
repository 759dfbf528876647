import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { DataSource } from 'typeorm';
import { ANNOUNCEMENT_WORKFLOW, announcementWorkflowId, MEMBER_UNIT_ROLES, ROLES, TASK_QUEUES, type AnnouncedSubject } from '@rectify/contracts';
import type { NotificationRequest } from '@rectify/activities';
import { TEMPORAL_CLIENT } from '@rectify/platform';

const TABLE: Record<AnnouncedSubject, string> = { notice: 'joint_meeting.notices', special_report: 'joint_meeting.special_reports' };

/** Who is told of a publication (§11): a 通报 goes to every member unit and 纪检组, a 专报 to the Commission 党委. */
function noticeOf(subject: AnnouncedSubject, id: string): Omit<NotificationRequest, 'key'> {
  return subject === 'notice'
    ? { type: 'notice_published', problemId: null, audience: [{ scope: 'commission', roles: [...MEMBER_UNIT_ROLES, ROLES.DISCIPLINE_GROUP] }], facts: { noticeId: id } }
    : { type: 'special_report_received', problemId: null, audience: [{ scope: 'commission', roles: [ROLES.PARTY_COMMITTEE] }], facts: { reportId: id } };
}

/**
 * Tells the people concerned of a committed publication, once: an announcement workflow per
 * publication (its id names the publication, so a repeated start is refused and the notice key is
 * the same). A publication recorded while Temporal was unreachable is announced by the sweep.
 */
@Injectable()
export class Announcements implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Announcements.name);
  private sweep: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
  ) {}

  /** After the publication's commit: never throws (the sweep retries what fails here). */
  async announce(subject: AnnouncedSubject, id: string): Promise<void> {
    await this.start(subject, id).catch((err: unknown) => this.logger.warn(`${subject} ${id}: announcement not started yet (${String(err)}); the sweep will retry`));
  }

  private async start(subject: AnnouncedSubject, id: string): Promise<void> {
    try {
      await this.client.workflow.start(ANNOUNCEMENT_WORKFLOW, {
        taskQueue: TASK_QUEUES.workflows,
        workflowId: announcementWorkflowId(subject, id),
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        args: [noticeOf(subject, id)],
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
    await this.db.query(`UPDATE ${TABLE[subject]} SET announced = true WHERE id = $1`, [id]);
  }

  /** Starts the announcements of publications recorded while Temporal was unreachable. */
  async startPending(): Promise<void> {
    for (const subject of Object.keys(TABLE) as AnnouncedSubject[]) {
      const rows: { id: string }[] = await this.db.query(
        `SELECT id FROM ${TABLE[subject]} WHERE NOT announced AND ${subject === 'notice' ? 'published_at' : 'created_at'} < now() - interval '10 seconds' LIMIT 100`,
      );
      for (const r of rows) {
        await this.start(subject, r.id);
        this.logger.log(`${subject} ${r.id}: announcement started by the sweep`);
      }
    }
  }

  onApplicationBootstrap(): void {
    this.sweep = setInterval(() => {
      this.startPending().catch((err: unknown) => this.logger.warn(`announcement sweep: ${String(err)}`));
    }, 30_000);
    this.sweep.unref();
  }

  onApplicationShutdown(): void {
    if (this.sweep) clearInterval(this.sweep);
  }
}
