/**
 * The six official documents in 公文 format (GB/T 9704-2012), checked as printed: each is produced
 * through the stack, rendered once with headless LibreOffice to PDF, and its layout read back from the
 * PDF with poppler — page size, 版心 margins, line pitch and lines per page, characters per line,
 * the 二号/三号 size ratio, the page numbers 「— N —」 and their sides, the red 发文机关标志 and red
 * line, the 发文字号 and the 密级. Font names are checked in the docx (the PDF names whatever font
 * the rendering machine substituted; it is checked to embed every font it uses).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import JSZip from 'jszip';
import { closeDb } from '../harness/index.js';
import { DOCUMENT_NAMES, fetchDocuments, type DocumentName } from './fetch-documents.js';
import { ensureLibreOffice, removeRendered, renderPdfs } from './libreoffice.js';
import { MM, readLayout, redRows, type PdfLayout, type TextLine } from './pdf-layout.js';

afterAll(async () => {
  if (rendered) removeRendered(rendered);
  await closeDb();
});

/** The 版心 in PDF points: A4 less 37 mm top, 35 mm bottom, 28 mm left, 26 mm right. */
const PAGE = { width: 210 * MM, height: 297 * MM };
const BOX = { left: 28 * MM, right: (210 - 26) * MM, top: 37 * MM, bottom: (297 - 35) * MM };
const PITCH = 28.95;
/** A line ending in full-width punctuation, which may hang past the right edge of the 版心. */
const HANGING = /[，。、；：！？”’）》]$/;

interface Expected {
  organ: string;
  number: RegExp | null;
  classified: boolean;
  /** Prose only on page 2 (no table): 22 lines of 28 characters. */
  fullTextPage: boolean;
}

const EXPECTED: Record<DocumentName, Expected> = {
  letter: { organ: '市国资委', number: /^国资监督函〔\d{4}〕\d+号$/, classified: true, fullTextPage: true },
  circular: { organ: '市国资委文件', number: /^国资监督通〔\d{4}〕\d+号$/, classified: true, fullTextPage: true },
  upward: { organ: '中共市国资委委员会文件', number: /^市国资党委〔2026〕61号$/, classified: true, fullTextPage: true },
  special: { organ: '监督联席会议专报', number: /^\d{4}年第\d+期$/, classified: false, fullTextPage: true },
  summary: { organ: '市国资委监督处', number: null, classified: false, fullTextPage: false },
  annual: { organ: '市国资委文件', number: null, classified: false, fullTextPage: false },
};

let docx: Record<DocumentName, Uint8Array>;
let pdf: Record<string, string>;
let rendered: string | undefined;
const layouts = new Map<DocumentName, PdfLayout>();

beforeAll(async () => {
  ensureLibreOffice();
  docx = (await fetchDocuments()).documents;
  const out = await renderPdfs(docx);
  rendered = out.dir;
  pdf = out.pdfs;
  for (const name of DOCUMENT_NAMES) layouts.set(name, await readLayout(pdf[name]!));
}, 600_000);

const pageNumberText = (n: number) => `—${n}—`;
const isPageNumber = (l: TextLine) => /^—\d+—$/.test(l.text);
const height = (l: TextLine) => l.yMax - l.yMin;
const near = (a: number, b: number, tolerance: number) => Math.abs(a - b) <= tolerance;

