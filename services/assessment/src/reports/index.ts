export type { IndicatorRow, LabelledRow, ReportData, ScoreLine } from './report-data.js';
export { formatDays, formatInstant, formatRate, formatScore, formatYuan, NO_DATA, parseDecimal, PUBLISHED_BASIS } from './format.js';
export { buildAnnualReport, overallParagraph } from './annual-report.js';
export { buildIndicatorWorkbook, buildScoreWorkbook, exactAmount, FORMATS, MAX_EXACT_DIGITS, SHEETS } from './indicator-workbook.js';
