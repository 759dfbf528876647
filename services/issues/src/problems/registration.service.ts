import { ConflictException, ForbiddenException, Inject, Injectable, Logger, UnprocessableEntityException, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { isEnterpriseRole, ROLES, type Principal, type ProblemRegistration } from '@rectify/contracts';
import { checkDeadline, hardLimit, localDateOf, registeredState, type Policy } from '@rectify/domain';
import { eventHash, GENESIS_HASH, insertEvent, type TrailEvent } from '@rectify/activities';
import type { ProblemWorkflowInput } from '@rectify/workflows';
import { POLICY } from '../policy.provider.js';
import { ProblemWorkflows } from './problem-workflows.js';
import type { ProblemRow } from './problem.view.js';

export interface RegistrationResult {
  problem: ProblemRow;
  created: boolean;
}

const UNIQUE_VIOLATION = '23505';

/**
 * Registers problems (问题挂号). The row and its first trail event are written in one transaction,
 * then the problem's workflow is started; a problem whose workflow did not start (a crash in
 * between) is started by the reconciler at the next start-up or within a minute.
 */
@Injectable()
export class RegistrationService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(RegistrationService.name);
  private reconcileTimer?: NodeJS.Timeout;

  constructor(
    private readonly db: DataSource,
    private readonly workflows: ProblemWorkflows,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  /** Refuses what no database constraint can: scope, enterprise, deadline. Throws 4xx naming the field. */
  async checkRegistration(r: ProblemRegistration & { specialReason?: string | null }, user: Principal, tx: EntityManager = this.db.manager): Promise<void> {
    if (isEnterpriseRole(user.role) && r.enterpriseCode !== user.enterpriseCode) {
      throw new ForbiddenException('enterpriseCode：只能为本企业登记问题');
    }
    if (user.role !== ROLES.SUPERVISION_OFFICER && !isEnterpriseRole(user.role)) throw new ForbiddenException('当前角色无权登记问题');
    const known: unknown[] = await tx.query('SELECT 1 FROM identity.enterprise_directory WHERE code = $1', [r.enterpriseCode]);
    if (known.length === 0) throw new UnprocessableEntityException(`enterpriseCode：企业 ${r.enterpriseCode} 不存在`);
    const deadline = r.deadline ?? hardLimit(r.document.issueDate, this.policy);
    const refusal = checkDeadline({ issueDate: r.document.issueDate, deadline, specialReason: r.specialReason ?? undefined, policy: this.policy });
    if (refusal) throw new UnprocessableEntityException(refusal);
  }

  async register(r: ProblemRegistration & { specialReason?: string | null }, user: Principal): Promise<RegistrationResult> {
    await this.checkRegistration(r, user);
    const existing = await this.findByDocumentItem(r.document.number, r.itemNo);
    if (existing) return this.existing(existing, r, user);
    let row: ProblemRow;
    try {
      row = await this.db.transaction((tx) => this.insert(tx, r, user, new Date()));
    } catch (err) {
      if ((err as { code?: string }).code === UNIQUE_VIOLATION) {
        const raced = await this.findByDocumentItem(r.document.number, r.itemNo);
        if (raced) return this.existing(raced, r, user);
      }
      throw err;
    }
    await this.startWorkflow(row);
    return { problem: row, created: true };
  }

  /** Registers many problems in one transaction (spreadsheet import): all or nothing. */
  async registerAll(rows: (ProblemRegistration & { specialReason?: string | null })[], user: Principal): Promise<RegistrationResult[]> {
    const results = await this.db.transaction(async (tx) => {
      const out: RegistrationResult[] = [];
      for (const r of rows) {
        await this.checkRegistration(r, user, tx);
        const found: ProblemRow[] = await tx.query('SELECT * FROM issues.problems WHERE doc_number = $1 AND item_no = $2', [r.document.number, r.itemNo]);
        if (found[0]) out.push(this.existing(found[0], r, user));
        else out.push({ problem: await this.insert(tx, r, user, new Date()), created: true });
      }
      return out;
    });
    for (const result of results) if (result.created) await this.startWorkflow(result.problem);
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

  private async nextLedgerNo(tx: EntityManager, enterpriseCode: string, year: number): Promise<string> {
    const rows: { last_no: number }[] = await tx.query(
      `INSERT INTO issues.ledger_counters (enterprise_code, year, last_no) VALUES ($1, $2, 1)
       ON CONFLICT (enterprise_code, year) DO UPDATE SET last_no = issues.ledger_counters.last_no + 1
       RETURNING last_no`,
      [enterpriseCode, year],
    );
    return `${enterpriseCode}-${year}-${String(rows[0]!.last_no).padStart(5, '0')}`;
  }

  private async insert(tx: EntityManager, r: ProblemRegistration & { specialReason?: string | null }, user: Principal, now: Date): Promise<ProblemRow> {
    const policy = this.policy;
    const id = randomUUID();
    const year = Number(localDateOf(now.getTime(), policy).slice(0, 4));
    const ledgerNo = await this.nextLedgerNo(tx, r.enterpriseCode, year);
    const limit = hardLimit(r.document.issueDate, policy);
    const deadline = r.deadline ?? limit;
    const state = { ...registeredState(deadline, Boolean(r.responsibility)), specialReason: r.specialReason ?? null };
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
      `INSERT INTO issues.problems (id, ledger_no, enterprise_code, subsidiary, source, doc_type, doc_number, doc_issuer, doc_issue_date,
         item_no, audit_project, title, description, category, amount, quantity, quantity_unit, legal_basis, recommendation,
         confidentiality, tags, deadline, original_deadline, hard_limit, special_reason, responsibility, stage, state, last_seq, last_hash,
         policy, registered_by, registered_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$22,$23,$24,$25,$26,$27,0,$28,$29,$30,$31)
       RETURNING *`,
      [id, ledgerNo, r.enterpriseCode, r.subsidiary ?? null, r.source, r.document.type, r.document.number, r.document.issuer, r.document.issueDate,
        r.itemNo, r.auditProject ?? null, r.title, r.description, r.category, r.amount ?? null, r.quantity ?? null, r.quantityUnit ?? null,
        r.legalBasis ?? null, r.recommendation ?? null, r.confidentiality, r.tags, deadline, limit, r.specialReason ?? null,
        r.responsibility ? JSON.stringify(r.responsibility) : null, state.stage, JSON.stringify(state), hash, JSON.stringify(policy), user.sub, now.toISOString()],
    );
    await insertEvent(tx, event, GENESIS_HASH, hash);
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
      specialReason: row.special_reason,
      responsibilityAssigned: row.responsibility !== null,
      policy: row.policy ?? this.policy,
      registeredAtMs: new Date(row.registered_at).getTime(),
    };
  }

  private async startWorkflow(row: ProblemRow): Promise<void> {
    try {
      await this.workflows.start(this.workflowInput(row));
      await this.db.query('UPDATE issues.problems SET workflow_started = true WHERE id = $1', [row.id]);
      row.workflow_started = true;
    } catch (err) {
      // The problem is registered; the reconciler starts its workflow once Temporal answers.
      this.logger.warn(`workflow of ${row.ledger_no} not started yet: ${String(err)}`);
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

  onModuleDestroy(): void {
    clearInterval(this.reconcileTimer);
  }
}
