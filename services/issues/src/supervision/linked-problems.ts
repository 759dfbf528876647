import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { localDateOf, type Policy } from '@rectify/domain';
import { fieldError } from './field-error.js';

export interface LinkedProblem {
  id: string;
  ledger_no: string;
  title: string;
  confidentiality: string;
}

/** The checks a supervision record or an explanation makes of its enterprise and problems. */
@Injectable()
export class LinkedProblems {
  constructor(private readonly db: DataSource) {}

  /** The enterprise's name, or a 400 on `enterpriseCode` when no such enterprise exists. */
  async enterpriseName(code: string, tx: EntityManager = this.db.manager): Promise<string> {
    const rows: { name: string }[] = await tx.query('SELECT name FROM identity.enterprise_directory WHERE code = $1', [code]);
    if (!rows[0]) throw fieldError('enterpriseCode', `企业 ${code} 不存在`);
    return rows[0].name;
  }

  /** The problems named by `ledgerNos`, all of enterprise `code`, or a 400 on `ledgerNos` naming the others. */
  async resolve(code: string, ledgerNos: string[], tx: EntityManager = this.db.manager): Promise<LinkedProblem[]> {
    const wanted = [...new Set(ledgerNos)];
    if (wanted.length === 0) return [];
    const rows: (LinkedProblem & { enterprise_code: string })[] = await tx.query(
      'SELECT id, ledger_no, title, confidentiality, enterprise_code FROM issues.problems WHERE ledger_no = ANY($1)',
      [wanted],
    );
    const mine = rows.filter((r) => r.enterprise_code === code);
    const missing = wanted.filter((n) => !mine.some((r) => r.ledger_no === n));
    if (missing.length > 0) throw fieldError('ledgerNos', `企业 ${code} 的台账中没有问题 ${missing.join('、')}`);
    return mine.map(({ id, ledger_no, title, confidentiality }) => ({ id, ledger_no, title, confidentiality }));
  }

  /** A date that must not lie after today (policy calendar). */
  notInFuture(field: string, date: string, policy: Policy): void {
    const today = localDateOf(Date.now(), policy);
    if (date > today) throw fieldError(field, `${field} 不能晚于今天（${today}）`);
  }
}
