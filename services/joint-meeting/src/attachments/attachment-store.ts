import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { ReadStream } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { MEMBER_UNIT_ROLES, type Principal } from '@rectify/contracts';
import { APP_CONFIG, DOCUMENT_FILE_TYPES, FileStore, storedFileView, type StoredFileRow, type StoredFileView } from '@rectify/platform';
import type { JointMeetingConfig } from '../config.js';
import { appendEvent } from '../common/event-log.js';
import { isOfficeReader } from '../pushes/push.repository.js';

export type AttachmentView = StoredFileView;

interface AttachmentRow extends StoredFileRow {
  uploaded_by: string;
  uploaded_by_name: string;
  uploader_unit: string | null;
  push_id: string | null;
  response_unit: string | null;
}

const view = (r: AttachmentRow): AttachmentView => storedFileView(r, r.uploaded_by_name);

/**
 * Attachments of pushes and responses: files under EVIDENCE_DIR/joint-meeting (outside the
 * database, written by the platform's FileStore), recorded with SHA-256, size and recognised type
 * in joint_meeting.attachments. Uploaded first, then named by id in a push or a response draft.
 */
@Injectable()
export class AttachmentStore {
  private readonly files: FileStore;

  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) config: JointMeetingConfig,
  ) {
    this.files = new FileStore({ root: join(config.EVIDENCE_DIR, 'joint-meeting'), maxBytes: config.ATTACHMENT_MAX_BYTES, types: DOCUMENT_FILE_TYPES });
  }

  async store(file: Express.Multer.File | undefined, user: Principal): Promise<AttachmentView> {
    const { id, fileName: name, contentType, sizeBytes, sha256, storageKey: key } = await this.files.write(file);
    const unit = MEMBER_UNIT_ROLES.includes(user.role) ? user.unitCode : null;
    const rows: AttachmentRow[] = await this.db.transaction(async (tx) => {
      const inserted: AttachmentRow[] = await tx.query(
        `INSERT INTO joint_meeting.attachments (id, file_name, content_type, size_bytes, sha256, storage_key, uploaded_by, uploaded_by_name, uploader_unit)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
        [id, name, contentType, sizeBytes, sha256, key, user.sub, user.displayName, unit],
      );
      await appendEvent(tx, { subjectKind: 'attachment', subjectId: id, kind: 'attachment_uploaded', user, unitCode: unit, payload: { fileName: name, sha256, sizeBytes } });
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
    return { row: view(r), stream: () => this.files.open(r.storage_key) };
  }
}
