import { Body, Controller, Get, NotFoundException, Param, ParseUUIDPipe, Post, Query, Res, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type {} from 'multer';
import { ROLES, VISIT_READERS, VISIT_RECORDERS, type Principal } from '@rectify/contracts';
import { CurrentUser, mapPage, Roles } from '@rectify/platform';
import { EvidenceStore } from '../evidence/evidence.store.js';
import { SupervisionEventsRepository } from './supervision-events.repository.js';
import { CreateVisitDto, ListVisitsQuery } from './supervision.dto.js';
import { VisitRecordsRepository, visitSummary, visitTopics } from './visit-records.repository.js';
import { VisitRecordsService } from './visit-records.service.js';

const notFound = () => new NotFoundException('督办记录不存在');
const uuid = () => new ParseUUIDPipe({ exceptionFactory: notFound });

/**
 * 督办记录: the supervision group records each on-site visit (入户督办) to an enterprise — date,
 * team, the problems covered, the five topics of 第十条, findings and evidence files.
 */
@ApiTags('supervision')
@ApiBearerAuth()
@Controller('supervision/records')
export class VisitRecordsController {
  constructor(
    private readonly records: VisitRecordsRepository,
    private readonly service: VisitRecordsService,
    private readonly events: SupervisionEventsRepository,
    private readonly evidence: EvidenceStore,
  ) {}

  @Post()
  @Roles(...VISIT_RECORDERS)
  @ApiOperation({ summary: '记录一次入户督办' })
  async create(@Body() body: CreateVisitDto, @CurrentUser() user: Principal) {
    const id = await this.service.record(body, user);
    return this.detail(id, user);
  }

  @Get()
  @Roles(...VISIT_READERS)
  @ApiOperation({ summary: '督办记录列表（按企业、问题、月份筛选）' })
  async list(@Query() query: ListVisitsQuery, @CurrentUser() user: Principal) {
    return mapPage(await this.records.list(query, user), visitSummary);
  }

  @Get(':id')
  @Roles(...VISIT_READERS)
  @ApiOperation({ summary: '督办记录详情：涉及问题、五个方面的督办情况、证明材料、事件记录' })
  async detail(@Param('id', uuid()) id: string, @CurrentUser() user: Principal) {
    const row = await this.records.visible(id, user);
    if (!row) throw notFound();
    const [problems, evidence, events] = await Promise.all([this.records.problemsOf(id), this.evidence.list({ supervisionRecordId: id }), this.events.of('record', id)]);
    return { ...visitSummary(row), topics: visitTopics(row), problems, evidence, events };
  }

  @Post(':id/evidence')
  @Roles(ROLES.SUPERVISION_GROUP, ROLES.SUPERVISION_OFFICER)
  @ApiOperation({ summary: '为督办记录上传证明材料' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: 64 * 1024 * 1024, files: 1, fields: 5 } }))
  async upload(@Param('id', uuid()) id: string, @UploadedFile() file: Express.Multer.File | undefined, @CurrentUser() user: Principal) {
    if (!(await this.records.visible(id, user))) throw notFound();
    const saved = await this.evidence.save({ supervisionRecordId: id }, file, user.displayName);
    await this.service.evidenceAdded(id, saved, user);
    return saved;
  }

  @Get(':id/evidence/:fileId')
  @Roles(...VISIT_READERS)
  @ApiOperation({ summary: '下载督办记录的证明材料' })
  async download(
    @Param('id', uuid()) id: string,
    @Param('fileId', new ParseUUIDPipe({ exceptionFactory: () => new NotFoundException('证明材料不存在') })) fileId: string,
    @CurrentUser() user: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    if (!(await this.records.visible(id, user))) throw notFound();
    return this.evidence.download({ supervisionRecordId: id }, fileId, res);
  }
}
