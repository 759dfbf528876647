/**
 * Result determination (§7, SPEC §4): the three outcomes, the ten criteria a determination rests
 * on, and what each criterion requires the determination to carry.
 */
import { hasText } from './text.js';
import type { ProblemRegistration } from '@rectify/contracts';
import { Decimal } from 'decimal.js';
import { isAmount, normaliseAmount } from './amounts.js';
import { compareDates, isLocalDate } from './calendar.js';
import { hardLimit } from './deadlines.js';
import type { Policy } from './policy.js';

/** The three outcomes of §7. */
export const OUTCOMES = {
  completed: '整改完毕',
  partial: '部分整改',
  not_rectified: '未整改',
} as const;
export type Outcome = keyof typeof OUTCOMES;

export const CRITERION_CODES = ['C1', 'C2', 'C3', 'C4', 'P1', 'P2', 'N1', 'N2', 'N3', 'N4'] as const;
export type CriterionCode = (typeof CRITERION_CODES)[number];

export interface Criterion {
  code: CriterionCode;
  outcome: Outcome;
  /** The criterion in the words of §7. */
  label: string;
  /** What a determination on this criterion must carry. */
  requirement: string;
}

/** The ten criteria of §7, in the order the clause lists them. */
export const CRITERIA: Readonly<Record<CriterionCode, Criterion>> = Object.freeze({
  C1: {
    code: 'C1',
    outcome: 'completed',
    label: '具体问题金额或事实已调整或纠正完毕',
    requirement: '问题有金额的，已整改金额须等于问题金额；无金额的，须说明纠正情况',
  },
  C2: {
    code: 'C2',
    outcome: 'completed',
    label: '即查即改消除违规行为后果并完善内部管控措施',
    requirement: '须说明纠正情况及完善的内部管控措施',
  },
  C3: {
    code: 'C3',
    outcome: 'completed',
    label: '移送纪检部门并已受理',
    requirement: '须提供移送记录及纪检部门受理日期',
  },
  C4: {
    code: 'C4',
    outcome: 'completed',
    label: '已既成事实无法纠正但完成追责问责程序且完善管控措施',
    requirement: '须提供追责问责记录及完善的管控措施',
  },
  P1: {
    code: 'P1',
    outcome: 'partial',
    label: '因客观因素在规定期限内无法整改到位但已提出确切整改计划及时间安排',
    requirement: '须提交整改计划：整改措施、责任人及新的整改期限',
  },
  P2: {
    code: 'P2',
    outcome: 'partial',
    label: '问题金额或数量部分调整或纠正',
    requirement: '问题须有金额，已整改金额须大于零且小于问题金额',
  },
  N1: {
    code: 'N1',
    outcome: 'not_rectified',
    label: '无正当理由不接受审计意见或建议',
    requirement: '须写明认定依据',
  },
  N2: {
    code: 'N2',
    outcome: 'not_rectified',
    label: '不采取整改措施',
    requirement: '须写明认定依据',
  },
  N3: {
    code: 'N3',
    outcome: 'not_rectified',
    label: '虚假整改敷衍应付',
    requirement: '须写明认定依据',
  },
  N4: {
    code: 'N4',
    outcome: 'not_rectified',
    label: '既成事实无法纠正但未完成追责问责、且未完善管控致使不利影响仍继续',
    requirement: '须写明认定依据并确认不利影响仍在继续',
  },
});

export function isCriterionCode(s: unknown): s is CriterionCode {
  return typeof s === 'string' && (CRITERION_CODES as readonly string[]).includes(s);
}

/** The outcome a criterion determines. */
export function outcomeOf(code: CriterionCode): Outcome {
  const criterion = isCriterionCode(code) ? CRITERIA[code] : undefined;
  if (!criterion) throw new RangeError(`Unknown criterion code: ${JSON.stringify(code)}`);
  return criterion.outcome;
}

/** A proposed determination of one problem's result. */
export interface DeterminationInput {
  criterion: CriterionCode;
  /** 认定依据: always required. */
  basis: string;
  /** Yuan, decimal string: the amount adjusted or corrected (C1, P2). */
  correctedAmount?: string | null;
  /** How the fact was corrected (C1 without an amount, C2). */
  correctionDescription?: string | null;
  /** The internal controls improved (C2, C4). */
  controlsImprovement?: string | null;
  /** The accountability completed (C4). */
  accountabilityRecord?: string | null;
  /** The transfer to discipline inspection and the date it accepted it (C3). */
  transfer?: { transferId: string; acceptedDate: string | null } | null;
  /** The plan for a partial result (P1). */
  plan?: { measures: string; responsiblePerson: string; newDeadline: string; specialReason?: string | null } | null;
  /** The adverse effect still continues (N4). */
  harmContinues?: boolean;
}

/** What a determination needs to know about its problem. */
export type DeterminationProblem = Pick<ProblemRegistration, 'amount'> & { issueDate: string };

const AMOUNT_HINT = '应为最多 15 位整数、最多两位小数的元金额（如 1234567.89）';

/**
 * Every missing or invalid requirement of a determination, each message naming its field; empty
 * when the determination may be recorded. `today` is the current date in the policy's zone.
 * A P1 plan whose new date lies past the hard limit (issue date + the policy's limit) needs a
 * special reason, as a deadline and an extension do (checkDeadline, checkExtension); the new date
 * still only becomes the deadline through an approved extension.
 */
