/** The columns a service's file table keeps for every stored file (besides its owner and uploader). */
export interface StoredFileRow {
  id: string;
  file_name: string;
  content_type: string;
  /** bigint, as PostgreSQL returns it. */
  size_bytes: string;
  sha256: string;
  storage_key: string;
  uploaded_at: Date;
}

/** A stored file as the API shows it. */
export interface StoredFileView {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: Date;
}

/** The view of `row`, uploaded by `uploadedBy` (an id or a name, as the service shows it). */
export function storedFileView(row: StoredFileRow, uploadedBy: string): StoredFileView {
  return {
    id: row.id,
    fileName: row.file_name,
    contentType: row.content_type,
    sizeBytes: Number(row.size_bytes),
    sha256: row.sha256,
    uploadedBy,
    uploadedAt: row.uploaded_at,
  };
}
