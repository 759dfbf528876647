import { BadRequestException, ConflictException, HttpException, Inject, Injectable, Logger, NotFoundException, ServiceUnavailableException, UnprocessableEntityException } from '@nestjs/common';
import { Decimal } from 'decimal.js';
import { DataSource } from 'typeorm';
import { LEDGER_NO, type Principal } from '@rectify/contracts';
import {
  checkExtension,
  hasText,
  localDateOf,
  outcomeOf,
  validateDetermination,
  type ActionFacts,
  type ActionName,
  type Policy,
} from '@rectify/domain';
import { POLICY } from '@rectify/platform';
import { workflowEventsWritten, writeProblemEvent } from '@rectify/activities';
import { LedgerRepository } from './ledger.repository.js';
import { ProblemWorkflows, WorkflowNotStartedError } from './problem-workflows.js';
import { canSeeProblem } from './visibility.js';
import { ProblemWorkflowStarter } from './workflow-starter.js';
import { ActionRequests, type StoredRequest } from '../requests/action-requests.js';
import type { ProblemRow } from './problem.view.js';

/**
 * Carries a stage action from HTTP to the problem's workflow: the caller must see the problem
 * (else 404), its role must be the action's (checked by the route), the payload must satisfy the
 * policy (else 422 naming the field), and the workflow refuses an action out of order (409).
 */
@Injectable()
export class ActionsService {
  private readonly logger = new Logger(ActionsService.name);

