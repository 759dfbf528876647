import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsInt, IsObject, IsOptional, IsString, Length, Matches, MaxLength, Min, ValidateNested } from 'class-validator';
import { LEDGER_NO, MONTH_PATTERN } from '@rectify/contracts';
import { IsCalendarDate } from '../problems/problem.dto.js';
import { NO_CONTROL_CHARS, PageQuery } from '@rectify/platform';


/** A required text of 1..max characters without control characters (line breaks allowed). */
function Text(max: number): PropertyDecorator {
  return (target, key) => {
    IsString({ message: `${String(key)} 必须是文本` })(target, key);
    Length(1, max, { message: `${String(key)} 必须是 1 到 ${max} 个字符` })(target, key);
    Matches(NO_CONTROL_CHARS, { message: `${String(key)} 不能包含控制字符` })(target, key);
  };
}

function LedgerNos(min: number): PropertyDecorator {
  return (target, key) => {
    IsArray({ message: `${String(key)} 必须是台账编号的数组` })(target, key);
    ArrayMinSize(min, { message: `${String(key)} 至少包含 ${min} 个台账编号` })(target, key);
    ArrayMaxSize(100, { message: `${String(key)} 最多包含 100 个台账编号` })(target, key);
    Matches(LEDGER_NO, { each: true, message: `${String(key)} 的每一项必须是台账编号，如 E001-2026-00001` })(target, key);
  };
}

const ENTERPRISE_CODE = /^[A-Z0-9-]{2,20}$/;

export class ReasonField {
  @ApiPropertyOptional({ description: '变更理由，记入督办事件记录' }) @IsOptional() @IsString() @MaxLength(1000)
  reason?: string;
}

/** The five things a visit covers (第十条), one finding each. */
export class VisitTopicsDto {
  @ApiProperty({ description: '组织领导' }) @Text(2000) organisation!: string;
  @ApiProperty({ description: '整改方案' }) @Text(2000) plan!: string;
  @ApiProperty({ description: '决策事项' }) @Text(2000) decisions!: string;
  @ApiProperty({ description: '整改进展' }) @Text(2000) progress!: string;
  @ApiProperty({ description: '整改成效' }) @Text(2000) results!: string;
}

/** 入户督办: one on-site visit of the supervision group. */
export class CreateVisitDto extends ReasonField {
  @ApiProperty({ example: 'E001' }) @Matches(ENTERPRISE_CODE, { message: 'enterpriseCode 必须是企业编码，如 E001' })
  enterpriseCode!: string;

  @ApiProperty({ example: '2026-11-20' }) @IsCalendarDate()
  visitDate!: string;

  @ApiProperty({ type: [String], example: ['张三', '李四'], description: '督导组成员' })
  @IsArray({ message: 'team 必须是督导组成员姓名的数组' }) @ArrayMinSize(1, { message: 'team 至少包含 1 名督导组成员' }) @ArrayMaxSize(20, { message: 'team 最多 20 人' })
  @IsString({ each: true, message: 'team 的每一项必须是姓名' }) @Length(1, 50, { each: true, message: 'team 的每一项必须是 1 到 50 个字符' })
  team!: string[];

  @ApiProperty({ type: [String], example: ['E001-2026-00001'], description: '本次督办涉及的问题' }) @LedgerNos(1)
  ledgerNos!: string[];

  @ApiProperty({ type: VisitTopicsDto })
  @IsDefined({ message: 'topics 必须填写五个方面（组织领导、整改方案、决策事项、整改进展、整改成效）' }) @IsObject({ message: 'topics 必须是对象' })
  @ValidateNested({ message: 'topics 必须是对象' }) @Type(() => VisitTopicsDto)
  topics!: VisitTopicsDto;

  @ApiProperty({ description: '督办发现与意见' }) @Text(5000)
  findings!: string;
}

export class ListVisitsQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @Matches(ENTERPRISE_CODE, { message: 'enterpriseCode 必须是企业编码，如 E001' })
  enterpriseCode?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(LEDGER_NO, { message: 'ledgerNo 必须是台账编号，如 E001-2026-00001' })
  ledgerNo?: string;
  @ApiPropertyOptional({ example: '2026-11' }) @IsOptional() @Matches(MONTH_PATTERN, { message: 'month 必须是月份，格式 YYYY-MM' })
  month?: string;
}

/** 监督处要求企业书面说明情况. */
export class RequestExplanationDto extends ReasonField {
  @ApiProperty({ example: 'E001' }) @Matches(ENTERPRISE_CODE, { message: 'enterpriseCode 必须是企业编码，如 E001' })
  enterpriseCode!: string;

  @ApiProperty({ example: '整改进度滞后', description: '说明事项（简短，出现在通知标题中，不得含涉密内容）' }) @Text(100)
  topic!: string;

  @ApiProperty({ description: '要求说明的具体情况' }) @Text(5000)
  details!: string;

  @ApiPropertyOptional({ type: [String], description: '涉及的问题' }) @IsOptional() @LedgerNos(0)
  ledgerNos?: string[];

  @ApiPropertyOptional({ example: 15, description: '回复期限（天）：默认按政策（15 天），最长按政策（60 天）' })
  @IsOptional() @IsInt({ message: 'replyDays 必须是整数天数' }) @Min(1, { message: 'replyDays 至少为 1 天' })
  replyDays?: number;
}

/** 企业书面说明：情况及原因分析. */
export class AnswerExplanationDto extends ReasonField {
  @ApiProperty({ description: '情况说明' }) @Text(20000)
  content!: string;

  @ApiProperty({ description: '原因分析' }) @Text(10000)
  causes!: string;
}

/** 企业主动报送的书面说明. */
export class UnsolicitedExplanationDto extends AnswerExplanationDto {
  @ApiProperty({ example: '部分问题整改困难' }) @Text(100)
  topic!: string;

  @ApiPropertyOptional({ type: [String], description: '涉及的问题' }) @IsOptional() @LedgerNos(0)
  ledgerNos?: string[];
}

/** 针对性指导. */
export class GuidanceDto extends ReasonField {
  @ApiProperty({ description: '针对性指导意见' }) @Text(5000)
  guidance!: string;
}

export class ListExplanationsQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @Matches(ENTERPRISE_CODE, { message: 'enterpriseCode 必须是企业编码，如 E001' })
  enterpriseCode?: string;
  @ApiPropertyOptional({ enum: ['requested', 'overdue', 'answered'] }) @IsOptional() @Matches(/^(requested|overdue|answered)$/, { message: 'status 必须是 requested、overdue 或 answered' })
  status?: string;
}

export class TriggerSummaryDto {
  @ApiProperty({ example: '2026-11', description: '汇总月份' }) @Matches(MONTH_PATTERN, { message: 'month 必须是月份，格式 YYYY-MM' })
  month!: string;
}

export class ListSummariesQuery {
  @ApiPropertyOptional({ example: '2026-11' }) @IsOptional() @Matches(MONTH_PATTERN, { message: 'month 必须是月份，格式 YYYY-MM' })
  month?: string;
}
