import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { Decimal } from 'decimal.js';
import { DataSource } from 'typeorm';
import { LEDGER_NO, type Principal } from '@rectify/contracts';
import {
  checkExtension,
  localDateOf,
  outcomeOf,
  validateDetermination,
  type ActionFacts,
  type ActionName,
  type Policy,
} from '@rectify/domain';
import { POLICY } from '@rectify/platform';
import { LedgerRepository } from './ledger.repository.js';
import { ProblemWorkflows } from './problem-workflows.js';
import type { ProblemRow } from './problem.view.js';

/**
 * Carries a stage action from HTTP to the problem's workflow: the caller must see the problem
 * (else 404), its role must be the action's (checked by the route), the payload must satisfy the
 * policy (else 422 naming the field), and the workflow refuses an action out of order (409).
 */
@Injectable()
export class ActionsService {
  constructor(
    private readonly db: DataSource,
    private readonly ledger: LedgerRepository,
    private readonly workflows: ProblemWorkflows,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  async perform(ledgerNo: string, user: Principal, action: ActionName, body: object): Promise<ProblemRow> {
    const row = LEDGER_NO.test(ledgerNo) ? await this.ledger.visible(ledgerNo, user) : undefined;
    if (!row) throw new NotFoundException(`问题 ${ledgerNo} 不存在`);
    // A closed problem's workflow has ended: nothing can change it any more.
    if (row.stage === 'closed') throw new ConflictException('问题已销号，不能再变更');
    const { reason, ...payload } = body as { reason?: string } & Record<string, unknown>;
    // An extension request's reason is its substance, not only a note for the trail.
    if (action === 'requestExtension' || action === 'rejectOpinion') payload['reason'] = reason;
    const facts = await this.checkPayload(row, action, payload);
    await this.workflows.act(row.ledger_no, {
      action,
      actor: { id: user.sub, name: user.displayName, role: user.role },
      facts,
      payload,
      reason: reason ?? null,
    });
    const updated = await this.ledger.visible(ledgerNo, user);
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
        return { requestedDeadline: String(p['requestedDeadline']), specialReason: (p['specialReason'] as string | null | undefined) ?? null };
      }
      case 'decideExtension': {
        const pending: { special_reason: string | null }[] = await this.db.query(
          `SELECT special_reason FROM issues.extensions WHERE problem_id = $1 AND status = 'pending'`,
          [row.id],
        );
        return { approve: Boolean(p['approve']), specialReason: pending[0]?.special_reason ?? null };
      }
      case 'rejectOpinion':
      case 'proposeHandling':
      case 'assignResponsibility':
      case 'submitPlan':
      case 'submitReport':
      case 'acceptCloseOut':
        return {};
      default:
        throw new BadRequestException(`未知的操作 ${String(action)}`);
    }
  }
}
