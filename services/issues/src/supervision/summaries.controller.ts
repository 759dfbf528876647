import { Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, ParseUUIDPipe, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Client } from '@temporalio/client';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { monthLabel, ROLES, SUMMARY_READERS, SUMMARY_TRIGGERERS, SUPERVISION_SUMMARY_WORKFLOW, TASK_QUEUES, type Principal } from '@rectify/contracts';
import { localDateOf, type Policy } from '@rectify/domain';
import { CurrentUser, POLICY, Roles, TEMPORAL_CLIENT } from '@rectify/platform';
import type { SupervisionSummaryInput } from '@rectify/workflows';
import { fieldError } from './field-error.js';
import { ListSummariesQuery, TriggerSummaryDto } from './supervision.dto.js';

const notFound = () => new NotFoundException('督办情况汇总分析不存在');
const uuid = () => new ParseUUIDPipe({ exceptionFactory: notFound });
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** 督办情况汇总分析: produced monthly by the schedule `supervision-summary`, or on demand for a month. */
@ApiTags('supervision')
@ApiBearerAuth()
@Controller('supervision/summaries')
export class SummariesController {
  constructor(
    private readonly db: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  @Post()
  @HttpCode(202)
  @Roles(...SUMMARY_TRIGGERERS)
  @ApiOperation({ summary: '为指定月份生成督办情况汇总分析（异步，返回流程编号）' })
  async trigger(@Body() body: TriggerSummaryDto, @CurrentUser() user: Principal) {
    const thisMonth = localDateOf(Date.now(), this.policy).slice(0, 7);
    if (body.month > thisMonth) throw fieldError('month', `month 不能晚于本月（${thisMonth}）`);
    const workflowId = `supervision-summary-${body.month}-${randomUUID()}`;
    const input: SupervisionSummaryInput = { month: body.month, policy: { slowProgressDays: this.policy.slowProgressDays, utcOffsetMinutes: this.policy.utcOffsetMinutes } };
    await this.client.workflow.start(SUPERVISION_SUMMARY_WORKFLOW, { taskQueue: TASK_QUEUES.workflows, workflowId, args: [input], memo: { requestedBy: user.displayName } });
    return { workflowId, month: body.month, monthLabel: monthLabel(body.month) };
  }

  @Get()
  @Roles(...SUMMARY_READERS, ROLES.OPERATOR)
  @ApiOperation({ summary: '汇总分析列表（不含内容）' })
  async list(@Query() query: ListSummariesQuery) {
    const rows = await this.db.query(
      `SELECT id, run_key AS "workflowId", month, generated_at AS "generatedAt", file_name AS "fileName", sha256, data->'totals' AS totals
       FROM issues.supervision_summaries ${query.month ? 'WHERE month = $1' : ''} ORDER BY month DESC, generated_at DESC LIMIT 200`,
      query.month ? [query.month] : [],
    );
    return { items: rows.map((r: { month: string }) => ({ ...r, monthLabel: monthLabel(r.month) })) };
  }

  @Get(':id')
  @Roles(...SUMMARY_READERS)
  @ApiOperation({ summary: '汇总分析内容' })
  async detail(@Param('id', uuid()) id: string) {
    const rows: { id: string; month: string; generated_at: Date; file_name: string; data: object }[] = await this.db.query(
      'SELECT id, month, generated_at, file_name, data FROM issues.supervision_summaries WHERE id = $1',
      [id],
    );
    const row = rows[0];
    if (!row) throw notFound();
    return { id: row.id, month: row.month, generatedAt: row.generated_at, fileName: row.file_name, ...row.data };
  }

  @Get(':id/document')
  @Roles(...SUMMARY_READERS)
  @ApiProduces(DOCX)
  @ApiOperation({ summary: '下载汇总分析（Word 文档）' })
  async document(@Param('id', uuid()) id: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const rows: { file_name: string; document: Buffer; sha256: string }[] = await this.db.query('SELECT file_name, document, sha256 FROM issues.supervision_summaries WHERE id = $1', [id]);
    const row = rows[0];
    if (!row) throw notFound();
    res.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(row.file_name)}`);
    res.setHeader('x-content-sha256', row.sha256);
    return new StreamableFile(row.document, { type: DOCX, length: row.document.length });
  }
}
