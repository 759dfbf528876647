import { CONFIDENTIALITY, DOCUMENT_TYPES, PROBLEM_SOURCES, PROBLEM_TAGS } from '@rectify/contracts';
import { OUTCOMES, STAGE_LABELS, STAGES } from '@rectify/domain';

/** Select options from the policy's label maps. */
const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

export const SOURCE_OPTIONS = options(PROBLEM_SOURCES);
export const DOCUMENT_TYPE_OPTIONS = options(DOCUMENT_TYPES);
export const CONFIDENTIALITY_OPTIONS = options(CONFIDENTIALITY);
export const TAG_OPTIONS = options(PROBLEM_TAGS);
export const OUTCOME_OPTIONS = options(OUTCOMES);
export const STAGE_OPTIONS = STAGES.map((s) => ({ value: s, label: STAGE_LABELS[s] }));

export const sourceLabel = (s: string) => (PROBLEM_SOURCES as Record<string, string>)[s] ?? s;
export const tagLabel = (s: string) => (PROBLEM_TAGS as Record<string, string>)[s] ?? s;
export const documentTypeLabel = (s: string) => (DOCUMENT_TYPES as Record<string, string>)[s] ?? s;

/** The steps of an accountability case as they appear in the `action` of trail entries (services/issues case-events.ts). */
export const CASE_EVENT_LABELS: Record<string, string> = { draftOpinion: '起草问责处理意见', signOpinion: '会签问责处理意见', issueMeasure: '采取问责措施', markAssessment: '标记问责考核年度', closeCase: '问责案件结案' };
