import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { INPUT_DATE_RANGE, isInputDate } from '@rectify/domain';
import { NO_CONTROL_CHARS } from '@rectify/platform';
import {
  ValidateBy,
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsDefined,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import {
  CONFIDENTIALITY,
  DOCUMENT_TYPES,
  PROBLEM_SOURCES,
  PROBLEM_TAGS,
  type Confidentiality,
  type DocumentType,
  type ProblemSource,
  type ProblemTag,
} from '@rectify/contracts';

export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A real calendar date 'YYYY-MM-DD' (2026-02-30 is refused) within the dates a user may enter
 * (libs/domain INPUT_DATE_RANGE: 0001-01-01 and 9999-12-31 are typing mistakes, not dates).
 */
export function IsCalendarDate(): PropertyDecorator {
  return ValidateBy({
    name: 'isCalendarDate',
    validator: {
      validate: (value: unknown) => isInputDate(value),
      defaultMessage: (a) => `${a?.property ?? '日期'} 必须是真实存在的日期，格式 YYYY-MM-DD，且在 ${INPUT_DATE_RANGE.from} 至 ${INPUT_DATE_RANGE.to} 之间`,
    },
  });
}

/** Text with at least one character that is not white space (each element, with `each`). */
export function NotBlank(options: { each?: boolean } = {}): PropertyDecorator {
  return ValidateBy({
    name: 'notBlank',
    validator: { validate: (value: unknown) => typeof value === 'string' && value.trim() !== '', defaultMessage: (a) => `${a?.property ?? '该项'} 不能为空白` },
  }, { each: options.each });
}
export const AMOUNT_PATTERN = /^\d{1,15}(\.\d{1,2})?$/;
const noControl = { message: '$property 不能包含控制字符' };

export class SourceDocumentDto {
  @ApiProperty({ enum: Object.keys(DOCUMENT_TYPES) })
  @IsIn(Object.keys(DOCUMENT_TYPES), { message: `type 必须是 ${Object.keys(DOCUMENT_TYPES).join('、')} 之一` })
  type!: DocumentType;

  @ApiProperty({ example: '市审投决〔2026〕12号' })
  @IsString() @Length(1, 100) @Matches(NO_CONTROL_CHARS, noControl)
  number!: string;

  @ApiProperty({ example: '市审计局' })
  @IsString() @Length(1, 100) @Matches(NO_CONTROL_CHARS, noControl)
  issuer!: string;

  @ApiProperty({ example: '2026-06-30' })
  @IsCalendarDate()
  issueDate!: string;
}

export class ResponsibilityDto {
  @ApiProperty({ example: '财务部', description: '牵头业务部门（必填）' })
  @IsDefined({ message: 'leadDepartment 须填写牵头部门' }) @IsString() @Length(1, 100) @NotBlank() @Matches(NO_CONTROL_CHARS, noControl)
  leadDepartment!: string;

  @ApiProperty({ type: [String] })
  @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @Length(1, 100, { each: true }) @NotBlank({ each: true })
  @ArrayUnique({ message: 'cooperatingDepartments 中的配合部门不能重复' })
  cooperatingDepartments!: string[];

  @ApiProperty({ type: [String], description: '责任人，至少一人' })
  @IsArray({ message: 'responsiblePersons 须填写至少一名责任人' }) @ArrayMinSize(1, { message: 'responsiblePersons 须填写至少一名责任人' }) @ArrayMaxSize(20)
  @IsString({ each: true }) @Length(1, 50, { each: true }) @NotBlank({ each: true })
  @ArrayUnique({ message: 'responsiblePersons 中的责任人不能重复' })
  responsiblePersons!: string[];
}

/** POST /problems: register one problem (SPEC §2). */
export class RegisterProblemDto {
  @ApiProperty({ example: 'E001' })
  @Matches(/^[A-Z0-9-]{2,20}$/, { message: 'enterpriseCode 必须是企业编码（大写字母、数字、连字符）' })
  enterpriseCode!: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) @Matches(NO_CONTROL_CHARS, noControl)
  subsidiary?: string | null;

  @ApiProperty({ enum: Object.keys(PROBLEM_SOURCES) })
  @IsIn(Object.keys(PROBLEM_SOURCES), { message: `source 必须是 ${Object.keys(PROBLEM_SOURCES).join('、')} 之一` })
  source!: ProblemSource;

  @ApiProperty({ type: SourceDocumentDto })
  @ValidateNested() @Type(() => SourceDocumentDto)
  document!: SourceDocumentDto;

  @ApiProperty({ example: '1' })
  @IsString() @Length(1, 20) @Matches(/^[\w.-]+$/, { message: 'itemNo 只能包含字母、数字、点和连字符' })
  itemNo!: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) @Matches(NO_CONTROL_CHARS, noControl)
  auditProject?: string | null;

  @ApiProperty() @IsString() @Length(1, 200) @Matches(NO_CONTROL_CHARS, noControl)
  title!: string;

  @ApiProperty() @IsString() @Length(1, 5000) @Matches(NO_CONTROL_CHARS, noControl)
  description!: string;

  @ApiProperty({ example: '财务管理' }) @IsString() @Length(1, 50) @Matches(NO_CONTROL_CHARS, noControl)
  category!: string;

  @ApiPropertyOptional({ example: '1234567.89', description: '元，精确到分的十进制字符串' })
  @IsOptional() @Matches(AMOUNT_PATTERN, { message: 'amount 必须是不超过两位小数的非负金额（元），如 1234567.89' })
  amount?: string | null;

  @ApiPropertyOptional({ example: '3' })
  @IsOptional() @Matches(/^\d{1,16}(\.\d{1,4})?$/, { message: 'quantity 必须是非负数量' })
  quantity?: string | null;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20)
  quantityUnit?: string | null;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) @Matches(NO_CONTROL_CHARS, noControl)
  legalBasis?: string | null;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) @Matches(NO_CONTROL_CHARS, noControl)
  recommendation?: string | null;

  @ApiProperty({ enum: Object.keys(CONFIDENTIALITY) })
  @IsIn(Object.keys(CONFIDENTIALITY), { message: 'confidentiality 必须是 confidential 或 non_confidential' })
  confidentiality!: Confidentiality;

  @ApiProperty({ enum: Object.keys(PROBLEM_TAGS), isArray: true })
  @IsArray() @ArrayMaxSize(3) @IsIn(Object.keys(PROBLEM_TAGS), { each: true, message: `tags 的每一项必须是 ${Object.keys(PROBLEM_TAGS).join('、')} 之一` })
  @ArrayUnique({ message: 'tags 中的标签不能重复' })
  tags!: ProblemTag[];

  @ApiPropertyOptional({ example: '2026-12-31', description: '默认且最晚为发文日期后 6 个月' })
  @IsOptional() @IsCalendarDate()
  deadline?: string | null;

  @ApiPropertyOptional({ description: '整改时限超过下达后最长期限的特殊事由：超过的期限须经分管委员批准，批准前以最长期限为准' })
  @IsOptional() @IsString() @MaxLength(1000) @Matches(NO_CONTROL_CHARS, noControl)
  specialReason?: string | null;

  @ApiPropertyOptional({ type: ResponsibilityDto })
  @IsOptional() @ValidateNested() @Type(() => ResponsibilityDto)
  responsibility?: ResponsibilityDto | null;

  @ApiPropertyOptional({ example: 'E001-2026-00042', description: '原问题台账编号（由其发现本问题，须可见且同属一家企业）' })
  @IsOptional() @Matches(/^[A-Z0-9-]{2,20}-\d{4}-\d{5}$/, { message: 'originLedgerNo 必须是台账编号，如 E001-2026-00042' })
  originLedgerNo?: string | null;

  @ApiPropertyOptional({ description: '经委党委审议通过的单独立项编号（来源须为 supervision_project；仅监督处登记）' })
  @IsOptional() @IsUUID('all', { message: 'separateProjectId 必须是立项事项编号' })
  separateProjectId?: string | null;
}
