/**
 * Parses an uploaded ledger on a worker thread, so that reading a large or hostile workbook never
 * holds the service's event loop (other requests keep being answered) and its memory is capped
 * (a workbook that would need more ends its worker, not the service). At most
 * {@link MAX_CONCURRENT_IMPORTS} parse at once; the others wait their turn.
 *
 * A worker that answered stays for the next import (until {@link IDLE_WORKER_MS} without one):
 * a new thread loads its modules and runs the parse on cold, unoptimised code, which costs more
 * than the parse itself. A worker that ran out of memory or time, or failed, is ended.
 */
import { Worker } from 'node:worker_threads';
import type { LedgerImportDefaults, LedgerImportResult } from './ledger-import.js';

/** Parses running at once per process: each may use up to {@link IMPORT_HEAP_MB} MiB. */
export const MAX_CONCURRENT_IMPORTS = 2;
/** The old-generation heap of one parse's worker. */
export const IMPORT_HEAP_MB = 512;
/** A parse taking longer is stopped. */
export const IMPORT_TIMEOUT_MS = 90_000;
/** An idle worker is ended after this long without an import. */
export const IDLE_WORKER_MS = 10 * 60_000;

export interface ThreadedImportInput {
  file: Uint8Array;
  /** The enterprise directory: a 被审计单位 cell may give the code or the name. */
  enterprises: { code: string; name: string }[];
  defaults?: Partial<LedgerImportDefaults>;
  rectificationLimitMonths?: number;
  /** An enterprise user's own enterprise: a row naming another one is a bad cell. */
  ownEnterprise?: string | null;
  /** The policy's earliest issue year and today's date (Asia/Shanghai), for the issue-date check. */
  earliestIssueYear?: number;
  today?: string;
}

let running = 0;
const waiting: (() => void)[] = [];

async function slot(): Promise<() => void> {
  if (running >= MAX_CONCURRENT_IMPORTS) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  return () => {
    running--;
    waiting.shift()?.();
  };
}

const fileError = (message: string): LedgerImportResult => ({ sheetName: null, headerRowNumber: null, rows: [], errors: [{ rowNumber: 0, cell: null, column: null, message }] });

/** Workers that answered their last parse, waiting for the next (at most MAX_CONCURRENT_IMPORTS). */
const idle: { worker: Worker; timer: NodeJS.Timeout }[] = [];

function takeWorker(): Worker {
  const spare = idle.pop();
  if (spare) {
    clearTimeout(spare.timer);
    return spare.worker;
  }
  const worker = new Worker(new URL('./ledger-import.worker.js', import.meta.url), {
    resourceLimits: { maxOldGenerationSizeMb: IMPORT_HEAP_MB, maxYoungGenerationSizeMb: 32 },
  });
  // An idle worker does not keep the process alive.
  worker.unref();
  return worker;
}

function keepWorker(worker: Worker): void {
  const timer = setTimeout(() => {
    const i = idle.findIndex((w) => w.worker === worker);
    if (i >= 0) idle.splice(i, 1);
    void worker.terminate();
  }, IDLE_WORKER_MS);
  timer.unref();
  idle.push({ worker, timer });
}

/** parseLedgerWorkbook on a worker thread; a worker that runs out of memory or time answers one file error. */
export async function parseLedgerWorkbookOffThread(input: ThreadedImportInput): Promise<LedgerImportResult> {
  const release = await slot();
  try {
    return await new Promise<LedgerImportResult>((resolve) => {
      const worker = takeWorker();
      let settled = false;
      const settle = (result: LedgerImportResult, reusable = false) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        if (reusable) keepWorker(worker);
        else void worker.terminate();
        resolve(result);
      };
      const onMessage = (result: LedgerImportResult) => settle(result, true);
      const onError = (err: Error & { code?: string }) =>
        settle(
          fileError(
            err.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? `文件过于复杂：读取它需要超过 ${IMPORT_HEAP_MB} MiB 内存，请拆分为多个较小的文件后再导入`
              : '无法读取该文件：不是有效的 xlsx 工作簿，或文件已损坏',
          ),
        );
      const onExit = () => settle(fileError('无法读取该文件：不是有效的 xlsx 工作簿，或文件已损坏'));
      const timer = setTimeout(() => settle(fileError(`文件处理超时（超过 ${IMPORT_TIMEOUT_MS / 1000} 秒），请拆分为多个较小的文件后再导入`)), IMPORT_TIMEOUT_MS);
      worker.once('message', onMessage).once('error', onError).once('exit', onExit);
      worker.postMessage(input);
    });
  } finally {
    release();
  }
}
