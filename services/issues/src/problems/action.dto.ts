import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDefined, IsIn, IsObject, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { APPROVAL_BODIES, CRITERION_CODES, type ApprovalBody, type CriterionCode } from '@rectify/domain';
import { AMOUNT_PATTERN, IsCalendarDate, NotBlank, ResponsibilityDto } from './problem.dto.js';

const text = (max: number) => [IsString(), Length(1, max)];
function Text(max: number): PropertyDecorator {
  return (target, key) => text(max).forEach((d) => d(target, key));
}

export class ReasonDto {
  @ApiPropertyOptional({ description: '变更理由，记入审计轨迹' }) @IsOptional() @IsString() @MaxLength(1000)
  reason?: string;
}

const responsibilityRequired = { message: 'responsibility 须填写责任分解：牵头部门、配合部门和至少一名责任人' };

export class AssignResponsibilityDto extends ReasonDto {
  @ApiProperty({ type: ResponsibilityDto }) @IsDefined(responsibilityRequired) @IsObject(responsibilityRequired) @ValidateNested() @Type(() => ResponsibilityDto)
  responsibility!: ResponsibilityDto;
}

/** 调整整改责任: a new assignment after 责任分解, with the reason (recorded in the trail). */
export class ReassignResponsibilityDto {
  @ApiProperty({ type: ResponsibilityDto }) @IsDefined(responsibilityRequired) @IsObject(responsibilityRequired) @ValidateNested() @Type(() => ResponsibilityDto)
  responsibility!: ResponsibilityDto;
  @ApiProperty({ description: '调整理由，记入审计轨迹' }) @IsString({ message: 'reason 须填写调整理由' }) @Length(1, 1000) @NotBlank()
  reason!: string;
}

/** 不予销号: the supervision lead sends the problem back to follow-up audit, with the reason. */
export class CloseOutRefusalDto {
  @ApiProperty({ description: '不予销号的理由，记入审计轨迹并告知企业' }) @IsString({ message: 'reason 须填写不予销号的理由' }) @Length(1, 2000) @NotBlank()
  reason!: string;
}

export class MilestoneDto {
  @ApiProperty() @Text(200) title!: string;
  @ApiProperty({ example: '2026-09-30' }) @IsCalendarDate() dueDate!: string;
}

export class SubmitPlanDto extends ReasonDto {
  @ApiProperty({ description: '整改措施' }) @Text(5000) measures!: string;
  @ApiProperty({ type: [MilestoneDto] }) @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => MilestoneDto) milestones!: MilestoneDto[];
  @ApiProperty({ example: '2026-12-31' }) @IsCalendarDate() targetDate!: string;
}

export class ApprovalDto extends ReasonDto {
  @ApiProperty({ enum: Object.keys(APPROVAL_BODIES) }) @IsIn(Object.keys(APPROVAL_BODIES), { message: 'body 必须是 party_committee（党委会）或 board（董事会）' })
  body!: ApprovalBody;
  @ApiProperty({ example: '2026年第5次党委会' }) @Text(200) meeting!: string;
  @ApiProperty({ example: '2026-07-15' }) @IsCalendarDate() meetingDate!: string;
  @ApiProperty({ example: '党委会决议〔2026〕5号' }) @Text(100) resolutionNo!: string;
}

export class ProgressDto extends ReasonDto {
  @ApiProperty({ description: '整改进展' }) @Text(5000) progress!: string;
  @ApiPropertyOptional({ description: '本次纠正的金额（元）', example: '100000.00' })
  @IsOptional() @Matches(AMOUNT_PATTERN, { message: 'correctedAmount 必须是不超过两位小数的非负金额（元）' })
  correctedAmount?: string;
  @ApiPropertyOptional({ type: [String], description: '已上传的证明材料编号' }) @IsOptional() @IsArray() @ArrayMaxSize(50) @IsUUID('4', { each: true, message: 'evidenceIds 的每一项必须是证明材料编号' })
  evidenceIds?: string[];
}

export class ReportDto extends ReasonDto {
  @ApiProperty({ description: '整改报告' }) @Text(20000) content!: string;
}

