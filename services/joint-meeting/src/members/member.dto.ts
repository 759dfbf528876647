import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { MEMBER_KINDS, type MemberKind } from '@rectify/contracts';
import { Text } from '../common/validators.js';

export class MemberDto {
  @ApiProperty({ example: '企业改革处' }) @Text(100) name!: string;
  @ApiProperty({ enum: Object.keys(MEMBER_KINDS) })
  @IsIn(Object.keys(MEMBER_KINDS), { message: 'kind 必须是 division（委内业务处室）或 discipline（纪检组）' })
  kind!: MemberKind;
  @ApiPropertyOptional({ description: '排列顺序' }) @IsOptional() @IsInt({ message: 'sortOrder 必须是整数' }) @Min(0) @Max(9999) sortOrder?: number;
  @ApiPropertyOptional({ description: '是否仍是成员单位' }) @IsOptional() @IsBoolean({ message: 'active 必须是 true 或 false' }) active?: boolean;
}
