/**
 * Uploaded file types, recognised by their content: a name whose extension is not on the
 * service's list, a declared type that contradicts the name, content that is not what the name
 * says — an Office file whose archive is not that of an OOXML document, or that carries a program —
 * and any file with a native executable inside (a PDF or image with one appended) is refused.
 */
import { EXECUTABLE_EXTENSIONS, executableAt, findExecutable } from './executables.js';
import { entryHead, readZipDirectory, zipLimitRefusal, type ZipEntry, type ZipLimits } from './zip-archive.js';
import { inflateRawSync } from 'node:zlib';
export interface FileType {
  mime: string;
  extensions: string[];
  /** How the type is named in a refusal (PDF, DOCX, …). */
  label: string;
  matches(content: Buffer): boolean;
  /** A deeper look at content that matched: why it is refused, or undefined. */
  inspect?(content: Buffer): string | undefined;
}

const MiB = 1024 * 1024;
/** What an Office document stored as evidence or an attachment may be, as an archive. */
export const OFFICE_ZIP_LIMITS: ZipLimits = { maxEntries: 2000, maxEntryBytes: 128 * MiB, maxTotalBytes: 512 * MiB, maxRatio: 200 };

/** The parts an OOXML package holds: XML, relationships, media, fonts, embedded objects. */
const OOXML_PART = /\.(xml|rels|vml|png|jpe?g|jfif|gif|bmp|tiff?|emf|wmf|svg|wdp|ico|bin|odttf|fntdata|ttf|xlsx|docx|pptx|sigs|psdsxs|data|json|txt)$/i;

/** The main part of each OOXML kind, by extension. */
const MAIN_PART: Record<string, string> = { docx: 'word/document.xml', xlsx: 'xl/workbook.xml', pptx: 'ppt/presentation.xml' };
/** Embedded objects are inflated and searched in full, up to this size each and in all. */
export const EMBEDDED_OBJECT_MAX_BYTES = 32 * MiB;
const EMBEDDED_BUDGET_BYTES = 64 * MiB;
/** Packages inside packages (an xlsx chart inside a docx …) are followed this deep. */
const MAX_PACKAGE_DEPTH = 2;

/**
 * Why an archive is not an OOXML package of kind `main` (its main part, e.g. word/document.xml),
 * or undefined: names must be relative paths of package parts, no macros, no programs by name or by
 * content (the first bytes of every part; embedded objects in full, embedded packages likewise).
 */
export function ooxmlRefusal(content: Buffer, main: string, limits: ZipLimits = OFFICE_ZIP_LIMITS): string | undefined {
  return packageRefusal(content, main, limits, { depth: 0, inflated: 0 });
}

function packageRefusal(content: Buffer, main: string, limits: ZipLimits, walk: { depth: number; inflated: number }): string | undefined {
  const directory = readZipDirectory(content);
  if ('refusal' in directory) return directory.refusal;
  const tooBig = zipLimitRefusal(directory.entries, limits);
  if (tooBig) return tooBig;
  const names = new Set(directory.entries.map((e) => e.name));
  if (!names.has('[Content_Types].xml') || !names.has(main)) return `不是 Office Open XML 文档（缺少 ${names.has('[Content_Types].xml') ? main : '[Content_Types].xml'}）`;
  for (const entry of directory.entries) {
    const name = entry.name;
    if (name.endsWith('/') && entry.uncompressedSize === 0) continue;
    if (name.startsWith('/') || name.includes('\\') || name.split('/').includes('..')) return `压缩包内的条目名 ${name} 无效`;
    if (EXECUTABLE_EXTENSIONS.test(name)) return `文档中夹带可执行文件 ${name}`;
    if (/(^|\/)vbaProject\.bin$/i.test(name)) return '文档中含有宏（vbaProject.bin），请另存为不含宏的文档';
    if (name !== '[Content_Types].xml' && !OOXML_PART.test(name)) return `压缩包内的条目 ${name} 不是 Office 文档的组成部分`;
    const kind = executableAt(entryHead(content, entry), 0);
    if (kind) return `文档中夹带可执行程序（${kind}，条目 ${name}）`;
    const embedded = /\.bin$|(^|\/)embeddings\//i.test(name) ? embeddedRefusal(content, entry, limits, walk) : undefined;
    if (embedded) return embedded;
  }
  return undefined;
}

