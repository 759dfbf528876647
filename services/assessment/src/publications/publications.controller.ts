import { Body, Controller, Get, Headers, NotFoundException, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { Response } from 'express';
import { isEnterpriseRole, ROLE_LABELS, type Principal, type Role } from '@rectify/contracts';
import { CurrentUser, HandlesIdempotency, Roles } from '@rectify/platform';
import { COMMISSION_INDICATOR_READERS, INDICATOR_READERS, PUBLISHERS } from '../indicators/scope.js';
import { mayReadFigures, mayReadFile, PUBLICATION_KINDS, readableKinds, type PublicationKind } from './publication-kinds.js';
import { PublicationRepository, type PublicationRow } from './publication.repository.js';
import { Publisher } from './publisher.js';

const KINDS = Object.keys(PUBLICATION_KINDS);
const KIND_MESSAGE = `kind 必须是 ${KINDS.join('、')} 之一`;

export class PublishDto {
  @ApiProperty({ enum: KINDS, example: 'scores' }) @IsIn(KINDS, { message: KIND_MESSAGE }) kind!: PublicationKind;
  @ApiProperty({ example: 2026 }) @IsInt({ message: 'year 必须是年份' }) @Min(2000, { message: 'year 必须是年份' }) @Max(2100, { message: 'year 必须是年份' }) year!: number;
}

export class PublicationListQuery {
  @ApiPropertyOptional({ enum: KINDS }) @IsOptional() @IsIn(KINDS, { message: KIND_MESSAGE }) kind?: PublicationKind;
  @ApiPropertyOptional({ example: 2026 }) @IsOptional() @Type(() => Number) @IsInt({ message: 'year 必须是年份' }) @Min(2000, { message: 'year 必须是年份' }) @Max(2100, { message: 'year 必须是年份' })
  year?: number;
}

function view(p: PublicationRow) {
  return {
    id: p.id,
    kind: p.kind,
    kindLabel: PUBLICATION_KINDS[p.kind].label,
    year: p.year,
    number: p.number,
    current: p.current,
    publishedBy: p.published_by_name,
    publishedRole: p.published_role,
    publishedRoleLabel: ROLE_LABELS[p.published_role as Role] ?? p.published_role,
    publishedAt: new Date(p.published_at).toISOString(),
    fileName: p.file_name,
    contentType: p.content_type,
    size: p.size,
    sha256: p.sha256,
  };
}

/** An enterprise user reads its own line of the published scores; everyone else the figures as published. */
function figuresFor(kind: PublicationKind, figures: unknown, user: Principal): unknown {
  if (!isEnterpriseRole(user.role) || kind !== 'scores') return figures;
  const f = figures as { enterprises: { enterpriseCode: string }[] };
  return { ...f, enterprises: f.enterprises.filter((e) => e.enterpriseCode === user.enterpriseCode) };
}

/**
 * The official outputs: the year's scores, the report to the People's Congress and the indicator
 * workbook, published by the Supervision Division as numbered, immutable snapshots over every
 * problem. Every reader downloads the same stored file; re-publishing makes a new number, and the
 * latest of a kind and year is the current one.
 */
@ApiTags('publications')
@ApiBearerAuth()
@Controller('publications')
export class PublicationsController {
  constructor(
    private readonly publications: PublicationRepository,
    private readonly publisher: Publisher,
  ) {}

  @Post()
  @Roles(...PUBLISHERS)
  @ApiOperation({ summary: '发布年度考核评分、人大报告或指标工作簿（编号、不可修改的快照）' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '同一键重复提交只发布一次' })
  @HandlesIdempotency() // the publication itself keeps the key (one publication per key)
  async publish(@Body() body: PublishDto, @CurrentUser() user: Principal, @Headers('idempotency-key') idempotencyKey: string | undefined, @Res({ passthrough: true }) res: Response) {
    const key = idempotencyKey?.trim() ? idempotencyKey.trim().slice(0, 200) : null;
    const { publication, created } = await this.publisher.publish(body.kind, body.year, user, key);
    res.status(created ? 201 : 200);
    return view(publication);
  }

  @Get()
  @Roles(...INDICATOR_READERS)
  @ApiOperation({ summary: '已发布的正式输出（最新在前；current 为该年度当前版本）' })
  async list(@Query() q: PublicationListQuery, @CurrentUser() user: Principal) {
    return (await this.publications.list(readableKinds(user.role), q)).map(view);
  }

  @Get(':id')
  @Roles(...INDICATOR_READERS)
  @ApiOperation({ summary: '一次发布：编号、发布人、时间与发布时的数据' })
  async detail(@Param('id') id: string, @CurrentUser() user: Principal) {
    const p = await this.publications.get(id);
    if (!p || !mayReadFigures(p.kind, user.role)) throw new NotFoundException(`发布 ${id} 不存在`);
    return { ...view(p), basis: 'published', figures: figuresFor(p.kind, p.figures, user) };
  }

  @Get(':id/file')
  @Roles(...COMMISSION_INDICATOR_READERS)
  @ApiOperation({ summary: '下载发布的文件（每位读者得到同一文件）' })
  @ApiOkResponse({ description: 'docx 或 xlsx，与发布时存储的字节相同' })
  async file(@Param('id') id: string, @CurrentUser() user: Principal, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const p = await this.publications.file(id);
    if (!p || !mayReadFile(p.kind, user.role)) throw new NotFoundException(`发布 ${id} 不存在`);
    res.setHeader('content-type', p.content_type);
    res.setHeader('content-disposition', `attachment; filename="${p.number.replace(/[^\x20-\x7e]/g, '_')}.${PUBLICATION_KINDS[p.kind].extension}"; filename*=UTF-8''${encodeURIComponent(p.file_name)}`);
    res.setHeader('etag', `"${p.sha256}"`);
    res.setHeader('x-rectify-sha256', p.sha256);
    res.setHeader('x-rectify-publication', encodeURIComponent(p.number));
    return new StreamableFile(p.file);
  }
}