export class TransferRefDto {
  @ApiProperty() @Text(100) transferId!: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsCalendarDate() acceptedDate!: string | null;
}

export class PlanRefDto {
  @ApiProperty() @Text(5000) measures!: string;
  @ApiProperty() @Text(50) responsiblePerson!: string;
  @ApiProperty() @IsCalendarDate() newDeadline!: string;
  @ApiPropertyOptional({ description: '新的整改期限超过下达后最长期限时的特殊事由' }) @IsOptional() @IsString() @MaxLength(2000) specialReason?: string | null;
}

export class DeterminationDto extends ReasonDto {
  @ApiProperty({ enum: CRITERION_CODES }) @IsIn([...CRITERION_CODES], { message: `criterion 必须是 ${CRITERION_CODES.join('、')} 之一` })
  criterion!: CriterionCode;
  @ApiProperty({ description: '认定依据' }) @Text(5000) basis!: string;
  @ApiPropertyOptional() @IsOptional() @Matches(AMOUNT_PATTERN, { message: 'correctedAmount 必须是不超过两位小数的非负金额（元）' }) correctedAmount?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) correctionDescription?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) controlsImprovement?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) accountabilityRecord?: string | null;
  @ApiPropertyOptional({ type: TransferRefDto }) @IsOptional() @ValidateNested() @Type(() => TransferRefDto) transfer?: TransferRefDto | null;
  @ApiPropertyOptional({ type: PlanRefDto }) @IsOptional() @ValidateNested() @Type(() => PlanRefDto) plan?: PlanRefDto | null;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() harmContinues?: boolean;
}

export class ReviewDto extends ReasonDto {
  @ApiProperty({ description: '是否认可企业的认定' }) @IsBoolean({ message: 'accept 必须是 true 或 false' }) accept!: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) comment?: string;
}

export class FollowUpDto extends ReasonDto {
  @ApiProperty({ description: '整改结果是否经得起后续审计' }) @IsBoolean({ message: 'holds 必须是 true 或 false' }) holds!: boolean;
  @ApiProperty({ description: '后续审计发现' }) @Text(5000) findings!: string;
}

export class CloseOutDto extends ReasonDto {
  @ApiProperty({ description: '销号验收意见' }) @Text(2000) opinion!: string;
}

export class ExtensionRequestDto {
  @ApiProperty({ example: '2027-03-31' }) @IsCalendarDate() requestedDeadline!: string;
  @ApiProperty({ description: '延期理由（客观原因）' }) @Text(2000) reason!: string;
  @ApiPropertyOptional({ description: '超过 6 个月时限的特殊事由' }) @IsOptional() @IsString() @MaxLength(2000) specialReason?: string | null;
}

export class ExtensionDecisionDto extends ReasonDto {
  @ApiProperty() @IsBoolean({ message: 'approve 必须是 true 或 false' }) approve!: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) comment?: string;
}

export class HandlingProposalDto extends ReasonDto {
  @ApiProperty({ description: '处理建议（报党委会、董事会）' }) @Text(5000) proposal!: string;
  @ApiProperty({ type: [String], description: '会同提出的部门，如 纪检部门、组织部门' })
  @IsArray() @ArrayMaxSize(10) @IsString({ each: true }) @Length(1, 50, { each: true })
  coDrafters!: string[];
}

/** §13: the enterprise's leadership records that it does not adopt the Commission's opinion. */
export class OpinionRejectionDto {
  @ApiProperty({ description: '不采纳的市国资委监管意见（如整改意见、复核意见）' }) @Text(2000) opinion!: string;
  @ApiProperty({ description: '不采纳的理由' }) @Text(2000) reason!: string;
}

export class TransferDto extends ReasonDto {
  @ApiProperty({ description: '移送事项与线索说明' }) @Text(5000) content!: string;
}

export class TransferDecisionDto extends ReasonDto {
  @ApiProperty({ description: '是否受理' }) @IsBoolean({ message: 'accept 必须是 true 或 false' }) accept!: boolean;
  @ApiPropertyOptional({ example: '2026-11-20', description: '受理日期（受理时必填）' }) @IsOptional() @IsCalendarDate() acceptedOn?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}
