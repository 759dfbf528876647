/**
 * Reads the layout of a rendered PDF with poppler: page sizes (pdfinfo), text lines with their boxes
 * (pdftotext -bbox-layout), fonts (pdffonts), and red pixels (pdftoppm at 72 dpi, one pixel a point).
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BIG = { maxBuffer: 64 * 1024 * 1024, timeout: 120_000 };

/** 1 mm in PDF points. */
export const MM = 72 / 25.4;

export interface TextLine {
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  /** The line's words joined without spaces. */
  text: string;
}

export interface PdfPage {
  width: number;
  height: number;
  lines: TextLine[];
}

export interface PdfFont {
  name: string;
  embedded: boolean;
}

export interface PdfLayout {
  pages: PdfPage[];
  fonts: PdfFont[];
}

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
const num = (attrs: string, name: string) => Number(new RegExp(`${name}="([\\d.]+)"`).exec(attrs)?.[1] ?? NaN);

export async function readLayout(pdf: string): Promise<PdfLayout> {
  const { stdout: html } = await run('pdftotext', ['-bbox-layout', pdf, '-'], BIG);
  const pages = html
    .split('<page ')
    .slice(1)
    .map((chunk) => ({
      width: num(chunk, 'width'),
      height: num(chunk, 'height'),
      lines: [...chunk.matchAll(/<line ([^>]*)>([\s\S]*?)<\/line>/g)].map((m) => ({
        xMin: num(m[1]!, 'xMin'),
        yMin: num(m[1]!, 'yMin'),
        xMax: num(m[1]!, 'xMax'),
        yMax: num(m[1]!, 'yMax'),
        text: unescape([...m[2]!.matchAll(/<word [^>]*>([^<]*)<\/word>/g)].map((w) => w[1]).join('')),
      })),
    }));
  const { stdout: fontTable } = await run('pdffonts', [pdf], BIG);
  const fonts = fontTable
    .split('\n')
    .slice(2)
    .filter((l) => l.trim().length > 0)
    .map((l) => {
      const cols = l.trim().split(/\s+/);
      // name type [type…] encoding emb sub uni object ID: emb is the fifth column from the end.
      return { name: cols[0]!, embedded: cols[cols.length - 5] === 'yes' };
    });
  return { pages, fonts };
}

/** The rows of a page (at 72 dpi: y in points from the top) that have red pixels: how many, and their extent. */
export async function redRows(pdf: string, page: number): Promise<Map<number, { count: number; xMin: number; xMax: number }>> {
  const root = `${pdf}-p${page}`;
  await run('pdftoppm', ['-r', '72', '-f', String(page), '-l', String(page), '-singlefile', pdf, root], BIG);
  const ppm = readFileSync(`${root}.ppm`);
  // P6 header: magic, width, height, maxval, each followed by whitespace.
  const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(ppm.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error(`${root}.ppm is not a binary PPM`);
  const [width, height] = [Number(header[1]), Number(header[2])];
  const pixels = ppm.subarray(header[0].length);
  const rows = new Map<number, { count: number; xMin: number; xMax: number }>();
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const [r, g, b] = [pixels[i]!, pixels[i + 1]!, pixels[i + 2]!];
      if (r > 180 && g < 90 && b < 90) {
        const row = rows.get(y) ?? { count: 0, xMin: x, xMax: x };
        rows.set(y, { count: row.count + 1, xMin: Math.min(row.xMin, x), xMax: Math.max(row.xMax, x) });
      }
    }
  }
  return rows;
}
