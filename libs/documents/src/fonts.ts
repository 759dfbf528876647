/**
 * The fonts and sizes GB/T 9704-2012 names. The document names them (w:rFonts); the machine that
 * opens it supplies them (or a substitute). Latin letters and digits are set in Times New Roman, the
 * usual practice next to 仿宋_GB2312.
 */
type Face = { ascii: string; hAnsi: string; eastAsia: string; cs: string };

const face = (eastAsia: string, latin = 'Times New Roman'): Face => ({ ascii: latin, hAnsi: latin, eastAsia, cs: eastAsia });

export const FONT_NAMES = {
  /** 标题 and 发文机关标志: 小标宋体. */
  title: '方正小标宋简体',
  /** 正文, 发文字号, 主送机关, 落款: 仿宋_GB2312. */
  body: '仿宋_GB2312',
  /** 一级标题 (一、) and 密级: 黑体. */
  heading1: '黑体',
  /** 二级标题 (（一）): 楷体_GB2312. */
  heading2: '楷体_GB2312',
  /** 页码: 宋体. */
  pageNumber: '宋体',
} as const;

export const FONTS = {
  title: face(FONT_NAMES.title, FONT_NAMES.title),
  body: face(FONT_NAMES.body),
  heading1: face(FONT_NAMES.heading1),
  heading2: face(FONT_NAMES.heading2),
  pageNumber: face(FONT_NAMES.pageNumber, FONT_NAMES.pageNumber),
} as const;

/** 字号 in half-points, as docx wants them. */
export const SIZES = {
  /** 小初 36 pt: 发文机关标志. */
  xiaochu: 72,
  /** 二号 22 pt: 标题. */
  erhao: 44,
  /** 三号 16 pt: 正文 and everything else on the grid. */
  sanhao: 32,
  /** 四号 14 pt: 页码. */
  sihao: 28,
  /** 小四 12 pt: tables. */
  xiaosi: 24,
  /** 五号 10.5 pt: wide tables. */
  wuhao: 21,
} as const;

/** The red of the 红头 (发文机关标志 and the separator line). */
export const RED = 'FF0000';
