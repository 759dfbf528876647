import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { addDays, compressedPolicy, localDateOf } from '@rectify/domain';
import { api, closeDb, closeTemporal, db, eventually, login, seedProblem, stack } from '../harness/index.js';
import { declares, parseSamples, total, type Sample } from './prometheus-text.js';

/**
 * Every process of the running stack serves Prometheus metrics on a port of its own
 * (stack.json urls.metrics): the series docs/operations.md names exist, and they move when the
 * system works — requests, registrations, reminders and overdue notices, queued e-mail.
 */
const PROCESSES = ['gateway', 'issues', 'notifications', 'joint-meeting', 'assessment', 'worker'] as const;
type Process = (typeof PROCESSES)[number];
const ACTIVITY_HOSTS: Process[] = ['issues', 'notifications', 'joint-meeting'];

const endpoint = (name: Process): string => {
  const url = (stack().urls as { metrics?: Record<string, string> }).metrics?.[name];
  if (!url) throw new Error(`stack.json names no metrics endpoint for ${name}`);
  return url;
};

async function scrapeText(name: Process): Promise<string> {
  const res = await fetch(endpoint(name));
  expect([name, res.status]).toEqual([name, 200]);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.text();
}
const scrape = async (name: Process): Promise<Sample[]> => parseSamples(await scrapeText(name));

const REPO = fileURLToPath(new URL('../../../', import.meta.url));

/** Series the SDK's exporter lists only once they have counted something (a cache miss, a failed call). */
const LISTED_AFTER_FIRST_EVENT = ['temporal_sticky_cache_miss_total', 'temporal_request_failure_total'];

/** The metric families a text names in backquotes or PromQL: rectify_*, temporal_*, process_*, nodejs_*. */
function familiesNamedIn(text: string): string[] {
  const names = [...text.matchAll(/\b((?:rectify|temporal|process|nodejs)_[a-z0-9_]*[a-z0-9])\b/g)].map((m) => m[1]!.replace(/_(bucket|sum|count)$/, ''));
  return [...new Set(names)].sort();
}

/** One policy day per wall second: a deadline 3 days ahead reminds 1 day before it (~2 s) and falls due ~3 s from now. */
const policy = compressedPolicy(86_400);

afterAll(async () => {
  await closeDb();
  await closeTemporal();
});

