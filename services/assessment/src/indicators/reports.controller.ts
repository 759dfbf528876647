import { BadRequestException, Controller, Get, Header, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ValidateBy } from 'class-validator';
import type { Principal } from '@rectify/contracts';
import { isLocalDate } from '@rectify/domain';
import { CurrentUser, Roles } from '@rectify/platform';
import { buildAnnualReport, buildIndicatorWorkbook } from '../reports/index.js';
import { ReportAssembler } from './report-assembler.js';
import { assessmentScope, REPORT_READERS } from './scope.js';

const IsDate = () => ValidateBy({ name: 'isDate', validator: { validate: (v: unknown) => isLocalDate(v), defaultMessage: (a) => `${a?.property} 必须是真实存在的日期，格式 YYYY-MM-DD` } });

export class PeriodQuery {
  @ApiProperty({ example: '2026-01-01' }) @IsDate() from!: string;
  @ApiProperty({ example: '2026-12-31' }) @IsDate() to!: string;
}


function checkPeriod(q: PeriodQuery): void {
  if (q.from > q.to) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: ['to: 结束日期不能早于开始日期'], fields: [{ field: 'to', reasons: ['结束日期不能早于开始日期'] }] });
}

/**
 * The annual report to the People's Congress (docx) and the indicator workbook (xlsx) for a period,
 * live and within what the reader may count. The official, published ones are under /publications.
 */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
@Roles(...REPORT_READERS)
export class ReportsController {
  constructor(private readonly assembler: ReportAssembler) {}

  @Get('annual.docx')
  @Header('x-rectify-basis', 'live-per-reader')
  @Header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
  @Header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('审计整改情况报告.docx')}`)
  async annual(@Query() q: PeriodQuery, @CurrentUser() user: Principal): Promise<StreamableFile> {
    checkPeriod(q);
    const data = await this.assembler.assemble(`${q.from.slice(0, 4)}年度审计整改情况报告`, q.from, q.to, { scope: assessmentScope(user) });
    return new StreamableFile(await buildAnnualReport(data));
  }

  @Get('indicators.xlsx')
  @Header('x-rectify-basis', 'live-per-reader')
  @Header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @Header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('整改指标.xlsx')}`)
  async workbook(@Query() q: PeriodQuery, @CurrentUser() user: Principal): Promise<StreamableFile> {
    checkPeriod(q);
    const data = await this.assembler.assemble('审计整改指标', q.from, q.to, { scope: assessmentScope(user) });
    return new StreamableFile(await buildIndicatorWorkbook(data));
  }
}
