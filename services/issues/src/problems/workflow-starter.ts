import { Inject, Injectable, Logger, ServiceUnavailableException, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Policy } from '@rectify/domain';
import type { ProblemWorkflowInput } from '@rectify/workflows';
import { POLICY } from '@rectify/platform';
import { ProblemWorkflows } from './problem-workflows.js';
import type { ProblemRow } from './problem.view.js';

/** Workflow starts in flight at once behind an import or a recovery (the raw start rate is reached at about this). */
export const START_CONCURRENCY = 8;
/** Unstarted problems read per recovery pass. */
const RECOVERY_BATCH = 500;
/** A recovery pass runs at start-up, every minute, and this soon after a start that failed. */
const RECOVERY_EVERY_MS = 60_000;
const RETRY_AFTER_FAILURE_MS = 5_000;
/** Started workflows are marked in the database in one UPDATE per this interval. */
const MARK_EVERY_MS = 200;

/**
 * Starts the problems' workflows (one per problem, id `problem-<ledger no>`).
 *
 * `issues.problems.workflow_started` is the durable marker: false from the registration's own
 * transaction until the start has been answered. A problem registered alone is started in its
 * request ({@link start}); an imported ledger's problems are queued ({@link enqueue}) and started
 * behind the answer, {@link START_CONCURRENCY} at a time; whatever a crash, an outage or a
 * restart left unstarted is found by the recovery pass ({@link recover}: at start-up, every
 * minute, soon after a failed start) and started the same way.
 *
 * Each workflow starts exactly once: its id is the problem's, the start refuses a duplicate id,
 * and "already started" counts as done — so two passes, two replicas or a start whose answer was
 * lost can only ever try again, never start a second workflow. In this process a problem is never
 * queued twice (it stays known until its mark is written).
 */
