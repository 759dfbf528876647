import { describe, expect, it } from '@jest/globals';
import { BadRequestException } from '@nestjs/common';
import { parsePayloads } from './codec.controller.js';
import { CODEC_SESSION_COOKIE, codecSessionToken } from './codec-session.js';

const messageOf = (body: unknown): string => {
  try {
    parsePayloads(body);
  } catch (err) {
    if (err instanceof BadRequestException) return err.message;
    throw err;
  }
  return 'accepted';
};

describe('parsePayloads (the codec protocol body)', () => {
  it('reads metadata and data from base64, standard or URL-safe, with data optional', () => {
    const [a, b] = parsePayloads({ payloads: [{ metadata: { encoding: Buffer.from('json/plain').toString('base64') }, data: Buffer.from('{"a":1}').toString('base64') }, { metadata: { encoding: 'YmluYXJ5L251bGw' } }] });
    expect(Buffer.from(a!.metadata!['encoding']!).toString()).toBe('json/plain');
    expect(Buffer.from(a!.data!).toString()).toBe('{"a":1}');
    expect(Buffer.from(b!.metadata!['encoding']!).toString()).toBe('binary/null');
    expect(b!.data).toEqual(new Uint8Array());
  });

  it('names the field that is not of the shape', () => {
    expect(messageOf(null)).toMatch(/payloads/);
    expect(messageOf([])).toMatch(/payloads/);
    expect(messageOf({ payload: [] })).toBe('payload：不是可接受的字段（请求体只含 payloads）');
    expect(messageOf({ payloads: [], extra: 1 })).toBe('extra：不是可接受的字段（请求体只含 payloads）');
    expect(messageOf({ payloads: 'x' })).toBe('payloads：必须是数组');
    expect(messageOf({ payloads: [{}, 'x'] })).toMatch(/^payloads\[1\]：必须是对象/);
    expect(messageOf({ payloads: [{ metadata: 'x' }] })).toMatch(/^payloads\[0\]\.metadata：必须是对象/);
    expect(messageOf({ payloads: [{ metadata: { encoding: 3 } }] })).toMatch(/^payloads\[0\]\.metadata\.encoding：必须是 base64 字符串/);
    expect(messageOf({ payloads: [{ metadata: {}, data: 'a b' }] })).toMatch(/^payloads\[0\]\.data：不是有效的 base64/);
    expect(messageOf({ payloads: Array.from({ length: 501 }, () => ({})) })).toMatch(/最多 500/);
  });
});

describe('codecSessionToken', () => {
  it('finds the codec cookie among others, and nothing when it is empty or absent', () => {
    expect(codecSessionToken(`a=1; ${CODEC_SESSION_COOKIE}=tok.en.x; b=2`)).toBe('tok.en.x');
    expect(codecSessionToken(`${CODEC_SESSION_COOKIE}=`)).toBeUndefined();
    expect(codecSessionToken(`x${CODEC_SESSION_COOKIE}=t`)).toBeUndefined();
    expect(codecSessionToken(undefined)).toBeUndefined();
  });
});
