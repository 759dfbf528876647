import { Inject, Injectable, NotFoundException, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import type {} from 'multer';
import { DataSource } from 'typeorm';
import { APP_CONFIG, DOCUMENT_FILE_TYPES, FileStore, storedFileView, type StoredFileRow, type StoredFileView } from '@rectify/platform';
import type { IssuesConfig } from '../config.js';

/** What an evidence file belongs to: a problem, or a supervision record (督办记录). */
export type EvidenceOwner = { problemId: string } | { supervisionRecordId: string };

interface EvidenceRow extends StoredFileRow {
  uploaded_by: string;
}

export type EvidenceView = StoredFileView;

function ownerColumn(owner: EvidenceOwner): { column: 'problem_id' | 'supervision_record_id'; id: string } {
  return 'problemId' in owner ? { column: 'problem_id', id: owner.problemId } : { column: 'supervision_record_id', id: owner.supervisionRecordId };
}

const view = (r: EvidenceRow): EvidenceView => storedFileView(r, r.uploaded_by);

/**
 * Evidence files (证明材料): checked and stored outside the database under EVIDENCE_DIR by the
 * platform's FileStore, recorded with their SHA-256 in issues.evidence_files, and streamed back.
 * The callers check who may see the owner; this store only keeps files apart by owner.
 */
@Injectable()
export class EvidenceStore {
  private readonly files: FileStore;

  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) config: IssuesConfig,
  ) {
    this.files = new FileStore({ root: config.EVIDENCE_DIR, maxBytes: config.EVIDENCE_MAX_BYTES, types: DOCUMENT_FILE_TYPES });
  }

  async save(owner: EvidenceOwner, file: Express.Multer.File | undefined, uploadedBy: string): Promise<Omit<EvidenceView, 'uploadedBy' | 'uploadedAt'>> {
    const { id, fileName, contentType, sizeBytes, sha256, storageKey } = await this.files.write(file);
    const { column, id: ownerId } = ownerColumn(owner);
    await this.db.query(
      `INSERT INTO issues.evidence_files (id, ${column}, file_name, content_type, size_bytes, sha256, storage_key, uploaded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [id, ownerId, fileName, contentType, sizeBytes, sha256, storageKey, uploadedBy],
    );
    return { id, fileName, contentType, sizeBytes, sha256 };
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
    return new StreamableFile(this.files.open(row.storage_key));
  }
}
