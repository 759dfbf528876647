import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { CASE_STATUSES, MEASURE_KIND_LIST, type CaseStatus, type MeasureKind } from '@rectify/contracts';
import { TRIGGERS, type TriggerCode } from '@rectify/domain';
import { PageQuery } from '@rectify/platform';
import { IsCalendarDate } from '../problems/problem.dto.js';

function Text(max: number, what: string): PropertyDecorator {
  return (target, key) => {
    IsString({ message: `${String(key)} 必须是文字（${what}）` })(target, key);
    Length(1, max, { message: `${String(key)} 不能为空，且不超过 ${max} 字（${what}）` })(target, key);
  };
}

class ReasonField {
  @ApiPropertyOptional({ description: '变更理由，记入审计轨迹' }) @IsOptional() @IsString() @MaxLength(1000)
  reason?: string;
}

export class CaseListQuery extends PageQuery {
  @ApiPropertyOptional({ description: '计入的业绩考核年度' }) @IsOptional() @Type(() => Number) @IsInt({ message: 'assessmentYear 必须是年份' }) @Min(2000) @Max(2100)
  assessmentYear?: number;
  @ApiPropertyOptional({ enum: Object.keys(CASE_STATUSES) }) @IsOptional() @IsIn(Object.keys(CASE_STATUSES), { message: `status 必须是 ${Object.keys(CASE_STATUSES).join('、')} 之一` })
  status?: CaseStatus;
  @ApiPropertyOptional({ example: 'E001' }) @IsOptional() @IsString() @Length(1, 20)
  enterpriseCode?: string;
  @ApiPropertyOptional({ enum: Object.keys(TRIGGERS) }) @IsOptional() @IsIn(Object.keys(TRIGGERS), { message: 'trigger 必须是 T1、T2、T3、T4 之一' })
  trigger?: TriggerCode;
}

/** 处理意见: drafted (and redrafted, as a new version) by a supervision officer. */
export class OpinionDto extends ReasonField {
  @ApiProperty({ description: '查明的问题与事实' }) @Text(20000, '查明的问题与事实')
  findings!: string;
  @ApiProperty({ description: '责任认定' }) @Text(10000, '责任认定')
  responsibility!: string;
  @ApiProperty({ description: '拟采取的问责措施', enum: MEASURE_KIND_LIST, isArray: true })
  @IsArray({ message: 'proposedMeasures 必须是措施列表' })
  @ArrayMinSize(1, { message: 'proposedMeasures 至少提出一项措施' })
  @ArrayMaxSize(3)
  @ArrayUnique({ message: 'proposedMeasures 不能重复' })
  @IsIn(MEASURE_KIND_LIST, { each: true, message: 'proposedMeasures 的每一项必须是 letter（函告）、talk（约谈）或 circular（通报）' })
  proposedMeasures!: MeasureKind[];
}

export class SignOffDto {
  @ApiProperty({ description: '会签的处理意见版本（须为当前版本）', example: 1 }) @IsInt({ message: 'version 必须是处理意见的版本号' }) @Min(1, { message: 'version 必须是处理意见的版本号' })
  version!: number;
  @ApiPropertyOptional({ description: '会签意见' }) @IsOptional() @IsString() @MaxLength(2000)
  comment?: string;
}

/** 函告: a letter of notice to the enterprise. */
export class LetterMeasureDto extends ReasonField {
  @ApiProperty({ description: '整改要求' }) @Text(10000, '整改要求')
  requiredCorrections!: string;
  @ApiPropertyOptional({ description: '书面报告整改情况的期限', example: '2026-12-31' }) @IsOptional() @IsCalendarDate()
  replyBy?: string;
  @ApiPropertyOptional({ description: '文号；省略则自动编号', example: '国资监督函〔2026〕12号' }) @IsOptional() @IsString() @Length(1, 60)
  letterNo?: string;
}

/** 约谈: an admonitory talk, recorded after it took place. */
export class TalkMeasureDto extends ReasonField {
  @ApiProperty({ example: '2026-11-28' }) @IsCalendarDate()
  date!: string;
  @ApiProperty({ example: '市国资委 301 会议室' }) @Text(200, '约谈地点')
  place!: string;
  @ApiProperty({ type: [String], example: ['企业董事长', '监督处处长'] })
  @IsArray({ message: 'attendees 必须是参加人员列表' })
  @ArrayMinSize(1, { message: 'attendees 至少一人' })
  @ArrayMaxSize(50)
  @IsString({ each: true, message: 'attendees 的每一项必须是姓名或职务' })
  @Length(1, 100, { each: true, message: 'attendees 的每一项不能为空，且不超过 100 字' })
  attendees!: string[];
  @ApiProperty({ description: '约谈记录' }) @Text(20000, '约谈记录')
  record!: string;
}

/** 通报: a circulated notice. */
export class CircularMeasureDto extends ReasonField {
  @ApiProperty({ description: '通报范围', example: '各监管企业' }) @Text(200, '通报范围')
  scope!: string;
  @ApiProperty({ description: '通报正文' }) @Text(20000, '通报正文')
  text!: string;
}

export class AssessmentMarkDto extends ReasonField {
  @ApiProperty({ description: '计入企业领导人员业绩考核的年度', example: 2026 }) @IsInt({ message: 'year 必须是年份' }) @Min(2000, { message: 'year 必须是年份' }) @Max(2100, { message: 'year 必须是年份' })
  year!: number;
  @ApiPropertyOptional({ description: '说明' }) @IsOptional() @IsString() @MaxLength(1000)
  note?: string;
}

export class CloseCaseDto {
  @ApiProperty({ description: '结案理由' }) @Text(2000, '结案理由')
  reason!: string;
}
