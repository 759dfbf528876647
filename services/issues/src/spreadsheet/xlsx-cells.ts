/**
 * Reads the cells of an xlsx workbook straight from its XML, for the ledger import: the archive is
 * inflated with node:zlib and the few parts a ledger needs (workbook, relationships, shared strings,
 * number formats, each worksheet's cells and merged ranges) are scanned with regular expressions.
 * Nothing else of the workbook is modelled, so a 5 000-row ledger is read in a fraction of the time
 * exceljs takes to build its full model (and a worker thread that only reads needs no exceljs).
 *
 * Cell values come out as exceljs gives them to the import: a shared or inline string (rich text
 * as its plain text, phonetic guides left out), a number, a date for a number whose format is a
 * date format, a boolean, an error value, a formula's saved result; a cell inside a merged range
 * reads as the range's top-left cell. Call it on a buffer that passed workbookLimitRefusal; it
 * throws on a malformed archive or a workbook without its parts.
 */
import { readZipDirectory, type ZipEntry } from '@rectify/platform/zip-archive';
import { entryText } from './workbook-limits.js';

/** A cell's content, reduced to what the ledger reads. */
export type CellContent =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'date'; value: Date }
  | { kind: 'boolean'; value: boolean }
  /** An Excel error value such as #N/A or #DIV/0!. */
  | { kind: 'error'; text: string }
  /** A formula whose result the file does not carry (saved without calculation). */
  | { kind: 'formulaWithoutResult'; formula: string };

/** The text of a cell as the user sees it (for headers and free-text fields). */
export function plainText(content: CellContent): string {
  switch (content.kind) {
    case 'empty':
    case 'formulaWithoutResult':
      return '';
    case 'text':
    case 'error':
      return content.text;
    case 'number':
      return String(content.value);
    case 'boolean':
      return content.value ? '是' : '否';
    case 'date':
      return content.value.toISOString().slice(0, 10);
  }
}

/** What the first bytes say a file is. */
export function sniffFormat(buffer: Uint8Array): 'zip' | 'ole' | 'other' {
  if (buffer.length >= 4 && buffer[0] === 0x50 && buffer[1] === 0x4b && buffer[2] === 0x03 && buffer[3] === 0x04) {
    return 'zip';
  }
  const ole = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  if (buffer.length >= ole.length && ole.every((b, i) => buffer[i] === b)) return 'ole';
  return 'other';
}

export interface SheetCell {
  /** 'H5' */
  readonly address: string;
  readonly content: CellContent;
  /** True for every cell of a merged range, the top-left one included. */
  readonly isMerged: boolean;
  /** The top-left cell of the merged range (the cell itself when not merged). */
  readonly master: SheetCell;
}

export interface SheetRow {
  readonly number: number;
  /** The highest column index the row writes a cell in. */
  readonly cellCount: number;
  getCell(column: number): SheetCell;
}

export interface SheetCells {
  readonly name: string;
  /** The highest row number the sheet writes. */
  readonly rowCount: number;
  /** The row, or undefined when the sheet writes no such row. */
  findRow(rowNumber: number): SheetRow | undefined;
}

export interface WorkbookCells {
  /** Mac Excel's legacy 1904 date system. */
  readonly date1904: boolean;
  /** In the workbook's order. */
  readonly sheets: SheetCells[];
}

const EMPTY: CellContent = { kind: 'empty' };
/** Built-in number formats that show dates or times (ECMA-376 §18.8.30, with the CJK ones). */
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

const ENTITY = /&(?:#(\d+)|#x([0-9a-fA-F]+)|(lt|gt|amp|quot|apos));/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
function decode(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (_m, dec: string | undefined, hex: string | undefined, name: string | undefined) =>
    name ? NAMED[name]! : String.fromCodePoint(dec ? Number(dec) : parseInt(hex!, 16)),
  );
}

