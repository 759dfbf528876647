import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays } from '@rectify/domain';
import { api, closeDb, closeTemporal, eventually, login } from '../harness/index.js';
import { openCase } from '../accountability/fixtures.js';
import { register } from '../ledger/fixtures.js';
import { recordVisit } from '../supervision/fixtures.js';

/**
 * Every list pages the same way (`?page=&pageSize=`, answered `{ items, total, totalIsExact, page,
 * pageSize }`) and every JSON field is camelCase: the ledger, accountability cases, pushes,
 * notices, explanations and supervision records.
 */
interface List {
  name: string;
  path: string;
  reader: string;
  key: string;
}

const LISTS: List[] = [
  { name: 'ledger', path: '/api/issues/problems', reader: 'jiandu', key: 'ledgerNo' },
  { name: 'accountability cases', path: '/api/issues/accountability-cases', reader: 'jiandu', key: 'id' },
  { name: 'pushes', path: '/api/joint-meeting/pushes', reader: 'lianxi', key: 'pushNo' },
  { name: 'notices', path: '/api/joint-meeting/notices', reader: 'lianxi', key: 'id' },
  { name: 'explanations', path: '/api/issues/supervision/explanations', reader: 'jiandu', key: 'id' },
  { name: 'supervision records', path: '/api/issues/supervision/records', reader: 'jiandu', key: 'id' },
];

interface Page {
  items: Record<string, unknown>[];
  total: number;
  totalIsExact: boolean;
  page: number;
  pageSize: number;
}

const today = new Date().toISOString().slice(0, 10);
let ledgerNo = '';

async function pageOf(list: List, query: string): Promise<Page> {
  const res = await api<Page>('GET', `${list.path}${query}`, { token: await login(list.reader) });
  if (res.status !== 200) throw new Error(`${list.path}${query}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Keys that are not camelCase anywhere in a JSON value. */
function snakeKeys(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => snakeKeys(v, `${path}[${i}]`));
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [...(/^[a-z][A-Za-z0-9]*$/.test(k) ? [] : [`${path}.${k}`]), ...snakeKeys(v, `${path}.${k}`)]);
}

beforeAll(async () => {
  // At least two items in every list (other suites may add more while this one runs).
  const lianxi = await login('lianxi');
  const jiandu = await login('jiandu');
  const problem = await register('e001-audit', { deadline: '2027-09-30', specialReason: '涉及司法程序，需待判决' });
  ledgerNo = problem.ledgerNo;
  await register('e001-audit');
  for (const i of [1, 2]) {
    const notice = await api('POST', '/api/joint-meeting/notices', { token: lianxi, body: { title: `分页通报${i}`, content: '通报内容' } });
    const push = await api('POST', '/api/joint-meeting/pushes', { token: lianxi, body: { subject: `分页推送${i}`, content: '推送内容', units: ['U-REFORM'], replyBy: addDays(today, 30) } });
    const explanation = await api('POST', '/api/issues/supervision/explanations', { token: jiandu, body: { enterpriseCode: 'E001', topic: `分页说明${i}`, details: '请书面说明' } });
    expect([notice.status, push.status, explanation.status]).toEqual([201, 201, 201]);
    await recordVisit('E001', [ledgerNo]);
  }
  await openCase();
  await openCase();
}, 600_000);

afterAll(async () => {
  await closeDb();
  await closeTemporal();
});

describe('every list pages the same way', () => {
  it.each(LISTS)('$name: page 2 of size 1 is the second item of page 1 of size 2, in the shared shape', async (list) => {
    // Other suites may add items meanwhile: read until two reads of the first page agree around the single pages.
    const [whole, first, second] = await eventually(`a stable first page of ${list.name}`, async () => {
      const before = await pageOf(list, '?page=1&pageSize=2');
      const one = await pageOf(list, '?page=1&pageSize=1');
      const two = await pageOf(list, '?page=2&pageSize=1');
      const after = await pageOf(list, '?page=1&pageSize=2');
      const same = before.total === after.total && JSON.stringify(before.items) === JSON.stringify(after.items);
      return same ? ([after, one, two] as const) : undefined;
    });
    expect(Object.keys(whole).sort()).toEqual(['items', 'page', 'pageSize', 'total', 'totalIsExact']);
    expect(whole.total).toBeGreaterThanOrEqual(2);
    expect([whole.page, whole.pageSize, whole.items.length]).toEqual([1, 2, 2]);
    expect([second.page, second.pageSize, second.items.length]).toEqual([2, 1, 1]);
    expect([first.items[0]![list.key], second.items[0]![list.key]]).toEqual(whole.items.map((i) => i[list.key]));
    expect(first.items[0]![list.key]).not.toEqual(second.items[0]![list.key]);
    const defaults = await pageOf(list, '');
    expect([defaults.page, defaults.pageSize]).toEqual([1, 20]);
    expect(snakeKeys(defaults)).toEqual([]);
  });

  it.each([
    { name: 'inbox', path: '/api/notifications/inbox', reader: 'jiandu', key: 'id', extra: ['unread'] },
    { name: 'discipline transfers', path: '/api/issues/discipline-transfers', reader: 'jiandu', key: 'id', extra: [] },
  ])('$name: answers the same page shape and defaults', async (list) => {
    const defaults = await pageOf(list, '');
    expect(Object.keys(defaults).sort()).toEqual(['items', 'page', 'pageSize', 'total', 'totalIsExact', ...list.extra].sort());
    expect([defaults.page, defaults.pageSize, defaults.totalIsExact]).toEqual([1, 20, true]);
    const beyond = await pageOf(list, '?page=100000&pageSize=200');
    expect([beyond.items, beyond.page, beyond.pageSize]).toEqual([[], 100000, 200]);
    const big = await api('GET', `${list.path}?pageSize=201`, { token: await login(list.reader) });
    expect([big.status, big.body.fields]).toEqual([400, [{ field: 'pageSize', reasons: ['每页条数最多为 200'] }]]);
  });

  it.each(LISTS)('$name: refuses a page size over 200 and page 0 in Chinese, naming the field', async (list) => {
    const token = await login(list.reader);
    const big = await api('GET', `${list.path}?pageSize=201`, { token });
    expect([big.status, big.body.fields]).toEqual([400, [{ field: 'pageSize', reasons: ['每页条数最多为 200'] }]]);
    const zero = await api('GET', `${list.path}?page=0`, { token });
    expect([zero.status, zero.body.fields]).toEqual([400, [{ field: 'page', reasons: ['页码必须是正整数'] }]]);
  });
});

describe('every JSON field is camelCase', () => {
  it('the problem detail, its extensions and determinations included', async () => {
    const { ledgerNo: withCase } = await openCase();
    for (const n of [ledgerNo, withCase]) {
      const detail = await api('GET', `/api/issues/problems/${n}`, { token: await login('jiandu') });
      expect(detail.status).toBe(200);
      expect(snakeKeys(detail.body)).toEqual([]);
    }
    const withExtension = await api('GET', `/api/issues/problems/${ledgerNo}`, { token: await login('jiandu') });
    expect(withExtension.body.extensions).toEqual([expect.objectContaining({ requestedDeadline: '2027-09-30', specialReason: '涉及司法程序，需待判决', status: 'pending', requestedBy: expect.any(String), requestedAt: expect.any(String) })]);
    const determined = await api('GET', `/api/issues/problems/${withCase}`, { token: await login('jiandu') });
    expect(determined.body.determinations).toEqual([expect.objectContaining({ criterion: 'N2', review: 'accepted', determinedBy: expect.any(String), reviewedAt: expect.any(String) })]);
  }, 300_000);
});
