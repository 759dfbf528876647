#!/usr/bin/env node
// Every benchmark of the project in one go, against one running stack; writes one table (median,
// p95, the baseline measured in the same run, the ratio) to bench/results/latest.md.
//
//   node bench/run-all.mjs --profile bench [--problems 100000] [--registrations 300] [--iterations 1000]
//                          [--rows 5000] [--reminders 1000] [--workflows 10000] [--maxworkflows 30000] [--lifecycles 20]
//                          [--only gateway,live,memory,actions,registration,ledger,indicators,reminders,import] [--out latest.md]
//
// --only runs some of them (e.g. `--only registration,reminders --out production-topology-latest.md`
// against a production-topology stack, bench/README.md): "registration" without "ledger" runs
// ledger.bench.mjs's part 1 alone (--problems 0), its own report in <out stem>-ledger.md.
//
// ledger.bench.mjs and indicators.bench.mjs run as they do alone (their detailed reports, with
// EXPLAIN plans, stay in bench/results/ledger-latest.md and indicators-latest.md); the others run
// in this process. See bench/README.md.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BenchError, log, parseArgs, readStack } from './lib/bench-kit.mjs';
import { root, rowsTable } from './lib/run-row.mjs';
import * as actions from './actions.bench.mjs';
import * as gateway from './gateway.bench.mjs';
import * as importBench from './import.bench.mjs';
import * as liveEvents from './live-events.bench.mjs';
import * as reminders from './reminders.bench.mjs';
import * as workerMemory from './worker-memory.bench.mjs';
import { helmValues } from '../deploy/stack/temporal-server.mjs';

const PARTS = ['gateway', 'live', 'memory', 'actions', 'registration', 'ledger', 'indicators', 'reminders', 'import'];
const DEFAULTS = { profile: 'dev', problems: 100000, registrations: 300, iterations: 1000, rows: 5000, reminders: 1000, workflows: 10000, maxworkflows: 30000, lifecycles: 20, only: PARTS.join(','), out: 'latest.md' };
const USAGE = `usage: node bench/run-all.mjs --profile <p> [--problems 100000] [--registrations 300] [--iterations 1000] [--rows 5000] [--reminders 1000] [--workflows 10000] [--maxworkflows 30000] [--lifecycles 20] [--only ${PARTS.join(',')}] [--out latest.md]`;

/** Runs a standalone bench script and returns the rows of the first table of its results file, as text. */
function script(file, args, results) {
  log(`running ${file} ${args.join(' ')}`);
  const r = spawnSync(process.execPath, [path.join(root, 'bench', file), ...args], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new BenchError(`${file} failed (exit ${r.status})`);
  const md = readFileSync(path.join(root, 'bench', 'results', results), 'utf8');
  const lines = md.split('\n');
  const start = lines.findIndex((l) => l.startsWith('| benchmark'));
  const head = lines[start].split('|').slice(1, -1).map((c) => c.trim());
  const rows = [];
  for (let i = start + 2; lines[i]?.startsWith('|'); i++) {
    const cells = lines[i].split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim());
    const get = (name) => cells[head.findIndex((h) => h.startsWith(name))] ?? '—';
    const baseline = get('baseline');
    rows.push({ text: [get('benchmark'), get('n'), get('median'), get('p95'), '—', baseline === '—' ? '—' : 'the raw/SQL row of the same set above', baseline, '—', get('ratio'), '—', head.includes('throughput') ? `throughput ${get('throughput')}` : ''] });
  }
  return rows;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2), DEFAULTS, USAGE);
  const only = new Set(opts.only.split(','));
  const unknown = [...only].filter((p) => !PARTS.includes(p));
  if (unknown.length) throw new BenchError(`--only knows ${PARTS.join(', ')}; not ${unknown.join(', ')}`);
  if (!opts.out.endsWith('.md')) throw new BenchError(`--out names a .md file in bench/results, got ${opts.out}`);
  const stack = readStack(root, opts.profile);
  const started = Date.now();
  const sections = [];
  const notes = [];
  const inProcess = async (name, mod, o) => {
    log(`running ${name}`);
    const t0 = Date.now();
    const out = await mod.run({ ...mod.DEFAULTS, ...o }, stack);
    notes.push(...(out.notes ?? []), `${name}: ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    sections.push(...out.rows);
  };
  if (only.has('gateway')) await inProcess('gateway vs hello-world', gateway, { iterations: opts.iterations, warmup: Math.min(100, opts.iterations) });
  if (only.has('live')) await inProcess('live events', liveEvents, {});
  // Before anything else starts workflows: its baseline is the worker with nothing to hold.
  if (only.has('memory')) await inProcess('worker memory', workerMemory, { workflows: opts.workflows, maxworkflows: Math.max(opts.workflows, opts.maxworkflows) });
  if (only.has('actions')) await inProcess('stage actions', actions, { lifecycles: opts.lifecycles });
  if (only.has('registration') || only.has('ledger')) {
    const ledgerOut = opts.out === 'latest.md' ? 'ledger-latest.md' : opts.out.replace(/\.md$/, '-ledger.md');
    const problems = only.has('ledger') ? opts.problems : 0;
    const registrations = only.has('registration') ? opts.registrations : 0;
    sections.push(...script('ledger.bench.mjs', ['--profile', opts.profile, '--problems', String(problems), '--registrations', String(registrations), '--out', ledgerOut], ledgerOut));
  }
  if (only.has('indicators')) sections.push(...script('indicators.bench.mjs', ['--profile', opts.profile, '--problems', String(opts.problems)], 'indicators-latest.md'));
  // Registering them all must end before they fall due: about 2.5 a second on a busy 2-core machine.
  if (only.has('reminders')) await inProcess('reminder lateness', reminders, { problems: opts.reminders, lead: Math.max(reminders.DEFAULTS.lead, Math.ceil(opts.reminders * 0.4)) });
  if (only.has('import')) await inProcess('xlsx import', importBench, { rows: opts.rows });

  const cpus = os.cpus();
  const report = [
    '# Benchmarks — latest run of `bench/run-all.mjs`',
    '',
    `- Date: ${new Date().toISOString()} (took ${Math.round((Date.now() - started) / 60_000)} min)`,
    `- Machine: ${cpus[0]?.model ?? '?'} × ${cpus.length}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.release()} (${os.arch()}), Node ${process.version}; load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')}`,
    `- Command: \`node bench/run-all.mjs ${process.argv.slice(2).join(' ')}\``,
    `- Stack: profile ${opts.profile}, ${stack.raw.infra?.topology === 'production' ? `production topology (Temporal Server on PostgreSQL, ${helmValues().numHistoryShards} shards, two of every Rectify process)` : 'Temporal dev server'}`,
    `- Parameters: ${Object.entries(opts).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    '- Every ratio compares with a baseline measured in the same run on the same machine (what each baseline is: bench/README.md). Latencies in ms (lower is better), rates in rows/s (higher is better), memory in MiB.',
    '',
    rowsTable(sections),
    '',
    '## Notes',
    '',
    ...notes.map((n) => `- ${n}`),
    '- Ledger and indicator rows: details, targets and EXPLAIN plans in [ledger-latest.md](ledger-latest.md) and [indicators-latest.md](indicators-latest.md).',
    '',
  ].join('\n');
  mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
  writeFileSync(path.join(root, 'bench', 'results', opts.out), report);
  console.log(report);
}

main().catch((err) => {
  log(err instanceof BenchError ? `FAILED: ${err.message}` : err);
  process.exitCode = 1;
});
