import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@rectify/contracts';
import { compareDates, localDateOf, type Policy } from '@rectify/domain';
import type { PushWorkflowInput } from '@rectify/workflows';
import { appendEvent } from '../common/event-log.js';
import { FieldErrors } from '../common/field-errors.js';
import { LinkedProblems } from '../common/linked-problems.js';
import { MemberDirectory } from '../members/member-directory.js';
import { POLICY } from '@rectify/platform';
import type { CreatePushDto } from './push.dto.js';
import { PushWorkflows } from './push-workflows.js';

interface Decision {
  text: string;
}

/**
 * Sends a push (书面推送): checks every reference, records the push, its targets, its linked problems
 * and attachments in one transaction, then starts its workflow. A push whose workflow could not be
 * started (Temporal unreachable) is started by the periodic sweep below.
 */
@Injectable()
export class PushCreation implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PushCreation.name);
  private sweep: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: DataSource,
    private readonly members: MemberDirectory,
    private readonly problems: LinkedProblems,
    private readonly workflows: PushWorkflows,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  async create(dto: CreatePushDto, user: Principal): Promise<string> {
    const errors = new FieldErrors();
    const today = localDateOf(Date.now(), this.policy);
    if (compareDates(dto.replyBy, today) <= 0) errors.add('replyBy', `回复期限必须晚于今天（${today}）`);
    for (const code of await this.members.notMembers(dto.units)) errors.add('units', `${code} 不是联席会议的成员单位`);
    for (const no of await this.problems.unknown(dto.ledgerNos ?? [])) errors.add('ledgerNos', `台账中没有问题 ${no}`);
    const attachmentIds = dto.attachmentIds ?? [];
    if (attachmentIds.length > 0) {
      const own: { id: string }[] = await this.db.query('SELECT id FROM joint_meeting.attachments WHERE id = ANY($1) AND uploaded_by = $2 AND push_id IS NULL', [attachmentIds, user.sub]);
      for (const id of attachmentIds.filter((a) => !own.some((o) => o.id === a))) errors.add('attachmentIds', `附件 ${id} 不存在或已用于其他事项`);
    }
    if ((dto.meetingId === undefined) !== (dto.decisionIndex === undefined)) {
      errors.add(dto.meetingId === undefined ? 'meetingId' : 'decisionIndex', '由会议议定事项转为推送时，meetingId 与 decisionIndex 须同时填写');
    } else if (dto.meetingId !== undefined && dto.decisionIndex !== undefined) {
      const meetings: { decisions: Decision[] }[] = await this.db.query('SELECT decisions FROM joint_meeting.meetings WHERE id = $1', [dto.meetingId]);
      const meeting = meetings[0];
      if (!meeting) errors.add('meetingId', `会议 ${dto.meetingId} 不存在`);
      else if (dto.decisionIndex >= meeting.decisions.length) errors.add('decisionIndex', `会议只有 ${meeting.decisions.length} 项议定事项`);
      else {
        const used: unknown[] = await this.db.query('SELECT 1 FROM joint_meeting.pushes WHERE meeting_id = $1 AND decision_index = $2', [dto.meetingId, dto.decisionIndex]);
        if (used.length > 0) errors.add('decisionIndex', '该议定事项已转为推送');
      }
    }
    errors.throwIfAny();

    const year = Number(today.slice(0, 4));
    const { pushNo, input } = await this.db.transaction(async (tx) => {
      const counter: { last: number }[] = await tx.query(
        `INSERT INTO joint_meeting.push_counters (year, last) VALUES ($1, 1) ON CONFLICT (year) DO UPDATE SET last = joint_meeting.push_counters.last + 1 RETURNING last`,
        [year],
      );
      const pushNo = `JM-${year}-${String(counter[0]!.last).padStart(4, '0')}`;
      const rows: { id: string; created_at: Date }[] = await tx.query(
        `INSERT INTO joint_meeting.pushes (push_no, subject, content, reply_by, meeting_id, decision_index, created_by, created_by_name, policy)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id, created_at`,
        [pushNo, dto.subject, dto.content, dto.replyBy, dto.meetingId ?? null, dto.decisionIndex ?? null, user.sub, user.displayName, JSON.stringify(this.policy)],
      );
      const { id, created_at } = rows[0]!;
      await tx.query(`INSERT INTO joint_meeting.push_targets (push_id, unit_code) SELECT $1, u FROM unnest($2::text[]) AS u`, [id, dto.units]);
      await tx.query(`INSERT INTO joint_meeting.push_problems (push_id, ledger_no) SELECT $1, n FROM unnest($2::text[]) AS n`, [id, dto.ledgerNos ?? []]);
      await tx.query('UPDATE joint_meeting.attachments SET push_id = $1 WHERE id = ANY($2)', [id, attachmentIds]);
      await appendEvent(tx, {
        subjectKind: 'push',
        subjectId: id,
        kind: 'push_created',
        user,
        payload: { pushNo, units: dto.units, replyBy: dto.replyBy, ledgerNos: dto.ledgerNos ?? [], attachmentIds, meetingId: dto.meetingId ?? null, decisionIndex: dto.decisionIndex ?? null },
      });
      if (dto.meetingId) await appendEvent(tx, { subjectKind: 'meeting', subjectId: dto.meetingId, kind: 'decision_pushed', user, payload: { decisionIndex: dto.decisionIndex, pushNo } });
      const input: PushWorkflowInput = { pushId: id, pushNo, replyBy: dto.replyBy, units: dto.units, policy: this.policy, pushedAtMs: new Date(created_at).getTime() };
      return { pushNo, input };
    });
    await this.startWorkflow(input).catch((err: unknown) => this.logger.warn(`push ${pushNo}: workflow not started yet (${String(err)}); the sweep will retry`));
    return pushNo;
  }

  private async startWorkflow(input: PushWorkflowInput): Promise<void> {
    await this.workflows.start(input);
    await this.db.query('UPDATE joint_meeting.pushes SET workflow_started = true WHERE id = $1', [input.pushId]);
  }

  /** Starts the workflows of pushes recorded while Temporal was unreachable. */
  async startPending(): Promise<void> {
    const rows: { id: string; push_no: string; reply_by: string; policy: Policy; created_at: Date; units: string[] }[] = await this.db.query(
      `SELECT p.id, p.push_no, to_char(p.reply_by, 'YYYY-MM-DD') AS reply_by, p.policy, p.created_at,
         (SELECT array_agg(t.unit_code ORDER BY t.unit_code) FROM joint_meeting.push_targets t WHERE t.push_id = p.id) AS units
       FROM joint_meeting.pushes p WHERE NOT p.workflow_started AND p.created_at < now() - interval '10 seconds' ORDER BY p.created_at LIMIT 100`,
    );
    for (const r of rows) {
      await this.startWorkflow({ pushId: r.id, pushNo: r.push_no, replyBy: r.reply_by, units: r.units, policy: r.policy, pushedAtMs: new Date(r.created_at).getTime() });
      this.logger.log(`push ${r.push_no}: workflow started by the sweep`);
    }
  }

  onApplicationBootstrap(): void {
    this.sweep = setInterval(() => {
      this.startPending().catch((err: unknown) => this.logger.warn(`push sweep: ${String(err)}`));
    }, 30_000);
    this.sweep.unref();
  }

  onApplicationShutdown(): void {
    if (this.sweep) clearInterval(this.sweep);
  }
}