export function validateDetermination(
  input: DeterminationInput,
  problem: DeterminationProblem,
  policy: Policy,
  today: string,
): string[] {
  if (!isCriterionCode(input.criterion)) {
    return [`criterion：未知的认定标准 ${JSON.stringify(input.criterion)}，应为 ${CRITERION_CODES.join('、')} 之一`];
  }
  const problems: string[] = [];
  const require = (ok: boolean, message: string): void => {
    if (!ok) problems.push(message);
  };
  const code = input.criterion;
  const label = `${code}（${CRITERIA[code].label}）`;

  require(hasText(input.basis), 'basis：认定依据不能为空');

  // Amount syntax is checked whenever an amount is present, whatever the criterion.
  const problemAmount = problem.amount ?? null;
  const problemAmountOk = problemAmount === null || isAmount(problemAmount);
  require(problemAmountOk, `amount：问题金额 "${problemAmount}" 格式不正确，${AMOUNT_HINT}`);
  const corrected = input.correctedAmount ?? null;
  const correctedOk = corrected === null || isAmount(corrected);
  require(correctedOk, `correctedAmount：整改金额 "${corrected}" 格式不正确，${AMOUNT_HINT}`);

  switch (code) {
    case 'C1':
      if (problemAmount === null) {
        require(hasText(input.correctionDescription), `correctionDescription：问题未登记金额，按 ${label} 认定须说明纠正情况`);
      } else if (corrected === null) {
        require(false, `correctedAmount：按 ${label} 认定须填写整改金额，且等于问题金额 ${normaliseAmount(problemAmount) ?? problemAmount} 元`);
      } else if (problemAmountOk && correctedOk) {
        require(
          new Decimal(corrected).equals(new Decimal(problemAmount)),
          `correctedAmount：整改金额必须等于问题金额 ${normaliseAmount(problemAmount)} 元，实际为 ${normaliseAmount(corrected)} 元`,
        );
      }
      break;
    case 'C2':
      require(hasText(input.correctionDescription), `correctionDescription：按 ${label} 认定须说明纠正情况`);
      require(hasText(input.controlsImprovement), `controlsImprovement：按 ${label} 认定须说明完善的内部管控措施`);
      break;
    case 'C3': {
      const transfer = input.transfer ?? null;
      if (transfer === null) {
        require(false, `transfer：按 ${label} 认定须提供移送纪检部门的记录及受理日期`);
        break;
      }
      require(hasText(transfer.transferId), 'transfer.transferId：须填写移送记录编号');
      if (transfer.acceptedDate === null || transfer.acceptedDate === undefined) {
        require(false, 'transfer.acceptedDate：纪检部门尚未受理，不能认定为整改完毕');
      } else {
        require(isLocalDate(transfer.acceptedDate), `transfer.acceptedDate：受理日期 "${transfer.acceptedDate}" 不是有效日期（YYYY-MM-DD）`);
      }
      break;
    }
    case 'C4':
      require(hasText(input.accountabilityRecord), `accountabilityRecord：按 ${label} 认定须提供追责问责记录`);
      require(hasText(input.controlsImprovement), `controlsImprovement：按 ${label} 认定须说明完善的管控措施`);
      break;
    case 'P1': {
      const plan = input.plan ?? null;
      if (plan === null) {
        require(false, `plan：按 ${label} 认定须提交整改计划（整改措施、责任人、新的整改期限）`);
        break;
      }
      require(hasText(plan.measures), 'plan.measures：须填写整改措施');
      require(hasText(plan.responsiblePerson), 'plan.responsiblePerson：须填写责任人');
      if (!isLocalDate(plan.newDeadline)) {
        require(false, `plan.newDeadline：新的整改期限 "${plan.newDeadline}" 不是有效日期（YYYY-MM-DD）`);
      } else if (isLocalDate(today)) {
        require(compareDates(plan.newDeadline, today) > 0, `plan.newDeadline：新的整改期限 ${plan.newDeadline} 必须晚于今天 ${today}`);
        if (isLocalDate(problem.issueDate)) {
          const limit = hardLimit(problem.issueDate, policy);
          require(
            compareDates(plan.newDeadline, limit) <= 0 || hasText(plan.specialReason),
            `plan.specialReason：新的整改期限 ${plan.newDeadline} 超过下达后 ${policy.rectificationLimitMonths} 个月的最长期限 ${limit}，须填写特殊理由`,
          );
        }
      } else {
        require(false, `today：当前日期 "${today}" 不是有效日期（YYYY-MM-DD）`);
      }
      break;
    }
    case 'P2':
      if (problemAmount === null) {
        require(false, `amount：问题未登记金额，不能按 ${label} 认定`);
      } else if (corrected === null) {
        require(false, `correctedAmount：按 ${label} 认定须填写已整改金额`);
      } else if (problemAmountOk && correctedOk) {
        const c = new Decimal(corrected);
        require(
          c.greaterThan(0) && c.lessThan(new Decimal(problemAmount)),
          `correctedAmount：部分整改金额必须大于 0 且小于问题金额 ${normaliseAmount(problemAmount)} 元，实际为 ${normaliseAmount(corrected)} 元`,
        );
      }
      break;
    case 'N1':
    case 'N2':
    case 'N3':
      break;
    case 'N4':
      require(input.harmContinues === true, `harmContinues：按 ${label} 认定须确认不利影响仍在继续`);
      break;
  }
  return problems;
}
