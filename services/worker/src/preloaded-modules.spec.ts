// Guards what preloading shares: the modules of PRELOADED_MODULES are evaluated once and every
// workflow of a worker thread runs with the same instance of them, so they must keep no state.
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PRELOADED_MODULES } from './preloaded-modules.js';

const LIBS: Record<string, string> = {
  '@rectify/domain': fileURLToPath(new URL('../../../libs/domain/src/', import.meta.url)),
  '@rectify/contracts': fileURLToPath(new URL('../../../libs/contracts/src/', import.meta.url)),
};

const sourcesOf = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourcesOf(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') ? [join(dir, e.name)] : [],
  );

/** Module-level state a workflow could leave behind for the next one (the line must start the statement). */
const STATE: [RegExp, string][] = [
  [/^(export\s+)?(let|var)\s/m, 'a module-level let/var'],
  [/^(export\s+)?const\s+\w+(\s*:[^=\n]+)?\s*=\s*new\s+(Map|Set|WeakMap|WeakSet|Array)\b/m, 'a module-level Map/Set/array to fill'],
  [/^(export\s+)?const\s+\w+(\s*:[^=\n]+)?\s*=\s*(\[\s*\]|\{\s*\})\s*(as\b[^;\n]*)?;/m, 'a module-level empty array or object to fill'],
];

describe('modules preloaded into the workflow bundle', () => {
  it('are each checked below', () => {
    expect([...PRELOADED_MODULES].sort()).toEqual(Object.keys(LIBS).sort());
  });

  it.each(Object.keys(LIBS))('%s keeps no module-level state', (lib) => {
    const files = sourcesOf(LIBS[lib]!);
    expect(files.length).toBeGreaterThan(5);
    const found = files.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return STATE.filter(([re]) => re.test(text)).map(([, what]) => `${file.slice(file.indexOf('libs/'))}: ${what}`);
    });
    expect(found).toEqual([]);
  });

  it('the state check finds what it looks for', () => {
    const hits = (text: string) => STATE.filter(([re]) => re.test(text)).map(([, what]) => what);
    expect(hits('let seen = 0;\n')).toEqual(['a module-level let/var']);
    expect(hits('export const cache: Map<string, number> = new Map();\n')).toEqual(['a module-level Map/Set/array to fill']);
    expect(hits('const pending = [] as string[];\n')).toEqual(['a module-level empty array or object to fill']);
    expect(hits('export const ROLES = { A: "a" } as const;\nfunction f() {\n  let x = 1;\n  return x;\n}\n')).toEqual([]);
  });
});