/** An embedded object inflated and searched in full; an embedded package checked as a package. */
function embeddedRefusal(content: Buffer, entry: ZipEntry, limits: ZipLimits, walk: { depth: number; inflated: number }): string | undefined {
  if (entry.uncompressedSize > EMBEDDED_OBJECT_MAX_BYTES || walk.inflated + entry.uncompressedSize > EMBEDDED_BUDGET_BYTES) {
    return `嵌入对象 ${entry.name} 过大：每个嵌入对象最多 ${EMBEDDED_OBJECT_MAX_BYTES / MiB} MiB，合计最多 ${EMBEDDED_BUDGET_BYTES / MiB} MiB`;
  }
  walk.inflated += entry.uncompressedSize;
  const nameLength = content.readUInt16LE(entry.localOffset + 26);
  const extraLength = content.readUInt16LE(entry.localOffset + 28);
  const start = entry.localOffset + 30 + nameLength + extraLength;
  const raw = content.subarray(start, start + entry.compressedSize);
  let data: Buffer;
  try {
    data = entry.method === 0 ? raw : inflateRawSync(raw, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
  } catch {
    return `嵌入对象 ${entry.name} 已损坏`;
  }
  const program = findExecutable(data);
  if (program) return `文档中夹带可执行程序（${program.kind}，条目 ${entry.name}）`;
  const ext = /\.(docx|xlsx|pptx)$/i.exec(entry.name)?.[1]?.toLowerCase();
  if (ext && data.readUInt32BE(0) === 0x504b0304) {
    if (walk.depth + 1 > MAX_PACKAGE_DEPTH) return `嵌入文档 ${entry.name} 嵌套过深`;
    const inner = packageRefusal(data, MAIN_PART[ext]!, limits, { depth: walk.depth + 1, inflated: walk.inflated });
    if (inner) return `嵌入文档 ${entry.name}：${inner}`;
  }
  return undefined;
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
  { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['.docx'], label: 'DOCX', matches: ZIP, inspect: (c) => ooxmlRefusal(c, 'word/document.xml') },
  { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['.xlsx'], label: 'XLSX', matches: ZIP, inspect: (c) => ooxmlRefusal(c, 'xl/workbook.xml') },
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
  const inner = byName.inspect?.(content);
  if (inner) return { refusal: `文件内容不是有效的 ${byName.extensions.join('/')} 文件：${inner}` };
  const program = findExecutable(content);
  if (program) return { refusal: `文件中夹带可执行程序（${program.kind}，位于第 ${program.offset} 字节），不予接收` };
  return { type: byName };
}

/** Bidirectional-text controls: U+202E makes "报告‮fdp.exe" display as "报告exe.pdf". */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

/**
 * The name an upload arrives with, as the user wrote it: busboy (under multer) decodes a plain
 * `filename="…"` as Latin-1, so UTF-8 bytes arrive as mojibake and are decoded again here; a name
 * sent as RFC 5987 `filename*=UTF-8''…` is already right and kept. Then NFC, then refused if it
 * holds bidirectional controls, then made safe to store (see safeFileName).
 */
export function uploadFileName(raw: string): { name: string } | { refusal: string } {
  let name = raw;
  if (/^[\u0000-\u00ff]*$/.test(raw) && /[\u0080-\u00ff]/.test(raw)) {
    try {
      name = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(raw, 'latin1'));
    } catch {
      // Not UTF-8 after all: a Latin-1 name, kept as it is.
    }
  }
  name = name.normalize('NFC');
  if (BIDI_CONTROLS.test(name)) return { refusal: '文件名不能包含双向文本控制字符（如 U+202E），它们会使文件的扩展名显示得与实际不同' };
  const safe = safeFileName(name);
  return safe ? { name: safe } : { refusal: '文件名无效' };
}

/** A file name safe to store and to send back: no folders, no control characters, at most 200 characters. */
export function safeFileName(name: string): string | null {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '').trim();
  if (cleaned === '' || cleaned === '.' || cleaned === '..') return null;
  return cleaned.slice(-200);
}
