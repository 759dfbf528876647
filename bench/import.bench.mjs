#!/usr/bin/env node
// xlsx ledger import: rows per second of POST /api/issues/ledger/import (parse, check every cell,
// register every row in one transaction, answer) vs reading the very same workbook with exceljs
// alone — the floor any import pays, so the ratio shows what checking and registering add per row;
// and the time from sending the file until the last of its problems' workflows is running (the
// workflows start behind the answer), against the same exceljs read. Rows are imported as
// e001-audit for E001, on a fresh document number per round (`导入基准〔<run>-<round>〕号`,
// category 导入基准), so each round registers new problems.
//
//   node bench/import.bench.mjs --profile bench [--rows 5000] [--rounds 3]
import ExcelJS from 'exceljs';
import pg from 'pg';
import { performance } from 'node:perf_hooks';
import { BenchError, currentToken, fetchOnce, log, login, stats } from './lib/bench-kit.mjs';
import { row, standalone } from './lib/run-row.mjs';
import { temporalClient } from './lib/temporal.mjs';

/** The longest wait for an import's workflows to be running. */
const WORKFLOWS_LIMIT_MS = 15 * 60_000;

const DEFAULTS_FORM = { source: 'routine_audit', documentType: 'decision', issuer: '市审计局', issueDate: '2026-10-15' };
const TITLES = ['超标准列支招待费', '闲置资产未盘活', '工程款超付', '违规发放津补贴', '合同管理不规范'];

async function workbook(docNumber, rows) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  ws.mergeCells('A1:J1');
  ws.getCell('A1').value = '市城市建设投资集团有限公司审计整改台账（导入基准）';
  ws.addRow([]);
  ws.getRow(2).values = ['序号', '整改通知书/审计决定书文号', '被审计单位', '问题类别', '问题摘要', '具体描述', '涉及金额（万元）', '整改时限', '责任部门', '责任人'];
  for (let i = 0; i < rows; i++) {
    ws.getRow(3 + i).values = [i + 1, docNumber, 'E001', '导入基准', TITLES[i % TITLES.length], `导入基准第 ${i + 1} 行：${TITLES[i % TITLES.length]}，金额与时限见本行`, (1 + (i % 97) * 0.37).toFixed(4), '2027年3月31日', '财务部、办公室', '张三'];
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The baseline: exceljs reads the workbook and touches every cell of every row. */
async function parseOnly(buffer) {
  const t0 = performance.now();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer);
  let cells = 0;
  wb.worksheets[0].eachRow((r) => r.eachCell(() => (cells += 1)));
  if (cells === 0) throw new BenchError('exceljs read no cells');
  return performance.now() - t0;
}

async function importOnce(gateway, token, buffer) {
  const form = new FormData();
  for (const [k, v] of Object.entries(DEFAULTS_FORM)) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(buffer)], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), '台账.xlsx');
  const t0 = performance.now();
  const res = await fetchOnce(`${gateway}/api/issues/ledger/import`, { method: 'POST', headers: { authorization: `Bearer ${await currentToken(token)}` }, body: form, signal: AbortSignal.timeout(10 * 60_000) });
  const text = await res.text();
  const elapsed = performance.now() - t0;
  if (res.status !== 201) throw new BenchError(`import answered ${res.status}: ${text.slice(0, 400)}`);
  return { elapsed, sent: t0, body: JSON.parse(text) };
}

/**
 * Waits until every problem of the document has its workflow started (issues.problems.workflow_started,
 * marked at most 200 ms after Temporal answered the start), then checks the last one is running in
 * Temporal. Returns the time from `sent` (ms).
 */
async function workflowsRunning(db, temporal, docNumber, ledgerNos, sent) {
  const stopAt = Date.now() + WORKFLOWS_LIMIT_MS;
  for (;;) {
    const { rows } = await db.query('SELECT count(*)::int AS n FROM issues.problems WHERE doc_number = $1 AND NOT workflow_started', [docNumber]);
    if (rows[0].n === 0) break;
    if (Date.now() > stopAt) throw new BenchError(`${rows[0].n} workflows of ${docNumber} still not started after ${WORKFLOWS_LIMIT_MS / 60_000} min`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const done = performance.now() - sent;
  const last = await temporal.workflow.getHandle(`problem-${ledgerNos.at(-1)}`).describe();
  if (last.status.name !== 'RUNNING') throw new BenchError(`workflow problem-${ledgerNos.at(-1)} is ${last.status.name}, not RUNNING`);
  return done;
}

export async function run(opts, stack) {
  const token = await login(stack.gateway, 'e001-audit');
  const runId = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const importRates = [];
  const parseRates = [];
  const parseTimes = [];
  const runningTimes = [];
  const db = new pg.Pool({ connectionString: stack.databaseUrl, max: 1, application_name: 'rectify-import-bench' });
  const temporal = await temporalClient(stack);
  try {
    for (let round = 1; round <= opts.rounds; round++) {
      const docNumber = `导入基准〔${runId}-${round}〕号`;
      const buffer = await workbook(docNumber, opts.rows);
      await parseOnly(buffer); // warm exceljs up on this very buffer
      const parseMs = await parseOnly(buffer);
      parseTimes.push(parseMs);
      parseRates.push(opts.rows / (parseMs / 1000));
      const { elapsed, sent, body } = await importOnce(stack.gateway, token, buffer);
      if (body.imported !== opts.rows) throw new BenchError(`round ${round} imported ${body.imported} of ${opts.rows} rows`);
      importRates.push(opts.rows / (elapsed / 1000));
      runningTimes.push(await workflowsRunning(db, temporal.client, docNumber, body.ledgerNos, sent));
      log(`import round ${round}: ${opts.rows} rows answered in ${(elapsed / 1000).toFixed(1)} s (${importRates.at(-1).toFixed(1)} rows/s), every workflow running after ${(runningTimes.at(-1) / 1000).toFixed(1)} s; exceljs alone ${parseRates.at(-1).toFixed(0)} rows/s (${parseMs.toFixed(0)} ms)`);
    }
  } finally {
    await db.end();
    await temporal.close();
  }
  const imp = stats(importRates);
  const par = stats(parseRates);
  const parT = stats(parseTimes);
  const run = stats(runningTimes);
  return {
    rows: [
      row({ benchmark: `exceljs reads the workbook (${opts.rows} rows)`, n: par.n, median: par.median, p95: par.p95, unit: 'rows/s' }),
      row({ benchmark: `xlsx import of ${opts.rows} rows through the gateway, until the answer`, n: imp.n, median: imp.median, p95: imp.p95, unit: 'rows/s', baseline: 'exceljs reading the same workbook', baselineMedian: par.median, ratio: imp.median / par.median, note: 'each row checked and registered (one transaction); workflows start behind the answer' }),
      row({ benchmark: `exceljs reads the workbook (${opts.rows} rows), time`, n: parT.n, median: parT.median, p95: parT.p95, unit: 'ms' }),
      row({ benchmark: `xlsx import of ${opts.rows} rows: until the last workflow is running`, n: run.n, median: run.median, p95: run.p95, unit: 'ms', baseline: 'exceljs reading the same workbook', baselineMedian: parT.median, ratio: run.median / parT.median, note: `${(opts.rows / (run.median / 1000)).toFixed(1)} workflows/s from sending the file` }),
    ],
    notes: [`xlsx import: p95 of a rate is its 95th percentile over rounds (higher is better), of a time the 95th percentile (lower is better); documents 导入基准〔${runId}-1…${opts.rounds}〕号`],
  };
}

export const DEFAULTS = { rows: 5000, rounds: 3 };
await standalone(import.meta, DEFAULTS, run);