@Injectable()
export class ProblemWorkflowStarter implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ProblemWorkflowStarter.name);
  /** Rows waiting for a lane; `head` is the next one (no shift() over thousands of rows). */
  private queue: ProblemRow[] = [];
  private head = 0;
  /** Ids queued, being started, or started and not yet marked. */
  private readonly known = new Set<string>();
  private lanes = 0;
  private drainedWaiters: (() => void)[] = [];
  /** Starts that failed since the last recovery pass began. */
  private failures = 0;
  private startedIds: string[] = [];
  private markTimer?: NodeJS.Timeout;
  private recoveryTimer?: NodeJS.Timeout;
  private retryTimer?: NodeJS.Timeout;
  private recovering?: Promise<number>;
  private stopped = false;

  constructor(
    private readonly db: DataSource,
    private readonly workflows: ProblemWorkflows,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  /**
   * Starts one problem's workflow now (a problem registered alone). Returns false when Temporal did
   * not answer: the problem stays unstarted and the recovery pass starts it.
   */
  async start(row: ProblemRow): Promise<boolean> {
    if (row.workflow_started) return true;
    this.known.add(row.id);
    return this.startOne(row);
  }

  /**
   * Starts the workflow of a problem about to be acted on, if it has not started yet (an imported
   * problem still in the queue): acting needs the workflow. 503 when Temporal does not answer.
   */
  async ensureStarted(row: ProblemRow): Promise<void> {
    if (row.workflow_started) return;
    const rows: ProblemRow[] = await this.db.query('SELECT * FROM issues.problems WHERE id = $1 AND NOT workflow_started', [row.id]);
    if (rows[0] && !(await this.start(rows[0]))) throw new ServiceUnavailableException('问题的时限监控启动中，暂不能办理，请稍后重试');
    row.workflow_started = true;
  }

  /** Queues problems whose rows are committed; their workflows start behind the caller's answer. */
  enqueue(rows: ProblemRow[]): void {
    for (const row of rows) {
      if (row.workflow_started || this.known.has(row.id)) continue;
      this.known.add(row.id);
      this.queue.push(row);
    }
    while (!this.stopped && this.lanes < START_CONCURRENCY && this.head < this.queue.length) {
      this.lanes++;
      void this.lane();
    }
  }

  /** Queued problems whose workflow has not been started yet (for tests and logs). */
  get pending(): number {
    return this.queue.length - this.head + this.lanes;
  }

  /**
   * The recovery pass: queues every problem whose workflow has not started (and is not already
   * known here), a batch at a time, until none is left or a start fails. Returns how many it found.
   * One pass at a time.
   */
  recover(): Promise<number> {
    this.recovering ??= this.recoverAll().finally(() => (this.recovering = undefined));
    return this.recovering;
  }

  private async recoverAll(): Promise<number> {
    this.failures = 0;
    let found = 0;
    while (!this.stopped && this.failures === 0) {
      const rows: ProblemRow[] = await this.db.query(
        'SELECT * FROM issues.problems WHERE NOT workflow_started AND NOT (id = ANY($1::uuid[])) ORDER BY registered_at LIMIT $2',
        [[...this.known], RECOVERY_BATCH],
      );
      if (rows.length === 0) break;
      found += rows.length;
      this.enqueue(rows);
      await this.drained();
      if (rows.length < RECOVERY_BATCH) break;
    }
    if (found > 0) this.logger.log(`recovery: ${found} problem workflow(s) not started were queued; ${this.failures} start(s) failed`);
    return found;
  }

  private drained(): Promise<void> {
    if (this.lanes === 0 && this.head >= this.queue.length) return Promise.resolve();
    return new Promise((resolve) => this.drainedWaiters.push(resolve));
  }

  private async lane(): Promise<void> {
    try {
      while (!this.stopped && this.head < this.queue.length) {
        const row = this.queue[this.head++]!;
        if (!(await this.startOne(row))) {
          // Temporal does not answer: leave the rest to the recovery pass (the rows stay unstarted).
          this.abandonQueue();
          break;
        }
      }
    } finally {
      this.lanes--;
      if (this.lanes === 0) {
        // (rows queued while the last lane was finishing have found no free lane: start them)
        if (this.head < this.queue.length && !this.stopped) this.enqueue([]);
        else {
          this.queue = [];
          this.head = 0;
          for (const resolve of this.drainedWaiters.splice(0)) resolve();
        }
      }
    }
  }

  private abandonQueue(): void {
    for (let i = this.head; i < this.queue.length; i++) this.known.delete(this.queue[i]!.id);
    this.head = this.queue.length;
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.stopped || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.recover().catch((err: unknown) => this.logger.warn(`recovery failed: ${String(err)}`));
    }, RETRY_AFTER_FAILURE_MS);
    this.retryTimer.unref();
  }

  private async startOne(row: ProblemRow): Promise<boolean> {
    try {
      await this.workflows.start(this.workflowInput(row));
    } catch (err) {
      this.known.delete(row.id);
      this.failures++;
      this.logger.warn(`workflow of ${row.ledger_no} not started yet: ${String(err)}`);
      this.scheduleRetry();
      return false;
    }
    row.workflow_started = true;
    this.markStarted(row.id);
    return true;
  }

  /** The workflow's input from the committed row, under the policy stored with the problem. */
  private workflowInput(row: ProblemRow & { policy?: Policy }): ProblemWorkflowInput {
    return {
      problemId: row.id,
      ledgerNo: row.ledger_no,
      enterpriseCode: row.enterprise_code,
      source: row.source,
      issueDate: row.doc_issue_date,
      deadline: row.deadline,
      hardLimit: row.hard_limit,
      specialReason: Boolean(row.special_reason?.trim()),
      responsibilityAssigned: row.responsibility !== null,
      // The deadline past the hard limit asked for at registration, still waiting for its decision.
      requestedDeadline: (row.state as { pendingExtension?: { requestedDeadline?: string } | null } | null)?.pendingExtension?.requestedDeadline ?? null,
      policy: row.policy ?? this.policy,
      registeredAtMs: new Date(row.registered_at).getTime(),
      tags: row.tags,
      confidential: row.confidentiality === 'confidential',
    };
  }

  /**
   * Marks started workflows in one UPDATE per {@link MARK_EVERY_MS} instead of one per start. A mark
   * lost in a crash only makes the recovery pass try the start again, which is answered "already
   * started".
   */
  private markStarted(id: string): void {
    this.startedIds.push(id);
    this.markTimer ??= setTimeout(() => void this.flushMarks(), MARK_EVERY_MS);
  }

  private async flushMarks(): Promise<void> {
    this.markTimer = undefined;
    const ids = this.startedIds;
    this.startedIds = [];
    if (ids.length === 0) return;
    try {
      await this.db.query('UPDATE issues.problems SET workflow_started = true WHERE id = ANY($1::uuid[])', [ids]);
    } catch (err) {
      this.logger.warn(`could not mark ${ids.length} workflows started: ${String(err)}`);
    } finally {
      for (const id of ids) this.known.delete(id);
    }
  }

  onApplicationBootstrap(): void {
    const pass = () => void this.recover().catch((err: unknown) => this.logger.warn(`recovery failed: ${String(err)}`));
    pass();
    this.recoveryTimer = setInterval(pass, RECOVERY_EVERY_MS);
    this.recoveryTimer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearInterval(this.recoveryTimer);
    clearTimeout(this.retryTimer);
    clearTimeout(this.markTimer);
    await this.flushMarks();
  }
}
