import { ConflictException, ForbiddenException, Inject, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { isEnterpriseRole, ROLES, type Principal, type ProblemRegistration } from '@rectify/contracts';
import { checkDeadline, checkIssueDate, compareDates, hardLimit, localDateOf, registeredState, registrationDeadline, type Policy } from '@rectify/domain';
import { eventHash, GENESIS_HASH, type TrailEvent } from '@rectify/activities';
import { POLICY } from '@rectify/platform';
import { ProblemWorkflowStarter } from './workflow-starter.js';
import { EnterpriseDirectory } from './enterprise-directory.js';
import type { ProblemRow } from './problem.view.js';
import { NO_LINK, ProblemLinks, type ProblemLink } from '../separate-projects/problem-links.js';

export interface RegistrationResult {
  problem: ProblemRow;
  created: boolean;
}

type Registration = ProblemRegistration & { specialReason?: string | null };

const UNIQUE_VIOLATION = '23505';
/** Rows written per INSERT statement of an import (each statement carries its rows as one JSON parameter). */
const INSERT_CHUNK = 1000;

/**
 * Registers problems (问题挂号). Each problem's row and its first trail event are written in one
 * statement (many problems: in one transaction), with `workflow_started = false`; then its
 * workflow is started (ProblemWorkflowStarter): in the request for a problem registered alone,
 * behind the answer for an imported ledger. What a crash leaves unstarted, the starter's recovery
 * pass starts.
 */
@Injectable()
export class RegistrationService {
  constructor(
    private readonly db: DataSource,
    private readonly starter: ProblemWorkflowStarter,
    private readonly enterprises: EnterpriseDirectory,
    @Inject(POLICY) private readonly policy: Policy,
    private readonly links: ProblemLinks,
  ) {}

  /** Refuses what no database constraint can: scope, enterprise, deadline, origin link. Throws 4xx naming the field; returns the link. */
  async checkRegistration(r: Registration, user: Principal, tx: EntityManager = this.db.manager): Promise<ProblemLink> {
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

  async register(r: Registration, user: Principal): Promise<RegistrationResult> {
    const link = await this.checkRegistration(r, user);
    let row: ProblemRow;
    try {
      [row] = (await this.insert(this.db.manager, [{ r, link }], user, new Date())) as [ProblemRow];
    } catch (err) {
      if ((err as { code?: string }).code === UNIQUE_VIOLATION) {
        const found = await this.findByDocumentItem(r.document.number, r.itemNo);
        if (found) return this.existing(found, r, user);
      }
      throw err;
    }
    // (a start Temporal did not answer is left to the recovery pass: the problem is registered)
    await this.starter.start(row);
    return { problem: row, created: true };
  }

  /**
   * Registers many problems (spreadsheet import) in one transaction: all or nothing. The answer
   * does not wait for the workflows: they are queued once the rows are committed and start behind
   * it, a few at a time (the problems show 时限监控启动中 until theirs has started).
   */
  async registerAll(rows: Registration[], user: Principal): Promise<RegistrationResult[]> {
    const results = await this.db.transaction(async (tx): Promise<RegistrationResult[]> => {
      const links: ProblemLink[] = [];
      for (const r of rows) links.push(await this.checkRegistration(r, user, tx));
      const found: ProblemRow[] = await tx.query(
        `SELECT p.* FROM issues.problems p JOIN unnest($1::text[], $2::text[]) AS wanted(doc_number, item_no)
           ON p.doc_number = wanted.doc_number AND p.item_no = wanted.item_no`,
        [rows.map((r) => r.document.number), rows.map((r) => r.itemNo)],
      );
      const existing = new Map(found.map((p) => [`${p.doc_number}\u0000${p.item_no}`, p]));
      const out: (RegistrationResult | number)[] = [];
      const fresh: { r: Registration; link: ProblemLink }[] = [];
      rows.forEach((r, i) => {
        const row = existing.get(`${r.document.number}\u0000${r.itemNo}`);
        if (row) out.push(this.existing(row, r, user));
        else out.push(fresh.push({ r, link: links[i]! }) - 1);
      });
      const now = new Date();
      const inserted: ProblemRow[] = [];
      for (let i = 0; i < fresh.length; i += INSERT_CHUNK) inserted.push(...(await this.insert(tx, fresh.slice(i, i + INSERT_CHUNK), user, now)));
      return out.map((o) => (typeof o === 'number' ? { problem: inserted[o]!, created: true } : o));
    }).catch((err: unknown) => {
      if ((err as { code?: string }).code === UNIQUE_VIOLATION) throw new ConflictException('同一问题正被另一请求登记，未导入任何问题，请重试');
      throw err;
    });
    this.starter.enqueue(results.filter((r) => r.created).map((r) => r.problem));
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
   * Writes problems, their ledger numbers, their first trail events (and a deadline request past
   * the hard limit) in ONE statement, whatever their number (so it is atomic without a transaction
   * of its own, and one round trip): each enterprise's counter moves by its count of problems only
   * when they are written, so ledger numbers have no gaps and are never reused. The problems are
   * numbered in the order given. A second registration of the same document item fails on the
   * unique constraint (23505). Returns the rows in the order given.
   */
  private async insert(tx: EntityManager, items: { r: Registration; link: ProblemLink }[], user: Principal, now: Date): Promise<ProblemRow[]> {
    const policy = this.policy;
    const at = now.toISOString();
    const year = Number(localDateOf(now.getTime(), policy).slice(0, 4));
    const input = items.map(({ r, link }, ord) => {
      const id = randomUUID();
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
        at,
      };
      return {
        ord, id, enterprise_code: r.enterpriseCode, subsidiary: r.subsidiary ?? null, source: r.source, doc_type: r.document.type,
        doc_number: r.document.number, doc_issuer: r.document.issuer, doc_issue_date: r.document.issueDate, item_no: r.itemNo,
        audit_project: r.auditProject ?? null, title: r.title, description: r.description, category: r.category, amount: r.amount ?? null,
        quantity: r.quantity ?? null, quantity_unit: r.quantityUnit ?? null, legal_basis: r.legalBasis ?? null, recommendation: r.recommendation ?? null,
        confidentiality: r.confidentiality, tags: r.tags, deadline, hard_limit: limit, responsibility: r.responsibility ?? null, stage: state.stage,
        state, hash: eventHash(GENESIS_HASH, event), payload: event.payload, origin_problem_id: link.originProblemId, separate_project_id: link.separateProjectId,
        requested_deadline: requestedDeadline,
        request_reason: requestedDeadline ? `登记问题时设定整改期限 ${requestedDeadline}，超过下达后最长期限 ${limit}` : null,
        special_reason: requestedDeadline ? r.specialReason ?? null : null,
      };
    });
    const rows: ProblemRow[] = await tx.query(
      `WITH input AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(ord int, id uuid, enterprise_code text, subsidiary text, source text, doc_type text,
           doc_number text, doc_issuer text, doc_issue_date date, item_no text, audit_project text, title text, description text, category text,
           amount numeric, quantity numeric, quantity_unit text, legal_basis text, recommendation text, confidentiality text, tags text[],
           deadline date, hard_limit date, responsibility jsonb, stage text, state jsonb, hash text, payload jsonb, origin_problem_id uuid,
           separate_project_id uuid, requested_deadline date, request_reason text, special_reason text)
       ), wanted AS (
         SELECT enterprise_code, count(*)::int AS n FROM input GROUP BY enterprise_code
       ), counter AS (
         INSERT INTO issues.ledger_counters (enterprise_code, year, last_no) SELECT enterprise_code, $2::int, n FROM wanted
         ON CONFLICT (enterprise_code, year) DO UPDATE SET last_no = issues.ledger_counters.last_no + EXCLUDED.last_no
         RETURNING enterprise_code, last_no
       ), numbered AS (
         SELECT input.*, counter.last_no - wanted.n + row_number() OVER (PARTITION BY input.enterprise_code ORDER BY input.ord) AS no
         FROM input JOIN wanted USING (enterprise_code) JOIN counter USING (enterprise_code)
       ), problem AS (
         INSERT INTO issues.problems (id, ledger_no, enterprise_code, subsidiary, source, doc_type, doc_number, doc_issuer, doc_issue_date,
           item_no, audit_project, title, description, category, amount, quantity, quantity_unit, legal_basis, recommendation,
           confidentiality, tags, deadline, original_deadline, hard_limit, special_reason, responsibility, stage, state, last_seq, last_hash,
           policy, registered_by, registered_at, origin_problem_id, separate_project_id)
         SELECT id, enterprise_code || '-' || $2::int::text || '-' || lpad(no::text, 5, '0'), enterprise_code, subsidiary, source, doc_type, doc_number, doc_issuer,
           doc_issue_date, item_no, audit_project, title, description, category, amount, quantity, quantity_unit, legal_basis, recommendation,
           confidentiality, tags, deadline, deadline, hard_limit, NULL, responsibility, stage, state, 0, hash, $3, $4, $5, origin_problem_id, separate_project_id
         FROM numbered
         RETURNING *
       ), deadline_request AS (
         INSERT INTO issues.extensions (problem_id, seq, requested_deadline, reason, special_reason, requested_by, requested_at)
         SELECT input.id, 0, input.requested_deadline, input.request_reason, input.special_reason, $7, $5
         FROM problem JOIN input ON input.id = problem.id WHERE input.requested_deadline IS NOT NULL
       ), event AS (
         INSERT INTO issues.problem_events (problem_id, seq, kind, action, actor_id, actor_name, actor_role, reason, payload, state_before, state_after, at, prev_hash, hash)
         SELECT input.id, 0, 'action', 'register', $6, $7, $8, NULL, input.payload, NULL, input.state, $5, $9, input.hash
         FROM problem JOIN input ON input.id = problem.id
       )
       SELECT * FROM problem`,
      [JSON.stringify(input), year, JSON.stringify(policy), user.sub, at, user.sub, user.displayName, user.role, GENESIS_HASH],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    return input.map((i) => byId.get(i.id)!);
  }
}
