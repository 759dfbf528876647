// Helpers every benchmark script shares: loopback guard, statistics, formatting, the stack
// description, HTTP through the gateway, Markdown tables.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export class BenchError extends Error {}

export const log = (...a) => console.error('[bench]', ...a);

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);
/** Benchmarks send traffic to this machine only. */
export function assertLoopback(what, host) {
  if (!LOOPBACK.has(host)) throw new Error(`${what} points at ${host}; this benchmark only sends traffic to 127.0.0.1`);
}

function quantile(sorted, q) {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const sum = s.reduce((a, b) => a + b, 0);
  return { n: s.length, median: quantile(s, 0.5), p95: quantile(s, 0.95), p99: quantile(s, 0.99), mean: s.length ? sum / s.length : NaN };
}

export const ms = (v) => (Number.isFinite(v) ? `${v < 10 ? v.toFixed(2) : v.toFixed(1)} ms` : '—');
export const rate = (v, unit) => (Number.isFinite(v) ? `${v.toFixed(1)} ${unit}` : '—');
export const ratio = (v) => (Number.isFinite(v) ? `${v.toFixed(2)}×` : '—');

/**
 * Parses `--name value` / `--name=value` options: `profile` a simple name, every other option of
 * `defaults` a non-negative integer, `--problems` bounded by the synthetic ledger's numbering.
 */
export function parseArgs(argv, defaults, usage) {
  const opts = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') {
      console.log(usage);
      process.exit(0);
    }
    const m = /^--([a-z]+)(?:=(.*))?$/.exec(a);
    if (!m || !(m[1] in defaults)) throw new BenchError(`unknown argument ${a} (try --help)`);
    const value = m[2] ?? argv[++i];
    if (value === undefined) throw new BenchError(`${a} needs a value`);
    if (m[1] === 'profile') {
      if (!/^[\w-]+$/.test(value)) throw new BenchError(`--profile must be a simple name, got ${value}`);
      opts.profile = value;
    } else if (typeof defaults[m[1]] === 'string') {
      // names: a results file, a list of benchmarks
      if (!/^[\w,.-]+$/.test(value) || value.includes('..')) throw new BenchError(`--${m[1]} must be a simple name or list of names, got ${value}`);
      opts[m[1]] = value;
    } else {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 0) throw new BenchError(`--${m[1]} must be a non-negative integer, got ${value}`);
      opts[m[1]] = n;
    }
  }
  if (opts.problems > 1_300_000) throw new BenchError('--problems is limited to 1300000 (ledger numbers <code>-<2019..2025>-<5 digits>)');
  return opts;
}

/**
 * The stack a profile's launcher described (.rectify/<profile>/stack.json), with its gateway and
 * database checked to be on loopback; `raw` is the whole description.
 */
export function readStack(root, profile) {
  const file = path.join(root, '.rectify', profile, 'stack.json');
  let raw;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read ${file} (${err.code ?? err.message}); start a stack first, see bench/README.md`);
  }
  const gateway = raw.urls?.gateway;
  const databaseUrl = raw.infra?.databaseUrl;
  if (!gateway || !databaseUrl) throw new Error(`${file} lacks urls.gateway or infra.databaseUrl`);
  assertLoopback('urls.gateway', new URL(gateway).hostname);
  assertLoopback('infra.databaseUrl', new URL(databaseUrl).hostname);
  return { file, raw, gateway: gateway.replace(/\/$/, ''), databaseUrl };
}

/**
 * fetch, sent once more when the connection failed before the request went out (a kept-alive
 * socket the server had just closed: EPIPE, ECONNRESET) — the server never saw the first try.
 */
export async function fetchOnce(url, init) {
  try {
    return await fetch(url, init);
  } catch (err) {
    if (!['EPIPE', 'ECONNRESET', 'UND_ERR_SOCKET'].includes(err?.cause?.code)) throw err;
    return fetch(url, init);
  }
}

/** One HTTP request, bounded by `timeoutMs`; with `expect`, any other status fails the benchmark. */
export async function http(method, url, { token: given, body, expect, timeoutMs = 30_000, idempotencyKey } = {}) {
  const token = given ? await currentToken(given) : given;
  const res = await fetchOnce(url, {
    method,
    headers: {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  if (expect !== undefined && res.status !== expect) {
    throw new BenchError(`${method} ${url} answered ${res.status}, expected ${expect}: ${text.slice(0, 500)}`);
  }
  return { status: res.status, text };
}

/**
 * Sessions by the token login returned: access tokens live 15 minutes, longer than some
 * benchmarks, so http() swaps a token it handed out for a renewed one when it ages.
 */
const sessions = new Map();

export async function currentToken(token) {
  const session = sessions.get(token);
  if (!session || Date.now() < session.renewAt) return session?.accessToken ?? token;
  session.renewing ??= (async () => {
    const res = await fetchOnce(`${session.gateway}/api/auth/refresh`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken: session.refreshToken }),
    });
    const text = await res.text();
    if (res.status !== 200) throw new BenchError(`refreshing the token answered ${res.status}: ${text.slice(0, 300)}`);
    const answer = JSON.parse(text);
    Object.assign(session, { accessToken: answer.accessToken, refreshToken: answer.refreshToken, renewAt: Date.now() + (answer.expiresIn * 1000) / 2 });
  })().finally(() => { session.renewing = undefined; });
  await session.renewing;
  return session.accessToken;
}

/** Logs a demo user in through the gateway and returns its access token (renewed by http() when it ages). */
export async function login(gateway, username) {
  const { status, text } = await http('POST', `${gateway}/api/auth/login`, { body: { username, password: 'rectify-demo' } });
  if (status !== 200 && status !== 201) throw new BenchError(`login as ${username} answered ${status}: ${text.slice(0, 300)}`);
  const answer = JSON.parse(text);
  if (!answer.accessToken) throw new BenchError(`login as ${username} returned no accessToken`);
  sessions.set(answer.accessToken, { gateway, accessToken: answer.accessToken, refreshToken: answer.refreshToken, renewAt: Date.now() + (answer.expiresIn * 1000) / 2 });
  return answer.accessToken;
}

/** A Markdown table: the first column left-aligned, the others right-aligned. */
export function markdownTable(head, rows) {
  const lines = [`| ${head.join(' | ')} |`, `| ${head.map((h, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`];
  for (const r of rows) lines.push(`| ${r.map((c) => String(c).replace(/\|/g, '\\|')).join(' | ')} |`);
  return lines.join('\n');
}
