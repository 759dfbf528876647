import { describe, expect, it } from '@jest/globals';
import JSZip from 'jszip';
import { FONT_NAMES, gw, PAGE, renderOfficialDocument, table } from './index.js';

async function parts(bytes: Buffer): Promise<{ document: string; footers: string[]; settings: string }> {
  const zip = await JSZip.loadAsync(bytes);
  const read = (name: string) => zip.file(name)!.async('string');
  const footers = await Promise.all(Object.keys(zip.files).filter((n) => /^word\/footer\d+\.xml$/.test(n)).sort().map(read));
  return { document: await read('word/document.xml'), footers, settings: await read('word/settings.xml') };
}

const sample = (classification: string | null = null) =>
  renderOfficialDocument({
    title: '关于测试的通知',
    head: { organ: '市国资委文件', number: '国资监督〔2026〕1号', classification },
    body: [...gw.title('关于测试的通知'), gw.addressee('各监管企业'), gw.heading1('一、总体情况'), ...gw.body('第一段。\n\n第二段。'), table(['甲', '乙'], [['1', '2']]), ...gw.signature('市国资委', '2026年11月30日')],
  });

describe('the official-document kit (GB/T 9704-2012)', () => {
  it('sets the A4 page with the 公文 margins, the 22-line grid and odd/even page numbers', async () => {
    const { document, footers, settings } = await parts(await sample());
    expect(document).toContain(`<w:pgSz w:w="${PAGE.width}" w:h="${PAGE.height}"`);
    expect([PAGE.width, PAGE.height, PAGE.margin.top, PAGE.margin.bottom, PAGE.margin.left, PAGE.margin.right]).toEqual([11906, 16838, 2098, 1984, 1587, 1474]);
    expect(PAGE.textWidth).toBe(8845); // 156 mm
    expect(PAGE.linesPerPage * PAGE.line).toBeLessThanOrEqual(PAGE.textHeight);
    expect((PAGE.linesPerPage + 1) * PAGE.line).toBeGreaterThan(PAGE.textHeight);
    expect(document).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    expect(settings).toContain('<w:evenAndOddHeaders/>');
    expect(footers).toHaveLength(2);
    for (const f of footers) {
      expect(f.replace(/<[^>]+>/g, '')).toMatch(/^— .*PAGE.* —$|— +—/);
      expect(f).toContain(`w:eastAsia="${FONT_NAMES.pageNumber}"`);
    }
    expect(footers.map((f) => /<w:jc w:val="(\w+)"/.exec(f)?.[1]).sort()).toEqual(['left', 'right']);
  });

  it('sets every body line at exactly 28.95 pt in 三号 仿宋_GB2312, the title in 二号 小标宋', async () => {
    const { document } = await parts(await sample());
    const body = [...document.matchAll(/<w:p>(?:(?!<\/w:p>)[\s\S])*?第一段。[\s\S]*?<\/w:p>/g)][0]![0];
    expect(body).toContain('<w:spacing w:after="0" w:before="0" w:line="579" w:lineRule="exact"/>');
    expect(body).toContain(`w:eastAsia="${FONT_NAMES.body}"`);
    expect(body).toContain('<w:sz w:val="32"/>');
    const title = /<w:p>(?:(?!<\/w:p>)[\s\S])*?关于测试的通知<\/w:t>/.exec(document)![0];
    expect(title).toContain(`w:eastAsia="${FONT_NAMES.title}"`);
    expect(title).toContain('<w:sz w:val="44"/>');
    expect(document).not.toMatch(/w:line="\d+"(?! w:lineRule)/);
  });

  it('prints the red 发文机关标志 and the red line under the 发文字号; the 密级 only when asked', async () => {
    const { document } = await parts(await sample());
    const organ = /<w:p>(?:(?!<\/w:p>)[\s\S])*?市国资委文件<\/w:t>/.exec(document)![0];
    expect(organ).toContain('<w:color w:val="FF0000"/>');
    const numberLine = /<w:p>(?:(?!<\/w:p>)[\s\S])*?国资监督〔2026〕1号<\/w:t>/.exec(document)![0];
    expect(numberLine).toMatch(/<w:bottom w:val="single" w:color="FF0000"/);
    expect(document.replace(/<[^>]+>/g, '').startsWith('市国资委文件')).toBe(true);
    expect((await parts(await sample('涉密'))).document.replace(/<[^>]+>/g, '').startsWith('涉密市国资委文件')).toBe(true);
  });
});
