import { createHash, randomUUID } from 'node:crypto';
import { ConflictException, Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@rectify/contracts';
import type { ScoringPolicy } from '@rectify/domain';
import { ReportAssembler } from '../indicators/report-assembler.js';
import { EVERY_PROBLEM } from '../indicators/scope.js';
import { SCORING } from '../indicators/scoring.token.js';
import { buildAnnualReport, buildIndicatorWorkbook, buildScoreWorkbook, type ReportData } from '../reports/index.js';
import { CONTENT_TYPES, PUBLICATION_KINDS, publicationNumber, type PublicationKind } from './publication-kinds.js';
import { PublicationRepository, type PublicationRow } from './publication.repository.js';

/** The figures a score publication keeps: the same shape as the live GET /scores answer. */
export function scoreFigures(year: number, scoring: ScoringPolicy, data: ReportData) {
  return { year, scoring, enterprises: data.scores };
}

const RETRYABLE = new Set(['23505', '40001']);

/**
 * Publishes a year's official output: computes it over every problem (涉密 ones counted in the
 * totals; no output itemises a problem) in one snapshot of the database, builds the file once, and
 * stores figures and bytes under the next number of its kind and year. Every reader downloads those
 * bytes. The same Idempotency-Key gives back the same publication.
 */
@Injectable()
export class Publisher {
  private readonly logger = new Logger(Publisher.name);

  constructor(
    private readonly db: DataSource,
    private readonly assembler: ReportAssembler,
    private readonly publications: PublicationRepository,
    @Inject(SCORING) private readonly scoring: ScoringPolicy,
  ) {}

  async publish(kind: PublicationKind, year: number, user: Principal, idempotencyKey: string | null): Promise<{ publication: PublicationRow; created: boolean }> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction('REPEATABLE READ', async (tx) => {
          if (idempotencyKey) {
            const earlier = await this.publications.byIdempotencyKey(idempotencyKey, tx);
            if (earlier) {
              if (earlier.kind !== kind || earlier.year !== year) throw new ConflictException('Idempotency-Key 已用于另一次发布');
              return { publication: earlier, created: false };
            }
          }
          const seq = await this.publications.nextSeq(kind, year, tx);
          const number = publicationNumber(kind, year, seq);
          const publishedAt = new Date();
          const spec = PUBLICATION_KINDS[kind];
          const data = await this.assembler.assemble(spec.title(year), `${year}-01-01`, `${year}-12-31`, {
            scope: EVERY_PROBLEM,
            casesInYear: year,
            generatedAt: publishedAt.toISOString(),
            publication: { number, publishedBy: user.displayName },
          }, tx);
          const file = kind === 'scores' ? await buildScoreWorkbook(data) : kind === 'annual_report' ? await buildAnnualReport(data) : await buildIndicatorWorkbook(data);
          const id = randomUUID();
          await this.publications.insert({
            id, kind, year, seq, number, publishedAt, idempotencyKey, file,
            publishedBy: { sub: user.sub, name: user.displayName, role: user.role },
            figures: kind === 'scores' ? scoreFigures(year, this.scoring, data) : data,
            fileName: `${spec.title(year)}（${number}）.${spec.extension}`,
            contentType: CONTENT_TYPES[spec.extension],
            sha256: createHash('sha256').update(file).digest('hex'),
          }, tx);
          return { publication: await this.rowIn(tx, id), created: true };
        });
      } catch (error) {
        const code = (error as { driverError?: { code?: string }; code?: string }).driverError?.code ?? (error as { code?: string }).code;
        if (attempt >= 5 || !code || !RETRYABLE.has(code)) throw error;
        this.logger.warn(`publication of ${kind} ${year} raced another (${code}); retrying (${attempt})`);
      }
    }
  }

  private async rowIn(tx: Pick<DataSource, 'query'>, id: string): Promise<PublicationRow> {
    const rows = await tx.query(
      `SELECT p.id, p.kind, p.year, p.seq, p.number, p.published_by, p.published_by_name, p.published_role, p.published_at, p.file_name, p.content_type, p.sha256,
              octet_length(p.file)::int AS size, true AS current
       FROM assessment.publications p WHERE p.id = $1`,
      [id],
    );
    return rows[0];
  }
}
