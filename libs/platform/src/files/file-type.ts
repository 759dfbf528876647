/**
 * Uploaded file types, recognised by their first bytes: a name whose extension is not on the
 * service's list, a declared type that contradicts the name, or content that is not what the name
 * says is refused.
 */
export interface FileType {
  mime: string;
  extensions: string[];
  /** How the type is named in a refusal (PDF, DOCX, …). */
  label: string;
  matches(content: Buffer): boolean;
}

const startsWith = (bytes: number[]) => (head: Buffer) => bytes.every((b, i) => head[i] === b);
const ZIP = startsWith([0x50, 0x4b, 0x03, 0x04]);

/** Valid UTF-8 without NUL bytes. */
function isUtf8Text(content: Buffer): boolean {
  if (content.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(content);
    return true;
  } catch {
    return false;
  }
}

/** PDF, images, Office documents and plain text: what evidence files and attachments may be. */
export const DOCUMENT_FILE_TYPES: readonly FileType[] = [
  { mime: 'application/pdf', extensions: ['.pdf'], label: 'PDF', matches: startsWith([0x25, 0x50, 0x44, 0x46, 0x2d]) },
  { mime: 'image/png', extensions: ['.png'], label: 'PNG', matches: startsWith([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { mime: 'image/jpeg', extensions: ['.jpg', '.jpeg'], label: 'JPEG', matches: startsWith([0xff, 0xd8, 0xff]) },
  { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['.docx'], label: 'DOCX', matches: ZIP },
  { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['.xlsx'], label: 'XLSX', matches: ZIP },
  { mime: 'text/plain', extensions: ['.txt'], label: 'TXT', matches: isUtf8Text },
];

/** The type among `types` of `content` named `fileName`, or the reason it is refused. */
export function recogniseFile(
  types: readonly FileType[],
  fileName: string,
  declared: string,
  content: Buffer,
): { type: FileType } | { refusal: string } {
  const lower = fileName.toLowerCase();
  const byName = types.find((t) => t.extensions.some((e) => lower.endsWith(e)));
  if (!byName) return { refusal: `不支持的文件类型（${fileName}），仅接受 ${types.map((t) => t.label).join('、')}` };
  if (declared && declared !== 'application/octet-stream' && declared !== byName.mime) {
    return { refusal: `文件类型 ${declared} 与文件名 ${fileName} 不符` };
  }
  if (!byName.matches(content)) return { refusal: `文件内容不是 ${byName.extensions.join('/')} 格式` };
  return { type: byName };
}

/** A file name safe to store and to send back: no folders, no control characters, at most 200 characters. */
export function safeFileName(name: string): string | null {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '').trim();
  if (cleaned === '' || cleaned === '.' || cleaned === '..') return null;
  return cleaned.slice(-200);
}
