import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CASE_READERS, CASE_STATUSES, isEnterpriseRole, MEASURE_KINDS, SIGNOFF_PARTIES, type CaseStatus, type MeasureKind, type Principal, type SignoffParty } from '@rectify/contracts';
import { TRIGGERS, type TriggerCode } from '@rectify/domain';
import { mapPage, queryPage, type PageQuery } from '@rectify/platform';
import { canSeeProblem, visibilityRule } from '../problems/visibility.js';

/** One case joined with the facts of its problem that cases and letters need. */
export interface CaseRow {
  id: string;
  problem_id: string;
  trigger: TriggerCode;
  cause: string;
  status: CaseStatus;
  opened_at: Date;
  opinion_version: number;
  event_count: number;
  assessment_year: number | null;
  assessment_note: string | null;
  assessment_marked_by: string | null;
  assessment_marked_at: Date | null;
  closed_by: string | null;
  closed_at: Date | null;
  close_reason: string | null;
  ledger_no: string;
  enterprise_code: string;
  enterprise_name: string | null;
  confidentiality: string;
  title: string;
  stage: string;
  doc_type: string;
  doc_number: string;
  doc_issuer: string;
  doc_issue_date: string;
  state: unknown;
}

export interface OpinionRow {
  case_id: string;
  version: number;
  findings: string;
  responsibility: string;
  proposed_measures: MeasureKind[];
  drafted_by_name: string;
  drafted_at: Date;
}

export interface SignoffRow {
  version: number;
  party: SignoffParty;
  signed_by_name: string;
  signed_role: string;
  signed_at: Date;
  comment: string | null;
}

export interface MeasureRow {
  id: string;
  case_id: string;
  kind: MeasureKind;
  opinion_version: number;
  details: Record<string, unknown>;
  issued_by_name: string;
  issued_role: string;
  issued_at: Date;
}

const CASE_SELECT = `SELECT c.*, c.id::text AS id, p.ledger_no, p.enterprise_code, d.name AS enterprise_name, p.confidentiality, p.title, p.stage,
    p.doc_type, p.doc_number, p.doc_issuer, p.doc_issue_date::text AS doc_issue_date, p.state
  FROM issues.accountability_cases c JOIN issues.problems p ON p.id = c.problem_id
  LEFT JOIN identity.enterprise_directory d ON d.code = p.enterprise_code`;

/** The year a case counts in when nobody marked it: the year it was opened (纳入当年), Asia/Shanghai. */
export function defaultAssessmentYear(openedAt: Date): number {
  return Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(openedAt));
}

export function notFound(id: string): NotFoundException {
  return new NotFoundException(`问责案件 ${id} 不存在`);
}

export interface CaseListFilter {
  assessmentYear?: number;
  status?: CaseStatus;
  enterpriseCode?: string;
  trigger?: TriggerCode;
}

/** Reads of accountability cases, always narrowed to the problems the caller may see. */
@Injectable()
export class CaseRepository {
  constructor(private readonly db: DataSource) {}

  /** The case if the caller may see its problem, else 404 (another enterprise's or a confidential one alike). */
  async visible(id: string, user: Principal, tx: EntityManager = this.db.manager, lock = false): Promise<CaseRow> {
    if (!/^\d{1,18}$/.test(id)) throw notFound(id);
    const rows: CaseRow[] = await tx.query(`${CASE_SELECT} WHERE c.id = $1${lock ? ' FOR UPDATE OF c' : ''}`, [id]);
    const row = rows[0];
    if (!row || !canSeeProblem(user, { enterpriseCode: row.enterprise_code, confidentiality: row.confidentiality })) throw notFound(id);
    return row;
  }

