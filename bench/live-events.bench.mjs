#!/usr/bin/env node
// The gateway's live stream (GET /api/events) with many clients connected: one change to a problem
// is fanned out to every stream; the delay from the change to each stream is compared with the
// PostgreSQL NOTIFY of the same change reaching a plain LISTEN client, in the same run. Also the
// gateway's resident memory per connected stream.
//
//   node bench/live-events.bench.mjs --profile bench [--streams 1000] [--changes 30]
//
// The change is an UPDATE of one problem's deadline (row `E001-1999-…`, category 实时基准, inserted by
// the benchmark with workflow_started = true so no workflow is started for it, and deleted at the
// end; its rows in issues.live_events stay). Each change is timed from just before the UPDATE is
// sent, for the baseline and for every stream alike. The gateway is restarted first (SIGTERM; the
// launcher starts it again), so its memory is measured from a fresh process.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { LIVE_CHANNEL, LIVE_EVENTS_PATH, SseParser } from '@rectify/contracts';
import { BenchError, log, login, stats } from './lib/bench-kit.mjs';
import { row, standalone } from './lib/run-row.mjs';
import { freshProcess, sampleRss } from './lib/temporal.mjs';

/** Users whose streams may see a non-confidential E001 problem, and one that may not (E002). */
const READERS = ['jiandu', 'fenguan', 'dangwei', 'jijian', 'chushi', 'e001-audit', 'e001-business', 'e001-leader'];
const EXCLUDED = 'e002-audit';

/** One stream; `onEvent(json, at)` for each change event. */
async function openStream(gateway, token, onEvent) {
  const abort = new AbortController();
  const res = await fetch(`${gateway}${LIVE_EVENTS_PATH}`, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, signal: abort.signal });
  if (res.status !== 200) throw new BenchError(`GET ${LIVE_EVENTS_PATH} answered ${res.status}`);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  const parser = new SseParser();
  let readyResolve;
  const ready = new Promise((r) => (readyResolve = r));
  const done = (async () => {
    try {
      for (;;) {
        const { value, done: end } = await reader.read();
        if (end) break;
        const at = performance.now();
        for (const m of parser.push(value)) {
          if (m.event === 'ready') readyResolve();
          else if (m.event === 'message') onEvent(JSON.parse(m.data), at);
        }
      }
    } catch {
      // closed by the benchmark
    }
  })();
  await ready;
  return { close: () => { abort.abort(); return done; } };
}

async function insertProblem(db) {
  const id = randomUUID();
  const ledgerNo = `E001-1999-${String(Math.floor(Math.random() * 90000) + 10000)}`;
  await db.query(
    `INSERT INTO issues.problems (id, ledger_no, enterprise_code, source, doc_type, doc_number, doc_issuer, doc_issue_date, item_no,
       title, description, category, confidentiality, deadline, original_deadline, hard_limit, stage, state, last_seq, last_hash,
       workflow_started, policy, registered_by)
     VALUES ($1, $2, 'E001', 'routine_audit', 'decision', $3, '市审计局', '2026-10-15', '1', '实时推送基准问题', '基准', '实时基准',
       'non_confidential', '2027-04-15', '2027-04-15', '2027-04-15', 'assign', '{}', 0, 'bench', true, '{}', '00000000-0000-0000-0000-000000000000')`,
    [id, ledgerNo, `实时基准〔${id.slice(0, 8)}〕`],
  );
  return { id, ledgerNo };
}

