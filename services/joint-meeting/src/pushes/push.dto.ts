import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, Min } from 'class-validator';
import { LEDGER_NO } from '@rectify/contracts';
import { PageQuery } from '@rectify/platform';
import { IsCalendarDate, LEDGER_NO_MESSAGE, Text } from '../common/validators.js';

export class CreatePushDto {
  @ApiProperty({ description: '推送事项', example: '协调解决历史遗留产权登记问题' }) @Text(200) subject!: string;
  @ApiProperty({ description: '推送内容（需协助解决的事项、背景和要求）' }) @Text(20000) content!: string;
  @ApiProperty({ type: [String], description: '推送的成员单位代码', example: ['U-REFORM', 'U-PROPERTY'] })
  @IsArray({ message: 'units 必须是成员单位代码的数组' }) @ArrayMinSize(1, { message: 'units 至少选择一个成员单位' }) @ArrayMaxSize(50) @ArrayUnique({ message: 'units 不能重复' })
  @Matches(/^[A-Z0-9-]{2,20}$/, { each: true, message: 'units 的每一项必须是成员单位代码' })
  units!: string[];
  @ApiProperty({ description: '书面回复期限', example: '2026-12-15' }) @IsCalendarDate() replyBy!: string;
  @ApiPropertyOptional({ type: [String], description: '关联问题的台账编号' })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @ArrayUnique({ message: 'ledgerNos 不能重复' }) @Matches(LEDGER_NO, { each: true, message: LEDGER_NO_MESSAGE })
  ledgerNos?: string[];
  @ApiPropertyOptional({ type: [String], description: '已上传附件的编号（POST /attachments）' })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ArrayUnique() @IsUUID('4', { each: true, message: 'attachmentIds 的每一项必须是附件编号' })
  attachmentIds?: string[];
  @ApiPropertyOptional({ description: '由会议议定事项转为推送时：会议编号' }) @IsOptional() @IsUUID('4', { message: 'meetingId 必须是会议编号' }) meetingId?: string;
  @ApiPropertyOptional({ description: '由会议议定事项转为推送时：议定事项序号（从 0 开始）' }) @IsOptional() @IsInt({ message: 'decisionIndex 必须是整数' }) @Min(0) decisionIndex?: number;
}

export class PushListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['open', 'closed'] }) @IsOptional() @IsIn(['open', 'closed'], { message: 'status 必须是 open 或 closed' }) status?: 'open' | 'closed';
}

export class DraftResponseDto {
  @ApiProperty({ description: '本单位意见' }) @Text(20000) opinion!: string;
  @ApiProperty({ description: '解决情况' }) @Text(20000) resolution!: string;
  @ApiPropertyOptional({ type: [String], description: '已上传附件的编号' })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ArrayUnique() @IsUUID('4', { each: true, message: 'attachmentIds 的每一项必须是附件编号' })
  attachmentIds?: string[];
}

export class ApproveResponseDto {
  @ApiPropertyOptional({ description: '审核意见' }) @IsOptional() @IsString() @MaxLength(2000) comment?: string;
}

export class ReturnResponseDto {
  @ApiProperty({ description: '退回修改的意见' }) @Text(2000) comment!: string;
}
