import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { APPROVAL_STATUSES, SEPARATE_PROJECT_KINDS, type ApprovalStatus, type SeparateProjectKind } from '@rectify/contracts';
import { NO_CONTROL_CHARS } from '@rectify/platform';

const noControl = { message: '$property 不能包含控制字符' };

/** POST /separate-projects: propose a separate project from a major clue (第十条). */
export class ProposeSeparateProjectDto {
  @ApiProperty({ example: 'E001-2026-00042', description: '发现线索的原问题台账编号' })
  @IsString() @Matches(/^[A-Z0-9-]{2,20}-\d{4}-\d{5}$/, { message: 'originLedgerNo 必须是台账编号，如 E001-2026-00042' })
  originLedgerNo!: string;

  @ApiProperty({ enum: Object.keys(SEPARATE_PROJECT_KINDS), description: 'verification 专项核查 / audit 专项审计 / asset_loss_investigation 重大资产损失责任追究专项调查' })
  @IsIn(Object.keys(SEPARATE_PROJECT_KINDS), { message: `kind 必须是 ${Object.keys(SEPARATE_PROJECT_KINDS).join('、')} 之一` })
  kind!: SeparateProjectKind;

  @ApiProperty({ example: '关于某集团股权转让问题的专项核查' })
  @IsString() @Length(1, 200, { message: 'title 为 1 到 200 个字符' }) @Matches(NO_CONTROL_CHARS, noControl)
  title!: string;

  @ApiProperty({ description: '督办中发现的重大问题线索' })
  @IsString() @Length(1, 5000, { message: 'clue 为 1 到 5000 个字符' }) @Matches(NO_CONTROL_CHARS, noControl)
  clue!: string;

  @ApiProperty({ description: '提请单独立项的理由' })
  @IsString() @Length(1, 5000, { message: 'reasons 为 1 到 5000 个字符' }) @Matches(NO_CONTROL_CHARS, noControl)
  reasons!: string;

  @ApiPropertyOptional({ example: 'E002', description: '立项针对的企业；默认原问题所属企业，明确填写时可为另一企业' })
  @IsOptional() @Matches(/^[A-Z0-9-]{2,20}$/, { message: 'enterpriseCode 必须是企业编码（大写字母、数字、连字符）' })
  enterpriseCode?: string;
}

export class SeparateProjectListQuery {
  @ApiPropertyOptional({ enum: Object.keys(APPROVAL_STATUSES) })
  @IsOptional() @IsIn(Object.keys(APPROVAL_STATUSES), { message: `status 必须是 ${Object.keys(APPROVAL_STATUSES).join('、')} 之一` })
  status?: ApprovalStatus;

  @ApiPropertyOptional({ example: 'E001-2026-00042' })
  @IsOptional() @Matches(/^[A-Z0-9-]{2,20}-\d{4}-\d{5}$/, { message: 'originLedgerNo 必须是台账编号' })
  originLedgerNo?: string;
}
