import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { PageQuery } from '@rectify/platform';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CONFIDENTIALITY, PROBLEM_SOURCES, PROBLEM_TAGS } from '@rectify/contracts';
import { OUTCOMES, STAGES } from '@rectify/domain';
import { IsCalendarDate } from './problem.dto.js';
import { SORTABLE, type LedgerQuery } from './ledger-query.js';


const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** GET /problems: filters and sorting of the ledger, paged like every list (PageQuery). */
export class ListProblemsQuery extends PageQuery implements LedgerQuery {
  @ApiPropertyOptional() @IsOptional() @Matches(/^[A-Z0-9-]{2,20}$/, { message: 'enterpriseCode 必须是企业编码' })
  enterpriseCode?: string;

  @ApiPropertyOptional({ enum: Object.keys(PROBLEM_SOURCES) }) @IsOptional() @IsIn(Object.keys(PROBLEM_SOURCES), { message: 'source 取值无效' })
  source?: string;

  @ApiPropertyOptional({ enum: STAGES }) @IsOptional() @IsIn([...STAGES], { message: 'stage 取值无效' })
  stage?: string;

  @ApiPropertyOptional({ enum: Object.keys(OUTCOMES) }) @IsOptional() @IsIn(Object.keys(OUTCOMES), { message: 'outcome 取值无效' })
  outcome?: string;

  @ApiPropertyOptional() @IsOptional() @Transform(toBool) @IsBoolean({ message: 'overdue 必须是 true 或 false' })
  overdue?: boolean;

  @ApiPropertyOptional() @IsOptional() @IsCalendarDate()
  deadlineFrom?: string;

  @ApiPropertyOptional() @IsOptional() @IsCalendarDate()
  deadlineTo?: string;

  @ApiPropertyOptional({ enum: Object.keys(CONFIDENTIALITY) }) @IsOptional() @IsIn(Object.keys(CONFIDENTIALITY), { message: 'confidentiality 取值无效' })
  confidentiality?: string;

  @ApiPropertyOptional({ enum: Object.keys(PROBLEM_TAGS) }) @IsOptional() @IsIn(Object.keys(PROBLEM_TAGS), { message: 'tag 取值无效' })
  tag?: string;

  @ApiPropertyOptional({ description: '在编号、标题、描述中查找' }) @IsOptional() @IsString() @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: Object.keys(SORTABLE) }) @IsOptional() @IsIn(Object.keys(SORTABLE), { message: `sort 必须是 ${Object.keys(SORTABLE).join('、')} 之一` })
  sort?: keyof typeof SORTABLE;

  @ApiPropertyOptional({ enum: ['asc', 'desc'] }) @IsOptional() @IsIn(['asc', 'desc'], { message: 'order 必须是 asc 或 desc' })
  order?: 'asc' | 'desc';
}
