import { describe, expect, it } from '@jest/globals';
import { FairPool, PoolBusyError } from './fair-pool.js';
import { trustProxySetting } from './client-address.js';

/** A task that finishes when told to, recording when it started. */
function gate(order: string[], name: string) {
  let open!: () => void;
  const done = new Promise<void>((r) => (open = r));
  return { task: async () => { order.push(name); await done; return name; }, open };
}

describe('FairPool', () => {
  it('runs at most `concurrency` tasks and gives the next slot to another client before a guesser\'s ninth try', async () => {
    const pool = new FairPool(1, 16);
    const order: string[] = [];
    const guesses = Array.from({ length: 9 }, (_, i) => gate(order, `guess-${i}`));
    const running = guesses.map((g) => pool.run('10.0.0.9', g.task));
    const real = gate(order, 'real');
    const realRun = pool.run('10.0.0.1', real.task);
    expect(order).toEqual(['guess-0']);
    expect(pool.active).toBe(1);
    guesses[0]!.open();
    await running[0];
    await new Promise((r) => setImmediate(r));
    // the real login is next, not after the eight other guesses
    expect(order).toEqual(['guess-0', 'real']);
    real.open();
    await realRun;
    for (const g of guesses) g.open();
    await Promise.all(running);
    expect(order).toHaveLength(10);
    expect(pool.active).toBe(0);
  });

  it('refuses a client with a full queue at once', async () => {
    const pool = new FairPool(1, 2);
    const order: string[] = [];
    const gates = Array.from({ length: 3 }, (_, i) => gate(order, `g${i}`));
    const runs = gates.map((g) => pool.run('a', g.task));
    await expect(pool.run('a', async () => 'x')).rejects.toBeInstanceOf(PoolBusyError);
    for (const g of gates) g.open();
    await Promise.all(runs);
  });
});

describe('TRUST_PROXY', () => {
  it('is off unless the ingress is named, and never "believe anyone"', () => {
    expect(trustProxySetting(undefined)).toBe(false);
    expect(trustProxySetting('false')).toBe(false);
    expect(trustProxySetting('10.0.0.0/8, loopback, fd00::/8')).toEqual(['10.0.0.0/8', 'loopback', 'fd00::/8']);
    expect(() => trustProxySetting('true')).toThrow(/^TRUST_PROXY must be false or a comma-separated list/);
    expect(() => trustProxySetting('10.0.0.0/33')).toThrow(/got "10.0.0.0\/33"/);
  });
});
