import { Controller, Get, NotFoundException, Param, ParseUUIDPipe, Post, Res, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type {} from 'multer';
import { LEDGER_NO, ROLES, type Principal } from '@rectify/contracts';
import { CurrentUser, Roles } from '@rectify/platform';
import { LedgerRepository } from '../problems/ledger.repository.js';
import { EvidenceStore } from './evidence.store.js';

/**
 * Evidence files (证明材料): stored outside the database under EVIDENCE_DIR, recorded with their
 * SHA-256, size and recognised type; downloadable only by those who may see the problem.
 */
@ApiTags('evidence')
@ApiBearerAuth()
@Controller('problems/:ledgerNo/evidence')
export class EvidenceController {
  constructor(
    private readonly ledger: LedgerRepository,
    private readonly store: EvidenceStore,
  ) {}

  private async problem(ledgerNo: string, user: Principal) {
    const row = LEDGER_NO.test(ledgerNo) ? await this.ledger.visible(ledgerNo, user) : undefined;
    if (!row) throw new NotFoundException(`问题 ${ledgerNo} 不存在`);
    return row;
  }

  @Post()
  @Roles(ROLES.ENTERPRISE_BUSINESS, ROLES.ENTERPRISE_AUDIT, ROLES.SUPERVISION_GROUP, ROLES.SUPERVISION_OFFICER)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: 64 * 1024 * 1024, files: 1, fields: 5 } }))
  async upload(@Param('ledgerNo') ledgerNo: string, @UploadedFile() file: Express.Multer.File | undefined, @CurrentUser() user: Principal) {
    const problem = await this.problem(ledgerNo, user);
    return this.store.save({ problemId: problem.id }, file, user.displayName);
  }

  @Get()
  async list(@Param('ledgerNo') ledgerNo: string, @CurrentUser() user: Principal) {
    const problem = await this.problem(ledgerNo, user);
    return this.store.list({ problemId: problem.id });
  }

  @Get(':id')
  async download(
    @Param('ledgerNo') ledgerNo: string,
    @Param('id', new ParseUUIDPipe({ exceptionFactory: () => new NotFoundException('证明材料不存在') })) id: string,
    @CurrentUser() user: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const problem = await this.problem(ledgerNo, user);
    return this.store.download({ problemId: problem.id }, id, res);
  }
}
