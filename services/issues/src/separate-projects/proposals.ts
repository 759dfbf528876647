import { ConflictException, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { ApprovalDecision, ApprovalStatus, Principal } from '@rectify/contracts';
import { hasText } from '@rectify/domain';
import type { ApprovalDecisionDto } from './decision.dto.js';
import type { ActionRequests } from '../requests/action-requests.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Where a kind of proposal put to the party committee (另行立项, 上报) is read from. */
export interface ProposalSource {
  /** A SELECT over the proposal table, aliased `alias`, with its joins and no WHERE. */
  select: string;
  alias: string;
  /** How a missing proposal is named (立项事项, 上报事项). */
  noun: string;
}

/** The proposals matching every filter given (column → value; an empty value is no filter), newest first, at most 500. */
export async function listProposals<R>(db: DataSource, source: ProposalSource, filters: Record<string, string | undefined>): Promise<R[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  for (const [column, value] of Object.entries(filters)) if (value) where.push(`${column} = $${params.push(value)}`);
  return db.query(`${source.select} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${source.alias}.proposed_at DESC LIMIT 500`, params);
}

/** The proposal `id`, or 404. */
export async function findProposal<R>(db: DataSource, source: ProposalSource, id: string): Promise<R> {
  const rows: R[] = UUID.test(id) ? await db.query(`${source.select} WHERE ${source.alias}.id = $1`, [id]) : [];
  if (!rows[0]) throw new NotFoundException(`${source.noun} ${id} 不存在`);
  return rows[0];
}

/**
 * The party committee's decision `user` takes with `body`, stored first as a request (its reason
 * and document number stay in PostgreSQL); what the workflow receives: ids and flags. 409 when the
 * proposal is no longer pending.
 */
export async function decisionOn(
  requests: ActionRequests,
  subject: { type: 'separate_project' | 'upward_report'; id: string; status: ApprovalStatus },
  body: ApprovalDecisionDto,
  user: Principal,
  idempotencyKey: string | null,
): Promise<ApprovalDecision & { requestId: string }> {
  const payload = { approve: body.approve, documentNumber: body.approve ? (body.documentNumber ?? null) : null };
  const reason = body.reason ?? null;
  const earlier = idempotencyKey ? await requests.find(user, idempotencyKey) : null;
  if (earlier && !requests.sameRequest(earlier, { subjectType: subject.type, subjectId: subject.id, action: 'decide', payload, reason })) {
    throw new UnprocessableEntityException('Idempotency-Key：该键已用于另一请求，请为新的请求使用新的键');
  }
  if (!earlier && subject.status !== 'pending') throw new ConflictException('该事项委党委已作出审议决定，不能重复审议');
  const request = earlier ?? (await requests.store({ subjectType: subject.type, subjectId: subject.id, action: 'decide', user, payload, reason, idempotencyKey }));
  return {
    approve: body.approve,
    actor: { id: user.sub, role: user.role },
    requestId: request.id,
    reasonGiven: hasText(reason),
    documentNumberGiven: hasText(payload.documentNumber),
  };
}

/** The append-only approval log of one proposal, oldest first. */
export async function approvalEvents(db: DataSource, subjectId: string) {
  return db.query(
    `SELECT kind, actor_name AS "actorName", actor_role AS "actorRole", reason, payload, at
     FROM issues.approval_events WHERE subject_id = $1 ORDER BY at, id`,
    [subjectId],
  );
}
