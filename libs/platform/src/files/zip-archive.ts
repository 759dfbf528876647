/**
 * Reads a zip archive's central directory (without inflating anything) so that an xlsx or docx can
 * be judged before any parser touches it: how many entries, their names, and the sizes they claim
 * compressed and uncompressed. ZIP64, multi-disk and encrypted archives are refused: no Office
 * document Rectify accepts needs them.
 */
import { inflateRawSync, constants as zlib } from 'node:zlib';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Offset of the entry's local header. */
  localOffset: number;
}

export interface ZipLimits {
  maxEntries: number;
  /** Largest uncompressed size of one entry. */
  maxEntryBytes: number;
  /** Largest uncompressed size of all entries together. */
  maxTotalBytes: number;
  /** Largest uncompressed : compressed ratio of an entry larger than 1 MiB uncompressed. */
  maxRatio: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MiB = 1024 * 1024;

/** The entries of `buffer`'s central directory, or why it is not an archive Rectify reads. */
export function readZipDirectory(buffer: Buffer): { entries: ZipEntry[] } | { refusal: string } {
  const broken = { refusal: '压缩结构无效或已损坏' };
  if (buffer.length < 22) return broken;
  // The end-of-central-directory record: the last 22 bytes, or earlier when a comment follows it.
  let eocd = -1;
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 22 - 0xffff); i--) {
    if (buffer.readUInt32LE(i) === EOCD && i + 22 + buffer.readUInt16LE(i + 20) === buffer.length) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return { refusal: '压缩结构无效：找不到目录，或文件末尾附加了其他数据' };
  const disk = buffer.readUInt16LE(eocd + 4);
  const cdDisk = buffer.readUInt16LE(eocd + 6);
  const count = buffer.readUInt16LE(eocd + 10);
  const cdSize = buffer.readUInt32LE(eocd + 12);
  const cdOffset = buffer.readUInt32LE(eocd + 16);
  if (disk !== 0 || cdDisk !== 0) return { refusal: '不支持分卷压缩文件' };
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) return { refusal: '不支持 ZIP64 格式' };
  if (cdOffset + cdSize !== eocd) return broken;

  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > eocd || buffer.readUInt32LE(p) !== CENTRAL) return broken;
    const flags = buffer.readUInt16LE(p + 8);
    const method = buffer.readUInt16LE(p + 10);
    const compressedSize = buffer.readUInt32LE(p + 20);
    const uncompressedSize = buffer.readUInt32LE(p + 24);
    const nameLength = buffer.readUInt16LE(p + 28);
    const extraLength = buffer.readUInt16LE(p + 30);
    const commentLength = buffer.readUInt16LE(p + 32);
    const localOffset = buffer.readUInt32LE(p + 42);
    if (p + 46 + nameLength > eocd) return broken;
    const name = buffer.toString('utf8', p + 46, p + 46 + nameLength);
    if (flags & 0x1) return { refusal: '不接受加密的压缩文件' };
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || localOffset === 0xffffffff) return { refusal: '不支持 ZIP64 格式' };
    if (method !== 0 && method !== 8) return { refusal: `条目 ${name} 的压缩方式不受支持` };
    if (localOffset + 30 > cdOffset || buffer.readUInt32LE(localOffset) !== LOCAL) return broken;
    entries.push({ name, method, compressedSize, uncompressedSize, localOffset });
    p += 46 + nameLength + extraLength + commentLength;
  }
  if (p !== eocd) return broken;
  return { entries };
}

/** Why `entries` exceed `limits` (a Chinese sentence naming the limit), or undefined. */
export function zipLimitRefusal(entries: readonly ZipEntry[], limits: ZipLimits): string | undefined {
  if (entries.length > limits.maxEntries) return `压缩包内条目过多：${entries.length} 个，上限 ${limits.maxEntries} 个`;
  let total = 0;
  for (const e of entries) {
    if (e.uncompressedSize > limits.maxEntryBytes) {
      return `压缩包内条目 ${e.name} 解压后 ${(e.uncompressedSize / MiB).toFixed(1)} MiB，超过单个条目上限 ${limits.maxEntryBytes / MiB} MiB`;
    }
    if (e.uncompressedSize > MiB && e.uncompressedSize > limits.maxRatio * Math.max(1, e.compressedSize)) {
      return `压缩包内条目 ${e.name} 的压缩比超过上限 ${limits.maxRatio}:1（疑似压缩炸弹）`;
    }
    total += e.uncompressedSize;
  }
  if (total > limits.maxTotalBytes) return `压缩包解压后共 ${(total / MiB).toFixed(1)} MiB，超过上限 ${limits.maxTotalBytes / MiB} MiB`;
  return undefined;
}

/** The first (up to) `bytes` bytes of an entry's content, inflating only as much as needed. */
export function entryHead(buffer: Buffer, entry: ZipEntry, bytes = 4096): Buffer {
  const nameLength = buffer.readUInt16LE(entry.localOffset + 26);
  const extraLength = buffer.readUInt16LE(entry.localOffset + 28);
  const start = entry.localOffset + 30 + nameLength + extraLength;
  const data = buffer.subarray(start, Math.min(buffer.length, start + entry.compressedSize));
  if (entry.method === 0) return data.subarray(0, bytes);
  try {
    // 8 KiB of deflate input inflates to at most about 8 MiB: a bounded look at the start.
    return inflateRawSync(data.subarray(0, 8192), { finishFlush: zlib.Z_SYNC_FLUSH }).subarray(0, bytes);
  } catch {
    return Buffer.alloc(0);
  }
}
