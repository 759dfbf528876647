import { ConflictException, ForbiddenException, Inject, Injectable, Logger, UnprocessableEntityException, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { isEnterpriseRole, ROLES, type Principal, type ProblemRegistration } from '@rectify/contracts';
import { checkDeadline, checkIssueDate, compareDates, hardLimit, localDateOf, registeredState, registrationDeadline, type Policy } from '@rectify/domain';
import { eventHash, GENESIS_HASH, type TrailEvent } from '@rectify/activities';
import type { ProblemWorkflowInput } from '@rectify/workflows';
import { POLICY } from '@rectify/platform';
import { ProblemWorkflows } from './problem-workflows.js';
import { EnterpriseDirectory } from './enterprise-directory.js';
import type { ProblemRow } from './problem.view.js';
import { NO_LINK, ProblemLinks, type ProblemLink } from '../separate-projects/problem-links.js';

export interface RegistrationResult {
  problem: ProblemRow;
  created: boolean;
}

const UNIQUE_VIOLATION = '23505';
/** Workflow starts in flight while an imported spreadsheet's problems are started. */
const IMPORT_START_CONCURRENCY = 8;



/**
 * Registers problems (问题挂号). The row and its first trail event are written in one transaction,
 * then the problem's workflow is started; a problem whose workflow did not start (a crash in
 * between) is started by the reconciler at the next start-up or within a minute.
 */
@Injectable()
export class RegistrationService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(RegistrationService.name);
  private reconcileTimer?: NodeJS.Timeout;
  /** Problems whose workflow has started, marked in the database in batches (see markStarted). */
  private startedIds: string[] = [];
  private flushTimer?: NodeJS.Timeout;

  constructor(
    private readonly db: DataSource,
    private readonly workflows: ProblemWorkflows,
    private readonly enterprises: EnterpriseDirectory,
    @Inject(POLICY) private readonly policy: Policy,
    private readonly links: ProblemLinks,
  ) {}

  /** Refuses what no database constraint can: scope, enterprise, deadline, origin link. Throws 4xx naming the field; returns the link. */
  async checkRegistration(r: ProblemRegistration & { specialReason?: string | null }, user: Principal, tx: EntityManager = this.db.manager): Promise<ProblemLink> {
    if (isEnterpriseRole(user.role) && r.enterpriseCode !== user.enterpriseCode) {
      throw new ForbiddenException('enterpriseCode：只能为本企业登记问题');
    }
    if (user.role !== ROLES.SUPERVISION_OFFICER && !isEnterpriseRole(user.role)) throw new ForbiddenException('当前角色无权登记问题');
    if (!(await this.enterprises.exists(r.enterpriseCode, tx))) throw new UnprocessableEntityException(`enterpriseCode：企业 ${r.enterpriseCode} 不存在`);
    const issueDateRefusal = checkIssueDate(r.document.issueDate, this.policy, localDateOf(Date.now(), this.policy));
    if (issueDateRefusal) throw new UnprocessableEntityException(issueDateRefusal);
    const limit = hardLimit(r.document.issueDate, this.policy);
    const deadline = r.deadline ?? limit;
    const refusal = checkDeadline({ issueDate: r.document.issueDate, deadline, specialReason: r.specialReason ?? undefined, policy: this.policy });
    if (refusal) throw new UnprocessableEntityException(refusal);
    // A special reason only asks for a deadline past the hard limit; it excuses nothing on its own.
    if (r.specialReason?.trim() && compareDates(deadline, limit) <= 0) {
      throw new UnprocessableEntityException(`specialReason：整改期限 ${deadline} 未超过下达后 ${this.policy.rectificationLimitMonths} 个月的最长期限 ${limit}，不需要特殊事由`);
    }
    return r.originLedgerNo || r.separateProjectId ? this.links.resolve(r, user, tx) : NO_LINK;
  }

  async register(r: ProblemRegistration & { specialReason?: string | null }, user: Principal): Promise<RegistrationResult> {
    const link = await this.checkRegistration(r, user);
    let row: ProblemRow;
    try {
      row = await this.insert(this.db.manager, r, user, new Date(), link);
    } catch (err) {
      if ((err as { code?: string }).code === UNIQUE_VIOLATION) {
        const found = await this.findByDocumentItem(r.document.number, r.itemNo);
        if (found) return this.existing(found, r, user);
      }
      throw err;
    }
    await this.startWorkflow(row);
    return { problem: row, created: true };
  }

  /** Registers many problems in one transaction (spreadsheet import): all or nothing. */
  async registerAll(rows: (ProblemRegistration & { specialReason?: string | null })[], user: Principal): Promise<RegistrationResult[]> {
    const results = await this.db.transaction(async (tx): Promise<RegistrationResult[]> => {
      const out: RegistrationResult[] = [];
      for (const r of rows) {
        const link = await this.checkRegistration(r, user, tx);
        const found: ProblemRow[] = await tx.query('SELECT * FROM issues.problems WHERE doc_number = $1 AND item_no = $2', [r.document.number, r.itemNo]);
        if (found[0]) out.push(this.existing(found[0], r, user));
        else out.push({ problem: await this.insert(tx, r, user, new Date(), link), created: true });
      }
      return out;
    }).catch((err: unknown) => {
      if ((err as { code?: string }).code === UNIQUE_VIOLATION) throw new ConflictException('同一问题正被另一请求登记，未导入任何问题，请重试');
      throw err;
    });
    // Start the new problems' workflows a few at a time: one after another, an import of a few
    // hundred rows waits on as many round trips to Temporal. startWorkflow never throws (a start
    // that fails is left to the reconciler).
    const created = results.filter((r) => r.created).map((r) => r.problem);
    const next = () => created.shift();
    const lane = async () => {
      for (let row = next(); row; row = next()) await this.startWorkflow(row);
    };
    await Promise.all(Array.from({ length: IMPORT_START_CONCURRENCY }, lane));
    return results;
  }

  private existing(row: ProblemRow, r: ProblemRegistration, user: Principal): RegistrationResult {
    if (row.enterprise_code !== r.enterpriseCode || (isEnterpriseRole(user.role) && row.enterprise_code !== user.enterpriseCode)) {
      throw new ConflictException('document.number/itemNo：该文书的该事项已由其他企业登记');
    }
    return { problem: row, created: false };
  }

  private async findByDocumentItem(docNumber: string, itemNo: string): Promise<ProblemRow | undefined> {
    const rows: ProblemRow[] = await this.db.query('SELECT * FROM issues.problems WHERE doc_number = $1 AND item_no = $2', [docNumber, itemNo]);
    return rows[0];
  }

  /**
   * Writes the problem, its ledger number and its first trail event in ONE statement (so it is
   * atomic without a transaction of its own, and one round trip): the counter only moves when
   * the problem is written, so ledger numbers have no gaps and are never reused. A second
   * registration of the same document item fails on the unique constraint (23505).
   */
  private async insert(tx: EntityManager, r: ProblemRegistration & { specialReason?: string | null }, user: Principal, now: Date, link: ProblemLink = NO_LINK): Promise<ProblemRow> {
    const policy = this.policy;
    const id = randomUUID();
    const year = Number(localDateOf(now.getTime(), policy).slice(0, 4));
    const limit = hardLimit(r.document.issueDate, policy);
    // A deadline past the hard limit is a request for the supervision lead (like an extension, with
    // the special reason in issues.extensions); until it is approved the hard limit stands and no
    // special reason is in force (issues.problems.special_reason holds approved reasons only).
    const { deadline, requestedDeadline } = registrationDeadline(r.document.issueDate, r.deadline, policy);
    const state = registeredState(deadline, Boolean(r.responsibility), requestedDeadline);
    const event: TrailEvent = {
      problemId: id,
      seq: 0,
      kind: 'action',
      action: 'register',
      actorId: user.sub,
      actorName: user.displayName,
      actorRole: user.role,
      reason: null,
      payload: { ...r },
      stateBefore: null,
      stateAfter: state,
      at: now.toISOString(),
    };
    const hash = eventHash(GENESIS_HASH, event);
    const rows: ProblemRow[] = await tx.query(
      `WITH counter AS (
         INSERT INTO issues.ledger_counters (enterprise_code, year, last_no) VALUES ($3, $2, 1)
         ON CONFLICT (enterprise_code, year) DO UPDATE SET last_no = issues.ledger_counters.last_no + 1
         RETURNING last_no
       ), problem AS (
         INSERT INTO issues.problems (id, ledger_no, enterprise_code, subsidiary, source, doc_type, doc_number, doc_issuer, doc_issue_date,
           item_no, audit_project, title, description, category, amount, quantity, quantity_unit, legal_basis, recommendation,
           confidentiality, tags, deadline, original_deadline, hard_limit, special_reason, responsibility, stage, state, last_seq, last_hash,
           policy, registered_by, registered_at, origin_problem_id, separate_project_id)
         SELECT $1, $3 || '-' || $2 || '-' || lpad(counter.last_no::text, 5, '0'), $3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,
           $22,$22,$23,$24,$25,$26,$27,0,$28,$29,$30,$31,$37,$38
         FROM counter
         RETURNING *
       ), deadline_request AS (
         INSERT INTO issues.extensions (problem_id, seq, requested_deadline, reason, special_reason, requested_by, requested_at)
         SELECT problem.id, 0, $39::date, $40, $41, $33, $31 FROM problem WHERE $39::date IS NOT NULL
       ), event AS (
         INSERT INTO issues.problem_events (problem_id, seq, kind, action, actor_id, actor_name, actor_role, reason, payload, state_before, state_after, at, prev_hash, hash)
         SELECT problem.id, 0, 'action', 'register', $32, $33, $34, NULL, $35, NULL, $27, $31, $36, $28 FROM problem
       )
       SELECT * FROM problem`,
      [id, String(year), r.enterpriseCode, r.subsidiary ?? null, r.source, r.document.type, r.document.number, r.document.issuer, r.document.issueDate,
        r.itemNo, r.auditProject ?? null, r.title, r.description, r.category, r.amount ?? null, r.quantity ?? null, r.quantityUnit ?? null,
        r.legalBasis ?? null, r.recommendation ?? null, r.confidentiality, r.tags, deadline, limit, null,
        r.responsibility ? JSON.stringify(r.responsibility) : null, state.stage, JSON.stringify(state), hash, JSON.stringify(policy), user.sub, event.at,
        user.sub, user.displayName, user.role, JSON.stringify(event.payload), GENESIS_HASH, link.originProblemId, link.separateProjectId,
        requestedDeadline, requestedDeadline ? `登记问题时设定整改期限 ${requestedDeadline}，超过下达后最长期限 ${limit}` : null, requestedDeadline ? r.specialReason ?? null : null],
    );
    return rows[0]!;
  }

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

  private async startWorkflow(row: ProblemRow): Promise<void> {
    try {
      await this.workflows.start(this.workflowInput(row));
      this.markStarted(row.id);
      row.workflow_started = true;
    } catch (err) {
      // The problem is registered; the reconciler starts its workflow once Temporal answers.
      this.logger.warn(`workflow of ${row.ledger_no} not started yet: ${String(err)}`);
    }
  }

  /**
   * Records that a problem's workflow has started, in one UPDATE per 200 ms instead of one per
   * registration. A mark lost in a crash only makes the reconciler try the start again, which
   * Temporal answers with "already started".
   */
  private markStarted(id: string): void {
    this.startedIds.push(id);
    this.flushTimer ??= setTimeout(() => void this.flushStarted(), 200);
  }

  private async flushStarted(): Promise<void> {
    this.flushTimer = undefined;
    const ids = this.startedIds;
    this.startedIds = [];
    if (ids.length === 0) return;
    try {
      await this.db.query('UPDATE issues.problems SET workflow_started = true WHERE id = ANY($1)', [ids]);
    } catch (err) {
      this.logger.warn(`could not mark ${ids.length} workflows started: ${String(err)}`);
    }
  }

  /** Starts the workflow of every registered problem that has none yet. */
  async reconcile(): Promise<number> {
    const rows: ProblemRow[] = await this.db.query('SELECT * FROM issues.problems WHERE NOT workflow_started ORDER BY registered_at LIMIT 500');
    for (const row of rows) await this.startWorkflow(row);
    return rows.length;
  }

  onApplicationBootstrap(): void {
    const run = () => this.reconcile().catch((err: unknown) => this.logger.warn(`reconcile failed: ${String(err)}`));
    void run();
    this.reconcileTimer = setInterval(run, 60_000);
    this.reconcileTimer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.reconcileTimer);
    clearTimeout(this.flushTimer);
    await this.flushStarted();
  }
}