const ATTRIBUTE = /([\w:]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
function attributes(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  // By local name: r:id → id (a sheet's other attributes are name, sheetId and state).
  for (let m = ATTRIBUTE.exec(text); m; m = ATTRIBUTE.exec(text)) out[m[1]!.replace(/^\w+:/, '')] = decode(m[2] ?? m[3] ?? '');
  return out;
}

/** Every element `<name …/>` or `<name …>…</name>` (any namespace prefix) in `xml`: its attributes' text and its content. */
const elementPatterns = new Map<string, RegExp>();
function elements(xml: string, name: string): { attrs: string; body: string | undefined }[] {
  let re = elementPatterns.get(name);
  if (!re) elementPatterns.set(name, (re = new RegExp(`<(?:\\w+:)?${name}(?=[\\s/>])([^>]*?)(?:/>|>([\\s\\S]*?)</(?:\\w+:)?${name}>)`, 'g')));
  const found: { attrs: string; body: string | undefined }[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(xml); m; m = re.exec(xml)) found.push({ attrs: m[1]!, body: m[2] });
  return found;
}

/** The text of a string item (<si>, <is>): its <t> elements, rich-text runs joined, phonetic guides (<rPh>) left out. */
function stringItem(body: string | undefined): string {
  if (!body) return '';
  const plain = body.includes('rPh') ? body.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, '') : body;
  let text = '';
  for (const t of elements(plain, 't')) text += decode(t.body ?? '');
  return text;
}

