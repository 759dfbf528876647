import { Controller, Get, NotFoundException, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CASE_READERS, type Principal } from '@rectify/contracts';
import { CurrentUser, Roles } from '@rectify/platform';
import { CaseListQuery } from './case.dto.js';
import { CaseRepository, defaultAssessmentYear } from './case.repository.js';
import { circularNotice, circularTitle } from './letters/circular-notice.js';
import { letterOfNotice, letterTitle } from './letters/letter-of-notice.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Accountability cases (§12) opened by the triggers T1–T4, on problems the caller may see. */
@ApiTags('accountability')
@ApiBearerAuth()
@Controller('accountability-cases')
export class CasesController {
  constructor(private readonly cases: CaseRepository) {}

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

  /** The 函告 or 通报 of a measure as a Word document. */
  @Get(':id/measures/:measureId/document')
  @Roles(...CASE_READERS)
  @ApiOperation({ summary: '下载函告或通报（Word）' })
  @ApiProduces(DOCX)
  @ApiOkResponse({ description: 'docx' })
  async document(@Param('id') id: string, @Param('measureId') measureId: string, @CurrentUser() user: Principal, @Res({ passthrough: true }) res: Response) {
    const c = await this.cases.visible(id, user);
    const m = await this.cases.measure(c.id, measureId);
    if (!m || m.kind === 'talk') throw new NotFoundException(`问责措施 ${measureId} 没有可下载的文书`);
    const enterpriseName = c.enterprise_name ?? c.enterprise_code;
    const d = m.details;
    let bytes: Buffer;
    let title: string;
    if (m.kind === 'letter') {
      const opinion = (await this.cases.opinions(c.id)).find((o) => o.version === m.opinion_version);
      if (!opinion) throw new NotFoundException(`问责措施 ${measureId} 的处理意见不存在`);
      title = letterTitle({ enterpriseName });
      bytes = await letterOfNotice({
        letterNo: String(d['letterNo']),
        enterpriseName,
        ledgerNo: c.ledger_no,
        title: c.title,
        document: { type: c.doc_type, number: c.doc_number, issuer: c.doc_issuer, issueDate: c.doc_issue_date },
        trigger: c.trigger,
        findings: opinion.findings,
        responsibility: opinion.responsibility,
        requiredCorrections: String(d['requiredCorrections']),
        replyBy: (d['replyBy'] as string | null) ?? null,
        assessmentYear: (d['assessmentYear'] as number | null) ?? c.assessment_year ?? defaultAssessmentYear(new Date(c.opened_at)),
        issuedAt: m.issued_at,
      });
    } else {
      title = circularTitle({ enterpriseName });
      bytes = await circularNotice({ enterpriseName, ledgerNo: c.ledger_no, title: c.title, trigger: c.trigger, scope: String(d['scope']), text: String(d['text']), issuedAt: m.issued_at });
    }
    res.setHeader('content-type', DOCX);
    res.setHeader('content-disposition', `attachment; filename="case-${c.id}-${m.kind}-${m.id}.docx"; filename*=UTF-8''${encodeURIComponent(`${title}.docx`)}`);
    return new StreamableFile(bytes);
  }
}
