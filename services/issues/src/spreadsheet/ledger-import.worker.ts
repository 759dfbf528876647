/**
 * The worker thread that parses one uploaded ledger (see ledger-import-thread.ts): it receives the
 * file and the enterprise directory, answers the LedgerImportResult and ends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { issueDateProblem } from '@rectify/domain';
import { parseLedgerWorkbook } from './ledger-import.js';
import type { ThreadedImportInput } from './ledger-import-thread.js';

const input = workerData as ThreadedImportInput;
const result = await parseLedgerWorkbook(Buffer.from(input.file.buffer, input.file.byteOffset, input.file.byteLength), {
  resolveEnterprise: (text) => input.enterprises.find((e) => e.code === text.trim() || e.name === text.trim())?.code ?? null,
  defaults: input.defaults,
  rectificationLimitMonths: input.rectificationLimitMonths,
  ownEnterprise: input.ownEnterprise ?? null,
  issueDateProblem:
    input.earliestIssueYear !== undefined && input.today !== undefined
      ? (issueDate) => issueDateProblem(issueDate, { earliestIssueYear: input.earliestIssueYear! }, input.today!)
      : undefined,
});
parentPort?.postMessage(result);
