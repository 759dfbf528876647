// An experiment's extra CPU load: `cores` of busy time (0–2), duty-cycled over two worker threads in
// 10 ms periods, until stopped. reminders.bench.mjs puts it beside the floor's burst (--floorload) to
// see how the floor fares with as much other work beside it as the reminders' own.
import { Worker } from 'node:worker_threads';

const PERIOD_MS = 10;

const BURN = `
const { workerData } = require('node:worker_threads');
const { stop, duty, period } = workerData;
const flag = new Int32Array(stop);
while (Atomics.load(flag, 0) === 0) {
  const start = performance.now();
  while (performance.now() - start < duty * period) {}
  if (duty < 1) Atomics.wait(flag, 0, 0, (1 - duty) * period);
}
`;

/** Starts the load; answers the function that stops it (and resolves once both threads have ended; calling it again is harmless). */
export function startCpuLoad(cores) {
  if (!(cores > 0)) return async () => {};
  const stop = new SharedArrayBuffer(4);
  const duty = Math.min(1, cores / 2);
  const threads = [0, 1].map(() => new Worker(BURN, { eval: true, workerData: { stop, duty, period: PERIOD_MS } }));
  const ended = Promise.all(threads.map((t) => new Promise((resolve) => t.once('exit', resolve))));
  return async () => {
    Atomics.store(new Int32Array(stop), 0, 1);
    Atomics.notify(new Int32Array(stop), 0);
    await ended;
  };
}
