import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { DataSource } from 'typeorm';
import type { Principal } from '@rectify/contracts';
import { scoreEnterprise, type ScoredIndicators, type ScoringPolicy } from '@rectify/domain';
import { CurrentUser, Roles } from '@rectify/platform';
import { indicatorSql } from './indicator-sql.js';
import { assessmentScope, INDICATOR_READERS } from './scope.js';
import { SCORING } from './scoring.token.js';
import { PublicationRepository } from '../publications/publication.repository.js';

export class ScoreQuery {
  @ApiProperty({ example: 2026 }) @Type(() => Number) @IsInt({ message: 'year 必须是年份' }) @Min(2000, { message: 'year 必须是年份' }) @Max(2100, { message: 'year 必须是年份' })
  year!: number;
}

/**
 * GET /scores?year=: each enterprise's input to the annual performance assessment, line by line,
 * live and within what the reader may count (`basis: 'live-per-reader'`); accountability cases count
 * in the year they are marked for (assessment_year). The official scores are the published ones:
 * `published` names the current publication of the year, if any.
 */
@ApiTags('indicators')
@ApiBearerAuth()
@Controller('scores')
export class ScoresController {
  constructor(
    private readonly db: DataSource,
    @Inject(SCORING) private readonly scoring: ScoringPolicy,
    private readonly publications: PublicationRepository,
  ) {}

  @Get()
  @Roles(...INDICATOR_READERS)
  async scores(@Query() q: ScoreQuery, @CurrentUser() user: Principal) {
    const { sql, params } = indicatorSql('enterprise', { from: `${q.year}-01-01`, to: `${q.year}-12-31`, ...assessmentScope(user), casesInYear: q.year });
    const rows: (ScoredIndicators & { group: string })[] = await this.db.query(sql, params);
    const names: { code: string; name: string }[] = await this.db.query('SELECT code, name FROM identity.enterprise_directory');
    const published = await this.publications.current('scores', q.year);
    return {
      year: q.year,
      basis: 'live-per-reader' as const,
      published: published ? { id: published.id, number: published.number, publishedAt: new Date(published.published_at).toISOString() } : null,
      scoring: this.scoring,
      enterprises: rows.map((r) => ({ enterpriseCode: r.group, enterpriseName: names.find((n) => n.code === r.group)?.name ?? r.group, ...scoreEnterprise(r, this.scoring) })),
    };
  }
}
