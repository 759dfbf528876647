#!/usr/bin/env node
// An authenticated GET through the gateway (proxy hop, the issues service's guard — its token check
// remembered after the first request — and handler) vs a bare Nest hello-world that this benchmark
// starts itself, with the same Nest and Express, in its own process on a free loopback port.
// Sequential requests, interleaved.
//
//   node bench/gateway.bench.mjs --profile bench [--iterations 1000] [--warmup 100]
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { BenchError, fetchOnce, log, login, stats } from './lib/bench-kit.mjs';
import { root, row, standalone } from './lib/run-row.mjs';

const HELLO = `
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
class Hello { hello() { return { hello: 'world' }; } }
Get()(Hello.prototype, 'hello', Object.getOwnPropertyDescriptor(Hello.prototype, 'hello'));
Controller('hello')(Hello);
class App {}
Module({ controllers: [Hello] })(App);
const app = await NestFactory.create(App, { logger: false });
await app.listen(0, '127.0.0.1');
process.stdout.write(JSON.stringify({ port: app.getHttpServer().address().port }) + '\\n');
`;

/** Starts the hello-world in a child process (resolving Nest from the repository root); returns its URL and a stop(). */
async function startHello() {
  const child = spawn(process.execPath, ['--input-type=module', '-e', HELLO], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new BenchError('the hello-world did not start within 30 s')), 30_000);
    child.stdout.once('data', (d) => {
      clearTimeout(timer);
      resolve(JSON.parse(String(d)).port);
    });
    child.once('exit', (code) => reject(new BenchError(`the hello-world exited (${code})`)));
  });
  return { url: `http://127.0.0.1:${port}/hello`, stop: () => child.kill('SIGTERM') };
}

async function timeGet(url, headers) {
  const t0 = performance.now();
  const res = await fetchOnce(url, { headers, signal: AbortSignal.timeout(30_000) });
  await res.arrayBuffer();
  if (res.status !== 200) throw new BenchError(`GET ${url} answered ${res.status}`);
  return performance.now() - t0;
}

export async function run(opts, stack) {
  const token = await login(stack.gateway, 'jiandu');
  const hello = await startHello();
  try {
    const gatewayUrl = `${stack.gateway}/api/issues/about`;
    const auth = { authorization: `Bearer ${token}` };
    for (let i = 0; i < opts.warmup; i++) {
      await timeGet(gatewayUrl, auth);
      await timeGet(hello.url, {});
    }
    const through = [];
    const bare = [];
    log(`gateway vs hello-world: ${opts.iterations} interleaved GETs each`);
    for (let i = 0; i < opts.iterations; i++) {
      through.push(await timeGet(gatewayUrl, auth));
      bare.push(await timeGet(hello.url, {}));
    }
    const b = stats(bare);
    const g = stats(through);
    return {
      rows: [
        row({ benchmark: 'bare Nest hello-world GET (started by the bench)', n: b.n, median: b.median, p95: b.p95, unit: 'ms' }),
        row({ benchmark: 'authenticated GET /api/issues/about through the gateway', n: g.n, median: g.median, p95: g.p95, unit: 'ms', baseline: 'bare Nest hello-world GET', baselineMedian: b.median, ratio: g.median / b.median, note: 'proxy hop, the service\'s guard (token check remembered)' }),
      ],
    };
  } finally {
    hello.stop();
  }
}

export const DEFAULTS = { iterations: 1000, warmup: 100 };
await standalone(import.meta, DEFAULTS, run);
