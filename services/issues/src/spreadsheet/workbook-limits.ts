/**
 * What an uploaded xlsx ledger may be, checked before exceljs builds anything: first the zip's
 * central directory (entry count, the sizes it declares, compression ratio), then one pass over
 * each worksheet's XML and the shared strings counting rows with values, cells with values and
 * the longest cell — refusing at the first limit passed, with a Chinese sentence naming it. A
 * 52 KB file holding one 50 MB cell, or 100 000 rows, is refused in milliseconds instead of
 * costing gigabytes of memory or tens of seconds of CPU.
 */
import { inflateRawSync } from 'node:zlib';
import { readZipDirectory, zipLimitRefusal, type ZipEntry, type ZipLimits } from '@rectify/platform/zip-archive';

const MiB = 1024 * 1024;

/** The archive: a 5 000-row ledger with long descriptions is well under these. */
export const LEDGER_ZIP_LIMITS: ZipLimits = { maxEntries: 500, maxEntryBytes: 64 * MiB, maxTotalBytes: 128 * MiB, maxRatio: 100 };
/** Excel's own limit on the characters of one cell. */
export const MAX_CELL_CHARS = 32_767;
/** Cells holding a value, over every sheet. */
export const MAX_CELLS = 500_000;

export interface WorkbookScanLimits {
  /** Data rows one file may carry (the import's own limit, counted exactly after parsing). */
  maxDataRows: number;
  /** Rows with values allowed above that in one sheet: titles, headers, notes, totals. */
  otherRows: number;
  maxCells?: number;
  maxCellChars?: number;
  zip?: ZipLimits;
}

export function entryText(buffer: Buffer, entry: ZipEntry): string {
  const nameLength = buffer.readUInt16LE(entry.localOffset + 26);
  const extraLength = buffer.readUInt16LE(entry.localOffset + 28);
  const start = entry.localOffset + 30 + nameLength + extraLength;
  const data = buffer.subarray(start, start + entry.compressedSize);
  // maxOutputLength: the directory's declared size is believed only up to what inflating yields.
  const raw = entry.method === 0 ? data : inflateRawSync(data, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
  return raw.toString('utf8');
}

/** The characters of an XML text node's content, entities counted as one. */
const textLength = (xml: string) => xml.replace(/<[^>]*>/g, '').replace(/&(#x?[0-9a-f]+|\w+);/gi, '_').length;

/** The longest text element (<t>, <v>) in `xml` above `max` characters, or undefined. */
function overlongText(xml: string, max: number): number | undefined {
  // A cell's text in XML is at least as long as its characters: only long spans need a closer look.
  const open = /<(?:\w+:)?(t|v)(?:\s[^>]*)?>/g;
  for (let m = open.exec(xml); m; m = open.exec(xml)) {
    const end = xml.indexOf(`</`, open.lastIndex);
    if (end < 0) break;
    if (end - open.lastIndex > max) {
      const close = xml.indexOf(`</${m[0].slice(1).split(/[\s>]/)[0]}>`, open.lastIndex);
      const length = textLength(xml.slice(open.lastIndex, close < 0 ? end : close));
      if (length > max) return length;
    }
    open.lastIndex = end;
  }
  return undefined;
}

/** Why the workbook in `buffer` exceeds a limit (a sentence naming it), or undefined. */
export function workbookLimitRefusal(buffer: Buffer, limits: WorkbookScanLimits): string | undefined {
  const directory = readZipDirectory(buffer);
  if ('refusal' in directory) return `无法读取该文件：${directory.refusal}`;
  const tooBig = zipLimitRefusal(directory.entries, limits.zip ?? LEDGER_ZIP_LIMITS);
  if (tooBig) return `文件超出导入上限：${tooBig}`;
  const maxCells = limits.maxCells ?? MAX_CELLS;
  const maxChars = limits.maxCellChars ?? MAX_CELL_CHARS;
  let cells = 0;
  for (const entry of directory.entries) {
    const sheet = /^xl\/worksheets\/[^/]+\.xml$/.test(entry.name);
    if (!sheet && entry.name !== 'xl/sharedStrings.xml') continue;
    let xml: string;
    try {
      xml = entryText(buffer, entry);
    } catch {
      return '无法读取该文件：不是有效的 xlsx 工作簿，或文件已损坏';
    }
    if (sheet) {
      // One pass over the tags that matter: a row, a cell, a value — stopping at the first limit.
      const tags = /<(?:\w+:)?(row|c|v|is|f)[\s>/]/g;
      let rows = 0;
      let rowHasValue = false;
      let cellHasValue = false;
      for (let m = tags.exec(xml); m; m = tags.exec(xml)) {
        const tag = m[1];
        if (tag === 'row') {
          rowHasValue = false;
        } else if (tag === 'c') {
          cellHasValue = false;
        } else if (!cellHasValue) {
          cellHasValue = true;
          if (++cells > maxCells) return `单元格过多：超过 ${maxCells} 个有内容的单元格，请拆分为多个文件`;
          if (!rowHasValue) {
            rowHasValue = true;
            if (++rows > limits.maxDataRows + limits.otherRows) {
              return `数据行过多：工作表中超过 ${limits.maxDataRows} 行，一次最多导入 ${limits.maxDataRows} 行，请拆分为多个文件`;
            }
          }
        }
      }
    }
    const long = overlongText(xml, maxChars);
    if (long !== undefined) return `单元格内容过长：有一个单元格 ${long} 字，每个单元格最多 ${maxChars} 字（Excel 的上限）`;
  }
  return undefined;
}
