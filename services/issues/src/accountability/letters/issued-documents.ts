import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { defaultAssessmentYear, type CaseRow, type MeasureRow, type OpinionRow } from '../case.repository.js';
import { circularNotice, circularTitle } from './circular-notice.js';
import { letterOfNotice, letterTitle } from './letter-of-notice.js';

export interface IssuedDocument {
  title: string;
  bytes: Buffer;
  sha256: string;
}

type Measure = Pick<MeasureRow, 'kind' | 'details' | 'issued_at'>;

/**
 * Writes the 函告 or 通报 of a measure from what was recorded when it was issued: the measure's
 * details (the letter's number, corrections, reply date and the assessment year in force then), the
 * opinion version it was issued on, and the issue time. A talk (约谈) has no document.
 */
export async function renderMeasureDocument(c: CaseRow, m: Measure, opinion: OpinionRow | undefined): Promise<{ title: string; bytes: Buffer } | null> {
  const enterpriseName = c.enterprise_name ?? c.enterprise_code;
  const d = m.details;
  const confidential = c.confidentiality === 'confidential';
  if (m.kind === 'letter') {
    if (!opinion) return null;
    return {
      title: letterTitle({ enterpriseName }),
      bytes: await letterOfNotice({
        letterNo: String(d['letterNo']),
        enterpriseName,
        ledgerNo: c.ledger_no,
        title: c.title,
        confidential,
        document: { type: c.doc_type, number: c.doc_number, issuer: c.doc_issuer, issueDate: c.doc_issue_date },
        trigger: c.trigger,
        findings: opinion.findings,
        responsibility: opinion.responsibility,
        requiredCorrections: String(d['requiredCorrections']),
        replyBy: (d['replyBy'] as string | null) ?? null,
        // The year in force when the letter was issued; a case nobody had marked counted in its opening year.
        assessmentYear: (d['assessmentYear'] as number | null) ?? defaultAssessmentYear(new Date(c.opened_at)),
        issuedAt: m.issued_at,
      }),
    };
  }
  if (m.kind === 'circular') {
    return {
      title: circularTitle({ enterpriseName }),
      bytes: await circularNotice({
        circularNo: (d['circularNo'] as string | undefined) ?? null,
        confidential,
        enterpriseName,
        ledgerNo: c.ledger_no, title: c.title, trigger: c.trigger, scope: String(d['scope']), text: String(d['text']),
        issuedAt: m.issued_at,
      }),
    };
  }
  return null;
}

/** The one writer of issues.accountability_documents: the 函告 and 通报 as issued (append-only). */
@Injectable()
export class IssuedDocuments {
  constructor(private readonly db: DataSource) {}

  /** Stores a measure's document once; a second store of the same measure keeps the first. */
  async store(tx: EntityManager, caseId: string, measureId: string, doc: { title: string; bytes: Buffer }): Promise<IssuedDocument> {
    const sha256 = createHash('sha256').update(doc.bytes).digest('hex');
    await tx.query(
      `INSERT INTO issues.accountability_documents (measure_id, case_id, title, file, sha256) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (measure_id) DO NOTHING`,
      [measureId, caseId, doc.title, doc.bytes, sha256],
    );
    return (await this.get(measureId, tx))!;
  }

  async get(measureId: string, tx: EntityManager = this.db.manager): Promise<IssuedDocument | null> {
    const rows: { title: string; file: Buffer; sha256: string }[] = await tx.query('SELECT title, file, sha256 FROM issues.accountability_documents WHERE measure_id = $1', [measureId]);
    const row = rows[0];
    return row ? { title: row.title, bytes: row.file, sha256: row.sha256 } : null;
  }
}
