import { ConflictException, Inject, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { MEASURE_KINDS, SIGNOFF_PARTIES, type MeasureKind, type Principal } from '@rectify/contracts';
import { localDateOf, type Policy } from '@rectify/domain';
import { POLICY } from '@rectify/platform';
import { recordCaseEvent } from './case-events.js';
import { CaseNotices } from './case-notices.js';
import { CaseRepository, defaultAssessmentYear, type CaseRow } from './case.repository.js';
import { IssuedDocuments, renderMeasureDocument } from './letters/issued-documents.js';
import type { CircularMeasureDto, LetterMeasureDto, TalkMeasureDto } from './case.dto.js';

type MeasureInput = { kind: 'letter'; dto: LetterMeasureDto } | { kind: 'talk'; dto: TalkMeasureDto } | { kind: 'circular'; dto: CircularMeasureDto };

/**
 * Issues and records the measures of §12 (函告、约谈、通报): only on a handling opinion that both the
 * Supervision Division and 纪检组 signed in its current version, and only the measures it proposes.
 */
@Injectable()
export class MeasuresService {
  constructor(
    private readonly db: DataSource,
    private readonly cases: CaseRepository,
    private readonly notices: CaseNotices,
    private readonly documents: IssuedDocuments,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  async issue(id: string, input: MeasureInput, user: Principal): Promise<{ measureId: string; noticeQueued: boolean }> {
    const { kind, dto } = input;
    const done = await this.db.transaction(async (tx) => {
      const c = await this.cases.visible(id, user, tx, true);
      if (c.status === 'closed') throw new ConflictException('问责案件已结案，不能再下达问责措施');
      const signed = c.opinion_version > 0 ? await this.cases.signoffs(c.id, c.opinion_version, tx) : [];
      if (signed.length < Object.keys(SIGNOFF_PARTIES).length) {
        throw new ConflictException('处理意见须经监督处和纪检组共同会签当前版本后，方可下达问责措施');
      }
      const opinion: { proposed_measures: MeasureKind[] }[] = await tx.query('SELECT proposed_measures FROM issues.accountability_opinions WHERE case_id = $1 AND version = $2', [c.id, c.opinion_version]);
      if (!opinion[0]?.proposed_measures.includes(kind)) throw new ConflictException(`处理意见未提出${MEASURE_KINDS[kind]}措施`);
      const details = await this.details(c, input, tx);
      const rows: { id: string; issued_at: Date }[] = await tx.query(
        `INSERT INTO issues.accountability_measures (case_id, kind, opinion_version, details, issued_by, issued_by_name, issued_role, issued_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, now()) RETURNING id::text, issued_at`,
        [c.id, kind, c.opinion_version, JSON.stringify(details), user.sub, user.displayName, user.role],
      );
      const measureId = rows[0]!.id;
      // The 函告 / 通报 is stored as issued: later edits of the case do not change it.
      const opinionRow = (await this.cases.opinions(c.id, tx)).find((o) => o.version === c.opinion_version);
      const rendered = await renderMeasureDocument(c, { kind, details, issued_at: rows[0]!.issued_at }, opinionRow);
      const document = rendered ? await this.documents.store(tx, c.id, measureId, rendered) : null;
      await tx.query(`UPDATE issues.accountability_cases SET status = 'measures_issued' WHERE id = $1`, [c.id]);
      const eventNo = await recordCaseEvent(tx, c, user, 'issueMeasure', dto.reason ?? null, {
        measureId, kind, opinionVersion: c.opinion_version, details, ...(document ? { documentSha256: document.sha256 } : {}),
      });
      return { c, eventNo, measureId, details };
    });
    const noticeQueued = await this.notices.measureIssued(done.c, done.eventNo, { measureLabel: MEASURE_KINDS[kind], summary: summaryOf(input) });
    return { measureId: done.measureId, noticeQueued };
  }

  /** What is stored of the measure: the validated input, for a letter or a 通报 its 发文字号, and for a letter the assessment year in force. */
  private async details(c: CaseRow, input: MeasureInput, tx: EntityManager): Promise<Record<string, unknown>> {
    const today = localDateOf(Date.now(), this.policy);
    switch (input.kind) {
      case 'letter': {
        if (input.dto.replyBy && input.dto.replyBy <= today) throw new UnprocessableEntityException('replyBy：书面报告期限应晚于今天');
        const letterNo = input.dto.letterNo ?? (await nextDocumentNo(tx, 'letter', today.slice(0, 4)));
        return { letterNo, requiredCorrections: input.dto.requiredCorrections, replyBy: input.dto.replyBy ?? null, assessmentYear: c.assessment_year ?? defaultAssessmentYear(new Date(c.opened_at)) };
      }
      case 'talk':
        if (input.dto.date > today) throw new UnprocessableEntityException('date：约谈日期不能晚于今天（约谈后再记录）');
        return { date: input.dto.date, place: input.dto.place, attendees: input.dto.attendees, record: input.dto.record };
      case 'circular':
        return { circularNo: await nextDocumentNo(tx, 'circular', today.slice(0, 4)), scope: input.dto.scope, text: input.dto.text };
    }
  }
}

/** 发文字号 of the 函告 and 通报: the organ's code, the year, the order in the year. */
const DOCUMENT_NO_PREFIX = { letter: '国资监督函', circular: '国资监督通' } as const;

/** The next 发文字号 of a kind of measure in a year (Asia/Shanghai): 国资监督函〔2026〕3号. */
async function nextDocumentNo(tx: EntityManager, kind: keyof typeof DOCUMENT_NO_PREFIX, year: string): Promise<string> {
  const count: { n: number }[] = await tx.query(
    `SELECT count(*)::int AS n FROM issues.accountability_measures WHERE kind = $1 AND extract(year FROM issued_at AT TIME ZONE 'Asia/Shanghai') = $2`,
    [kind, Number(year)],
  );
  return `${DOCUMENT_NO_PREFIX[kind]}〔${year}〕${(count[0]?.n ?? 0) + 1}号`;
}

/**
 * The notice's wording: dates and fixed text only — the notice travels through a workflow history,
 * so nothing a user typed (not even a letter number) goes into it; the measure stays in the console.
 */
function summaryOf(input: MeasureInput): string {
  switch (input.kind) {
    case 'letter':
      return `市国资委已向你单位发出问责函告，请登录系统查阅函告及整改要求${input.dto.replyBy ? `，并于 ${input.dto.replyBy} 前书面报告整改情况` : ''}。`;
    case 'talk':
      return `市国资委已于 ${input.dto.date} 对你单位进行约谈，约谈记录请登录系统查阅。`;
    case 'circular':
      return '市国资委已就该问题印发问责通报，通报全文请登录系统查阅。';
  }
}