describe('Prometheus metrics of every process (docs/operations.md, "Metrics")', () => {
  const first = {} as Record<Process, { text: string; samples: Sample[] }>;

  beforeAll(async () => {
    for (const name of PROCESSES) {
      const text = await scrapeText(name);
      first[name] = { text, samples: parseSamples(text) };
    }
  });

  it('serves the Node runtime series everywhere, HTTP series in every HTTP service, the Temporal SDK series wherever a worker polls', () => {
    for (const name of PROCESSES) {
      expect([name, total(first[name].samples, 'process_cpu_user_seconds_total')]).toEqual([name, expect.any(Number)]);
      expect([name, declares(first[name].text, 'process_resident_memory_bytes')]).toEqual([name, true]);
    }
    for (const name of PROCESSES.filter((p) => p !== 'worker')) {
      expect([name, declares(first[name].text, 'rectify_http_requests_total')]).toEqual([name, true]);
      expect([name, declares(first[name].text, 'rectify_http_request_duration_seconds')]).toEqual([name, true]);
    }
    for (const name of [...ACTIVITY_HOSTS, 'worker'] as Process[]) {
      // The SDK's own exporter, merged into the process's endpoint: its pollers and slots.
      expect([name, declares(first[name].text, 'temporal_worker_task_slots_available')]).toEqual([name, true]);
      expect([name, first[name].samples.some((s) => s.name === 'temporal_num_pollers')]).toEqual([name, true]);
    }
    for (const name of ACTIVITY_HOSTS) expect([name, declares(first[name].text, 'rectify_activity_retry_alerts_total')]).toEqual([name, true]);
    expect(declares(first.notifications.text, 'rectify_notices_sent_total')).toBe(true);
    expect(declares(first.notifications.text, 'rectify_reminder_lateness_seconds')).toBe(true);
    expect(declares(first.notifications.text, 'rectify_email_outbox_backlog')).toBe(true);
    expect(declares(first.notifications.text, 'rectify_email_outbox_oldest_age_seconds')).toBe(true);
    // Every open stage is reported, an empty one as 0; a closed-out problem is not open.
    const stages = first.issues.samples.filter((s) => s.name === 'rectify_open_problems').map((s) => s.labels['stage']);
    expect(stages).toEqual(['register', 'assign', 'plan', 'rectify', 'report', 'determine', 'follow_up', 'close_out']);
  });

  it('is not reachable through the gateway or on the HTTP port, and the metrics port serves nothing else', async () => {
    expect((await api('GET', '/api/issues/metrics')).status).toBe(404);
    // The gateway's own port answers /metrics with the console's page (the SPA fallback), never with metrics.
    expect(String((await api('GET', '/metrics')).body)).not.toContain('rectify_http_requests_total');
    expect((await fetch(`http://127.0.0.1:${stack().ports['issues']}/metrics`)).status).toBe(404);
    const other = await fetch(endpoint('issues').replace(/\/metrics$/, '/health'));
    expect(other.status).toBe(404);
    expect(await other.text()).toContain('只提供 GET /metrics');
  });

  it('counts requests per route template and status, at the gateway and at the service, without raw ids in the labels', async () => {
    const token = await login('jiandu');
    const missing = `E001-9${String(Date.now()).slice(-6)}-${randomUUID().slice(0, 5)}`;
    expect((await api('GET', `/api/issues/problems/${missing}`, { token })).status).toBe(404);
    expect((await api('GET', '/api/issues/problems', { token })).status).toBe(200);
    expect((await api('GET', '/api/issues/problems')).status).toBe(401);

    const gateway = await scrapeText('gateway');
    const issues = await scrapeText('issues');
    const at = { gateway: parseSamples(gateway), issues: parseSamples(issues) };
    const proxied = (s: Sample[], status: string) => total(s, 'rectify_http_requests_total', { route: '/api/issues/*', status });
    expect(proxied(at.gateway, '200')).toBeGreaterThanOrEqual(proxied(first.gateway.samples, '200') + 1);
    expect(proxied(at.gateway, '401')).toBeGreaterThanOrEqual(proxied(first.gateway.samples, '401') + 1);
    expect(total(at.gateway, 'rectify_http_requests_total', { route: '/api/auth/login', method: 'POST' })).toBeGreaterThanOrEqual(1);

    // The service labels by the template its route declares, so the ledger number appears nowhere.
    const detailRoute = at.issues.find((s) => s.name === 'rectify_http_requests_total' && s.labels['status'] === '404' && /^\/problems\/:[a-zA-Z]+$/.test(s.labels['route'] ?? ''));
    expect(detailRoute).toBeDefined();
    expect(issues).not.toContain(missing);
    expect(gateway).not.toContain(missing);
    const listed = (s: Sample[]) => total(s, 'rectify_http_requests_total', { method: 'GET', route: '/problems', status: '200' });
    expect(listed(at.issues)).toBeGreaterThanOrEqual(listed(first.issues.samples) + 1);
    expect(listed(at.issues)).toBeGreaterThanOrEqual(1);
    const refused = (s: Sample[]) => total(s, 'rectify_http_requests_total', { method: 'GET', route: '/problems', status: '401' });
    expect(refused(at.issues)).toBeGreaterThanOrEqual(refused(first.issues.samples) + 1);
    const latency = (s: Sample[]) => total(s, 'rectify_http_request_duration_seconds_count', { method: 'GET', route: '/problems' });
    expect(latency(at.issues)).toBeGreaterThanOrEqual(latency(first.issues.samples) + 2);
  });

  it('counts open problems by stage, reminders and overdue notices with their lateness, and the Temporal SDK series move', async () => {
    const before = { issues: await scrape('issues'), notifications: await scrape('notifications'), worker: await scrape('worker') };
    const today = localDateOf(Date.now(), policy);
    const problem = await seedProblem({ policy, enterpriseCode: 'E001', issueDate: addDays(today, -1), deadline: addDays(today, 3), hardLimit: addDays(today, 60) });
    const stage = (await db().query<{ stage: string }>('SELECT stage FROM issues.problems WHERE id = $1', [problem.id])).rows[0]!.stage;

    // Other tests may move problems meanwhile: the gauge must lie between the table's counts taken
    // just before and just after the scrape, and count the new problem.
    const open = (s: Sample[]) => total(s, 'rectify_open_problems', { stage });
    const inTable = async () => Number((await db().query<{ n: string }>('SELECT count(*) AS n FROM issues.problems WHERE stage = $1', [stage])).rows[0]!.n);
    await eventually(`rectify_open_problems{stage="${stage}"} to count the new problem`, async () => {
      const low = await inTable();
      const gauge = open(await scrape('issues'));
      const high = await inTable();
      return gauge >= 1 && gauge >= Math.min(low, high) && gauge <= Math.max(low, high);
    }, 60_000, 1_100);

    const sent = (s: Sample[], type: string) => total(s, 'rectify_notices_sent_total', { type });
    const late = (s: Sample[], type: string) => total(s, 'rectify_reminder_lateness_seconds_count', { type });
    const after = await eventually(
      'the reminder and the overdue notice to be counted',
      async () => {
        const s = await scrape('notifications');
        return sent(s, 'reminder') >= sent(before.notifications, 'reminder') + 1 && sent(s, 'overdue') >= sent(before.notifications, 'overdue') + 1 ? s : undefined;
      },
      90_000,
      1_000,
    );
    expect(late(after, 'reminder')).toBeGreaterThanOrEqual(late(before.notifications, 'reminder') + 1);
    expect(late(after, 'overdue')).toBeGreaterThanOrEqual(late(before.notifications, 'overdue') + 1);
    // Lateness is measured from the moment each fell due: seconds here, never negative.
    const lateSum = total(after, 'rectify_reminder_lateness_seconds_sum', { type: 'reminder' }) - total(before.notifications, 'rectify_reminder_lateness_seconds_sum', { type: 'reminder' });
    expect(lateSum).toBeGreaterThanOrEqual(0);
    expect(lateSum).toBeLessThan(600);

    // The workflow's tasks ran on the worker, the notices' activities on notifications: the SDK counted both.
    const worker = await scrape('worker');
    const workflowTasks = (s: Sample[]) => total(s, 'temporal_workflow_task_execution_latency_seconds_count');
    expect(workflowTasks(worker)).toBeGreaterThanOrEqual(workflowTasks(before.worker) + 2);
    // A reminder's and an overdue mark's notice come with their trail entry, in one activity. The SDK
    // counts it once the activity has answered, a moment after the notice was counted inside it.
    const activities = (s: Sample[]) => total(s, 'temporal_activity_execution_latency_seconds_count', { activity_type: 'recordEventWithNotice' });
    await eventually('the SDK to count both notices\' activities', async () => activities(await scrape('notifications')) >= activities(before.notifications) + 2, 30_000, 1_000);
  });

  it('reports the outbox backlog and the age of its oldest unsent e-mail', async () => {
    const backlog = (s: Sample[]) => total(s, 'rectify_email_outbox_backlog');
    const oldest = (s: Sample[]) => total(s, 'rectify_email_outbox_oldest_age_seconds');
    const before = await scrape('notifications');
    // An e-mail queued an hour ago whose next attempt is tomorrow: the dispatcher leaves it waiting.
    const key = `metrics-test:${randomUUID()}`;
    const notice = await db().query<{ id: string }>(
      `INSERT INTO notifications.notices (key, type, problem_id, ledger_no, enterprise_code, subject, recipients, status)
       VALUES ($1, 'weekly_digest', NULL, NULL, NULL, '指标测试', 1, 'queued') RETURNING id`,
      [key],
    );
    const noticeId = notice.rows[0]!.id;
    try {
      await db().query(
        `INSERT INTO notifications.email_outbox (notice_id, user_id, to_address, subject, text_body, html_body, message_id, next_attempt_at, created_at)
         VALUES ($1, $2, 'metrics-test@example.org', '指标测试', '指标测试', '<p>指标测试</p>', $3, now() + interval '1 day', now() - interval '1 hour')`,
        [noticeId, randomUUID(), `<${key}@rectify.test>`],
      );
      const during = await eventually('the outbox gauges to see the waiting e-mail', async () => {
        const s = await scrape('notifications');
        return oldest(s) >= 3600 ? s : undefined;
      }, 30_000, 1_100);
      expect(oldest(before)).toBeLessThan(3600);
      expect(backlog(during)).toBeGreaterThanOrEqual(1);
    } finally {
      await db().query('DELETE FROM notifications.email_outbox WHERE notice_id = $1', [noticeId]);
      await db().query('DELETE FROM notifications.notices WHERE id = $1', [noticeId]);
    }
    const cleared = await eventually('the outbox age to drop once the e-mail is gone', async () => {
      const s = await scrape('notifications');
      return oldest(s) < 3600 ? s : undefined;
    }, 30_000, 1_100);
    expect(oldest(cleared)).toBeLessThan(3600);
  });

  // Last: by now a workflow has run and notices were sent, so the SDK has listed its latencies and cache counters.
  it('declares every series docs/operations.md and the Grafana dashboard name', async () => {
    const everything = (await Promise.all(PROCESSES.map((p) => scrapeText(p)))).join('\n');
    const dashboard = JSON.parse(readFileSync(`${REPO}deploy/grafana/rectify.json`, 'utf8')) as { panels: { targets?: { expr: string }[] }[] };
    const exprs = dashboard.panels.flatMap((p) => p.targets ?? []).map((t) => t.expr).join('\n');
    // The sections of operations.md that speak of series (elsewhere `temporal_visibility` is a database).
    const sections = readFileSync(`${REPO}docs/operations.md`, 'utf8').split('\n## ').filter((s) => /^(Metrics|Sizing)\b/.test(s));
    expect(sections).toHaveLength(2);
    const named = [...new Set([...familiesNamedIn(sections.join('\n')), ...familiesNamedIn(exprs)])];
    expect(named).toEqual(expect.arrayContaining(['rectify_open_problems', 'rectify_email_outbox_backlog', 'temporal_workflow_task_replay_latency_seconds']));
    const missing = named.filter((n) => !LISTED_AFTER_FIRST_EVENT.includes(n) && !declares(everything, n));
    expect(missing).toEqual([]);
  });
});
