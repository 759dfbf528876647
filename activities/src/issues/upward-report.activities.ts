import { ApplicationFailure } from '@temporalio/activity';
import type { DataSource, EntityManager } from 'typeorm';
import { UPWARD_REPORT_RECIPIENTS, type Actor, type UpwardReportGround } from '@rectify/contracts';
import { DEFAULT_POLICY, localDateOf } from '@rectify/domain';
import type { DecisionRecord, UpwardReportProposalRecord } from './approval-activity-types.js';
import { appendApprovalEvent } from './approval-events.js';
import { recordApprovalDecision } from './approval-decision.js';
import { renderUpwardReport, upwardReportTitle, type UpwardReportDocumentData } from './upward-report-document.js';
import { actorName } from './actor-names.js';

const FOREIGN_KEY_VIOLATION = '23503';

interface ProposalRow {
  id: string;
  problem_id: string;
  ground: UpwardReportGround;
  problem_event_seq: number;
  status: string;
  decided_at: Date | null;
  document_number: string | null;
}

async function proposal(tx: EntityManager, id: string): Promise<ProposalRow> {
  const rows: ProposalRow[] = await tx.query('SELECT * FROM issues.upward_report_proposals WHERE id = $1', [id]);
  if (!rows[0]) throw ApplicationFailure.nonRetryable(`upward report proposal ${id} does not exist`, 'InvalidApproval');
  return rows[0];
}

/** What the report says of the refusal: the refusal's reasons, or the confirmed determination's basis. */
async function groundDetail(tx: EntityManager, p: ProposalRow): Promise<string> {
  if (p.ground === 'opinion_rejected') {
    const rows: { reason: string | null; payload: Record<string, unknown> }[] = await tx.query(
      // The workflow's event number is its own count; the trail position may differ once service
      // events (accountability steps) sit in between, so look it up by origin (see trail.ts).
      `SELECT reason, payload FROM issues.problem_events
        WHERE problem_id = $1 AND (origin = 'workflow:' || $2::int OR (origin IS NULL AND seq = $2::int))`,
      [p.problem_id, p.problem_event_seq],
    );
    const e = rows[0];
    const opinion = e?.payload['opinion'] ? `所涉监管意见：${String(e.payload['opinion'])}。` : '';
    return `${opinion}企业陈述的理由：${String(e?.payload['reason'] ?? e?.reason ?? '未说明')}`;
  }
  const rows: { details: Record<string, unknown> }[] = await tx.query(
    `SELECT details FROM issues.determinations WHERE problem_id = $1 AND criterion = $2 AND review = 'accepted' ORDER BY seq DESC LIMIT 1`,
    [p.problem_id, p.ground],
  );
  return `认定依据：${String(rows[0]?.details['basis'] ?? '见整改结果认定记录')}`;
}

/**
 * Activities of the upward-report workflow (policy 第十三条), hosted by the issues service. Each is
 * idempotent under the workflow id: one proposal per workflow, one decision, one report per
 * proposal, one dispatch per addressee. Nothing is produced or dispatched for a proposal the party
 * committee has not approved.
 */
