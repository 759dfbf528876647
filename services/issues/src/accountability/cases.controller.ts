import { Controller, Get, NotFoundException, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { CASE_READERS, type Principal } from '@rectify/contracts';
import { CurrentUser, Roles } from '@rectify/platform';
import { CaseListQuery } from './case.dto.js';
import { CaseRepository, type CaseRow, type MeasureRow } from './case.repository.js';
import { IssuedDocuments, renderMeasureDocument, type IssuedDocument } from './letters/issued-documents.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Accountability cases (§12) opened by the triggers T1–T4, on problems the caller may see. */
@ApiTags('accountability')
@ApiBearerAuth()
@Controller('accountability-cases')
export class CasesController {
  constructor(
    private readonly cases: CaseRepository,
    private readonly documents: IssuedDocuments,
    private readonly db: DataSource,
  ) {}

  @Get()
  @Roles(...CASE_READERS)
  @ApiOperation({ summary: '问责案件列表（可按考核年度、状态、企业、问责情形筛选）' })
  async list(@Query() query: CaseListQuery, @CurrentUser() user: Principal) {
    return this.cases.list(user, query);
  }

  @Get(':id')
  @Roles(...CASE_READERS)
  @ApiOperation({ summary: '问责案件：处理意见、会签、问责措施、考核年度、移送纪检与轨迹' })
  async detail(@Param('id') id: string, @CurrentUser() user: Principal) {
    const c = await this.cases.visible(id, user);
    return this.cases.detail(c, user);
  }

  /** The 函告 or 通报 of a measure as a Word document: the bytes stored when it was issued. */
  @Get(':id/measures/:measureId/document')
  @Roles(...CASE_READERS)
  @ApiOperation({ summary: '下载函告或通报（Word）' })
  @ApiProduces(DOCX)
  @ApiOkResponse({ description: 'docx' })
  async document(@Param('id') id: string, @Param('measureId') measureId: string, @CurrentUser() user: Principal, @Res({ passthrough: true }) res: Response) {
    const c = await this.cases.visible(id, user);
    const m = await this.cases.measure(c.id, measureId);
    if (!m || m.kind === 'talk') throw new NotFoundException(`问责措施 ${measureId} 没有可下载的文书`);
    // Stored when issued; a measure issued before documents were stored is written once from its record and kept.
    const doc = (await this.documents.get(m.id)) ?? (await this.freeze(c, m));
    if (!doc) throw new NotFoundException(`问责措施 ${measureId} 的处理意见不存在`);
    const { title, bytes } = doc;
    res.setHeader('content-type', DOCX);
    res.setHeader('content-disposition', `attachment; filename="case-${c.id}-${m.kind}-${m.id}.docx"; filename*=UTF-8''${encodeURIComponent(`${title}.docx`)}`);
    return new StreamableFile(bytes);
  }

  private async freeze(c: CaseRow, m: MeasureRow): Promise<IssuedDocument | null> {
    const opinion = (await this.cases.opinions(c.id)).find((o) => o.version === m.opinion_version);
    const rendered = await renderMeasureDocument(c, m, opinion);
    return rendered ? this.db.transaction((tx) => this.documents.store(tx, c.id, m.id, rendered)) : null;
  }
}