describe.each(DOCUMENT_NAMES)('%s as a 公文 (GB/T 9704-2012), rendered by LibreOffice', (name) => {
  const layout = () => layouts.get(name)!;
  const expected = EXPECTED[name];

  it('is A4 throughout, every line of text inside the 156 × 225 mm 版心, the body flush with both edges', () => {
    const { pages } = layout();
    expect(pages.length).toBeGreaterThanOrEqual(1);
    for (const page of pages) {
      expect([near(page.width, PAGE.width, 1), near(page.height, PAGE.height, 1)]).toEqual([true, true]);
      for (const line of page.lines.filter((l) => !isPageNumber(l))) {
        // A full-width punctuation mark after the 28th character may hang past the edge (one character at most).
        const right = BOX.right + (HANGING.test(line.text) ? 16 : 0) + 1;
        expect([line.text, line.xMin >= BOX.left - 1, line.xMax <= right, line.yMin >= BOX.top - 1, line.yMax <= BOX.bottom + 1]).toEqual([line.text, true, true, true, true]);
      }
    }
    const lines = pages.flatMap((p) => p.lines);
    expect(lines.some((l) => near(l.xMin, BOX.left, 1.5))).toBe(true);
    expect(lines.some((l) => near(l.xMax, BOX.right, 2))).toBe(true);
  });

  it('numbers every page 「— N —」 7 mm below the 版心, odd pages on the right, even on the left', () => {
    layout().pages.forEach((page, i) => {
      const n = i + 1;
      const number = page.lines.find((l) => l.text === pageNumberText(n));
      expect([n, number !== undefined]).toEqual([n, true]);
      const middle = (number!.yMin + number!.yMax) / 2;
      expect([n, near(middle, BOX.bottom + 7 * MM, 6)]).toEqual([n, true]);
      // One 四号 character (14 pt) in from the edge of the 版心.
      if (n % 2 === 1) expect([n, near(number!.xMax, BOX.right - 14, 4)]).toEqual([n, true]);
      else expect([n, near(number!.xMin, BOX.left + 14, 4)]).toEqual([n, true]);
    });
  });

  it('heads the first page with the red 发文机关标志, the 发文字号 and the red line as wide as the 版心', async () => {
    const first = layout().pages[0]!;
    const rows = await redRows(pdf[name]!, 1);
    const rule = [...rows.entries()].find(([, r]) => r.count >= 0.95 * (BOX.right - BOX.left));
    expect(rule).toBeDefined();
    const [ruleY, extent] = rule!;
    expect([near(extent.xMin, BOX.left, 3), near(extent.xMax, BOX.right, 3)]).toEqual([true, true]);
    // Red glyphs above the line: the 发文机关标志, whose text is the organ's.
    const markRows = [...rows.entries()].filter(([y, r]) => y < ruleY - 20 && r.count < 0.9 * (BOX.right - BOX.left));
    expect(markRows.length).toBeGreaterThan(10);
    const organ = first.lines.find((l) => l.text === expected.organ);
    expect(organ).toBeDefined();
    expect(organ!.yMax).toBeLessThan(ruleY);
    expect(markRows.every(([y]) => y >= organ!.yMin - 2 && y <= organ!.yMax + 2)).toBe(true);
    // The 发文机关标志 is 35 mm below the top of the 版心 (80 mm for an upward report); the glyph top sits a little lower.
    expect(organ!.yMin).toBeGreaterThan(BOX.top + (name === 'upward' || name === 'special' ? 80 : 35) * MM - 2);
    expect(organ!.yMin).toBeLessThan(BOX.top + (name === 'upward' || name === 'special' ? 80 : 35) * MM + 20);
    if (expected.number) {
      const number = first.lines.find((l) => expected.number!.test(l.text));
      expect(number).toBeDefined();
      // The red line 4 mm below the 发文字号.
      expect([number!.yMax < ruleY, near(ruleY - number!.yMax, 4 * MM, 5)]).toEqual([true, true]);
    }
  });

  it(expected.classified ? 'is marked 涉密 top left: its problem is confidential' : 'carries no 密级: it concerns no confidential problem', () => {
    const top = layout().pages[0]!.lines[0]!;
    if (expected.classified) {
      expect(top.text).toBe('涉密');
      expect([near(top.xMin, BOX.left, 1.5), near(top.yMin, BOX.top, 10)]).toEqual([true, true]);
    } else {
      expect(layout().pages.flatMap((p) => p.lines).some((l) => l.text === '涉密')).toBe(false);
    }
  });

  it('sets the text on the 28.95 pt grid, the title in 二号 to the text’s 三号', () => {
    const lines = layout().pages.flatMap((p) => p.lines.filter((l) => !isPageNumber(l)));
    // A 三号 line every document has: its first 一级标题 or its 主送机关.
    const body = lines.find((l) => l.text.startsWith('一、') || l.text.endsWith('：'))!;
    expect(body).toBeDefined();
    const bodyHeight = height(body);
    // Consecutive 三号 lines of one page are a whole number of grid lines apart (most of them one).
    const pitches = layout().pages.flatMap((p) => {
      const sanhao = p.lines.filter((l) => !isPageNumber(l) && near(height(l), bodyHeight, 0.5));
      return sanhao.slice(1).map((l, i) => l.yMin - sanhao[i]!.yMin);
    });
    expect(pitches.filter((d) => near(d, PITCH, 0.2)).length).toBeGreaterThanOrEqual(3);
    const title = lines.find((l) => near(height(l) / bodyHeight, 22 / 16, 0.08));
    expect(title).toBeDefined();
  });

  if (expected.fullTextPage) {
    it('holds 22 lines of 28 characters on a full page', () => {
      const page = layout().pages[1]!;
      const text = page.lines.filter((l) => !isPageNumber(l));
      expect(text).toHaveLength(22);
      // pdftotext rounds positions to 0.1 pt.
      expect(text.slice(1).filter((l, i) => !near(l.yMin - text[i]!.yMin, PITCH, 0.15))).toEqual([]);
      const full = text.filter((l) => near(l.xMin, BOX.left, 1.5) && near(l.xMax, BOX.right, 2));
      expect(full.length).toBeGreaterThanOrEqual(5);
      expect(full.filter((l) => /^[\u4e00-\u9fff]+$/.test(l.text)).every((l) => [...l.text].length === 28)).toBe(true);
      expect(full.some((l) => /^[\u4e00-\u9fff]{28}$/.test(l.text))).toBe(true);
    });
  }

  it('names the 公文 fonts in the document and embeds every font it prints with', async () => {
    const zip = await JSZip.loadAsync(docx[name]);
    const document = await zip.file('word/document.xml')!.async('string');
    for (const font of ['仿宋_GB2312', '方正小标宋简体', '黑体']) expect([font, document.includes(`w:eastAsia="${font}"`)]).toEqual([font, true]);
    expect(document).not.toMatch(/SimSun|SimHei/);
    const footers = await Promise.all(Object.keys(zip.files).filter((f) => /^word\/footer\d+\.xml$/.test(f)).map((f) => zip.file(f)!.async('string')));
    expect(footers.length).toBe(2);
    for (const f of footers) expect(f).toContain('w:eastAsia="宋体"');
    const { fonts } = layout();
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((f) => !f.embedded)).toEqual([]);
  });
});