export function createUpwardReportActivities({ db }: { db: DataSource }) {
  return {
    async proposeUpwardReport(r: UpwardReportProposalRecord): Promise<{ proposalId: string }> {
      try {
        return await db.transaction(async (tx) => {
          await tx.query(
            `INSERT INTO issues.upward_report_proposals (problem_id, workflow_id, ground, problem_event_seq, proposed_at)
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (workflow_id) DO NOTHING`,
            [r.problemId, r.workflowId, r.ground, r.problemEventSeq, new Date(r.atMs).toISOString()],
          );
          const rows: { id: string }[] = await tx.query('SELECT id FROM issues.upward_report_proposals WHERE workflow_id = $1', [r.workflowId]);
          const proposalId = rows[0]!.id;
          await appendApprovalEvent(tx, {
            key: `${r.workflowId}:proposed`,
            subjectType: 'upward_report',
            subjectId: proposalId,
            kind: 'proposed',
            actor: null,
            reason: null,
            payload: { ground: r.ground, problemEventSeq: r.problemEventSeq },
            atMs: r.atMs,
          });
          return { proposalId };
        });
      } catch (err) {
        if ((err as { code?: string }).code === FOREIGN_KEY_VIOLATION) throw ApplicationFailure.nonRetryable(`problem ${r.problemId} does not exist`, 'InvalidApproval');
        throw err;
      }
    },

    async decideUpwardReport(r: DecisionRecord & { proposalId: string }): Promise<{ status: string }> {
      return db.transaction(async (tx) => {
        await recordApprovalDecision(tx, 'upward_report', r.proposalId, r);
        return { status: (await proposal(tx, r.proposalId)).status };
      });
    },

    /** Produces the report (docx) of an approved proposal, once. */
    async produceUpwardReport(r: { proposalId: string; workflowId: string; atMs: number }): Promise<{ reportId: string }> {
      return db.transaction(async (tx) => {
        const p = await proposal(tx, r.proposalId);
        if (p.status !== 'approved' || !p.document_number) throw ApplicationFailure.nonRetryable('未经委党委审议通过，不能形成上报报告', 'InvalidApproval');
        const existing: { id: string }[] = await tx.query('SELECT id FROM issues.upward_reports WHERE proposal_id = $1', [p.id]);
        if (existing[0]) return { reportId: existing[0].id };
        const problems: {
          ledger_no: string; title: string; description: string; amount: string | null; confidentiality: string;
          doc_number: string; doc_issuer: string; doc_issue_date: string; enterprise_code: string; enterprise_name: string | null;
        }[] = await tx.query(
          `SELECT p.ledger_no, p.title, p.description, p.amount, p.confidentiality, p.doc_number, p.doc_issuer, p.doc_issue_date::text AS doc_issue_date,
                  p.enterprise_code, d.name AS enterprise_name
           FROM issues.problems p LEFT JOIN identity.enterprise_directory d ON d.code = p.enterprise_code WHERE p.id = $1`,
          [p.problem_id],
        );
        const problem = problems[0]!;
        const approvedOn = localDateOf((p.decided_at ?? new Date(r.atMs)).getTime(), DEFAULT_POLICY);
        const data: UpwardReportDocumentData = {
          documentNumber: p.document_number,
          enterpriseName: problem.enterprise_name ?? problem.enterprise_code,
          ledgerNo: problem.ledger_no,
          title: problem.title,
          description: problem.description,
          sourceDocument: { number: problem.doc_number, issuer: problem.doc_issuer, issueDate: problem.doc_issue_date },
          amount: problem.amount,
          confidential: problem.confidentiality === 'confidential',
          ground: p.ground,
          groundDetail: await groundDetail(tx, p),
          approvedOn,
        };
        const docx = await renderUpwardReport(data);
        const inserted: { id: string }[] = await tx.query(
          `INSERT INTO issues.upward_reports (proposal_id, document_number, title, docx, produced_at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (proposal_id) DO NOTHING RETURNING id`,
          [p.id, p.document_number, upwardReportTitle(data), docx, new Date(r.atMs).toISOString()],
        );
        const reportId = inserted[0]?.id ?? ((await tx.query('SELECT id FROM issues.upward_reports WHERE proposal_id = $1', [p.id])) as { id: string }[])[0]!.id;
        await appendApprovalEvent(tx, {
          key: `${r.workflowId}:produced`,
          subjectType: 'upward_report',
          subjectId: p.id,
          kind: 'produced',
          actor: null,
          reason: null,
          payload: { reportId, documentNumber: p.document_number },
          atMs: r.atMs,
        });
        return { reportId };
      });
    },

    /** Records the report's dispatch to each addressee (签发: the approving member of the party committee). */
    async recordUpwardReportDispatch(r: { proposalId: string; reportId: string; workflowId: string; actor: Actor; atMs: number }): Promise<{ recipients: string[] }> {
      return db.transaction(async (tx) => {
        const reports: { document_number: string }[] = await tx.query('SELECT document_number FROM issues.upward_reports WHERE id = $1 AND proposal_id = $2', [r.reportId, r.proposalId]);
        if (!reports[0]) throw ApplicationFailure.nonRetryable(`upward report ${r.reportId} does not exist`, 'InvalidApproval');
        const at = new Date(r.atMs).toISOString();
        // Signed by the member of the party committee who approved (their name as the decision recorded it).
        const decided: { decided_by_name: string | null }[] = await tx.query('SELECT decided_by_name FROM issues.upward_report_proposals WHERE id = $1', [r.proposalId]);
        const signer = (await actorName(tx, r.actor)) ?? decided[0]?.decided_by_name ?? r.actor.id;
        for (const recipient of UPWARD_REPORT_RECIPIENTS) {
          await tx.query(
            `INSERT INTO issues.upward_report_dispatches (report_id, recipient, document_number, dispatched_by, dispatched_by_name, dispatched_by_role, dispatched_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (report_id, recipient) DO NOTHING`,
            [r.reportId, recipient, reports[0].document_number, r.actor.id, signer, r.actor.role, at],
          );
        }
        await appendApprovalEvent(tx, {
          key: `${r.workflowId}:dispatched`,
          subjectType: 'upward_report',
          subjectId: r.proposalId,
          kind: 'dispatched',
          actor: { ...r.actor, ...(signer ? { name: signer } : {}) },
          reason: null,
          payload: { reportId: r.reportId, recipients: [...UPWARD_REPORT_RECIPIENTS], documentNumber: reports[0].document_number },
          atMs: r.atMs,
        });
        return { recipients: [...UPWARD_REPORT_RECIPIENTS] };
      });
    },
  };
}
