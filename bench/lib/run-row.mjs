// The shape every benchmark of run-all.mjs reports, and how a bench file runs on its own.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BenchError, log, markdownTable, parseArgs, readStack } from './bench-kit.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * One row of the report: `median`/`p95` (and `p99` where the tail is the point) in `unit` (ms, MiB,
 * rows/s …), and the baseline measured in the same run; `ratio` = measured ÷ baseline (for rates:
 * the benchmark's rate ÷ the baseline's), `ratioP99` = measured p99 ÷ the baseline's p99.
 */
export function row({ benchmark, n, median, p95, p99, unit, baseline, baselineMedian, baselineP99, ratio, ratioP99, note = '' }) {
  return { benchmark, n, median, p95, p99, unit, baseline, baselineMedian, baselineP99, ratio, ratioP99, note };
}

const fmt = (v, unit) => (Number.isFinite(v) ? `${v < 10 ? v.toFixed(2) : v < 1000 ? v.toFixed(1) : Math.round(v)} ${unit}` : '—');
const times = (v) => (Number.isFinite(v) ? `${v.toFixed(2)}×` : '—');

/** The report's columns; a row given as `text` has one cell for each. */
export const COLUMNS = ['benchmark', 'n', 'median', 'p95', 'p99', 'baseline (same run)', 'baseline median', 'baseline p99', 'ratio', 'ratio p99', 'note'];

export function rowsTable(rows) {
  return markdownTable(
    COLUMNS,
    // A row given as `text` (cells already formatted, e.g. read from another report) is taken as is.
    rows.map((r) => r.text ?? [r.benchmark, r.n, fmt(r.median, r.unit), fmt(r.p95, r.unit), fmt(r.p99, r.unit), r.baseline ?? '—', fmt(r.baselineMedian, r.unit), fmt(r.baselineP99, r.unit), times(r.ratio), times(r.ratioP99), r.note]),
  );
}

/** Runs a bench module's `run` when the file is executed directly: `node bench/x.bench.mjs --profile bench`. */
export async function standalone(meta, defaults, run) {
  if (process.argv[1] !== fileURLToPath(meta.url)) return;
  try {
    const opts = parseArgs(process.argv.slice(2), { profile: 'dev', ...defaults }, `usage: node ${path.relative(root, fileURLToPath(meta.url))} --profile <p> ${Object.keys(defaults).map((k) => `[--${k} ${defaults[k]}]`).join(' ')}`);
    const stack = readStack(root, opts.profile);
    const { rows, notes = [] } = await run(opts, stack);
    console.log(rowsTable(rows));
    for (const n of notes) console.log(`- ${n}`);
  } catch (err) {
    log(err instanceof BenchError ? `FAILED: ${err.message}` : err);
    process.exitCode = 1;
  }
}
