// Guards the rule that this library stays deterministic: Temporal workflow code imports it.
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';

const srcDir = new URL('../src/', import.meta.url);
const sources = readdirSync(srcDir).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'));

const FORBIDDEN: [RegExp, string][] = [
  [/Date\.now\s*\(/, 'Date.now()'],
  [/new\s+Date\s*\(\s*\)/, 'new Date()'],
  [/\bDate\s*\(/, 'Date()'],
  [/Math\.random/, 'Math.random'],
  [/\b(setTimeout|setInterval|setImmediate|queueMicrotask)\b/, 'timers'],
  [/\bprocess\./, 'process'],
  [/from\s+'(?!\.\/|@rectify\/contracts'|decimal\.js')[^']*'/, 'imports other than relative, @rectify/contracts, decimal.js'],
];

describe('determinism of the library sources', () => {
  it('finds the sources', () => {
    expect(sources).toEqual(expect.arrayContaining(['calendar.ts', 'criteria.ts', 'deadlines.ts', 'index.ts']));
  });

  it.each(sources)('%s uses no clock, randomness, timers or I/O', (file) => {
    const text = readFileSync(new URL(file, srcDir), 'utf8');
    const found = FORBIDDEN.filter(([re]) => re.test(text)).map(([, what]) => what);
    expect(found).toEqual([]);
  });
});
