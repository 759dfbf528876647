import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { APPROVAL_STATUSES, type ApprovalStatus } from '@rectify/contracts';

export class UpwardReportListQuery {
  @ApiPropertyOptional({ enum: Object.keys(APPROVAL_STATUSES) })
  @IsOptional() @IsIn(Object.keys(APPROVAL_STATUSES), { message: `status 必须是 ${Object.keys(APPROVAL_STATUSES).join('、')} 之一` })
  status?: ApprovalStatus;

  @ApiPropertyOptional({ example: 'E001-2026-00042' })
  @IsOptional() @Matches(/^[A-Z0-9-]{2,20}-\d{4}-\d{5}$/, { message: 'ledgerNo 必须是台账编号' })
  ledgerNo?: string;
}