  async list(user: Principal, filter: CaseListFilter & PageQuery) {
    const rule = visibilityRule(user, 1);
    const params: unknown[] = [...rule.params];
    const where = [rule.sql];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.assessmentYear !== undefined) add(`coalesce(c.assessment_year, extract(year FROM c.opened_at AT TIME ZONE 'Asia/Shanghai')::int) = ?`, filter.assessmentYear);
    if (filter.status) add('c.status = ?', filter.status);
    if (filter.enterpriseCode) add('p.enterprise_code = ?', filter.enterpriseCode);
    if (filter.trigger) add('c.trigger = ?', filter.trigger);
    const page = await queryPage<CaseRow & { measures: number }>(
      this.db,
      {
        select: `c.*, c.id::text AS id, p.ledger_no, p.enterprise_code, d.name AS enterprise_name, p.title, p.confidentiality,
              (SELECT count(*)::int FROM issues.accountability_measures m WHERE m.case_id = c.id) AS measures`,
        from: `issues.accountability_cases c JOIN issues.problems p ON p.id = c.problem_id
       LEFT JOIN identity.enterprise_directory d ON d.code = p.enterprise_code
       WHERE ${where.join(' AND ')}`,
        orderBy: 'c.opened_at DESC, c.id DESC',
        params,
      },
      filter,
    );
    return mapPage(page, (r) => ({ ...caseSummary(r), ledgerNo: r.ledger_no, title: r.title, enterpriseCode: r.enterprise_code, enterpriseName: r.enterprise_name ?? r.enterprise_code, measuresIssued: r.measures }));
  }

  /** The cases of one problem, for the problem's detail page (nothing for roles that read no cases). */
  async summariesForProblem(problemId: string, user: Principal) {
    if (!CASE_READERS.includes(user.role)) return [];
    const rows: (CaseRow & { measures: number })[] = await this.db.query(
      `SELECT c.*, c.id::text AS id, (SELECT count(*)::int FROM issues.accountability_measures m WHERE m.case_id = c.id) AS measures
       FROM issues.accountability_cases c WHERE c.problem_id = $1 ORDER BY c.opened_at, c.id`,
      [problemId],
    );
    return rows.map((r) => ({ ...caseSummary(r), measuresIssued: r.measures }));
  }

  async opinions(caseId: string, tx: EntityManager = this.db.manager): Promise<OpinionRow[]> {
    return tx.query('SELECT *, case_id::text AS case_id FROM issues.accountability_opinions WHERE case_id = $1 ORDER BY version', [caseId]);
  }

  async signoffs(caseId: string, version: number, tx: EntityManager = this.db.manager): Promise<SignoffRow[]> {
    return tx.query('SELECT * FROM issues.accountability_signoffs WHERE case_id = $1 AND version = $2 ORDER BY signed_at', [caseId, version]);
  }

  async measures(caseId: string): Promise<MeasureRow[]> {
    return this.db.query('SELECT m.*, m.id::text AS id, m.case_id::text AS case_id FROM issues.accountability_measures m WHERE m.case_id = $1 ORDER BY m.id', [caseId]);
  }

  async measure(caseId: string, measureId: string): Promise<MeasureRow | undefined> {
    if (!/^\d{1,18}$/.test(measureId)) return undefined;
    const rows: MeasureRow[] = await this.db.query('SELECT m.*, m.id::text AS id, m.case_id::text AS case_id FROM issues.accountability_measures m WHERE m.case_id = $1 AND m.id = $2', [caseId, measureId]);
    return rows[0];
  }

  async transfers(problemId: string) {
    return this.db.query(
      `SELECT id::text, content, transferred_by AS "transferredBy", transferred_at AS "transferredAt", status, accepted_on::text AS "acceptedOn"
       FROM issues.discipline_transfers WHERE problem_id = $1 ORDER BY seq`,
      [problemId],
    );
  }

  /** The case's entries on its problem's audit trail: its opening (by the workflow) and every later step. */
  async events(c: CaseRow) {
    return this.db.query(
      `SELECT seq, action, actor_name AS "actorName", actor_role AS "actorRole", reason, payload, at FROM issues.problem_events
       WHERE problem_id = $1 AND kind = 'accountability' AND (payload->>'caseId' = $2 OR (action IS NULL AND payload->>'trigger' = $3))
       ORDER BY seq`,
      [c.problem_id, c.id, c.trigger],
    );
  }

  /** Everything a case page shows; an enterprise reads the handling opinion only once both parties signed it. */
  async detail(c: CaseRow, user: Principal) {
    const enterprise = isEnterpriseRole(user.role);
    const [opinions, measures, transfers, events] = await Promise.all([this.opinions(c.id), this.measures(c.id), this.transfers(c.problem_id), this.events(c)]);
    const current = opinions.find((o) => o.version === c.opinion_version) ?? null;
    const signOffs = current ? await this.signoffs(c.id, current.version) : [];
    const fullySigned = signOffs.length === Object.keys(SIGNOFF_PARTIES).length;
    const opinion = current && (!enterprise || fullySigned)
      ? {
          version: current.version,
          findings: current.findings,
          responsibility: current.responsibility,
          proposedMeasures: current.proposed_measures,
          proposedMeasureLabels: current.proposed_measures.map((k) => MEASURE_KINDS[k]),
          draftedBy: current.drafted_by_name,
          draftedAt: current.drafted_at,
          signOffs: signOffs.map((s) => ({ party: s.party, partyLabel: SIGNOFF_PARTIES[s.party], signedBy: s.signed_by_name, signedRole: s.signed_role, signedAt: s.signed_at, comment: s.comment })),
          fullySigned,
          missingSignOffs: (Object.keys(SIGNOFF_PARTIES) as SignoffParty[]).filter((p) => !signOffs.some((s) => s.party === p)),
        }
      : null;
    return {
      ...caseSummary(c),
      problem: {
        id: c.problem_id,
        ledgerNo: c.ledger_no,
        title: c.title,
        stage: c.stage,
        enterpriseCode: c.enterprise_code,
        enterpriseName: c.enterprise_name ?? c.enterprise_code,
        confidentiality: c.confidentiality,
        document: { type: c.doc_type, number: c.doc_number, issuer: c.doc_issuer, issueDate: c.doc_issue_date },
      },
      opinion,
      opinionVersions: enterprise ? [] : opinions.map((o) => ({ version: o.version, draftedBy: o.drafted_by_name, draftedAt: o.drafted_at })),
      measures: measures.map((m) => measureView(m)),
      transfers,
      events,
    };
  }
}

