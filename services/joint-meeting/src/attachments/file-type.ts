/**
 * Attachment types the joint meeting accepts, recognised by their first bytes as the issues
 * service's evidence files are (a declared type that does not match the content is refused).
 * TODO(shared): the same table lives in services/issues/src/evidence/file-type.ts; it belongs in a
 * shared library once one exists for upload handling.
 */
const startsWith = (bytes: number[]) => (head: Buffer) => bytes.every((b, i) => head[i] === b);
const ZIP = startsWith([0x50, 0x4b, 0x03, 0x04]);

function isUtf8Text(content: Buffer): boolean {
  if (content.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(content);
    return true;
  } catch {
    return false;
  }
}

const TYPES: { mime: string; extensions: string[]; matches: (c: Buffer) => boolean }[] = [
  { mime: 'application/pdf', extensions: ['.pdf'], matches: startsWith([0x25, 0x50, 0x44, 0x46, 0x2d]) },
  { mime: 'image/png', extensions: ['.png'], matches: startsWith([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { mime: 'image/jpeg', extensions: ['.jpg', '.jpeg'], matches: startsWith([0xff, 0xd8, 0xff]) },
  { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['.docx'], matches: ZIP },
  { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['.xlsx'], matches: ZIP },
  { mime: 'text/plain', extensions: ['.txt'], matches: isUtf8Text },
];

/** The MIME type of `content` named `fileName`, or the reason it is refused. */
export function recogniseAttachment(fileName: string, declared: string, content: Buffer): { mime: string } | { refusal: string } {
  const lower = fileName.toLowerCase();
  const type = TYPES.find((t) => t.extensions.some((e) => lower.endsWith(e)));
  if (!type) return { refusal: `不支持的文件类型（${fileName}），仅接受 PDF、PNG、JPEG、DOCX、XLSX、TXT` };
  if (declared && declared !== 'application/octet-stream' && declared !== type.mime) return { refusal: `文件类型 ${declared} 与文件名 ${fileName} 不符` };
  if (!type.matches(content)) return { refusal: `文件内容不是 ${type.extensions.join('/')} 格式` };
  return { mime: type.mime };
}

/** A file name safe to store and to send back: no folders, no control characters, at most 200 characters. */
export function safeFileName(name: string): string | null {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '').trim();
  if (cleaned === '' || cleaned === '.' || cleaned === '..') return null;
  return cleaned.slice(-200);
}
