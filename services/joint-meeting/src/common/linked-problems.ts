import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CONFIDENTIAL_READERS, type Principal } from '@rectify/contracts';

export interface LinkedProblem {
  ledgerNo: string;
  /** Null for a 涉密 problem shown to someone who may not read it. */
  title: string | null;
  enterpriseName: string | null;
  stage: string | null;
  deadline: string | null;
  overdue: boolean | null;
  confidential: boolean;
}

interface FactsRow {
  ledger_no: string;
  title: string;
  enterprise_name: string | null;
  enterprise_code: string;
  stage: string;
  deadline: string;
  overdue: boolean;
  confidentiality: string;
}

/**
 * Problems of the issues service, referred to by ledger number and read only through its
 * published view issues.notice_facts (this service never writes another schema).
 */
@Injectable()
export class LinkedProblems {
  constructor(private readonly db: DataSource) {}

  /** The ledger numbers among `ledgerNos` that name no problem. */
  async unknown(ledgerNos: string[]): Promise<string[]> {
    if (ledgerNos.length === 0) return [];
    const rows: { ledger_no: string }[] = await this.db.query('SELECT ledger_no FROM issues.notice_facts WHERE ledger_no = ANY($1)', [ledgerNos]);
    const known = new Set(rows.map((r) => r.ledger_no));
    return ledgerNos.filter((n) => !known.has(n));
  }

  /** The problems' status as `user` may see it: a 涉密 problem's details only for its readers. */
  async describe(ledgerNos: string[], user: Principal): Promise<LinkedProblem[]> {
    if (ledgerNos.length === 0) return [];
    const rows: FactsRow[] = await this.db.query(
      `SELECT f.ledger_no, f.title, d.name AS enterprise_name, f.enterprise_code, f.stage, to_char(f.deadline, 'YYYY-MM-DD') AS deadline, f.overdue, f.confidentiality
       FROM issues.notice_facts f LEFT JOIN identity.enterprise_directory d ON d.code = f.enterprise_code WHERE f.ledger_no = ANY($1)`,
      [ledgerNos],
    );
    const byNo = new Map(rows.map((r) => [r.ledger_no, r]));
    return ledgerNos.map((ledgerNo) => {
      const r = byNo.get(ledgerNo);
      const confidential = r?.confidentiality === 'confidential';
      if (!r || (confidential && !CONFIDENTIAL_READERS.includes(user.role))) {
        return { ledgerNo, title: null, enterpriseName: null, stage: null, deadline: null, overdue: null, confidential };
      }
      return { ledgerNo, title: r.title, enterpriseName: r.enterprise_name ?? r.enterprise_code, stage: r.stage, deadline: r.deadline, overdue: r.overdue, confidential };
    });
  }
}
