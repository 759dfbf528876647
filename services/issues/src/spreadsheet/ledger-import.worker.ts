/**
 * The worker thread that parses uploaded ledgers (see ledger-import-thread.ts), one at a time: it
 * receives the file and the enterprise directory and answers the LedgerImportResult.
 */
import { parentPort } from 'node:worker_threads';
import { issueDateProblem } from '@rectify/domain';
import { parseLedgerWorkbook } from './ledger-import.js';
import type { ThreadedImportInput } from './ledger-import-thread.js';

async function parse(input: ThreadedImportInput) {
  const byCodeOrName = new Map<string, string>();
  for (const e of input.enterprises) byCodeOrName.set(e.name, e.code);
  for (const e of input.enterprises) byCodeOrName.set(e.code, e.code);
  return parseLedgerWorkbook(Buffer.from(input.file.buffer, input.file.byteOffset, input.file.byteLength), {
    resolveEnterprise: (text) => byCodeOrName.get(text.trim()) ?? null,
    defaults: input.defaults,
    rectificationLimitMonths: input.rectificationLimitMonths,
    ownEnterprise: input.ownEnterprise ?? null,
    issueDateProblem:
      input.earliestIssueYear !== undefined && input.today !== undefined
        ? (issueDate) => issueDateProblem(issueDate, { earliestIssueYear: input.earliestIssueYear! }, input.today!)
        : undefined,
  });
}

// (a parse that throws fails the worker: the thread answers the file error and ends this worker)
parentPort?.on('message', (input: ThreadedImportInput) => void parse(input).then((result) => parentPort?.postMessage(result)));
