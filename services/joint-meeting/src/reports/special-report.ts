/**
 * The joint meeting's special report (专报) to the Commission 党委 (§11): a 上行文 in 公文 format
 * (GB/T 9704-2012, libs/documents) under the red mark 「监督联席会议专报」. Pure: data in, bytes out.
 */
import type { Paragraph, Table } from 'docx';
import { chineseCalendarDate, gw, renderOfficialDocument, table } from '@rectify/documents';

export interface SpecialReportFacts {
  pushes: { pushNo: string; subject: string; units: number; answered: number; overdue: number; status: string }[];
  notices: { title: string; publishedOn: string }[];
  transfers: { transferredOn: string; directionLabel: string; counterpartLabel: string; subject: string }[];
  meetings: { heldOn: string; title: string; decisions: number }[];
}

export interface SpecialReportData {
  title: string;
  periodFrom: string;
  periodTo: string;
  summary: string;
  /** 'YYYY-MM-DD' */
  createdOn: string;
  /** 期号, e.g. 「2026年第3期」: the report's order among the year's 专报. */
  issueNo: string;
  facts: SpecialReportFacts;
}

/** The 专报 as docx bytes. */
export async function specialReport(d: SpecialReportData): Promise<Buffer> {
  const f = d.facts;
  const answered = f.pushes.reduce((n, p) => n + p.answered, 0);
  const units = f.pushes.reduce((n, p) => n + p.units, 0);
  const overdue = f.pushes.reduce((n, p) => n + p.overdue, 0);
  const children: (Paragraph | Table)[] = [
    ...gw.title(d.title),
    gw.addressee('委党委'),
    ...gw.body(`现将 ${d.periodFrom} 至 ${d.periodTo} 监督联席会议工作情况报告如下。`),
    gw.heading1('一、总体情况'),
    ...gw.body(d.summary),
    gw.heading1('二、书面推送办理情况'),
    ...gw.body(`期间共书面推送事项 ${f.pushes.length} 项，涉及成员单位 ${units} 个（次），已书面反馈 ${answered} 个（次），逾期未反馈 ${overdue} 个（次）。`),
  ];
  if (f.pushes.length > 0) {
    children.push(table(['推送编号', '推送事项', '推送单位数', '已反馈', '逾期', '状态'], f.pushes.map((p) => [p.pushNo, p.subject, String(p.units), String(p.answered), String(p.overdue), p.status])));
  }
  children.push(gw.heading1('三、通报情况'), ...gw.body(f.notices.length > 0 ? `期间向成员单位发布通报 ${f.notices.length} 期：${f.notices.map((n) => `《${n.title}》（${n.publishedOn}）`).join('；')}。` : '期间未发布通报。'));
  children.push(gw.heading1('四、线索移送与协作情况'));
  if (f.transfers.length > 0) {
    children.push(...gw.body(`期间与市委审计办、市审计局、市纪委监委移送线索 ${f.transfers.length} 件。`));
    children.push(table(['日期', '方向', '协作单位', '线索或事项'], f.transfers.map((t) => [t.transferredOn, t.directionLabel, t.counterpartLabel, t.subject])));
  } else children.push(...gw.body('期间无线索移送。'));
  children.push(gw.heading1('五、联席会议召开情况'));
  children.push(...gw.body(f.meetings.length > 0 ? `期间召开联席会议 ${f.meetings.length} 次：${f.meetings.map((m) => `${m.heldOn}《${m.title}》（议定事项 ${m.decisions} 项）`).join('；')}。` : '期间未召开联席会议。'));
  children.push(...gw.body('特此报告。'));
  children.push(...gw.signature('监督联席会议办公室', chineseCalendarDate(d.createdOn)));
  return renderOfficialDocument({ title: d.title, creator: '监督联席会议办公室', head: { organ: '监督联席会议专报', number: d.issueNo, upward: true }, body: children });
}
