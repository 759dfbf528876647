import { describe, expect, it } from '@jest/globals';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import helmet from 'helmet';
import { HELMET_OPTIONS, helmetHeaders } from './http-hygiene.js';

const answer = () => {
  const res = new ServerResponse(new IncomingMessage(new Socket()));
  res.setHeader('x-powered-by', 'Express');
  return res;
};

describe('the hygiene headers, set by one middleware', () => {
  it('are exactly the headers helmet sets with Rectify\'s options, X-Powered-By removed', () => {
    const byHelmet = answer();
    let passed = false;
    helmet(HELMET_OPTIONS)(byHelmet.req as never, byHelmet as never, () => (passed = true));
    expect(passed).toBe(true);

    const ours = answer();
    const { set, removed } = helmetHeaders();
    for (const [name, value] of set) ours.setHeader(name, value);
    for (const name of removed) ours.removeHeader(name);

    expect(ours.getHeaders()).toEqual(byHelmet.getHeaders());
    expect(ours.getHeader('x-powered-by')).toBeUndefined();
    expect(ours.getHeader('x-frame-options')).toBe('DENY');
    expect(ours.getHeader('referrer-policy')).toBe('no-referrer');
    expect(String(ours.getHeader('content-security-policy'))).toContain("frame-ancestors 'none'");
  });
});
