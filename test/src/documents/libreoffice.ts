import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { aptInstall, hasChineseFont, onPath } from '../harness/debian-packages.js';

const run = promisify(execFile);

/** What renders and reads the documents: LibreOffice (docx → PDF) and poppler's pdfinfo, pdftotext, pdffonts, pdftoppm. */
const TOOLS = ['soffice', 'pdfinfo', 'pdftotext', 'pdffonts', 'pdftoppm'];

/**
 * Debian's `libreoffice-writer-nogui` (the smallest LibreOffice that converts docx to PDF) and
 * `poppler-utils`, installed with apt-get when missing, as the browser tests do for Chromium.
 */
export function ensureLibreOffice(): void {
  if (TOOLS.some((t) => !onPath(t))) aptInstall(['libreoffice-writer-nogui', 'poppler-utils']);
  if (!hasChineseFont()) aptInstall(['fonts-wqy-zenhei']);
  const missing = TOOLS.filter((t) => !onPath(t));
  if (missing.length > 0) {
    throw new Error(`缺少 ${missing.join('、')}：install Debian's libreoffice-writer-nogui and poppler-utils as root (apt-get install -y --no-install-recommends libreoffice-writer-nogui poppler-utils)`);
  }
}

/**
 * Renders the documents to PDF with one headless LibreOffice run (its own profile directory, so it
 * never meets another LibreOffice on the machine); returns the directory (for `removeRendered`) and
 * the PDF path of each name.
 */
export async function renderPdfs(documents: Record<string, Uint8Array>): Promise<{ dir: string; pdfs: Record<string, string> }> {
  const dir = mkdtempSync(join(tmpdir(), 'rectify-documents-'));
  const names = Object.keys(documents);
  for (const name of names) writeFileSync(join(dir, `${name}.docx`), documents[name]!);
  await run('soffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, ...names.map((n) => join(dir, `${n}.docx`))], {
    timeout: 300_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  return { dir, pdfs: Object.fromEntries(names.map((n) => [n, join(dir, `${n}.pdf`)])) };
}

/** Removes what `renderPdfs` wrote (documents, PDFs, page images, the LibreOffice profile). */
export function removeRendered(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