export function caseSummary(c: Pick<CaseRow, 'id' | 'trigger' | 'cause' | 'status' | 'opened_at' | 'opinion_version' | 'assessment_year' | 'assessment_note' | 'assessment_marked_by' | 'assessment_marked_at' | 'closed_by' | 'closed_at' | 'close_reason'>) {
  return {
    id: c.id,
    trigger: c.trigger,
    triggerLabel: TRIGGERS[c.trigger],
    cause: c.cause,
    status: c.status,
    statusLabel: CASE_STATUSES[c.status],
    openedAt: c.opened_at,
    opinionVersion: c.opinion_version,
    assessment: {
      year: c.assessment_year ?? defaultAssessmentYear(new Date(c.opened_at)),
      marked: c.assessment_year !== null,
      note: c.assessment_note,
      markedBy: c.assessment_marked_by,
      markedAt: c.assessment_marked_at,
    },
    closing: c.closed_at ? { closedBy: c.closed_by, closedAt: c.closed_at, reason: c.close_reason } : null,
  };
}

export function measureView(m: MeasureRow) {
  return {
    id: m.id,
    kind: m.kind,
    kindLabel: MEASURE_KINDS[m.kind],
    opinionVersion: m.opinion_version,
    details: m.details,
    issuedBy: m.issued_by_name,
    issuedRole: m.issued_role,
    issuedAt: m.issued_at,
    documentPath: m.kind === 'talk' ? null : `accountability-cases/${m.case_id}/measures/${m.id}/document`,
  };
}