  constructor(
    private readonly db: DataSource,
    private readonly ledger: LedgerRepository,
    private readonly workflows: ProblemWorkflows,
    private readonly starter: ProblemWorkflowStarter,
    private readonly requests: ActionRequests,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  /**
   * Performs `action` once. The validated body and reason are stored first (issues.action_requests);
   * the workflow receives the request's id and the policy facts only, and its update id is the
   * request's, so a request sent again is applied once. With an `Idempotency-Key` the same key of
   * the same user is the same request: answered again, never applied twice; the key with another
   * body is refused.
   */
  async perform(ledgerNo: string, user: Principal, action: ActionName, body: object, idempotencyKey: string | null = null): Promise<ProblemRow> {
    if (!LEDGER_NO.test(ledgerNo)) throw new NotFoundException(`问题 ${ledgerNo} 不存在`);
    // The problem and the request stored under the key (the web console sends one with every change): two reads at once.
    const [row, earlier] = await Promise.all([this.ledger.visible(ledgerNo, user), idempotencyKey ? this.requests.find(user, idempotencyKey) : null]);
    if (!row) throw new NotFoundException(`问题 ${ledgerNo} 不存在`);
    const { reason, ...payload } = body as { reason?: string } & Record<string, unknown>;
    // An extension request's reason is its substance, not only a note for the trail.
    if (action === 'requestExtension' || action === 'rejectOpinion') payload['reason'] = reason;
    if (earlier) return this.repeat(row, user, action, payload, reason ?? null, earlier);
    // A closed problem's workflow has ended: nothing can change it any more.
    if (row.stage === 'closed') throw new ConflictException('问题已销号，不能再变更');
    // A rule that bounds a sum (the corrected amount) is checked and applied one request at a time.
    const serial = action === 'reportProgress' && payload['correctedAmount'] !== undefined;
    return this.requests.serialised(serial ? row.id : null, async () => {
      const current = serial ? await this.ledger.visible(ledgerNo, user) : row;
      if (!current) throw new NotFoundException(`问题 ${ledgerNo} 不存在`);
      const facts = await this.checkPayload(current, action, payload);
      const request = await this.requests.store({ subjectType: 'problem', subjectId: row.id, action, user, payload, reason: reason ?? null, idempotencyKey });
      if (request.existing) return this.repeat(row, user, action, payload, reason ?? null, request);
      return this.after(ledgerNo, user, await this.send(row, action, user, facts, request));
    });
  }

  /** The same request again: its answer is the problem as it stands once the request is applied. */
  private async repeat(row: ProblemRow, user: Principal, action: ActionName, payload: Record<string, unknown>, reason: string | null, earlier: StoredRequest): Promise<ProblemRow> {
    if (!this.requests.sameRequest(earlier, { subjectType: 'problem', subjectId: row.id, action, payload, reason })) {
      throw new UnprocessableEntityException('Idempotency-Key：该键已用于另一请求，请为新的请求使用新的键');
    }
    let written: ProblemRow | undefined;
    if (!(await this.requests.applied(earlier.id))) {
      if (row.stage === 'closed') throw new ConflictException('问题已销号，不能再变更');
      // Applied or not, the same update id lets the workflow apply it once.
      written = await this.send(row, action, user, await this.checkPayload(row, action, payload), earlier);
    }
    return this.after(row.ledger_no, user, written);
  }

  /**
   * Has the workflow apply the action, then writes the trail entries its answer names (the action's
   * own, and any before it the workflow's trail activity has not finished yet), in one transaction
   * whose last statement returns the ledger row: the answer, showing the action (the action's own
   * entry with the stored request in hand, not read again). Each entry is written
   * once under its seq: the activity, still scheduled by the workflow, finds it written (and writes
   * it itself if this process dies first). Undefined when the row is to be read back (an entry the
   * activity wrote first, or an answer recorded before the workflow handed its entries back).
   */
  private async send(row: ProblemRow, action: ActionName, user: Principal, facts: ActionFacts, request: StoredRequest): Promise<ProblemRow | undefined> {
    const ledgerNo = row.ledger_no;
    const requestId = request.id;
    const command = { action, actor: { id: user.sub, role: user.role }, facts, requestId };
    const { trail = [] } = await this.workflows.act(ledgerNo, command, requestId).catch(async (err: unknown) => {
      // An imported problem acted on before its workflow's turn behind the import (no such workflow,
      // or no answer from Temporal for a row not marked started): start it now (503 while Temporal
      // does not answer) and send again. Nothing is asked first: a row's mark lags behind its start.
      const unstarted = err instanceof WorkflowNotStartedError || (!row.workflow_started && !(err instanceof HttpException));
      if (!unstarted) throw err;
      await this.starter.ensureStarted(row);
      return this.workflows.act(ledgerNo, command, requestId);
    });
    try {
      return await this.db.transaction(async (tx) => {
        let answer: ProblemRow | undefined;
        // Entries this service wrote for earlier answers, whose backstop has not run yet, are skipped.
        const written = trail.length > 1 ? await workflowEventsWritten(tx, row.id, trail.map((e) => e.seq)) : new Set<number>();
        for (const event of trail) if (!written.has(event.seq)) answer = (await writeProblemEvent(tx, event, request)).row as ProblemRow | undefined;
        return answer;
      });
    } catch (err) {
      this.logger.error(`trail entry of ${action} on ${ledgerNo} not written here (the workflow's activity will): ${String(err)}`);
      throw new ServiceUnavailableException('操作已受理，记录尚未完成，请稍后刷新查看');
    }
  }

  /** The problem as the caller now sees it: the row the trail write returned, else read back. */
  private async after(ledgerNo: string, user: Principal, written?: ProblemRow): Promise<ProblemRow> {
    const updated = written && canSeeProblem(user, { enterpriseCode: written.enterprise_code, confidentiality: written.confidentiality }) ? written : await this.ledger.visible(ledgerNo, user);
    if (!updated) throw new NotFoundException(`问题 ${ledgerNo} 不存在`);
    return updated;
  }

  /** C3 rests on a transfer of this very problem that 纪检组 accepted, on the date it accepted it. */
  private async checkAcceptedTransfer(row: ProblemRow, transfer: { transferId: string; acceptedDate: string | null } | null): Promise<void> {
    const accepted: { id: string; accepted_on: string }[] = await this.db.query(
      `SELECT id::text, accepted_on::text FROM issues.discipline_transfers WHERE problem_id = $1 AND status = 'accepted'`,
      [row.id],
    );
    if (accepted.length === 0) throw new UnprocessableEntityException('transfer：C3 须以纪检组已受理的移送为依据，该问题尚无已受理的移送');
    const match = accepted.find((t) => t.id === transfer?.transferId);
    if (!match) throw new UnprocessableEntityException(`transfer.transferId：应为该问题已受理的移送编号（${accepted.map((t) => t.id).join('、')}）`);
    if (transfer?.acceptedDate !== match.accepted_on) throw new UnprocessableEntityException(`transfer.acceptedDate：应为纪检组的受理日期 ${match.accepted_on}`);
  }

  private today(): string {
    return localDateOf(Date.now(), this.policy);
  }

  /** What the policy asks of each payload, beyond its shape; returns the facts the workflow needs. */
  private async checkPayload(row: ProblemRow, action: ActionName, p: Record<string, unknown>): Promise<ActionFacts> {
    switch (action) {
      case 'approvePlan':
      case 'approveReport':
        if (String(p['meetingDate']) > this.today()) throw new UnprocessableEntityException('meetingDate：审议日期不能晚于今天');
        return { body: p['body'] as ActionFacts['body'] };
      case 'reportProgress': {
        const amount = p['correctedAmount'] as string | undefined;
        if (amount !== undefined) {
          if (row.amount === null) throw new UnprocessableEntityException('correctedAmount：该问题未登记涉及金额，不能报送整改金额');
          const total = new Decimal(row.corrected_amount).plus(amount);
          if (total.greaterThan(row.amount)) {
            throw new UnprocessableEntityException(`correctedAmount：累计整改金额 ${total.toFixed(2)} 元将超过问题金额 ${row.amount} 元`);
          }
        }
        const ids = (p['evidenceIds'] as string[] | undefined) ?? [];
        if (ids.length > 0) {
          const found: unknown[] = await this.db.query('SELECT id FROM issues.evidence_files WHERE problem_id = $1 AND id = ANY($2)', [row.id, ids]);
          if (found.length !== new Set(ids).size) throw new UnprocessableEntityException('evidenceIds：有证明材料不属于该问题或不存在');
        }
        return {};
      }
      case 'transferToDiscipline':
        return {};
      case 'decideTransfer': {
        const accept = Boolean(p['accept']);
        if (accept && !p['acceptedOn']) throw new UnprocessableEntityException('acceptedOn：受理时须填写受理日期');
        if (accept && String(p['acceptedOn']) > this.today()) throw new UnprocessableEntityException('acceptedOn：受理日期不能晚于今天');
        return { accept };
      }
      case 'determine': {
        const input = p as unknown as Parameters<typeof validateDetermination>[0];
        if (input.criterion === 'C3') await this.checkAcceptedTransfer(row, input.transfer ?? null);
        const problems = validateDetermination(input, { amount: row.amount, issueDate: row.doc_issue_date }, this.policy, this.today());
        if (problems.length > 0) throw new UnprocessableEntityException({ statusCode: 422, error: 'Unprocessable Entity', message: problems });
        const outcome = outcomeOf(input.criterion);
        p['outcome'] = outcome;
        return { criterion: input.criterion, outcome };
      }
      case 'reviewDetermination':
        return { accept: Boolean(p['accept']) };
      case 'recordFollowUp':
        return { holds: Boolean(p['holds']) };
      case 'requestExtension': {
        const refusal = checkExtension({
          issueDate: row.doc_issue_date,
          currentDeadline: row.deadline,
          requestedDeadline: String(p['requestedDeadline']),
          specialReason: (p['specialReason'] as string | null | undefined) ?? undefined,
          policy: this.policy,
          today: this.today(),
        });
        if (refusal) throw new UnprocessableEntityException(refusal);
        return { requestedDeadline: String(p['requestedDeadline']), specialReason: hasText(p['specialReason']) };
      }
      case 'decideExtension': {
        const pending: { special_reason: string | null }[] = await this.db.query(
          `SELECT special_reason FROM issues.extensions WHERE problem_id = $1 AND status = 'pending'`,
          [row.id],
        );
        return { approve: Boolean(p['approve']), specialReason: hasText(pending[0]?.special_reason) };
      }
      case 'rejectOpinion':
      case 'proposeHandling':
      case 'assignResponsibility':
      case 'reassignResponsibility':
      case 'refuseCloseOut':
      case 'submitPlan':
      case 'submitReport':
      case 'acceptCloseOut':
        return {};
      default:
        throw new BadRequestException(`未知的操作 ${String(action)}`);
    }
  }
}
