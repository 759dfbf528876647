import { describe, expect, it } from '@jest/globals';
import { levelsFrom, logRecord, setLogService, writeLog } from './log-line.js';
import { requestIdFrom, runWithRequestId } from './request-context.js';

describe('log lines', () => {
  it('writes from the named level up; info is log, and neither turns on debug or verbose', () => {
    expect(levelsFrom('info')).toEqual(['log', 'warn', 'error', 'fatal']);
    expect(levelsFrom('log')).toEqual(['log', 'warn', 'error', 'fatal']);
    expect(levelsFrom(undefined)).toEqual(['log', 'warn', 'error', 'fatal']);
    expect(levelsFrom('debug')).toEqual(['debug', 'log', 'warn', 'error', 'fatal']);
    expect(levelsFrom('warn')).toEqual(['warn', 'error', 'fatal']);
    expect(levelsFrom('nonsense')).toEqual(['log', 'warn', 'error', 'fatal']);
  });

  it('names the service, and the request id inside a request only; extra fields cannot replace the standard ones', () => {
    setLogService('issues');
    const outside = logRecord('log', 'Test', 'hello', { level: 'fatal', event: 'x' });
    expect(outside).toMatchObject({ level: 'log', service: 'issues', context: 'Test', message: 'hello', event: 'x', pid: process.pid });
    expect(outside).not.toHaveProperty('requestId');
    expect(new Date(outside['time'] as string).toISOString()).toBe(outside['time']);
    const inside = runWithRequestId('req-12345678', () => logRecord('warn', undefined, 'in a request'));
    expect(inside).toMatchObject({ level: 'warn', message: 'in a request', requestId: 'req-12345678' });
  });

  it('writes one JSON line, BigInts as decimal text, in the standard order', () => {
    const lines: string[] = [];
    const write = process.stdout.write;
    process.stdout.write = ((chunk: string) => lines.push(chunk) > 0) as typeof process.stdout.write;
    try {
      writeLog('log', 'Test', 'plain', { n: 1 });
      writeLog('log', 'Test', 'big', { n: 12345678901234567890n, nested: { m: 2n } });
    } finally {
      process.stdout.write = write;
    }
    expect(lines.every((l) => l.endsWith('\n') && !l.slice(0, -1).includes('\n'))).toBe(true);
    const [plain, big] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(Object.keys(plain!)).toEqual(['level', 'time', 'pid', 'service', 'context', 'message', 'n']);
    expect(big).toMatchObject({ message: 'big', n: '12345678901234567890', nested: { m: '2' } });
    const circular: Record<string, unknown> = {};
    circular['self'] = circular;
    expect(() => writeLog('log', 'Test', 'loop', { circular })).toThrow(TypeError);
  });

  it("keeps a client's request id only when it is a short token", () => {
    expect(requestIdFrom('abc-DEF_123.45:6')).toBe('abc-DEF_123.45:6');
    for (const bad of ['short', 'x'.repeat(65), 'has space in it', 'line\nbreak-12345', undefined, 42]) {
      expect(requestIdFrom(bad)).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(requestIdFrom(['first-one-12345', 'second'])).toBe('first-one-12345');
  });
});
