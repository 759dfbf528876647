/**
 * Custom search attributes registered on the Temporal namespace. They make
 * `temporal workflow list --query "Overdue = true AND EnterpriseCode = 'E001'"` an operator tool.
 * Search attributes are not encrypted: never put confidential text in them.
 */
export const SEARCH_ATTRIBUTES = {
  LedgerNo: 'Keyword',
  EnterpriseCode: 'Keyword',
  Stage: 'Keyword',
  Outcome: 'Keyword',
  Source: 'Keyword',
  Deadline: 'Datetime',
  Overdue: 'Bool',
} as const;

export type SearchAttributeName = keyof typeof SEARCH_ATTRIBUTES;
