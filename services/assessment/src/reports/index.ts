export type { IndicatorRow, LabelledRow, ReportData, ScoreLine } from './report-data.js';
export { formatDays, formatRate, formatScore, formatYuan, NO_DATA, parseDecimal } from './format.js';
export { buildAnnualReport, overallParagraph } from './annual-report.js';
export { buildIndicatorWorkbook, exactAmount, FORMATS, MAX_EXACT_DIGITS, SHEETS } from './indicator-workbook.js';
