import { get, query } from './client.js';
import { ifAvailable } from './pending.js';

/** Supervision records (督办记录) and written explanations (书面说明) of §10, served by services/issues. */
export interface VisitRecord {
  id: string;
  enterpriseCode: string;
  enterpriseName: string;
  visitDate: string;
  team: string;
  findings: string;
  confidential: boolean;
  recordedBy: string;
  recordedAt: string;
}

export interface ExplanationRecord {
  id: string;
  enterpriseCode: string;
  enterpriseName: string;
  kind: string;
  topic: string;
  status: string;
  statusLabel: string;
  replyBy: string | null;
  requestedBy: string | null;
  requestedAt: string | null;
  answeredAt: string | null;
  hasGuidance: boolean;
}

const base = '/api/issues/supervision';
const items = <T>(path: string) => get<{ items: T[] }>(path).then((r) => r.items);

/** Each call answers "not available" (404) instead of failing where a deployment lacks the route. */
export const supervisionApi = {
  visits: (p: { ledgerNo?: string; enterpriseCode?: string; month?: string } = {}) => ifAvailable(() => items<VisitRecord>(`${base}/records${query(p)}`)),
  explanations: (p: { enterpriseCode?: string; status?: string } = {}) => ifAvailable(() => items<ExplanationRecord>(`${base}/explanations${query(p)}`)),
};