export async function run(opts, stack) {
  const db = new pg.Client({ connectionString: stack.databaseUrl });
  const listener = new pg.Client({ connectionString: stack.databaseUrl });
  await db.connect();
  await listener.connect();
  const streams = [];
  let problem;
  try {
    // A fresh gateway, so the memory per stream is not hidden in what an earlier run left allocated.
    const gatewayPid = await freshProcess(stack, 'gateway');
    problem = await insertProblem(db);
    const tokens = new Map();
    for (const u of [...READERS, EXCLUDED]) tokens.set(u, await login(stack.gateway, u));

    // Per change: when the baseline heard it, and when each stream did.
    let current = null;
    const notifyLatency = [];
    const perStream = [];
    const lastStream = [];
    listener.on('notification', (n) => {
      if (n.payload === 'issues' && current && current.notifyAt === null) current.notifyAt = performance.now();
    });
    await listener.query(`LISTEN ${LIVE_CHANNEL}`);

    const idle = (await sampleRss(gatewayPid)).median;
    log(`gateway pid ${gatewayPid} idle ${idle.toFixed(1)} MiB; opening ${opts.streams} streams`);
    let expected = 0;
    let leaked = 0;
    for (let i = 0; i < opts.streams; i += 50) {
      const batch = [];
      for (let j = i; j < Math.min(opts.streams, i + 50); j++) {
        const user = j % 9 === 8 ? EXCLUDED : READERS[j % READERS.length];
        const excluded = user === EXCLUDED;
        if (!excluded) expected += 1;
        batch.push(openStream(stack.gateway, tokens.get(user), (event, at) => {
          if (event.type !== 'problem' || event.ledgerNo !== problem.ledgerNo || !current || event.deadline !== current.deadline) return;
          if (excluded) leaked += 1;
          else current.arrivals.push(at);
        }));
      }
      streams.push(...(await Promise.all(batch)));
    }
    const connected = (await sampleRss(gatewayPid)).median;
    log(`${streams.length} streams connected (${expected} may see the change); gateway ${connected.toFixed(1)} MiB`);

    let deadline = new Date('2027-04-15T00:00:00Z');
    for (let c = 0; c < opts.changes; c++) {
      deadline = new Date(deadline.getTime() + (c % 2 === 0 ? 1 : -1) * 86_400_000);
      const day = deadline.toISOString().slice(0, 10);
      current = { deadline: day, arrivals: [], notifyAt: null, t0: performance.now() };
      await db.query(`UPDATE issues.problems SET deadline = $2 WHERE id = $1`, [problem.id, day]);
      const until = Date.now() + 60_000;
      while (current.arrivals.length < expected || current.notifyAt === null) {
        if (Date.now() > until) throw new BenchError(`change ${c + 1}: ${current.arrivals.length}/${expected} streams heard it within 60 s`);
        await new Promise((r) => setTimeout(r, 5));
      }
      notifyLatency.push(current.notifyAt - current.t0);
      for (const at of current.arrivals) perStream.push(at - current.t0);
      lastStream.push(Math.max(...current.arrivals) - current.t0);
    }
    if (leaked > 0) throw new BenchError(`${leaked} deliveries reached ${EXCLUDED}, who may not see an E001 problem`);

    const n = stats(notifyLatency);
    const s = stats(perStream);
    const l = stats(lastStream);
    const perConnectionKiB = ((connected - idle) * 1024) / streams.length;
    return {
      rows: [
        row({ benchmark: 'PostgreSQL NOTIFY of the change reaching a LISTEN client', n: n.n, median: n.median, p95: n.p95, unit: 'ms' }),
        row({ benchmark: `live event reaching each of ${streams.length} streams (GET /api/events)`, n: s.n, median: s.median, p95: s.p95, unit: 'ms', baseline: 'NOTIFY to a LISTEN client', baselineMedian: n.median, ratio: s.median / n.median, note: `${expected} streams may see it, ${streams.length - expected} (E002) may not and got nothing` }),
        row({ benchmark: `live event reaching the last of ${expected} streams`, n: l.n, median: l.median, p95: l.p95, unit: 'ms', baseline: 'NOTIFY to a LISTEN client', baselineMedian: n.median, ratio: l.median / n.median, note: 'fan-out complete' }),
        row({ benchmark: 'gateway resident memory per connected stream', n: streams.length, median: perConnectionKiB, p95: NaN, unit: 'KiB', note: `gateway RSS ${idle.toFixed(1)} MiB idle, ${connected.toFixed(1)} MiB with ${streams.length} streams` }),
      ],
      notes: ['live events: the clients (this process, 1 000 fetch readers) share the two cores with the gateway and PostgreSQL, so their own parsing is in the figures.'],
    };
  } finally {
    await Promise.all(streams.map((s) => s.close()));
    if (problem) await db.query('DELETE FROM issues.problems WHERE id = $1', [problem.id]);
    await listener.end();
    await db.end();
  }
}

export const DEFAULTS = { streams: 1000, changes: 30 };
await standalone(import.meta, DEFAULTS, run);
