import { BadRequestException, Inject, Injectable, NotFoundException, PayloadTooLargeException, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import type {} from 'multer';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '@rectify/platform';
import type { IssuesConfig } from '../config.js';
import { recogniseEvidence, safeFileName } from './file-type.js';

/** What an evidence file belongs to: a problem, or a supervision record (督办记录). */
export type EvidenceOwner = { problemId: string } | { supervisionRecordId: string };

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

export interface EvidenceView {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: Date;
}

function ownerColumn(owner: EvidenceOwner): { column: 'problem_id' | 'supervision_record_id'; id: string } {
  return 'problemId' in owner ? { column: 'problem_id', id: owner.problemId } : { column: 'supervision_record_id', id: owner.supervisionRecordId };
}

const view = (r: EvidenceRow): EvidenceView => ({
  id: r.id,
  fileName: r.file_name,
  contentType: r.content_type,
  sizeBytes: Number(r.size_bytes),
  sha256: r.sha256,
  uploadedBy: r.uploaded_by,
  uploadedAt: r.uploaded_at,
});

/**
 * Evidence files (证明材料): checked (size, name, recognised type), stored outside the database
 * under EVIDENCE_DIR, recorded with their SHA-256, and streamed back. The callers check who may
 * see the owner; this store only keeps files apart by owner.
 */
@Injectable()
export class EvidenceStore {
  private readonly root: string;

  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: IssuesConfig,
  ) {
    this.root = resolve(config.EVIDENCE_DIR);
  }

  async save(owner: EvidenceOwner, file: Express.Multer.File | undefined, uploadedBy: string): Promise<Omit<EvidenceView, 'uploadedBy' | 'uploadedAt'>> {
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
    const { column, id: ownerId } = ownerColumn(owner);
    await this.db.query(
      `INSERT INTO issues.evidence_files (id, ${column}, file_name, content_type, size_bytes, sha256, storage_key, uploaded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [id, ownerId, name, recognised.type.mime, file.size, sha256, key, uploadedBy],
    );
    return { id, fileName: name, contentType: recognised.type.mime, sizeBytes: file.size, sha256 };
  }

  async list(owner: EvidenceOwner): Promise<EvidenceView[]> {
    const { column, id } = ownerColumn(owner);
    const rows: EvidenceRow[] = await this.db.query(`SELECT * FROM issues.evidence_files WHERE ${column} = $1 ORDER BY uploaded_at, id`, [id]);
    return rows.map(view);
  }

  /** The file `id` of `owner` as a download, or 404. */
  async download(owner: EvidenceOwner, id: string, res: Response): Promise<StreamableFile> {
    const { column, id: ownerId } = ownerColumn(owner);
    const rows: EvidenceRow[] = await this.db.query(`SELECT * FROM issues.evidence_files WHERE ${column} = $1 AND id = $2`, [ownerId, id]);
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
