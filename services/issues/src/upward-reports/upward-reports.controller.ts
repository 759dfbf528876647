import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { APPROVAL_DECIDERS, APPROVAL_READERS, type Principal } from '@rectify/contracts';
import { CurrentUser, Roles } from '@rectify/platform';
import { ApprovalDecisionDto } from '../separate-projects/decision.dto.js';
import { UpwardReportListQuery } from './upward-report.dto.js';
import { UpwardReportsService } from './upward-reports.service.js';
import { IdempotencyKey, OwnIdempotency } from '../requests/action-requests.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** 上报 (policy 第十三条): proposals started by problem workflows, decided by the Commission party committee. */
@ApiTags('upward reports')
@ApiBearerAuth()
@Controller('upward-reports')
export class UpwardReportsController {
  constructor(private readonly reports: UpwardReportsService) {}

  @Get()
  @Roles(...APPROVAL_READERS)
  @ApiOperation({ summary: '上报事项列表' })
  list(@Query() query: UpwardReportListQuery) {
    return this.reports.list(query);
  }

  @Get(':id')
  @Roles(...APPROVAL_READERS)
  @ApiOperation({ summary: '上报事项详情：审议记录、报告及报送记录' })
  detail(@Param('id') id: string) {
    return this.reports.detail(id);
  }

  @Get(':id/workflow')
  @Roles(...APPROVAL_READERS)
  @ApiOperation({ summary: '上报审议流程状态（催办次数、下次催办时间）' })
  workflow(@Param('id') id: string) {
    return this.reports.workflow(id);
  }

  @Get(':id/report.docx')
  @Roles(...APPROVAL_READERS)
  @ApiProduces(DOCX)
  @ApiOperation({ summary: '下载上报报告（docx，仅审议通过后形成）' })
  async document(@Param('id') id: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const { docx, title } = await this.reports.document(id);
    res.setHeader('content-type', DOCX);
    res.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${title}.docx`)}`);
    return new StreamableFile(docx);
  }

  @Post(':id/decision')
  @HttpCode(200)
  @Roles(...APPROVAL_DECIDERS)
  @ApiOperation({ summary: '委党委审议：通过（填写报告文号，形成报告并登记报送）或不予通过（说明理由）' })
  @OwnIdempotency()
  decide(@Param('id') id: string, @Body() body: ApprovalDecisionDto, @CurrentUser() user: Principal, @IdempotencyKey() key: string | null) {
    return this.reports.decide(id, body, user, key);
  }
}
