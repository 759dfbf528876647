import { BadRequestException, Inject, Injectable, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { MEMBER_UNIT_ROLES, type Principal } from '@rectify/contracts';
import { APP_CONFIG } from '@rectify/platform';
import type { JointMeetingConfig } from '../config.js';
import { appendEvent } from '../common/event-log.js';
import { isOfficeReader } from '../pushes/push.repository.js';
import { recogniseAttachment, safeFileName } from './file-type.js';

export interface AttachmentView {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: Date;
}

interface AttachmentRow {
  id: string;
  file_name: string;
  content_type: string;
  size_bytes: string;
  sha256: string;
  storage_key: string;
  uploaded_by: string;
  uploaded_by_name: string;
  uploader_unit: string | null;
  uploaded_at: Date;
  push_id: string | null;
  response_unit: string | null;
}

const view = (r: AttachmentRow): AttachmentView => ({
  id: r.id, fileName: r.file_name, contentType: r.content_type, sizeBytes: Number(r.size_bytes), sha256: r.sha256, uploadedBy: r.uploaded_by_name, uploadedAt: r.uploaded_at,
});

/**
 * Attachments of pushes and responses: files under EVIDENCE_DIR/joint-meeting (outside the
 * database), recorded with SHA-256, size and recognised type. Uploaded first, then named by id in
 * a push or a response draft.
 */
@Injectable()
export class AttachmentStore {
  private readonly root: string;

  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: JointMeetingConfig,
  ) {
    this.root = resolve(config.EVIDENCE_DIR, 'joint-meeting');
  }

  async store(file: Express.Multer.File | undefined, user: Principal): Promise<AttachmentView> {
    if (!file) throw new BadRequestException('file：请以 multipart/form-data 的 file 字段上传文件');
    if (file.size > this.config.ATTACHMENT_MAX_BYTES) throw new PayloadTooLargeException(`file：文件大小 ${file.size} 字节超过上限 ${this.config.ATTACHMENT_MAX_BYTES} 字节`);
    if (file.size === 0) throw new BadRequestException('file：文件为空');
    const name = safeFileName(Buffer.from(file.originalname, 'latin1').toString('utf8'));
    if (!name) throw new BadRequestException('file：文件名无效');
    const recognised = recogniseAttachment(name, file.mimetype, file.buffer);
    if ('refusal' in recognised) throw new BadRequestException(`file：${recognised.refusal}`);

    const id = randomUUID();
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    const key = join(sha256.slice(0, 2), id);
    const target = join(this.root, key);
    await mkdir(join(this.root, sha256.slice(0, 2)), { recursive: true });
    // Written under a temporary name, then renamed: a crash never leaves a half file under a recorded key.
    await writeFile(`${target}.part`, file.buffer, { flag: 'wx' });
    await rename(`${target}.part`, target);
    const unit = MEMBER_UNIT_ROLES.includes(user.role) ? user.unitCode : null;
    const rows: AttachmentRow[] = await this.db.transaction(async (tx) => {
      const inserted: AttachmentRow[] = await tx.query(
        `INSERT INTO joint_meeting.attachments (id, file_name, content_type, size_bytes, sha256, storage_key, uploaded_by, uploaded_by_name, uploader_unit)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
        [id, name, recognised.mime, file.size, sha256, key, user.sub, user.displayName, unit],
      );
      await appendEvent(tx, { subjectKind: 'attachment', subjectId: id, kind: 'attachment_uploaded', user, unitCode: unit, payload: { fileName: name, sha256, sizeBytes: file.size } });
      return inserted;
    });
    return view(rows[0]!);
  }

  async describe(ids: string[]): Promise<AttachmentView[]> {
    if (ids.length === 0) return [];
    const rows: AttachmentRow[] = await this.db.query('SELECT * FROM joint_meeting.attachments WHERE id = ANY($1) ORDER BY uploaded_at, id', [ids]);
    return rows.map(view);
  }

  /**
   * The attachment if the caller may read it: its uploader; for a push's attachment, whoever sees
   * the push; for a response's attachment, the unit itself, and the office once a version naming it
   * is approved. Anything else answers 404.
   */
  async readable(id: string, user: Principal): Promise<{ row: AttachmentView; stream: () => ReadStream }> {
    const rows: AttachmentRow[] = await this.db.query('SELECT * FROM joint_meeting.attachments WHERE id = $1', [id]);
    const r = rows[0];
    const missing = new NotFoundException('附件不存在');
    if (!r) throw missing;
    const unitUser = MEMBER_UNIT_ROLES.includes(user.role);
    let allowed = r.uploaded_by === user.sub;
    if (!allowed && r.push_id && r.response_unit === null) {
      if (isOfficeReader(user)) allowed = true;
      else if (unitUser) {
        const t: unknown[] = await this.db.query('SELECT 1 FROM joint_meeting.push_targets WHERE push_id = $1 AND unit_code = $2', [r.push_id, user.unitCode]);
        allowed = t.length > 0;
      }
    } else if (!allowed && r.push_id && r.response_unit) {
      if (unitUser) allowed = user.unitCode === r.response_unit;
      else if (isOfficeReader(user)) {
        const approved: unknown[] = await this.db.query(
          `SELECT 1 FROM joint_meeting.response_versions WHERE push_id = $1 AND unit_code = $2 AND status = 'approved' AND $3 = ANY(attachment_ids)`,
          [r.push_id, r.response_unit, r.id],
        );
        allowed = approved.length > 0;
      }
    }
    if (!allowed) throw missing;
    return { row: view(r), stream: () => createReadStream(join(this.root, r.storage_key)) };
  }
}
