import { Controller, Get, NotFoundException, Param, ParseUUIDPipe, Post, Res, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type {} from 'multer';
import { JOINT_OFFICE_READERS, MEMBER_UNIT_ROLES, ROLES, type Principal } from '@rectify/contracts';
import { CurrentUser, Roles } from '@rectify/platform';
import { AttachmentStore } from './attachment-store.js';

/** Attachments of pushes (by the office) and of responses (by a unit's officer). */
@ApiTags('joint-meeting attachments')
@ApiBearerAuth()
@Controller('attachments')
export class AttachmentsController {
  constructor(private readonly store: AttachmentStore) {}

  @Post()
  @Roles(ROLES.JOINT_OFFICE, ROLES.MEMBER_UNIT_OFFICER)
  @ApiOperation({ summary: '上传附件（随后在推送或反馈中按编号引用）' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: 64 * 1024 * 1024, files: 1, fields: 5 } }))
  async upload(@UploadedFile() file: Express.Multer.File | undefined, @CurrentUser() user: Principal) {
    return this.store.store(file, user);
  }

  @Get(':id')
  @Roles(...JOINT_OFFICE_READERS, ...MEMBER_UNIT_ROLES)
  @ApiOperation({ summary: '下载附件' })
  async download(
    @Param('id', new ParseUUIDPipe({ exceptionFactory: () => new NotFoundException('附件不存在') })) id: string,
    @CurrentUser() user: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const { row, stream } = await this.store.readable(id, user);
    res.setHeader('content-type', row.contentType);
    res.setHeader('content-length', String(row.sizeBytes));
    res.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(row.fileName)}`);
    res.setHeader('x-content-sha256', row.sha256);
    res.setHeader('x-content-type-options', 'nosniff');
    return new StreamableFile(stream());
  }
}