/** exceljs's test: a format with date or time letters outside quoted text and [ ] sections. */
function isDateFormat(code: string): boolean {
  return /[ymdhMsb]+/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

function columnOf(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n;
}

function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

const REF = /^([A-Z]+)(\d+)$/;

/** Reads the workbook in `buffer` (an xlsx that passed workbookLimitRefusal). Throws on a malformed one. */
export function readWorkbookCells(buffer: Buffer): WorkbookCells {
  const directory = readZipDirectory(buffer);
  if ('refusal' in directory) throw new Error(directory.refusal);
  const byName = new Map<string, ZipEntry>(directory.entries.map((e) => [e.name.replace(/^\//, ''), e]));
  const part = (name: string): string | undefined => {
    const entry = byName.get(name);
    return entry ? entryText(buffer, entry) : undefined;
  };

  const workbookXml = part('xl/workbook.xml');
  if (workbookXml === undefined) throw new Error('no xl/workbook.xml');
  const pr = elements(workbookXml, 'workbookPr')[0];
  const date1904 = pr ? ['1', 'true'].includes(attributes(pr.attrs)['date1904'] ?? '') : false;

  const targets = new Map<string, string>();
  for (const rel of elements(part('xl/_rels/workbook.xml.rels') ?? '', 'Relationship')) {
    const a = attributes(rel.attrs);
    if (a['Id'] && a['Target'] && /\/worksheet$/.test(a['Type'] ?? '')) {
      targets.set(a['Id'], a['Target'].startsWith('/') ? a['Target'].slice(1) : `xl/${a['Target'].replace(/^\.\//, '')}`);
    }
  }

  const shared: string[] = [];
  for (const si of elements(part('xl/sharedStrings.xml') ?? '', 'si')) shared.push(stringItem(si.body));

  // Each cell style (cellXfs, by index) → does its number format show a date?
  const stylesXml = part('xl/styles.xml') ?? '';
  const customDate = new Map<number, boolean>();
  for (const f of elements(stylesXml, 'numFmt')) {
    const a = attributes(f.attrs);
    customDate.set(Number(a['numFmtId']), isDateFormat(a['formatCode'] ?? ''));
  }
  const dateStyles: boolean[] = [];
  const cellXfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(stylesXml)?.[1] ?? '';
  for (const xf of elements(cellXfs, 'xf')) {
    const id = Number(attributes(xf.attrs)['numFmtId'] ?? 0);
    dateStyles.push(customDate.get(id) ?? DATE_FORMAT_IDS.has(id));
  }

  const sheets: SheetCells[] = [];
  for (const sheet of elements(workbookXml, 'sheet')) {
    const a = attributes(sheet.attrs);
    const path = targets.get(a['id'] ?? '');
    const xml = path === undefined ? undefined : part(path);
    if (xml === undefined) continue; // a chart sheet, or a sheet the archive lacks
    sheets.push(readSheet(a['name'] ?? '', xml, { shared, dateStyles, date1904 }));
  }
  return { date1904, sheets };
}

interface SheetContext {
  shared: string[];
  dateStyles: boolean[];
  date1904: boolean;
}

/** exceljs's reading of a serial date: the instant (serial − 25569) days after the Unix epoch. */
function excelDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

function cellValue(attrs: Record<string, string>, body: string | undefined, ctx: SheetContext): CellContent {
  const type = attrs['t'];
  if (type === 'inlineStr') {
    const inline = body && /<(?:\w+:)?is>([\s\S]*?)<\/(?:\w+:)?is>/.exec(body)?.[1];
    return text(stringItem(inline ?? undefined));
  }
  if (!body) return EMPTY;
  // (most cells are just <v>…</v>)
  const plain = body.startsWith('<v>') && body.endsWith('</v>') && body.indexOf('<', 3) === body.length - 4;
  const formula = plain ? null : /<(?:\w+:)?f\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?f>)/.exec(body);
  const raw = plain ? body.slice(3, -4) : /<(?:\w+:)?v>([\s\S]*?)<\/(?:\w+:)?v>/.exec(body)?.[1];
  if (raw === undefined || raw === '') return formula ? { kind: 'formulaWithoutResult', formula: decode(formula[1] ?? '') } : EMPTY;
  const value = decode(raw);
  switch (type) {
    case 's':
      return text(ctx.shared[Number(value)] ?? '');
    case 'str':
      return text(value);
    case 'b':
      return { kind: 'boolean', value: parseInt(value, 10) !== 0 };
    case 'e':
      return { kind: 'error', text: value };
    case 'd': {
      const date = new Date(value);
      return Number.isNaN(date.getTime()) ? text(value) : { kind: 'date', value: date };
    }
    default: {
      const number = parseFloat(value);
      const style = attrs['s'] ? Number(attrs['s']) : 0;
      return style !== 0 && ctx.dateStyles[style] ? { kind: 'date', value: excelDate(number, ctx.date1904) } : { kind: 'number', value: number };
    }
  }
}

const text = (value: string): CellContent => (value.trim() === '' ? EMPTY : { kind: 'text', text: value });

class Cell implements SheetCell {
  master: SheetCell = this;
  isMerged = false;
  constructor(
    readonly address: string,
    public content: CellContent,
  ) {}
}

class Row implements SheetRow {
  /** By column index. */
  readonly cells: (Cell | undefined)[] = [];
  cellCount = 0;
  constructor(
    readonly number: number,
    private readonly sheet: Sheet,
  ) {}

  getCell(column: number): SheetCell {
    return (this.cells[column] ??= this.sheet.cellOutsideXml(this.number, column));
  }
}

type MergedRange = [top: number, left: number, bottom: number, right: number];

class Sheet implements SheetCells {
  readonly rows: (Row | undefined)[] = [];
  rowCount = 0;
  /** The merged ranges over each row: [top, left, bottom, right]. */
  readonly merges = new Map<number, MergedRange[]>();
  constructor(readonly name: string) {}

  findRow(rowNumber: number): SheetRow | undefined {
    return this.rows[rowNumber];
  }

  /** A cell the sheet does not write: empty, or part of a merged range. */
  cellOutsideXml(row: number, column: number): Cell {
    const cell = new Cell(`${columnLetters(column)}${row}`, EMPTY);
    const range = this.merges.get(row)?.find(([, l, , r]) => column >= l && column <= r);
    if (range) this.merge(cell, range);
    return cell;
  }

  merge(cell: Cell, [top, left]: MergedRange): void {
    cell.isMerged = true;
    if (cell.address === `${columnLetters(left)}${top}`) return;
    const master = this.rows[top]?.getCell(left) ?? new Cell(`${columnLetters(left)}${top}`, EMPTY);
    cell.master = master;
    cell.content = master.content;
  }
}

/** The open tag of a row or a cell: name, attributes, '/' when it has no content. */
const ROW_OR_CELL = /<(?:\w+:)?(row|c)(?=[\s/>])([^>]*?)(\/?)>/g;
const CELL_END = /<\/(?:\w+:)?c>/g;
const CELL_ATTRIBUTE = /(?:\w+:)?(\w+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function readSheet(name: string, xml: string, ctx: SheetContext): Sheet {
  const sheet = new Sheet(name);
  const start = xml.search(/<(?:\w+:)?sheetData[\s/>]/);
  const end = xml.search(/<\/(?:\w+:)?sheetData>/);
  const data = start < 0 ? '' : xml.slice(start, end < 0 ? undefined : end);
  let row: Row | undefined;
  let lastColumn = 0;
  ROW_OR_CELL.lastIndex = 0;
  for (let m = ROW_OR_CELL.exec(data); m; m = ROW_OR_CELL.exec(data)) {
    if (m[1] === 'row') {
      const r = /\br\s*=\s*["'](\d+)["']/.exec(m[2]!);
      const number = r ? Number(r[1]) : (row?.number ?? 0) + 1;
      row = new Row(number, sheet);
      sheet.rows[number] = row;
      sheet.rowCount = Math.max(sheet.rowCount, number);
      lastColumn = 0;
      continue;
    }
    if (!row) continue;
    let body: string | undefined;
    if (m[3] !== '/') {
      CELL_END.lastIndex = ROW_OR_CELL.lastIndex;
      const close = CELL_END.exec(data);
      body = data.slice(ROW_OR_CELL.lastIndex, close ? close.index : data.length);
      ROW_OR_CELL.lastIndex = close ? CELL_END.lastIndex : data.length;
    }
    const attrs: Record<string, string> = {};
    CELL_ATTRIBUTE.lastIndex = 0;
    for (let a = CELL_ATTRIBUTE.exec(m[2]!); a; a = CELL_ATTRIBUTE.exec(m[2]!)) attrs[a[1]!] = a[2] ?? a[3] ?? '';
    const ref = attrs['r'] ? REF.exec(attrs['r']) : null;
    const column = ref ? columnOf(ref[1]!) : lastColumn + 1;
    lastColumn = column;
    row.cells[column] = new Cell(ref ? attrs['r']! : `${columnLetters(column)}${row.number}`, cellValue(attrs, body, ctx));
    row.cellCount = Math.max(row.cellCount, column);
  }
  const ranges: MergedRange[] = [];
  for (const m of elements(xml.slice(end < 0 ? xml.length : end), 'mergeCell')) {
    const refs = (attributes(m.attrs)['ref'] ?? '').split(':').map((a) => REF.exec(a));
    const [from, to] = [refs[0], refs[1] ?? refs[0]];
    if (!from || !to) continue;
    const range: MergedRange = [Number(from[2]), columnOf(from[1]!), Number(to[2]), columnOf(to[1]!)];
    ranges.push(range);
    for (let r = range[0]; r <= Math.min(range[2], sheet.rowCount); r++) {
      const list = sheet.merges.get(r);
      if (list) list.push(range);
      else sheet.merges.set(r, [range]);
    }
  }
  // Masters first (a cell's content is its master's), then every written cell of each range.
  for (const [top, left] of ranges) {
    const master = sheet.rows[top]?.cells[left];
    if (master) master.isMerged = true;
  }
  for (const range of ranges) {
    const [top, left, bottom, right] = range;
    for (let r = top; r <= Math.min(bottom, sheet.rowCount); r++) {
      const row = sheet.rows[r];
      if (!row) continue;
      for (let c = left; c <= Math.min(right, row.cells.length - 1); c++) {
        const cell = row.cells[c];
        if (cell) sheet.merge(cell, range);
      }
    }
  }
  return sheet;
}
