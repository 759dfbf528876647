import {
  BadRequestException,
  Controller,
  Get,
  Inject,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  PayloadTooLargeException,
  Post,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type {} from 'multer';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { LEDGER_NO, ROLES, type Principal } from '@rectify/contracts';
import { APP_CONFIG, CurrentUser, Roles } from '@rectify/platform';
import type { IssuesConfig } from '../config.js';
import { LedgerRepository } from '../problems/ledger.repository.js';
import { recogniseEvidence, safeFileName } from './file-type.js';

interface EvidenceRow {
  id: string;
  file_name: string;
  content_type: string;
  size_bytes: string;
  sha256: string;
  storage_key: string;
  uploaded_by: string;
  uploaded_at: Date;
}

/**
 * Evidence files (证明材料): stored outside the database under EVIDENCE_DIR, recorded with their
 * SHA-256, size and recognised type; downloadable only by those who may see the problem.
 */
@ApiTags('evidence')
@ApiBearerAuth()
@Controller('problems/:ledgerNo/evidence')
export class EvidenceController {
  private readonly root: string;

  constructor(
    private readonly db: DataSource,
    private readonly ledger: LedgerRepository,
    @Inject(APP_CONFIG) private readonly config: IssuesConfig,
  ) {
    this.root = resolve(config.EVIDENCE_DIR);
  }

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
    if (!file) throw new BadRequestException('file：请以 multipart/form-data 的 file 字段上传文件');
    if (file.size > this.config.EVIDENCE_MAX_BYTES) {
      throw new PayloadTooLargeException(`file：文件大小 ${file.size} 字节超过上限 ${this.config.EVIDENCE_MAX_BYTES} 字节`);
    }
    if (file.size === 0) throw new BadRequestException('file：文件为空');
    const name = safeFileName(Buffer.from(file.originalname, 'latin1').toString('utf8'));
    if (!name) throw new BadRequestException('file：文件名无效');
    const recognised = recogniseEvidence(name, file.mimetype, file.buffer);
    if ('refusal' in recognised) throw new BadRequestException(recognised.refusal);

    const id = randomUUID();
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    const key = join(sha256.slice(0, 2), id);
    const target = join(this.root, key);
    await mkdir(join(this.root, sha256.slice(0, 2)), { recursive: true });
    // Written under a temporary name, then renamed: a crash never leaves a half file under a recorded key.
    await writeFile(`${target}.part`, file.buffer, { flag: 'wx' });
    await rename(`${target}.part`, target);
    await this.db.query(
      `INSERT INTO issues.evidence_files (id, problem_id, file_name, content_type, size_bytes, sha256, storage_key, uploaded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [id, problem.id, name, recognised.type.mime, file.size, sha256, key, user.displayName],
    );
    return { id, fileName: name, contentType: recognised.type.mime, sizeBytes: file.size, sha256 };
  }

  @Get()
  async list(@Param('ledgerNo') ledgerNo: string, @CurrentUser() user: Principal) {
    const problem = await this.problem(ledgerNo, user);
    const rows: EvidenceRow[] = await this.db.query('SELECT * FROM issues.evidence_files WHERE problem_id = $1 ORDER BY uploaded_at, id', [problem.id]);
    return rows.map((r) => ({ id: r.id, fileName: r.file_name, contentType: r.content_type, sizeBytes: Number(r.size_bytes), sha256: r.sha256, uploadedBy: r.uploaded_by, uploadedAt: r.uploaded_at }));
  }

  @Get(':id')
  async download(
    @Param('ledgerNo') ledgerNo: string,
    @Param('id', new ParseUUIDPipe({ exceptionFactory: () => new NotFoundException('证明材料不存在') })) id: string,
    @CurrentUser() user: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const problem = await this.problem(ledgerNo, user);
    const rows: EvidenceRow[] = await this.db.query('SELECT * FROM issues.evidence_files WHERE problem_id = $1 AND id = $2', [problem.id, id]);
    const row = rows[0];
    if (!row) throw new NotFoundException('证明材料不存在');
    res.setHeader('content-type', row.content_type);
    res.setHeader('content-length', row.size_bytes);
    res.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(row.file_name)}`);
    res.setHeader('x-content-sha256', row.sha256);
    res.setHeader('x-content-type-options', 'nosniff');
    return new StreamableFile(createReadStream(join(this.root, row.storage_key)));
  }
}
