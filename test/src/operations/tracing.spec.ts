import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from '@jest/globals';
import { EXPORTED_ATTRIBUTES } from '@rectify/platform';
import { closeDb, closeTemporal, eventually, login, stack } from '../harness/index.js';
import { registration } from '../ledger/fixtures.js';

afterAll(async () => {
  await closeDb();
  await closeTemporal();
});

/** A span line of the stack's trace collector (deploy/stack/trace-sink.mjs). */
interface SpanLine {
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  name: string;
  service: string;
  attributes: Record<string, unknown>;
  status: Record<string, unknown>;
  events: { name: string; attributes: Record<string, unknown> }[];
}

function tracesFile(): string {
  const file = stack().infra.tracesFile;
  if (!file) throw new Error('the stack collects no traces of its own (OTEL_EXPORTER_OTLP_ENDPOINT or RECTIFY_TRACES=off was set when it started): this test reads logs/traces.jsonl');
  return file;
}

function spans(): SpanLine[] {
  const file = tracesFile();
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as SpanLine);
}

/** A W3C traceparent of a trace the test starts itself, so it can find every span of it. */
function newTrace(): { traceId: string; rootSpanId: string; traceparent: string } {
  const traceId = randomBytes(16).toString('hex');
  const rootSpanId = randomBytes(8).toString('hex');
  return { traceId, rootSpanId, traceparent: `00-${traceId}-${rootSpanId}-01` };
}

/** The spans of the trace, once one matches each expectation (service, name); [] while missing. */
function spansOf(traceId: string, wanted: [service: string, name: RegExp][]): SpanLine[] | false {
  const mine = spans().filter((s) => s.traceId === traceId);
  return wanted.every(([service, name]) => mine.some((s) => s.service === service && name.test(s.name))) && mine;
}

const one = (found: SpanLine[], service: string, name: RegExp): SpanLine => {
  const matching = found.filter((s) => s.service === service && name.test(s.name));
  expect({ service, name: String(name), count: matching.length }).toEqual({ service, name: String(name), count: 1 });
  return matching[0]!;
};

/** The transfer's text: a problem's text, which no span may carry. */
const TRANSFER_CONTENT = '移送线索：往来款项长期挂账未清理';

describe('OpenTelemetry traces from the gateway through the service and the workflow to the activity', () => {
  it('puts a stage action’s HTTP spans, workflow update, activity schedule and activity run in one trace, and records no problem text', async () => {
    const token = await login('e001-audit');
    const body = registration();
    const registered = newTrace();
    const res = await fetch(`${stack().urls.gateway}/api/issues/problems`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', traceparent: registered.traceparent },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(201);
    const ledgerNo = ((await res.json()) as { problem: { ledgerNo: string } }).problem.ledgerNo;

    // the registration: gateway → issues → the workflow start, children of the caller's span
    const start = await eventually('the registration’s spans', async () => spansOf(registered.traceId, [
      ['rectify-gateway', /^POST \/api\/issues$/],
      ['rectify-issues', /^POST \/problems$/],
      ['rectify-issues', /^StartWorkflow:/],
    ]), 30_000);
    const gateway = one(start, 'rectify-gateway', /^POST \/api\/issues$/);
    expect(gateway.parentSpanId).toBe(registered.rootSpanId);
    expect(gateway.attributes).toMatchObject({ 'http.request.method': 'POST', 'http.route': '/api/issues', 'http.response.status_code': 201 });
    const service = one(start, 'rectify-issues', /^POST \/problems$/);
    expect(service.parentSpanId).toBe(gateway.spanId);
    const started = one(start, 'rectify-issues', /^StartWorkflow:/);
    expect(started.parentSpanId).toBe(service.spanId);
    expect(String(started.attributes['temporalWorkflowId'])).toContain(ledgerNo);

    // a stage action whose notices follow it (a transfer to 纪检组): gateway → issues → the update →
    // its handler in the workflow → the trail activity it schedules in the same task (an action
    // without consequences has its trail backstop scheduled up to 10 s later, in a trace of its
    // own) → that activity run in the issues service's activity worker
    const acted = newTrace();
    const action = await fetch(`${stack().urls.gateway}/api/issues/problems/${ledgerNo}/discipline-transfers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', traceparent: acted.traceparent },
      body: JSON.stringify({ content: TRANSFER_CONTENT }),
    });
    expect(action.status).toBe(200);
    const trace = await eventually('the stage action’s spans down to the activity', async () => spansOf(acted.traceId, [
      ['rectify-gateway', /^POST \/api\/issues$/],
      ['rectify-issues', /^POST \/problems\/:ledgerNo\/discipline-transfers$/],
      ['rectify-issues', /^StartWorkflowUpdate:/],
      ['rectify-worker', /^HandleUpdate:/],
      ['rectify-worker', /^StartActivity:/],
      ['rectify-issues', /^RunActivity:/],
    ]), 60_000);
    const edge = one(trace, 'rectify-gateway', /^POST \/api\/issues$/);
    expect(edge.parentSpanId).toBe(acted.rootSpanId);
    const route = one(trace, 'rectify-issues', /^POST \/problems\/:ledgerNo\/discipline-transfers$/);
    expect(route.parentSpanId).toBe(edge.spanId);
    const update = one(trace, 'rectify-issues', /^StartWorkflowUpdate:/);
    expect(update.parentSpanId).toBe(route.spanId);
    const handled = one(trace, 'rectify-worker', /^HandleUpdate:/);
    expect(handled.parentSpanId).toBe(update.spanId);
    expect(handled.attributes).toMatchObject({ temporalWorkflowId: update.attributes['temporalWorkflowId'], temporalWorkflowType: expect.any(String) });
    const scheduled = trace.filter((s) => s.service === 'rectify-worker' && s.name.startsWith('StartActivity:'));
    expect(scheduled.every((s) => s.parentSpanId === handled.spanId)).toBe(true);
    const ran = trace.filter((s) => s.name.startsWith('RunActivity:'));
    expect(ran.length).toBeGreaterThan(0);
    for (const run of ran) {
      const parent = scheduled.find((s) => s.spanId === run.parentSpanId);
      expect({ run: run.name, scheduledBy: parent?.name.replace('StartActivity:', 'RunActivity:') }).toEqual({ run: run.name, scheduledBy: run.name });
      expect(run.attributes).toMatchObject({ temporalWorkflowId: update.attributes['temporalWorkflowId'], temporalActivityId: expect.any(String) });
    }

    // ids, names and HTTP method/route/status only: no attribute outside the list, no status
    // message, no exception text, and nowhere the problem's text or the action's names
    const all = spans();
    for (const span of all) {
      expect({ name: span.name, keys: Object.keys(span.attributes).filter((k) => !EXPORTED_ATTRIBUTES.has(k)) }).toEqual({ name: span.name, keys: [] });
      expect(span.status['message']).toBeUndefined();
      for (const event of span.events) expect(Object.keys(event.attributes).filter((k) => k !== 'exception.type')).toEqual([]);
    }
    const text = readFileSync(tracesFile(), 'utf8');
    for (const secret of [body.title, body.description, body.document.number, TRANSFER_CONTENT]) expect(text).not.toContain(secret);
  });
});
