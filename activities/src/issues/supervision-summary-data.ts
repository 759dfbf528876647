/** What the supervision summary and analysis (督办情况汇总分析) of one month holds. */
export interface SupervisionSummaryData {
  /** 'YYYY-MM' */
  month: string;
  /** '2026年11月' */
  monthLabel: string;
  from: string;
  to: string;
  /** Calendar date (Asia/Shanghai) the counts are taken on. */
  asOf: string;
  generatedAt: string;
  slowProgressDays: number;
  totals: SummaryCounts & { enterprises: number };
  enterprises: EnterpriseProgress[];
  overdueProblems: SummaryProblem[];
  slowProblems: SummaryProblem[];
  visits: SummaryVisit[];
  explanations: SummaryExplanation[];
  /** The analysis, sentence by sentence. */
  analysis: string[];
}

export interface SummaryCounts {
  open: number;
  completed: number;
  overdue: number;
  slow: number;
  visits: number;
  explanationsRequested: number;
  explanationsOpen: number;
}

export interface EnterpriseProgress extends SummaryCounts {
  code: string;
  name: string;
}

export interface SummaryProblem {
  ledgerNo: string;
  enterpriseName: string;
  title: string;
  stageLabel: string;
  deadline: string;
  /** Last day something was recorded on the problem. */
  lastProgressOn: string;
  daysSinceProgress: number;
  /** The problem is 涉密: the document carries the 密级 marking (absent in summaries made before it was recorded). */
  confidential?: boolean;
}

export interface SummaryVisit {
  visitDate: string;
  enterpriseName: string;
  team: string;
  problems: number;
  findings: string;
}

export interface SummaryExplanation {
  enterpriseName: string;
  topic: string;
  statusLabel: string;
  replyBy: string | null;
}
