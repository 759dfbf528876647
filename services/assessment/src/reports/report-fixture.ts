/** Sample report data for the report builders' tests (and for trying the builders by hand). */
import type { IndicatorRow, LabelledRow, ReportData } from './report-data.js';

const EMPTY: IndicatorRow = {
  group: '', due: 0, completed: 0, onTime: 0, overdue: 0, partial: 0, notRectified: 0, closed: 0,
  amountDue: '0.00', amountCompleted: '0.00',
  rectificationRate: null, rectificationRateByAmount: null, onTimeRate: null,
  meanDaysToCompletion: null, closeOutRate: null, accountabilityCases: 0,
};

export function row(label: string, fields: Partial<IndicatorRow>): LabelledRow {
  return { ...EMPTY, ...fields, label };
}

export function sampleReport(): ReportData {
  return {
    title: '2026年度审计整改情况报告',
    period: { from: '2026-01-01', to: '2026-12-31' },
    generatedAt: '2027-01-15T01:30:00.000Z',
    totals: {
      ...EMPTY, group: 'all', due: 12, completed: 8, onTime: 6, overdue: 2, partial: 1, notRectified: 1, closed: 5,
      amountDue: '1234567.8', amountCompleted: '1000.50',
      rectificationRate: 0.6667, rectificationRateByAmount: 0.0008, onTimeRate: 0.5,
      meanDaysToCompletion: 45.5, closeOutRate: 0.625, accountabilityCases: 3,
    },
    byEnterprise: [
      row('市城市建设投资集团有限公司', {
        group: 'CJT', due: 6, completed: 4, onTime: 3, overdue: 1, closed: 2,
        amountDue: '1234567.8', amountCompleted: '1000.50',
        rectificationRate: 0.66666, rectificationRateByAmount: 0.0008, onTimeRate: 0.5,
        meanDaysToCompletion: 30, closeOutRate: 0.5, accountabilityCases: 2,
      }),
      // Nothing due: every rate is "no data"; the name carries an XML special character.
      row('市公交集团 & 子公司', { group: 'BUS', accountabilityCases: 1 }),
      // An amount a double cannot hold exactly (19 significant digits).
      row('市投资控股有限公司', {
        group: 'TZK', due: 6, completed: 4, onTime: 3, overdue: 1, partial: 1, notRectified: 1, closed: 3,
        amountDue: '12345678901234567.89', amountCompleted: '0.00',
        rectificationRate: 1, rectificationRateByAmount: 0, onTimeRate: 0, meanDaysToCompletion: 61, closeOutRate: 0.75,
      }),
    ],
    bySource: [
      row('国家审计', { group: 'national_audit', due: 7, completed: 5, rectificationRate: 0.7143, onTimeRate: 0.4286, accountabilityCases: 2 }),
      row('内部审计', { group: 'internal_audit', due: 5, completed: 3, rectificationRate: 0.6, onTimeRate: null }),
    ],
    byCategory: [row('财务收支', { group: 'finance', due: 12, completed: 8, rectificationRate: 0.6667 })],
    accountability: [
      { trigger: 'T1', label: '未在整改期限内全部完成整改且无特殊原因', count: 2 },
      { trigger: 'T2', label: '部分整改经延期后，问题下发6个月仍未完成', count: 0 },
      { trigger: 'T3', label: '拒不认账或未整改', count: 1 },
      { trigger: 'T4', label: '虚假整改', count: 0 },
    ],
    scores: [
      {
        enterpriseCode: 'CJT', enterpriseName: '市城市建设投资集团有限公司', score: 92.5,
        lines: [
          { item: '整改率', value: '66.67%', points: 40 },
          { item: '按期整改率', value: '50.00%', points: 52.5 },
        ],
      },
      { enterpriseCode: 'BUS', enterpriseName: '市公交集团 & 子公司', score: null, lines: [] },
    ],
  };
}
