// Kubernetes JSON schemas for kubeconform, offline. The PyPI package kubernetes-validate ships
// the schemas of every recent Kubernetes release; its files refer to one shared definitions file
// by an absolute path kubeconform cannot follow, so each kind's schema is made self-contained
// (the definitions it reaches, under $defs) in the layout kubeconform expects:
//   <cache>/k8s-schemas/v<version>-standalone-strict/<kind>-<group>-<version>.json
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cacheDir } from '../stack/paths.mjs';

export const KUBERNETES_VERSION = '1.33.0';
const PACKAGE = 'kubernetes-validate==1.35.0';

function refsOf(node, found) {
  if (Array.isArray(node)) node.forEach((n) => refsOf(n, found));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') found.add(value.split('#/$defs/')[1]);
      else refsOf(value, found);
    }
  }
  return found;
}

function relink(node) {
  if (Array.isArray(node)) return node.map(relink);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' ? `#/$defs/${v.split('#/$defs/')[1]}` : relink(v)]));
}

/** Returns the schema folder, downloading and converting once. */
export function ensureKubernetesSchemas(log = () => {}) {
  const root = join(cacheDir(), 'k8s-schemas');
  const target = join(root, `v${KUBERNETES_VERSION}-standalone-strict`);
  if (existsSync(join(target, 'deployment-apps-v1.json'))) return root;
  log(`fetching the Kubernetes ${KUBERNETES_VERSION} JSON schemas (pip download ${PACKAGE})…`);
  const work = mkdtempSync(join(tmpdir(), 'rectify-k8s-schemas-'));
  try {
    execFileSync('python3', ['-m', 'pip', 'download', '--quiet', '--no-deps', '--dest', work, PACKAGE], { stdio: ['ignore', 'ignore', 'inherit'] });
    const wheel = readdirSync(work).find((f) => f.endsWith('.whl'));
    const prefix = `kubernetes_validate/kubernetes-json-schema/v${KUBERNETES_VERSION}-local-strict/`;
    execFileSync('python3', ['-c', `import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nfor n in z.namelist():\n    if n.startswith(sys.argv[2]): z.extract(n, sys.argv[3])`, join(work, wheel), prefix, work]);
    const source = join(work, prefix);
    const defs = JSON.parse(readFileSync(join(source, '_definitions.json'), 'utf8')).$defs;
    const staging = `${target}.partial`;
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    for (const file of readdirSync(source)) {
      if (file.startsWith('_') || file === 'all.json') continue;
      const schema = JSON.parse(readFileSync(join(source, file), 'utf8'));
      const needed = new Set();
      const queue = [...refsOf(schema, new Set())];
      while (queue.length) {
        const name = queue.pop();
        if (!name || needed.has(name)) continue;
        needed.add(name);
        queue.push(...refsOf(defs[name], new Set()));
      }
      const own = relink(schema);
      own.$defs = Object.fromEntries([...needed].map((n) => [n, relink(defs[n])]));
      writeFileSync(join(staging, file), JSON.stringify(own));
    }
    rmSync(target, { recursive: true, force: true });
    renameSync(staging, target);
    return root;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
