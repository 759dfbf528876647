import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsString, Length, Matches, ValidateIf } from 'class-validator';
import { NO_CONTROL_CHARS } from '@rectify/platform';


/** The party committee's decision on a proposal (另行立项 or 上报). */
export class ApprovalDecisionDto {
  @ApiProperty({ description: '是否审议通过' })
  @IsBoolean({ message: 'approve 必须是 true 或 false' })
  approve!: boolean;

  @ApiPropertyOptional({ description: '审议通过时必填：立项文号或报告文号', example: '市国资党委〔2026〕21号' })
  @ValidateIf((o: ApprovalDecisionDto) => o.approve === true)
  @IsString({ message: 'documentNumber：审议通过时须填写文号' })
  @Length(1, 100, { message: 'documentNumber：文号为 1 到 100 个字符' })
  @Matches(NO_CONTROL_CHARS, { message: 'documentNumber 不能包含控制字符' })
  documentNumber?: string;

  @ApiPropertyOptional({ description: '未予通过时必填：理由；通过时可填审议意见' })
  @ValidateIf((o: ApprovalDecisionDto) => o.approve === false || o.reason !== undefined)
  @IsString({ message: 'reason：未予通过时须说明理由' })
  @Length(1, 2000, { message: 'reason：理由为 1 到 2000 个字符' })
  @Matches(NO_CONTROL_CHARS, { message: 'reason 不能包含控制字符' })
  reason?: string;
}
